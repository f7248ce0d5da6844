/*
 * The widget's DOM: the launcher and the panel in a shadow root, and the
 * pieces messages are drawn with. No conversation logic lives here.
 */
import { createElementNS, el } from '../shared/dom.js';
import { entryFragment } from '../shared/entry-html.js';

/** A speech-bubble icon drawn in SVG, so it needs no emoji font. */
function chatIcon() {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = createElementNS(ns, 'path');
  path.setAttribute(
    'd',
    'M4 4h16a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H10l-5 4v-4H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1z',
  );
  path.setAttribute('fill', 'currentColor');
  svg.append(path);
  return svg;
}

/**
 * The host element, its shadow root with the style at `styleHref`, the
 * launcher and the (hidden) panel: {host, shadow, launcher, panel, log,
 * status, typeahead, input, form, closeButton, clearButton, humanButton}.
 * Not yet in the page.
 */
export function buildShell(config, T, styleHref) {
  const host = el('div', { 'data-kb-widget': '' });
  const shadow = host.attachShadow({ mode: 'open' });
  shadow.append(el('link', { rel: 'stylesheet', href: styleHref }));

  const launcher = el(
    'button',
    {
      type: 'button',
      class: 'launcher',
      part: 'launcher',
      'aria-label': T.open,
      'aria-expanded': 'false',
      'aria-controls': 'kb-panel',
    },
    chatIcon(),
  );
  const log = el('div', {
    class: 'log',
    role: 'log',
    'aria-live': 'polite',
    'aria-label': config.title,
    part: 'log',
  });
  const status = el('p', { class: 'status', role: 'status' });
  const typeahead = el('ul', {
    id: 'kb-typeahead',
    class: 'typeahead',
    role: 'listbox',
    'aria-label': T.typeahead,
    part: 'typeahead',
    hidden: true,
  });
  const input = el('input', {
    id: 'kb-input',
    type: 'text',
    autocomplete: 'off',
    placeholder: config.placeholder,
    maxlength: '500',
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': 'kb-typeahead',
  });
  const form = el('form', { class: 'composer', part: 'composer' }, [
    el('label', { for: 'kb-input', class: 'visually-hidden', text: T.inputLabel }),
    input,
    el('button', { type: 'submit', class: 'send', text: T.send }),
  ]);
  const closeButton = el('button', { type: 'button', class: 'close', 'aria-label': T.close, text: '×' });
  const clearButton = el('button', { type: 'button', class: 'clear', text: T.clear });
  const humanButton = el('button', { type: 'button', class: 'human', part: 'human', text: T.human });
  const panel = el(
    'section',
    {
      id: 'kb-panel',
      class: 'panel',
      role: 'dialog',
      'aria-label': config.title,
      part: 'panel',
      hidden: true,
    },
    [
      el('div', { class: 'header', part: 'header' }, [
        el('h2', { text: config.title }),
        humanButton,
        clearButton,
        closeButton,
      ]),
      log,
      status,
      typeahead,
      form,
    ],
  );
  shadow.append(launcher, panel);
  return {
    host,
    shadow,
    launcher,
    panel,
    log,
    status,
    typeahead,
    input,
    form,
    closeButton,
    clearButton,
    humanButton,
  };
}

/** A message bubble in the log, scrolled into view; `who` is 'user' or 'bot'. */
export function addMessage(log, who, content) {
  const bubble = el('div', { class: `msg ${who}`, part: `message-${who}` }, content);
  log.append(bubble);
  // Show a reply from its start, with the question it answers above it,
  // rather than the end of a long answer.
  const question = who === 'bot' && bubble.previousElementSibling;
  const anchor = question && question.classList.contains('user') ? question : bubble;
  log.scrollTop = who === 'bot' ? anchor.offsetTop - log.offsetTop - 8 : log.scrollHeight;
  return bubble;
}

export function quickButton(text, onClick, className = 'suggestion') {
  const b = el('button', { type: 'button', class: className, text });
  b.addEventListener('click', onClick);
  return b;
}

/**
 * An entry's text: the HTML the indexer rendered, through the allow-list,
 * or, for an entry saved by an older widget, its plain lines. Never parses
 * the visitor's text.
 */
export function entryText(entry) {
  const root = el('div', { class: 'kb-text' });
  if (entry.html) root.append(entryFragment(entry.html));
  else
    for (const line of String(entry.text || '').split('\n'))
      if (line.trim()) root.append(el('p', { text: line }));
  return root;
}
