#!/usr/bin/env node
// Refreshes docs/screenshot.png: the demo page with the widget answering.
//   node scripts/screenshot.mjs [question] [out.png] [width]
import { launchBrowser, startServer, root } from '../tests/js/helpers.mjs';
import path from 'node:path';

const question = process.argv[2] || '售后服务收费吗';
const out = path.resolve(root, process.argv[3] || 'docs/screenshot.png');
const width = Number(process.argv[4] || 1100);

const { server, url } = await startServer();
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width, height: 760 }, locale: 'zh-CN' });
  await page.goto(`${url}/`);
  await page.getByRole('button', { name: '打开在线客服' }).click();
  const input = page.getByRole('textbox', { name: '输入您的问题' });
  await input.fill(question);
  await input.press('Enter');
  await page.locator('[data-kb-widget] .msg.bot').nth(1).waitFor({ timeout: 20000 });
  await page.waitForTimeout(500);  // related entries arrive a moment later
  await page.evaluate(() => {
    const log = document.querySelector('[data-kb-widget]').shadowRoot.querySelector('.log');
    log.scrollTop = log.scrollHeight;
  });
  await page.screenshot({ path: out });
  console.log(`wrote ${path.relative(root, out)}`);
} finally {
  await browser.close();
  server.close();
}
