#!/usr/bin/env node
// Writes kb-widget.js with the UI translations of web/i18n/*.json inlined, so
// the widget needs no extra request to label its launcher.
//   node scripts/inline-translations.mjs web/kb-widget.js web/i18n OUT
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [source, dir, out] = process.argv.slice(2);
const translations = {};
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  translations[path.basename(file, '.json')] = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
}
const keys = Object.keys(translations['zh-CN'] || {});
for (const [lang, strings] of Object.entries(translations)) {
  const missing = keys.filter((k) => !(k in strings));
  if (missing.length) throw new Error(`${dir}/${lang}.json lacks ${missing.join(', ')}`);
}
const marker = '/* @kb-translations */ {}';
const code = readFileSync(source, 'utf8');
if (!code.includes(marker)) throw new Error(`${source} has no ${marker} marker`);
writeFileSync(out, code.replace(marker, JSON.stringify(translations)));
