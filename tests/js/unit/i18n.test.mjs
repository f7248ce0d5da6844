// The UI translations: every language has every key (the build refuses one
// that lacks any), the widget bundles every file of web/i18n/ and the agent
// console every file of web/i18n/console/, and the console's page says in
// zh-CN what its translations say.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fill, missingKeys, translator } from '../../../web/src/shared/i18n.js';

const read = (file) => readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8');

/** The translation files of folder `dir`, by language. */
function load(dir) {
  const files = readdirSync(new URL(`../../../${dir}/`, import.meta.url)).filter((f) => f.endsWith('.json'));
  return Object.fromEntries(files.map((f) => [f.slice(0, -5), JSON.parse(read(`${dir}/${f}`))]));
}

const FOLDERS = { widget: 'web/i18n', console: 'web/i18n/console' };
const LOADED = Object.fromEntries(Object.entries(FOLDERS).map(([ui, dir]) => [ui, load(dir)]));
const translations = LOADED.widget;
const consoleStrings = LOADED.console;

/** The {names} a translated value fills in, in any of its forms. */
const placeholders = (value) => [...new Set(JSON.stringify(value).match(/\{\w+\}/g))].sort();

for (const [ui, strings] of Object.entries(LOADED)) {
  test(`${ui}: every language has every key of zh-CN, and no more`, () => {
    assert.deepEqual(Object.keys(strings).sort(), ['en', 'zh-CN', 'zh-TW']);
    assert.deepEqual(missingKeys(strings), {});
    const keys = Object.keys(strings['zh-CN']).sort();
    for (const [lang, t] of Object.entries(strings)) assert.deepEqual(Object.keys(t).sort(), keys, lang);
  });

  test(`${ui}: every language fills in the same placeholders, and plural forms have "other"`, () => {
    for (const [lang, t] of Object.entries(strings))
      for (const [key, value] of Object.entries(t)) {
        assert.deepEqual(placeholders(value), placeholders(strings['zh-CN'][key]), `${lang} ${key}`);
        if (value && typeof value === 'object' && !Array.isArray(value)) {
          assert.equal(typeof value.other, 'string', `${lang} ${key}`);
          for (const form of Object.keys(value))
            assert.ok(
              ['zero', 'one', 'two', 'few', 'many', 'other'].includes(form),
              `${lang} ${key}.${form}`,
            );
        }
      }
  });
}

test('a missing key is found and named', () => {
  const { title, ...rest } = translations.en;
  assert.deepEqual(missingKeys({ ...translations, en: rest }), { en: ['title'] });
  const { typeFaq, ...lacking } = consoleStrings['zh-TW'];
  assert.deepEqual(missingKeys({ ...consoleStrings, 'zh-TW': lacking }), { 'zh-TW': ['typeFaq'] });
});

test('the widget bundles every translation file of web/i18n/, and the console every one of its own', () => {
  const widget = read('web/src/widget/translations.js');
  for (const lang of Object.keys(translations))
    assert.match(widget, new RegExp(`from '../../i18n/${lang}\\.json'`), lang);
  assert.doesNotMatch(widget, /i18n\/console/, 'the console strings stay out of the widget');
  const agent = read('site/agent/agent.js');
  for (const lang of Object.keys(consoleStrings))
    assert.match(agent, new RegExp(`from '../../web/i18n/console/${lang}\\.json'`), lang);
});

test('the console uses every key of its translations, and no other', () => {
  const agent = read('site/agent/agent.js');
  const html = read('site/agent/index.html');
  const used = new Set([
    ...[...agent.matchAll(/\bt\(([^)]*)\)/g)].flatMap((m) =>
      [...m[1].matchAll(/(?<!=== )'(\w+)'/g)].map((k) => k[1]),
    ),
    ...[...html.matchAll(/data-i18n(?:-[\w-]+)?="(\w+)"/g)].map((m) => m[1]),
  ]);
  assert.deepEqual([...used].sort(), Object.keys(consoleStrings['zh-CN']).sort());
});

test("the console's page says before start-up what its zh-CN translations say", () => {
  const html = read('site/agent/index.html');
  const zh = consoleStrings['zh-CN'];
  const keys = { slash: '/', down: '↓', up: '↑', enter: 'Enter', esc: 'Esc' };
  const texts = [...html.matchAll(/<(\w+)[^>]*\sdata-i18n="(\w+)"[^>]*>([\s\S]*?)<\/\1>/g)];
  assert.ok(texts.length >= 10);
  for (const [, , key, text] of texts) assert.equal(text.replace(/<[^>]+>/g, ''), fill(zh[key], keys), key);
  const attributes = [...html.matchAll(/\s([\w-]+)="([^"]*)"[^>]*?\sdata-i18n-\1="(\w+)"/g)];
  assert.equal(attributes.length, 4);
  for (const [, attribute, value, key] of attributes) assert.equal(value, zh[key], `${attribute} ${key}`);
});

test('placeholders are filled by name, and unknown ones stay', () => {
  assert.equal(fill('已重试 {n} 次，{m}', { n: 3 }), '已重试 3 次，{m}');
});

test("a translator writes numbers in its locale's way and picks the plural form by n", () => {
  const en = translator(consoleStrings.en, 'en');
  assert.equal(en('countFound', { n: 1 }), '1 result');
  assert.equal(en('countFound', { n: 1234 }), '1,234 results');
  assert.equal(en('stepsDone', { done: 0, n: 1 }), '0 of 1 step done');
  assert.equal(en('notFoundText', { id: '42' }).includes('“42”'), true, 'a string value is not a number');
  assert.equal(translator(consoleStrings['zh-CN'], 'zh-CN')('countFound', { n: 1234 }), '找到 1,234 条');
  assert.equal(translator(consoleStrings['zh-TW'], 'zh-TW')('countAll', { n: 7 }), '全部 7 筆');
  assert.equal(translator({}, 'en')('noSuchKey'), 'noSuchKey');
});
