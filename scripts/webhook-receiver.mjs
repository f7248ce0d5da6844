#!/usr/bin/env node
// Reference receiver for the widget's hand-over webhook. Test tooling, not a
// product backend: it shows what a receiver must do, and the demo server and
// the browser tests use it.
//
//   node scripts/webhook-receiver.mjs [--port 8090] [--out inbox.jsonl]
//
// What a receiver must do (docs/handover.md has the payload's JSON schema):
//   - accept POST application/json, and answer 2xx only once the message is stored;
//   - treat the Idempotency-Key header (equal to payload.id) as the message's
//     identity: a retry of a stored message is answered 2xx and not stored again;
//   - answer CORS preflights when the widget's page is on another origin.
import { createServer } from 'node:http';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MAX_BODY = 1024 * 1024;

/**
 * A receiver as a request handler, so it can be mounted in another server.
 * `received` holds each message once, in arrival order; `posts` counts the
 * POSTs per idempotency key. For tests, `mode` simulates failures: 'down'
 * answers 503 without storing; 'lose-reply' stores the message and then
 * answers 500, as when a reply is lost on the way back; 'hold' stores it and
 * does not answer until release(), as a webhook that hangs; 'redirect' answers
 * 302 to its own address without storing, as a webhook that has moved (a GET
 * there answers 200, so a client that follows the redirect thinks it delivered).
 */
export function createReceiver({ out = null, log = () => {} } = {}) {
  const received = [];
  const seen = new Set();
  const held = [];
  const receiver = {
    received,
    posts: new Map(),
    attempts: 0,
    mode: 'up',
    /** Answers the requests 'hold' kept waiting, those whose browser is still there. */
    release() {
      for (const answer of held.splice(0)) answer();
    },
    reset() {
      receiver.release();
      received.length = 0;
      seen.clear();
      receiver.posts.clear();
      receiver.attempts = 0;
      receiver.mode = 'up';
    },
    handle(req, res) {
      const headers = {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': 'POST, OPTIONS',
        'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key, Kb-Attempt',
        'Content-Type': 'application/json',
      };
      const reply = (status, body) => res.writeHead(status, headers).end(JSON.stringify(body));
      if (req.method === 'OPTIONS') return res.writeHead(204, headers).end();
      if (req.method === 'GET') return reply(200, { received });
      if (req.method !== 'POST') return reply(405, { ok: false, error: 'POST a JSON message' });
      let size = 0;
      const chunks = [];
      req.on('data', (chunk) => {
        size += chunk.length;
        if (size <= MAX_BODY) chunks.push(chunk);
      });
      req.on('end', () => {
        receiver.attempts++;
        if (receiver.mode === 'down') return reply(503, { ok: false, error: 'receiver is down' });
        if (receiver.mode === 'redirect') return res.writeHead(302, { ...headers, Location: req.url }).end();
        if (size > MAX_BODY) return reply(413, { ok: false, error: `body over ${MAX_BODY} bytes` });
        let message;
        try {
          message = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch (err) {
          return reply(400, { ok: false, error: `not JSON: ${err.message}` });
        }
        const key = req.headers['idempotency-key'] || message.id;
        if (!key || typeof message.question !== 'string' || !Array.isArray(message.transcript)) {
          return reply(400, { ok: false, error: 'need Idempotency-Key, question and transcript' });
        }
        receiver.posts.set(key, (receiver.posts.get(key) || 0) + 1);
        const duplicate = seen.has(key);
        if (!duplicate) {
          seen.add(key);
          received.push(message);
          if (out) appendFileSync(out, JSON.stringify(message) + '\n');
          log(`${message.kind} ${key}: ${message.message || message.question}`);
        }
        if (receiver.mode === 'lose-reply') return reply(500, { ok: false, error: 'reply lost (simulated)' });
        if (receiver.mode === 'hold') {
          held.push(() => { if (!res.destroyed) reply(duplicate ? 200 : 201, { ok: true, id: key, duplicate }); });
          return undefined;
        }
        return reply(duplicate ? 200 : 201, { ok: true, id: key, duplicate });
      });
    },
  };
  return receiver;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
  const port = Number(option('--port', 8090));
  const receiver = createReceiver({ out: option('--out', null), log: (line) => console.log(line) });
  createServer(receiver.handle).listen(port, '127.0.0.1', () => {
    console.log(`Hand-over receiver on http://localhost:${port}/ (POST messages here)`);
  });
}
