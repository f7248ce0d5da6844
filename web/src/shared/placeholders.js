/*
 * The site's own contact details in entry text: editors write {{phone}},
 * {{email}} and {{hours}}, and each front end fills them in on the DOM that
 * entryFragment() built, as text, so a value can never become markup. The
 * widget fills in its configured phone, email and business hours; the agent
 * console, which has no site configuration, passes what it knows.
 *
 *   fillPlaceholders(fragment, { phone: '400-000-0000' }, (name) => `〔${name}〕`);
 */

/** The placeholders entry text may hold. */
export const PLACEHOLDER_NAMES = ['phone', 'email', 'hours'];

// cmark writes "{" and "}" in a link's address as %7B and %7D.
const IN_TEXT = /\{\{(phone|email|hours)\}\}/g;
const IN_HREF = /(?:\{\{|%7B%7B)(phone|email|hours)(?:\}\}|%7D%7D)/gi;

/**
 * `text` with each placeholder replaced by values[name], or missing(name) when
 * that value is empty or absent.
 */
export function fillPlaceholderText(text, values, missing) {
  return String(text).replace(IN_TEXT, (m, name) => (values && values[name]) || missing(name));
}

/** A link target with its placeholders filled in, or null when one has no value. */
function fillHref(href, values) {
  let complete = true;
  const filled = href.replace(IN_HREF, (m, key) => {
    const name = key.toLowerCase();
    const value = values && values[name];
    if (!value) complete = false;
    // A phone number dials as digits (and a leading +); an email address goes as it is.
    return name === 'phone' ? String(value).replace(/[^+\d]/g, '') : encodeURI(String(value || ''));
  });
  return complete ? filled : null;
}

/**
 * Fills the placeholders in the text and the link targets under `root` (a
 * fragment or element from entryFragment). A link whose target needs a value
 * that is missing becomes its text, as the allow-list treats a refused link.
 * `missing(name)` is the text shown for a placeholder without a value.
 */
export function fillPlaceholders(root, values, missing) {
  for (const link of [...root.querySelectorAll('a[href]')]) {
    const href = link.getAttribute('href');
    if (!/\{\{|%7B%7B/i.test(href)) continue;
    const filled = fillHref(href, values);
    if (filled) link.setAttribute('href', filled);
    else link.replaceWith(...link.childNodes);
  }
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) {
        if (child.data.includes('{{')) child.data = fillPlaceholderText(child.data, values, missing);
      } else walk(child);
    }
  };
  walk(root);
  return root;
}
