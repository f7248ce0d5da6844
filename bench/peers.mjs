// The in-browser search libraries a site would pick instead of this engine,
// set up the usual way for Chinese. Shared by the accuracy comparison test and
// the benchmark, so both measure the same configuration.
import MiniSearch from 'minisearch';
import FlexSearch from 'flexsearch';
import { loadEntries } from '../tests/js/helpers.mjs';

export const MINISEARCH_OPTIONS = {
  fields: ['title', 'questions', 'body'], storeFields: ['id'],
  searchOptions: { boost: { title: 2, questions: 2 }, combineWith: 'OR', fuzzy: 0.2 },
};

/** Entries as the libraries index them: title, phrasings and body text. */
export function documents(entries = loadEntries()) {
  return entries.map((e) => ({
    id: e.id, audience: e.audience, title: e.title, questions: e.questions.join('\n'), body: `${e.situation}\n${e.body}`,
  }));
}

/** CJK unigrams and bigrams plus Latin words: the usual way to make MiniSearch handle Chinese. */
export function bigramTokenize(text) {
  const tokens = [];
  for (const run of text.toLowerCase().match(/[\p{Script=Han}]+|[a-z0-9]+/gu) || []) {
    if (/^[a-z0-9]+$/.test(run)) { tokens.push(run); continue; }
    const chars = [...run];
    chars.forEach((c, i) => { tokens.push(c); if (i + 1 < chars.length) tokens.push(c + chars[i + 1]); });
  }
  return tokens;
}

/** MiniSearch over `entries` (from `documents`), configured as this comparison uses it. */
export function miniSearchIndex(entries) {
  const ms = new MiniSearch({ ...MINISEARCH_OPTIONS, tokenize: bigramTokenize });
  ms.addAll(entries);
  return ms;
}

export function miniSearchRanker(entries) {
  const ms = miniSearchIndex(entries);
  return (q) => (ms.search(q)[0] || {}).id || '';
}

export function flexSearchRanker(entries) {
  const index = new FlexSearch.Document({
    document: { id: 'id', index: ['title', 'questions', 'body'] },
    encoder: FlexSearch.Charset.CJK, tokenize: 'forward',
  });
  for (const e of entries) index.add(e);
  return (q) => {
    const results = index.search(q, { limit: 5, suggest: true, merge: true });
    return (results[0] || {}).id || '';
  };
}


export { MiniSearch, FlexSearch };
