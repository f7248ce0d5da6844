// The agent console in the language of its page's <html lang>: the same
// build/agent/index.html, served with lang="en" or lang="zh-TW" the way a
// deployment would edit it, in Debian's headless Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openAgentConsole, withSiteAndBrowser } from './helpers.mjs';

let url, browser;
withSiteAndBrowser((site) => ({ url, browser } = site));

/** The console with its page's <html lang> set to `lang`, ready: its first results drawn. */
const openConsole = (lang, pathAndQuery = '', options = {}) =>
  openAgentConsole(browser, url, pathAndQuery, { lang, ...options });

/** The type filter's labels, without their counts. */
const typeLabels = async (types) =>
  (await types.getByRole('button').allInnerTexts()).map((b) => b.replace(/\s*[\d,]+$/, ''));

/** Types `text` in the search box and waits for its results and count. */
async function typeQuery(page, label, text, countPattern) {
  await page.getByRole('searchbox', { name: label }).fill(text);
  await page.waitForFunction(
    ([q, pattern]) =>
      document.querySelector('#results').dataset.q === q &&
      new RegExp(pattern).test(document.querySelector('#count').textContent),
    [text, countPattern.source],
  );
}

/** The console's own words on screen: everything but the entries' titles, snippets, categories and text. */
const chrome = (page) =>
  page.evaluate(() => {
    const copy = document.body.cloneNode(true);
    copy
      .querySelectorAll('.result .title, .result .snippet, .result .category, #category-facet, .shortlist a')
      .forEach((n) => n.remove());
    copy
      .querySelectorAll('#entry h2, #entry .text, #entry .situation, #entry .questions li, #entry .related')
      .forEach((n) => n.remove());
    copy.querySelectorAll('#entry .meta').forEach((n) => {
      n.textContent = n.textContent
        .split(' · ')
        .filter((part, i) => i !== 1)
        .join(' · '); // drop the category
    });
    return `${document.title}\n${copy.innerText}`;
  });
const HAN = /[\u3400-\u9fff]/;

test('<html lang="en">: English labels, counts, entries and keyboard hint', async () => {
  const { page, context, problems } = await openConsole('en', '', {
    permissions: ['clipboard-read', 'clipboard-write'],
    edit: (html) => html.replace(/<body[^>]*>/, '<body>'), // no site contacts: labels
  });
  assert.equal(await page.title(), 'Agent console · Knowledge base search');
  const box = page.getByRole('searchbox', { name: 'Search the knowledge base' });
  assert.equal(await box.getAttribute('placeholder'), 'Search procedures, scripts, FAQs… (press /)');
  assert.equal(await page.locator('#status').innerText(), 'Internal knowledge base · 175 entries');
  assert.equal(await page.locator('#count').innerText(), 'All 175 entries, showing the first 100');
  const types = page.getByRole('group', { name: 'Type' });
  assert.deepEqual(await typeLabels(types), ['All', 'FAQ', 'Procedure', 'Script', 'Guideline']);
  assert.equal(await page.getByRole('complementary', { name: 'Filters' }).count(), 1);
  assert.equal(await page.getByRole('list', { name: 'Search results' }).count(), 1);
  assert.equal(
    await page.locator('#keys').innerText(),
    'Press / to search, ↓ ↑ to pick a result, Enter to open it, Esc to go back.',
  );
  assert.equal(await page.locator('#keys kbd').count(), 5);

  // An English result count, and the type filter's English label on every result.
  await typeQuery(page, 'Search the knowledge base', '投诉', /^\d+ results?/);
  const found = Number((await page.locator('#count').innerText()).match(/^(\d+) results?/)[1]);
  assert.ok(found >= 20, String(found));
  await types.getByRole('button', { name: /^Script/ }).click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('type') === 'script');
  await page.waitForFunction(() => /^\d+ results?/.test(document.querySelector('#count').textContent));
  assert.ok((await page.locator('#results .badge').allInnerTexts()).every((b) => b === 'Script'));
  assert.ok((await page.locator('#channel-facet button').allInnerTexts()).some((c) => /^Phone/.test(c)));

  // A script: English tools around the Chinese words to say.
  await page.goto(`${url}/agent/?q=${encodeURIComponent('投诉')}#/entry/complaint-acknowledge`);
  await page.getByRole('heading', { name: '受理投诉时' }).waitFor();
  assert.match(await page.locator('#entry .meta').innerText(), /^Script · .+ · Phone · Internal$/);
  assert.equal(await page.locator('#entry .situation strong').innerText(), 'Situation: ');
  await page.getByRole('button', { name: 'Copy script' }).first().click();
  await page.getByText('Script copied').waitFor();
  await page.getByRole('button', { name: '☆ Pin' }).click();
  await page.getByRole('button', { name: '★ Pinned' }).waitFor();
  assert.equal(await page.getByRole('link', { name: '← Back to results (Esc)' }).count(), 1);
  assert.equal(await page.getByRole('heading', { name: 'Related entries' }).count(), 1);
  const words = await chrome(page);
  assert.ok(!HAN.test(words), `Chinese in the English console:\n${words}`);
  // The entries' words are marked as the simplified Chinese they are, for screen readers and fonts.
  for (const content of ['#entry h2', '#entry .text', '#entry .meta span', '#results .result .title'])
    assert.equal(await page.locator(content).first().getAttribute('lang'), 'zh-CN', content);

  // A public FAQ: how customers ask it.
  await page.goto(`${url}/agent/#/entry/after-sales-fees`);
  await page.locator('#entry .questions summary').waitFor();
  assert.match(await page.locator('#entry .meta').innerText(), /^FAQ · .+ · Public$/);
  assert.match(await page.locator('#entry .questions summary').innerText(), /^How customers ask \(\d+\)$/);
  assert.ok(!HAN.test(await chrome(page)));

  // The site's contacts, when the page does not give them, as English labels.
  await page.goto(`${url}/agent/#/entry/service-hotline`);
  await page.locator('#entry .text').waitFor();
  assert.match(await page.locator('#entry .text').innerText(), /\[phone\]/);

  // A procedure's progress, and an unknown entry.
  await page.goto(`${url}/agent/#/entry/complaint-handling`);
  await page.locator('.steps').waitFor();
  const steps = await page.locator('.steps input').count();
  await page.locator('.steps input').first().check();
  assert.equal(await page.locator('.progress').innerText(), `1 of ${steps} steps done`);
  assert.equal(await page.getByRole('button', { name: 'Start over' }).count(), 1);
  await page.goto(`${url}/agent/#/entry/does-not-exist`);
  await page.getByRole('heading', { name: 'Entry not found' }).waitFor();
  assert.match(await page.locator('#entry').innerText(), /no entry with the id “does-not-exist”/);
  assert.ok(!HAN.test(await chrome(page)));
  assert.deepEqual(problems, []);
  await context.close();
});

test('<html lang="zh-TW">: traditional characters in Taiwan wording', async () => {
  const { page, context, problems } = await openConsole('zh-TW');
  assert.equal(await page.title(), '客服工作台 · 知識庫檢索');
  assert.equal(await page.locator('#status').innerText(), '內部知識庫 · 175 筆');
  assert.equal(await page.locator('#count').innerText(), '全部 175 筆，顯示前 100 筆');
  const types = page.getByRole('group', { name: '類型' });
  assert.deepEqual(await typeLabels(types), ['全部', '常見問題', '流程', '話術', '規範']);
  for (const heading of ['分類', '管道', '釘選', '最近檢視'])
    assert.equal(await page.getByRole('heading', { name: heading }).count(), 1, heading);
  assert.match(await page.locator('#keys').innerText(), /^按 \/ 搜尋，↓ ↑ 選擇結果，Enter 開啟，Esc 返回。$/);

  await typeQuery(page, '搜尋知識庫', '回訪', /^找到 \d+ 筆/);
  await page.getByRole('group', { name: '類型' }).getByRole('button', { name: /^話術/ }).click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('type') === 'script');
  assert.ok((await page.locator('#results .badge').allInnerTexts()).every((b) => b === '話術'));

  await page.goto(`${url}/agent/#/entry/complaint-acknowledge`);
  await page.getByRole('heading', { name: '受理投诉时' }).waitFor(); // the content's own words
  assert.match(await page.locator('#entry .meta').innerText(), /^話術 · .+ · 電話 · 內部$/);
  assert.equal(await page.locator('#entry .situation strong').innerText(), '情境：');
  for (const name of ['複製話術', '☆ 釘選', '複製連結'])
    assert.ok((await page.getByRole('button', { name }).count()) >= 1, name);
  assert.equal(await page.getByRole('link', { name: '← 返回結果（Esc）' }).count(), 1);
  // None of the simplified console's own words.
  const words = await chrome(page);
  for (const simplified of ['搜索', '加载', '条', '置顶', '复制', '类型', '渠道', '查看', '话术', '结果'])
    assert.ok(!words.includes(simplified), `${simplified} in the zh-TW console:\n${words}`);
  assert.deepEqual(problems, []);
  await context.close();
});
