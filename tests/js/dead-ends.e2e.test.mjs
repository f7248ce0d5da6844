// Dead ends a visitor could hit in the widget, in Debian's Chromium: no way to
// a person outside business hours, a transfer promised where there is only a
// form, invalid fields left unmarked, a reload that closes the conversation,
// and answers that cannot give the site's own phone number.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSitePage, root, routeFixturePage, runIndexer, withSiteAndBrowser } from './helpers.mjs';

// An index with an entry that names the site's phone, email and hours as {{placeholders}}.
const fixtureIndex = mkdtempSync(path.join(os.tmpdir(), 'kb-placeholders-'));
const built = runIndexer(['build', path.join(root, 'tests/fixtures/placeholders'), '--out', fixtureIndex]);
assert.equal(built.code, 0, built.stderr);

let url, browser;
withSiteAndBrowser((site) => ({ url, browser } = site), {
  mounts: { '/fixture-kb/': path.join(fixtureIndex, 'public'), '/': 'build/site' },
});

const WEDNESDAY_11AM = '2026-11-25T03:00:00Z'; // in Shanghai: inside business hours
const SATURDAY_10AM = '2026-11-28T02:00:00Z'; // outside
const HOURS = "businessHours: 'mon-fri 09:00-18:00', timeZone: 'Asia/Shanghai'";
const strings = (lang) => JSON.parse(readFileSync(path.join(root, `web/i18n/${lang}.json`), 'utf8'));
const widget = (page) => page.locator('[data-kb-widget]');

/** A page of our own whose script runs KbWidget.init(<options>), at `time`. */
async function pageWith(options, { time, locale = 'zh-CN', name = 'dead-end' } = {}) {
  // A page in the visitor's language: the widget's UI follows the page's <html lang>.
  const page = await browser.newPage({ locale });
  if (time) await page.clock.setFixedTime(new Date(time));
  const problems = [];
  page.on('pageerror', (err) => problems.push(err.message));
  await routeFixturePage(page, url, name, {
    lang: locale,
    body: '<script src="kb-widget.js" data-auto-init="false"></script>',
    script: `window.handovers = [];
      try { window.widget = KbWidget.init(${options}); } catch (err) { window.initError = err.message; }`,
  });
  await page.goto(`${url}/${name}.html`);
  return { page, problems };
}

test('outside business hours every documented configuration offers a way to a person, or init says what is missing', async () => {
  // docs/widget.md's JS example: a live chat and the site's callback, no webhook, phone or email.
  const example = `{ index: 'kb/', liveChatUrl: 'https://chat.example.com/',
    onHandover: (payload) => window.handovers.push(payload), ${HOURS} }`;
  const { page, problems } = await pageWith(example, { time: SATURDAY_10AM });
  await page.evaluate(() => window.widget.handover());
  const title = await widget(page).locator('.handover-title').innerText();
  const handovers = await page.evaluate(() => window.handovers);
  assert.equal(handovers.length, 1, 'the site’s callback takes every hand-over, at any hour');
  assert.equal(handovers[0].kind, 'message');
  assert.equal(await widget(page).locator('.handover form').count(), 0);
  // No form in the card, so the card must not ask for a message it cannot take.
  assert.equal(
    title,
    '现在不是人工服务时间（周一至周五 09:00–18:00，GMT+8）。您的问题已转给客服人员，请按网站的提示留言，我们上班后会尽快联系您。',
  );
  assert.deepEqual(problems, []);
  await page.close();

  // A live chat alone has nobody behind it outside business hours: init refuses it and says why.
  const liveChatOnly = await pageWith(`{ index: 'kb/', liveChatUrl: 'https://chat.example.com/', ${HOURS} }`);
  const error = await liveChatOnly.page.evaluate(() => window.initError);
  assert.match(error, /no way to reach a person outside businessHours/);
  assert.match(error, /add webhook \(a leave-a-message form\), onHandover, phone or email/);
  assert.equal(await widget(liveChatOnly.page).count(), 0);
  await liveChatOnly.page.close();
});

test('inside business hours the card promises a transfer only when a live chat or the site takes over', async () => {
  for (const [locale, lang] of [
    ['zh-CN', 'zh-CN'],
    ['zh-TW', 'zh-TW'],
    ['en-GB', 'en'],
  ]) {
    const T = strings(lang);
    const cases = [
      // [options, the heading]
      [`{ index: 'kb/', webhook: '/demo-webhook', ${HOURS} }`, T.leaveQuestion],
      [`{ index: 'kb/', webhook: '/demo-webhook', phone: '400-000-0000', ${HOURS} }`, T.contactWays],
      [
        `{ index: 'kb/', liveChatUrl: 'https://chat.example.com/', phone: '400-000-0000', ${HOURS} }`,
        T.connecting,
      ],
      [`{ index: 'kb/', onHandover: () => {}, ${HOURS} }`, T.connectingHost],
    ];
    for (const [options, heading] of cases) {
      const { page, problems } = await pageWith(options, { time: WEDNESDAY_11AM, locale });
      await page.evaluate(() => window.widget.handover());
      assert.equal(
        await widget(page).locator('.handover-title').innerText(),
        heading,
        `${locale}: ${options}`,
      );
      if (heading === T.leaveQuestion) {
        assert.doesNotMatch(heading, /转接|轉接|Connecting/);
        assert.equal(await widget(page).locator('.handover form').count(), 1, 'the form it announces');
      }
      assert.deepEqual(problems, []);
      await page.close();
    }
  }
});

test('an empty submit marks every invalid field, not only the message box', async () => {
  const { page, problems } = await openSitePage(browser, url, { time: SATURDAY_10AM });
  await page.getByRole('button', { name: '打开在线客服' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '转人工客服' }).first().click();
  const card = widget(page).locator('.handover');
  await card.getByLabel('留言内容').fill('');
  await card.getByRole('button', { name: '提交留言' }).click();
  const marks = await card.evaluate((el) => {
    const red = getComputedStyle(el.querySelector('.error:not([hidden])')).color;
    return {
      red,
      fields: [...el.querySelectorAll('[aria-invalid]')].map((c) => {
        const s = getComputedStyle(c);
        return c.type === 'checkbox'
          ? [c.name, s.outlineStyle !== 'none' ? s.outlineColor : 'no outline']
          : [c.name, s.borderTopColor];
      }),
    };
  });
  assert.deepEqual(
    marks.fields,
    ['name', 'contact', 'message', 'consent'].map((name) => [name, marks.red]),
    'each invalid field drawn in the error colour',
  );
  assert.deepEqual(problems, []);
  await page.close();
});

test('a reload or a link on the site mid-conversation finds the panel open; closed stays closed; a fresh visit starts closed', async () => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const { page, problems, requests } = await openSitePage(browser, url, { context });
  const panel = page.getByRole('dialog');
  assert.equal(await panel.isVisible(), false, 'a fresh visit: closed');
  await page.waitForLoadState('networkidle');
  assert.ok(!requests.some((u) => /kb-(core|worker|engine)\.|\.db$/.test(u)), 'nothing heavy before intent');

  await page.getByRole('button', { name: '打开在线客服' }).click();
  const box = page.getByRole('combobox', { name: '输入您的问题' });
  await box.fill('售后服务收费吗');
  await box.press('Enter');
  await widget(page).locator('.msg.bot[data-entry-id]').waitFor({ timeout: 20000 });

  await page.reload();
  await widget(page).locator('.msg.bot[data-entry-id]').waitFor({ timeout: 20000 });
  assert.equal(await panel.isVisible(), true, 'open again, with the conversation');
  assert.equal(
    await page.getByRole('button', { name: '打开在线客服' }).getAttribute('aria-expanded'),
    'true',
  );
  assert.notEqual(
    await page.evaluate(() => document.activeElement?.hasAttribute('data-kb-widget')),
    true,
    'a reopened panel does not take the focus from the page',
  );
  // It still answers: the engine loaded for the restored conversation.
  await box.fill('保修期多久');
  await box.press('Enter');
  await page.waitForFunction(
    () => document.querySelector('[data-kb-widget]').shadowRoot.querySelectorAll('.msg.user').length === 2,
  );

  // Following a link to another page of the site: still open.
  await page.locator('a[href="policy.html"]').first().click();
  await page.waitForURL(/policy\.html$/);
  await widget(page).locator('.msg.user').nth(1).waitFor();
  assert.equal(await panel.isVisible(), true, 'open on the next page of the site');

  await widget(page).getByRole('button', { name: '关闭在线客服' }).click();
  await page.reload();
  await page.waitForLoadState('networkidle');
  assert.equal(await panel.isVisible(), false, 'closed stays closed');
  await context.close();

  const fresh = await openSitePage(browser, url);
  await fresh.page.waitForLoadState('networkidle');
  assert.equal(await fresh.page.getByRole('dialog').isVisible(), false);
  assert.deepEqual([...problems, ...fresh.problems], []);
  await fresh.page.close();
});

test('answers give the site’s own phone, email and hours, and something sensible when one is not set', async () => {
  const ask = async (page) => {
    await page.evaluate(() => window.widget.open());
    const box = widget(page).locator('input[role="combobox"]');
    await box.fill('服务电话是多少');
    await box.press('Enter');
    const answer = widget(page).locator('.msg.bot[data-entry-id="hotline"]');
    await answer.waitFor({ timeout: 20000 });
    return answer;
  };
  const full = await pageWith(
    `{ index: 'fixture-kb/', phone: '400-000-0000', email: 'support@example.com',
       onHandover: (payload) => window.handovers.push(payload), ${HOURS} }`,
    { time: WEDNESDAY_11AM },
  );
  let answer = await ask(full.page);
  const text = await answer.locator('.kb-text').innerText();
  assert.match(text, /^24 小时服务电话：400-000-0000，也可以直接拨打 400-000-0000。/);
  assert.match(text, /邮箱：support@example\.com/);
  assert.match(text, /人工服务时间：周一至周五 09:00–18:00，GMT\+8/);
  assert.doesNotMatch(text, /\{\{|\}\}/);
  assert.equal(
    await answer.getByRole('link', { name: '拨打 400-000-0000' }).getAttribute('href'),
    'tel:4000000000',
  );
  assert.equal(
    await answer.getByRole('link', { name: 'support@example.com' }).getAttribute('href'),
    'mailto:support@example.com',
  );
  // What an agent gets is what the visitor saw.
  await full.page.evaluate(() => window.widget.handover());
  const [payload] = await full.page.evaluate(() => window.handovers);
  const line = payload.transcript.find((m) => m.entryId === 'hotline');
  assert.match(line.text, /24 小时服务电话：400-000-0000/);
  assert.doesNotMatch(line.text, /\{\{/);
  assert.deepEqual(full.problems, []);
  await full.page.close();

  // Nothing configured but a webhook: no raw {{phone}}, no dead tel: link.
  for (const [locale, lang] of [
    ['zh-CN', 'zh-CN'],
    ['en-GB', 'en'],
  ]) {
    const bare = await pageWith(`{ index: 'fixture-kb/', webhook: '/demo-webhook' }`, { locale });
    answer = await ask(bare.page);
    const unknown = strings(lang).unknownContact;
    const bareText = await answer.locator('.kb-text').innerText();
    assert.ok(bareText.startsWith(`24 小时服务电话：${unknown}`), bareText);
    assert.ok(bareText.includes(`人工服务时间：${unknown}`), bareText);
    assert.doesNotMatch(bareText, /\{\{|\}\}/);
    assert.equal(await answer.locator('a').count(), 0, 'a link to a number that is not set is its text');
    assert.deepEqual(bare.problems, []);
    await bare.page.close();
  }
});

test('a complaint, or the same question after an unhelpful answer, gets the answer with a person offered beside it', async () => {
  const { page, problems } = await pageWith(
    `{ index: 'kb/', onHandover: (payload) => window.handovers.push(payload), ${HOURS} }`,
    { time: WEDNESDAY_11AM },
  );
  await page.evaluate(() => window.widget.open());
  const box = widget(page).locator('input[role="combobox"]');
  const lastBot = () => widget(page).locator('.msg.bot').last();
  const askAndWait = async (question, entryId) => {
    const before = await widget(page).locator(`.msg.bot[data-entry-id="${entryId}"]`).count();
    await box.fill(question);
    await box.press('Enter');
    await widget(page)
      .locator(`.msg.bot[data-entry-id="${entryId}"]`)
      .nth(before)
      .waitFor({ timeout: 20000 });
  };

  // 我要投诉你们，怎么弄 asks how to complain: the procedure, and the way to a person in the same bubble.
  await askAndWait('我要投诉你们，怎么弄', 'how-to-complain');
  assert.equal(await lastBot().getAttribute('data-entry-id'), 'how-to-complain');
  assert.equal(await lastBot().locator('.human-offer').count(), 1);
  assert.equal(await widget(page).locator('.handover').count(), 0, 'no hand-over before the visitor asks');

  // A plain question gets a plain answer; marked unhelpful and asked again, the answer comes back
  // with the person offered, instead of the same answer alone or a hand-over that skips it.
  await askAndWait('售后服务收费吗', 'after-sales-fees');
  assert.equal(await lastBot().locator('.human-offer').count(), 0);
  await lastBot().getByRole('button', { name: '没有帮助' }).click();
  await askAndWait('售后服务收费吗', 'after-sales-fees');
  const again = lastBot();
  assert.equal(await again.getAttribute('data-entry-id'), 'after-sales-fees');
  await again.locator('.human-offer').click();
  await widget(page).locator('.handover').waitFor();
  const handovers = await page.evaluate(() => window.handovers);
  assert.equal(handovers.length, 1);
  assert.deepEqual(problems, []);
  await page.close();
});
