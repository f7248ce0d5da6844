// Small talk is answered in the widget's UI language, whatever language the
// engine recognised it in: the engine names the kind, web/i18n has the words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openSitePage, root, withSiteAndBrowser } from './helpers.mjs';

let url, browser;
withSiteAndBrowser((site) => ({ url, browser } = site));

const strings = (lang) => JSON.parse(readFileSync(path.join(root, 'web/i18n', `${lang}.json`), 'utf8'));

/** Opens the widget as a visitor with `locale`, types `text`, and returns the bot's reply to it. */
async function replyTo(locale, text) {
  const T = strings(locale);
  const { page, problems } = await openSitePage(browser, url, { locale, lang: locale });
  await page.getByRole('button', { name: T.open }).click();
  const input = page.getByRole('combobox', { name: T.inputLabel });
  await input.fill(text);
  await input.press('Enter');
  // The greeting is the first bot message; the reply comes after the visitor's.
  const reply = page.locator('[data-kb-widget] .msg.user ~ .msg.bot').first();
  await reply.waitFor({ timeout: 20000 });
  const said = (await reply.innerText()).trim();
  const rated = await reply.locator('.feedback').count();
  await page.close();
  return { said, rated, problems };
}

test('an English visitor who types "thanks" is answered in English', async () => {
  const { said, rated, problems } = await replyTo('en', 'thanks');
  assert.equal(said, strings('en').smallTalkThanks);
  assert.equal(rated, 0, 'small talk is no article to rate');
  assert.deepEqual(problems, []);
});

test('a Chinese visitor who types 谢谢 is answered in Chinese', async () => {
  const { said, problems } = await replyTo('zh-CN', '谢谢');
  assert.equal(said, strings('zh-CN').smallTalkThanks);
  assert.deepEqual(problems, []);
});

test('the reply follows the UI language, not the language typed', async () => {
  assert.equal((await replyTo('zh-TW', 'hello')).said, strings('zh-TW').smallTalkGreeting);
  assert.equal((await replyTo('en', '再见')).said, strings('en').smallTalkBye);
});
