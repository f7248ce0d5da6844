#!/usr/bin/env node
// Runs tests/eval/questions.tsv through `kb-indexer ask` against the index of
// each question's side and prints how often the bot did the right thing.
//   node scripts/eval.mjs [--index build/kb] [--verbose]
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const indexDir = path.resolve(root, args.includes('--index') ? args[args.indexOf('--index') + 1] : 'build/kb');
const verbose = args.includes('--verbose');

const rows = readFileSync(path.join(root, 'tests/eval/questions.tsv'), 'utf8').trim().split('\n').slice(1)
  .map((l) => { const [audience, expected, question] = l.split('\t'); return { audience, expected, question }; });

const tally = {};
const bump = (k, ok) => { tally[k] = tally[k] || { ok: 0, n: 0 }; tally[k].n++; if (ok) tally[k].ok++; };
for (const q of rows) {
  const r = spawnSync(path.join(root, 'build/bin/kb-indexer'), ['ask', '--index', path.join(indexDir, q.audience), '--json', q.question], { encoding: 'utf8' });
  const reply = JSON.parse(r.stdout);
  let ok, kind;
  if (q.expected === 'none') { kind = 'refuse'; ok = reply.decision === 'escalate' || (reply.decision === 'suggest' && false); }
  else if (q.expected === 'human') { kind = 'human'; ok = reply.decision === 'escalate' && reply.reason === 'asked-for-human'; }
  else {
    kind = 'answer';
    ok = reply.decision === 'answer' && reply.answer.id === q.expected;
    bump('answer-or-suggested', ok || (reply.decision === 'suggest' && reply.suggestions.some((s) => s.id === q.expected)));
  }
  bump(`${q.audience}/${kind}`, ok);
  if (verbose && !ok) console.log(`✗ [${q.audience}] ${q.question} → ${reply.decision} ${reply.answer ? reply.answer.id : reply.suggestions.map((s) => s.id).join(',')} (want ${q.expected}, ${reply.confidence})`);
}
for (const [k, { ok, n }] of Object.entries(tally).sort()) console.log(`${k.padEnd(22)} ${String(ok).padStart(4)}/${String(n).padEnd(4)} ${(100 * ok / n).toFixed(1)}%`);
