// The engine's start-up in Chromium: the page fetches the index's manifest
// while the worker script downloads, and once the index is open the worker
// warms the engine's code with a question of its own, which no visitor sees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openEnginePage, openSitePage, siteAsset, startServer, withSiteAndBrowser } from './helpers.mjs';

let url, browser, analytics;
withSiteAndBrowser((site) => ({ url, browser, analytics } = site));

/** The engine's stats once `done(stats)` holds, or after `timeout` ms. */
async function statsWhen(page, done, timeout = 10000) {
  const until = Date.now() + timeout;
  for (;;) {
    const stats = await page.evaluate(() => window.engine.stats());
    if (done(stats) || Date.now() > until) return stats;
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('once the index is open the engine warms up by itself', async () => {
  const page = await openEnginePage(browser, url);
  await page.evaluate(() => {
    window.engine = window[Symbol.for('kb-engine')].create({ index: 'kb/' });
    return window.engine.ready;
  });
  const stats = await statsWhen(page, (s) => s.warmedUp);
  assert.equal(stats.warmedUp, true, 'the engine ran its own question');
  assert.equal(stats.mode, 'memory');
  await page.close();
});

test('a question sent before the index opened is answered, and the engine is warm after it', async () => {
  const page = await openEnginePage(browser, url);
  const reply = await page.evaluate(() => {
    window.engine = window[Symbol.for('kb-engine')].create({ index: 'kb/' });
    return window.engine.ask('售后服务收费吗'); // sent before the index opened
  });
  assert.equal(reply.decision, 'answer');
  assert.equal(reply.answer.id, 'after-sales-fees');
  assert.equal((await statsWhen(page, (s) => s.warmedUp)).warmedUp, true);
  await page.close();
});

test('a database read by range requests is not warmed up: no block is fetched for it', async () => {
  const page = await openEnginePage(browser, url);
  const opened = await page.evaluate(async () => {
    window.engine = window[Symbol.for('kb-engine')].create({ index: '/agent/kb/', lazyAbove: 0 });
    await window.engine.ready;
    return window.engine.stats();
  });
  assert.equal(opened.mode, 'ranges');
  await page.waitForTimeout(1000);
  const later = await page.evaluate(() => window.engine.stats());
  assert.equal(later.warmedUp, false);
  assert.equal(later.requests, opened.requests, 'no range request after the database opened');
  await page.close();
});

test('the widget shows, sends and keeps nothing of the warm-up', async () => {
  analytics.length = 0;
  const { page, problems } = await openSitePage(browser, url);
  const events = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const seen = [];
        for (const name of ['answer', 'escalate', 'feedback'])
          window.KbWidget.instance.on(name, () => seen.push(name));
        window.KbWidget.instance.on('ready', () => setTimeout(() => resolve(seen), 1500));
        window.KbWidget.instance.open();
      }),
  );
  assert.deepEqual(events, []);
  const shadow = page.locator('[data-kb-widget]');
  assert.equal(await shadow.locator('.msg').count(), 1, 'the greeting only');
  assert.equal(await page.evaluate(() => localStorage.getItem('kb-widget:unanswered')), null);
  assert.deepEqual(analytics, []);
  assert.deepEqual(problems, []);
  await page.close();
});

/** The demo server with one path answered `ms` late; `log` lists each request asked and sent, in order. */
async function serverWithSlowPath(slowPath, ms) {
  const site = await startServer();
  const log = [];
  const [serve] = site.server.listeners('request');
  site.server.removeAllListeners('request');
  site.server.on('request', (req, res) => {
    const file = new URL(req.url, site.url).pathname;
    log.push(`asked ${file}`);
    res.on('finish', () => log.push(`sent ${file}`));
    if (file === slowPath) setTimeout(() => serve(req, res), ms);
    else serve(req, res);
  });
  return { ...site, log };
}

test('the page fetches the manifest while the worker script downloads; the worker does not fetch it again', async () => {
  // The worker script takes half a second to come: the manifest must not wait for it.
  const worker = `/${siteAsset('kb-worker.js')}`;
  const { server, url: slowUrl, log } = await serverWithSlowPath(worker, 500);
  try {
    const page = await openEnginePage(browser, slowUrl);
    log.length = 0;
    const info = await page.evaluate(() => window[Symbol.for('kb-engine')].create({ index: 'kb/' }).ready);
    assert.ok(info.entries > 0);
    assert.equal(log.filter((line) => line === 'asked /kb/manifest.json').length, 1, log.join('\n'));
    assert.ok(log.indexOf('asked /kb/manifest.json') < log.indexOf(`sent ${worker}`), log.join('\n'));
    await page.close();
  } finally {
    server.close();
  }
});

test('a manifest slower than the worker script is still fetched once, and no request is cut off', async () => {
  const { server, url: slowUrl, log } = await serverWithSlowPath('/kb/manifest.json', 500);
  try {
    const page = await openEnginePage(browser, slowUrl);
    const failed = [];
    page.on('requestfailed', (req) => failed.push(req.url()));
    log.length = 0;
    const info = await page.evaluate(() => window[Symbol.for('kb-engine')].create({ index: 'kb/' }).ready);
    assert.ok(info.entries > 0);
    assert.equal(log.filter((line) => line === 'asked /kb/manifest.json').length, 1, log.join('\n'));
    assert.deepEqual(failed, []);
    await page.close();
  } finally {
    server.close();
  }
});
