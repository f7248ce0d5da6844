#!/usr/bin/env node
// The benchmark: one table of figures against budgets, PASS or FAIL per line.
// It measures; it never fails a build. Run it with `make bench` after `make build`.
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const site = path.join(root, 'build/site');
if (!existsSync(path.join(site, 'kb-widget.js'))) {
  console.error('bench: build/site is missing; run `make build` first');
  process.exit(2);
}

const KB = 1024;
function sizes(files) {
  const bytes = Buffer.concat(files.map((f) => readFileSync(path.join(site, f))));
  const each = files.map((f) => readFileSync(path.join(site, f)));
  return {
    raw: bytes.length,
    gzip: each.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0),
    brotli: each.reduce((n, b) => n + brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length, 0),
  };
}

const widget = sizes(['kb-widget.js', 'kb-widget.css']);
const engineJs = sizes(['kb-engine.js', 'kb-worker.js', 'kb-engine-api.js', 'kb-core.js']);
const wasm = sizes(['kb-core.wasm']);
const { database } = JSON.parse(readFileSync(path.join(site, 'kb/manifest.json'), 'utf8'));
const index = sizes(['kb/manifest.json', `kb/${database}`]);
const total = {
  raw: widget.raw + engineJs.raw + wasm.raw + index.raw,
  gzip: widget.gzip + engineJs.gzip + wasm.gzip + index.gzip,
  brotli: widget.brotli + engineJs.brotli + wasm.brotli + index.brotli,
};

const kb = (n) => `${(n / KB).toFixed(1)} KB`;
const rows = [
  ['Widget JS + CSS (no engine)', widget, 'gzip', 30 * KB],
  ['Engine JS (loader, worker, glue)', engineJs, null, null],
  ['Engine .wasm', wasm, 'raw', 400 * KB],
  ['Engine .wasm', wasm, 'gzip', 150 * KB],
  ['Public index (manifest + database)', index, null, null],
  ['Everything before the first answer', total, 'gzip', 250 * KB],
];

const table = [['measure', 'raw', 'gzip', 'brotli', 'budget', 'result']];
for (const [name, s, on, budget] of rows) {
  table.push([name, kb(s.raw), kb(s.gzip), kb(s.brotli), budget ? `≤ ${kb(budget)} ${on}` : '',
    budget ? (s[on] <= budget ? 'PASS' : 'FAIL') : '']);
}
const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
console.log(`kb benchmark, ${new Date().toISOString().slice(0, 10)}, node ${process.version}`);
for (const [i, r] of table.entries()) {
  console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
