// The widget's configuration without a browser: defaults, what data-
// attributes give as strings, and every mistake named at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULTS, readConfig } from '../../../web/src/widget/config.js';

const translations = Object.fromEntries(
  ['zh-CN', 'zh-TW', 'en'].map((lang) => [
    lang,
    JSON.parse(readFileSync(new URL(`../../../web/i18n/${lang}.json`, import.meta.url), 'utf8')),
  ]),
);
const env = {
  translations,
  language: 'zh-CN',
  pageBase: 'https://shop.example/help/faq.html',
  scriptBase: 'https://shop.example/static/',
};
const read = (options, more = {}) => readConfig(options, { ...env, ...more });
const problems = (options) => {
  try {
    read(options);
  } catch (err) {
    return err.message;
  }
  assert.fail('no error');
};

test('one way to a person is enough; the rest are the defaults in the UI language', () => {
  const { config, T } = read({ phone: '400-000-0000' });
  assert.equal(config.lang, 'zh-CN');
  assert.equal(T, translations['zh-CN']);
  assert.equal(config.title, T.title);
  assert.equal(config.greeting, T.greeting);
  assert.equal(config.base, env.scriptBase, 'the engine is looked for next to the script');
  assert.equal(config.index, DEFAULTS.index);
  assert.deepEqual(config.popularQuestions, DEFAULTS.popularQuestions);
  assert.equal(config.typeahead, true);
  assert.equal(config.sendPageQuery, false);
  assert.equal(config.indexRefresh, 300);
  assert.equal(config.loadTimeout, 15);
  assert.equal(config.hours.isOpen(new Date()), true, 'no businessHours: always open');
  assert.equal(
    read({ phone: '400-000-0000' }, { scriptBase: '' }).config.base,
    env.pageBase,
    'without a script, the page',
  );
});

test('data- attributes arrive as strings and mean the same', () => {
  const { config } = read({
    webhook: '/kb-handover',
    typeahead: 'false',
    sendPageQuery: 'true',
    indexRefresh: '0',
    loadTimeout: '2.5',
    popularQuestions: ' 怎么退货？ | |发票怎么开？',
    businessHours: 'mon-fri 09:00-18:00',
    timeZone: 'Asia/Shanghai',
  });
  assert.equal(config.webhook, 'https://shop.example/kb-handover', 'resolved against the page');
  assert.equal(config.typeahead, false);
  assert.equal(config.sendPageQuery, true);
  assert.equal(config.indexRefresh, 0);
  assert.equal(config.loadTimeout, 2.5);
  assert.deepEqual(config.popularQuestions, ['怎么退货？', '发票怎么开？']);
  assert.equal(config.hours.isOpen(new Date('2026-11-25T03:00:00Z')), true, 'Wednesday 11:00 in Shanghai');
  assert.equal(config.hours.isOpen(new Date('2026-11-28T03:00:00Z')), false, 'Saturday');
  assert.equal(
    read({ email: 'help@example.com', title: '' }).config.title,
    translations['zh-CN'].title,
    'empty is the default',
  );
});

test('the UI language: the option, else the browser, for zh-TW, zh-HK, Hant, English and anything else', () => {
  const lang = (option, language) => read({ phone: '400-000-0000', lang: option }, { language }).config.lang;
  assert.equal(lang('zh-HK', 'en-US'), 'zh-TW');
  assert.equal(lang('', 'zh-Hant-MO'), 'zh-TW');
  assert.equal(lang(undefined, 'zh-SG'), 'zh-CN');
  assert.equal(lang(undefined, 'en-GB'), 'en');
  assert.equal(lang('fr', 'en-GB'), 'zh-CN');
  assert.equal(read({ phone: '400-000-0000' }, { language: 'en-GB' }).config.title, translations.en.title);
});

test('the UI language follows the page first, the browser second, unless configured', () => {
  const lang = (option, pageLanguage, language) =>
    read({ phone: '400-000-0000', lang: option }, { pageLanguage, language }).config.lang;
  assert.equal(lang(undefined, 'zh-CN', 'en-US'), 'zh-CN', 'a Chinese page in an English browser');
  assert.equal(lang(undefined, 'en', 'zh-CN'), 'en');
  assert.equal(lang(undefined, 'zh-Hant', 'en-US'), 'zh-TW');
  assert.equal(lang(undefined, 'fr', 'en-GB'), 'en', 'a page in a language the UI lacks: the browser');
  assert.equal(lang(undefined, '', 'zh-TW'), 'zh-TW', 'no <html lang>: the browser');
  assert.equal(lang(undefined, null, 'en-GB'), 'en');
  assert.equal(lang('en', 'zh-CN', 'zh-CN'), 'en', 'the option wins');
  assert.equal(lang(undefined, 'english', 'zh-CN'), 'zh-CN', 'not a language tag');
});

test('every mistake is named at once', () => {
  const message = problems({ colour: 'red', phone: 'call me', timeZone: 'Mars/Olympus' });
  assert.equal(
    message,
    'KbWidget: bad configuration:\n' +
      '  - unknown option(s) colour; see KbWidget.DEFAULTS\n' +
      '  - phone "call me" is not a phone number\n' +
      '  - timeZone "Mars/Olympus" is not an IANA time zone',
  );
  const more = problems({
    email: 'nobody',
    webhook: 'javascript:alert(1)',
    liveChatUrl: 'http://[bad',
    analyticsUrl: 'ftp://x.example/',
    indexRefresh: 'often',
    loadTimeout: '0',
    onHandover: 'start()',
    popularQuestions: 'a|b|c|d|e|f|g',
    businessHours: 'mon 18:00-09:00',
  });
  for (const expected of [
    'email "nobody" is not an email address',
    'webhook "javascript:alert(1)" is not an http(s) URL',
    'liveChatUrl "http://[bad" is not an http(s) URL',
    'analyticsUrl "ftp://x.example/" is not an http(s) URL',
    'indexRefresh "often" must be a number of seconds (0: never)',
    'loadTimeout "0" must be a number of seconds above 0',
    'onHandover must be a function',
    'popularQuestions takes at most 6 questions',
    'businessHours: "mon 18:00-09:00" must close after it opens',
  ])
    assert.ok(more.includes(expected), `${expected}\nin\n${more}`);
});

test('a widget without a way to a person is a configuration error; options must be an object', () => {
  assert.match(
    problems({}),
    /no way to reach a person: set at least one of webhook, liveChatUrl, onHandover, phone, email/,
  );
  assert.doesNotThrow(() => read({ onHandover: () => {} }));
  assert.doesNotThrow(() => read({ liveChatUrl: 'https://chat.example/' }));
  assert.throws(() => read(null), TypeError);
  assert.throws(() => read('index=kb/'), TypeError);
});

test('a live chat alone, with business hours, leaves no way to a person outside them', () => {
  const hours = { businessHours: 'mon-fri 09:00-18:00', timeZone: 'Asia/Shanghai' };
  assert.match(
    problems({ liveChatUrl: 'https://chat.example/', ...hours }),
    /no way to reach a person outside businessHours: liveChatUrl is offered only within them; add webhook/,
  );
  // Each other way works at any hour; the site's callback receives every hand-over.
  for (const way of [
    { webhook: 'https://hooks.example/kb' },
    { onHandover: () => {} },
    { phone: '400-000-0000' },
    { email: 'help@shop.example' },
  ])
    assert.doesNotThrow(() => read({ liveChatUrl: 'https://chat.example/', ...hours, ...way }));
});
