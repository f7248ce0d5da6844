#!/usr/bin/env node
// Writes the deployable kb-widget.js: web/kb-widget.js with the UI
// translations of web/i18n/*.json and the entry-HTML allow-list of
// web/kb-html.js inlined, so the widget is one file and needs no extra request
// to label its launcher.
//   node scripts/build-widget.mjs web/kb-widget.js web/i18n web/kb-html.js OUT
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [source, dir, htmlModule, out] = process.argv.slice(2);
const translations = {};
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  translations[path.basename(file, '.json')] = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
}
const keys = Object.keys(translations['zh-CN'] || {});
for (const [lang, strings] of Object.entries(translations)) {
  const missing = keys.filter((k) => !(k in strings));
  if (missing.length) throw new Error(`${dir}/${lang}.json lacks ${missing.join(', ')}`);
}

let code = readFileSync(source, 'utf8');
function fill(marker, text) {
  if (!code.includes(marker)) throw new Error(`${source} has no ${marker} marker`);
  code = code.replace(marker, () => text);
}
fill('/* @kb-translations */ {}', JSON.stringify(translations));
// Inside a function, kb-html.js's `var KbHtml` stays out of the host page's globals.
fill('/* @kb-html */ null', `(function () {\n${readFileSync(htmlModule, 'utf8')}\nreturn KbHtml;\n})()`);
writeFileSync(out, code);
