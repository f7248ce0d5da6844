#!/usr/bin/env node
// Reference receiver for the widget's hand-over webhook. Test tooling, not a
// product backend: it shows what a receiver must do, and the demo server and
// the browser tests use it.
//
//   node scripts/webhook-receiver.mjs [--port 8090] [--out inbox.jsonl] [--list]
//
// What a receiver must do (docs/handover.md has the payload's JSON schema):
//   - accept POST application/json, and answer 2xx only once the message is stored;
//   - treat the Idempotency-Key header (equal to payload.id) as the message's
//     identity: a retry of a stored message is answered 2xx and not stored again;
//   - answer CORS preflights when the widget's page is on another origin;
//   - never give hand-overs back: they hold visitors' names, phones and
//     messages. Store them where only your staff can read them. This receiver
//     is POST-only unless started with --list (a demo convenience, see
//     createReceiver), and even then it lists them to same-origin callers on
//     this machine only, never with a CORS header.
import { createServer } from 'node:http';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MAX_BODY = 1024 * 1024;

/** Host names that reach only this machine. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Whether a GET may read the list: from this machine, addressed to a loopback
 * name (so a DNS-rebinding page cannot pass as local), and not sent by a page
 * of another origin. A browser names a cross-site caller in Origin or
 * Sec-Fetch-Site; a same-origin GET or curl sends neither or says so.
 */
function localSameOriginCaller(req) {
  const host = String(req.headers.host || '');
  const hostname = host.replace(/:\d+$/, '').toLowerCase();
  if (!LOOPBACK_ADDRESSES.has(req.socket.remoteAddress) || !LOOPBACK_HOSTS.has(hostname)) return false;
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) return false;
  const site = req.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}

/**
 * A receiver as a request handler, so it can be mounted in another server.
 * It only takes POSTs: with `listing`, for a local demo only, a GET from this
 * machine's same origin also lists what it received (see localSameOriginCaller);
 * otherwise GET is 405, so no page anywhere can read the visitors' details back.
 * `received` holds each message once, in arrival order; `posts` counts the
 * POSTs per idempotency key. For tests, `mode` simulates failures: 'down'
 * answers 503 without storing; 'lose-reply' stores the message and then
 * answers 500, as when a reply is lost on the way back; 'hold' stores it and
 * does not answer until release(), as a webhook that hangs; 'redirect' answers
 * 302 to its own address without storing, as a webhook that has moved (a GET
 * there answers 200, so a client that follows the redirect thinks it delivered).
 */
export function createReceiver({ out = null, log = () => {}, listing = false } = {}) {
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
      // Any origin may POST (the widget can sit on another site than the receiver) and
      // read the reply, which says only whether its own message was stored.
      const headers = {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': 'POST, OPTIONS',
        'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key, Kb-Attempt',
        'Content-Type': 'application/json',
      };
      const reply = (status, body) => res.writeHead(status, headers).end(JSON.stringify(body));
      if (req.method === 'OPTIONS') return res.writeHead(204, headers).end();
      if (req.method === 'GET' && listing) {
        // No CORS header here, ever: what was received is for the person at this machine.
        const local = localSameOriginCaller(req);
        const body = local ? { received } : { ok: false, error: 'only same-origin callers on this machine' };
        const listHeaders = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };
        return res.writeHead(local ? 200 : 403, listHeaders).end(JSON.stringify(body));
      }
      // Where a moved webhook sends its callers (an SSO login page, say): any GET
      // succeeds there, and holds nothing.
      if (req.method === 'GET' && receiver.mode === 'redirect') return res.writeHead(200, headers).end('{}');
      if (req.method !== 'POST') {
        return res
          .writeHead(405, { Allow: 'POST, OPTIONS', 'Content-Type': 'application/json' })
          .end(JSON.stringify({ ok: false, error: 'POST a JSON message' }));
      }
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
          held.push(() => {
            if (!res.destroyed) reply(duplicate ? 200 : 201, { ok: true, id: key, duplicate });
          });
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
  const listing = args.includes('--list');
  const receiver = createReceiver({ out: option('--out', null), log: (line) => console.log(line), listing });
  createServer(receiver.handle).listen(port, '127.0.0.1', () => {
    console.log(`Hand-over receiver on http://localhost:${port}/ (POST messages here)`);
    if (listing) console.log('--list: GET lists them, to same-origin callers on this machine (demo only)');
  });
}
