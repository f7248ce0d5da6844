/*
 * The chat widget. Embed with one tag:
 *
 *   <script src="kb-widget.js" data-index="kb/" data-phone="400-000-0000" defer></script>
 *
 * or call KbWidget.init({ index: 'kb/', ... }) yourself. Nothing heavy loads
 * until the visitor shows intent (hover, focus or click on the launcher); then
 * the engine and the index load in a Web Worker. docs/widget.md has the options,
 * docs/handover.md the hand-over and its webhook payload.
 */
(function () {
  'use strict';
  // Host-page markup can shadow the globals we read (DOM clobbering): <a id="KbEngine">
  // makes window.KbEngine an element, <img name="currentScript"> makes
  // document.currentScript an image whose src and data- attributes would become
  // our base address and settings, <form name="body"> hides document.body. So
  // the document's properties are read from their prototypes, and the engine
  // registers under a symbol, which no id or name can create.
  const dom = (proto, name) => Object.getOwnPropertyDescriptor(proto, name).get.call(document);
  const pageBase = () => dom(Node.prototype, 'baseURI');
  const createElement = Document.prototype.createElement.bind(document);
  const createElementNS = Document.prototype.createElementNS.bind(document);
  const ENGINE = Symbol.for('kb-engine');  // set by kb-engine.js
  const script = dom(Document.prototype, 'currentScript');
  const scriptBase = script ? new URL('.', script.src).href : pageBase();
  // The site's assembly puts the hash of each file's content in its name
  // (scripts/hash-assets.mjs); this file's own name stays, as pages embed it.
  const ENGINE_FILE = /* @kb-asset */ 'kb-engine.js';
  const STYLE_FILE = /* @kb-asset */ 'kb-widget.css';

  /** Every option and its default, in one place. */
  const DEFAULTS = {
    index: 'kb/',                         // folder with manifest.json and the database it names, relative to the page
    base: scriptBase,                     // where kb-engine.js, kb-worker.js and kb-core.* live
    lang: '',                             // zh-CN, zh-TW or en; empty: from navigator.language
    title: '',                            // empty: the language's default
    greeting: '',
    placeholder: '',
    // Quick replies under the greeting (3–6). In a data- attribute: separated by "|".
    popularQuestions: ['售后服务收费吗？', '服务电话几点有人接？', '可以派人上门服务吗？', '怎么投诉？'],
    typeahead: true,                      // suggest FAQ questions while the visitor types
    indexRefresh: 300,                    // seconds between checks for a new index (its manifest hash); 0: never
    // Seconds without a byte after which loading the engine or the index counts
    // as failed: the widget then says search is unavailable and offers a person.
    loadTimeout: 15,
    // Where to POST the questions the widget could not answer, without personal
    // data, for `kb-indexer gaps`. Empty: they are only kept in this browser.
    analyticsUrl: '',
    // Ways to a person: set at least one, in any combination.
    webhook: '',                          // URL that receives hand-overs and messages as JSON POSTs
    liveChatUrl: '',                      // a live-chat page, offered in business hours
    onHandover: null,                     // function(payload), called when a hand-over starts (JS only)
    phone: '',
    email: '',
    // When people answer, e.g. "mon-fri 09:00-18:00; sat 10:00-16:00". Empty: always.
    businessHours: '',
    timeZone: '',                         // IANA zone of businessHours, e.g. Asia/Shanghai; empty: the visitor's
    // The hand-over names the page by origin and path: a query string often
    // carries tokens or an email address. true adds the query; the fragment never goes.
    sendPageQuery: false,
    autoInit: true,
  };

  /** UI strings by language: web/i18n/*.json, inlined here when the site is built. */
  const TRANSLATIONS = /* @kb-translations */ {};

  /** zh-TW for Taiwan, Hong Kong and Macau or any Hant tag, zh-CN for other Chinese, en for English. */
  function pickLanguage(requested) {
    const tag = String(requested || '').toLowerCase();
    if (/^zh-(tw|hk|mo)|hant/.test(tag)) return 'zh-TW';
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
    return 'zh-CN';
  }

  /** "{n} 次" with {n} filled in. */
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (m, key) => (key in values ? values[key] : m));

  function el(tag, attrs = {}, children = []) {
    const node = createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'text') node.textContent = value;
      else if (key === 'class') node.className = value;
      else node.setAttribute(key, value === true ? '' : value);
    }
    for (const child of [].concat(children)) if (child) node.append(child);
    return node;
  }

  /** Entry HTML through an allow-list (web/kb-html.js, inlined when the site is built). */
  const KbHtml = /* @kb-html */ null;

  /**
   * An entry's text: the HTML the indexer rendered, or, for an entry saved by
   * an older widget, its plain lines. Never parses the visitor's text.
   */
  function entryText(entry) {
    const root = el('div', { class: 'kb-text' });
    if (entry.html) root.append(KbHtml.fragment(entry.html));
    else for (const line of String(entry.text || '').split('\n')) if (line.trim()) root.append(el('p', { text: line }));
    return root;
  }

  /** A speech-bubble icon drawn in SVG, so it needs no emoji font. */
  function chatIcon() {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    const path = createElementNS(ns, 'path');
    path.setAttribute('d', 'M4 4h16a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H10l-5 4v-4H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1z');
    path.setAttribute('fill', 'currentColor');
    svg.append(path);
    return svg;
  }

  function loadScript(src, timeoutMs) {
    return new Promise((resolve, reject) => {
      const tag = el('script', { src });
      const timer = setTimeout(() => reject(new Error(`could not load ${src}: no reply in ${timeoutMs / 1000} s`)), timeoutMs);
      tag.onload = () => {
        clearTimeout(timer);
        resolve();
      };
      tag.onerror = () => {
        clearTimeout(timer);
        reject(new Error(`could not load ${src}`));
      };
      dom(Document.prototype, 'head').append(tag);
    });
  }

  function newId() {
    if (crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  // ---------------------------------------------------------------------------
  // Business hours, e.g. "mon-fri 09:00-18:00; sat 10:00-16:00", in a time zone.

  const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

  /** Parses the businessHours option; throws a message naming the bad part. */
  function parseHours(spec, timeZone) {
    const groups = String(spec).split(/[;\n]/).map((g) => g.trim()).filter(Boolean).map((group) => {
      const m = group.toLowerCase().match(/^([a-z,\s-]+?)\s+(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/);
      if (!m) throw new Error(`businessHours: cannot read "${group}"; write it like "mon-fri 09:00-18:00"`);
      const days = new Set();
      for (const part of m[1].split(',').map((p) => p.trim()).filter(Boolean)) {
        const [from, to = from] = part.split('-').map((d) => DAYS.indexOf(d.trim().slice(0, 3)));
        if (from < 0 || to < 0) throw new Error(`businessHours: unknown day in "${group}"; use mon, tue, … sun`);
        for (let d = from; ; d = (d + 1) % 7) {
          days.add(d);
          if (d === to) break;
        }
      }
      const open = Number(m[2]) * 60 + Number(m[3]);
      const close = Number(m[4]) * 60 + Number(m[5]);
      if (Number(m[3]) > 59 || Number(m[5]) > 59 || open >= 24 * 60 || close > 24 * 60 || close <= open) {
        throw new Error(`businessHours: "${group}" must close after it opens, within one day (00:00-24:00)`);
      }
      return { days, open, close };
    });
    const clock = new Intl.DateTimeFormat('en-US', { timeZone: timeZone || undefined, weekday: 'short',
      hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });
    return {
      groups,
      /** Whether people answer at `date`, in the configured time zone. */
      isOpen(date = new Date()) {
        if (!groups.length) return true;
        const parts = Object.fromEntries(clock.formatToParts(date).map((p) => [p.type, p.value]));
        const day = DAYS.indexOf(parts.weekday.toLowerCase().slice(0, 3));
        const minute = (Number(parts.hour) % 24) * 60 + Number(parts.minute);
        return groups.some((g) => g.days.has(day) && minute >= g.open && minute < g.close);
      },
      /** "周一至周五 09:00–18:00（GMT+8）" in the UI's language. */
      label(T, lang) {
        const hhmm = (m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
        const text = groups.map((g) => {
          const order = [1, 2, 3, 4, 5, 6, 0].filter((d) => g.days.has(d));
          const runs = [];
          for (const d of order) {
            const last = runs[runs.length - 1];
            if (last && (last[1] + 1) % 7 === d && d !== 1) last[1] = d;
            else runs.push([d, d]);
          }
          const days = runs.map(([a, b]) => (a === b ? T.days[a] : fill(T.dayRange, { from: T.days[a], to: T.days[b] })));
          return `${days.join(T.listSeparator)} ${hhmm(g.open)}–${hhmm(g.close)}`;
        }).join(T.listSeparator);
        const zone = new Intl.DateTimeFormat(lang, { timeZone: timeZone || undefined, timeZoneName: 'short' })
          .formatToParts(new Date()).find((p) => p.type === 'timeZoneName');
        return zone ? fill(T.hoursWithZone, { hours: text, zone: zone.value }) : text;
      },
    };
  }

  // ---------------------------------------------------------------------------
  // The outbox: every hand-over message is stored in localStorage first and
  // leaves it only when the webhook answers 2xx. It retries with backoff while
  // a page of the site is open, and again on the next visit. The message's id
  // is its idempotency key, so a retry is never delivered twice. A Web Lock
  // keeps two tabs from sending at the same time.
  //
  // Tabs see each other's localStorage writes only after a moment, so each
  // message has a key of its own (no tab rewrites a list another tab holds),
  // and a delivery is also recorded in IndexedDB, which every tab reads
  // consistently, before the lock is let go: the next tab checks it before
  // sending, rather than trusting a view of localStorage that may be behind.

  const Outbox = (() => {
    const PREFIX = 'kb-widget:outbox:';  // + message id -> the message and its attempts
    const LEGACY_KEY = 'kb-widget:outbox';  // one list, written by earlier versions
    const SENT_KEY = 'kb-widget:sent';
    const memory = new Map();  // key -> JSON that localStorage would not take (disabled or full)
    const listeners = new Set();
    let timer = null;
    let busy = false;
    let again = false;

    function storage() {
      try {
        return window.localStorage;
      } catch (err) {
        return null;
      }
    }
    function getItem(key) {
      let value = null;
      try {
        value = storage().getItem(key);
      } catch (err) { /* disabled: memory only */ }
      return value !== null ? value : (memory.get(key) ?? null);
    }
    function setItem(key, value) {
      try {
        storage().setItem(key, value);
        memory.delete(key);
      } catch (err) {
        memory.set(key, value);  // disabled or full: kept for this page, and still sent
      }
    }
    function removeItem(key) {
      memory.delete(key);
      try {
        storage().removeItem(key);
      } catch (err) { /* disabled: memory only */ }
    }
    function parse(text, fallback) {
      try {
        return JSON.parse(text) || fallback;
      } catch (err) {
        return fallback;
      }
    }
    // The invariant: an entry's key is PREFIX + its id, and the id is a short
    // token (newId's UUID). An entry that breaks it (edited by hand, written by
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
      return { ...item, attempts: Math.floor(count(item.attempts)), nextAt: count(item.nextAt),
        createdAt: count(item.createdAt) };
    }

    /** The waiting messages, oldest first, as {key, item}: `key` is the one to update or remove. */
    function entries() {
      const keys = new Set([...memory.keys()].filter((k) => k.startsWith(PREFIX)));
      try {
        const store = storage();
        for (let i = 0; i < store.length; i++) if (store.key(i).startsWith(PREFIX)) keys.add(store.key(i));
      } catch (err) { /* memory only */ }
      const found = [];
      for (const key of keys) {
        const text = getItem(key);
        if (text === null) continue;  // sent by another tab since the listing
        const item = normalize(parse(text, null));
        if (!item) {
          removeItem(key);
          console.warn(`KbWidget: outbox: dropped ${key}, which holds no message that can be sent`);
        } else if (key !== PREFIX + item.id) {
          // Re-keyed under its id; if that key is there already, this was a copy.
          const own = PREFIX + item.id;
          if (getItem(own) === null) {
            setItem(own, JSON.stringify(item));
            if (!keys.has(own)) found.push({ key: own, item });
          }
          removeItem(key);
        } else found.push({ key, item });
      }
      return found.sort((x, y) => x.item.createdAt - y.item.createdAt);
    }
    const save = (item) => setItem(PREFIX + item.id, JSON.stringify(item));
    const sent = () => [].concat(parse(getItem(SENT_KEY), []));

    // Messages an earlier version left in one list get a key each.
    const legacy = parse(getItem(LEGACY_KEY), null);
    if (Array.isArray(legacy)) {
      legacy.map(normalize).filter(Boolean).forEach(save);
      removeItem(LEGACY_KEY);
    }

    /** Deliveries recorded in IndexedDB: {has(id), add(id)}; both settle, never reject. */
    const delivered = (() => {
      let opened = null;
      const open = () => opened || (opened = new Promise((resolve) => {
        try {
          const request = indexedDB.open('kb-widget', 1);
          request.onupgradeneeded = () => request.result.createObjectStore('delivered');
          request.onsuccess = () => resolve(request.result);
          request.onerror = request.onblocked = () => resolve(null);
        } catch (err) {
          resolve(null);  // no IndexedDB: the idempotency key still keeps the receiver right
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
        add: (id) => run('readwrite', (store) => {
          const cutoff = Date.now() - MONTH;  // a month of ids is plenty to recognise a retry
          const cursor = store.openCursor();
          cursor.onsuccess = () => {
            if (!cursor.result) return;
            if (cursor.result.value < cutoff) cursor.result.delete();
            cursor.result.continue();
          };
          return store.put(Date.now(), id);
        }),
      };
    })();
    const notify = () => listeners.forEach((fn) => fn());

    /** First retry after 2 s, doubling up to 5 min, with ±20 % jitter so tabs do not march in step. */
    const backoff = (attempts) => Math.min(2000 * 2 ** (attempts - 1), 300000) * (0.8 + Math.random() * 0.4);

    async function send(item) {
      try {
        const response = await fetch(item.url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': item.id, 'Kb-Attempt': String(item.attempts + 1) },
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

    async function sendDue() {
      for (;;) {
        const due = entries().find(({ item }) => item.nextAt <= Date.now());
        if (!due) return;
        const { key, item } = due;
        // Delivered by another tab whose writes this tab may not see yet: done, not sent again.
        // (has() answers false when IndexedDB fails: the message is sent, and its key keeps
        // the receiver right.)
        const result = (await delivered.has(item.id)) ? { ok: true } : await send(item);
        if (result.ok) {
          await delivered.add(item.id);  // before the lock goes to another tab
          removeItem(key);  // the key just read, so this entry cannot come round again
          setItem(SENT_KEY, JSON.stringify(sent().filter((s) => s.id !== item.id).concat({ id: item.id, at: Date.now() }).slice(-100)));
        } else {
          const attempts = item.attempts + 1;
          const nextAt = Date.now() + backoff(attempts);
          setItem(key, JSON.stringify({ ...item, attempts, nextAt, lastError: result.error }));
        }
        notify();
      }
    }

    function schedule() {
      clearTimeout(timer);
      const next = Math.min(...entries().map(({ item }) => item.nextAt));
      if (Number.isFinite(next)) timer = setTimeout(flush, Math.max(0, next - Date.now()));
    }

    async function flush() {
      if (busy) {
        again = true;
        return;
      }
      busy = true;
      try {
        do {
          again = false;
          if (navigator.locks) await navigator.locks.request('kb-widget:outbox', sendDue);
          else await sendDue();
        } while (again);
      } catch (err) {
        console.error(`KbWidget: outbox: ${err.message}`);
      } finally {
        busy = false;
        schedule();
      }
    }

    // Back online: whatever waits is due now, whatever its backoff said.
    window.addEventListener('online', () => {
      for (const { key, item } of entries()) {
        setItem(key, JSON.stringify({ ...item, nextAt: Math.min(item.nextAt, Date.now()) }));
      }
      flush();
    });
    window.addEventListener('storage', (event) => {
      if (event.key === null || event.key.startsWith(PREFIX) || event.key === SENT_KEY) {
        notify();
        schedule();
      }
    });

    return {
      /** Stores the message, then tries to send it. */
      add(url, payload) {
        save({ id: payload.id, url, payload, attempts: 0, nextAt: Date.now(), createdAt: Date.now() });
        notify();
        flush();
      },
      /** {state: 'sending' | 'retrying' | 'delivered' | 'unknown', attempts, error} */
      status(id) {
        const item = parse(getItem(PREFIX + id), null);
        if (item) return { state: item.attempts ? 'retrying' : 'sending', attempts: item.attempts, error: item.lastError };
        return { state: sent().some((s) => s.id === id) ? 'delivered' : 'unknown' };
      },
      flush,
      onChange(fn) {
        listeners.add(fn);
        return () => listeners.delete(fn);
      },
    };
  })();

  // ---------------------------------------------------------------------------
  // Configuration: every mistake is reported at once, and init() throws.

  const UNANSWERED_KEY = 'kb-widget:unanswered';
  const PHONE = /^\+?[0-9][0-9 ()-]{2,29}$/;
  const EMAIL = /^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/;

  function readConfig(options) {
    if (typeof options !== 'object' || options === null) throw new TypeError('KbWidget.init: options must be an object');
    const problems = [];
    const unknown = Object.keys(options).filter((k) => !(k in DEFAULTS));
    if (unknown.length) problems.push(`unknown option(s) ${unknown.join(', ')}; see KbWidget.DEFAULTS`);
    const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined && v !== ''));
    const lang = pickLanguage(given.lang || navigator.language);
    const T = TRANSLATIONS[lang];
    if (!T) throw new Error('KbWidget: no UI translations; serve kb-widget.js from the built site (make build)');
    const config = { ...DEFAULTS, title: T.title, greeting: T.greeting, placeholder: T.placeholder, ...given, lang };

    config.popularQuestions = (typeof config.popularQuestions === 'string'
      ? config.popularQuestions.split('|') : [].concat(config.popularQuestions || []))
      .map((q) => String(q).trim()).filter(Boolean);
    if (config.popularQuestions.length > 6) problems.push('popularQuestions takes at most 6 questions');
    config.typeahead = config.typeahead !== false && config.typeahead !== 'false';
    config.sendPageQuery = config.sendPageQuery === true || config.sendPageQuery === 'true';

    config.indexRefresh = Number(config.indexRefresh);
    if (!Number.isFinite(config.indexRefresh) || config.indexRefresh < 0) {
      problems.push(`indexRefresh "${options.indexRefresh}" must be a number of seconds (0: never)`);
    }
    config.loadTimeout = Number(config.loadTimeout);
    if (!Number.isFinite(config.loadTimeout) || config.loadTimeout <= 0) {
      problems.push(`loadTimeout "${options.loadTimeout}" must be a number of seconds above 0`);
    }
    for (const key of ['webhook', 'liveChatUrl', 'analyticsUrl']) {
      if (!config[key]) continue;
      try {
        const url = new URL(config[key], pageBase());
        if (!/^https?:$/.test(url.protocol)) throw new Error('not http(s)');
        config[key] = url.href;
      } catch (err) {
        problems.push(`${key} "${config[key]}" is not an http(s) URL`);
      }
    }
    if (config.phone && !PHONE.test(String(config.phone).trim())) problems.push(`phone "${config.phone}" is not a phone number`);
    if (config.email && !EMAIL.test(String(config.email).trim())) problems.push(`email "${config.email}" is not an email address`);
    if (config.onHandover && typeof config.onHandover !== 'function') problems.push('onHandover must be a function');
    if (!['webhook', 'liveChatUrl', 'onHandover', 'phone', 'email'].some((k) => config[k])) {
      problems.push('no way to reach a person: set at least one of webhook, liveChatUrl, onHandover, phone, email');
    }
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: config.timeZone || undefined });
      config.hours = parseHours(config.businessHours || '', config.timeZone);
    } catch (err) {
      problems.push(err instanceof RangeError ? `timeZone "${config.timeZone}" is not an IANA time zone` : err.message);
      config.hours = null;
    }
    if (problems.length) throw new Error(`KbWidget: bad configuration:\n  - ${problems.join('\n  - ')}`);
    return { config, T };
  }

  // ---------------------------------------------------------------------------

  function init(options = {}) {
    const { config, T } = readConfig(options);
    const hours = config.hours;

    const host = el('div', { 'data-kb-widget': '' });
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.append(el('link', { rel: 'stylesheet', href: new URL(STYLE_FILE, config.base).href }));

    const launcher = el('button', { type: 'button', class: 'launcher', part: 'launcher', 'aria-label': T.open,
      'aria-expanded': 'false', 'aria-controls': 'kb-panel' }, chatIcon());
    const log = el('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': config.title, part: 'log' });
    const status = el('p', { class: 'status', role: 'status' });
    const typeahead = el('ul', { id: 'kb-typeahead', class: 'typeahead', role: 'listbox', 'aria-label': T.typeahead,
      part: 'typeahead', hidden: true });
    const input = el('input', { id: 'kb-input', type: 'text', autocomplete: 'off', placeholder: config.placeholder,
      maxlength: '500', role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false',
      'aria-controls': 'kb-typeahead' });
    const form = el('form', { class: 'composer', part: 'composer' }, [
      el('label', { for: 'kb-input', class: 'visually-hidden', text: T.inputLabel }),
      input,
      el('button', { type: 'submit', class: 'send', text: T.send }),
    ]);
    const closeButton = el('button', { type: 'button', class: 'close', 'aria-label': T.close, text: '×' });
    const clearButton = el('button', { type: 'button', class: 'clear', text: T.clear });
    const humanButton = el('button', { type: 'button', class: 'human', part: 'human', text: T.human });
    const panel = el('section', { id: 'kb-panel', class: 'panel', role: 'dialog', 'aria-label': config.title,
      part: 'panel', hidden: true }, [
      el('div', { class: 'header', part: 'header' }, [el('h2', { text: config.title }), humanButton, clearButton, closeButton]),
      log, status, typeahead, form,
    ]);
    shadow.append(launcher, panel);
    dom(Document.prototype, 'body').append(host);

    let engine = null;
    const listeners = {};
    const emit = (name, detail) => (listeners[name] || []).forEach((fn) => {
      try {
        fn(detail);
      } catch (err) {
        console.error(`KbWidget: a '${name}' listener failed: ${err.message}`);
      }
    });

    function startEngine() {
      if (engine) return engine;
      status.textContent = T.loading;
      status.classList.add('loading');
      const timeoutMs = config.loadTimeout * 1000;
      const engineScript = new URL(ENGINE_FILE, config.base).href;
      engine = (window[ENGINE] ? Promise.resolve() : loadScript(engineScript, timeoutMs)).then(() => {
        const KbEngine = window[ENGINE];
        if (typeof KbEngine !== 'function') throw new Error(`${engineScript} did not register the engine`);
        const instance = KbEngine.create({ index: config.index, base: config.base, stallTimeout: timeoutMs,
          refreshSeconds: config.indexRefresh, onUpdate: (info) => emit('updated', info) });
        return instance.ready.then((info) => {
          status.textContent = '';
          status.classList.remove('loading');
          emit('ready', info);
          return instance;
        }, (err) => {
          instance.terminate();  // its worker and refresh timer go; the next intent starts afresh
          throw err;
        });
      });
      engine.catch((err) => {
        status.textContent = T.loadFailed;
        status.classList.remove('loading');
        console.error(`KbWidget: ${err.message}`);
        engine = null;  // the next intent retries
      });
      return engine;
    }

    function addMessage(who, content) {
      const bubble = el('div', { class: `msg ${who}`, part: `message-${who}` }, content);
      log.append(bubble);
      // Show a reply from its start, with the question it answers above it,
      // rather than the end of a long answer.
      const question = who === 'bot' && bubble.previousElementSibling;
      const anchor = question && question.classList.contains('user') ? question : bubble;
      log.scrollTop = who === 'bot' ? anchor.offsetTop - log.offsetTop - 8 : log.scrollHeight;
      return bubble;
    }

    function quickButton(text, onClick, className = 'suggestion') {
      const b = el('button', { type: 'button', class: className, text });
      b.addEventListener('click', onClick);
      return b;
    }

    async function showEntryById(id) {
      const entry = await (await startEngine()).get(id);
      if (entry) post({ who: 'bot', entry });
    }

    // A link to another entry (#/entry/<id>) opens it in the conversation,
    // rather than changing the host page's address.
    log.addEventListener('click', (event) => {
      const link = event.target.closest && event.target.closest('a[href^="#/entry/"]');
      if (!link) return;
      event.preventDefault();
      showEntryById(decodeURIComponent(link.getAttribute('href').slice(8))).catch(() => {});
    });

    // The conversation as data, kept in sessionStorage so it survives
    // navigation on the same site; every message is drawn by render().
    const STORE_KEY = 'kb-widget:transcript';
    let transcript = [];
    try {
      transcript = JSON.parse(sessionStorage.getItem(STORE_KEY) || '[]');
      if (!Array.isArray(transcript)) transcript = [];
    } catch (err) {
      transcript = [];  // storage disabled or corrupt: start afresh
    }

    function save() {
      try {
        sessionStorage.setItem(STORE_KEY, JSON.stringify(transcript.slice(-100)));
      } catch (err) { /* storage full or disabled: the conversation still works */ }
    }

    function post(message) {
      transcript.push({ ...message, at: Date.now() });
      save();
      return render(message);
    }

    function render(message) {
      if (message.who === 'user') return addMessage('user', el('p', { text: message.text }));
      if (message.entry) return showEntry(message.entry);
      if (message.handover) return addMessage('bot', handoverCard(message.handover));
      const parts = [el('p', { text: message.text })];
      if (message.suggestions) {
        parts.push(el('div', { class: 'suggestions' },
          message.suggestions.map((s) => quickButton(s.title, () => {
            post({ who: 'user', text: s.title });
            showEntryById(s.id);
          }))));
      }
      if (message.human) {
        const reason = typeof message.human === 'string' ? message.human : 'cannot-answer';
        parts.push(quickButton(T.human, () => startHandover(reason, true), 'suggestion human-offer'));
      }
      return addMessage('bot', parts);
    }

    function clearConversation() {
      transcript = [];
      save();
      previous = null;
      log.replaceChildren();
      greet();
    }

    /** An entry's answer, then its related entries and the 👍/👎 prompt. */
    function showEntry(entry) {
      const title = entry.title ? el('p', { class: 'answer-title' }, el('strong', { text: entry.title })) : null;
      const bubble = addMessage('bot', [title, entryText(entry)]);
      if (!entry.id) return bubble;  // small talk: no article, nothing to rate
      bubble.setAttribute('data-entry-id', entry.id);
      if (Array.isArray(entry.related) && entry.related.length) {
        const list = el('div', { class: 'related', role: 'group', 'aria-label': T.related });
        list.append(el('p', { class: 'related-title', text: T.related }));
        bubble.append(list);
        startEngine().then((engine) => Promise.all(entry.related.map((id) => engine.get(id)))).then((entries) => {
          for (const r of entries.filter(Boolean)) list.append(quickButton(r.title, () => post({ who: 'bot', entry: r }), 'link'));
        }, () => {});
      }
      const yes = quickButton('👍', () => rate(true), 'rate');
      const no = quickButton('👎', () => rate(false), 'rate');
      yes.setAttribute('aria-label', T.helpfulYes);
      no.setAttribute('aria-label', T.helpfulNo);
      const prompt = el('div', { class: 'feedback', part: 'feedback' }, [el('span', { text: T.helpful }), yes, no]);
      bubble.append(prompt);
      function rate(helpful) {
        prompt.replaceChildren(el('span', { text: helpful ? T.thanksForFeedback : '' }));
        emit('feedback', { id: entry.id, helpful });
        if (!helpful) {
          if (previous) previous.unhelpful = true;
          post({ who: 'bot', text: T.sorryNotHelpful, human: 'thumbs-down' });
          if (previous) rememberUnanswered(previous.question, 'thumbs-down', entry.id);
          emit('escalate', { question: previous ? previous.question : '', reason: 'thumbs-down', id: entry.id });
        }
      }
      return bubble;
    }

    // ---- Hand-over ---------------------------------------------------------

    const lastQuestion = () => {
      for (let i = transcript.length - 1; i >= 0; i--) if (transcript[i].who === 'user') return transcript[i].text;
      return '';
    };

    /** The page's address without its fragment, and without its query unless the site opted in. */
    function pageUrl() {
      return location.origin + location.pathname + (config.sendPageQuery ? location.search : '');
    }

    /** What a person needs: the question, the conversation, the page; docs/handover.md has the schema. */
    function payloadFor(h, contact, message) {
      return {
        schema: 'kb-widget.handover/1',
        id: h.id,
        kind: h.open ? 'handover' : 'message',
        reason: h.reason,
        createdAt: new Date(h.at).toISOString(),
        question: h.question,
        message: message || null,
        contact: contact || null,
        consent: { shareConversation: true, contactMe: Boolean(contact) },
        transcript: transcript.filter((m) => m.who === 'user' || m.text || m.entry).slice(-50).map((m) => {
          // The widget's index stores an answer's HTML, not its Markdown.
          const body = (e) => e.text || (e.html ? KbHtml.text(e.html) : '');
          const line = { who: m.who, text: m.entry ? `${m.entry.title || ''}\n${body(m.entry)}`.trim() : m.text };
          if (m.entry && m.entry.id) line.entryId = m.entry.id;
          if (m.at) line.at = new Date(m.at).toISOString();
          return line;
        }),
        page: { url: pageUrl(), title: dom(Document.prototype, 'title'), language: config.lang },
        businessHours: { open: h.open, timeZone: config.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone },
      };
    }

    /** Starts a hand-over: a card in the conversation with every configured way to a person. */
    function startHandover(reason, focusCard) {
      const h = { id: newId(), reason, question: lastQuestion(), open: hours.isOpen(new Date()), at: Date.now() };
      const card = post({ who: 'bot', handover: h });
      if (config.onHandover) {
        try {
          config.onHandover(payloadFor(h, null, null));
        } catch (err) {
          console.error(`KbWidget: onHandover failed: ${err.message}`);
        }
      }
      if (focusCard) (card.querySelector('form input') || card.querySelector('a') || card).focus();
      return h;
    }

    function handoverCard(h) {
      const parts = [el('p', { class: 'handover-title', text: h.open ? T.connecting : fill(T.outsideHours, { hours: hours.label(T, config.lang) }) })];
      const ways = el('div', { class: 'ways' });
      if (h.open && config.liveChatUrl) {
        ways.append(el('a', { class: 'way', href: config.liveChatUrl, target: '_blank', rel: 'noopener', text: T.liveChat }));
      }
      if (config.phone) ways.append(el('a', { class: 'way', href: `tel:${config.phone.replace(/[^+\d]/g, '')}`, text: fill(T.callUs, { phone: config.phone }) }));
      if (config.email) {
        const subject = encodeURIComponent(`${config.title}: ${h.question}`.slice(0, 120));
        ways.append(el('a', { class: 'way', href: `mailto:${config.email}?subject=${subject}`, text: fill(T.emailUs, { email: config.email }) }));
      }
      if (ways.childElementCount) parts.push(ways);
      if (config.webhook) parts.push(h.sent ? deliveryStatus(h.id) : messageForm(h));
      return el('div', { class: 'handover', part: 'handover', 'data-handover-id': h.id }, parts);
    }

    /** Name, phone or email, message and consent, validated before anything is stored. */
    function messageForm(h) {
      const id = (name) => `kb-${h.id}-${name}`;
      const field = (name, label, control) => el('div', { class: 'field' }, [
        el('label', { for: id(name), text: label }), control,
        el('p', { id: id(`${name}-error`), class: 'error', hidden: true }),
      ]);
      const name = el('input', { id: id('name'), name: 'name', autocomplete: 'name', maxlength: '60', required: true });
      const contact = el('input', { id: id('contact'), name: 'contact', autocomplete: 'email', maxlength: '100', required: true });
      const message = el('textarea', { id: id('message'), name: 'message', rows: '3', maxlength: '2000', required: true });
      message.value = h.question;
      const consent = el('input', { id: id('consent'), name: 'consent', type: 'checkbox', required: true });
      const formEl = el('form', { class: 'leave-message', novalidate: true, 'aria-label': T.formTitle }, [
        el('p', { class: 'form-intro', text: h.open ? T.leaveContact : T.leaveMessage }),
        field('name', T.formName, name),
        field('contact', T.formContact, contact),
        field('message', T.formMessage, message),
        el('div', { class: 'field consent' }, [consent, el('label', { for: id('consent'), text: T.formConsent }),
          el('p', { id: id('consent-error'), class: 'error', hidden: true })]),
        el('button', { type: 'submit', class: 'send', text: T.formSend }),
      ]);
      formEl.addEventListener('submit', (event) => {
        event.preventDefault();
        const value = { name: name.value.trim(), contact: contact.value.trim(), message: message.value.trim() };
        const errors = {
          name: !value.name && T.errName,
          contact: !(EMAIL.test(value.contact) || PHONE.test(value.contact)) && T.errContact,
          message: !value.message && T.errMessage,
          consent: !consent.checked && T.errConsent,
        };
        const controls = { name, contact, message, consent };
        for (const [key, error] of Object.entries(errors)) {
          const note = formEl.querySelector(`#${CSS.escape(id(`${key}-error`))}`);
          note.hidden = !error;
          note.textContent = error || '';
          controls[key].toggleAttribute('aria-invalid', Boolean(error));
          if (error) controls[key].setAttribute('aria-describedby', id(`${key}-error`));
          else controls[key].removeAttribute('aria-describedby');
        }
        const firstBad = Object.keys(errors).find((key) => errors[key]);
        if (firstBad) {
          controls[firstBad].focus();
          return;
        }
        const isEmail = value.contact.includes('@');
        Outbox.add(config.webhook, payloadFor(h, { name: value.name, phone: isEmail ? null : value.contact,
          email: isEmail ? value.contact : null }, value.message));
        const stored = transcript.find((m) => m.handover && m.handover.id === h.id);
        if (stored) stored.handover.sent = true;
        h.sent = true;
        save();
        const statusLine = deliveryStatus(h.id);
        formEl.replaceWith(statusLine);
        statusLine.focus();
      });
      return formEl;
    }

    /** Whether the message reached the webhook; kept current from the outbox, across tabs too. */
    function deliveryStatus(id) {
      const line = el('p', { class: 'delivery', role: 'status', tabindex: '-1', 'data-outbox-id': id });
      updateDelivery(line);
      return line;
    }

    function updateDelivery(line) {
      const { state, attempts } = Outbox.status(line.getAttribute('data-outbox-id'));
      line.setAttribute('data-state', state);
      line.textContent = { sending: T.sending, retrying: fill(T.retrying, { n: attempts }), delivered: T.delivered }[state] || T.sentEarlier;
    }

    const stopWatchingOutbox = Outbox.onChange(() => shadow.querySelectorAll('[data-outbox-id]').forEach(updateDelivery));

    // ---- Type-ahead --------------------------------------------------------

    let typeaheadTimer = null;
    let typeaheadSeq = 0;
    let active = -1;

    function hideTypeahead() {
      clearTimeout(typeaheadTimer);
      typeaheadSeq++;  // whatever is still on its way is now stale
      typeahead.hidden = true;
      typeahead.replaceChildren();
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }

    function showTypeahead(hits) {
      typeahead.replaceChildren(...hits.map((hit, i) => {
        const option = el('li', { id: `kb-typeahead-${i}`, role: 'option', 'aria-selected': 'false', 'data-id': hit.id, text: hit.title });
        option.addEventListener('mousedown', (event) => event.preventDefault());  // keep focus in the input
        option.addEventListener('click', () => pickSuggestion(hit));
        return option;
      }));
      typeahead.hidden = !hits.length;
      input.setAttribute('aria-expanded', String(hits.length > 0));
      active = -1;
    }

    function moveActive(step) {
      const options = [...typeahead.children];
      if (!options.length) return;
      active = (active + 1 + step + options.length + 1) % (options.length + 1) - 1;  // -1: back in the input
      options.forEach((o, i) => o.setAttribute('aria-selected', String(i === active)));
      if (active >= 0) input.setAttribute('aria-activedescendant', options[active].id);
      else input.removeAttribute('aria-activedescendant');
    }

    function pickSuggestion(hit) {
      hideTypeahead();
      input.value = '';
      post({ who: 'user', text: hit.title });
      showEntryById(hit.id);
    }

    /** Debounced; each query carries a number, and only the newest one may draw. */
    function onType() {
      clearTimeout(typeaheadTimer);
      const query = input.value.trim();
      const seq = ++typeaheadSeq;
      if (!config.typeahead || query.length < 2) {
        hideTypeahead();
        return;
      }
      typeaheadTimer = setTimeout(async () => {
        try {
          const result = await (await startEngine()).search(query, { type: 'faq', limit: 5 });
          if (seq === typeaheadSeq) showTypeahead(result.hits.filter((h) => h.title !== query));
        } catch (err) { /* the answer path reports load failures */ }
      }, 150);
    }

    // ---- Unanswered questions: the editors' to-do list --------------------

    // What could identify a person: email addresses and runs of five or more
    // digits (phones, order numbers). Visitors type in any script, so the
    // patterns are Unicode-aware: digits of any script (full-width １３８…),
    // separated by spaces, dots, dashes or their full-width forms, and email
    // addresses whose name and domain are in any script (张三@例子.中国).
    const EMAILS = /[\p{L}\p{N}\p{M}._%+\-]+[@＠][\p{L}\p{N}\p{M}\-]+(?:[.．。｡][\p{L}\p{N}\p{M}\-]+)+/gu;
    const NUMBERS = /\p{Nd}(?:[\s.\-‐-―−．。｡－／/·・]{0,2}\p{Nd}){4,}/gu;

    /** The question without personal data, at most 300 characters (whole code points). */
    const scrub = (text) => Array.from(String(text).replace(EMAILS, '[email]')
      .replace(NUMBERS, '[number]')).slice(0, 300).join('');

    function rememberUnanswered(question, reason, entryId) {
      const record = { question: scrub(question), reason, lang: config.lang, page: location.pathname,
        day: new Date().toISOString().slice(0, 10) };
      if (entryId) record.entryId = entryId;
      try {
        const kept = JSON.parse(localStorage.getItem(UNANSWERED_KEY) || '[]');
        localStorage.setItem(UNANSWERED_KEY, JSON.stringify((Array.isArray(kept) ? kept : []).concat(record).slice(-200)));
      } catch (err) { /* storage disabled: nothing kept */ }
      if (config.analyticsUrl) {
        fetch(config.analyticsUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(record), credentials: 'omit', keepalive: true }).catch(() => {});
      }
    }

    // ---- Questions ---------------------------------------------------------

    // The last question and whether its reply helped, so that asking the same
    // thing again after no real answer hands over to a person.
    let previous = null;

    // The engine names the small talk (greeting, thanks …); the words are the UI language's.
    const smallTalk = { greeting: T.smallTalkGreeting, thanks: T.smallTalkThanks, bye: T.smallTalkBye,
      ok: T.smallTalkOk, present: T.smallTalkPresent };

    async function ask(question) {
      const text = String(question || '').trim();
      if (!text) return null;
      hideTypeahead();
      post({ who: 'user', text });
      let reply;
      try {
        const context = previous && previous.unhelpful ? { previous: previous.question, unhelpful: true } : undefined;
        reply = await (await startEngine()).ask(text, context);
      } catch (err) {
        post({ who: 'bot', text: T.loadFailed, human: 'unavailable' });
        return null;
      }
      previous = { question: text, unhelpful: reply.decision !== 'answer' };
      if (reply.reason === 'small-talk') {
        post({ who: 'bot', text: smallTalk[reply.answer.key] || T.smallTalkOk });
        emit('answer', reply);
      } else if (reply.decision === 'answer') {
        post({ who: 'bot', entry: reply.answer });
        emit('answer', reply);
      } else if (reply.decision === 'suggest') {
        post({ who: 'bot', text: T.didYouMean, suggestions: reply.suggestions.map(({ id, title }) => ({ id, title })) });
        emit('answer', reply);
      } else if (reply.reason === 'asked-for-human' || reply.reason === 'repeated') {
        if (reply.reason === 'repeated') rememberUnanswered(text, 'repeated');
        post({ who: 'bot', text: T.askedForHuman });
        emit('escalate', { question: text, reason: reply.reason, reply });
        startHandover(reply.reason, false);
      } else {
        rememberUnanswered(text, reply.reason);
        post({ who: 'bot', text: T.cannotAnswer, human: 'cannot-answer' });
        emit('escalate', { question: text, reason: reply.reason, reply });
      }
      return reply;
    }

    function greet() {
      const popular = config.popularQuestions.map((q) => quickButton(q, () => ask(q)));
      addMessage('bot', [el('p', { text: config.greeting }),
        popular.length ? el('p', { class: 'popular-title', text: T.popular }) : null,
        popular.length ? el('div', { class: 'suggestions', part: 'quick-replies' }, popular) : null]);
    }

    function open() {
      if (engine && config.indexRefresh > 0) engine.then((instance) => instance.refresh(), () => {}).catch(() => {});  // a new index since?
      panel.hidden = false;
      launcher.setAttribute('aria-expanded', 'true');
      if (!log.childElementCount) {
        greet();
        transcript.forEach(render);
      }
      startEngine();
      input.focus();
    }

    function close() {
      hideTypeahead();
      panel.hidden = true;
      launcher.setAttribute('aria-expanded', 'false');
      launcher.focus();
    }

    launcher.addEventListener('click', () => (panel.hidden ? open() : close()));
    launcher.addEventListener('pointerenter', startEngine, { once: true });
    launcher.addEventListener('focus', startEngine, { once: true });
    closeButton.addEventListener('click', close);
    clearButton.addEventListener('click', clearConversation);
    humanButton.addEventListener('click', () => startHandover('visitor-request', true));
    panel.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      if (!typeahead.hidden) hideTypeahead();  // the first Escape closes the suggestions only
      else close();
    });
    input.addEventListener('input', onType);
    input.addEventListener('blur', () => setTimeout(() => { if (shadow.activeElement !== input) hideTypeahead(); }, 0));
    input.addEventListener('keydown', (event) => {
      if (typeahead.hidden) return;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        moveActive(event.key === 'ArrowDown' ? 1 : -1);
      } else if (event.key === 'Enter' && active >= 0) {
        event.preventDefault();
        typeahead.children[active].click();
      }
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = input.value;
      input.value = '';
      ask(text);
    });

    Outbox.flush();  // messages left from an earlier visit go out now

    return {
      open,
      close,
      ask,
      /** The questions kept for editors (`kb-indexer gaps`), oldest first. */
      unanswered() {
        try {
          return JSON.parse(localStorage.getItem(UNANSWERED_KEY) || '[]');
        } catch (err) {
          return [];
        }
      },
      /** Starts a hand-over as if the visitor had asked for a person. */
      handover: () => startHandover('visitor-request', false),
      destroy() {
        if (engine) engine.then((instance) => instance.terminate(), () => {});
        stopWatchingOutbox();
        host.remove();
      },
      on(name, fn) {
        (listeners[name] = listeners[name] || []).push(fn);
        return this;
      },
    };
  }

  // Kept in a local too: the page's later reads of window.KbWidget are its own business.
  const api = { init, DEFAULTS };
  window.KbWidget = api;

  if (script && script.dataset.autoInit !== 'false') {
    const fromData = {};
    for (const key of Object.keys(script.dataset)) if (key !== 'autoInit') fromData[key] = script.dataset[key];
    const start = () => {
      try {
        api.instance = init(fromData);
      } catch (err) {
        console.error(err.message);
      }
    };
    if (dom(Document.prototype, 'body')) start();
    else EventTarget.prototype.addEventListener.call(document, 'DOMContentLoaded', start, { once: true });
  }
})();
