// The UI strings, bundled into kb-widget.js so the launcher is labelled
// without an extra request. A new language: a file in web/i18n/ with every
// key (the build checks), a line here, and a case in pickLanguage (shared/i18n.js).
import en from '../../i18n/en.json';
import zhCN from '../../i18n/zh-CN.json';
import zhTW from '../../i18n/zh-TW.json';

export const TRANSLATIONS = {
  'zh-CN': zhCN,
  'zh-TW': zhTW,
  en,
};
