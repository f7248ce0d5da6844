/*
 * The chat widget: kb-widget.js, the one script a host page embeds.
 *
 *   <script src="kb-widget.js" data-index="kb/" data-phone="400-000-0000" defer></script>
 *
 * or call KbWidget.init({ index: 'kb/', ... }) yourself. Nothing heavy loads
 * until the visitor shows intent (hover, focus or click on the launcher); then
 * the engine and the index load in a Web Worker (loader.js). docs/widget.md
 * has the options, docs/handover.md the hand-over and its webhook payload.
 *
 * KbWidget is the only global it creates. It reads what it needs from the
 * page in ways host-page markup cannot shadow (shared/dom.js), and finds the
 * engine under a symbol (shared/assets.js).
 */
import { STYLE_FILE } from '../shared/assets.js';
import { ENTRY_LINK_PREFIX } from '../shared/constants.js';
import { documentGet } from '../shared/dom.js';
import { fillPlaceholderText } from '../shared/placeholders.js';
import { safeStorage } from '../shared/storage.js';

import { DEFAULTS, readConfig } from './config.js';
import {
  ask,
  clearConversation,
  contactValues,
  greet,
  post,
  render,
  showEntryById,
  startHandover,
} from './conversation.js';
import { updateDelivery } from './handover.js';
import { startEngine } from './loader.js';
import { createOutbox, idbDeliveries } from './outbox.js';
import { Transcript } from './transcript.js';
import { TRANSLATIONS } from './translations.js';
import { Typeahead } from './typeahead.js';
import { unanswered } from './unanswered.js';
import { buildShell } from './view.js';

const script = documentGet('currentScript');
const scriptBase = script ? new URL('.', script.src).href : documentGet('baseURI');
const local = safeStorage(() => window.localStorage);
const session = safeStorage(() => window.sessionStorage);
// Whether the panel was open, so a reload mid-conversation finds it open again.
const OPEN_KEY = 'kb-widget:open';

// One outbox for the page, whatever init() does: messages left from an
// earlier visit, or by another tab, go out from any page of the site.
const outbox = createOutbox({
  storage: local,
  fetch: (url, init) => fetch(url, init),
  locks: navigator.locks,
  delivered: idbDeliveries(() => window.indexedDB),
});
window.addEventListener('online', () => outbox.online());
window.addEventListener('storage', (event) => outbox.changed(event.key));

/** Whether this page continues the visit: a reload, Back or Forward, or a link from the site's own pages. */
function continuing() {
  const [navigation] = performance.getEntriesByType('navigation');
  if (navigation && /^(reload|back_forward)$/.test(navigation.type)) return true;
  try {
    return new URL(documentGet('referrer')).origin === location.origin;
  } catch (err) {
    return false; // no referrer
  }
}

/** Listeners by event name; a listener that throws is reported and the rest still run. */
function createEvents() {
  const listeners = {};
  return {
    on(name, fn) {
      (listeners[name] = listeners[name] || []).push(fn);
    },
    emit(name, detail) {
      (listeners[name] || []).forEach((fn) => {
        try {
          fn(detail);
        } catch (err) {
          console.error(`KbWidget: a '${name}' listener failed: ${err.message}`);
        }
      });
    },
  };
}

function init(options = {}) {
  const { config, T } = readConfig(options, {
    translations: TRANSLATIONS,
    pageLanguage: Element.prototype.getAttribute.call(documentGet('documentElement'), 'lang'),
    language: navigator.language,
    pageBase: documentGet('baseURI'),
    scriptBase,
  });
  const ui = buildShell(config, T, new URL(STYLE_FILE, config.base).href);
  documentGet('body').append(ui.host);

  /** The widget's state, handed to every part of it. */
  const w = {
    config,
    T,
    ui,
    outbox,
    events: createEvents(),
    // What an agent reads in a hand-over: the answers with the contact details the visitor saw.
    transcript: new Transcript(session, (text) =>
      fillPlaceholderText(text, contactValues(w), () => T.unknownContact),
    ),
    gaps: { storage: local, lang: config.lang, analyticsUrl: config.analyticsUrl },
    engine: null, // a promise of the engine, from the visitor's first sign of intent
    previous: null, // the last question and whether its reply helped
    typeahead: null,
  };
  w.typeahead = new Typeahead({
    input: ui.input,
    list: ui.typeahead,
    root: ui.shadow,
    enabled: config.typeahead,
    search: async (query) => (await (await startEngine(w)).search(query, { type: 'faq', limit: 5 })).hits,
    onPick: (hit) => {
      post(w, { who: 'user', text: hit.title });
      showEntryById(w, hit.id);
    },
  });

  const { launcher, panel, log, input } = ui;
  /** Opens the panel; `focus`: move the focus into it (not when a reload reopens it). */
  function open(focus = true) {
    if (w.engine && config.indexRefresh > 0)
      w.engine
        .then(
          (instance) => instance.refresh(),
          () => {},
        )
        .catch(() => {}); // a new index since?
    panel.hidden = false;
    launcher.setAttribute('aria-expanded', 'true');
    if (!log.childElementCount) {
      greet(w);
      w.transcript.messages.forEach((message) => render(w, message));
    }
    startEngine(w);
    session.write(OPEN_KEY, true);
    if (focus) input.focus();
  }
  function close() {
    w.typeahead.hide();
    panel.hidden = true;
    launcher.setAttribute('aria-expanded', 'false');
    session.write(OPEN_KEY, false);
    launcher.focus();
  }

  launcher.addEventListener('click', () => (panel.hidden ? open() : close()));
  launcher.addEventListener('pointerenter', () => startEngine(w), { once: true });
  launcher.addEventListener('focus', () => startEngine(w), { once: true });
  ui.closeButton.addEventListener('click', close);
  ui.clearButton.addEventListener('click', () => clearConversation(w));
  ui.humanButton.addEventListener('click', () => startHandover(w, 'visitor-request', true));
  panel.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    if (w.typeahead.open)
      w.typeahead.hide(); // the first Escape closes the suggestions only
    else close();
  });
  ui.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value;
    input.value = '';
    ask(w, text);
  });
  // A link to another entry (#/entry/<id>) opens it in the conversation,
  // rather than changing the host page's address.
  log.addEventListener('click', (event) => {
    const link = event.target.closest && event.target.closest(`a[href^="${ENTRY_LINK_PREFIX}"]`);
    if (!link) return;
    event.preventDefault();
    const id = link.getAttribute('href').slice(ENTRY_LINK_PREFIX.length);
    showEntryById(w, decodeURIComponent(id)).catch(() => {});
  });
  const stopWatchingOutbox = outbox.onChange(() =>
    ui.shadow.querySelectorAll('[data-outbox-id]').forEach((line) => updateDelivery(w, line)),
  );

  outbox.flush(); // messages left from an earlier visit go out now
  // Open when the visitor reloaded, came back, or followed a link on the site:
  // open again, engine and all, since the visitor is mid-conversation. Arriving
  // from elsewhere, or a first visit, starts closed.
  if (session.read(OPEN_KEY, false) === true && continuing()) open(false);

  return {
    open: () => open(),
    close,
    ask: (question) => ask(w, question),
    /** The questions kept for editors (`kb-indexer gaps`), oldest first. */
    unanswered: () => unanswered(local),
    /** Starts a hand-over as if the visitor had asked for a person. */
    handover: () => startHandover(w, 'visitor-request', false),
    destroy() {
      if (w.engine)
        w.engine.then(
          (instance) => instance.terminate(),
          () => {},
        );
      stopWatchingOutbox();
      ui.host.remove();
    },
    on(name, fn) {
      w.events.on(name, fn);
      return this;
    },
  };
}

// Kept in a local too: the page's later reads of window.KbWidget are its own business.
const api = {
  init,
  DEFAULTS: { ...DEFAULTS, base: scriptBase },
};
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
  if (documentGet('body')) start();
  else EventTarget.prototype.addEventListener.call(document, 'DOMContentLoaded', start, { once: true });
}
