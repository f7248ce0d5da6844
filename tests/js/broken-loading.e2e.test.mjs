// Broken loading: a missing, outdated, truncated or corrupted index, a
// missing .wasm, and downloads that stall. The widget says that search is
// unavailable and still offers the hand-over; the agent console shows a clear
// error. Each fault is served by the real demo server, from a scratch folder
// or by holding a connection open, to the real widget and console in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, root, routeFixturePage, siteAsset, startServer } from './helpers.mjs';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'kb-broken-'));
const publicDir = path.join(root, 'build/site/kb');
const manifest = JSON.parse(readFileSync(path.join(publicDir, 'manifest.json'), 'utf8'));
const database = readFileSync(path.join(publicDir, manifest.database));

/** An index folder with this manifest and database bytes. */
function indexDir(name, manifestFields, bytes) {
  const dir = path.join(scratch, name);
  mkdirSync(dir, { recursive: true });
  if (manifestFields)
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ ...manifest, ...manifestFields }));
  if (bytes) writeFileSync(path.join(dir, manifest.database), bytes);
  return dir;
}

const garbage = Buffer.alloc(database.length, 0x5a);
// The engine's files as the widget loads them, under their content-hashed names.
const [engineFile, workerFile, wasmFile] = ['kb-engine.js', 'kb-worker.js', 'kb-core.wasm'].map((f) =>
  siteAsset(f),
);
const named = (file) => file.replace(/[.]/g, '\\.');
const FAULTS = [
  { name: 'no index (404)', mounts: { '/kb/': indexDir('missing') }, reason: /HTTP 404/ },
  {
    name: 'an index of another format',
    mounts: { '/kb/': indexDir('format', { format: 99 }, database) },
    reason: /format 99 is not supported/,
  },
  {
    name: 'a truncated index',
    mounts: { '/kb/': indexDir('truncated', {}, database.subarray(0, database.length >> 1)) },
    reason: /incomplete/,
  },
  {
    name: 'a corrupted index',
    mounts: { '/kb/': indexDir('corrupt', {}, garbage) },
    reason: /cannot open|index error|Database/i,
  },
  { name: 'no engine .wasm (404)', mounts: { [`/${wasmFile}`]: indexDir('no-wasm') }, reason: /./ },
];

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
});

async function withServer(mounts, fn, faults = {}) {
  const { server, url } = await startServer({
    mounts: { ...mounts, '/agent/': 'build/agent', '/': 'build/site' },
    faults,
  });
  try {
    await fn(url);
  } finally {
    server.close();
  }
}

/** The visitor asks; the widget says search is unavailable, logs `reason`, and a person is one click away. */
async function expectUnavailable(page, logged, reason) {
  await page.getByRole('button', { name: '打开在线客服' }).click();
  await page.getByRole('combobox', { name: '输入您的问题' }).fill('售后服务收费吗');
  await page.keyboard.press('Enter');
  const reply = page.locator('[data-kb-widget] .msg.bot', { hasText: '知识库加载失败' });
  await reply.waitFor({ timeout: 20000 });
  assert.equal(
    await page.locator('[data-kb-widget] .msg.bot[data-entry-id]').count(),
    0,
    'no answer from a broken index',
  );
  // The cause is logged for the site owner, never shown as a stack to the visitor.
  assert.ok(
    logged.some((line) => /KbWidget/.test(line) && reason.test(line)),
    logged.join('\n'),
  );
  assert.ok(!logged.some((line) => line.startsWith('page error')), logged.join('\n'));
  await reply.getByRole('button', { name: '转人工客服' }).click();
  await page.locator('[data-kb-widget] .handover').waitFor();
}

async function loggingPage() {
  const page = await browser.newPage({ locale: 'zh-CN' });
  const logged = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') logged.push(msg.text());
  });
  page.on('pageerror', (err) => logged.push(`page error: ${err.message}`));
  return { page, logged };
}

for (const fault of FAULTS) {
  test(`widget, ${fault.name}: search is unavailable, and a person is still one click away`, async () => {
    await withServer(fault.mounts, async (url) => {
      const { page, logged } = await loggingPage();
      await page.goto(`${url}/`);
      await expectUnavailable(page, logged, fault.reason);
      await page.close();
    });
  });
}

// A server that accepts the connection and then sends nothing, or stops
// halfway: the widget gives up after its loadTimeout (2 s here) without a byte.
const STALLS = [
  {
    name: 'kb-engine.js',
    path: `/${engineFile}`,
    fault: 'silent',
    reason: new RegExp(`could not load .*${named(engineFile)}: no reply in 2 s`),
  },
  {
    name: 'the worker',
    path: `/${workerFile}`,
    fault: 'silent',
    reason: new RegExp(`could not start .*${named(workerFile)}: no reply in 2 s`),
  },
  {
    name: 'the .wasm',
    path: `/${wasmFile}`,
    fault: 'silent',
    reason: new RegExp(`could not download .*${named(wasmFile)}: no data for 2 s`),
  },
  {
    name: 'the manifest',
    path: '/kb/manifest.json',
    fault: 'silent',
    reason: /could not download .*manifest\.json: no data for 2 s/,
  },
  {
    name: 'the index, halfway',
    path: `/kb/${manifest.database}`,
    fault: 'stall',
    reason: /could not download .*\.db: no data for 2 s/,
  },
];

for (const stall of STALLS) {
  test(`widget, ${stall.name} stalls: after loadTimeout search is unavailable, and a person is one click away`, async () => {
    await withServer(
      {},
      async (url) => {
        const { page, logged } = await loggingPage();
        await routeFixturePage(page, url, 'stall', {
          body: '<script src="kb-widget.js" data-index="kb/" data-load-timeout="2" data-webhook="/demo-webhook" data-phone="400-000-0000"></script>',
        });
        await page.goto(`${url}/stall.html`);
        await expectUnavailable(page, logged, stall.reason);
        await page.close();
      },
      { [stall.path]: stall.fault },
    );
  });
}

test(
  'agent console, the index stalls: a clear error after 15 s without data',
  { timeout: 60000 },
  async () => {
    await withServer(
      {},
      async (url) => {
        const page = await browser.newPage({ locale: 'zh-CN' });
        await page.goto(`${url}/agent/`);
        await page.waitForSelector('body[data-ready="error"]', { timeout: 30000 });
        assert.match(
          await page.getByRole('alert').innerText(),
          /知识库加载失败[\s\S]*manifest\.json: no data for 15 s/,
        );
        await page.close();
      },
      { '/agent/kb/manifest.json': 'silent' },
    );
  },
);

for (const fault of FAULTS.filter((f) => f.mounts['/kb/'])) {
  test(`agent console, ${fault.name}: a clear error`, async () => {
    await withServer({ '/agent/kb/': fault.mounts['/kb/'] }, async (url) => {
      const page = await browser.newPage({ locale: 'zh-CN' });
      await page.goto(`${url}/agent/`);
      await page.waitForSelector('body[data-ready="error"]', { timeout: 20000 });
      const alert = page.getByRole('alert');
      const text = await alert.innerText();
      assert.match(text, /知识库加载失败/);
      assert.match(text, fault.reason);
      await page.close();
    });
  });
}
