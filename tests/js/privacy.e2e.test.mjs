// Privacy: nothing leaves the browser except what the site owner configured
// and what the visitor sends to a person. Every request of a whole session is
// recorded, the worker's included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { routeFixturePage, withSiteAndBrowser } from './helpers.mjs';

let url, browser, analytics, receiver;
withSiteAndBrowser((site) => ({ url, browser, analytics, receiver } = site));

/** Waits until `condition()` holds. */
async function until(condition, what, timeout = 20000) {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function session(page) {
  await page.getByRole('button', { name: '打开在线客服' }).click();
  const input = page.getByRole('combobox', { name: '输入您的问题' });
  for (const q of ['售后服务收费吗', '我的邮箱是 li.lei@example.com，电话 13800138000，火星上能修吗']) {
    await input.fill(q);
    await page.keyboard.press('Enter');
  }
  await page.locator('[data-kb-widget] .msg.bot[data-entry-id]').first().waitFor({ timeout: 20000 });
  await page.locator('[data-kb-widget] .msg.bot').nth(2).waitFor();
  await page
    .locator('[data-kb-widget] .msg.bot[data-entry-id]')
    .first()
    .getByRole('button', { name: '没有帮助' })
    .click();
  await page.getByText('抱歉没能帮到您').waitFor();
}

test('with no webhook and no analytics configured, a session only downloads the widget, the engine and the index', async () => {
  const page = await browser.newPage({ locale: 'zh-CN' });
  const requests = [];
  page.on('request', (req) => requests.push(req));
  await routeFixturePage(page, url, 'quiet', {
    body: '<script src="kb-widget.js" data-index="kb/" data-phone="400-800-8000" data-email="help@example.com"></script>',
  });
  await page.goto(`${url}/quiet.html`);
  await session(page);
  for (const req of requests) {
    assert.equal(new URL(req.url()).origin, url, `a request to another origin: ${req.url()}`);
    assert.equal(req.method(), 'GET', `${req.method()} ${req.url()}`);
    assert.ok(!new URL(req.url()).search, `nothing travels in a query string: ${req.url()}`);
  }
  const paths = new Set(
    requests.map((r) => new URL(r.url()).pathname.replace(/\.[0-9a-f]{12}\.([a-z]+)$/, '.HASH.$1')),
  );
  const allowed = [
    '/quiet.html',
    '/quiet.js',
    '/kb-widget.js',
    '/kb-widget.HASH.css',
    '/kb-engine.HASH.js',
    '/kb-worker.HASH.js',
    '/kb-core.HASH.wasm',
    '/kb/manifest.json',
    '/kb/kb.HASH.db',
    '/favicon.ico',
    '/favicon.svg',
  ];
  assert.deepEqual(
    [...paths].filter((p) => !allowed.includes(p)),
    [],
  );
  // The widget keeps nothing in cookies.
  assert.deepEqual(await page.context().cookies(), []);
  await page.close();
});

test('with analytics configured, only the scrubbed unanswered question is sent, to that address', async () => {
  const page = await browser.newPage({ locale: 'zh-CN' });
  const posts = [];
  page.on('request', (req) => {
    if (req.method() !== 'GET') posts.push(req);
  });
  await page.goto(`${url}/`); // the demo page configures /demo-webhook and /demo-analytics
  await session(page);
  await page.waitForTimeout(300);
  assert.ok(posts.length >= 1);
  for (const req of posts) {
    assert.equal(new URL(req.url()).pathname, '/demo-analytics', `unexpected ${req.method()} ${req.url()}`);
    const body = req.postData();
    assert.doesNotMatch(
      body,
      /li\.lei@example\.com|13800138000/,
      'contact details never leave with analytics',
    );
    assert.deepEqual(
      Object.keys(JSON.parse(body)).filter(
        (k) => !['question', 'reason', 'lang', 'page', 'day', 'entryId'].includes(k),
      ),
      [],
    );
  }
  await page.close();
});

test('numbers in any digits and separators, and emails in any script, are scrubbed', async () => {
  analytics.length = 0;
  const page = await browser.newPage({ locale: 'zh-CN' });
  await page.goto(`${url}/`); // the demo page posts unanswered questions to /demo-analytics
  await page.getByRole('button', { name: '打开在线客服' }).click();
  const input = page.getByRole('combobox', { name: '输入您的问题' });
  // An ordinary question, answered and rated 👎: it reaches analytics as asked.
  await input.fill('售后服务收费吗');
  await page.keyboard.press('Enter');
  const answer = page.locator('[data-kb-widget] .msg.bot[data-entry-id]').first();
  await answer.getByRole('button', { name: '没有帮助' }).click();
  await until(() => analytics.length === 1, 'the 👎 record');
  const unanswerable = [
    ['火星上能修吗 12345', '火星上能修吗 [number]'],
    ['火星上能修吗 １３８００１３８０００', '火星上能修吗 [number]'],
    ['火星上能修吗 138.0013.8000', '火星上能修吗 [number]'],
    ['火星上能修吗 张三@例子.中国', '火星上能修吗 [email]'],
    ['火星上能修吗 zhang.san@example.com', '火星上能修吗 [email]'],
    ['2024年买的火星车能修吗', '2024年买的火星车能修吗'],
  ];
  for (const [i, [question]] of unanswerable.entries()) {
    await input.fill(question);
    await page.keyboard.press('Enter');
    await until(() => analytics.length > i + 1, `the analytics record of ${question}`);
  }
  const expected = ['售后服务收费吗', ...unanswerable.map(([, scrubbed]) => scrubbed)];
  assert.deepEqual(
    analytics.map((r) => r.question),
    expected,
  );
  await page.close();
});

test("the hand-over and analytics carry the page's origin and path, not its query or fragment", async () => {
  receiver.reset();
  analytics.length = 0;
  const secret = /s3cret|li%40example|998877|reset_token|order=/;
  for (const optIn of [false, true]) {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await routeFixturePage(page, url, 'account', {
      body:
        '<script src="kb-widget.js" data-index="kb/" data-webhook="/demo-webhook" ' +
        'data-phone="400-800-8000" data-analytics-url="/demo-analytics"' +
        `${optIn ? ' data-send-page-query="true"' : ''}></script>`,
    });
    await page.goto(`${url}/account.html?reset_token=s3cret&email=li%40example.com#order=998877`);
    await page.getByRole('button', { name: '打开在线客服' }).click();
    await page.getByRole('combobox', { name: '输入您的问题' }).fill('火星上能修吗');
    await page.keyboard.press('Enter');
    await until(() => analytics.length === (optIn ? 2 : 1), 'the analytics record');
    await page.getByRole('dialog').getByRole('button', { name: '转人工客服' }).first().click();
    const card = page.locator('[data-kb-widget] .handover').last();
    await card.getByLabel('您的称呼').fill('王先生');
    await card.getByLabel('手机号或电子邮箱').fill('13800001111');
    await card.getByRole('checkbox').check();
    await card.getByRole('button', { name: '提交留言' }).click();
    await until(() => receiver.received.length === (optIn ? 2 : 1), 'the hand-over');
    const message = receiver.received.at(-1);
    if (optIn) {
      assert.equal(
        message.page.url,
        `${url}/account.html?reset_token=s3cret&email=li%40example.com`,
        'sendPageQuery adds the query string, never the fragment',
      );
    } else {
      assert.equal(message.page.url, `${url}/account.html`);
      assert.doesNotMatch(JSON.stringify(message), secret);
    }
    assert.equal(analytics.at(-1).page, '/account.html');
    assert.doesNotMatch(JSON.stringify(analytics.at(-1)), secret);
    await page.close();
  }
});
