// Memory over a long session: 1,000 questions through the widget's engine in
// a Web Worker in Chromium must not grow the engine's memory without bound.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openEnginePage, root, withSiteAndBrowser } from './helpers.mjs';

let url, browser;
withSiteAndBrowser((site) => ({ url, browser } = site));

const questions = readFileSync(path.join(root, 'tests/eval/questions.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t')[2]);

test("1,000 questions in one session leave the engine's memory where it settled", async () => {
  const page = await openEnginePage(browser, url);
  const samples = await page.evaluate(async (list) => {
    const engine = window[Symbol.for('kb-engine')].create({ index: 'kb/' });
    await engine.ready;
    const out = {};
    for (let i = 1; i <= 1000; i++) {
      // Every labelled question, then variants: new words, follow-ups, searches.
      const q = list[i % list.length] + (i > list.length ? ` ${i}号` : '');
      await engine.ask(q, i % 4 ? undefined : { previous: list[(i + 1) % list.length], unhelpful: true });
      if (i % 3 === 0) await engine.search(q, { limit: 10, facets: true });
      if ([200, 600, 1000].includes(i)) out[i] = await engine.stats();
    }
    engine.terminate();
    return out;
  }, questions);
  await page.close();
  const heap = (i) => samples[i].heapBytes;
  // Reported for the record (make bench does not cover sessions).
  console.log(
    `# engine heap after 200 / 600 / 1,000 questions: ${heap(200)} / ${heap(600)} / ${heap(1000)} bytes; ` +
      `WebAssembly memory ${samples[1000].memoryBytes} bytes`,
  );
  // Caches fill early; after that a leak of even 300 bytes a question would show.
  assert.ok(heap(1000) - heap(200) < 256 * 1024, `heap grew from ${heap(200)} to ${heap(1000)} bytes`);
  assert.equal(samples[1000].memoryBytes, samples[200].memoryBytes, 'the WebAssembly memory did not grow');
});
