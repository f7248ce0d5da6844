// Pagefind, the static-site search library that loads its index in pieces,
// side by side with this engine's lazily read index: how many bytes a visitor
// downloads for the first search and for ten more.
import { mkdirSync } from 'node:fs';
import * as pagefind from 'pagefind';

/** Indexes entries ({id, title, questions, body}) with Pagefind's Node API into outDir; resolves to seconds taken. */
export async function buildPagefind(docs, outDir) {
  const t0 = performance.now();
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'zh-cn' });
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
  for (const d of docs) {
    const r = await index.addCustomRecord({ url: `/entry/${d.id}`, content: `${d.title}\n${d.questions}\n${d.body}`, language: 'zh-cn', meta: { title: d.title } });
    if (r.errors.length) throw new Error(`pagefind: ${r.errors.join('; ')}`);
  }
  mkdirSync(outDir, { recursive: true });
  const w = await index.writeFiles({ outputPath: outDir });
  if (w.errors.length) throw new Error(`pagefind: ${w.errors.join('; ')}`);
  await pagefind.close();
  return (performance.now() - t0) / 1000;
}

/**
 * In a page of `url` (whose server mounts the Pagefind bundle at /pagefind/),
 * searches each question the way Pagefind's UI does (the query, then the data
 * of the first five results) and returns the bytes the server sent after each,
 * as counted by `traffic`.
 */
export async function pagefindBytes(browser, url, traffic, questions) {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${url}/policy.html`);
    traffic.reset();
    const sent = () => [...traffic.bytes.values()].reduce((a, b) => a + b, 0);
    const after = [];
    await page.evaluate(async () => {
      window.pf = await import('/pagefind/pagefind.js');
      await window.pf.init();
    });
    for (const q of questions) {
      await page.evaluate(async (query) => {
        const search = await window.pf.search(query);
        await Promise.all(search.results.slice(0, 5).map((r) => r.data()));
      }, q);
      after.push(sent());
    }
    return after;
  } finally {
    await context.close();
  }
}
