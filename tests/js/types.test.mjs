// web/types/index.d.ts against the code it describes, so the types a host page
// compiles with cannot drift from what the widget and the engine do. Reads
// sources only: no build, no browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file) => readFileSync(path.join(root, file), 'utf8');

/** The file that holds the widget's `DEFAULTS = {…}`. */
const WIDGET_DEFAULTS = 'web/src/widget/config.js';

const dts = read('web/types/index.d.ts');

/**
 * `text` with comments blanked and string contents blanked (quotes kept), the
 * same length, so braces and commas in either do not count. For JS, TS and C++.
 */
function codeOnly(text) {
  let out = '';
  for (let i = 0; i < text.length;) {
    const two = text.slice(i, i + 2);
    const end = two === '//' ? text.indexOf('\n', i) : two === '/*' ? text.indexOf('*/', i) + 2 : -1;
    if (two === '//' || two === '/*') {
      const stop = end <= 1 ? text.length : end;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (`'"\``.includes(text[i])) {
      const quote = text[i];
      let j = i + 1;
      while (j < text.length && text[j] !== quote) j += text[j] === '\\' ? 2 : 1;
      out += quote + text.slice(i + 1, j).replace(/[^\n]/g, ' ') + quote;
      i = j + 1;
    } else {
      out += text[i++];
    }
  }
  return out;
}

/** The {…} that opens at or after `from` in `text` (braces matched in code only), as text and as codeOnly. */
function block(text, from) {
  const rest = text.slice(from);
  const code = codeOnly(rest);
  const open = code.indexOf('{');
  assert.ok(open >= 0, 'no block found');
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    if ('{(['.includes(code[i])) depth++;
    else if ('})]'.includes(code[i]) && --depth === 0) {
      return { text: rest.slice(open, i + 1), code: code.slice(open, i + 1) };
    }
  }
  throw new Error('unbalanced block');
}

/** The property names at the top level of an object literal or an interface body. */
function topLevelKeys({ code }) {
  const keys = [];
  let depth = 0;
  let start = 1;
  for (let i = 0; i < code.length; i++) {
    if ('{(['.includes(code[i])) depth++;
    else if ('})]'.includes(code[i])) depth--;
    if ((depth === 1 && (code[i] === ',' || code[i] === ';')) || (depth === 0 && i === code.length - 1)) {
      const m = /^\s*(?:readonly\s+)?([A-Za-z_$][\w$]*)\??\s*:/.exec(code.slice(start, i));
      if (m) keys.push(m[1]);
      start = i + 1;
    }
  }
  return keys;
}

/** The members of `export interface NAME {…}` in the d.ts (not those it extends). */
function dtsInterface(name) {
  const at = dts.search(new RegExp(`export (?:declare )?interface ${name}\\b`));
  assert.ok(at >= 0, `index.d.ts has no interface ${name}`);
  return topLevelKeys(block(dts, at));
}

/** The string literals of `export type NAME = 'a' | 'b' …;` in the d.ts. */
function dtsUnion(name) {
  const m = new RegExp(`export type ${name} =([^;]*);`).exec(dts);
  assert.ok(m, `index.d.ts has no type ${name}`);
  return [...m[1].matchAll(/'([^']*)'/g)].map((x) => x[1]);
}

const sorted = (list) => [...new Set(list)].sort();

/** Every .js file under web/, wherever the widget's modules live. */
function webSources(dir = 'web') {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((d) => {
    const file = `${dir}/${d.name}`;
    if (d.isDirectory()) return d.name === 'types' ? [] : webSources(file);
    return d.name.endsWith('.js') ? [file] : [];
  });
}

test('the widget options in index.d.ts are exactly the keys of DEFAULTS', () => {
  const source = read(WIDGET_DEFAULTS);
  const at = source.search(/\bDEFAULTS\s*=\s*(?:Object\.freeze\(\s*)?\{/);
  assert.ok(at >= 0, `${WIDGET_DEFAULTS} has no DEFAULTS = {…}`);
  const defaults = topLevelKeys(block(source, at));
  assert.ok(defaults.length >= 20, `only ${defaults.length} keys read from DEFAULTS`);
  assert.deepEqual(sorted(dtsInterface('KbWidgetOptions')), sorted(defaults));
});

test('the widget events in index.d.ts are exactly the ones it emits', () => {
  const emitted = webSources().flatMap((file) =>
    [...read(file).matchAll(/\bemit\(\s*'([\w-]+)'/g)].map((m) => m[1]),
  );
  assert.ok(emitted.length, 'no emit(…) calls found under web/');
  assert.deepEqual(sorted(dtsInterface('KbWidgetEventMap')), sorted(emitted));
});

/** The keys written with field("…") or key("…") in the C++ function whose definition starts with `signature`. */
function jsonKeys(cpp, signature) {
  const at = cpp.indexOf(signature);
  assert.ok(at >= 0, `json_text.cpp has no ${signature}`);
  return [...block(cpp, at).text.matchAll(/\b(?:field|key)\("([^"]+)"/g)].map((m) => m[1]);
}

test('the JSON the engine writes has every key in index.d.ts, and only those', () => {
  const cpp = read('core/src/json_text.cpp');
  // The explanation is written for `kb-indexer ask --explain` only; the browser's binding never asks for it.
  const CLI_ONLY = ['explanation'];
  const shapes = [
    ['void write_json(JsonWriter& w, const StoredEntry& e)', ['StoredEntry']],
    ['void write_json(JsonWriter& w, const std::vector<Segment>& segments)', ['HighlightSegment']],
    ['void write_candidates(', ['Candidate', 'Suggestion']],
    ['std::string to_json(const AnswerResult& r', ['AnswerResult', 'SmallTalkAnswer']],
    ['std::string to_json(const SearchResult& r)', ['SearchResult', 'SearchHit', 'SearchHitMarks']],
  ];
  for (const [signature, interfaces] of shapes) {
    const written = jsonKeys(cpp, signature).filter((k) => !CLI_ONLY.includes(k));
    const declared = interfaces.flatMap(dtsInterface);
    assert.deepEqual(sorted(declared), sorted(written), `${interfaces.join(', ')} against ${signature}`);
  }
});

test('the answer reasons in index.d.ts are exactly the engine’s', () => {
  // to_string(Reason) in engine.cpp names every reason the engine gives.
  const names = read('core/src/engine.cpp').match(/to_string\(Reason r\)[^]*?kNames\[\] = \{([^}]*)\}/);
  assert.ok(names, 'engine.cpp has no to_string(Reason) table');
  const reasons = [...names[1].matchAll(/"([\w-]+)"/g)].map((m) => m[1]);
  assert.ok(reasons.includes('match') && reasons.includes('weak-match'), `read ${reasons}`);
  assert.deepEqual(sorted(dtsUnion('AnswerReason')), sorted(reasons));
});

test('the search options in index.d.ts are exactly the ones the binding accepts', () => {
  const post = read('wasm/post.js');
  const limits = /const LIMITS = \{([^}]*)\}/.exec(post)[1].match(/\w+(?=:)/g);
  const lists = ['TEXTS', 'FLAGS'].flatMap((name) =>
    new RegExp(`const ${name} = \\[([^\\]]*)\\]`).exec(post)[1].match(/[\w-]+/g),
  );
  assert.deepEqual(sorted(dtsInterface('SearchOptions')), sorted([...limits, ...lists]));
});

test('the hand-over payload in index.d.ts matches docs/handover.schema.json', () => {
  const schema = JSON.parse(read('docs/handover.schema.json'));
  const pairs = [
    ['HandoverPayload', schema],
    ['HandoverContact', schema.properties.contact],
    ['HandoverConsent', schema.properties.consent],
    ['HandoverTranscriptLine', schema.properties.transcript.items],
    ['HandoverPage', schema.properties.page],
    ['HandoverBusinessHours', schema.properties.businessHours],
  ];
  for (const [name, part] of pairs) {
    assert.deepEqual(sorted(dtsInterface(name)), sorted(Object.keys(part.properties)), name);
  }
  assert.deepEqual(sorted(dtsUnion('KbLanguage')), sorted(schema.properties.page.properties.language.enum));
});
