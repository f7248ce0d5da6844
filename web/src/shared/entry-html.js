/*
 * Entry text as DOM. The indexer renders each entry's Markdown to HTML at
 * build time (cmark, raw HTML shown as text, links checked); this turns that
 * HTML into nodes through an allow-list, so even a tampered index cannot run
 * script, load a resource or carry an attribute into the page. The widget
 * and the agent console both insert entry text through it.
 */
import { createElement, createFragment, createTextNode } from './dom.js';
import { ENTRY_LINK_PREFIX, LINK_SCHEMES } from './constants.js';

/** The elements cmark writes for our Markdown; anything else keeps only its text. */
const ALLOWED = new Set([
  'p',
  'br',
  'strong',
  'em',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
]);
/** Elements whose content is not text for a reader: dropped whole. */
const DROPPED = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'textarea',
  'title',
  'select',
  'audio',
  'video',
  'canvas',
]);

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const ENTRY_LINK = new RegExp(`^${escapeRegExp(ENTRY_LINK_PREFIX)}[a-z0-9-]+$`);
const ALLOWED_LINK = new RegExp(
  `^(${LINK_SCHEMES.map(escapeRegExp).join('|')})[^\\s\\x00-\\x1f\\x7f]+$`,
  'i',
);

/** The link target if it is allowed (http(s), mailto, tel, #/entry/<id>: core/constants.json), else null. */
export function safeHref(href) {
  const value = String(href || '');
  if (ENTRY_LINK.test(value)) return value;
  return ALLOWED_LINK.test(value) ? value : null;
}

function copy(from, to, doc) {
  for (const node of from.childNodes) {
    if (node.nodeType === 3) {
      to.append(createTextNode(node.data, doc));
      continue;
    }
    if (node.nodeType !== 1) continue; // comments and the like
    const tag = node.localName;
    if (DROPPED.has(tag)) continue;
    if (!ALLOWED.has(tag) || node.namespaceURI !== 'http://www.w3.org/1999/xhtml') {
      copy(node, to, doc);
      continue;
    }
    const made = createElement(tag, doc);
    if (tag === 'a') {
      const href = safeHref(node.getAttribute('href'));
      if (!href) {
        copy(node, to, doc); // a refused link is its text
        continue;
      }
      made.setAttribute('href', href);
      if (!href.startsWith('#')) {
        made.setAttribute('target', '_blank');
        made.setAttribute('rel', 'noopener noreferrer nofollow');
      }
    }
    if (tag === 'ol' && /^\d{1,6}$/.test(node.getAttribute('start') || ''))
      made.setAttribute('start', node.getAttribute('start'));
    copy(node, made, doc);
    to.append(made);
  }
}

/**
 * A fragment holding `html` as allowed elements and text. The HTML is parsed
 * into an inert <template>, where nothing runs or loads, then copied node by
 * node: no attribute survives except a checked href and a list's start.
 */
export function entryFragment(html, doc = document) {
  const template = createElement('template', doc);
  template.innerHTML = String(html || '');
  const out = createFragment(doc);
  copy(template.content, out, doc);
  return out;
}

/** The words of `html` as plain text, a line per paragraph, list item or line break (for transcripts). */
export function entryPlainText(html, doc = document) {
  const parts = [];
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) {
        parts.push(child.nodeValue);
        continue;
      }
      walk(child);
      if (/^(P|LI|BR|H[1-6]|BLOCKQUOTE|PRE)$/.test(child.nodeName)) parts.push('\n');
    }
  };
  walk(entryFragment(html, doc));
  return parts
    .join('')
    .replace(/\n{2,}/g, '\n')
    .trim();
}
