// The answer engine measured on the labelled set, against its targets
// (docs/answer-engine.md). Run natively, as `kb-indexer eval` does for editors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runIndexer } from './helpers.mjs';

const TARGETS = { top1_accuracy: 90, unanswerable_answered: 5, handover_escalated: 100 };

test('accuracy, refusals and hand-overs meet their targets', () => {
  const r = runIndexer(['eval', '--index', 'build/kb', '--json', 'tests/eval/questions.tsv']);
  assert.equal(r.code, 0, r.stderr);
  const { figures } = JSON.parse(r.stdout);
  console.log(runIndexer(['eval', '--index', 'build/kb', 'tests/eval/questions.tsv']).stdout);
  for (const side of ['all', 'public', 'internal']) {
    assert.ok(figures[side].top1_accuracy >= TARGETS.top1_accuracy, `${side}: top-1 ${figures[side].top1_accuracy}%`);
  }
  assert.ok(figures.public.unanswerable_answered <= TARGETS.unanswerable_answered,
    `unanswerable answered: ${figures.public.unanswerable_answered}%`);
  assert.equal(figures.all.handover_escalated, TARGETS.handover_escalated);
  assert.ok(figures.traditional.answerable >= 20, 'questions in traditional characters are measured');
});
