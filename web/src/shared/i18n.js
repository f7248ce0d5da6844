/*
 * UI languages: choosing one, filling in a string's {placeholders}, and the
 * build's check that every language has every key. The widget's strings live
 * in web/i18n/*.json, one key set each; widget/translations.js bundles them
 * into kb-widget.js. The agent console's live in web/i18n/console/*.json,
 * bundled into agent.js, so the widget never carries them.
 */

/** zh-TW for Taiwan, Hong Kong and Macau or any Hant tag, zh-CN for other Chinese, en for English. */
export function pickLanguage(requested) {
  const tag = String(requested || '').toLowerCase();
  if (/^zh-(tw|hk|mo)|hant/.test(tag)) return 'zh-TW';
  if (tag.startsWith('zh')) return 'zh-CN';
  if (tag.startsWith('en')) return 'en';
  return 'zh-CN';
}

/** Whether `tag` names a language the UI speaks: any Chinese, any English. */
export const speaksLanguage = (tag) => /^(zh|en)(-|$)/i.test(String(tag || ''));

/**
 * The UI language: the one configured; else the host page's <html lang>, when
 * the UI speaks it; else the browser's. A Chinese page in an English browser
 * gets a Chinese widget, like the page around it.
 */
export const uiLanguage = (configured, pageLanguage, browserLanguage) =>
  pickLanguage(configured || (speaksLanguage(pageLanguage) ? pageLanguage : browserLanguage));

/** "{n} 次" with {n} filled in. */
export const fill = (template, values) =>
  template.replace(/\{(\w+)\}/g, (m, key) => (key in values ? values[key] : m));

/**
 * A function (key, values) => text over one language's `strings`: the string
 * with its {name}s filled in and numbers written for `locale` (1,234). A
 * string that differs by number is an object of Intl.PluralRules' forms,
 * {"one": "{n} result", "other": "{n} results"}, chosen by values.n.
 */
export function translator(strings, locale) {
  const numbers = new Intl.NumberFormat(locale);
  const plurals = new Intl.PluralRules(locale);
  return (key, values = {}) => {
    let text = key in strings ? strings[key] : key;
    if (typeof text === 'object') text = text[plurals.select(values.n)] || text.other;
    const shown = {};
    for (const [name, value] of Object.entries(values))
      shown[name] = typeof value === 'number' ? numbers.format(value) : value;
    return fill(text, shown);
  };
}

/**
 * The keys each language lacks, against zh-CN's: {lang: [key, …]} for the
 * languages that lack any. The build refuses translations that lack a key.
 */
export function missingKeys(translations) {
  const keys = Object.keys(translations['zh-CN'] || {});
  const missing = {};
  for (const [lang, strings] of Object.entries(translations)) {
    const lacks = keys.filter((k) => !(k in strings));
    if (lacks.length) missing[lang] = lacks;
  }
  return missing;
}
