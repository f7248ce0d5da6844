#!/usr/bin/env node
// How often the bot answers right, measured honestly by `kb-indexer eval` on
// three sets, beside MiniSearch and a BM25 baseline, with each set's targets
// (docs/answer-engine.md). `make bench` puts these rows in its table; run
// alone, `node bench/accuracy.mjs` prints them. It reports; it never fails.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const banking77 = path.join(root, '../shared/eval/banking77');

export const SETS = [
  { name: 'held-out phrasings', args: ['--holdout', 'kb-content'] },
  { name: 'BANKING77', args: [banking77], needs: banking77 },
  { name: "authors' set", args: ['--index', 'build/kb', 'tests/eval/questions.tsv'] },
];

const FIGURES = [
  ['answered_right', 'answered and right'], ['answered_wrong', 'wrongly answered'],
  ['suggested_right', 'right entry suggested'], ['best_right', 'best candidate right'], ['top3_right', 'right entry in top 3'],
  ['out_of_scope_answered', 'out of scope answered'], ['handover_escalated', 'hand-over'],
];

const pct = (v) => (typeof v === 'number' ? `${v.toFixed(1)} %` : '—');

/**
 * One row per figure and set: {section, measure, value (%), target [op, limit] or null, detail}
 * (detail: n, and the baselines' figure), or a row saying why a set was skipped.
 */
export function accuracyRows(indexer = path.join(root, 'build/bin/kb-indexer')) {
  const rows = [];
  for (const set of SETS) {
    const section = `accuracy: ${set.name}`;
    if (set.needs && !existsSync(set.needs)) {
      rows.push({ section, measure: 'skipped', value: null, target: null, detail: `no ${path.relative(root, set.needs)}` });
      continue;
    }
    const r = spawnSync(indexer, ['eval', '--json', ...set.args], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
    if (r.status !== 0) {
      rows.push({ section, measure: 'failed', value: null, target: null, detail: (r.stderr || '').trim().split('\n')[0] });
      continue;
    }
    const out = JSON.parse(r.stdout);
    const all = out.figures.all;
    const targets = Object.fromEntries(out.targets.map((t) => [t.figure, [t.op, t.target]]));
    for (const [key, label] of FIGURES) {
      if (all[key] === null && !targets[key]) continue;
      const n = key === 'out_of_scope_answered' ? all.out_of_scope : key === 'handover_escalated' ? all.handover : all.answerable;
      const peers = ['MiniSearch', 'BM25'].filter((name) => out.baselines[name]).map((name) => `${name} ${pct(out.baselines[name].all[key])}`);
      const skipped = Object.keys(out.skipped).map((name) => `${name} skipped`);
      const detail = [`n ${n}`, ...(['best_right', 'top3_right'].includes(key) ? [...peers, ...skipped] : [])].join('; ');
      rows.push({ section, measure: label, value: all[key], target: targets[key] || null, detail });
    }
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const r of accuracyRows()) {
    const verdict = !r.target || r.value === null ? ''
      : (r.target[0] === '>=' ? r.value >= r.target[1] : r.value <= r.target[1]) ? 'PASS' : 'FAIL';
    const target = r.target ? `${r.target[0] === '>=' ? '≥' : '≤'} ${r.target[1]} %` : '';
    console.log([r.section.padEnd(30), r.measure.padEnd(24), pct(r.value).padStart(8), target.padEnd(8), verdict.padEnd(4), r.detail].join('  '));
  }
}
