// Hand-over to a person, end to end: the real widget in Debian's Chromium, the
// demo site's configuration (mon-fri 09:00-18:00, Asia/Shanghai) and the
// reference webhook receiver that the demo server mounts at /demo-webhook.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openSitePage, root, routeFixturePage, schemaErrors, withSiteAndBrowser } from './helpers.mjs';

const schema = JSON.parse(readFileSync(path.join(root, 'docs/handover.schema.json'), 'utf8'));

let url, receiver, browser;
withSiteAndBrowser((site) => ({ url, receiver, browser } = site));
beforeEach(() => receiver.reset());

const WEDNESDAY_11AM = '2026-11-25T03:00:00Z'; // in Shanghai: inside business hours
const SATURDAY_10AM = '2026-11-28T02:00:00Z'; // outside
const widget = (page) => page.locator('[data-kb-widget]');

async function askInWidget(page, question) {
  const box = page.getByRole('combobox', { name: '输入您的问题' });
  await box.fill(question);
  await box.press('Enter');
}

async function fillMessage(card, { name = '王先生', contact = '13800001111', message, consent = true } = {}) {
  await card.getByLabel('您的称呼').fill(name);
  await card.getByLabel('手机号或电子邮箱').fill(contact);
  if (message !== undefined) await card.getByLabel('留言内容').fill(message);
  if (consent) await card.getByRole('checkbox').check();
  await card.getByRole('button', { name: '提交留言' }).click();
}

/** The messages waiting in the browser's outbox (one localStorage key each). */
const outbox = (page) =>
  page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('kb-widget:outbox:'))
      .map((k) => JSON.parse(localStorage.getItem(k))),
  );

/** Waits until the receiver holds `count` messages, then a little longer to catch a duplicate. */
async function receivedSettled(count, timeout = 20000) {
  const start = Date.now();
  while (receiver.received.length < count) {
    if (Date.now() - start > timeout)
      throw new Error(`receiver has ${receiver.received.length} of ${count} messages`);
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 500));
  for (const message of receiver.received)
    assert.deepEqual(schemaErrors(schema, message), [], 'the documented schema holds');
  return receiver.received;
}

test('inside business hours: asking for a person connects, with every way to reach one', async () => {
  const { page, problems } = await openSitePage(browser, url, { time: WEDNESDAY_11AM });
  await page.getByRole('button', { name: '打开在线客服' }).click();
  const escalations = [];
  await page.exposeFunction('recordEscalation', (detail) => escalations.push(detail));
  await page.evaluate(() =>
    window.KbWidget.instance.on('escalate', (d) => window.recordEscalation(d.reason)),
  );
  await askInWidget(page, '我要转人工');
  const card = widget(page).locator('.handover');
  await card.waitFor({ timeout: 20000 });
  // No live chat and no callback here: nothing transfers, the card offers its ways.
  assert.equal(await card.locator('.handover-title').innerText(), '您可以通过下面的方式联系客服人员：');
  assert.equal(
    await card.getByRole('link', { name: '拨打电话 400-000-0000' }).getAttribute('href'),
    'tel:4000000000',
  );
  assert.match(
    await card.getByRole('link', { name: '发邮件到 support@example.com' }).getAttribute('href'),
    /^mailto:support@example\.com\?subject=/,
  );
  assert.deepEqual(escalations, ['asked-for-human']);

  await fillMessage(card, { contact: 'wang@example.com' });
  await card.locator('.delivery[data-state="delivered"]').waitFor();
  const [message] = await receivedSettled(1);
  assert.equal(message.kind, 'handover');
  assert.equal(message.reason, 'asked-for-human');
  assert.equal(message.question, '我要转人工');
  assert.equal(message.message, '我要转人工', 'the message starts as the question');
  assert.deepEqual(message.contact, { name: '王先生', phone: null, email: 'wang@example.com' });
  assert.deepEqual(message.consent, { shareConversation: true, contactMe: true });
  assert.deepEqual(message.businessHours, { open: true, timeZone: 'Asia/Shanghai' });
  assert.equal(message.page.url, `${url}/`);
  assert.ok(message.transcript.some((m) => m.who === 'user' && m.text === '我要转人工'));
  assert.equal(receiver.received.length, 1);
  assert.deepEqual(problems, []);
  await page.close();
});

test('outside business hours: a leave-a-message form that validates before anything is sent', async () => {
  const { page, problems } = await openSitePage(browser, url, { time: SATURDAY_10AM });
  await page.getByRole('button', { name: '打开在线客服' }).click();
  await askInWidget(page, '售后服务收费吗');
  await widget(page).locator('.msg.bot[data-entry-id]').waitFor({ timeout: 20000 });
  await page.getByRole('dialog').getByRole('button', { name: '转人工客服' }).first().click();
  const card = widget(page).locator('.handover');
  assert.match(
    await card.locator('.handover-title').innerText(),
    /^现在不是人工服务时间（周一至周五 09:00–18:00，GMT\+8）。请留言/,
  );
  const name = card.getByLabel('您的称呼');
  assert.equal(
    await widget(page).evaluate((host) => host.shadowRoot.activeElement?.name),
    'name',
    'focus moves to the form',
  );

  // Nothing filled in: every field says what is wrong, nothing is stored or sent.
  await card.getByLabel('留言内容').fill('');
  await card.getByRole('button', { name: '提交留言' }).click();
  const errors = await card.locator('.error:not([hidden])').allInnerTexts();
  assert.deepEqual(errors, [
    '请填写您的称呼。',
    '请填写有效的手机号或电子邮箱。',
    '请填写留言内容。',
    '请勾选同意，我们才能把留言发给客服人员。',
  ]);
  assert.equal(await name.getAttribute('aria-invalid'), '');
  assert.deepEqual(await outbox(page), [], 'nothing stored before the form is valid');

  await fillMessage(card, { contact: '不是电话', message: '我想了解保修期' });
  assert.deepEqual(await card.locator('.error:not([hidden])').allInnerTexts(), [
    '请填写有效的手机号或电子邮箱。',
  ]);
  await fillMessage(card, { contact: '+86 138-0000-1111', consent: false });
  await card.locator('.delivery[data-state="delivered"]').waitFor();
  assert.equal(await card.locator('.delivery').innerText(), '✓ 留言已送达客服人员。'.slice(2));

  const [message] = await receivedSettled(1);
  assert.equal(message.kind, 'message');
  assert.equal(message.reason, 'visitor-request');
  assert.equal(message.message, '我想了解保修期');
  assert.equal(message.contact.phone, '+86 138-0000-1111');
  assert.equal(message.businessHours.open, false);
  assert.deepEqual(
    message.transcript.map((m) => [m.who, m.entryId || null]),
    [
      ['user', null],
      ['bot', 'after-sales-fees'],
    ],
  );
  // The agent reads what the visitor was shown: the title, then the answer as plain text.
  assert.match(message.transcript[1].text, /^售后服务收费吗？\n[^<>]*不收费[^<>]*\n[^<>]*服务期内/);
  assert.deepEqual(await outbox(page), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the webhook down, then up: the message waits in the outbox and arrives exactly once', async () => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const { page } = await openSitePage(browser, url, { context });
  await page.getByRole('button', { name: '打开在线客服' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '转人工客服' }).click();
  const card = widget(page).locator('.handover').last();

  receiver.mode = 'down';
  await fillMessage(card, { message: '第一条：接收端先宕机' });
  const status = card.locator('.delivery');
  await card.locator('.delivery[data-state="retrying"]').waitFor();
  assert.match(await status.innerText(), /暂时没有送达（已尝试 1 次），已保存在本机，会自动重发/);
  const stored = await outbox(page);
  assert.equal(stored.length, 1);
  receiver.mode = 'up';
  await card.locator('.delivery[data-state="delivered"]').waitFor({ timeout: 20000 }); // the 2 s retry
  const first = await receivedSettled(1);
  assert.equal(first[0].message, '第一条：接收端先宕机');
  assert.ok(receiver.attempts >= 2);

  // The receiver stores the message but its reply is lost: the retry carries
  // the same idempotency key, so the message is still delivered once.
  receiver.mode = 'lose-reply';
  await page.getByRole('dialog').getByRole('button', { name: '转人工客服' }).click();
  const second = widget(page).locator('.handover').last();
  await fillMessage(second, { message: '第二条：回执丢失' });
  await second.locator('.delivery[data-state="retrying"]').waitFor();
  receiver.mode = 'up';
  await second.locator('.delivery[data-state="delivered"]').waitFor({ timeout: 20000 });
  const both = await receivedSettled(2);
  assert.deepEqual(
    both.map((m) => m.message),
    ['第一条：接收端先宕机', '第二条：回执丢失'],
  );

  // Down while the visitor leaves the site: coming back sends it, before the widget is even opened.
  receiver.mode = 'down';
  await page.getByRole('dialog').getByRole('button', { name: '转人工客服' }).click();
  const third = widget(page).locator('.handover').last();
  await fillMessage(third, { message: '第三条：下次访问时送达' });
  await third.locator('.delivery[data-state="retrying"]').waitFor();
  await page.goto('about:blank');
  receiver.mode = 'up';
  await page.goto(`${url}/policy.html`);
  const all = await receivedSettled(3);
  assert.deepEqual(
    all.map((m) => m.message),
    ['第一条：接收端先宕机', '第二条：回执丢失', '第三条：下次访问时送达'],
  );
  assert.equal(new Set(all.map((m) => m.id)).size, 3);
  assert.equal(
    await page.locator('[data-kb-widget]').evaluate((host) => host.shadowRoot.querySelector('.panel').hidden),
    true,
  );
  await page.getByRole('button', { name: '打开在线客服' }).click();
  const shown = await widget(page).locator('.delivery').allInnerTexts();
  assert.deepEqual(
    shown,
    ['留言已送达客服人员。', '留言已送达客服人员。', '留言已送达客服人员。'],
    'the visitor sees each was delivered',
  );
  await context.close();
});

/** Opens the widget on `page`, asks for a person and leaves `message`; returns its card. */
async function leaveMessage(page, message) {
  await page.getByRole('button', { name: '打开在线客服' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '转人工客服' }).click();
  const card = widget(page).locator('.handover').last();
  await fillMessage(card, { message });
  return card;
}

async function until(condition, what, timeout = 20000) {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('two tabs retry one outbox: when the webhook is back, both wake at once and each message is posted once', async () => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const { page: a } = await openSitePage(browser, url, { context });
  const { page: b } = await openSitePage(browser, url, { context, path: '/policy.html' });
  receiver.mode = 'down';
  await (await leaveMessage(a, '标签页一的留言')).locator('.delivery[data-state="retrying"]').waitFor();
  await (await leaveMessage(b, '标签页二的留言')).locator('.delivery[data-state="retrying"]').waitFor();
  assert.equal((await outbox(a)).length, 2, 'one outbox, shared by the tabs');

  // The network comes back in both tabs at the same moment, and the receiver
  // is slow to answer: both tabs try to send at once, and only one may.
  receiver.mode = 'hold';
  await context.setOffline(true);
  await context.setOffline(false);
  await until(() => receiver.posts.size > 0, 'a post');
  await new Promise((r) => setTimeout(r, 1000));
  assert.deepEqual([...receiver.posts.values()], [1], 'one tab sends while the other waits for it');
  receiver.mode = 'up';
  receiver.release();
  const both = await receivedSettled(2);
  assert.deepEqual(both.map((m) => m.message).sort(), ['标签页一的留言', '标签页二的留言']);
  assert.deepEqual(
    [...receiver.posts.values()],
    [1, 1],
    'each message posted exactly once after the receiver came back',
  );
  await until(async () => (await outbox(b)).length === 0, 'an empty outbox');
  await widget(b).locator('.delivery[data-state="delivered"]').waitFor();
  await context.close();
});

test('a redirecting webhook: the message stays queued, is never shown delivered, and goes once on a 2xx', async (t) => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const { page } = await openSitePage(browser, url, { context });
  // Counted where they arrive: the browser's request events also list a redirect it did not follow.
  const methods = [];
  const handle = receiver.handle;
  receiver.handle = (req, res) => {
    methods.push(req.method);
    return handle(req, res);
  };
  t.after(() => {
    receiver.handle = handle;
  });
  receiver.mode = 'redirect';
  const card = await leaveMessage(page, '接收端返回了重定向');
  // Every state the delivery line takes, so a brief "delivered" cannot slip by.
  await card.locator('.delivery').waitFor();
  await widget(page).evaluate((host) => {
    const line = host.shadowRoot.querySelector('.delivery');
    window.deliveryStates = [line.getAttribute('data-state')];
    new MutationObserver(() => window.deliveryStates.push(line.getAttribute('data-state'))).observe(line, {
      attributes: true,
      attributeFilter: ['data-state'],
    });
  });
  const neverDelivered = async () => {
    const states = await page.evaluate(() => window.deliveryStates);
    assert.ok(!states.includes('delivered'), `never said delivered: ${states}`);
  };
  await until(() => receiver.attempts >= 1, 'the first attempt');
  await new Promise((r) => setTimeout(r, 500));
  await neverDelivered();
  await until(() => receiver.attempts >= 2, 'a retry after the redirect'); // the 2 s backoff
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(await card.locator('.delivery').getAttribute('data-state'), 'retrying');
  await neverDelivered();
  const [queued] = await outbox(page);
  assert.equal(queued?.payload.message, '接收端返回了重定向', 'still in the outbox');
  assert.match(queued.lastError, /redirect/);
  assert.ok(!methods.includes('GET'), 'the POST is not turned into a GET to the new address');
  assert.equal(receiver.received.length, 0);

  receiver.mode = 'up';
  await card.locator('.delivery[data-state="delivered"]').waitFor({ timeout: 20000 });
  assert.deepEqual(
    (await receivedSettled(1)).map((m) => m.message),
    ['接收端返回了重定向'],
  );
  assert.deepEqual([...receiver.posts.values()], [1], 'delivered exactly once');
  assert.deepEqual(await outbox(page), []);
  await context.close();
});

test('a tab closed while its message is on the way: another open tab sends it, and it is stored once', async () => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const { page: a } = await openSitePage(browser, url, { context });
  const { page: b } = await openSitePage(browser, url, { context, path: '/contact.html' });
  // The receiver stores the message and has not answered when the tab goes.
  receiver.mode = 'hold';
  await leaveMessage(a, '发送途中关掉了标签页');
  await until(() => receiver.posts.size === 1, 'the post to arrive');
  receiver.mode = 'up';
  await a.close();
  await until(async () => (await outbox(b)).length === 0, 'the other tab to deliver it');
  assert.deepEqual(
    (await receivedSettled(1)).map((m) => m.message),
    ['发送途中关掉了标签页'],
  );
  assert.deepEqual([...receiver.posts.values()], [2], 'sent again with the same key, stored once');
  await context.close();
});

test(
  'the webhook hangs: the send is abandoned after 15 s, retried with the same key, and stored once',
  { timeout: 60000 },
  async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const { page } = await openSitePage(browser, url, { context });
    receiver.mode = 'hold';
    const card = await leaveMessage(page, '接收端一直不回应');
    await until(() => receiver.posts.size === 1, 'the post to arrive');
    receiver.mode = 'up';
    await card.locator('.delivery[data-state="retrying"]').waitFor({ timeout: 25000 });
    assert.equal((await outbox(page))[0].lastError, 'timeout');
    await card.locator('.delivery[data-state="delivered"]').waitFor({ timeout: 20000 });
    assert.deepEqual(
      (await receivedSettled(1)).map((m) => m.message),
      ['接收端一直不回应'],
    );
    assert.deepEqual([...receiver.posts.values()], [2]);
    await context.close();
  },
);

test('a message an earlier widget left in its one-list outbox is still delivered, once', async () => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const { page } = await openSitePage(browser, url, { context, path: '/policy.html' });
  // Leave one message the current way, then put it back as the old format held it.
  receiver.mode = 'down';
  await (await leaveMessage(page, '旧版本留下的留言')).locator('.delivery[data-state="retrying"]').waitFor();
  const [message] = await outbox(page);
  await page.evaluate((item) => {
    for (const k of Object.keys(localStorage))
      if (k.startsWith('kb-widget:outbox:')) localStorage.removeItem(k);
    localStorage.setItem('kb-widget:outbox', JSON.stringify([{ ...item, nextAt: 0 }]));
  }, message);
  await page.goto('about:blank');
  receiver.mode = 'up';
  await page.goto(`${url}/contact.html`);
  assert.deepEqual(
    (await receivedSettled(1)).map((m) => m.message),
    ['旧版本留下的留言'],
  );
  await until(async () => (await outbox(page)).length === 0, 'an empty outbox');
  assert.equal(
    await page.evaluate(() => localStorage.getItem('kb-widget:outbox')),
    null,
    'the old list is gone',
  );
  await context.close();
});

test('malformed outbox entries are repaired or dropped once, not sent in a loop', async () => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  // Count the outbox's storage writes; a loop would make thousands, and a
  // storage event in every other tab for each.
  await context.addInitScript(() => {
    window.outboxWrites = 0;
    for (const name of ['setItem', 'removeItem']) {
      const original = Storage.prototype[name];
      Storage.prototype[name] = function (key, ...rest) {
        if (String(key).startsWith('kb-widget:outbox')) window.outboxWrites++;
        return original.call(this, key, ...rest);
      };
    }
  });
  const A = 'aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa';
  const B = 'bbbbbbbb-2222-4222-8222-bbbbbbbbbbbb';
  const C = 'cccccccc-3333-4333-8333-cccccccccccc';
  const payload = (id, message) => ({
    schema: 'kb-widget.handover/1',
    id,
    kind: 'message',
    reason: 'visitor-request',
    createdAt: '2026-11-28T02:00:00.000Z',
    question: '',
    message,
    contact: { name: '王先生', phone: '13800001111', email: null },
    consent: { shareConversation: true, contactMe: true },
    transcript: [],
    page: { url: `${url}/`, title: '首页', language: 'zh-CN' },
    businessHours: { open: false, timeZone: 'Asia/Shanghai' },
  });
  const page = await context.newPage();
  await page.goto(`${url}/kb/manifest.json`); // the site's origin, without the widget
  await page.evaluate(
    ({ entries }) => {
      for (const [key, value] of entries) localStorage.setItem(key, JSON.stringify(value));
    },
    {
      entries: [
        // Stored under one id, naming another.
        [
          `kb-widget:outbox:${A}`,
          {
            id: B,
            url: `${url}/demo-webhook`,
            payload: payload(B, '键与编号不一致'),
            attempts: 0,
            nextAt: 0,
            createdAt: 1,
          },
        ],
        // An id IndexedDB cannot take as a key.
        [
          `kb-widget:outbox:${C}`,
          {
            id: { not: 'a string' },
            url: `${url}/demo-webhook`,
            payload: payload(C, '编号不是字符串'),
            attempts: 0,
            nextAt: 0,
            createdAt: 2,
          },
        ],
      ],
    },
  );
  await page.goto(`${url}/policy.html`);
  await until(() => receiver.received.length >= 1, 'the repaired message');
  await new Promise((r) => setTimeout(r, 2500)); // time for a loop to show, and for a first retry
  const writes = await page.evaluate(() => window.outboxWrites);
  assert.ok(writes <= 6, `${writes} outbox writes`);
  assert.ok(receiver.attempts <= 2, `${receiver.attempts} POSTs`);
  for (const [key, n] of receiver.posts) assert.equal(n, 1, `${key} posted ${n} times`);
  assert.deepEqual(
    (await receivedSettled(1)).map((m) => [m.id, m.message]),
    [[B, '键与编号不一致']],
    'the re-keyed message is delivered, the one without a usable id is dropped',
  );
  const left = await outbox(page);
  assert.deepEqual(left, [], 'nothing malformed is left');
  await context.close();
});

test('localStorage full: the message is kept in the page and still delivered', async () => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  await context.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (String(key).startsWith('kb-widget:outbox')) throw new DOMException('full', 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
  });
  const { page } = await openSitePage(browser, url, { context });
  const card = await leaveMessage(page, '本机存储已满时的留言');
  await card.locator('.delivery[data-state="delivered"]').waitFor({ timeout: 20000 });
  assert.deepEqual(
    (await receivedSettled(1)).map((m) => m.message),
    ['本机存储已满时的留言'],
  );
  await context.close();
});

test('offline when the visitor sends: the message waits, and goes when the network is back', async () => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const { page } = await openSitePage(browser, url, { context });
  await page.getByRole('button', { name: '打开在线客服' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '转人工客服' }).click();
  await context.setOffline(true);
  const card = widget(page).locator('.handover');
  await fillMessage(card, { message: '断网时留的言' });
  await card.locator('.delivery[data-state="retrying"]').waitFor();
  assert.equal(receiver.received.length, 0);
  await context.setOffline(false);
  await card.locator('.delivery[data-state="delivered"]').waitFor({ timeout: 20000 });
  assert.deepEqual(
    (await receivedSettled(1)).map((m) => m.message),
    ['断网时留的言'],
  );
  await context.close();
});

test('a live-chat link and a JS callback, configured from JS, inside and outside business hours', async () => {
  for (const [time, open] of [
    [WEDNESDAY_11AM, true],
    [SATURDAY_10AM, false],
  ]) {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await page.clock.setFixedTime(new Date(time));
    await routeFixturePage(page, url, 'live-chat', {
      body: '<script src="kb-widget.js" data-auto-init="false"></script>',
      script: `window.handovers = [];
        window.widget = KbWidget.init({ index: 'kb/', liveChatUrl: 'https://chat.example.com/room',
          onHandover: (payload) => window.handovers.push(payload),
          businessHours: 'mon-fri 09:00-18:00', timeZone: 'Asia/Shanghai' });`,
    });
    await page.goto(`${url}/live-chat.html`);
    await page.evaluate(() => window.widget.open());
    await askInWidget(page, '人工客服');
    const card = widget(page).locator('.handover');
    await card.waitFor({ timeout: 20000 });
    const link = card.getByRole('link', { name: '打开人工在线对话' });
    assert.equal(await link.count(), open ? 1 : 0, 'live chat is offered only while people answer');
    if (open) assert.equal(await link.getAttribute('href'), 'https://chat.example.com/room');
    assert.equal(await card.locator('form').count(), 0, 'no webhook, no form');
    const handovers = await page.evaluate(() => window.handovers);
    assert.equal(handovers.length, 1);
    assert.equal(handovers[0].question, '人工客服');
    assert.equal(handovers[0].businessHours.open, open);
    assert.equal(handovers[0].kind, open ? 'handover' : 'message');
    assert.deepEqual(schemaErrors(schema, handovers[0]), []);
    await page.close();
  }
});

test('keyboard alone: reach a person and leave a message without the mouse', async () => {
  const { page, problems } = await openSitePage(browser, url, { time: SATURDAY_10AM });
  await widget(page).evaluate((host) => host.shadowRoot.querySelector('.launcher').focus());
  await page.keyboard.press('Enter');
  // From the input, Shift+Tab walks back through the header to 转人工客服.
  const focused = () =>
    widget(page).evaluate(
      (host) => host.shadowRoot.activeElement?.textContent || host.shadowRoot.activeElement?.name,
    );
  for (let i = 0; i < 12 && (await focused()) !== '转人工客服'; i++) await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(), '转人工客服');
  await page.keyboard.press('Enter');
  await page.keyboard.type('李女士');
  await page.keyboard.press('Tab');
  await page.keyboard.type('li@example.com');
  await page.keyboard.press('Tab');
  await page.keyboard.type('请周一回电');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await widget(page).locator('.delivery[data-state="delivered"]').waitFor();
  assert.equal(
    await widget(page).evaluate((host) => host.shadowRoot.activeElement?.className),
    'delivery',
    'focus lands on the delivery status',
  );
  const [message] = await receivedSettled(1);
  assert.equal(message.message, '请周一回电');
  assert.deepEqual(problems, []);
  await page.close();
});
