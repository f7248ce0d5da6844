// The values the engine and the front end share come from core/constants.json.
// The front end's modules are bundled here as the build bundles them, and
// checked against the file: a value written again by hand in JS fails as soon
// as the file changes. (The .wasm is checked in wasm-engine.test.mjs, the C++
// header in tests/core/test_constants.cpp.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const constants = JSON.parse(readFileSync(path.join(root, 'core/constants.json'), 'utf8'));

/** `entry` (under web/src) bundled by esbuild into one ES module, imported. */
function bundled(entry) {
  const code = execFileSync(
    'esbuild',
    [path.join(root, 'web/src', entry), '--bundle', '--format=esm', '--log-level=warning'],
    { encoding: 'utf8' },
  );
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

test('the engine API checks manifests for the index format and cuts questions where the engine does', async () => {
  const api = await bundled('engine/api.js');
  assert.equal(api.INDEX_FORMAT, constants.indexFormat);
  assert.equal(api.MAX_QUESTION_CHARS, constants.maxQuestionChars);
  assert.throws(() => api.checkManifest({ format: constants.indexFormat + 1 }), /index format/);
});

test('entry links are allowed for exactly the schemes and the entry prefix of the file', async () => {
  const { safeHref } = await bundled('shared/entry-html.js');
  for (const scheme of constants.linkSchemes) {
    assert.equal(safeHref(`${scheme}example.com`), `${scheme}example.com`, scheme);
    assert.equal(safeHref(`${scheme.toUpperCase()}example.com`), `${scheme.toUpperCase()}example.com`);
  }
  assert.equal(
    safeHref(`${constants.entryLinkPrefix}after-sales-fees`),
    `${constants.entryLinkPrefix}after-sales-fees`,
  );
  for (const refused of [
    'javascript:alert(1)',
    'data:text/html,x',
    'ftp://example.com',
    '#/other/x',
    'https://a b',
  ])
    assert.equal(safeHref(refused), null, refused);
});
