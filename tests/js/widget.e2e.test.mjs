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

// The UI follows navigator.language; most tests browse as a zh-CN visitor.
async function openPage(locale = 'zh-CN') {
  const page = await browser.newPage({ locale });
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
  const { page, problems, requests } = await openPage('zh-CN');
  await page.waitForLoadState('networkidle');
  assert.ok(!requests.some((u) => /kb-core\.wasm|kb\.db/.test(u)), 'nothing heavy before intent');
  await page.getByRole('button', { name: '打开在线客服' }).hover();
  await page.waitForRequest(/kb\.db$/, { timeout: 20000 });
  assert.deepEqual(problems, []);
  await page.close();
});

test('popular questions, related entries and feedback work by click alone', async () => {
  const { page, problems } = await openPage();
  await page.getByRole('button', { name: '打开在线客服' }).click();
  const events = [];
  await page.exposeFunction('recordEvent', (name, detail) => events.push({ name, detail }));
  await page.evaluate(() => {
    window.KbWidget.instance.on('feedback', (d) => window.recordEvent('feedback', d));
    window.KbWidget.instance.on('escalate', (d) => window.recordEvent('escalate', d));
  });
  await page.getByRole('button', { name: '售后服务收费吗？' }).click();
  const first = page.locator('[data-kb-widget] .msg.bot[data-entry-id="after-sales-fees"]');
  await first.waitFor({ timeout: 20000 });

  const related = first.getByRole('group', { name: '相关问题' }).getByRole('button').first();
  await related.waitFor();
  const relatedTitle = await related.innerText();
  await related.click();
  const second = page.locator('[data-kb-widget] .msg.bot[data-entry-id]').nth(1);
  await second.waitFor();
  assert.match(await second.innerText(), new RegExp(relatedTitle.replace(/[？?]/g, '.')));

  await first.getByRole('button', { name: '没有帮助' }).click();
  await page.getByText('抱歉没能帮到您').waitFor();
  assert.deepEqual(events.map((e) => e.name), ['feedback', 'escalate']);
  assert.deepEqual(events[0].detail, { id: 'after-sales-fees', helpful: false });
  assert.ok(await page.locator('[data-kb-widget] .msg.bot a.human').last().isVisible(), 'a way to a person is offered');
  assert.deepEqual(problems, []);
  await page.close();
});

for (const [locale, open, input] of [['zh-TW', '開啟線上客服', '輸入您的問題'], ['en-GB', 'Open support chat', 'Your question']]) {
  test(`the UI speaks ${locale} while answers stay in the knowledge base's language`, async () => {
    const { page, problems } = await openPage(locale);
    await page.getByRole('button', { name: open }).click();
    const box = page.getByRole('textbox', { name: input });
    await box.fill('售後服務要收費嗎');
    await box.press('Enter');
    const answer = page.locator('[data-kb-widget] .msg.bot[data-entry-id="after-sales-fees"]');
    await answer.waitFor({ timeout: 20000 });
    assert.match(await answer.innerText(), /服务期内/);
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('axe-core finds no violations in the open widget', async () => {
  const { readFileSync } = await import('node:fs');
  const { createRequire } = await import('node:module');
  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // axe is injected by the test, not by the page, so the page's CSP is bypassed for it.
  const context = await browser.newContext({ locale: 'zh-CN', bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${url}/`);
  await page.getByRole('button', { name: '打开在线客服' }).click();
  const box = page.getByRole('textbox', { name: '输入您的问题' });
  await box.fill('售后服务收费吗');
  await box.press('Enter');
  await page.locator('[data-kb-widget] .msg.bot[data-entry-id]').waitFor({ timeout: 20000 });
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() => window.axe.run('[data-kb-widget]'));
  const violations = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(violations, []);
  await context.close();
});

test('keyboard alone: open, ask, close with Escape, focus back on the launcher', async () => {
  const { page, problems } = await openPage();
  await page.locator('[data-kb-widget]').evaluate((host) => host.shadowRoot.querySelector('.launcher').focus());
  await page.keyboard.press('Enter');
  await page.keyboard.type('售后服务收费吗');  // focus moved to the input on open
  await page.keyboard.press('Enter');
  await page.locator('[data-kb-widget] .msg.bot[data-entry-id]').waitFor({ timeout: 20000 });
  await page.keyboard.press('Escape');
  assert.equal(await page.getByRole('dialog').count(), 0, 'the panel is closed');
  const focused = await page.locator('[data-kb-widget]').evaluate((host) => host.shadowRoot.activeElement?.className);
  assert.equal(focused, 'launcher');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the conversation survives navigation on the site and can be cleared', async () => {
  const { page, problems } = await openPage();
  await page.getByRole('button', { name: '打开在线客服' }).click();
  const box = page.getByRole('textbox', { name: '输入您的问题' });
  await box.fill('售后服务收费吗');
  await box.press('Enter');
  await page.locator('[data-kb-widget] .msg.bot[data-entry-id]').waitFor({ timeout: 20000 });
  await page.goto(`${url}/policy.html`);
  await page.getByRole('button', { name: '打开在线客服' }).click();
  const log = page.getByRole('log');
  await log.locator('.msg.user', { hasText: '售后服务收费吗' }).waitFor();
  assert.equal(await log.locator('.msg.bot[data-entry-id="after-sales-fees"]').count(), 1);
  await page.getByRole('button', { name: '清空' }).click();
  assert.equal(await log.locator('.msg.user').count(), 0);
  await page.reload();
  await page.getByRole('button', { name: '打开在线客服' }).click();
  assert.equal(await page.getByRole('log').locator('.msg.user').count(), 0, 'cleared for good');
  assert.deepEqual(problems, []);
  await page.close();
});

test('on a phone the panel fills the screen and still answers', async () => {
  // Reduced motion: the panel appears without its slide-in, so it can be measured at once.
  const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 390, height: 780 }, isMobile: true,
    hasTouch: true, reducedMotion: 'reduce' });
  await page.goto(`${url}/`);
  await page.getByRole('button', { name: '打开在线客服' }).tap();
  const box = await page.getByRole('dialog').boundingBox();
  assert.deepEqual([box.x, box.y, box.width, box.height].map(Math.round), [0, 0, 390, 780]);
  const input = page.getByRole('textbox', { name: '输入您的问题' });
  await input.fill('售后服务收费吗');
  await input.press('Enter');
  await page.locator('[data-kb-widget] .msg.bot[data-entry-id]').waitFor({ timeout: 20000 });
  await page.getByRole('dialog').getByRole('button', { name: '关闭在线客服' }).tap();
  assert.equal(await page.getByRole('dialog').count(), 0);
  await page.close();
});
