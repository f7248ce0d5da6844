// The real WASM build under Node, through the same JS API the Worker uses,
// fetching the index over HTTP from the real static server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { root, startServer } from './helpers.mjs';

const require = createRequire(import.meta.url);
const createKbCore = require(path.join(root, 'build/site/kb-core.js'));
const { fetchIndex, loadEngine, INDEX_FORMAT } = require(path.join(root, 'build/site/kb-engine-api.js'));
const constants = JSON.parse(readFileSync(path.join(root, 'core/constants.json'), 'utf8'));
// Emscripten 3.1.6's glue would fetch() the .wasm by file path under Node 18+.
const wasmBinary = readFileSync(path.join(root, 'build/site/kb-core.wasm'));

let server, url, engine;
before(async () => {
  ({ server, url } = await startServer());
  const { bytes } = await fetchIndex(`${url}/kb/`);
  engine = await loadEngine({ createModule: createKbCore, moduleOptions: { wasmBinary }, indexBytes: bytes });
});
after(() => server.close());

test('the engine opens the public index from memory', () => {
  const manifest = JSON.parse(readFileSync(path.join(root, 'build/site/kb/manifest.json'), 'utf8'));
  assert.equal(engine.info.entries, manifest.entries);
});

test('the engine reads the index format of core/constants.json, as the page does', async () => {
  const mod = await createKbCore({ wasmBinary });
  assert.equal(mod._kb_index_format(), constants.indexFormat);
  assert.equal(engine.info.format, constants.indexFormat);
  assert.equal(INDEX_FORMAT, constants.indexFormat, 'kb-engine-api.js checks manifests for the same format');
});

test('ask answers the fee question like the native CLI', () => {
  const reply = engine.ask('售后服务收费吗');
  assert.equal(reply.decision, 'answer');
  assert.match(reply.answer.title, /收费/);
});

test('search and get return entries; an unknown id is null', () => {
  const found = engine.search('服务电话', { limit: 5 });
  assert.ok(found.hits.length > 0);
  const entry = engine.get(found.hits[0].id);
  assert.equal(entry.id, found.hits[0].id);
  assert.equal(engine.get('no-such-entry'), null);
});

test('errors come back as Error objects, never as crashes', async () => {
  assert.throws(() => engine.ask(42), /must be a string/);
  await assert.rejects(fetchIndex(`${url}/missing/`), /HTTP 404/);
  const mod = await createKbCore({ wasmBinary });
  const reply = JSON.parse(mod.openIndex('/does-not-exist.db'));
  assert.equal(reply.ok, false);
  assert.match(reply.error, /cannot open/);
  const ask = JSON.parse(mod.ask('你好', ''));
  assert.equal(ask.ok, false);
  assert.match(ask.error, /no index is open/);
});

test(
  'a download that stalls fails with a clear error; one that is slow but moving completes',
  { timeout: 30000 },
  async () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'build/site/kb/manifest.json'), 'utf8'));
    const db = `/kb/${manifest.database}`;
    for (const [where, fault] of [
      ['/kb/manifest.json', 'silent'],
      [db, 'silent'],
      [db, 'stall'],
    ]) {
      const bad = await startServer({ faults: { [where]: fault } });
      try {
        const started = Date.now();
        await assert.rejects(
          fetchIndex(`${bad.url}/kb/`, { stallMs: 400 }),
          new RegExp(`could not download .*${where.replace(/[.]/g, '\\.')}: no data for 0\\.4 s`),
          `${where} ${fault}`,
        );
        assert.ok(Date.now() - started < 5000, 'it gives up, it does not hang');
      } finally {
        bad.server.close();
      }
    }
    // 64 bytes every 100 ms: longer in all than the 400 ms watch, never that long without a byte.
    const slow = await startServer({ faults: { '/kb/manifest.json': 'trickle' } });
    try {
      const started = Date.now();
      const { manifest: got } = await fetchIndex(`${slow.url}/kb/`, { stallMs: 400 });
      assert.equal(got.database, manifest.database);
      assert.ok(Date.now() - started > 400, 'the whole download took longer than the watch');
    } finally {
      slow.server.close();
    }
  },
);

test('the engine links neither embind nor a JSON library, which every visitor would download', () => {
  const glue = readFileSync(path.join(root, 'build/site/kb-core.js'), 'utf8');
  assert.doesNotMatch(glue, /_embind_register/, 'embind is in the glue');
  const wasm = readFileSync(path.join(root, 'build/site/kb-core.wasm')).toString('latin1');
  assert.ok(!wasm.includes('[json.exception.'), 'nlohmann/json is linked into the .wasm');
});
