// The reference hand-over receiver, as the demo server mounts it at
// /demo-webhook: it stores what the widget POSTs and gives none of it back to
// another site. Plain HTTP from Node, so the headers a browser would send
// (Origin, Sec-Fetch-Site, Host) can be set as a hostile page's would be.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { createReceiver } from '../../scripts/webhook-receiver.mjs';
import { startServer } from './helpers.mjs';

const MESSAGE = {
  id: 'c0ffee00-0000-4000-8000-000000000001',
  kind: 'message',
  reason: 'visitor-request',
  question: '售后服务收费吗',
  message: '请回电',
  contact: { name: '王先生', phone: '13800001111', email: null },
  transcript: [{ who: 'user', text: '售后服务收费吗' }],
};

/** One HTTP request with exactly these headers: {status, headers, text}. */
function send(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const post = (url) =>
  send(url, {
    method: 'POST',
    body: JSON.stringify(MESSAGE),
    headers: {
      'Content-Type': 'application/json',
      'Idempotency-Key': MESSAGE.id,
      Origin: 'https://shop.example',
    },
  });

/** Asserts a reply carries no stored hand-over and no wildcard CORS header. */
function assertNothingGiven(reply, what) {
  assert.notEqual(reply.status, 200, what);
  assert.doesNotMatch(reply.text, /王先生|13800001111|请回电/, what);
  assert.notEqual(reply.headers['access-control-allow-origin'], '*', what);
}

async function withDemoServer(receiver, run) {
  const site = await startServer({ receiver });
  try {
    await run(`${site.url}/demo-webhook`, site);
  } finally {
    site.server.close();
  }
}

test('the demo webhook stores a POST and gives no hand-over back to a cross-origin GET', async () => {
  await withDemoServer(createReceiver(), async (webhook, { receiver, url }) => {
    const preflight = await send(webhook, { method: 'OPTIONS', headers: { Origin: 'https://shop.example' } });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers['access-control-allow-methods'], /POST/, 'a widget elsewhere may POST');
    const stored = await post(webhook);
    assert.equal(stored.status, 201);
    assert.deepEqual(JSON.parse(stored.text), { ok: true, id: MESSAGE.id, duplicate: false });
    assert.deepEqual(
      receiver.received.map((m) => m.contact.name),
      ['王先生'],
    );

    const port = new URL(url).port;
    const crossSite = { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' };
    assertNothingGiven(await send(webhook, { headers: crossSite }), 'a page of another site');
    assertNothingGiven(await send(webhook), 'without the option there is no read endpoint at all');
    const sameOrigin = { Origin: `http://localhost:${port}` };
    assertNothingGiven(await send(webhook, { headers: sameOrigin }), 'not even for the same origin');
    const refused = await send(webhook);
    assert.equal(refused.status, 405);
    assert.equal(refused.headers.allow, 'POST, OPTIONS');
  });
});

test('with listing on (local demo only), only a same-origin caller here reads the list', async () => {
  await withDemoServer(createReceiver({ listing: true }), async (webhook, { url }) => {
    assert.equal((await post(webhook)).status, 201);
    const port = new URL(url).port;
    const refused = {
      'another site': { Origin: 'https://evil.example' },
      'a cross-site fetch': { 'Sec-Fetch-Site': 'cross-site' },
      'another local origin': { Origin: 'http://localhost:3000' },
      'a DNS-rebinding page': { Host: `evil.example:${port}` },
    };
    for (const [what, headers] of Object.entries(refused)) {
      assertNothingGiven(await send(webhook, { headers }), what);
    }

    for (const headers of [{}, { Origin: url, 'Sec-Fetch-Site': 'same-origin' }]) {
      const listed = await send(webhook, { headers });
      assert.equal(listed.status, 200, JSON.stringify(headers));
      assert.deepEqual(
        JSON.parse(listed.text).received.map((m) => m.id),
        [MESSAGE.id],
      );
      assert.equal(listed.headers['access-control-allow-origin'], undefined, 'no other origin may read it');
    }
  });
});
