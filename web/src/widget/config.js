/*
 * The widget's options: every option and its default, and their validation.
 * Every mistake is reported at once, and init() throws.
 */
import { parseHours } from './hours.js';
import { uiLanguage } from '../shared/i18n.js';

/** Every option and its default, in one place (KbWidget.DEFAULTS, with `base` filled in). */
export const DEFAULTS = {
  index: 'kb/', // folder with manifest.json and the database it names, relative to the page
  base: '', // where kb-engine.js, kb-worker.js and kb-core.* live; empty: the script's folder
  lang: '', // zh-CN, zh-TW or en; empty: the page's <html lang>, else navigator.language
  title: '', // empty: the language's default
  greeting: '',
  placeholder: '',
  // Quick replies under the greeting (3–6). In a data- attribute: separated by "|".
  popularQuestions: ['售后服务收费吗？', '服务电话几点有人接？', '可以派人上门服务吗？', '怎么投诉？'],
  typeahead: true, // suggest FAQ questions while the visitor types
  indexRefresh: 300, // seconds between checks for a new index (its manifest hash); 0: never
  // Seconds without a byte after which loading the engine or the index counts
  // as failed: the widget then says search is unavailable and offers a person.
  loadTimeout: 15,
  // Where to POST the questions the widget could not answer, without personal
  // data, for `kb-indexer gaps`. Empty: they are only kept in this browser.
  analyticsUrl: '',
  // Ways to a person: set at least one, in any combination.
  webhook: '', // URL that receives hand-overs and messages as JSON POSTs
  liveChatUrl: '', // a live-chat page, offered in business hours
  onHandover: null, // function(payload), called when a hand-over starts (JS only)
  phone: '',
  email: '',
  // When people answer, e.g. "mon-fri 09:00-18:00; sat 10:00-16:00". Empty: always.
  businessHours: '',
  timeZone: '', // IANA zone of businessHours, e.g. Asia/Shanghai; empty: the visitor's
  // The hand-over names the page by origin and path: a query string often
  // carries tokens or an email address. true adds the query; the fragment never goes.
  sendPageQuery: false,
  autoInit: true,
};

export const PHONE = /^\+?[0-9][0-9 ()-]{2,29}$/;
export const EMAIL = /^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/;

/**
 * The options given to init() (or read from data- attributes) checked and
 * completed: {config, T}, T being the UI strings of config.lang. `env` is what
 * the page says: {translations, pageLanguage (<html lang>), language
 * (navigator.language), pageBase (the page's address), scriptBase (the widget
 * script's folder)}. Throws an Error
 * that lists every mistake.
 */
export function readConfig(options, { translations, pageLanguage, language, pageBase, scriptBase }) {
  if (typeof options !== 'object' || options === null)
    throw new TypeError('KbWidget.init: options must be an object');
  const problems = [];
  const unknown = Object.keys(options).filter((k) => !(k in DEFAULTS));
  if (unknown.length) problems.push(`unknown option(s) ${unknown.join(', ')}; see KbWidget.DEFAULTS`);
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined && v !== ''));
  const lang = uiLanguage(given.lang, pageLanguage, language);
  const T = translations[lang];
  const config = {
    ...DEFAULTS,
    base: scriptBase || pageBase,
    title: T.title,
    greeting: T.greeting,
    placeholder: T.placeholder,
    ...given,
    lang,
  };

  config.popularQuestions = (
    typeof config.popularQuestions === 'string'
      ? config.popularQuestions.split('|')
      : [].concat(config.popularQuestions || [])
  )
    .map((q) => String(q).trim())
    .filter(Boolean);
  if (config.popularQuestions.length > 6) problems.push('popularQuestions takes at most 6 questions');
  config.typeahead = config.typeahead !== false && config.typeahead !== 'false';
  config.sendPageQuery = config.sendPageQuery === true || config.sendPageQuery === 'true';

  config.indexRefresh = Number(config.indexRefresh);
  if (!Number.isFinite(config.indexRefresh) || config.indexRefresh < 0) {
    problems.push(`indexRefresh "${options.indexRefresh}" must be a number of seconds (0: never)`);
  }
  config.loadTimeout = Number(config.loadTimeout);
  if (!Number.isFinite(config.loadTimeout) || config.loadTimeout <= 0) {
    problems.push(`loadTimeout "${options.loadTimeout}" must be a number of seconds above 0`);
  }
  for (const key of ['webhook', 'liveChatUrl', 'analyticsUrl']) {
    if (!config[key]) continue;
    try {
      const url = new URL(config[key], pageBase);
      if (!/^https?:$/.test(url.protocol)) throw new Error('not http(s)');
      config[key] = url.href;
    } catch (err) {
      problems.push(`${key} "${config[key]}" is not an http(s) URL`);
    }
  }
  if (config.phone && !PHONE.test(String(config.phone).trim()))
    problems.push(`phone "${config.phone}" is not a phone number`);
  if (config.email && !EMAIL.test(String(config.email).trim()))
    problems.push(`email "${config.email}" is not an email address`);
  if (config.onHandover && typeof config.onHandover !== 'function')
    problems.push('onHandover must be a function');
  if (!['webhook', 'liveChatUrl', 'onHandover', 'phone', 'email'].some((k) => config[k])) {
    problems.push(
      'no way to reach a person: set at least one of webhook, liveChatUrl, onHandover, phone, email',
    );
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: config.timeZone || undefined });
    config.hours = parseHours(config.businessHours || '', config.timeZone);
  } catch (err) {
    problems.push(
      err instanceof RangeError ? `timeZone "${config.timeZone}" is not an IANA time zone` : err.message,
    );
    config.hours = null;
  }
  // A live chat is offered only while people answer; the other ways work at
  // any hour (onHandover receives every hand-over, kind "message" outside hours).
  if (
    config.liveChatUrl &&
    config.hours &&
    config.hours.groups.length &&
    !['webhook', 'onHandover', 'phone', 'email'].some((k) => config[k])
  ) {
    problems.push(
      'no way to reach a person outside businessHours: liveChatUrl is offered only within them; ' +
        'add webhook (a leave-a-message form), onHandover, phone or email',
    );
  }
  if (problems.length) throw new Error(`KbWidget: bad configuration:\n  - ${problems.join('\n  - ')}`);
  return { config, T };
}
