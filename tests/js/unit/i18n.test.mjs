// The UI translations: every language has every key (the build refuses one
// that lacks any), and the widget bundles every file of web/i18n/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fill, missingKeys } from '../../../web/src/shared/i18n.js';

const dir = new URL('../../../web/i18n/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const translations = Object.fromEntries(
  files.map((f) => [f.slice(0, -5), JSON.parse(readFileSync(new URL(f, dir), 'utf8'))]),
);

test('every language has every key of zh-CN, and no more', () => {
  assert.deepEqual(Object.keys(translations).sort(), ['en', 'zh-CN', 'zh-TW']);
  assert.deepEqual(missingKeys(translations), {});
  const keys = Object.keys(translations['zh-CN']).sort();
  for (const [lang, strings] of Object.entries(translations))
    assert.deepEqual(Object.keys(strings).sort(), keys, lang);
});

test('a missing key is found and named', () => {
  const { title, ...rest } = translations.en;
  assert.deepEqual(missingKeys({ ...translations, en: rest }), { en: ['title'] });
});

test('the widget bundles every translation file', () => {
  const source = readFileSync(new URL('../../../web/src/widget/translations.js', import.meta.url), 'utf8');
  for (const f of files) assert.match(source, new RegExp(`from '../../i18n/${f.replace('.', '\\.')}'`), f);
});

test('placeholders are filled by name, and unknown ones stay', () => {
  assert.equal(fill('已重试 {n} 次，{m}', { n: 3 }), '已重试 3 次，{m}');
});
