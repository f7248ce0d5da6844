// The real widget on the real demo page in Debian's headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, startServer } from './helpers.mjs';

let server, url, browser;
before(async () => {
  ({ server, url } = await startServer());
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  server?.close();
});

async function openPage() {
  const page = await browser.newPage();
  const problems = [];
  const requests = [];
  page.on('request', (req) => requests.push(req.url()));
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(msg.text()); });
  page.on('pageerror', (err) => problems.push(err.message));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()}`));
  page.on('response', (res) => { if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`); });
  await page.goto(`${url}/`);
  return { page, problems, requests };
}

test('a visitor asks about after-sales fees and gets the knowledge-base answer', async () => {
  const { page, problems } = await openPage();
  const launcher = page.getByRole('button', { name: '打开在线客服' });
  await launcher.click();
  const input = page.getByRole('textbox', { name: '输入您的问题' });
  await input.fill('售后服务收费吗');
  await input.press('Enter');
  const answer = page.locator('[data-kb-widget] .msg.bot[data-entry-id]').first();
  await answer.waitFor({ timeout: 20000 });
  assert.match(await answer.innerText(), /收费/);
  assert.equal(await page.getByRole('log').count(), 1);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the engine loads only after the visitor shows intent', async () => {
  const { page, problems, requests } = await openPage();
  await page.waitForLoadState('networkidle');
  assert.ok(!requests.some((u) => /kb-core\.wasm|kb\.db/.test(u)), 'nothing heavy before intent');
  await page.getByRole('button', { name: '打开在线客服' }).hover();
  await page.waitForRequest(/kb\.db$/, { timeout: 20000 });
  assert.deepEqual(problems, []);
  await page.close();
});
