// An editor saves a file; kb-indexer watch rebuilds; an open page answers from
// the new index without a reload. And what the widget could not answer is
// kept for editors, without personal data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { indexer, launchBrowser, root, routeFixturePage, runIndexer, startServer } from './helpers.mjs';

let dir, content, out, server, url, analytics, browser;
before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kb-live-'));
  content = path.join(dir, 'content');
  out = path.join(dir, 'out');
  cpSync(path.join(root, 'kb-content'), content, { recursive: true });
  assert.equal(runIndexer(['build', content, '--out', out]).code, 0);
  ({ server, url, analytics } = await startServer({
    mounts: { '/kb/': path.join(out, 'public'), '/': 'build/site' },
  }));
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function widgetPage() {
  const page = await browser.newPage({ locale: 'zh-CN' });
  await routeFixturePage(page, url, 'live', {
    body: '<script src="kb-widget.js" data-auto-init="false"></script>',
    script: `window.updates = []; window.loadedOnce = true;
      window.widget = KbWidget.init({ index: 'kb/', phone: '400-000-0000', indexRefresh: 1, analyticsUrl: '/demo-analytics' });
      window.widget.on('updated', (info) => window.updates.push(info.manifest.content_hash));`,
  });
  await page.goto(`${url}/live.html`);
  await page.evaluate(() => window.widget.open());
  return page;
}

async function ask(page, question) {
  const before = await page.locator('[data-kb-widget] .msg.bot').count();
  const box = page.getByRole('combobox', { name: '输入您的问题' });
  await box.fill(question);
  await box.press('Enter');
  await page.waitForFunction(
    (n) => document.querySelector('[data-kb-widget]').shadowRoot.querySelectorAll('.msg.bot').length > n,
    before,
    { timeout: 20000 },
  );
  return page.locator('[data-kb-widget] .msg.bot').last();
}

test('a saved edit reaches an open page without a reload', async () => {
  const watch = spawn(indexer, ['watch', content, '--out', out, '--interval', '100'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  watch.stderr.on('data', (d) => {
    log += d;
  });
  try {
    for (let i = 0; i < 100 && !/watching for changes/.test(log); i++)
      await new Promise((r) => setTimeout(r, 50));
    const page = await widgetPage();
    assert.match(await (await ask(page, '售后服务收费吗')).innerText(), /在服务期内，售后服务不收费/);

    const fees = path.join(content, 'faq', 'after-sales-fees.md');
    writeFileSync(
      fees,
      readFileSync(fees, 'utf8').replace('在服务期内，售后服务不收费', '在服务期内，售后服务一律免费'),
    );
    await page.waitForFunction(() => window.updates.length > 0, null, { timeout: 20000 });
    assert.match(await (await ask(page, '售后服务收费吗')).innerText(), /售后服务一律免费/);
    assert.equal(await page.evaluate(() => window.loadedOnce), true, 'the same page, never reloaded');
    assert.equal(
      await page.locator('[data-kb-widget] .msg.user').count(),
      2,
      'the conversation is still there',
    );
    await page.close();
  } finally {
    watch.kill('SIGINT');
  }
});

test('unanswered questions are kept locally and posted without personal data', async () => {
  analytics.length = 0;
  const page = await widgetPage();
  await ask(page, '你们卖不卖二手电脑');
  await ask(page, '我的手机是 138-0000-1111，邮箱 wang@example.com，发票怎么开');
  const answer = await ask(page, '售后服务收费吗');
  await answer.getByRole('button', { name: '没有帮助' }).click();
  await page.waitForFunction(() => window.widget.unanswered().length === 3);
  const kept = await page.evaluate(() => window.widget.unanswered());
  assert.deepEqual(
    kept.map((k) => [k.question, k.reason]),
    [
      ['你们卖不卖二手电脑', 'no-match'],
      ['我的手机是 [number]，邮箱 [email]，发票怎么开', 'no-match'],
      ['售后服务收费吗', 'thumbs-down'],
    ],
  );
  assert.equal(kept[2].entryId, 'after-sales-fees');
  assert.deepEqual(Object.keys(kept[0]).sort(), ['day', 'lang', 'page', 'question', 'reason']);
  for (let i = 0; i < 50 && analytics.length < 3; i++) await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(analytics, kept, 'the analytics endpoint gets the same records');
  assert.ok(!JSON.stringify(analytics).includes('1111') && !JSON.stringify(analytics).includes('wang@'));
  await page.close();
});
