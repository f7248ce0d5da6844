// The agent console in Debian's headless Chromium, over the real internal
// index, and the check that nothing internal reaches the public site.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { loadEntries, openAgentConsole, root, withSiteAndBrowser } from './helpers.mjs';

let url, browser;
withSiteAndBrowser((site) => ({ url, browser } = site));

const openConsole = (pathAndQuery, options) => openAgentConsole(browser, url, pathAndQuery, options);

const results = (page) => page.locator('#results .result');
const search = (page) => page.getByRole('searchbox', { name: '搜索知识库' });

async function typeQuery(page, text) {
  await search(page).fill(text);
  await page.waitForFunction(
    (q) =>
      document.querySelector('#results').dataset.q === q &&
      document.querySelector('#count').textContent.startsWith('找到'),
    text,
  );
  await page.waitForTimeout(50);
}

test('search as you type: counts, highlighted words in one piece, traditional like simplified', async () => {
  const { page, context, problems } = await openConsole();
  assert.match(await page.locator('#count').innerText(), /^全部 175 条/);
  await typeQuery(page, '投诉');
  const count = await page.locator('#count').innerText();
  const total = Number(count.match(/找到 (\d+) 条/)[1]);
  assert.ok(total >= 20, count);
  const marks = await page.locator('#results mark').allInnerTexts();
  assert.ok(marks.length >= 10);
  for (const m of marks) assert.ok(m.includes('投诉'), `"${m}" is one highlight for the matched word`);
  assert.ok(!marks.some((m) => m === '投' || m === '诉'), 'never one mark per character');
  const firstTitles = await results(page).locator('.title').allInnerTexts();

  await typeQuery(page, '投訴');
  assert.equal(await page.locator('#count').innerText(), count, 'traditional finds what simplified finds');
  assert.deepEqual(await results(page).locator('.title').allInnerTexts(), firstTitles);
  assert.ok((await page.locator('#results mark').allInnerTexts()).every((m) => m.includes('投诉')));
  assert.deepEqual(problems, []);
  await context.close();
});

test('the count is of entries holding a word of the query; the rest wait under a collapsed "more"', async () => {
  const { page, context, problems } = await openConsole();
  // 客户很生气 shares 客, 户, 气 or 客户 with almost every entry; few hold 生气 (or a word of its group).
  await typeQuery(page, '客户很生气');
  const count = await page.locator('#count').innerText();
  const n = Number(count.match(/^找到 (\d+) 条/)[1]);
  assert.ok(n >= 1 && n <= 20, count);
  assert.equal(await results(page).count(), n);
  assert.equal(await results(page).first().getAttribute('data-id'), 'calm-angry-customer');
  // The facets count what the count counts.
  const types = page.getByRole('group', { name: '类型' });
  assert.equal(Number(await types.getByRole('button', { name: /^全部/ }).locator('.n').innerText()), n);
  const more = page.locator('#more');
  const summary = more.locator('summary');
  const rest = Number((await summary.innerText()).match(/^另有 (\d+) 条相关度较低的结果/)[1]);
  assert.ok(rest > 100, await summary.innerText());
  const others = more.locator('.result');
  assert.equal(await more.getAttribute('open'), null, 'collapsed');
  assert.equal(await others.first().isVisible(), false);
  await summary.click();
  await others.first().waitFor();
  const shown = await others.count();
  assert.ok(shown > 0 && shown <= rest, `${shown} of ${rest}`);
  const ids = [
    ...(await results(page).evaluateAll((links) => links.map((a) => a.dataset.id))),
    ...(await others.evaluateAll((links) => links.map((a) => a.dataset.id))),
  ];
  assert.equal(new Set(ids).size, ids.length, 'each entry once');

  // Queries with exact matches keep them, counted; a new query starts collapsed.
  await typeQuery(page, '售后服务收费吗');
  assert.equal(await more.getAttribute('open'), null);
  const fees = Number((await page.locator('#count').innerText()).match(/^找到 (\d+) 条/)[1]);
  assert.ok(fees >= 3 && fees <= 40, String(fees));
  assert.equal(await results(page).first().getAttribute('data-id'), 'after-sales-fees');
  await typeQuery(page, '投诉');
  const complaints = await results(page).locator('.title').allInnerTexts();
  assert.ok(complaints.length >= 20);
  assert.ok(
    complaints.slice(0, 10).every((title) => title.includes('投诉')),
    complaints.join(' / '),
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('客户骂人 finds the script for an angry caller among the first five results', async () => {
  const { page, context, problems } = await openConsole();
  await typeQuery(page, '客户骂人');
  const firstFive = await results(page).evaluateAll((links) => links.slice(0, 5).map((a) => a.dataset.id));
  assert.ok(firstFive.includes('calm-angry-customer'), firstFive.join(', '));
  assert.deepEqual(problems, []);
  await context.close();
});

test('type filters and category and channel facets, with counts that match the results', async () => {
  const { page, context, problems } = await openConsole();
  await typeQuery(page, '客户');
  const types = page.getByRole('group', { name: '类型' });
  const scriptButton = types.getByRole('button', { name: /^话术/ });
  const scriptCount = Number(await scriptButton.locator('.n').innerText());
  await scriptButton.click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('type') === 'script');
  await page.waitForFunction(
    (n) => document.querySelector('#count').textContent.startsWith(`找到 ${n} 条`),
    scriptCount,
  );
  assert.equal(await scriptButton.getAttribute('aria-pressed'), 'true');
  const badges = await results(page).locator('.badge').allInnerTexts();
  assert.equal(badges.length, Math.min(scriptCount, 100));
  assert.ok(badges.every((b) => b === '话术'));

  // A channel facet narrows further; its count is the number of results.
  const channel = page.locator('#channel-facet button', { hasText: '电话' });
  const phoneCount = Number(await channel.locator('.n').innerText());
  await channel.click();
  await page.waitForFunction(
    (n) => document.querySelector('#count').textContent.startsWith(`找到 ${n} 条`),
    phoneCount,
  );
  assert.ok(phoneCount > 0 && phoneCount <= scriptCount);
  assert.ok((await results(page).locator('.channel').allInnerTexts()).every((c) => c === '电话'));

  // A category facet: every result is in it.
  const category = page.locator('#category-facet button').first();
  const name = (await category.innerText()).replace(/\s*\d+$/, '').trim();
  const n = Number(await category.locator('.n').innerText());
  await category.click();
  await page.waitForFunction(
    (k) => document.querySelector('#count').textContent.startsWith(`找到 ${k} 条`),
    n,
  );
  assert.ok((await results(page).locator('.category').allInnerTexts()).every((c) => c === name));
  assert.equal(new URL(page.url()).searchParams.get('category'), name);

  // Pressing a chosen filter again clears it.
  await page.locator('#category-facet button[aria-pressed="true"]').click();
  await page.waitForFunction(() => !new URL(location.href).searchParams.get('category'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a Latin typo gets "did you mean", and one click searches the correction', async () => {
  const { page, context, problems } = await openConsole();
  await typeQuery(page, 'warrenty');
  const fix = page.locator('#did-you-mean').getByRole('button');
  assert.equal(await fix.innerText(), 'warranty');
  await fix.click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'warranty');
  await page.waitForFunction(() => document.querySelectorAll('#results .result').length > 0);
  assert.equal(await page.locator('#did-you-mean').isHidden(), true);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a script copies its words with one click; a procedure is a checklist that keeps its ticks', async () => {
  const { page, context, problems } = await openConsole('#/entry/complaint-acknowledge', {
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  await page.getByRole('heading', { name: '受理投诉时' }).waitFor();
  await page.getByRole('button', { name: '复制话术' }).first().click();
  await page.getByText('已复制话术').waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, await page.locator('.say blockquote').first().innerText());
  assert.match(copied, /非常抱歉/);

  await page.goto(`${url}/agent/#/entry/complaint-handling`);
  const steps = page.locator('.steps input[type=checkbox]');
  await steps.first().waitFor();
  const total = await steps.count();
  assert.ok(total >= 3);
  await page.getByLabel(/倾听/).check();
  await steps.nth(1).check();
  assert.equal(await page.locator('.progress').innerText(), `已完成 2 / ${total} 步`);
  await page.reload();
  await page.locator('.steps').waitFor();
  assert.equal(
    await page.locator('.progress').innerText(),
    `已完成 2 / ${total} 步`,
    'ticks survive a reload',
  );
  await page.getByRole('button', { name: '重新开始' }).click();
  assert.equal(await page.locator('.steps input:checked').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

// The console's page without the site's contact details that the demo gives it.
const withoutContacts = (html) => html.replace(/<body[^>]*>/, '<body>');

test('an entry’s {{phone}}, {{email}} and {{hours}} are the ones the console’s page gives', async () => {
  const { page, context, problems } = await openConsole('#/entry/service-hotline');
  const text = page.locator('#entry .text');
  await text.waitFor();
  assert.match(await text.innerText(), /24 小时服务电话：400-000-0000，随时可拨/);
  assert.equal(await text.getByRole('link', { name: '400-000-0000' }).getAttribute('href'), 'tel:4000000000');
  for (const [id, value] of [
    ['email-sms-support', 'support@example.com'],
    ['human-agent', '周一至周五 09:00–18:00（北京时间）'],
  ]) {
    await page.evaluate((entry) => {
      location.hash = `#/entry/${entry}`;
    }, id);
    await page.waitForFunction((v) => document.querySelector('#entry .text')?.textContent.includes(v), value);
    assert.ok(!(await page.locator('#entry').innerText()).includes('{{'), id);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('an entry’s {{phone}}, {{email}} and {{hours}} read as labels, and a tel: link to one as plain text', async () => {
  const { page, context, problems } = await openConsole('#/entry/service-hotline', { edit: withoutContacts });
  await page.locator('#entry .text').waitFor();
  const text = await page.locator('#entry').innerText();
  assert.match(text, /〔电话〕/);
  assert.ok(!text.includes('{{'), text);
  assert.equal(await page.locator('#entry a[href^="tel:"]').count(), 0, 'no link to dial a label');
  for (const [id, label] of [
    ['email-sms-support', '〔邮箱〕'],
    ['human-agent', '〔服务时间〕'],
    ['holiday-fault', '〔电话〕'],
  ]) {
    await page.evaluate((entry) => {
      location.hash = `#/entry/${entry}`;
    }, id);
    await page.waitForFunction(
      (label) => document.querySelector('#entry .text')?.textContent.includes(label),
      label,
    );
    assert.ok(!(await page.locator('#entry').innerText()).includes('{{'), id);
  }
  // And in the results: the snippet of an entry that holds one.
  await typeQuery(page, '24 小时服务电话');
  const listed = await page.locator('#main').innerText();
  assert.ok(!listed.includes('{{'), listed);
  assert.deepEqual(problems, []);
  await context.close();
});

test('keyboard first: / to search, arrows through results, Enter opens, Esc goes back', async () => {
  const { page, context, problems } = await openConsole();
  await page.evaluate(() => document.activeElement.blur()); // focus away from the search box
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
  await page.keyboard.type('回访');
  // The results of 回访, not those of 回 typed a moment before: they would be redrawn under the arrows.
  await page.waitForFunction(() => document.querySelector('#results').dataset.q === '回访');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const second = await results(page).nth(1).getAttribute('data-id');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.id), second);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => location.hash === `#/entry/${id}`, second);
  await page.locator('#entry h2').waitFor();
  assert.equal(await page.locator('#entry').isVisible(), true);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => location.hash === '#/');
  assert.equal(await page.locator('#entry').isHidden(), true);
  assert.equal(
    await page.evaluate(() => document.activeElement.dataset.id),
    second,
    'focus returns to the result',
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('deep links: ?q= with filters and #/entry/<id> open what was shared; recent and pinned stay', async () => {
  const { page, context, problems } = await openConsole(
    `?q=${encodeURIComponent('投诉')}&type=script#/entry/complaint-acknowledge`,
  );
  assert.equal(await search(page).inputValue(), '投诉');
  assert.equal(
    await page
      .getByRole('group', { name: '类型' })
      .getByRole('button', { name: /^话术/ })
      .getAttribute('aria-pressed'),
    'true',
  );
  assert.ok((await results(page).locator('.badge').allInnerTexts()).every((b) => b === '话术'));
  await page.getByRole('heading', { name: '受理投诉时' }).waitFor();
  assert.equal(
    await page.locator('#results .result[aria-current="true"]').getAttribute('data-id'),
    'complaint-acknowledge',
  );

  await page.getByRole('button', { name: '☆ 置顶' }).click();
  await page.goto(`${url}/agent/#/entry/does-not-exist`);
  await page.getByRole('heading', { name: '找不到这个条目' }).waitFor();
  await page.goto(`${url}/agent/`);
  await page.waitForSelector('body[data-ready="true"]');
  assert.deepEqual(await page.locator('#pinned a').allInnerTexts(), ['受理投诉时']);
  assert.deepEqual(await page.locator('#recent a').allInnerTexts(), ['受理投诉时']);
  await page.locator('#pinned a').click();
  await page.waitForFunction(() => location.hash === '#/entry/complaint-acknowledge');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a deep link that does not decode shows "not found" in place of the open entry', async () => {
  const { page, context, problems } = await openConsole('#/entry/complaint-acknowledge');
  await page.getByRole('heading', { name: '受理投诉时' }).waitFor();
  // Half a UTF-8 sequence: decodeURIComponent throws URIError on it.
  await page.evaluate(() => {
    location.hash = '#/entry/%E0%A4%A';
  });
  await page.getByRole('heading', { name: '找不到这个条目' }).waitFor({ timeout: 5000 });
  assert.match(await page.locator('#entry').innerText(), /没有 id 为“%E0%A4%A”的条目/);
  assert.equal(
    await page.getByRole('heading', { name: '受理投诉时' }).count(),
    0,
    'the previous entry is gone',
  );
  assert.equal(await page.locator('#results .result[aria-current]').count(), 0);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => location.hash === '#/' && document.querySelector('#entry').hidden);

  // Opened from such a link, too.
  await page.goto(`${url}/agent/#/entry/%E0%A4%A`);
  await page.reload();
  await page.getByRole('heading', { name: '找不到这个条目' }).waitFor({ timeout: 5000 });
  assert.deepEqual(problems, []);
  await context.close();
});

test('axe-core finds no violations in the console with an entry open', async () => {
  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const { page, context } = await openConsole(`?q=${encodeURIComponent('投诉')}#/entry/complaint-handling`, {
    bypassCSP: true,
  });
  await page.locator('.steps').waitFor();
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() => window.axe.run(document));
  assert.deepEqual(
    result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
  );
  await context.close();
});

/** Lines of an entry's text that say something of their own (not list markers or short fragments). */
function distinctive(entry) {
  return [
    entry.title,
    ...entry.body.split('\n').map((l) =>
      l
        .replace(/^\s*([-*>]|\d+[.)])\s*/, '')
        .replace(/\*\*/g, '')
        .trim(),
    ),
  ].filter((l) => [...l].length >= 8);
}

test('leak check: nothing internal in anything the public site loads', async () => {
  const entries = loadEntries();
  const publicText = entries
    .filter((e) => e.audience === 'public')
    .map((e) => [e.title, e.body, ...e.questions].join('\n'))
    .join('\n');
  const internal = entries.filter((e) => e.audience === 'internal');
  const secrets = internal.flatMap(distinctive).filter((line) => !publicText.includes(line));
  assert.ok(secrets.length > 150, `${secrets.length} internal lines to look for`);

  // A visitor browses every page, opens the widget, asks about internal-sounding topics.
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  const bodies = [];
  page.on('response', async (res) => {
    try {
      bodies.push({ url: res.url(), body: await res.body() });
    } catch (err) {
      /* redirects have no body */
    }
  });
  for (const p of ['/', '/policy.html', '/contact.html']) await page.goto(`${url}${p}`);
  await page.getByRole('button', { name: '打开在线客服' }).click();
  for (const q of ['投诉处理流程', '受理投诉时怎么说', '回访话术', '客服人员的素质要求', '危机处理']) {
    const box = page.getByRole('combobox', { name: '输入您的问题' });
    await box.fill(q);
    await box.press('Enter');
    await page.waitForTimeout(300);
  }
  await page.waitForLoadState('networkidle');
  assert.ok(!bodies.some((b) => b.url.includes('/agent/')), 'the public page never touches the console');
  const db = bodies.find((b) => /\/kb\/kb\.[0-9a-f]+\.db$/.test(b.url));
  assert.ok(db, 'the public index was loaded');
  const text = bodies
    .filter((b) => b !== db)
    .map((b) => b.body.toString('utf8'))
    .join('\n');
  const leaked = secrets.filter((line) => text.includes(line));
  assert.deepEqual(leaked, []);

  // The index itself (its data may be compressed): open the downloaded bytes and list every entry.
  const require = createRequire(import.meta.url);
  const createKbCore = require(path.join(root, 'build/site/kb-core.js'));
  const { loadEngine } = require(path.join(root, 'build/site/kb-engine-api.js'));
  const engine = await loadEngine({
    createModule: createKbCore,
    moduleOptions: { wasmBinary: readFileSync(path.join(root, 'build/site/kb-core.wasm')) },
    indexBytes: new Uint8Array(db.body),
  });
  const all = engine.search('', { all: true, limit: 500, facets: true });
  const publicIds = new Set(entries.filter((e) => e.audience === 'public').map((e) => e.id));
  assert.equal(all.total, publicIds.size);
  assert.ok(all.hits.every((h) => publicIds.has(h.id)));
  for (const e of internal) assert.equal(engine.get(e.id), null, `${e.id} is not in the public index`);
  // Term keys are stored uncompressed: no internal id appears even as a term.
  const raw = db.body.toString('latin1');
  assert.deepEqual(
    internal.filter((e) => new RegExp(`XID${e.id}(?![a-z0-9-])`).test(raw)).map((e) => e.id),
    [],
  );
  // synonyms.txt is made into the public index too: its groups, never an editor's comments.
  const comments = readFileSync(path.join(root, 'kb-content/synonyms.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.includes('#'))
    .map((l) => l.slice(l.indexOf('#') + 1).trim())
    .filter((l) => [...l].length >= 8);
  assert.ok(comments.length > 0, 'synonyms.txt has comments to look for');
  const utf8 = db.body.toString('utf8');
  assert.deepEqual(
    comments.filter((c) => utf8.includes(c)),
    [],
    'synonyms.txt comments in the public index',
  );
  assert.ok(/XIDafter-sales-fees(?![a-z0-9-])/.test(raw), 'the check would see an id term');

  // And on disk: no file of build/site holds an internal line or id term.
  const files = readdirSync(path.join(root, 'build/site'), { recursive: true })
    .map((f) => path.join(root, 'build/site', f))
    .filter((f) => !f.endsWith('/kb') && !f.endsWith('.png'));
  for (const f of files) {
    let content;
    try {
      content = readFileSync(f);
    } catch (err) {
      continue; // a directory
    }
    const utf8 = content.toString('utf8');
    assert.deepEqual(
      secrets.filter((line) => utf8.includes(line)),
      [],
      f,
    );
  }
  await context.close();
});
