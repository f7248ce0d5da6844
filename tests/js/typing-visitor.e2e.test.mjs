// A first-time visitor who types: the engine must be ready before the
// question is, so the answer only waits for the question. A cold browser
// context (nothing cached), the launcher clicked, an eight-character question
// typed at about five characters a second, then Enter. The test checks the
// order of events, not their timing: the widget reported ready before the
// last keystroke, and the answer was drawn after Enter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSitePage, recordWidgetTimeline, withSiteAndBrowser } from './helpers.mjs';

let url, browser;
withSiteAndBrowser((site) => ({ url, browser } = site));

const QUESTION = '售后服务要收费吗';

test('a visitor typing at five characters a second finds the engine ready before the last keystroke', async () => {
  assert.equal([...QUESTION].length, 8);
  const context = await browser.newContext({ locale: 'zh-CN' });
  try {
    const { page, problems } = await openSitePage(browser, url, { context });
    const timeline = await recordWidgetTimeline(page);
    await page.getByRole('button', { name: '打开在线客服' }).click();
    const input = page.getByRole('combobox', { name: '输入您的问题' });
    await input.pressSequentially(QUESTION, { delay: 200 });
    await input.press('Enter');
    const answer = page.locator('[data-kb-widget] .msg.bot[data-entry-id]');
    await answer.waitFor({ timeout: 20000 });
    assert.equal(await answer.getAttribute('data-entry-id'), 'after-sales-fees');

    const events = await timeline();
    const order = events.map((e) => e.what);
    const index = (what) => order.indexOf(what);
    const lastKey = order.lastIndexOf('key');
    assert.equal(order.filter((w) => w === 'key').length, QUESTION.length, order.join(' '));
    assert.ok(
      index('ready') >= 0 && index('ready') < lastKey,
      `ready before the last keystroke: ${order.join(' ')}`,
    );
    assert.ok(
      index('enter') > lastKey && index('answer') > index('enter'),
      `the answer after Enter: ${order.join(' ')}`,
    );
    const at = (what) => events[index(what)].at;
    const lead = at('ready') - at('key');
    console.log(
      `# engine ready ${Math.abs(lead).toFixed(0)} ms ${lead < 0 ? 'before' : 'after'} the first keystroke; ` +
        `the answer ${(at('answer') - at('enter')).toFixed(0)} ms after Enter`,
    );
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
