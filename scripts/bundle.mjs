#!/usr/bin/env node
// Bundles the front end's ES modules (web/src/, and the agent console's
// site/agent/agent.js) into the scripts the two sites serve, with esbuild.
// Debian packages esbuild as its Go program only, without the JS API, so
// this runs the `esbuild` command.
//   node scripts/bundle.mjs OUT GLUE
// writes to OUT:
//   kb-widget.js      the widget, the one script a host page embeds; its only global is KbWidget
//   kb-engine.js      the engine API for pages (under Symbol.for('kb-engine')), which the widget loads on intent
//   kb-worker.js      the engine's worker: GLUE (Emscripten's kb-core.js, not an ES module),
//                     then the worker's bundle, so it starts after one download
//   kb-engine-api.js  the engine's JS API for Node (require()) and other hosts (KbEngineCore)
//   agent.js          the agent console
// The widget's UI strings (web/i18n/*.json) are bundled into kb-widget.js, the
// console's (web/i18n/console/*.json, a folder of their own so that the widget
// never carries them) into agent.js; a language that lacks a key of zh-CN's
// fails the build. A name the sources write as
// '@kb-asset:NAME' (web/src/shared/assets.js) becomes the marker that
// scripts/hash-assets.mjs fills with NAME's content-hashed name.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { missingKeys } from '../web/src/shared/i18n.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [out, glue] = process.argv.slice(2);
if (!out || !glue) throw new Error('usage: node scripts/bundle.mjs OUT GLUE');

/** What the translations of folder `dir` (web/i18n, web/i18n/console) lack: ['DIR/en.json lacks KEY, …']. */
function lacking(dir) {
  const translations = Object.fromEntries(
    readdirSync(path.join(root, dir))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => [path.basename(f, '.json'), JSON.parse(readFileSync(path.join(root, dir, f), 'utf8'))]),
  );
  return Object.entries(missingKeys(translations)).map(
    ([lang, keys]) => `${dir}/${lang}.json lacks ${keys.join(', ')}`,
  );
}
const missing = [...lacking('web/i18n'), ...lacking('web/i18n/console')];
if (missing.length) throw new Error(missing.join('\n'));

// ES2019 syntax (esbuild lowers anything newer); minified, since the
// widget's bytes are on every page of a host site. UTF-8 rather than \u
// escapes for the Chinese strings: fewer bytes, and the files are served as UTF-8.
const COMMON = [
  '--bundle',
  '--target=es2019',
  '--charset=utf8',
  '--legal-comments=none',
  '--log-level=warning',
];
const BROWSER = ['--minify', '--format=iife'];
const STRICT = [...BROWSER, '--banner:js="use strict";'];

/** esbuild's bundle of `entry` with `options`, as text. */
function esbuild(entry, options) {
  return execFileSync('esbuild', [path.join(root, entry), ...COMMON, ...options], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
}

/** The bundle with each '@kb-asset:NAME' as scripts/hash-assets.mjs's marker. */
function markAssets(code) {
  const marked = code.replace(
    /(["'`])@kb-asset:([\w.-]+)\1/g,
    (m, quote, name) => `/* @kb-asset */ '${name}'`,
  );
  if (marked.includes('@kb-asset:'))
    throw new Error('an @kb-asset: name is not a plain string literal in the bundle');
  return marked;
}

const write = (file, code) => writeFileSync(path.join(out, file), code);

write('kb-widget.js', markAssets(esbuild('web/src/widget/index.js', STRICT)));
write('kb-engine.js', markAssets(esbuild('web/src/engine/index.js', STRICT)));
write(
  'kb-worker.js',
  `${readFileSync(glue, 'utf8')}\n${markAssets(esbuild('web/src/engine/worker.js', BROWSER))}`,
);
// A classic script that defines KbEngineCore, which CommonJS's require() also
// returns; not minified, as it is read rather than downloaded.
write(
  'kb-engine-api.js',
  esbuild('web/src/engine/api.js', [
    '--format=iife',
    '--global-name=KbEngineCore',
    '--footer:js=if (typeof module === "object" && module.exports) module.exports = KbEngineCore;',
  ]),
);
write('agent.js', esbuild('site/agent/agent.js', STRICT));
