// Returning visitors reuse their browser's cache. The files the widget loads
// after kb-widget.js carry a hash of their content in their names
// (scripts/hash-assets.mjs) and are cached for a year without revalidation;
// kb-widget.js, whose URL host pages embed, and the manifest are revalidated
// on every use. The assembly on a scratch folder, the demo server's headers,
// and a second visit in Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root, siteAsset, withSiteAndBrowser } from './helpers.mjs';

const YEAR = 'public, max-age=31536000, immutable';

/** Runs the assembly's hashing on files with these contents: {files, names: plain -> hashed}. */
function hashAssets(contents) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kb-hash-'));
  try {
    for (const [name, text] of Object.entries(contents)) writeFileSync(path.join(dir, name), text);
    execFileSync(process.execPath, [path.join(root, 'scripts/hash-assets.mjs'), dir]);
    const files = Object.fromEntries(
      readdirSync(dir).map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]),
    );
    const names = {};
    for (const f of Object.keys(files)) {
      const m = /^(.*)\.[0-9a-f]{12}\.([a-z]+)$/.exec(f);
      if (m) names[`${m[1]}.${m[2]}`] = f;
    }
    return { files, names };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const SOURCES = {
  'kb-core.wasm': 'wasm v1',
  'kb-widget.css': ':host { color: red }',
  'kb-worker.js': "const WASM_FILE = /* @kb-asset */ 'kb-core.wasm';",
  'kb-engine.js': "const WORKER_FILE = /* @kb-asset */ 'kb-worker.js';",
  'kb-widget.js':
    "const ENGINE_FILE = /* @kb-asset */ 'kb-engine.js'; const STYLE_FILE = /* @kb-asset */ 'kb-widget.css';",
};

test('each file the widget loads gets its content hash in its name, and names the next one by it', () => {
  const { files, names } = hashAssets(SOURCES);
  assert.deepEqual(Object.keys(names).sort(), [
    'kb-core.wasm',
    'kb-engine.js',
    'kb-widget.css',
    'kb-worker.js',
  ]);
  assert.equal(files[names['kb-worker.js']], `const WASM_FILE = '${names['kb-core.wasm']}';`);
  assert.equal(files[names['kb-engine.js']], `const WORKER_FILE = '${names['kb-worker.js']}';`);
  // The widget keeps its name (pages embed it) and points at the hashed files.
  assert.equal(
    files['kb-widget.js'],
    `const ENGINE_FILE = '${names['kb-engine.js']}'; const STYLE_FILE = '${names['kb-widget.css']}';`,
  );
  // The plain names stay, with the same content, for hosts that load the engine by name.
  for (const [plain, hashed] of Object.entries(names)) assert.equal(files[plain], files[hashed]);

  // A new engine build changes the name of every file that leads to it, and only those.
  const next = hashAssets({ ...SOURCES, 'kb-core.wasm': 'wasm v2' }).names;
  for (const file of ['kb-core.wasm', 'kb-worker.js', 'kb-engine.js'])
    assert.notEqual(next[file], names[file], file);
  assert.equal(next['kb-widget.css'], names['kb-widget.css']);
  // The same content, the same names: a rebuild does not make returning visitors download again.
  assert.deepEqual(hashAssets(SOURCES).names, names);
});

test('a file that names a file the folder lacks fails the assembly', () => {
  assert.throws(() => hashAssets({ 'kb-worker.js': SOURCES['kb-worker.js'] }), /names kb-core\.wasm/);
});

let url, browser, server;
withSiteAndBrowser((site) => ({ url, browser, server } = site));

test('the demo server caches hashed names for a year and revalidates the rest', async () => {
  const manifest = JSON.parse(readFileSync(path.join(root, 'build/site/kb/manifest.json'), 'utf8'));
  const hashed = ['kb-engine.js', 'kb-worker.js', 'kb-core.wasm', 'kb-widget.css'].map(
    (f) => `/${siteAsset(f)}`,
  );
  for (const file of [...hashed, `/kb/${manifest.database}`]) {
    const r = await fetch(`${url}${file}`);
    assert.equal(r.status, 200, file);
    assert.equal(r.headers.get('cache-control'), YEAR, file);
  }
  for (const file of ['/kb-widget.js', '/kb/manifest.json', '/', '/kb-engine.js', '/kb-core.wasm']) {
    const r = await fetch(`${url}${file}`);
    assert.equal(r.headers.get('cache-control'), 'no-cache', file);
    const etag = r.headers.get('etag');
    assert.match(etag || '', /^"[0-9a-f]+-[0-9a-f]+"$/, file);
    const again = await fetch(`${url}${file}`, { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304, `${file} revalidates to a 304`);
    assert.equal(again.headers.get('etag'), etag);
    assert.equal((await again.arrayBuffer()).byteLength, 0);
  }
});

test('a returning visitor asks the server only whether the widget, the page and the manifest changed', async () => {
  const seen = [];
  const record = (req, res) =>
    res.on('finish', () => seen.push(`${res.statusCode} ${new URL(req.url, url).pathname}`));
  server.prependListener('request', record);
  const context = await browser.newContext({ locale: 'zh-CN' });
  try {
    const visit = async () => {
      seen.length = 0;
      const page = await context.newPage();
      await page.goto(`${url}/`);
      await page.evaluate(
        () =>
          new Promise((ready) => {
            window.KbWidget.instance.on('ready', ready);
            window.KbWidget.instance.open();
          }),
      );
      await page.close();
      return [...seen].sort();
    };
    const first = await visit();
    const engineFiles = ['kb-engine.js', 'kb-worker.js', 'kb-core.wasm', 'kb-widget.css'].map(
      (f) => `/${siteAsset(f)}`,
    );
    for (const file of engineFiles)
      assert.ok(first.includes(`200 ${file}`), `the first visit loads ${file}: ${first}`);

    const second = await visit();
    assert.deepEqual(
      second.filter((line) => !line.startsWith('304 ')),
      [],
      `only revalidations: ${second}`,
    );
    for (const file of engineFiles)
      assert.ok(!second.some((line) => line.endsWith(` ${file}`)), `${file} comes from the cache: ${second}`);
    for (const file of ['/', '/kb-widget.js', '/kb/manifest.json'])
      assert.ok(second.includes(`304 ${file}`), `${file} revalidated: ${second}`);
  } finally {
    server.removeListener('request', record);
    await context.close();
  }
});
