// The licence, the notices of what the product ships, and the file that
// travels with the .wasm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { root } from './helpers.mjs';

const read = (file) => readFileSync(path.join(root, file), 'utf8');

test('the project is GPL-3.0-or-later, with the licence text at the root', () => {
  const licence = read('LICENSE');
  assert.match(licence, /^\s*GNU GENERAL PUBLIC LICENSE\s+Version 3, 29 June 2007/);
  assert.match(licence, /END OF TERMS AND CONDITIONS/);
  assert.match(read('README.md'), /GPL-3\.0-or-later \(\[LICENSE\]\(LICENSE\)\)/);
});

test('every dependency in the README says its licence', () => {
  const readme = read('README.md');
  const start = readme.indexOf('| dependency | from | why | licence |');
  assert.ok(start > 0, 'the dependency table has a licence column');
  const rows = readme.slice(start).split('\n').slice(2);
  const table = rows.slice(
    0,
    rows.findIndex((l) => !l.startsWith('|')),
  );
  assert.ok(table.length >= 20, `${table.length} rows`);
  for (const row of table) {
    const cells = row.split(/(?<!\\)\|/).slice(1, -1);
    assert.equal(cells.length, 4, row.slice(0, 60));
    assert.ok(cells[3].trim().length > 2, `no licence for ${cells[0]}`);
  }
});

test('THIRD-PARTY.md links only notices that exist', () => {
  const notices = [...read('THIRD-PARTY.md').matchAll(/\]\(((?:licenses|core|data)\/[^)]+)\)/g)].map(
    (m) => m[1],
  );
  assert.ok(notices.length >= 8);
  for (const file of notices) assert.ok(existsSync(path.join(root, file)), file);
});

test('kb-core.LICENSES.txt travels beside the .wasm with every notice of what is compiled in', () => {
  // The tables compiled into the engine each come with a NOTICE in core/src.
  const tableNotices = readdirSync(path.join(root, 'core/src')).filter((f) => f.endsWith('.NOTICE'));
  assert.ok(tableNotices.length >= 3);
  for (const dir of ['build/site', 'build/agent']) {
    const files = readdirSync(path.join(root, dir));
    assert.ok(
      files.some((f) => /^kb-core\.[0-9a-f]+\.wasm$/.test(f)),
      `${dir} serves the engine`,
    );
    const text = read(`${dir}/kb-core.LICENSES.txt`);
    assert.match(text, /either version 3 of the License, or \(at your option\)\s+any later version/);
    assert.match(text, /offer the\s+corresponding source of the version it serves/);
    for (const notice of tableNotices) {
      const first = read(`core/src/${notice}`).split('\n')[0];
      assert.ok(text.includes(first), `${dir}: ${notice}`);
    }
    for (const component of [
      'Xapian 1.4.22',
      'zlib 1.2.13',
      'musl',
      'libc++',
      'Emscripten 3.1.6',
      'dlmalloc',
    ])
      assert.ok(text.includes(component), `${dir}: ${component}`);
    // The licence texts the notices refer to, in full.
    assert.match(text, /Apache License\s+Version 2\.0, January 2004/);
    assert.match(text, /GNU GENERAL PUBLIC LICENSE\s+Version 3, 29 June 2007/);
    assert.equal(text.match(/END OF TERMS AND CONDITIONS/g).length, 2);
  }
});
