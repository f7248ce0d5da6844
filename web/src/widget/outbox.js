/*
 * The outbox: every hand-over message is stored in localStorage first and
 * leaves it only when the webhook answers 2xx. It retries with backoff while
 * a page of the site is open, and again on the next visit. The message's id
 * is its idempotency key, so a retry is never delivered twice. A Web Lock
 * keeps two tabs from sending at the same time.
 *
 * Tabs see each other's localStorage writes only after a moment, so each
 * message has a key of its own (no tab rewrites a list another tab holds),
 * and a delivery is also recorded in IndexedDB, which every tab reads
 * consistently, before the lock is let go: the next tab checks it before
 * sending, rather than trusting a view of localStorage that may be behind.
 */

const PREFIX = 'kb-widget:outbox:'; // + message id -> the message and its attempts
const LEGACY_KEY = 'kb-widget:outbox'; // one list, written by earlier versions
const SENT_KEY = 'kb-widget:sent';
const LOCK = 'kb-widget:outbox';

// The invariant: an entry's key is PREFIX + its id, and the id is a short
// token (a UUID). An entry that breaks it (edited by hand, written by
// another script) would have the widget remove one key while it reads
// another, or hand IndexedDB a key it refuses, and send the message in a
// loop; so it is repaired or dropped the first time it is read.
const ID = /^[A-Za-z0-9-]{1,64}$/;
const count = (n) => (Number.isFinite(n) && n >= 0 ? n : 0);

/** The entry as the outbox keeps it, or null when it cannot be sent. */
function normalize(item) {
  if (!item || typeof item !== 'object' || typeof item.id !== 'string' || !ID.test(item.id)) return null;
  if (typeof item.url !== 'string' || !/^https?:/i.test(item.url)) return null;
  if (!item.payload || typeof item.payload !== 'object') return null;
  return {
    ...item,
    attempts: Math.floor(count(item.attempts)),
    nextAt: count(item.nextAt),
    createdAt: count(item.createdAt),
  };
}

/** First retry after 2 s, doubling up to 5 min, with ±20 % jitter so tabs do not march in step. */
export const backoff = (attempts, random = Math.random) =>
  Math.min(2000 * 2 ** (attempts - 1), 300000) * (0.8 + random() * 0.4);

/**
 * Deliveries recorded in IndexedDB (`idb()` returns the page's indexedDB, or
 * throws): {has(id), add(id)}; both settle, never reject.
 */
export function idbDeliveries(idb) {
  let opened = null;
  const open = () =>
    opened ||
    (opened = new Promise((resolve) => {
      try {
        const request = idb().open('kb-widget', 1);
        request.onupgradeneeded = () => request.result.createObjectStore('delivered');
        request.onsuccess = () => resolve(request.result);
        request.onerror = request.onblocked = () => resolve(null);
      } catch (err) {
        resolve(null); // no IndexedDB: the idempotency key still keeps the receiver right
      }
    }));
  const run = async (mode, act) => {
    const db = await open();
    if (!db) return undefined;
    return new Promise((resolve) => {
      try {
        const tx = db.transaction('delivered', mode);
        const request = act(tx.objectStore('delivered'));
        tx.oncomplete = () => resolve(request.result);
        tx.onerror = tx.onabort = () => resolve(undefined);
      } catch (err) {
        resolve(undefined);
      }
    });
  };
  const MONTH = 30 * 24 * 3600 * 1000;
  return {
    has: async (id) => (await run('readonly', (store) => store.get(id))) !== undefined,
    add: (id) =>
      run('readwrite', (store) => {
        const cutoff = Date.now() - MONTH; // a month of ids is plenty to recognise a retry
        const cursor = store.openCursor();
        cursor.onsuccess = () => {
          if (!cursor.result) return;
          if (cursor.result.value < cutoff) cursor.result.delete();
          cursor.result.continue();
        };
        return store.put(Date.now(), id);
      }),
  };
}

/** POSTs a message once: {ok} or {ok: false, error}. */
async function send(fetchImpl, item) {
  try {
    const response = await fetchImpl(item.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Idempotency-Key': item.id,
        'Kb-Attempt': String(item.attempts + 1),
      },
      body: JSON.stringify(item.payload),
      credentials: 'omit',
      // A followed 301/302 turns the POST into a GET to the new address, whose 2xx
      // says nothing about the message: a redirect is a failure, and the message waits.
      redirect: 'manual',
      signal: AbortSignal.timeout ? AbortSignal.timeout(15000) : undefined,
    });
    if (response.type === 'opaqueredirect') return { ok: false, error: 'redirected' };
    return response.ok ? { ok: true } : { ok: false, error: `HTTP ${response.status}` };
  } catch (err) {
    return { ok: false, error: err.name === 'TimeoutError' ? 'timeout' : 'network error' };
  }
}

/**
 * The outbox over `storage` (a safeStorage wrapper of localStorage), sending
 * with `fetch`, one tab at a time under `locks` (navigator.locks, if any),
 * checking `delivered` ({has, add}: idbDeliveries) first. `now`, `random`,
 * `setTimeout`, `clearTimeout` and `log` are the page's unless given.
 * Messages an earlier version left in one list get a key each at once.
 */
export function createOutbox({
  storage,
  fetch: fetchImpl,
  locks = null,
  delivered,
  now = Date.now,
  random = Math.random,
  setTimeout: later = (fn, ms) => setTimeout(fn, ms),
  clearTimeout: cancel = (t) => clearTimeout(t),
  log = console,
}) {
  const listeners = new Set();
  let timer = null;
  let busy = false;
  let again = false;

  const parse = (text) => {
    try {
      return JSON.parse(text);
    } catch (err) {
      return null;
    }
  };
  const save = (item) => storage.set(PREFIX + item.id, JSON.stringify(item));
  const sent = () => storage.read(SENT_KEY, [], Array.isArray);
  const notify = () => listeners.forEach((fn) => fn());

  /** The waiting messages, oldest first, as {key, item}: `key` is the one to update or remove. */
  function entries() {
    const keys = new Set(storage.keys().filter((k) => k.startsWith(PREFIX)));
    const found = [];
    for (const key of keys) {
      const text = storage.get(key);
      if (text === null) continue; // sent by another tab since the listing
      const item = normalize(parse(text));
      if (!item) {
        storage.remove(key);
        log.warn(`KbWidget: outbox: dropped ${key}, which holds no message that can be sent`);
      } else if (key !== PREFIX + item.id) {
        // Re-keyed under its id; if that key is there already, this was a copy.
        const own = PREFIX + item.id;
        if (storage.get(own) === null) {
          save(item);
          if (!keys.has(own)) found.push({ key: own, item });
        }
        storage.remove(key);
      } else found.push({ key, item });
    }
    return found.sort((x, y) => x.item.createdAt - y.item.createdAt);
  }

  async function sendDue() {
    for (;;) {
      const due = entries().find(({ item }) => item.nextAt <= now());
      if (!due) return;
      const { key, item } = due;
      // Delivered by another tab whose writes this tab may not see yet: done, not sent again.
      // (has() answers false when IndexedDB fails: the message is sent, and its key keeps
      // the receiver right.)
      const result = (await delivered.has(item.id)) ? { ok: true } : await send(fetchImpl, item);
      if (result.ok) {
        await delivered.add(item.id); // before the lock goes to another tab
        storage.remove(key); // the key just read, so this entry cannot come round again
        storage.write(
          SENT_KEY,
          sent()
            .filter((s) => s.id !== item.id)
            .concat({ id: item.id, at: now() })
            .slice(-100),
        );
      } else {
        const attempts = item.attempts + 1;
        const nextAt = now() + backoff(attempts, random);
        storage.set(key, JSON.stringify({ ...item, attempts, nextAt, lastError: result.error }));
      }
      notify();
    }
  }

  function schedule() {
    cancel(timer);
    const next = Math.min(...entries().map(({ item }) => item.nextAt));
    if (Number.isFinite(next)) timer = later(flush, Math.max(0, next - now()));
  }

  /** Sends whatever is due; resolves when this round is over. */
  async function flush() {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      do {
        again = false;
        if (locks) await locks.request(LOCK, sendDue);
        else await sendDue();
      } while (again);
    } catch (err) {
      log.error(`KbWidget: outbox: ${err.message}`);
    } finally {
      busy = false;
      schedule();
    }
  }

  // Messages an earlier version left in one list get a key each.
  const legacy = storage.read(LEGACY_KEY, null, Array.isArray);
  if (legacy) {
    legacy.map(normalize).filter(Boolean).forEach(save);
    storage.remove(LEGACY_KEY);
  }

  return {
    /** Stores the message, then tries to send it. */
    add(url, payload) {
      save({ id: payload.id, url, payload, attempts: 0, nextAt: now(), createdAt: now() });
      notify();
      return flush();
    },
    /** {state: 'sending' | 'retrying' | 'delivered' | 'unknown', attempts, error} */
    status(id) {
      const item = parse(storage.get(PREFIX + id));
      if (item)
        return {
          state: item.attempts ? 'retrying' : 'sending',
          attempts: item.attempts,
          error: item.lastError,
        };
      return { state: sent().some((s) => s.id === id) ? 'delivered' : 'unknown' };
    },
    flush,
    /** Back online: whatever waits is due now, whatever its backoff said. */
    online() {
      for (const { key, item } of entries()) {
        storage.set(key, JSON.stringify({ ...item, nextAt: Math.min(item.nextAt, now()) }));
      }
      return flush();
    },
    /** Another tab changed localStorage (a storage event for `key`; null: cleared). */
    changed(key) {
      if (key === null || key.startsWith(PREFIX) || key === SENT_KEY) {
        notify();
        schedule();
      }
    },
    onChange(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    /** Stops the retry timer (tests; a page keeps its outbox for its lifetime). */
    stop() {
      cancel(timer);
    },
  };
}
