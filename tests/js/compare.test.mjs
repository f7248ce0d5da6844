// Side by side, in one run: our engine against the in-browser search libraries
// a site would pick instead, on the same entries and the same labelled questions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { documents, miniSearchRanker, flexSearchRanker } from '../../bench/peers.mjs';
import { root, runIndexer } from './helpers.mjs';

const rows = readFileSync(path.join(root, 'tests/eval/questions.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => {
    const [audience, expected, question] = l.split('\t');
    return { audience, expected, question };
  })
  .filter((q) => !['none', 'human'].includes(q.expected));

test('best candidate right on the same entries and questions: ours beats MiniSearch and FlexSearch', () => {
  const entries = documents();
  const sides = { public: entries.filter((e) => e.audience === 'public'), internal: entries };
  const score = (make) => {
    const rankers = Object.fromEntries(Object.entries(sides).map(([s, list]) => [s, make(list)]));
    const right = rows.filter((q) => rankers[q.audience](q.question) === q.expected).length;
    return Math.round((1000 * right) / rows.length) / 10;
  };
  const native = JSON.parse(
    runIndexer(['eval', '--index', 'build/kb', '--json', 'tests/eval/questions.tsv']).stdout,
  );
  const table = {
    'this engine (Xapian, WASM)': native.figures.all.best_right,
    'MiniSearch 7, bigram tokenizer': score(miniSearchRanker),
    'FlexSearch 0.8, CJK encoder': score(flexSearchRanker),
  };
  // The libraries only rank; the engine also decides, and answers this share outright and right.
  console.log(
    `best candidate right on ${rows.length} answerable questions ` +
      `(this engine answers ${native.figures.all.answered_right}% of them outright and right)`,
  );
  for (const [name, pct] of Object.entries(table)) console.log(`  ${name.padEnd(32)} ${pct.toFixed(1)}%`);
  const [ours, ...others] = Object.values(table);
  for (const other of others) assert.ok(ours > other, `ours ${ours}% vs ${other}%`);
  // kb-indexer eval's MiniSearch column is this same MiniSearch, on the same entries.
  assert.equal(native.baselines.MiniSearch.all.best_right, table['MiniSearch 7, bigram tokenizer']);
});
