/*
 * DOM helpers for the front end.
 *
 * Markup on a host page creates document and window properties from its ids
 * and names (DOM clobbering): <img name="currentScript"> makes
 * document.currentScript an image whose src and data- attributes would become
 * the widget's base address and settings, <form name="body"> hides
 * document.body, <img name="createElement"> document.createElement. So what
 * is read from the document is read through Document's prototypes. Nothing
 * here touches the document before it is called.
 */

/** `document[name]` as the browser defines it (currentScript, baseURI, body, head, title, …), whatever the page's markup. */
export function documentGet(name) {
  for (let proto = Document.prototype; proto; proto = Object.getPrototypeOf(proto)) {
    const property = Object.getOwnPropertyDescriptor(proto, name);
    if (property) return property.get.call(document);
  }
  return undefined;
}
