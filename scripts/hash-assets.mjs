#!/usr/bin/env node
// Gives the files the widget loads after kb-widget.js names that carry a hash
// of their content (kb-worker.<hash>.js, like the index's kb.<hash>.db), so a
// browser may keep them for a year without asking again, and a new build is
// fetched under new names. Each file names the next by a marked literal,
//   const WASM_FILE = /* @kb-asset */ 'kb-core.wasm';
// which becomes the hashed name. kb-widget.js is filled in but keeps its name:
// host pages embed that URL. The files keep their plain names too, for hosts
// and tools that load them by name (the agent console's kb-engine.js, Node).
//   node scripts/hash-assets.mjs DIR
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
// Each file comes after the files it names, so its hash covers their hashes.
const HASHED = ['kb-core.wasm', 'kb-widget.css', 'kb-worker.js', 'kb-engine.js'];
const MARKER = /\/\* @kb-asset \*\/ '([^']+)'/g;
const names = {};

/** The file's text with every marked name replaced by the hashed name. */
function fill(file) {
  const text = readFileSync(path.join(dir, file), 'utf8');
  return text.replace(MARKER, (marked, name) => {
    if (!names[name]) throw new Error(`${dir}/${file} names ${name}, which ${dir} does not have`);
    return `'${names[name]}'`;
  });
}

for (const file of HASHED) {
  if (!existsSync(path.join(dir, file))) continue; // the agent console has no widget style
  const bytes = file.endsWith('.js') ? Buffer.from(fill(file)) : readFileSync(path.join(dir, file));
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  names[file] = file.replace(/\.([a-z]+)$/, `.${hash}.$1`);
  writeFileSync(path.join(dir, file), bytes);
  writeFileSync(path.join(dir, names[file]), bytes);
}
if (existsSync(path.join(dir, 'kb-widget.js')))
  writeFileSync(path.join(dir, 'kb-widget.js'), fill('kb-widget.js'));
