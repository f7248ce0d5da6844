// The one storage wrapper of the widget and the console: blocked, full and
// poisoned storage never throw, and the page keeps what the browser would not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { safeStorage } from '../../../web/src/shared/storage.js';
import { MemoryStorage } from './memory-storage.mjs';

test("values go to the browser's storage and come back as JSON", () => {
  const store = new MemoryStorage();
  const s = safeStorage(() => store);
  assert.equal(s.write('list', [1, 2]), true);
  assert.equal(store.getItem('list'), '[1,2]');
  assert.deepEqual(s.read('list', [], Array.isArray), [1, 2]);
  assert.deepEqual(s.keys(), ['list']);
  s.remove('list');
  assert.equal(store.getItem('list'), null);
  assert.deepEqual(s.read('list', ['fallback']), ['fallback']);
});

test('poisoned values read as the fallback', () => {
  const store = new MemoryStorage();
  const s = safeStorage(() => store);
  store.setItem('list', '{not json');
  assert.deepEqual(s.read('list', []), []);
  store.setItem('list', '{"an":"object"}');
  assert.deepEqual(s.read('list', [], Array.isArray), []);
  store.setItem('list', 'null');
  assert.deepEqual(s.read('list', []), []);
});

test('blocked storage: nothing throws, and this page keeps what it wrote', () => {
  const s = safeStorage(() => {
    throw new DOMException('denied', 'SecurityError');
  });
  assert.equal(s.get('k'), null);
  assert.equal(s.write('k', ['kept']), false);
  assert.deepEqual(s.read('k', []), ['kept']);
  assert.deepEqual(s.keys(), ['k']);
  s.remove('k');
  assert.equal(s.get('k'), null);
});

test("full storage: the newest value is the page's, and a later successful write takes over", () => {
  const store = new MemoryStorage();
  const s = safeStorage(() => store);
  s.write('k', 1);
  let full = true;
  const setItem = store.setItem.bind(store);
  store.setItem = (k, v) => {
    if (full) throw new DOMException('full', 'QuotaExceededError');
    setItem(k, v);
  };
  assert.equal(s.write('k', 2), false);
  assert.equal(s.read('k', null), 2, 'not the stale 1 still in storage');
  full = false;
  assert.equal(s.write('k', 3), true);
  assert.equal(store.getItem('k'), '3');
  assert.equal(s.read('k', null), 3);
});
