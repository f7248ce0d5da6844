// The real widget on the real demo page in Debian's headless Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSitePage, routeFixturePage, withSiteAndBrowser } from './helpers.mjs';

let url, browser;
withSiteAndBrowser((site) => ({ url, browser } = site));

// The UI follows navigator.language; most tests browse as a zh-CN visitor.
const openPage = (locale = 'zh-CN') => openSitePage(browser, url, { locale });

test('a visitor asks about after-sales fees and gets the knowledge-base answer', async () => {
  const { page, problems } = await openPage();
  const launcher = page.getByRole('button', { name: '打开在线客服' });
  await launcher.click();
  const input = page.getByRole('combobox', { name: '输入您的问题' });
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
  assert.ok(!requests.some((u) => /kb-(core|worker|engine)\.|\.db$/.test(u)), 'nothing heavy before intent');
  await page.getByRole('button', { name: '打开在线客服' }).hover();
  await page.waitForRequest(/\/kb\/kb\.[0-9a-f]+\.db$/, { timeout: 20000 });
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
  assert.deepEqual(
    events.map((e) => e.name),
    ['feedback', 'escalate'],
  );
  assert.deepEqual(events[0].detail, { id: 'after-sales-fees', helpful: false });
  const offer = page.locator('[data-kb-widget] .msg.bot').last().getByRole('button', { name: '转人工客服' });
  assert.ok(await offer.isVisible(), 'a way to a person is offered');
  await offer.click();
  await page.locator('[data-kb-widget] .handover').waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test('when unsure it asks "您是不是想问", and a candidate click answers', async () => {
  const { page, problems } = await openPage();
  await page.getByRole('button', { name: '打开在线客服' }).click();
  const box = page.getByRole('combobox', { name: '输入您的问题' });
  await box.fill('收费');
  await box.press('Enter');
  const unsure = page.locator('[data-kb-widget] .msg.bot', { hasText: '您是不是想问' });
  await unsure.waitFor({ timeout: 20000 });
  const candidates = unsure.getByRole('button');
  const count = await candidates.count();
  assert.ok(count >= 2 && count <= 3, `${count} candidates`);
  assert.ok(
    await page.getByRole('dialog').getByRole('button', { name: '转人工客服' }).isVisible(),
    'a person is one click away',
  );
  const title = await candidates.filter({ hasText: '售后服务收费吗' }).innerText();
  await candidates.filter({ hasText: '售后服务收费吗' }).click();
  await page.locator('[data-kb-widget] .msg.bot[data-entry-id="after-sales-fees"]').waitFor();
  assert.equal(await page.locator('[data-kb-widget] .msg.user').last().innerText(), title);
  assert.deepEqual(problems, []);
  await page.close();
});

test('type-ahead suggests FAQ questions, and a stale reply never replaces a newer one', async () => {
  const { page, problems } = await openPage();
  await page.getByRole('button', { name: '打开在线客服' }).click();
  await page.waitForFunction(() => window[Symbol.for('kb-engine')]);
  // The real engine, with its reply to "上门" held back so it arrives after the reply to the newer query.
  await page.evaluate(() => {
    const search = window[Symbol.for('kb-engine')].prototype.search;
    window[Symbol.for('kb-engine')].prototype.search = function (query, options) {
      const reply = search.call(this, query, options);
      return query === '上门'
        ? reply.then(
            (r) =>
              new Promise((done) =>
                setTimeout(() => {
                  window.staleDone = true;
                  done(r);
                }, 1200),
              ),
          )
        : reply;
    };
  });
  const box = page.getByRole('combobox', { name: '输入您的问题' });
  await box.fill('上门');
  await page.waitForTimeout(400); // past the debounce: the "上门" search is on its way
  await box.fill('投诉');
  const options = page.getByRole('listbox', { name: '推荐问题' }).getByRole('option');
  await options.first().waitFor();
  await page.waitForFunction(() => window.staleDone);
  await page.waitForTimeout(100);
  const titles = await options.allInnerTexts();
  assert.ok(titles.length >= 1 && titles.length <= 5, titles.join(' / '));
  assert.ok(
    titles.some((t) => t.includes('投诉')),
    `suggestions for the newest query: ${titles.join(' / ')}`,
  );
  assert.ok(!titles.some((t) => t.includes('上门')), `no stale suggestion: ${titles.join(' / ')}`);
  assert.equal(await box.getAttribute('aria-expanded'), 'true');

  await box.press('ArrowDown');
  assert.equal(await box.getAttribute('aria-activedescendant'), 'kb-typeahead-0');
  await box.press('Enter');
  await page.locator('[data-kb-widget] .msg.user', { hasText: titles[0] }).waitFor();
  await page.locator('[data-kb-widget] .msg.bot[data-entry-id]').waitFor();
  assert.equal(await page.getByRole('listbox').count(), 0, 'the suggestions close once one is picked');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a strict CSP page: no eval, no inline code, nothing blocked', async () => {
  const page = await browser.newPage({ locale: 'zh-CN' });
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`),
    );
  });
  const response = await page.goto(`${url}/`);
  assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval';/);
  await page.getByRole('button', { name: '打开在线客服' }).click();
  const box = page.getByRole('combobox', { name: '输入您的问题' });
  await box.fill('售后服务收费吗');
  await box.press('Enter');
  await page.locator('[data-kb-widget] .msg.bot[data-entry-id]').waitFor({ timeout: 20000 });
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  await page.close();
});

test('a bad configuration fails loudly and names every mistake', async () => {
  const page = await browser.newPage({ locale: 'zh-CN' });
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  await routeFixturePage(page, url, 'bad-config', {
    body: '<script src="kb-widget.js" data-auto-init="false"></script>',
    script: `try {
      KbWidget.init({ index: 'kb/', phone: 'call me', businessHours: 'weekdays 9-5', timeZone: 'Mars/Olympus', colour: 'red' });
    } catch (err) { document.title = 'threw'; console.error(err.message); }`,
  });
  await page.goto(`${url}/bad-config.html`);
  await page.waitForFunction(() => document.title === 'threw');
  assert.equal(errors.length, 1);
  for (const part of [
    'bad configuration',
    'unknown option(s) colour',
    'phone "call me"',
    'timeZone "Mars/Olympus"',
  ]) {
    assert.ok(errors[0].includes(part), `${part} in ${errors[0]}`);
  }
  assert.equal(await page.locator('[data-kb-widget]').count(), 0, 'no half-configured widget');

  // The one-tag form: the same checks, reported on the console.
  await routeFixturePage(page, url, 'no-human', {
    body: '<script src="kb-widget.js" data-index="kb/" data-business-hours="mon-fri 18:00-09:00"></script>',
  });
  errors.length = 0;
  await page.goto(`${url}/no-human.html`);
  await page.waitForLoadState('load');
  assert.equal(errors.length, 1);
  assert.match(errors[0], /no way to reach a person/);
  assert.match(errors[0], /must close after it opens/);
  await page.close();
});

const UI = [
  [
    'zh-TW',
    '開啟線上客服',
    '輸入您的問題',
    '轉真人客服',
    '現在不是真人客服服務時間（週一至週五 09:00–18:00，GMT+8）',
  ],
  [
    'en-GB',
    'Open support chat',
    'Your question',
    'Talk to a person',
    'Our agents are away right now (Mon–Fri 09:00–18:00, GMT+8)',
  ],
];
for (const [locale, open, input, human, away] of UI) {
  test(`the UI speaks ${locale} while answers stay in the knowledge base's language`, async () => {
    // A Saturday morning in Shanghai: outside the demo's business hours.
    const { page, problems } = await openSitePage(browser, url, {
      locale,
      lang: locale,
      time: '2026-11-28T02:00:00Z',
    });
    await page.getByRole('button', { name: open }).click();
    const box = page.getByRole('combobox', { name: input });
    await box.fill('售後服務要收費嗎');
    await box.press('Enter');
    const answer = page.locator('[data-kb-widget] .msg.bot[data-entry-id="after-sales-fees"]');
    await answer.waitFor({ timeout: 20000 });
    assert.match(await answer.innerText(), /服务期内/);
    await page.getByRole('dialog').getByRole('button', { name: human }).first().click();
    assert.ok((await page.locator('[data-kb-widget] .handover-title').innerText()).startsWith(away));
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
  const box = page.getByRole('combobox', { name: '输入您的问题' });
  await box.fill('售后服务收费吗');
  await box.press('Enter');
  await page.locator('[data-kb-widget] .msg.bot[data-entry-id]').waitFor({ timeout: 20000 });
  // The hand-over card too, with its form showing validation errors, and the type-ahead list open.
  await page.getByRole('dialog').getByRole('button', { name: '转人工客服' }).click();
  await page.getByRole('button', { name: '提交留言' }).click();
  await box.fill('上门');
  await page.getByRole('listbox').getByRole('option').first().waitFor();
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() => window.axe.run('[data-kb-widget]'));
  const violations = result.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  assert.deepEqual(violations, []);
  await context.close();
});

test('keyboard alone: open, ask, close with Escape, focus back on the launcher', async () => {
  const { page, problems } = await openPage();
  await page
    .locator('[data-kb-widget]')
    .evaluate((host) => host.shadowRoot.querySelector('.launcher').focus());
  await page.keyboard.press('Enter');
  await page.keyboard.type('售后服务收费吗'); // focus moved to the input on open
  await page.keyboard.press('Enter');
  await page.locator('[data-kb-widget] .msg.bot[data-entry-id]').waitFor({ timeout: 20000 });
  await page.keyboard.press('Escape');
  assert.equal(await page.getByRole('dialog').count(), 0, 'the panel is closed');
  const focused = await page
    .locator('[data-kb-widget]')
    .evaluate((host) => host.shadowRoot.activeElement?.className);
  assert.equal(focused, 'launcher');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the conversation survives navigation on the site and can be cleared', async () => {
  const { page, problems } = await openPage();
  await page.getByRole('button', { name: '打开在线客服' }).click();
  const box = page.getByRole('combobox', { name: '输入您的问题' });
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
  const page = await browser.newPage({
    locale: 'zh-CN',
    viewport: { width: 390, height: 780 },
    isMobile: true,
    hasTouch: true,
    reducedMotion: 'reduce',
  });
  await page.goto(`${url}/`);
  await page.getByRole('button', { name: '打开在线客服' }).tap();
  const box = await page.getByRole('dialog').boundingBox();
  assert.deepEqual([box.x, box.y, box.width, box.height].map(Math.round), [0, 0, 390, 780]);
  const input = page.getByRole('combobox', { name: '输入您的问题' });
  await input.fill('售后服务收费吗');
  await input.press('Enter');
  await page.locator('[data-kb-widget] .msg.bot[data-entry-id]').waitFor({ timeout: 20000 });
  await page.getByRole('dialog').getByRole('button', { name: '关闭在线客服' }).tap();
  assert.equal(await page.getByRole('dialog').count(), 0);
  await page.close();
});
