// Reading a database block by block instead of whole: the engine's lazy file
// under the real WASM build in Node (ranges read from disk), and in Chromium
// with HTTP range requests from the Web Worker to the real static server.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { launchBrowser, openEnginePage, root, startServer } from './helpers.mjs';

const require = createRequire(import.meta.url);
const createKbCore = require(path.join(root, 'build/site/kb-core.js'));
const { loadEngine } = require(path.join(root, 'build/site/kb-engine-api.js'));
const wasmBinary = readFileSync(path.join(root, 'build/site/kb-core.wasm'));
const manifest = JSON.parse(readFileSync(path.join(root, 'build/agent/kb/manifest.json'), 'utf8'));
const dbFile = path.join(root, 'build/agent/kb', manifest.database);
const QUESTIONS = [
  '售后服务收费吗',
  '客户要投诉怎么办',
  '發票怎麼開',
  'warranty period',
  '退货流程',
  '会员积分',
];

/** A range reader over the database file, which can be told to fail like a dropped network. */
function fileSource() {
  const fd = openSync(dbFile, 'r');
  const source = {
    size: statSync(dbFile).size,
    failing: false,
    reads: [],
    readRange(start, end) {
      if (source.failing) throw new Error('network is down');
      source.reads.push([start, end]);
      const bytes = new Uint8Array(end - start);
      readSync(fd, bytes, 0, bytes.length, start);
      return bytes;
    },
    close: () => closeSync(fd),
  };
  return source;
}

const load = (options) =>
  loadEngine({ createModule: createKbCore, moduleOptions: { wasmBinary }, ...options });
let whole;
before(async () => {
  whole = await load({ indexBytes: readFileSync(dbFile) });
});

test('a lazily read database answers exactly like the same database in memory, reading part of it', async () => {
  const source = fileSource();
  try {
    const lazy = await load({ lazyIndex: { size: source.size, readRange: source.readRange } });
    assert.equal(lazy.info.entries, whole.info.entries);
    for (const q of QUESTIONS) assert.deepEqual(lazy.ask(q), whole.ask(q), q);
    assert.deepEqual(
      lazy.search('投诉', { limit: 5, facets: true }),
      whole.search('投诉', { limit: 5, facets: true }),
    );
    const stats = lazy.stats();
    assert.equal(stats.mode, 'ranges');
    assert.equal(stats.indexBytes, source.size);
    assert.equal(stats.requests, source.reads.length);
    assert.equal(
      stats.fetchedBytes,
      source.reads.reduce((n, [s, e]) => n + e - s, 0),
    );
    assert.ok(stats.fetchedBytes < source.size, `read ${stats.fetchedBytes} of ${source.size} bytes`);
    // Reads are whole chunks, each fetched once while the cache has room.
    const starts = source.reads.map(([s]) => s);
    assert.equal(new Set(starts).size, starts.length);
    for (const [s] of source.reads) assert.equal(s % stats.chunkBytes, 0);
  } finally {
    source.close();
  }
});

test('a cache smaller than the questions need evicts and refetches, and answers stay right', async () => {
  const source = fileSource();
  try {
    const lazy = await load({
      lazyIndex: { size: source.size, readRange: source.readRange, chunkSize: 8192, cacheBytes: 3 * 8192 },
    });
    for (const q of [...QUESTIONS, ...QUESTIONS]) assert.deepEqual(lazy.ask(q), whole.ask(q), q);
    const starts = source.reads.map(([s]) => s);
    assert.ok(new Set(starts).size < starts.length, 'some chunk was fetched again after eviction');
  } finally {
    source.close();
  }
});

test('a failed read is a clear error, and the engine recovers when reads work again', async () => {
  const source = fileSource();
  try {
    const lazy = await load({ lazyIndex: { size: source.size, readRange: source.readRange } });
    source.failing = true;
    assert.throws(() => lazy.ask('会员积分怎么兑换'), /I\/O error.*\(network is down\)/);
    source.failing = false;
    assert.deepEqual(lazy.ask('会员积分怎么兑换'), whole.ask('会员积分怎么兑换'));
    // A source that fails from the start does not open, with the reason.
    source.failing = true;
    await assert.rejects(
      load({ lazyIndex: { size: source.size, readRange: source.readRange } }),
      /network is down/,
    );
    // A short read is caught too.
    await assert.rejects(
      load({ lazyIndex: { size: source.size, readRange: () => new Uint8Array(10) } }),
      /returned 10 bytes/,
    );
  } finally {
    source.close();
  }
});

test('reload swaps a lazy database for another and drops the old one', async () => {
  const a = fileSource();
  const b = fileSource();
  try {
    const lazy = await load({ lazyIndex: { size: a.size, readRange: a.readRange } });
    lazy.ask('售后服务收费吗');
    lazy.reload({ size: b.size, readRange: b.readRange });
    const before = a.reads.length;
    assert.deepEqual(lazy.ask('客户要投诉怎么办'), whole.ask('客户要投诉怎么办'));
    assert.equal(a.reads.length, before, 'the old source is no longer read');
    assert.ok(b.reads.length > 0);
    lazy.reload(readFileSync(dbFile));
    assert.equal(lazy.stats().mode, 'memory');
  } finally {
    a.close();
    b.close();
  }
});

test('the static server answers single byte ranges, and refuses ones past the end', async () => {
  const { server, url } = await startServer();
  try {
    const target = `${url}/agent/kb/${manifest.database}`;
    const size = statSync(dbFile).size;
    const bytes = readFileSync(dbFile);
    let r = await fetch(target, { headers: { Range: 'bytes=8192-16383' } });
    assert.equal(r.status, 206);
    assert.equal(r.headers.get('content-range'), `bytes 8192-16383/${size}`);
    assert.deepEqual(new Uint8Array(await r.arrayBuffer()), new Uint8Array(bytes.subarray(8192, 16384)));
    r = await fetch(target, { headers: { Range: 'bytes=-100' } });
    assert.equal(r.status, 206);
    assert.equal((await r.arrayBuffer()).byteLength, 100);
    r = await fetch(target, { headers: { Range: `bytes=${size}-` } });
    assert.equal(r.status, 416);
    assert.equal(r.headers.get('content-range'), `bytes */${size}`);
    r = await fetch(target);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('accept-ranges'), 'bytes');
  } finally {
    server.close();
  }
});

test('in Chromium, the worker reads a database over the size limit with range requests', async () => {
  const { server, url, traffic } = await startServer();
  const browser = await launchBrowser();
  try {
    const page = await openEnginePage(browser, url);
    traffic.reset();
    const result = await page.evaluate(async (questions) => {
      const engine = window[Symbol.for('kb-engine')].create({ index: '/agent/kb/', lazyAbove: 0 });
      await engine.ready;
      const first = await engine.stats();
      const replies = [];
      for (const q of questions) replies.push(await engine.ask(q));
      const after = await engine.stats();
      engine.terminate();
      return { first, after, replies };
    }, QUESTIONS);
    // The same answers as the whole database in memory, in Node.
    assert.deepEqual(
      result.replies,
      QUESTIONS.map((q) => whole.ask(q)),
    );
    assert.equal(result.first.mode, 'ranges');
    assert.ok(result.first.requests >= 1);
    assert.ok(
      result.after.fetchedBytes < result.after.indexBytes,
      `fetched ${result.after.fetchedBytes} of ${result.after.indexBytes}`,
    );
    // The server sent the database's bytes that the engine counted, and no more.
    assert.equal(traffic.bytes.get(`/agent/kb/${manifest.database}`), result.after.fetchedBytes);
  } finally {
    await browser.close();
    server.close();
  }
});

test('in Chromium, a range from another offset is an I/O error, not an answer from wrong bytes', async () => {
  const faults = {};
  const { server, url } = await startServer({ faults });
  const browser = await launchBrowser();
  const db = `/agent/kb/${manifest.database}`;
  try {
    const page = await openEnginePage(browser, url);
    await page.evaluate(async () => {
      window.engine = window[Symbol.for('kb-engine')].create({ index: '/agent/kb/', lazyAbove: 0 });
      await window.engine.ready;
    });
    const ask = (questions) =>
      page.evaluate(async (qs) => {
        const out = [];
        for (const q of qs) {
          out.push(
            await window.engine.ask(q).then(
              (reply) => ({ reply }),
              (err) => ({ error: err.message }),
            ),
          );
        }
        return out;
      }, questions);
    const [first, ...rest] = QUESTIONS;
    assert.deepEqual(await ask([first]), [{ reply: whole.ask(first) }]);

    // From here every range comes from 4 KB off, with a Content-Range that says so.
    faults[db] = 'shifted-range';
    const outcomes = await ask(rest);
    const failed = outcomes.filter((o) => o.error);
    assert.ok(failed.length > 0, 'some question needed a block not read before');
    for (const { error } of failed) {
      assert.match(error, /I\/O error.*asked for bytes \d+-\d+, the server sent \d+-\d+/);
    }
    outcomes.forEach((o, i) => {
      if (!o.error) assert.deepEqual(o.reply, whole.ask(rest[i]), 'answered only from blocks read right');
    });

    // The next question after the server is right again is answered.
    delete faults[db];
    assert.deepEqual(
      await ask(rest),
      rest.map((q) => ({ reply: whole.ask(q) })),
    );

    // Shifted from the first request on: the database does not open, and says why.
    faults[db] = 'shifted-range';
    const opened = await page.evaluate(() =>
      window[Symbol.for('kb-engine')].create({ index: '/agent/kb/', lazyAbove: 0 }).ready.then(
        () => 'opened',
        (err) => err.message,
      ),
    );
    assert.match(opened, /asked for bytes 0-8191, the server sent 4096-12287/);
  } finally {
    await browser.close();
    server.close();
  }
});
