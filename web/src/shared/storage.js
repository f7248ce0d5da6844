/*
 * One safe wrapper over Web Storage, for the widget and the console. Storage
 * may be blocked (reading window.localStorage throws in a sandboxed frame or
 * with site data turned off), full (setItem throws), or poisoned (a value an
 * older version, another script or a hand edit left, that is not what we
 * expect). None of it may break a page: what the browser's storage refuses
 * is kept in memory for this page, and a value that does not parse reads as
 * the fallback.
 *
 *   const store = safeStorage(() => window.localStorage);
 *   store.read('kb-agent:pinned', [], Array.isArray);   // [] unless an array is stored
 *   store.write('kb-agent:pinned', list);
 */

/** A wrapper over the Storage `open()` returns (called on every use; it may throw). */
export function safeStorage(open) {
  const memory = new Map(); // key -> text the browser's storage would not take
  const store = () => {
    try {
      return open();
    } catch (err) {
      return null;
    }
  };
  const wrapper = {
    /** The text at `key`, or null. */
    get(key) {
      if (memory.has(key)) return memory.get(key);
      try {
        return store().getItem(key);
      } catch (err) {
        return null; // blocked: memory only
      }
    },
    /** Stores `text` at `key`; false when only this page keeps it (storage blocked or full). */
    set(key, text) {
      try {
        store().setItem(key, text);
        memory.delete(key);
        return true;
      } catch (err) {
        memory.set(key, text);
        return false;
      }
    },
    remove(key) {
      memory.delete(key);
      try {
        store().removeItem(key);
      } catch (err) {
        /* blocked: memory only */
      }
    },
    /** Every key, in the browser's storage or kept in memory. */
    keys() {
      const keys = new Set(memory.keys());
      try {
        const s = store();
        for (let i = 0; i < s.length; i++) keys.add(s.key(i));
      } catch (err) {
        /* blocked: memory only */
      }
      return [...keys];
    },
    /**
       The JSON value at `key`, or `fallback` when there is none, it does not parse, or valid(value) says no.
     */
    read(key, fallback, valid = (value) => value !== null) {
      try {
        const value = JSON.parse(wrapper.get(key));
        return valid(value) ? value : fallback;
      } catch (err) {
        return fallback;
      }
    },
    write: (key, value) => wrapper.set(key, JSON.stringify(value)),
  };
  return wrapper;
}
