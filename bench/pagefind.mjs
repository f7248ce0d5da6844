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

/** Pagefind's own code, fetched once whatever the index: the rest is index. */
const isCode = (urlPath) => /\/pagefind(-worker)?\.js$|\/wasm\.[^/]*\.pagefind$/.test(urlPath);

/**
 * In a page of `url` (whose server mounts the Pagefind bundle at /pagefind/),
 * searches each question the way Pagefind's UI does (the query, then the data
 * of the first five results). Returns {code, index}: the bytes of Pagefind's
 * code, and the index bytes the server had sent after each question, as
 * counted by `traffic`.
 */
export async function pagefindBytes(browser, url, traffic, questions) {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${url}/policy.html`);
    traffic.reset();
    const sent = (code) => [...traffic.bytes].filter(([p]) => isCode(p) === code).reduce((a, [, b]) => a + b, 0);
    const index = [];
    await page.evaluate(async () => {
      window.pf = await import('/pagefind/pagefind.js');
      await window.pf.init();
    });
    for (const q of questions) {
      await page.evaluate(async (query) => {
        const search = await window.pf.search(query);
        await Promise.all(search.results.slice(0, 5).map((r) => r.data()));
      }, q);
      index.push(sent(false));
    }
    return { code: sent(true), index };
  } finally {
    await context.close();
  }
}
