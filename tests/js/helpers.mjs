// Shared by the JS tests: paths, the real static server, the real browser.
import path from 'node:path';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { before, after } from 'node:test';
import { startServer } from '../../scripts/serve.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const indexer = path.join(root, 'build/bin/kb-indexer');

export function runIndexer(args, options = {}) {
  const r = spawnSync(indexer, args, { encoding: 'utf8', cwd: root, ...options });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

export { startServer };

/**
 * The name the assembled site gives `file` (scripts/hash-assets.mjs), with the
 * hash of its content: 'kb-worker.js' -> 'kb-worker.<hash>.js'.
 */
export function siteAsset(file, dir = path.join(root, 'build/site')) {
  const [, stem, ext] = /^(.*)\.([a-z]+)$/.exec(file);
  const hashed = new RegExp(`^${stem}\\.[0-9a-f]{12}\\.${ext}$`); // stems are letters and dashes
  const found = readdirSync(dir).filter((f) => hashed.test(f));
  if (found.length !== 1)
    throw new Error(`${dir} has ${found.length} hashed copies of ${file}; run make build`);
  return found[0];
}

/**
 * For a browser test file: starts the demo server and Chromium before its
 * tests, hands them to `ready` ({server, url, receiver, analytics, browser}),
 * and stops both after.
 */
export function withSiteAndBrowser(ready, serverOptions) {
  let server, browser;
  before(async () => {
    const site = await startServer(serverOptions);
    server = site.server;
    browser = await launchBrowser();
    ready({ ...site, browser });
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });
}

/** Debian's Chromium, driven by playwright-core; no browser is downloaded. */
export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * The entries of kb-content/ as plain objects, read the simple way (tests must
 * not depend on the indexer they check): front-matter scalars, the question
 * phrasings as a list, and the body. Capitalised files are documentation.
 */
export function loadEntries(dir = path.join(root, 'kb-content')) {
  return readdirSync(dir, { recursive: true })
    .filter((f) => f.endsWith('.md') && /^[a-z]/.test(path.basename(f)))
    .map((f) => {
      const text = readFileSync(path.join(dir, f), 'utf8');
      const [, front, body] = text.match(/^---\n([\s\S]*?)\n---\n([\s\S]*)$/);
      const field = (name) => (front.match(new RegExp(`^${name}:\\s*(.+)$`, 'm')) || [])[1] || '';
      return {
        file: f,
        id: field('id'),
        type: field('type'),
        audience: field('audience'),
        title: field('title'),
        channel: field('channel'),
        situation: field('situation'),
        questions: [...front.matchAll(/^ {2}- (.+)$/gm)].map((m) => m[1]),
        body: body.trim(),
      };
    });
}

/**
 * A page of the demo site with the console, failed requests and HTTP errors
 * recorded in `problems`, and every request URL in `requests`. `time` fixes
 * the page's clock (for business hours); timers keep running. `lang` serves the
 * page with that <html lang> (the widget's UI follows it before the browser's).
 */
export async function openSitePage(
  browser,
  url,
  { locale = 'zh-CN', lang, path: pagePath = '/', time, context } = {},
) {
  const page = await (context || browser).newPage(context ? undefined : { locale });
  const pageUrl = new URL(`${url}${pagePath}`);
  if (lang)
    await serveEdited(
      page,
      (u) => u.href === pageUrl.href,
      (html, address) => inLanguage(html, lang, address),
    );
  const problems = [];
  const requests = [];
  page.on('request', (req) => requests.push(req.url()));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(err.message));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()}`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  if (time) await page.clock.setFixedTime(new Date(time));
  await page.goto(`${url}${pagePath}`);
  return { page, problems, requests };
}

/**
 * Serves the pages `matches` picks as edit(html) makes them, as a deployment
 * would edit them. `target`: a page or a browser context.
 */
async function serveEdited(target, matches, edit) {
  await target.route(matches, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: edit(await response.text(), route.request().url()) });
  });
}

/** `html` in <html lang="LANG"> in place of the zh-CN our pages ship with. */
function inLanguage(html, lang, url) {
  if (!html.includes('<html lang="zh-CN">')) throw new Error(`${url} is no longer zh-CN`);
  return html.replace('<html lang="zh-CN">', `<html lang="${lang}">`);
}

/**
 * The agent console at `${url}/agent/${pathAndQuery}` in a browser context of
 * its own (`options`: the context's), ready: its first results drawn. With
 * `lang`, its page comes with <html lang="LANG"> in place of the zh-CN it
 * ships with, as a deployment would edit it; `edit` (html => html) edits it further. Console and page errors are
 * recorded in `problems`.
 */
export async function openAgentConsole(browser, url, pathAndQuery = '', { lang, edit, ...options } = {}) {
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 1400, height: 900 },
    ...options,
  });
  if (lang || edit)
    await serveEdited(
      context,
      (u) => u.pathname === '/agent/',
      (html, address) => (edit || String)(lang ? inLanguage(html, lang, address) : html),
    );
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(err.message));
  await page.goto(`${url}/agent/${pathAndQuery}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  return { page, context, problems };
}

/**
 * Records, in the page's own clock, what a visitor and the widget did:
 * 'ready' (the widget's ready event: the engine can answer), 'key' (each
 * change to the question box), 'enter' and 'answer' (an answer bubble in the
 * conversation). Call before the visitor acts; returns a function that reads
 * the record as [{what, at}] in order.
 */
export async function recordWidgetTimeline(page) {
  await page.evaluate(() => {
    const record = [];
    const mark = (what) => record.push({ what, at: performance.now() });
    const shadow = document.querySelector('[data-kb-widget]').shadowRoot;
    window.KbWidget.instance.on('ready', () => mark('ready'));
    shadow.addEventListener('input', () => mark('key'), true);
    shadow.addEventListener(
      'keydown',
      (event) => {
        if (event.key === 'Enter') mark('enter');
      },
      true,
    );
    let answered = 0;
    new MutationObserver(() => {
      const count = shadow.querySelectorAll('.msg.bot[data-entry-id]').length;
      for (; answered < count; answered++) mark('answer');
    }).observe(shadow, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['data-entry-id'],
    });
    window[Symbol.for('kb-test-timeline')] = record;
  });
  return () => page.evaluate(() => window[Symbol.for('kb-test-timeline')]);
}

/**
 * A demo page that loads no index by itself, with the engine API
 * (under Symbol.for('kb-engine')) added: for driving the engine in the browser directly.
 * `target` is a browser or a browser context.
 */
export async function openEnginePage(target, url) {
  const page = await target.newPage();
  await page.goto(`${url}/policy.html`);
  await page.addScriptTag({ url: `${url}/kb-engine.js` });
  return page;
}

/**
 * Serves a host page of our own at `${url}/${name}.html` (with any query string),
 * under the demo's strict CSP, with its init script, in <html lang="LANG">.
 */
export async function routeFixturePage(page, url, name, { body = '', script = '', csp, lang = 'zh-CN' }) {
  const { CSP } = await import('../../scripts/serve.mjs');
  const address = new URL(`${url}/${name}.html`);
  const matches = (u) => u.origin === address.origin && u.pathname === address.pathname;
  await page.route(matches, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      headers: { 'Content-Security-Policy': csp || CSP },
      body:
        `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${name}</title></head>` +
        `<body><main><h1>${name}</h1></main>${body}<script src="${name}.js"></script></body></html>`,
    }),
  );
  await page.route(`${url}/${name}.js`, (route) =>
    route.fulfill({ contentType: 'text/javascript', body: script }),
  );
}

/**
 * Checks a value against the part of JSON Schema that docs/*.schema.json use
 * (type, const, enum, required, properties, additionalProperties: false, items,
 * maxLength, maxItems); returns the mismatches, [] when it conforms.
 */
export function schemaErrors(schema, value, where = '$') {
  const typeOf = (v) =>
    v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v;
  const errors = [];
  if ('const' in schema && value !== schema.const)
    errors.push(`${where}: must be ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.includes(value))
    errors.push(`${where}: ${JSON.stringify(value)} not in ${schema.enum.join('|')}`);
  if (schema.type) {
    const types = [].concat(schema.type);
    const t = typeOf(value);
    if (!types.includes(t) && !(t === 'integer' && types.includes('number')))
      return [`${where}: ${t}, expected ${types.join('|')}`];
  }
  if (typeof value === 'string' && schema.maxLength !== undefined && value.length > schema.maxLength)
    errors.push(`${where}: too long`);
  if (Array.isArray(value)) {
    if (schema.maxItems !== undefined && value.length > schema.maxItems)
      errors.push(`${where}: too many items`);
    if (schema.items)
      value.forEach((v, i) => errors.push(...schemaErrors(schema.items, v, `${where}[${i}]`)));
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const key of schema.required || []) if (!(key in value)) errors.push(`${where}.${key}: missing`);
    for (const [key, v] of Object.entries(value)) {
      if (schema.properties && key in schema.properties)
        errors.push(...schemaErrors(schema.properties[key], v, `${where}.${key}`));
      else if (schema.additionalProperties === false) errors.push(`${where}.${key}: not in the schema`);
    }
  }
  return errors;
}
