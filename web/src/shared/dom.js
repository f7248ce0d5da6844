/*
 * DOM helpers for the widget and the agent console.
 *
 * Markup on a host page creates document and window properties from its ids
 * and names (DOM clobbering): <img name="currentScript"> makes
 * document.currentScript an image whose src and data- attributes would become
 * the widget's base address and settings, <form name="body"> hides
 * document.body, <img name="createElement"> document.createElement. So what
 * is read from the document is read through Document's prototypes. Nothing
 * here touches the document before it is called.
 */

/**
 * `document[name]` as the browser defines it (currentScript, baseURI, body, head, title, …), whatever the
 * page's markup.
 */
export function documentGet(name) {
  for (let proto = Document.prototype; proto; proto = Object.getPrototypeOf(proto)) {
    const property = Object.getOwnPropertyDescriptor(proto, name);
    if (property) return property.get.call(document);
  }
  return undefined;
}

/** document.createElement(tag), or of another document (a <template>'s). */
export const createElement = (tag, doc = document) => Document.prototype.createElement.call(doc, tag);
export const createElementNS = (ns, tag, doc = document) =>
  Document.prototype.createElementNS.call(doc, ns, tag);
export const createTextNode = (text, doc = document) => Document.prototype.createTextNode.call(doc, text);
export const createFragment = (doc = document) => Document.prototype.createDocumentFragment.call(doc);

/**
 * An element: el('button', {type: 'button', class: 'send', text: 'Send'}, children).
 * An attribute that is null, undefined or false is left out, true is present
 * and empty; `text` sets the text, `class` the class name. Children are nodes
 * or strings (as text), a single one or a list; null, undefined and false are skipped.
 */
export function el(tag, attrs = {}, children = []) {
  const node = createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'text') node.textContent = value;
    else if (key === 'class') node.className = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of [].concat(children))
    if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}
