// The hand-over outbox without a browser: an in-memory Web Storage, a fake
// webhook and a clock the test moves. A message leaves storage only on a 2xx,
// keeps its idempotency key across retries, backs off, and malformed entries
// are repaired or dropped once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createOutbox, backoff } from '../../../web/src/widget/outbox.js';
import { safeStorage } from '../../../web/src/shared/storage.js';
import { MemoryStorage } from './memory-storage.mjs';

const PREFIX = 'kb-widget:outbox:';
const ID = 'aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa';
const URL_ = 'https://support.example/kb-handover';

/** An outbox over `store`, a webhook answering from `replies` (then 200), a clock at `t`, timers that never fire by themselves. */
function harness({ store = new MemoryStorage(), replies = [], delivered = new Set(), open } = {}) {
  const clock = { t: 1_000_000 };
  const posts = [];
  const warnings = [];
  const outbox = createOutbox({
    storage: safeStorage(open || (() => store)),
    fetch: async (url, init) => {
      posts.push({
        url,
        headers: init.headers,
        body: JSON.parse(init.body),
        redirect: init.redirect,
        credentials: init.credentials,
      });
      const reply = replies.shift() || { status: 200 };
      if (reply.throws) throw Object.assign(new Error(reply.throws), { name: reply.throws });
      return {
        ok: reply.status >= 200 && reply.status < 300,
        status: reply.status,
        type: reply.type || 'basic',
      };
    },
    delivered: {
      has: async (id) => delivered.has(id),
      add: async (id) => {
        delivered.add(id);
      },
    },
    now: () => clock.t,
    random: () => 0.5, // no jitter
    setTimeout: () => 0,
    clearTimeout: () => {},
    log: { warn: (m) => warnings.push(m), error: (m) => warnings.push(m) },
  });
  const waiting = () =>
    [...store.map.keys()].filter((k) => k.startsWith(PREFIX)).map((k) => [k, JSON.parse(store.getItem(k))]);
  return { outbox, store, clock, posts, warnings, delivered, waiting };
}

const payload = (id = ID, message = '请回电') => ({
  schema: 'kb-widget.handover/1',
  id,
  kind: 'message',
  message,
});

test('a message is stored first, POSTed with its idempotency key, and leaves storage on a 2xx', async () => {
  const { outbox, store, posts, waiting, delivered } = harness();
  let changes = 0;
  outbox.onChange(() => changes++);
  await outbox.add(URL_, payload());
  assert.equal(posts.length, 1);
  assert.deepEqual(posts[0].headers, {
    'Content-Type': 'application/json',
    'Idempotency-Key': ID,
    'Kb-Attempt': '1',
  });
  assert.equal(posts[0].redirect, 'manual', 'a redirect is not followed');
  assert.equal(posts[0].credentials, 'omit');
  assert.deepEqual(posts[0].body, payload());
  assert.deepEqual(waiting(), []);
  assert.deepEqual(outbox.status(ID), { state: 'delivered' });
  assert.deepEqual(
    JSON.parse(store.getItem('kb-widget:sent')).map((s) => s.id),
    [ID],
  );
  assert.ok(delivered.has(ID), 'the delivery is recorded for other tabs');
  assert.ok(changes >= 2, 'listeners hear of the new message and of its delivery');
  assert.deepEqual(outbox.status('bbbbbbbb-2222-4222-8222-bbbbbbbbbbbb'), { state: 'unknown' });
});

test('a failed send waits its backoff, then goes again with the same key and the next attempt number', async () => {
  const { outbox, clock, posts, waiting } = harness({ replies: [{ status: 503 }, { throws: 'TypeError' }] });
  await outbox.add(URL_, payload());
  let [[, item]] = waiting();
  assert.equal(item.attempts, 1);
  assert.equal(item.lastError, 'HTTP 503');
  assert.equal(item.nextAt, clock.t + 2000);
  assert.deepEqual(outbox.status(ID), { state: 'retrying', attempts: 1, error: 'HTTP 503' });

  await outbox.flush();
  assert.equal(posts.length, 1, 'not due yet');
  clock.t += 2000;
  await outbox.flush();
  [[, item]] = waiting();
  assert.equal(item.attempts, 2);
  assert.equal(item.lastError, 'network error');
  assert.equal(item.nextAt, clock.t + 4000, 'the wait doubles');

  clock.t += 4000;
  await outbox.flush();
  assert.deepEqual(
    posts.map((p) => [p.headers['Idempotency-Key'], p.headers['Kb-Attempt']]),
    [
      [ID, '1'],
      [ID, '2'],
      [ID, '3'],
    ],
  );
  assert.deepEqual(waiting(), []);
  assert.equal(outbox.status(ID).state, 'delivered');
});

test('a redirect and a timeout are failures; back online, whatever waits is due at once', async () => {
  const { outbox, posts, waiting } = harness({
    replies: [{ status: 0, type: 'opaqueredirect' }, { throws: 'TimeoutError' }],
  });
  await outbox.add(URL_, payload());
  assert.equal(waiting()[0][1].lastError, 'redirected');
  await outbox.online();
  assert.equal(waiting()[0][1].lastError, 'timeout');
  await outbox.online();
  assert.equal(posts.length, 3);
  assert.deepEqual(waiting(), []);
});

test('a message another tab delivered is not posted again', async () => {
  const store = new MemoryStorage({
    [PREFIX + ID]: JSON.stringify({
      id: ID,
      url: URL_,
      payload: payload(),
      attempts: 1,
      nextAt: 0,
      createdAt: 1,
    }),
  });
  const { outbox, posts, waiting } = harness({ store, delivered: new Set([ID]) });
  await outbox.flush();
  assert.equal(posts.length, 0);
  assert.deepEqual(waiting(), []);
  assert.equal(outbox.status(ID).state, 'delivered');
});

test("malformed entries are repaired or dropped once; an earlier version's list gets a key each", async () => {
  const B = 'bbbbbbbb-2222-4222-8222-bbbbbbbbbbbb';
  const C = 'cccccccc-3333-4333-8333-cccccccccccc';
  const L = 'dddddddd-4444-4444-8444-dddddddddddd';
  const store = new MemoryStorage({
    [PREFIX + ID]: JSON.stringify({
      id: B,
      url: URL_,
      payload: payload(B, '键与编号不一致'),
      attempts: 0,
      nextAt: 0,
      createdAt: 1,
    }),
    [PREFIX + C]: JSON.stringify({ id: { not: 'a string' }, url: URL_, payload: payload(C), nextAt: 0 }),
    [`${PREFIX}javascript`]: JSON.stringify({ id: 'javascript', url: 'javascript:alert(1)', payload: {} }),
    [`${PREFIX}garbage`]: '{not json',
    'kb-widget:outbox': JSON.stringify([
      { id: L, url: URL_, payload: payload(L, '旧版本'), attempts: -3, nextAt: 'soon', createdAt: 0 },
    ]),
    'kb-widget:sent': '"poisoned"',
  });
  const { outbox, posts, warnings, waiting } = harness({
    store,
    replies: [{ status: 500 }, { status: 500 }],
  });
  assert.equal(store.getItem('kb-widget:outbox'), null, 'the old list is gone');
  assert.deepEqual(JSON.parse(store.getItem(PREFIX + L)).attempts, 0, 'its counters repaired');
  await outbox.flush();
  assert.deepEqual(posts.map((p) => [p.body.message, p.headers['Kb-Attempt']]).sort(), [
    ['旧版本', '1'],
    ['键与编号不一致', '1'],
  ]);
  assert.deepEqual(
    waiting()
      .map(([k]) => k)
      .sort(),
    [PREFIX + B, PREFIX + L].sort(),
    'each under its own id',
  );
  assert.equal(warnings.length, 3, warnings.join('\n'));
  await outbox.flush();
  assert.equal(posts.length, 2, 'nothing is sent in a loop');
  assert.equal(outbox.status(C).state, 'unknown', 'a poisoned sent list reads as empty');
});

test('blocked storage: the message is kept in the page and still delivered', async () => {
  const { outbox, posts } = harness({
    open: () => {
      throw new Error('SecurityError');
    },
    replies: [{ status: 500 }],
  });
  await outbox.add(URL_, payload());
  assert.deepEqual(outbox.status(ID), { state: 'retrying', attempts: 1, error: 'HTTP 500' });
  await outbox.online();
  assert.equal(posts.length, 2);
  assert.equal(outbox.status(ID).state, 'delivered');
});

test('storage full: the message is kept in the page and still delivered', async () => {
  const store = new MemoryStorage();
  store.setItem = (k) => {
    if (k.startsWith('kb-widget:')) throw new Error('QuotaExceededError');
  };
  const { outbox, posts } = harness({ store });
  await outbox.add(URL_, payload());
  assert.equal(posts.length, 1);
  assert.equal(outbox.status(ID).state, 'delivered');
});

test('the backoff doubles from 2 s to at most 5 minutes, within ±20 %', () => {
  assert.deepEqual(
    [1, 2, 3, 8, 9, 20].map((n) => backoff(n, () => 0.5)),
    [2000, 4000, 8000, 256000, 300000, 300000],
  );
  assert.equal(Math.round(backoff(1, () => 0)), 1600);
  assert.equal(Math.round(backoff(1, () => 1)), 2400);
});
