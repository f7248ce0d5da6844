/*
 * Unanswered questions, the editors' to-do list (`kb-indexer gaps`): kept in
 * localStorage (the last 200), and POSTed to analyticsUrl when there is one,
 * without personal data.
 */

const KEY = 'kb-widget:unanswered';

// What could identify a person: email addresses and runs of five or more
// digits (phones, order numbers). Visitors type in any script, so the
// patterns are Unicode-aware: digits of any script (full-width １３８…),
// separated by spaces, dots, dashes or their full-width forms, and email
// addresses whose name and domain are in any script (张三@例子.中国).
const EMAILS = /[\p{L}\p{N}\p{M}._%+-]+[@＠][\p{L}\p{N}\p{M}-]+(?:[.．。｡][\p{L}\p{N}\p{M}-]+)+/gu;
const NUMBERS = /\p{Nd}(?:[\s.\-‐-―−．。｡－／/·・]{0,2}\p{Nd}){4,}/gu;

/** The question without personal data, at most 300 characters (whole code points). */
export const scrub = (text) =>
  Array.from(String(text).replace(EMAILS, '[email]').replace(NUMBERS, '[number]')).slice(0, 300).join('');

/**
 * Keeps a record of a question the widget could not answer, with the page's
 * path (no query) and the day: `storage` is a safeStorage wrapper of localStorage.
 */
export function rememberUnanswered({ storage, lang, analyticsUrl }, question, reason, entryId) {
  const record = {
    question: scrub(question),
    reason,
    lang,
    page: location.pathname,
    day: new Date().toISOString().slice(0, 10),
  };
  if (entryId) record.entryId = entryId;
  storage.write(KEY, storage.read(KEY, [], Array.isArray).concat(record).slice(-200));
  if (analyticsUrl) {
    fetch(analyticsUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(record),
      credentials: 'omit',
      keepalive: true,
    }).catch(() => {});
  }
}

/** The questions kept for editors, oldest first. */
export const unanswered = (storage) => storage.read(KEY, [], Array.isArray);
