// Side by side, in one run: our engine against the in-browser search libraries
// a site would pick instead, on the same entries and the same labelled questions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { documents, miniSearchRanker, flexSearchRanker } from '../../bench/peers.mjs';
import { root, runIndexer } from './helpers.mjs';

const rows = readFileSync(path.join(root, 'tests/eval/questions.tsv'), 'utf8').trim().split('\n').slice(1)
  .map((l) => { const [audience, expected, question] = l.split('\t'); return { audience, expected, question }; })
  .filter((q) => !['none', 'human'].includes(q.expected));

test('top-1 accuracy on the same entries and questions: ours beats MiniSearch and FlexSearch', () => {
  const entries = documents();
  const sides = { public: entries.filter((e) => e.audience === 'public'), internal: entries };
  const score = (make) => {
    const rankers = Object.fromEntries(Object.entries(sides).map(([s, list]) => [s, make(list)]));
    const right = rows.filter((q) => rankers[q.audience](q.question) === q.expected).length;
    return Math.round((1000 * right) / rows.length) / 10;
  };
  const native = JSON.parse(runIndexer(['eval', '--index', 'build/kb', '--json', 'tests/eval/questions.tsv']).stdout);
  const table = {
    'this engine (Xapian, WASM)': native.figures.all.top1_accuracy,
    'MiniSearch 7, bigram tokenizer': score(miniSearchRanker),
    'FlexSearch 0.8, CJK encoder': score(flexSearchRanker),
  };
  console.log(`top-1 accuracy on ${rows.length} answerable questions`);
  for (const [name, pct] of Object.entries(table)) console.log(`  ${name.padEnd(32)} ${pct.toFixed(1)}%`);
  const [ours, ...others] = Object.values(table);
  for (const other of others) assert.ok(ours > other, `ours ${ours}% vs ${other}%`);
});
