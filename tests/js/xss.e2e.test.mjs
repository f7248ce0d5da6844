// Hostile text, in content and in questions: tests/fixtures/xss-payloads.txt
// (script tags, event handlers, javascript: and data: links, SVG, entity
// tricks, mutation XSS) is written into entries, built by the real indexer,
// shown by the real widget and console in Chromium, and typed as visitors'
// questions. Nothing may run or load. The pages are served with their CSP
// switched off, so the proof rests on escaping and the allow-list alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, root, runIndexer, startServer } from './helpers.mjs';

const PAYLOADS = readFileSync(path.join(root, 'tests/fixtures/xss-payloads.txt'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'));
/** Short payloads that the front matter can hold: titles, phrasings, categories, situations, tags. */
const FIELD_PAYLOADS = ['<img src=x onerror=alert(1)>', '<script>alert(1)</script>', '<svg onload=alert(1)>'];
/** What cmark may write, and the attributes each element may keep after the allow-list. */
const ALLOWED = {
  p: [],
  br: [],
  strong: [],
  em: [],
  code: [],
  pre: [],
  blockquote: [],
  ul: [],
  ol: ['start'],
  li: [],
  a: ['href', 'target', 'rel'],
  h1: [],
  h2: [],
  h3: [],
  h4: [],
  h5: [],
  h6: [],
  hr: [],
};

const scratch = mkdtempSync(path.join(os.tmpdir(), 'kb-xss-'));
let server, url, browser;

/** A content folder holding every payload in every place entry text can go. */
function writeContent(dir) {
  const entry = (folder, id, front, body) => {
    mkdirSync(path.join(dir, folder), { recursive: true });
    writeFileSync(path.join(dir, folder, `${id}.md`), `---\nid: ${id}\n${front}\n---\n${body}\n`);
  };
  PAYLOADS.forEach((p, i) => {
    const field = FIELD_PAYLOADS[i % FIELD_PAYLOADS.length];
    entry(
      'faq',
      `xss-${i}`,
      [
        'type: faq',
        `title: 样例 ${i} ${field}`,
        'audience: public',
        `category: 测试 ${field}`,
        `tags: [样例${i}]`,
        'questions:',
        `  - 样例问题 ${i}`,
        `  - 第 ${i} 个样例 ${field}`,
        `  - sample question number ${i}`,
        'related: [xss-index]',
      ].join('\n'),
      `样例 ${i} 的回答：\n\n${p}\n\n- ${p}\n- **粗体** ${p}\n\n> ${p}\n\n1. ${p}`,
    );
  });
  entry(
    'faq',
    'xss-index',
    [
      'type: faq',
      'title: 全部样例',
      'audience: public',
      'category: 测试',
      'questions:',
      '  - 全部样例在哪里',
      '  - 样例目录',
      '  - list of samples',
    ].join('\n'),
    PAYLOADS.map((p, i) => `- [样例 ${i}](#/entry/xss-${i})`).join('\n'),
  );
  entry(
    'scripts',
    'xss-script',
    [
      'type: script',
      `title: 话术样例 ${FIELD_PAYLOADS[0]}`,
      'audience: internal',
      'category: 测试',
      'channel: chat',
      `situation: 当客户输入 ${FIELD_PAYLOADS[1]} 时`,
    ].join('\n'),
    `照着说：\n\n${PAYLOADS.map((p) => `> ${p}`).join('\n')}`,
  );
  entry(
    'procedures',
    'xss-steps',
    ['type: procedure', `title: 流程样例 ${FIELD_PAYLOADS[2]}`, 'audience: internal', 'category: 测试'].join(
      '\n',
    ),
    `按步骤做：\n\n${PAYLOADS.map((p, i) => `${i + 1}. ${p}`).join('\n')}`,
  );
}

before(async () => {
  const content = path.join(scratch, 'content');
  writeContent(content);
  const built = runIndexer(['build', content, '--out', path.join(scratch, 'kb')]);
  assert.equal(built.code, 0, built.stderr);
  assert.match(built.stderr, /raw HTML is not allowed; it is shown as text/, 'editors are told');
  ({ server, url } = await startServer({
    mounts: {
      '/agent/kb/': path.join(scratch, 'kb/internal'),
      '/kb/': path.join(scratch, 'kb/public'),
      '/agent/': 'build/agent',
      '/': 'build/site',
    },
  }));
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  server?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/**
 * A context without CSP that records every sign of script running: calls of
 * alert and its kin, dialogs, page errors, and requests for /xss-beacon.
 */
async function hostileContext() {
  const context = await browser.newContext({ locale: 'zh-CN', bypassCSP: true });
  await context.addInitScript(() => {
    window.__ran = [];
    for (const name of ['alert', 'confirm', 'prompt', 'print'])
      window[name] = (...a) => window.__ran.push(`${name}(${a.join()})`);
  });
  const signs = [];
  context.on('request', (r) => {
    if (r.url().includes('xss-beacon')) signs.push(`loaded ${r.url()}`);
  });
  context.on('page', (p) => {
    p.on('dialog', (d) => {
      signs.push(`dialog ${d.message()}`);
      d.dismiss().catch(() => {});
    });
    p.on('pageerror', (e) => signs.push(`page error ${e.message}`));
  });
  const page = await context.newPage();
  const ran = async () => [...signs, ...(await page.evaluate(() => window.__ran))];
  return { context, page, ran };
}

/** Elements outside the allow-list, or attributes they may not keep, under `selector` (shadow roots included). */
function strayMarkup(page, selector, allowed) {
  return page.evaluate(
    ({ selector, allowed }) => {
      const host = document.querySelector('[data-kb-widget]') || null;
      const scope = host && host.shadowRoot ? host.shadowRoot : document;
      const stray = [];
      for (const root of scope.querySelectorAll(selector)) {
        for (const node of root.querySelectorAll('*')) {
          const keep = allowed[node.localName];
          if (!keep) stray.push(`<${node.localName}>`);
          else
            for (const a of node.getAttributeNames())
              if (!keep.includes(a)) stray.push(`<${node.localName} ${a}>`);
          const href = node.getAttribute('href');
          if (href !== null && !/^(https?:\/\/|mailto:|tel:|#\/entry\/[a-z0-9-]+$)/i.test(href))
            stray.push(`href=${href}`);
        }
      }
      return stray;
    },
    { selector, allowed },
  );
}

/** The demo page with the widget open; returns its question box. */
async function openWidget(page) {
  await page.goto(`${url}/`);
  await page.getByRole('button', { name: '打开在线客服' }).click();
  return page.getByRole('combobox', { name: '输入您的问题' });
}

test('the detector works: an unsafe insert of one payload is caught', async () => {
  const { context, page, ran } = await hostileContext();
  await page.goto(`${url}/policy.html`);
  await page.evaluate(() => {
    document.body.insertAdjacentHTML('beforeend', '<img src="/xss-beacon?control" onerror="alert(1)">');
  });
  await page.waitForFunction(() => window.__ran.length > 0);
  const signs = await ran();
  assert.ok(
    signs.some((s) => s.includes('alert(1)')),
    signs.join('\n'),
  );
  assert.ok(
    signs.some((s) => s.includes('xss-beacon?control')),
    signs.join('\n'),
  );
  await context.close();
});

test('widget: hostile entry text is shown as text, every link is checked, and nothing runs', async () => {
  const { context, page, ran } = await hostileContext();
  const box = await openWidget(page);
  await box.fill('样例目录');
  await box.press('Enter');
  const hub = page.locator('.msg.bot[data-entry-id="xss-index"]');
  await hub.waitFor();
  for (let i = 0; i < PAYLOADS.length; i++) {
    // An entry link opens the entry in the conversation; the host page's address stays.
    await hub.getByRole('link', { name: `样例 ${i}`, exact: true }).click();
    const bubble = page.locator(`.msg.bot[data-entry-id="xss-${i}"]`).last();
    await bubble.waitFor();
    const text = await bubble.innerText();
    if (PAYLOADS[i].startsWith('<'))
      assert.ok(text.includes(PAYLOADS[i]), `payload ${i} is shown as text:\n${text}`);
    assert.ok(
      text.includes(FIELD_PAYLOADS[i % FIELD_PAYLOADS.length]),
      `the title is shown as text:\n${text}`,
    );
  }
  assert.equal(new URL(page.url()).hash, '', 'entry links never change the host page');
  assert.deepEqual(await strayMarkup(page, '.kb-text', ALLOWED), []);
  await page.waitForTimeout(300); // time for any handler or load to fire
  assert.deepEqual(await ran(), []);
  await context.close();
});

test('widget: hostile questions are shown as typed, and nothing runs', async () => {
  const { context, page, ran } = await hostileContext();
  const box = await openWidget(page);
  const users = page.locator('.msg.user');
  for (const [i, p] of PAYLOADS.entries()) {
    await box.fill(p);
    await box.press('Enter');
    await page.waitForFunction((n) => {
      const root = document.querySelector('[data-kb-widget]')?.shadowRoot || document;
      const log = root.querySelector('[role=log]');
      return (
        log &&
        log.querySelectorAll('.msg.user').length === n &&
        log.lastElementChild.classList.contains('bot')
      );
    }, i + 1);
    assert.equal(await users.nth(i).innerText(), p.trim());
  }
  await page.waitForTimeout(300);
  assert.deepEqual(await ran(), []);
  await context.close();
});

test('console: hostile entries, scripts and procedures render as text, searches echo safely, and nothing runs', async () => {
  const { context, page, ran } = await hostileContext();
  for (const id of [...PAYLOADS.map((p, i) => `xss-${i}`), 'xss-script', 'xss-steps']) {
    await page.goto(`${url}/agent/#/entry/${id}`);
    await page.locator('#entry-title').waitFor();
    assert.notEqual(await page.locator('#entry-title').innerText(), '找不到这个条目', id);
    assert.deepEqual(
      await strayMarkup(page, '#entry .text', {
        ...ALLOWED,
        figure: ['class'],
        button: ['type', 'class'],
        div: ['class'],
        input: ['type', 'id'],
        label: ['for'],
        ol: ['start', 'class'],
        p: ['class', 'aria-live'],
      }),
      [],
      id,
    );
  }
  // The script's copy buttons copy the words as text; the procedure is a checklist of every payload.
  assert.equal(await page.locator('.steps input[type=checkbox]').count(), PAYLOADS.length);
  await page.goto(`${url}/agent/#/entry/xss-script`);
  assert.ok((await page.locator('.say blockquote').innerText()).includes(PAYLOADS[0]));

  await page.goto(`${url}/agent/`);
  const input = page.locator('#q');
  for (const p of [...PAYLOADS, 'alert', 'onerror']) {
    await input.fill(p);
    await page.waitForFunction(
      (q) => new URL(location.href).searchParams.get('q') === q.trim() || !q.trim(),
      p,
    );
  }
  await page.waitForTimeout(300);
  assert.deepEqual(await ran(), []);
  await context.close();
});
