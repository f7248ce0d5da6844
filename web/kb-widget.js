/*
 * The chat widget. Embed with one tag:
 *
 *   <script src="kb-widget.js" data-index="kb/" defer></script>
 *
 * or call KbWidget.init({ index: 'kb/' }) yourself. Nothing heavy loads until
 * the visitor shows intent (hover, focus or click on the launcher); then the
 * engine and the index load in a Web Worker.
 */
(function () {
  'use strict';
  const script = document.currentScript;
  const scriptBase = script ? new URL('.', script.src).href : document.baseURI;

  /** Every option and its default, in one place. */
  const DEFAULTS = {
    index: 'kb/',                         // folder with manifest.json and kb.db, relative to the page
    base: scriptBase,                     // where kb-engine.js, kb-worker.js and kb-core.* live
    lang: '',                             // zh-CN, zh-TW or en; empty: from navigator.language
    title: '',                            // empty: the language's default
    greeting: '',
    placeholder: '',
    handoverUrl: '',                      // where "转人工客服" leads; hidden when empty
    // Quick replies under the greeting (3–6). In a data- attribute: separated by "|".
    popularQuestions: ['售后服务收费吗？', '服务电话几点有人接？', '可以派人上门服务吗？', '怎么投诉？'],
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

  function el(tag, attrs = {}, children = []) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (key === 'text') node.textContent = value;
      else if (key === 'class') node.className = value;
      else node.setAttribute(key, value);
    }
    for (const child of [].concat(children)) if (child) node.append(child);
    return node;
  }

  /** Appends inline text where **bold** becomes <strong>; never parses HTML. */
  function appendInline(parent, text) {
    text.split(/(\*\*[^*]+\*\*)/).forEach((part) => {
      if (/^\*\*[^*]+\*\*$/.test(part)) parent.append(el('strong', { text: part.slice(2, -2) }));
      else if (part) parent.append(document.createTextNode(part));
    });
  }

  /** Renders the knowledge base's small Markdown subset as DOM nodes. */
  function renderText(markdown) {
    const root = el('div', { class: 'kb-text' });
    let list = null;
    for (const line of String(markdown).split('\n')) {
      const bullet = line.match(/^\s*[-*]\s+(.*)$/);
      const numbered = line.match(/^\s*\d+[.)]\s+(.*)$/);
      const quote = line.match(/^\s*>\s?(.*)$/);
      if (bullet || numbered) {
        const tag = bullet ? 'ul' : 'ol';
        if (!list || list.tagName.toLowerCase() !== tag) list = root.appendChild(el(tag));
        const item = el('li');
        appendInline(item, (bullet || numbered)[1]);
        list.append(item);
        continue;
      }
      list = null;
      if (!line.trim()) continue;
      const block = quote ? el('blockquote') : el('p');
      appendInline(block, quote ? quote[1] : line.replace(/^#+\s*/, ''));
      root.append(block);
    }
    return root;
  }

  /** A speech-bubble icon drawn in SVG, so it needs no emoji font. */
  function chatIcon() {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    const path = document.createElementNS(ns, 'path');
    path.setAttribute('d', 'M4 4h16a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H10l-5 4v-4H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1z');
    path.setAttribute('fill', 'currentColor');
    svg.append(path);
    return svg;
  }

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const tag = el('script', { src });
      tag.onload = resolve;
      tag.onerror = () => reject(new Error(`could not load ${src}`));
      document.head.append(tag);
    });
  }

  function init(options = {}) {
    if (typeof options !== 'object' || options === null) throw new TypeError('KbWidget.init: options must be an object');
    const unknown = Object.keys(options).filter((k) => !(k in DEFAULTS));
    if (unknown.length) console.error(`KbWidget: unknown option(s) ${unknown.join(', ')}`);
    const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined && v !== ''));
    const lang = pickLanguage(given.lang || navigator.language);
    const T = TRANSLATIONS[lang];
    if (!T) throw new Error('KbWidget: no UI translations; serve kb-widget.js from the built site (make build)');
    const config = { ...DEFAULTS, title: T.title, greeting: T.greeting, placeholder: T.placeholder, ...given, lang };
    const popularQuestions = (typeof config.popularQuestions === 'string'
      ? config.popularQuestions.split('|') : [].concat(config.popularQuestions || []))
      .map((q) => String(q).trim()).filter(Boolean);
    if (popularQuestions.length > 6) console.error('KbWidget: popularQuestions takes at most 6 questions; showing the first 6');
    popularQuestions.splice(6);

    const host = el('div', { 'data-kb-widget': '' });
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.append(el('link', { rel: 'stylesheet', href: new URL('kb-widget.css', config.base).href }));

    const launcher = el('button', { type: 'button', class: 'launcher', part: 'launcher', 'aria-label': T.open,
      'aria-expanded': 'false', 'aria-controls': 'kb-panel' }, chatIcon());
    const log = el('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': config.title, part: 'log' });
    const status = el('p', { class: 'status', role: 'status' });
    const input = el('input', { id: 'kb-input', type: 'text', autocomplete: 'off', placeholder: config.placeholder,
      maxlength: '500' });
    const form = el('form', { class: 'composer', part: 'composer' }, [
      el('label', { for: 'kb-input', class: 'visually-hidden', text: T.inputLabel }),
      input,
      el('button', { type: 'submit', class: 'send', text: T.send }),
    ]);
    const closeButton = el('button', { type: 'button', class: 'close', 'aria-label': T.close, text: '×' });
    const clearButton = el('button', { type: 'button', class: 'clear', text: T.clear });
    const humanLink = config.handoverUrl
      ? el('a', { class: 'human', href: new URL(config.handoverUrl, document.baseURI).href, text: T.human })
      : null;
    const panel = el('section', { id: 'kb-panel', class: 'panel', role: 'dialog', 'aria-label': config.title,
      part: 'panel', hidden: '' }, [
      el('div', { class: 'header', part: 'header' }, [el('h2', { text: config.title }), humanLink, clearButton, closeButton]),
      log, status, form,
    ]);
    shadow.append(launcher, panel);
    document.body.append(host);

    let engine = null;
    const listeners = {};
    const emit = (name, detail) => (listeners[name] || []).forEach((fn) => fn(detail));

    function startEngine() {
      if (engine) return engine;
      status.textContent = T.loading;
      engine = loadScript(new URL('kb-engine.js', config.base).href).then(() => {
        const instance = window.KbEngine.create({ index: config.index, base: config.base });
        return instance.ready.then((info) => {
          status.textContent = '';
          emit('ready', info);
          return instance;
        });
      });
      engine.catch((err) => {
        status.textContent = T.loadFailed;
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
      transcript.push(message);
      save();
      render(message);
    }

    function render(message) {
      if (message.who === 'user') return addMessage('user', el('p', { text: message.text }));
      if (message.entry) return showEntry(message.entry);
      const parts = [el('p', { text: message.text })];
      if (message.suggestions) {
        parts.push(el('div', { class: 'suggestions' },
          message.suggestions.map((s) => quickButton(s.title, () => showEntryById(s.id)))));
      }
      if (message.human && humanLink) parts.push(humanLink.cloneNode(true));
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
      const bubble = addMessage('bot', [title, renderText(entry.text)]);
      if (!entry.id) return;  // small talk: no article, nothing to rate
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
          post({ who: 'bot', text: T.sorryNotHelpful, human: true });
          emit('escalate', { question: previous ? previous.question : '', reason: 'thumbs-down', id: entry.id });
        }
      }
    }

    // The last question and whether its reply helped, so that asking the same
    // thing again after no real answer hands over to a person.
    let previous = null;

    async function ask(question) {
      const text = String(question || '').trim();
      if (!text) return null;
      post({ who: 'user', text });
      let reply;
      try {
        const context = previous && previous.unhelpful ? { previous: previous.question, unhelpful: true } : undefined;
        reply = await (await startEngine()).ask(text, context);
      } catch (err) {
        post({ who: 'bot', text: T.loadFailed });
        return null;
      }
      previous = { question: text, unhelpful: reply.decision !== 'answer' };
      if (reply.decision === 'answer') {
        post({ who: 'bot', entry: reply.answer });
        emit('answer', reply);
      } else if (reply.decision === 'suggest') {
        post({ who: 'bot', text: T.didYouMean, suggestions: reply.suggestions.map(({ id, title }) => ({ id, title })) });
        emit('answer', reply);
      } else {
        const words = reply.reason === 'asked-for-human' || reply.reason === 'repeated' ? T.askedForHuman : T.cannotAnswer;
        post({ who: 'bot', text: words, human: true });
        emit('escalate', { question: text, reply });
      }
      return reply;
    }

    function greet() {
      const popular = popularQuestions.map((q) => quickButton(q, () => ask(q)));
      addMessage('bot', [el('p', { text: config.greeting }),
        popular.length ? el('p', { class: 'popular-title', text: T.popular }) : null,
        popular.length ? el('div', { class: 'suggestions', part: 'quick-replies' }, popular) : null]);
    }

    function open() {
      panel.hidden = false;
      launcher.setAttribute('aria-expanded', 'true');
      launcher.setAttribute('aria-label', T.close);
      if (!log.childElementCount) {
        greet();
        transcript.forEach(render);
      }
      startEngine();
      input.focus();
    }

    function close() {
      panel.hidden = true;
      launcher.setAttribute('aria-expanded', 'false');
      launcher.setAttribute('aria-label', T.open);
      launcher.focus();
    }

    launcher.addEventListener('click', () => (panel.hidden ? open() : close()));
    launcher.addEventListener('pointerenter', startEngine, { once: true });
    launcher.addEventListener('focus', startEngine, { once: true });
    closeButton.addEventListener('click', close);
    clearButton.addEventListener('click', clearConversation);
    panel.addEventListener('keydown', (event) => { if (event.key === 'Escape') close(); });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = input.value;
      input.value = '';
      ask(text);
    });

    return {
      open,
      close,
      ask,
      destroy() {
        if (engine) engine.then((instance) => instance.terminate(), () => {});
        host.remove();
      },
      on(name, fn) {
        (listeners[name] = listeners[name] || []).push(fn);
        return this;
      },
    };
  }

  window.KbWidget = { init, DEFAULTS };

  if (script && script.dataset.autoInit !== 'false') {
    const fromData = {};
    for (const key of Object.keys(DEFAULTS)) if (key in script.dataset) fromData[key] = script.dataset[key];
    delete fromData.autoInit;
    const start = () => { window.KbWidget.instance = init(fromData); };
    if (document.body) start();
    else document.addEventListener('DOMContentLoaded', start, { once: true });
  }
})();
