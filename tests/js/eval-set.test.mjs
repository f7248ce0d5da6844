// The labelled evaluation set: well-formed, and every label names a real entry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadEntries, root } from './helpers.mjs';

const LABELS = new Set(['none', 'human']);

function loadEval() {
  const lines = readFileSync(path.join(root, 'tests/eval/questions.tsv'), 'utf8').trim().split('\n');
  assert.deepEqual(lines[0].split('\t'), ['audience', 'expected', 'question']);
  return lines.slice(1).map((line, i) => {
    const [audience, expected, question] = line.split('\t');
    return { line: i + 2, audience, expected, question };
  });
}

// Letters, digits and CJK only: the same rule the indexer uses for duplicate phrasings.
const key = (s) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

const entries = loadEntries();
const byId = new Map(entries.map((e) => [e.id, e]));
const questions = loadEval();

test('the set is large enough and covers both sides, refusals and hand-overs', () => {
  assert.ok(questions.length >= 300, `${questions.length} questions`);
  assert.ok(questions.some((q) => q.audience === 'internal'));
  const refusals = questions.filter((q) => q.audience === 'public' && q.expected === 'none');
  assert.ok(refusals.length >= 40, `${refusals.length} unanswerable questions`);
  assert.ok(questions.filter((q) => q.expected === 'human').length >= 3);
});

test('every labelled entry exists and is visible on the side that asks', () => {
  for (const q of questions) {
    assert.ok(['public', 'internal'].includes(q.audience), `line ${q.line}: audience '${q.audience}'`);
    assert.ok(q.question && q.question.trim(), `line ${q.line}: empty question`);
    if (LABELS.has(q.expected)) continue;
    const entry = byId.get(q.expected);
    assert.ok(entry, `line ${q.line}: no entry '${q.expected}'`);
    if (q.audience === 'public')
      assert.equal(entry.audience, 'public', `line ${q.line}: '${q.expected}' is internal`);
  }
});

test("evaluation questions are not copies of the entries' own phrasings", () => {
  const phrasings = new Map();
  for (const e of entries) for (const p of e.questions) phrasings.set(key(p), e.id);
  for (const q of questions) {
    assert.ok(
      !phrasings.has(key(q.question)),
      `line ${q.line}: '${q.question}' is a phrasing of ${phrasings.get(key(q.question))}`,
    );
  }
});
