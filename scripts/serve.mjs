#!/usr/bin/env node
// Static server for the demo: build/site at /, build/agent at /agent/.
// Sends the strict Content-Security-Policy the widget must live under, so the
// demo and the browser tests prove it works there. The reference hand-over
// receiver (scripts/webhook-receiver.mjs) takes POSTs at /demo-webhook; with
// KB_DEMO_LIST_HANDOVERS=1 a GET there from this machine's same origin also
// lists what it received (demo only; the inbox file has them anyway).
import { createServer } from 'node:http';
import { appendFileSync, createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createReceiver } from './webhook-receiver.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.db': 'application/octet-stream',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

// The caching docs/deploying.md recommends. A name that carries its content's
// hash (the index's kb.<hash>.db, and the engine files of scripts/hash-assets.mjs)
// never changes content: a year, and no revalidation. Everything else keeps
// its name across builds: kb-widget.js (what pages embed), the manifest, the
// pages. Those are revalidated on every use, a 304 when unchanged.
const IMMUTABLE = /\/(kb\.[0-9a-f]+\.db|kb-[a-z-]+\.[0-9a-f]+\.(js|wasm|css))$/;
export const cacheControl = (file) =>
  IMMUTABLE.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache';

/** A validator that changes whenever the file does, as nginx makes them: size and modification time. */
const etagOf = (stat) => `"${Math.floor(stat.mtimeMs).toString(16)}-${stat.size.toString(16)}"`;

const SHIFTED_BY = 4096; // the 'shifted-range' fault: whole Xapian blocks, so the wrong bytes look plausible

export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'";

/**
 * The byte range a Range header asks of a file of `size` bytes: [start, end]
 * inclusive, null for the whole file (no header, or several ranges, which we
 * answer whole), or 'unsatisfiable'.
 */
export function parseRange(header, size) {
  const m = /^bytes=(\d*)-(\d*)$/.exec(String(header || '').trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start, end;
  if (m[1] === '') {
    // the last N bytes
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  return start > end || start >= size ? 'unsatisfiable' : [start, end];
}

/**
 * Serves each URL prefix from its folder, with single HTTP ranges (the engine
 * reads large indexes block by block); resolves to {server, url, receiver,
 * analytics, traffic}. traffic.bytes counts body bytes sent per path.
 *
 * `faults` make a bad network for the tests, by path: 'silent' accepts the
 * request and never answers; 'stall' sends the headers and half the body,
 * then nothing; 'trickle' sends the body 64 bytes every 100 ms; 'shifted-range'
 * answers a range request with as many bytes from 4 KB further on (or back, at
 * the end of the file), and a Content-Range that says so, as a confused cache
 * might. `faults` is read on every request, so a test can change it midway.
 * server.close() also drops the connections they hold open.
 */
export function startServer({
  port = 0,
  host = '127.0.0.1',
  mounts = { '/agent/': 'build/agent', '/': 'build/site' },
  receiver = createReceiver(),
  analyticsLog = null,
  faults = {},
} = {}) {
  const analytics = [];
  const traffic = {
    bytes: new Map(),
    requests: 0,
    reset() {
      this.bytes.clear();
      this.requests = 0;
    },
  };
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
      if (url.pathname === '/demo-webhook') {
        receiver.handle(req, res);
        return;
      }
      if (url.pathname === '/demo-analytics' && req.method === 'POST') {
        // The widget's unanswered questions, one JSON line each, for `kb-indexer gaps`.
        let body = '';
        req.on('data', (chunk) => {
          body = (body + chunk).slice(0, 4096);
        });
        req.on('end', () => {
          try {
            analytics.push(JSON.parse(body));
            if (analyticsLog) appendFileSync(analyticsLog, JSON.stringify(analytics.at(-1)) + '\n');
            res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
          } catch (err) {
            res.writeHead(400).end('not JSON');
          }
        });
        return;
      }
      if (faults[url.pathname] === 'silent') return; // the connection stays open, unanswered
      if (url.pathname === '/agent') {
        res.writeHead(301, { Location: '/agent/' }).end();
        return;
      }
      const prefix = prefixes.find((p) => url.pathname.startsWith(p));
      const base = path.resolve(root, mounts[prefix]);
      let file = path.resolve(base, '.' + decodeURIComponent(url.pathname.slice(prefix.length - 1)));
      if (file !== base && !file.startsWith(base + path.sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      let stat = await fs.stat(file).catch(() => null);
      if (stat && stat.isDirectory()) {
        file = path.join(file, 'index.html');
        stat = await fs.stat(file).catch(() => null);
      }
      if (!stat) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      const etag = etagOf(stat);
      const caching = { 'Cache-Control': cacheControl(file), ETag: etag };
      if (
        !req.headers.range &&
        String(req.headers['if-none-match'] || '')
          .split(/\s*,\s*/)
          .includes(etag)
      ) {
        res.writeHead(304, caching).end(); // the browser's copy is current
        return;
      }
      const range = req.method === 'GET' ? parseRange(req.headers.range, stat.size) : null;
      if (range === 'unsatisfiable') {
        res.writeHead(416, { 'Content-Range': `bytes */${stat.size}` }).end();
        return;
      }
      let [start, end] = range || [0, stat.size - 1];
      if (range && faults[url.pathname] === 'shifted-range') {
        const shift = end + SHIFTED_BY < stat.size ? SHIFTED_BY : -Math.min(SHIFTED_BY, start);
        start += shift;
        end += shift;
      }
      res.writeHead(range ? 206 : 200, {
        'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
        'Content-Length': end - start + 1,
        ...(range ? { 'Content-Range': `bytes ${start}-${end}/${stat.size}` } : {}),
        'Accept-Ranges': 'bytes',
        'Content-Security-Policy': CSP,
        ...caching,
        'X-Content-Type-Options': 'nosniff',
      });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      traffic.requests += 1;
      traffic.bytes.set(url.pathname, (traffic.bytes.get(url.pathname) || 0) + end - start + 1);
      if (end < start)
        res.end(); // an empty file
      else if (faults[url.pathname] === 'stall' || faults[url.pathname] === 'trickle') {
        const body = (await fs.readFile(file)).subarray(start, end + 1);
        if (faults[url.pathname] === 'stall') res.write(body.subarray(0, body.length >> 1));
        else {
          let at = 0;
          const timer = setInterval(() => {
            res.write(body.subarray(at, (at += 64)));
            if (at >= body.length) {
              clearInterval(timer);
              res.end();
            }
          }, 100);
          res.on('close', () => clearInterval(timer));
        }
      } else createReadStream(file, { start, end }).pipe(res);
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  const close = server.close.bind(server);
  server.close = (callback) => {
    close(callback);
    server.closeAllConnections(); // including those a fault holds open
    return server;
  };
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolve({ server, url: `http://${host}:${actual}`, receiver, analytics, traffic });
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const port = Number(process.env.PORT || 8080);
  const host = process.env.HOST || '127.0.0.1';
  const inbox = path.join(root, 'build/handover-inbox.jsonl');
  const receiver = createReceiver({
    out: inbox,
    log: (line) => console.log(`hand-over received: ${line}`),
    listing: process.env.KB_DEMO_LIST_HANDOVERS === '1',
  });
  const analyticsLog = path.join(root, 'build/unanswered.jsonl');
  // With KB_WATCH=1 (make watch) the indexes come straight from build/kb, which kb-indexer watch rebuilds.
  const mounts = process.env.KB_WATCH
    ? {
        '/agent/kb/': 'build/kb/internal',
        '/agent/': 'build/agent',
        '/kb/': 'build/kb/public',
        '/': 'build/site',
      }
    : undefined;
  startServer({ port, host, receiver, analyticsLog, mounts }).then(
    ({ url }) => {
      console.log(`Demo site:     ${url.replace('127.0.0.1', 'localhost')}/`);
      console.log(`Agent console: ${url.replace('127.0.0.1', 'localhost')}/agent/`);
      console.log(`Hand-overs:    ${path.relative(root, inbox)}`);
      console.log(`Unanswered:    ${path.relative(root, analyticsLog)} (kb-indexer gaps reads it)`);
      console.log('Press Ctrl+C to stop.');
    },
    (err) => {
      console.error(`serve: cannot listen on ${host}:${port}: ${err.message}`);
      process.exit(1);
    },
  );
}
