#!/usr/bin/env node
// Refreshes the screenshots in docs/ from the built demo site:
//   docs/screenshot.png         desktop: the widget answering 售后服务收费吗
//   docs/screenshot-mobile.png  phone: the hand-over card outside business hours
//   docs/screenshot-agent.png   the agent console: a search, facets and a script
//   docs/screenshot-agent-procedure.png  a procedure as a checklist
//   node scripts/screenshot.mjs
import { launchBrowser, startServer, root } from '../tests/js/helpers.mjs';
import path from 'node:path';

const SATURDAY_10AM_SHANGHAI = new Date('2026-11-28T02:00:00Z');

async function ask(page, question) {
  const input = page.getByRole('combobox', { name: '输入您的问题' });
  await input.fill(question);
  await input.press('Enter');
}

async function scrollLog(page, to) {
  await page.evaluate((where) => {
    const log = document.querySelector('[data-kb-widget]').shadowRoot.querySelector('.log');
    const card = log.querySelector('.handover');
    log.scrollTop =
      where === 'card' && card ? card.closest('.msg').offsetTop - log.offsetTop - 8 : log.scrollHeight;
  }, to);
}

const { server, url } = await startServer();
const browser = await launchBrowser();
try {
  const desktop = await browser.newPage({ viewport: { width: 1100, height: 760 }, locale: 'zh-CN' });
  await desktop.goto(`${url}/`);
  await desktop.getByRole('button', { name: '打开在线客服' }).click();
  await ask(desktop, '售后服务收费吗');
  await desktop.locator('[data-kb-widget] .msg.bot').nth(1).waitFor({ timeout: 20000 });
  await desktop.waitForTimeout(500); // related entries arrive a moment later
  await scrollLog(desktop, 'end');
  await desktop.screenshot({ path: path.join(root, 'docs/screenshot.png') });

  const phone = await browser.newPage({
    viewport: { width: 390, height: 780 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    reducedMotion: 'reduce',
  });
  await phone.clock.setFixedTime(SATURDAY_10AM_SHANGHAI);
  await phone.goto(`${url}/`);
  await phone.getByRole('button', { name: '打开在线客服' }).tap();
  await ask(phone, '我的空调坏了，维修要多少钱');
  await phone.locator('[data-kb-widget] .msg.bot').nth(1).waitFor({ timeout: 20000 });
  await phone.getByRole('dialog').getByRole('button', { name: '转人工客服' }).first().tap();
  await phone.locator('[data-kb-widget] .handover').waitFor();
  await phone.locator('[data-kb-widget]').evaluate((host) => host.shadowRoot.activeElement?.blur());
  await scrollLog(phone, 'card');
  await phone.screenshot({ path: path.join(root, 'docs/screenshot-mobile.png') });

  const agent = await browser.newPage({ viewport: { width: 1400, height: 860 }, locale: 'zh-CN' });
  await agent.goto(`${url}/agent/?q=${encodeURIComponent('投诉')}#/entry/complaint-acknowledge`);
  await agent.waitForSelector('body[data-ready="true"]');
  await agent.locator('#entry h2').waitFor();
  await agent.locator('#entry .related a').first().waitFor();
  await agent.evaluate(() => document.activeElement.blur());
  await agent.screenshot({ path: path.join(root, 'docs/screenshot-agent.png') });
  await agent.goto(`${url}/agent/?type=procedure#/entry/complaint-handling`);
  await agent.locator('.steps').waitFor();
  await agent.locator('.steps input').nth(0).check();
  await agent.locator('.steps input').nth(1).check();
  await agent.evaluate(() => document.activeElement.blur());
  await agent.screenshot({ path: path.join(root, 'docs/screenshot-agent-procedure.png') });
  console.log(
    'wrote docs/screenshot.png, screenshot-mobile.png, screenshot-agent.png, screenshot-agent-procedure.png',
  );
} finally {
  await browser.close();
  server.close();
}
