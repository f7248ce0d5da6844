// DOM clobbering: a host page's markup (ids and names, e.g. from its own
// user content) creates window and document properties. The widget must keep
// working, and keep its configuration, whatever they are called.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { routeFixturePage, withSiteAndBrowser } from './helpers.mjs';

let url, browser;
withSiteAndBrowser((site) => ({ url, browser } = site));

test('elements named KbEngine, KbWidget, KbHtml, currentScript neither break nor steer the widget', async () => {
  const page = await browser.newPage({ locale: 'zh-CN' });
  const requests = [];
  page.on('request', (req) => requests.push(new URL(req.url()).pathname));
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await routeFixturePage(page, url, 'clobbered', {
    body:
      '<a id="KbEngine" href="#">KbEngine</a><div id="KbWidget"></div><div id="KbHtml"></div>' +
      // Would make the widget read its settings and its base address from this image.
      '<img name="currentScript" alt="" src="/elsewhere/pixel.png" ' +
      'data-webhook="https://collector.example/steal">' +
      '<script src="kb-widget.js" data-index="kb/" data-phone="400-800-8000"></script>',
  });
  await page.goto(`${url}/clobbered.html`);
  await page.getByRole('button', { name: '打开在线客服' }).click();
  await page.getByRole('combobox', { name: '输入您的问题' }).fill('售后服务收费吗');
  await page.keyboard.press('Enter');
  const answer = page.locator('[data-kb-widget] .msg.bot[data-entry-id="after-sales-fees"]');
  await answer.waitFor({ timeout: 20000 });
  assert.match(await answer.innerText(), /收费/);
  assert.equal(await page.evaluate(() => typeof window.KbWidget.init), 'function');
  assert.equal(await page.evaluate(() => Boolean(window.KbWidget.instance)), true);
  // The hand-over card offers the page's phone, and no form for a webhook the page never configured.
  await page.getByRole('dialog').getByRole('button', { name: '转人工客服' }).click();
  const card = page.locator('[data-kb-widget] .handover').last();
  await card.getByRole('link', { name: '拨打电话 400-800-8000' }).waitFor();
  assert.equal(await card.locator('form').count(), 0);
  assert.deepEqual(
    requests.filter((p) => p.startsWith('/elsewhere/') && p !== '/elsewhere/pixel.png'),
    [],
  );
  assert.deepEqual(errors, []);
  await page.close();
});

test('the bundled widget adds one global, and answers on a page whose markup takes its names', async () => {
  const page = await browser.newPage({ locale: 'zh-CN' });
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  // The window's own names before any script of the page runs, kept under a symbol.
  await page.addInitScript(() => {
    window[Symbol.for('kb-test-globals')] = new Set(Object.getOwnPropertyNames(window));
  });
  const added = () =>
    page.evaluate(() =>
      Object.getOwnPropertyNames(window)
        .filter((name) => !window[Symbol.for('kb-test-globals')].has(name))
        .sort(),
    );
  await routeFixturePage(page, url, 'clobbered-bundle', {
    body:
      '<div id="KbEngine"></div><div id="KbWidget"></div><img name="KbHtml" alt="">' +
      // Would replace the document methods that entry text is built with.
      '<form name="createElement"></form><img name="createTextNode" alt=""><img name="createDocumentFragment" alt="">' +
      '<script src="kb-widget.js" data-index="kb/" data-phone="400-800-8000"></script>',
  });
  await page.goto(`${url}/clobbered-bundle.html`);
  await page.locator('[data-kb-widget]').waitFor({ state: 'attached' });
  assert.deepEqual(await added(), ['KbWidget'], 'before intent, the widget is all there is');
  assert.equal(
    await page.evaluate(() => document.KbHtml instanceof HTMLImageElement),
    true,
    'the page keeps its names',
  );

  await page.getByRole('button', { name: '打开在线客服' }).click();
  await page.getByRole('combobox', { name: '输入您的问题' }).fill('售后服务收费吗');
  await page.keyboard.press('Enter');
  const answer = page.locator('[data-kb-widget] .msg.bot[data-entry-id="after-sales-fees"]');
  await answer.waitFor({ timeout: 20000 });
  assert.match(await answer.locator('.kb-text').innerText(), /收费/);
  // Loading the engine adds no global: it registers under its symbol.
  assert.deepEqual(await added(), ['KbWidget']);
  assert.equal(await page.evaluate(() => typeof window[Symbol.for('kb-engine')].create), 'function');
  assert.deepEqual(errors, []);
  await page.close();
});
