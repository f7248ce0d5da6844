/*
 * The agent console: instant search over the internal index (public and
 * internal entries), with facets, highlighted snippets, full entries, copyable
 * scripts, procedures to tick off, deep links, pins and recently viewed.
 *
 * URLs: ?q=…&type=…&category=…&channel=… for a search, #/entry/<id> for an entry.
 * Keys: / focuses the search, ↓/↑ move through results, Enter opens, Esc goes back.
 *
 * The UI strings are web/i18n/console/*.json, in the language of the page's
 * <html lang> (zh-CN, zh-TW or en); index.html carries the zh-CN text, which
 * start-up overwrites.
 */
import { ENGINE_KEY } from '../../web/src/shared/assets.js';
import { ENTRY_LINK_PREFIX } from '../../web/src/shared/constants.js';
import { el } from '../../web/src/shared/dom.js';
import { entryFragment } from '../../web/src/shared/entry-html.js';
import { pickLanguage, translator } from '../../web/src/shared/i18n.js';
import { fillPlaceholders, fillPlaceholderText } from '../../web/src/shared/placeholders.js';
import { safeStorage } from '../../web/src/shared/storage.js';
import en from '../../web/i18n/console/en.json';
import zhCN from '../../web/i18n/console/zh-CN.json';
import zhTW from '../../web/i18n/console/zh-TW.json';

const TRANSLATIONS = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };
const requested = document.documentElement.lang;
const lang = pickLanguage(requested);
/** For times and numbers: the page's own tag when it is of that language (en-GB), else the language. */
const locale = (() => {
  try {
    const [tag] = Intl.getCanonicalLocales(requested || []);
    return tag && tag.slice(0, 2) === lang.slice(0, 2) ? tag : lang;
  } catch (err) {
    return lang; // not a language tag
  }
})();
const t = translator(TRANSLATIONS[lang], locale);
// The knowledge base's words are simplified Chinese whatever the UI's language
// (kb-content/README.md), and are marked so: for screen readers' voices and for
// the fonts' simplified glyphs.
const CONTENT = 'zh-CN';

const TYPES = {
  faq: t('typeFaq'),
  procedure: t('typeProcedure'),
  script: t('typeScript'),
  rule: t('typeRule'),
};
const CHANNELS = {
  phone: t('channelPhone'),
  chat: t('channelChat'),
};
const FILTERS = ['type', 'category', 'channel'];
// An entry's {{phone}}, {{email}} and {{hours}}: the site's own, as the page
// gives them (<body data-phone data-email data-hours>, like the widget's
// script tag), in the text, in what is copied and in snippets. One the page
// does not give reads as a label, and a tel: or mailto: link to it becomes its text.
const CONTACTS = Object.fromEntries(
  ['phone', 'email', 'hours'].map((name) => [name, (document.body.dataset[name] || '').trim()]),
);
const PLACEHOLDERS = {
  phone: t('placeholderPhone'),
  email: t('placeholderEmail'),
  hours: t('placeholderHours'),
};
const placeholder = (name) => PLACEHOLDERS[name];
const filled = (text) => fillPlaceholderText(text || '', CONTACTS, placeholder);
const $ = (id) => document.getElementById(id);
const input = $('q');
const results = $('results');
const more = $('more');
const moreResults = $('more-results');
const entryView = $('entry');
const status = $('status');
const count = $('count');
const didYouMean = $('did-you-mean');
const toast = $('copied');

const state = {
  q: '',
  type: '',
  category: '',
  channel: '',
};
let engine = null; // the engine over the internal index (startEngine, at the end)
let latest = 0;
let openId = null;
let lastSearch = 0;

/** Highlight segments from the engine as text nodes and <mark>s; never parses HTML. */
function marked(segments, fallback) {
  const out = document.createDocumentFragment();
  // A placeholder split by a highlight ({{, phone marked, }}) shows unmarked, filled in.
  if (!Array.isArray(segments) || segments.some((s) => filled(s.text).includes('{{'))) {
    out.append(filled(fallback));
    return out;
  }
  for (const s of segments)
    out.append(s.mark ? el('mark', { text: filled(s.text) }) : document.createTextNode(filled(s.text)));
  return out;
}

// ---- Local lists: pinned and recently viewed -----------------------------

// Storage disabled or full: the lists last for this page.
const local = safeStorage(() => window.localStorage);
const session = safeStorage(() => window.sessionStorage);
const saved = (key) => local.read(key, [], Array.isArray);
const PINNED = 'kb-agent:pinned';
const RECENT = 'kb-agent:recent';

function renderShortlists() {
  for (const [key, list, empty] of [
    [PINNED, $('pinned'), t('pinnedEmpty')],
    [RECENT, $('recent'), t('recentEmpty')],
  ]) {
    const items = saved(key);
    list.replaceChildren(
      ...(items.length
        ? items.map((e) => el('li', {}, entryLink(e)))
        : [el('li', { class: 'empty', text: empty })]),
    );
  }
}

/** A link that opens `entry` ({id, title}). */
function entryLink(entry) {
  return el('a', { href: entryHref(entry.id), lang: CONTENT, text: entry.title });
}

function remember(entry) {
  const recent = saved(RECENT).filter((e) => e.id !== entry.id);
  recent.unshift({ id: entry.id, title: entry.title });
  local.write(RECENT, recent.slice(0, 10));
  renderShortlists();
}

function togglePin(entry, button) {
  const pinned = saved(PINNED);
  const at = pinned.findIndex((e) => e.id === entry.id);
  if (at >= 0) pinned.splice(at, 1);
  else pinned.unshift({ id: entry.id, title: entry.title });
  local.write(PINNED, pinned.slice(0, 30));
  button.setAttribute('aria-pressed', String(at < 0));
  button.textContent = t(at < 0 ? 'pinned' : 'pin');
  renderShortlists();
}

// ---- Search ---------------------------------------------------------------

function readUrl() {
  const params = new URLSearchParams(location.search);
  for (const key of ['q', ...FILTERS]) state[key] = params.get(key) || '';
  input.value = state.q;
}

function writeUrl() {
  const params = new URLSearchParams();
  for (const key of ['q', ...FILTERS]) if (state[key]) params.set(key, state[key]);
  const query = params.toString();
  history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
}

function setFilter(key, value) {
  state[key] = state[key] === value ? '' : value;
  writeUrl();
  search();
}

function facetButton(label, n, pressed, onClick) {
  const b = el('button', { type: 'button', 'aria-pressed': String(pressed) }, [
    label,
    el('span', { class: 'n', text: n.toLocaleString(locale) }),
  ]);
  b.addEventListener('click', onClick);
  return b;
}

function renderFacets(facets) {
  const types = facets.type || {};
  const total = Object.values(types).reduce((a, b) => a + b, 0);
  const typeGroup = $('type-filter');
  typeGroup.replaceChildren(
    typeGroup.firstElementChild,
    facetButton(t('all'), total, !state.type, () => setFilter('type', '')),
    ...Object.keys(TYPES).map((type) =>
      facetButton(TYPES[type], types[type] || 0, state.type === type, () => setFilter('type', type)),
    ),
  );
  for (const key of ['category', 'channel']) {
    const counts = { ...(facets[key] || {}) };
    if (state[key] && !(state[key] in counts)) counts[state[key]] = 0; // a chosen value stays visible to undo
    const names = key === 'channel' ? CHANNELS : {};
    // Categories are the content's words, in its order.
    const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], CONTENT));
    $(`${key}-facet`).replaceChildren(
      ...(entries.length
        ? entries.map(([value, n]) => {
            const b = facetButton(names[value] || value, n, state[key] === value, () =>
              setFilter(key, value),
            );
            if (key === 'category') b.lang = CONTENT;
            return b;
          })
        : [el('p', { class: 'empty', text: t('none') })]),
    );
  }
}

function resultItem(hit) {
  const link = el('a', { class: 'result', href: entryHref(hit.id), 'data-id': hit.id }, [
    el('span', { class: 'title', lang: CONTENT }, marked(hit.marks && hit.marks.title, hit.title)),
    el('span', { class: 'badges' }, [
      el('span', { class: `badge ${hit.type}`, text: TYPES[hit.type] || hit.type }),
      el('span', { class: 'category', lang: CONTENT, text: hit.category }),
      hit.channel ? el('span', { class: 'channel', text: CHANNELS[hit.channel] || hit.channel }) : null,
    ]),
    el('span', { class: 'snippet', lang: CONTENT }, marked(hit.marks && hit.marks.snippet, hit.snippet)),
  ]);
  if (hit.id === openId) link.setAttribute('aria-current', 'true');
  return el('li', {}, link);
}

async function search() {
  const ticket = ++latest;
  const started = performance.now();
  let found;
  try {
    found = await engine.search(state.q, {
      limit: 100,
      facets: true,
      all: true,
      type: state.type,
      category: state.category,
      channel: state.channel,
    });
  } catch (err) {
    if (ticket === latest) count.textContent = t('searchFailed', { message: err.message });
    return;
  }
  if (ticket !== latest) return; // a newer query is on its way; never draw an older one over it
  lastSearch = performance.now() - started;
  renderFacets(found.facets || {});
  // The hits holding a key word of the query are the results; the others
  // (lone characters, filler, common words) wait, collapsed, under "more".
  const relevant = found.hits.filter((hit) => hit.relevant !== false);
  const others = found.hits.filter((hit) => hit.relevant === false);
  const n = typeof found.relevant === 'number' ? found.relevant : found.total;
  results.replaceChildren(...relevant.map(resultItem));
  const shown = relevant.length < n ? t('countShown', { n: relevant.length }) : '';
  count.textContent = t(state.q ? 'countFound' : 'countAll', { n }) + shown;
  const rest = found.total - n;
  if (results.dataset.q !== state.q) more.open = false; // a new query starts collapsed
  more.hidden = !others.length;
  more
    .querySelector('summary')
    .replaceChildren(
      t('moreResults', { n: rest }) + (others.length < rest ? t('countShown', { n: others.length }) : ''),
    );
  moreResults.replaceChildren(...others.map(resultItem));
  const ms = lastSearch.toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  count.title = t('searchTime', { ms });
  results.dataset.ms = lastSearch.toFixed(1);
  results.dataset.q = state.q; // which query these results answer
  if (found.did_you_mean) {
    const fix = el('button', { type: 'button', class: 'link', text: found.did_you_mean });
    fix.addEventListener('click', () => {
      input.value = found.did_you_mean;
      onInput();
      input.focus();
    });
    didYouMean.replaceChildren(t('didYouMean'), fix);
    didYouMean.hidden = false;
  } else {
    didYouMean.hidden = true;
    didYouMean.replaceChildren();
  }
}

function onInput() {
  state.q = input.value.trim();
  writeUrl();
  search();
}

// ---- Entries --------------------------------------------------------------

/** Puts `text` on the clipboard and says so with the string `done`. */
async function copyText(text, done) {
  try {
    await navigator.clipboard.writeText(text);
  } catch (err) {
    // No clipboard permission: copy through a selection instead.
    const area = el('textarea', { class: 'visually-hidden', 'aria-hidden': 'true' });
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  toast.textContent = done;
  clearTimeout(copyText.timer);
  copyText.timer = setTimeout(() => {
    toast.textContent = '';
  }, 2500);
}

/** A node's text as lines: a <br> or the end of a paragraph starts a new line. */
function linesOf(node) {
  let text = '';
  (function walk(n) {
    for (const c of n.childNodes) {
      if (c.nodeType === 3) text += c.data;
      else if (c.localName === 'br') text += '\n';
      else {
        walk(c);
        if (/^(p|li|blockquote)$/.test(c.localName)) text += '\n';
      }
    }
  })(node);
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/** A script's words to say: a quoted block with its copy button. */
function sayBlock(quote) {
  const text = linesOf(quote).join('\n');
  const copy = el('button', { type: 'button', class: 'copy', text: t('copyScript') });
  copy.addEventListener('click', () => copyText(text, t('copiedScript')));
  return el('figure', { class: 'say' }, [quote.cloneNode(true), copy]);
}

/** A step's content for its label: a loose list's paragraphs become lines. */
function stepContent(li) {
  const out = document.createDocumentFragment();
  for (const c of [...li.childNodes]) {
    if (c.localName === 'p') {
      if (out.childNodes.length) out.append(el('br'));
      out.append(...c.childNodes);
    } else out.append(c);
  }
  return out;
}

/**
 * A procedure's numbered steps, as a checklist whose ticks last for this
 * browser tab. `n` counts the entry's lists, so each keeps its own ticks.
 */
function stepList(entry, list, n) {
  const key = `kb-agent:steps:${entry.id}${n ? `:${n}` : ''}`;
  const steps = [...list.children].filter((c) => c.localName === 'li');
  const done = session.read(key, [], Array.isArray);
  const progress = el('p', { class: 'progress', 'aria-live': 'polite' });
  const boxes = steps.map((step, i) => {
    const id = `step-${n ? `${n}-` : ''}${i + 1}`;
    const box = el('input', { type: 'checkbox', id, checked: done.includes(i) });
    box.addEventListener('change', update);
    return el('li', {}, [box, el('label', { for: id }, stepContent(step))]);
  });
  const reset = el('button', { type: 'button', class: 'link', text: t('restart') });
  reset.addEventListener('click', () => {
    boxes.forEach((li) => {
      li.querySelector('input').checked = false;
    });
    update();
  });
  function update() {
    const ticked = boxes.map((li, i) => (li.querySelector('input').checked ? i : -1)).filter((i) => i >= 0);
    session.write(key, ticked);
    progress.textContent = t('stepsDone', { done: ticked.length, n: steps.length });
  }
  update();
  const ol = el('ol', { class: 'steps' }, boxes);
  if (list.getAttribute('start')) ol.setAttribute('start', list.getAttribute('start'));
  return el('div', { class: 'checklist' }, [ol, el('div', { class: 'progress-row' }, [progress, reset])]);
}

/**
 * The entry's text, from the HTML the indexer rendered, through the
 * allow-list of web/src/shared/entry-html.js; a script's quotes and a procedure's steps get
 * their tools.
 */
function body(entry) {
  const text = fillPlaceholders(entryFragment(entry.html || ''), CONTACTS, placeholder);
  const root = el('div', { class: 'text', lang: CONTENT }, text);
  if (entry.type === 'script')
    root.querySelectorAll(':scope > blockquote').forEach((q) => q.replaceWith(sayBlock(q)));
  if (entry.type === 'procedure')
    root.querySelectorAll(':scope > ol').forEach((ol, n) => ol.replaceWith(stepList(entry, ol, n)));
  return root;
}

/**
 * Opens entry `id`, or the not-found state. A null `id` is a link that names
 * no entry at all (an undecodable one): it is not looked up, and `shown` is
 * what the link said.
 */
async function openEntry(id, shown = id) {
  let entry = null;
  try {
    if (id !== null) entry = await engine.get(id);
  } catch (err) {
    entry = null;
  }
  openId = id;
  document.querySelectorAll('.result[aria-current]').forEach((a) => a.removeAttribute('aria-current'));
  const current = id !== null && document.querySelector(`.result[data-id="${CSS.escape(id)}"]`);
  if (current) current.setAttribute('aria-current', 'true');
  document.body.classList.add('reading');
  entryView.hidden = false;
  if (!entry) {
    entryView.replaceChildren(
      el('h2', { id: 'entry-title', text: t('notFound') }),
      el('p', { text: t('notFoundText', { id: shown }) }),
      backLink(),
    );
    entryView.focus();
    return;
  }
  const pinned = saved(PINNED).some((e) => e.id === entry.id);
  const pin = el('button', {
    type: 'button',
    class: 'pin',
    'aria-pressed': String(pinned),
    text: t(pinned ? 'pinned' : 'pin'),
  });
  pin.addEventListener('click', () => togglePin(entry, pin));
  const share = el('button', { type: 'button', class: 'share', text: t('copyLink') });
  share.addEventListener('click', () =>
    copyText(new URL(entryHref(entry.id), location.href.split('#')[0]).href, t('copiedLink')),
  );
  const meta = [
    TYPES[entry.type] || entry.type,
    entry.category && el('span', { lang: CONTENT, text: entry.category }),
    CHANNELS[entry.channel] || entry.channel,
    t(entry.audience === 'internal' ? 'audienceInternal' : 'audiencePublic'),
  ]
    .filter(Boolean)
    .flatMap((part, i) => (i ? [' · ', part] : [part]));
  const parts = [
    el('div', { class: 'entry-actions' }, [backLink(), pin, share]),
    el('p', { class: 'meta' }, meta),
    el('h2', { id: 'entry-title', lang: CONTENT, text: filled(entry.title) }),
    entry.situation
      ? el('p', { class: 'situation' }, [
          el('strong', { text: t('situation') }),
          el('span', { lang: CONTENT, text: filled(entry.situation) }),
        ])
      : null,
    body(entry),
  ];
  if (Array.isArray(entry.questions) && entry.questions.length) {
    parts.push(
      el('details', { class: 'questions' }, [
        el('summary', { text: t('questions', { n: entry.questions.length }) }),
        el(
          'ul',
          { lang: CONTENT },
          entry.questions.map((q) => el('li', { text: filled(q) })),
        ),
      ]),
    );
  }
  if (Array.isArray(entry.related) && entry.related.length) {
    const list = el('ul', { class: 'related' });
    parts.push(
      el('section', { 'aria-labelledby': 'related-label' }, [
        el('h3', { id: 'related-label', text: t('related') }),
        list,
      ]),
    );
    Promise.all(entry.related.map((rid) => engine.get(rid).catch(() => null))).then((found) => {
      list.append(...found.filter(Boolean).map((r) => el('li', {}, entryLink(r))));
    });
  }
  entryView.replaceChildren(...parts.filter(Boolean));
  entryView.scrollTop = 0;
  entryView.focus();
  remember(entry);
}

function backLink() {
  return el('a', { href: '#/', class: 'back', text: t('back') });
}

function closeEntry() {
  const was = openId;
  openId = null;
  entryView.hidden = true;
  entryView.replaceChildren();
  document.body.classList.remove('reading');
  document.querySelectorAll('.result[aria-current]').forEach((a) => a.removeAttribute('aria-current'));
  const link = was && document.querySelector(`.result[data-id="${CSS.escape(was)}"]`);
  (link || input).focus();
}

/**
 * [id, shown] for the id part of an #/entry/ link. A hand-edited or cut-off
 * link may not decode (a stray %, half a UTF-8 sequence); it names no entry,
 * so it gets the not-found state instead of an exception that would leave
 * the previous entry on screen.
 */
function entryId(encoded) {
  try {
    const id = decodeURIComponent(encoded);
    return [id, id];
  } catch (err) {
    return [null, encoded];
  }
}

/** The link to an entry (core/constants.json's entryLinkPrefix, then its id). */
function entryHref(id) {
  return `${ENTRY_LINK_PREFIX}${encodeURIComponent(id)}`;
}

function route() {
  const hash = location.hash;
  if (hash.startsWith(ENTRY_LINK_PREFIX) && hash.length > ENTRY_LINK_PREFIX.length)
    openEntry(...entryId(hash.slice(ENTRY_LINK_PREFIX.length)));
  else if (openId !== null || !entryView.hidden) closeEntry();
}

// ---- Keyboard -------------------------------------------------------------

/** The results, and those under "more" while it is open. */
const resultLinks = () => [...document.querySelectorAll('#results .result, #more[open] .result')];

document.addEventListener('keydown', (event) => {
  const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName) || event.target.isContentEditable;
  if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
    event.preventDefault();
    input.focus();
    input.select();
  } else if (event.key === 'Escape' && !entryView.hidden) {
    event.preventDefault();
    location.hash = '#/';
  }
});
input.addEventListener('keydown', (event) => {
  if (event.key === 'ArrowDown') {
    event.preventDefault();
    const first = resultLinks()[0];
    if (first) first.focus();
  } else if (event.key === 'Enter') {
    event.preventDefault();
    const first = resultLinks()[0] || moreResults.querySelector('.result');
    if (first) location.hash = first.getAttribute('href');
  }
});
$('main').addEventListener('keydown', (event) => {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const links = resultLinks();
  const at = links.indexOf(document.activeElement);
  if (at < 0) return;
  event.preventDefault();
  const next = at + (event.key === 'ArrowDown' ? 1 : -1);
  if (next < 0) input.focus();
  else if (next < links.length) links[next].focus();
});

// ---- Start ----------------------------------------------------------------

const KEYS = { slash: '/', down: '↓', up: '↑', enter: 'Enter', esc: 'Esc' };

/**
 * The page's own strings in the console's language: an element's text from
 * its data-i18n key (the keyboard hint's {slash}, {down}… as <kbd>s), its
 * placeholder and aria-label from data-i18n-placeholder and data-i18n-aria-label.
 */
function translatePage() {
  for (const node of document.querySelectorAll('[data-i18n]'))
    node.replaceChildren(
      ...t(node.dataset.i18n)
        .split(/\{(\w+)\}/)
        .map((part, i) => (i % 2 ? el('kbd', { text: KEYS[part] || part }) : part)),
    );
  for (const attribute of ['placeholder', 'aria-label'])
    for (const node of document.querySelectorAll(`[data-i18n-${attribute}]`))
      node.setAttribute(attribute, t(node.getAttribute(`data-i18n-${attribute}`)));
}

/** The engine over the internal index, or null when it cannot start (the status line says why). */
function startEngine() {
  try {
    // Registered by kb-engine.js, under a symbol no markup can shadow.
    const KbEngine = window[ENGINE_KEY];
    if (typeof KbEngine !== 'function') throw new Error('kb-engine.js did not load');
    return KbEngine.create({
      index: 'kb/',
      refreshSeconds: 60,
      onUpdate: (info) => {
        // A rebuilt index: search again and redraw the open entry, in place.
        const time = new Date().toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
        status.textContent = t('statusUpdated', { n: info.entries, time });
        search().then(() => {
          if (openId) openEntry(openId);
        });
      },
    });
  } catch (err) {
    status.textContent = t('startFailed', { message: err.message });
    status.setAttribute('role', 'alert');
    return null;
  }
}

translatePage();
engine = startEngine();
if (engine) {
  readUrl();
  renderShortlists();
  input.addEventListener('input', onInput);
  $('search-form').addEventListener('submit', (event) => event.preventDefault());
  window.addEventListener('hashchange', route);
  engine.ready
    .then((info) => {
      status.textContent = t('status', { n: info.entries });
      return search();
    })
    .then(
      () => {
        route();
        document.body.dataset.ready = 'true'; // the first results are drawn
      },
      (err) => {
        status.textContent = t('loadFailed', { message: err.message });
        status.setAttribute('role', 'alert');
        document.body.dataset.ready = 'error';
      },
    );
  if (!location.hash.startsWith(ENTRY_LINK_PREFIX)) input.focus();
}
