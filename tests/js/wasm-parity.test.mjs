// The WASM engine decides exactly as the native one on the whole evaluation set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { root, runIndexer } from './helpers.mjs';

const require = createRequire(import.meta.url);
const createKbCore = require(path.join(root, 'build/site/kb-core.js'));
const { loadEngine } = require(path.join(root, 'build/site/kb-engine-api.js'));
const wasmBinary = readFileSync(path.join(root, 'build/site/kb-core.wasm'));

test('native and WASM give the same decision, entry and confidence for every question', async () => {
  const native = runIndexer(['eval', '--index', 'build/kb', '--json', 'tests/eval/questions.tsv']);
  assert.equal(native.code, 0, native.stderr);
  const { results } = JSON.parse(native.stdout);
  const engines = {};
  for (const [side, dir] of [
    ['public', 'build/site/kb'],
    ['internal', 'build/agent/kb'],
  ]) {
    const { database } = JSON.parse(readFileSync(path.join(root, dir, 'manifest.json'), 'utf8'));
    const indexBytes = readFileSync(path.join(root, dir, database));
    engines[side] = await loadEngine({
      createModule: createKbCore,
      moduleOptions: { wasmBinary },
      indexBytes,
    });
  }
  const differences = [];
  for (const r of results) {
    const reply = engines[r.index].ask(r.question);
    const first = reply.answer ? reply.answer.id : (reply.suggestions[0] || { id: '' }).id;
    if (
      reply.decision !== r.decision ||
      first !== r.id ||
      Math.abs(reply.confidence - r.confidence) > 0.001
    ) {
      differences.push(
        `line ${r.line} ${r.question}: native ${r.decision} ${r.id} ${r.confidence}, wasm ${reply.decision} ${first} ${reply.confidence}`,
      );
    }
  }
  assert.ok(results.length >= 300);
  assert.deepEqual(differences, []);
});
