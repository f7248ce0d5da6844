#!/usr/bin/env node
// MiniSearch for `kb-indexer eval`, configured exactly as in peers.mjs, so the
// indexer can set it beside the engine on the same entries and questions.
//   stdin:  {"indexes": {name: [{id, audience, title, questions: [], situation, body}]},
//            "questions": [{"index": name, "question": text}]}
//   stdout: [[id, id, id], ...]  the first three results per question, best first
// On failure, one line on stderr saying why, and exit code 3.
import { readFileSync } from 'node:fs';

function fail(why) {
  process.stderr.write(`${why}\n`);
  process.exit(3);
}

let peers;
try {
  peers = await import('./peers.mjs');
} catch (e) {
  fail(`cannot load minisearch: ${String(e.message).split('\n')[0]}`);
}
let input;
try {
  input = JSON.parse(readFileSync(0, 'utf8'));
} catch (e) {
  fail(`stdin is not the JSON kb-indexer sends: ${e.message}`);
}
const indexes = Object.fromEntries(Object.entries(input.indexes)
  .map(([name, entries]) => [name, peers.miniSearchIndex(peers.documents(entries))]));
const ranked = input.questions.map(({ index, question }) => indexes[index].search(question).slice(0, 3).map((r) => r.id));
process.stdout.write(JSON.stringify(ranked));
