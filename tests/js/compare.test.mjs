// Side by side, in one run: our engine against the in-browser search libraries
// a site would pick instead, on the same entries and the same labelled questions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import MiniSearch from 'minisearch';
import FlexSearch from 'flexsearch';
import { loadEntries, root, runIndexer } from './helpers.mjs';

/** Entries as the libraries index them: title, phrasings and body text. */
function documents() {
  return loadEntries().map((e) => ({
    id: e.id, audience: e.audience, title: e.title, questions: e.questions.join('\n'), body: `${e.situation}\n${e.body}`,
  }));
}

/** CJK unigrams and bigrams plus Latin words: the usual way to make MiniSearch handle Chinese. */
function bigramTokenize(text) {
  const tokens = [];
  for (const run of text.toLowerCase().match(/[\p{Script=Han}]+|[a-z0-9]+/gu) || []) {
    if (/^[a-z0-9]+$/.test(run)) { tokens.push(run); continue; }
    const chars = [...run];
    chars.forEach((c, i) => { tokens.push(c); if (i + 1 < chars.length) tokens.push(c + chars[i + 1]); });
  }
  return tokens;
}

function miniSearchRanker(entries) {
  const ms = new MiniSearch({
    fields: ['title', 'questions', 'body'], storeFields: ['id'], tokenize: bigramTokenize,
    searchOptions: { boost: { title: 2, questions: 2 }, combineWith: 'OR', fuzzy: 0.2 },
  });
  ms.addAll(entries);
  return (q) => (ms.search(q)[0] || {}).id || '';
}

function flexSearchRanker(entries) {
  const index = new FlexSearch.Document({
    document: { id: 'id', index: ['title', 'questions', 'body'] },
    encoder: FlexSearch.Charset.CJK, tokenize: 'forward',
  });
  for (const e of entries) index.add(e);
  return (q) => {
    const results = index.search(q, { limit: 5, suggest: true, merge: true });
    return (results[0] || {}).id || '';
  };
}

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
