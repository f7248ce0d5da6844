// This widget beside Pagefind's own UI (PagefindUI: the pagefind-ui.js and
// pagefind-ui.css that Pagefind writes into its bundle), in one run: the same
// Chromium, the same server (scripts/serve.mjs), the same public entries, the
// same question. bench/run.mjs prints the rows side by side; on their own:
//   BENCH_ONLY=first-answer node bench/run.mjs      (BENCH_RUNS=3: about a minute)
//
// The pages: two plain pages of the same shell, written to a temporary folder
// and served at /compare/: one with the widget's <script> tag (the site's
// build at /), one with <div id="search"></div> and PagefindUI over a bundle
// of the public entries indexed as bench/pagefind.mjs does (addCustomRecord),
// served at /pagefind/. PagefindUI's input debounce (300 ms by default) is set
// to 0, so that neither side waits on purpose: its figures are loading,
// searching and drawing, as ours are.
//
// Definitions. Times are the page's own clock (performance.now()); "drawn"
// means the answer (the widget: a bot message with an entry) or the first
// result title (Pagefind UI) found at an animation frame, timed once that
// frame has been rendered. Both sides are driven by Playwright the same way:
// the pointer moves to the launcher or the search box and clicks, the question
// is filled in one input event, then Enter is pressed (Pagefind UI searches as
// the input changes; its Enter does nothing).
// - cold: a new browser context (empty HTTP cache), the page loaded; from the
//   pointer reaching the launcher / search box (the widget starts its engine on
//   that hover) to the answer / first result drawn.
// - warm: the same, in a new page of a context that has done it once.
// - bytes: in each cold run, every response the server sent for the page and
//   its workers that it had finished sending before the answer / first result
//   was drawn, except the HTML page itself (the same shell on both sides); each
//   body compressed with gzip -9 as a server would send it, or as is where that
//   is smaller (Pagefind's index and fragments are gzip already). "static" is
//   the same sum over the whole files on disk; "warm" the same count in the
//   warm runs, what the HTTP cache did not spare.
// - Enter: the widget's engine ready, the question filled, Enter pressed → the
//   answer drawn; Pagefind UI after a first search (FIRST_SEARCH) drawn, its
//   index loaded: the question filled → its first result drawn, timed from the
//   input event.
// - typing visitor: a cold page; the click, then TYPED one character every
//   200 ms (5 a second; the last 1.6 s after the click), then Enter. For the
//   widget: was its engine ready before the last keystroke, and by how many
//   ms (engineReady below); for Pagefind UI: were its first results (for any
//   prefix) drawn before the last keystroke.
import { mkdirSync, readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildPagefind } from './pagefind.mjs';
import { startServer } from '../tests/js/helpers.mjs';

export const QUESTION = '售后服务收费吗';
export const TYPED = '售后服务收费吗？';  // eight characters: the widget's first quick reply
export const FIRST_SEARCH = '怎么投诉';
export const KEYSTROKE_MS = 200;
const WAIT_MS = 30000;  // for an answer or a result, before a run counts as broken

const shell = (head, body) => '<!doctype html>\n<html lang="zh-CN">\n<head><meta charset="utf-8"><title>客户服务</title>' +
  `<link rel="icon" href="data:,">${head}</head>\n<body><main><h1>客户服务</h1></main>\n${body}\n</body>\n</html>\n`;

/** Each side: its page, what the pointer clicks first, and where the question goes. */
const SIDES = {
  widget: {
    page: 'widget.html',
    html: shell('', '<script src="/kb-widget.js" data-index="/kb/" data-phone="400-000-0000" defer></script>'),
    opener: '.launcher',  // Playwright's CSS selectors reach into the widget's open shadow root
    input: '#kb-input',
  },
  pagefind: {
    page: 'pagefind.html',
    html: shell('<link rel="stylesheet" href="/pagefind/pagefind-ui.css">',
      '<div id="search"></div>\n<script src="/pagefind/pagefind-ui.js" defer></script>\n<script src="pagefind-init.js" defer></script>'),
    opener: '.pagefind-ui__search-input',
    input: '.pagefind-ui__search-input',
  },
};
// An external script: the demo server's Content-Security-Policy allows no inline one.
const PAGEFIND_INIT = "new PagefindUI({ element: '#search', debounceTimeoutMs: 0, showImages: false });\n";

/**
 * Runs in every page before its own scripts: window.__bench records the first
 * pointer or focus event (t0), every input event, the last Enter, and
 * watch(side, href) resolves with the time the answer or first result was drawn.
 */
function probe(waitMs) {
  const at = () => performance.now();
  const found = {
    widget: () => document.querySelector('[data-kb-widget]')?.shadowRoot?.querySelector('.msg.bot[data-entry-id]'),
    pagefind: (href) => {
      const link = document.querySelector('#search .pagefind-ui__result-link');
      return link && (!href || link.getAttribute('href') === href);
    },
  };
  const b = window.__bench = {
    reset() {
      Object.assign(b, { t0: null, inputs: [], enter: null });
    },
    watch(side, href) {
      return new Promise((done) => {
        const timer = setTimeout(() => done(null), waitMs);
        const check = () => {
          if (!found[side](href)) return requestAnimationFrame(check);
          clearTimeout(timer);
          setTimeout(() => done(at()), 0);  // after this frame's style, layout and paint
        };
        requestAnimationFrame(check);
      });
    },
  };
  b.reset();
  for (const type of ['pointerover', 'pointerdown', 'focusin']) addEventListener(type, () => { if (b.t0 === null) b.t0 = at(); }, true);
  addEventListener('input', () => b.inputs.push(at()), true);
  addEventListener('keydown', (event) => { if (event.key === 'Enter') b.enter = at(); }, true);
}

/**
 * In the page: resolves with the time (performance.now()) at which the
 * widget's engine could answer: the widget's 'ready' event (docs/widget.md).
 * Subscribe before the engine starts. The one place that knows the signal.
 */
function engineReady() {
  return new Promise((done) => window.KbWidget.instance.on('ready', () => done(performance.now())));
}

const sleep = (ms) => new Promise((done) => setTimeout(done, Math.max(0, ms)));
const bench = (page) => page.evaluate(() => {
  const { t0, inputs, enter } = window.__bench;
  return { t0, inputs, enter };
});

/** The page's time `t` (performance.now()) in ms since the epoch, as Date.now() counts. */
const epoch = async (page, t) => t + await page.evaluate(() => performance.timeOrigin);

/** Starts watching for the answer or first result; resolves once the watcher is in place. */
async function arm(page, side, href = null) {
  await page.evaluate(([s, h]) => {
    window.__bench.reset();
    window.__bench.done = window.__bench.watch(s, h);
  }, [side, href]);
}

async function drawn(page) {
  const t = await page.evaluate(() => window.__bench.done);
  if (t === null) throw new Error(`no answer or result drawn within ${WAIT_MS / 1000} s on ${page.url()}`);
  return t;
}

async function load(page, url, side) {
  await page.goto(`${url}/compare/${SIDES[side].page}`);
  if (side === 'widget') await page.evaluate(`void (window.__bench.ready = (${engineReady})())`);
}

async function ask(page, side, question) {
  await page.locator(SIDES[side].input).fill(question);
  await page.keyboard.press('Enter');
}

/**
 * Cold or warm: pointer on the opener → question filled → Enter → drawn.
 * Resolves to {ms, drawnAt (ms since the epoch), href (Pagefind UI's first result)}.
 */
async function firstAnswer(page, url, side) {
  await load(page, url, side);
  await arm(page, side);
  await page.locator(SIDES[side].opener).click();
  await ask(page, side, QUESTION);
  const end = await drawn(page);
  const { t0 } = await bench(page);
  if (t0 === null) throw new Error(`the click on ${SIDES[side].opener} reached no listener on ${page.url()}`);
  const href = side === 'pagefind' ? await page.locator('.pagefind-ui__result-link').first().getAttribute('href') : null;
  return { ms: end - t0, drawnAt: await epoch(page, end), href };
}

/** The engine ready (the widget) or a first search drawn (Pagefind UI), then the question: submit → drawn, in ms. */
async function enterToAnswer(page, url, side, href) {
  await load(page, url, side);
  await page.locator(SIDES[side].opener).click();
  if (side === 'widget') await page.evaluate(() => window.__bench.ready);
  else {
    await arm(page, side);
    await ask(page, side, FIRST_SEARCH);
    await drawn(page);
    const first = await page.locator('.pagefind-ui__result-link').first().getAttribute('href');
    if (first === href) throw new Error(`"${FIRST_SEARCH}" and "${QUESTION}" find the same first result; pick another first search`);
  }
  await arm(page, side, href);
  await ask(page, side, QUESTION);
  const end = await drawn(page);
  const { inputs, enter } = await bench(page);
  return end - (side === 'widget' ? enter : inputs.filter((t) => t <= end).at(-1));
}

/** A cold page; the click, then TYPED at 5 characters a second, then Enter. */
async function typingVisitor(page, url, side) {
  await load(page, url, side);
  await arm(page, side);
  await page.locator(SIDES[side].opener).click();
  const start = await epoch(page, (await bench(page)).t0);  // the keystrokes keep time from the pointer's arrival
  for (const [i, ch] of [...TYPED].entries()) {
    await sleep(start + KEYSTROKE_MS * (i + 1) - Date.now());
    await page.keyboard.type(ch);
  }
  await page.keyboard.press('Enter');
  const end = await drawn(page);
  const b = await bench(page);
  const last = b.inputs.at(-1);
  if (side === 'widget') {
    const ready = await page.evaluate(() => window.__bench.ready);
    return { margin: last - ready, ready: ready - b.t0, last: last - b.t0, answer: end - b.enter };
  }
  return { margin: last - end, ready: end - b.t0, last: last - b.t0 };
}

/**
 * Records every response `server` sends, as the server sees it (so what came
 * from the browser's HTTP cache is not there, and the workers' requests are):
 * {path, range: [start, end] or null, end: ms since the epoch}.
 */
function recordResponses(server) {
  const list = [];
  server.on('request', (req, res) => res.on('finish', () => {
    if (req.method !== 'GET' || (res.statusCode !== 200 && res.statusCode !== 206)) return;
    const range = /^bytes (\d+)-(\d+)\//.exec(res.getHeader('Content-Range') || '');
    list.push({ path: new URL(req.url, 'http://localhost').pathname, range: range && [Number(range[1]), Number(range[2])], end: Date.now() });
  }));
  return list;
}

const compressedSizes = new Map();
/** gzip -9 of the file's bytes (of `range`), or the bytes as they are where that is smaller. */
function compressed(file, range = null) {
  const key = `${file} ${range}`;
  if (!compressedSizes.has(key)) {
    const whole = readFileSync(file);
    const buf = range ? whole.subarray(range[0], range[1] + 1) : whole;
    compressedSizes.set(key, Math.min(buf.length, gzipSync(buf, { level: 9 }).length));
  }
  return compressedSizes.get(key);
}
const isIndex = (p) => p.startsWith('/kb/') || /\.pf_|pagefind-entry\.json$/.test(p);

/**
 * The responses of `list` that ended between `since` and `until` (ms since the
 * epoch), but HTML pages: gzip bytes in all, of code and of index, the static
 * sum (the whole files), and how many.
 */
async function bytesBefore(list, since, until, fileOf) {
  await sleep(50);  // a response that ended just before the answer was drawn
  const sum = { gzip: 0, code: 0, index: 0, static: 0, responses: 0 };
  for (const r of list.filter((x) => x.end >= since && x.end <= until && !x.path.endsWith('.html'))) {
    const n = compressed(fileOf(r.path), r.range);
    sum.gzip += n;
    sum[isIndex(r.path) ? 'index' : 'code'] += n;
    sum.static += compressed(fileOf(r.path));
    sum.responses += 1;
  }
  return sum;
}

/**
 * Measures both sides `runs` times each in `browser`. `site` is the built
 * site (build/site), `docs` the public entries as bench/peers.mjs's
 * documents() gives them. Resolves to {widget, pagefind}, each with cold,
 * warm and enter (ms per run), typing (per run) and bytes (per cold run).
 */
export async function compareFirstAnswer({ browser, site, docs, runs, progress = () => {} }) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'kb-bench-pagefind-ui-'));
  const pages = path.join(scratch, 'compare');
  const bundle = path.join(scratch, 'pagefind');
  mkdirSync(pages);
  for (const side of Object.values(SIDES)) writeFileSync(path.join(pages, side.page), side.html);
  writeFileSync(path.join(pages, 'pagefind-init.js'), PAGEFIND_INIT);
  await buildPagefind(docs, bundle);
  const mounts = { '/compare/': pages, '/pagefind/': bundle, '/': site };
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const fileOf = (p) => {
    const prefix = prefixes.find((x) => p.startsWith(x));
    return path.join(mounts[prefix], p.slice(prefix.length));
  };
  const { server, url } = await startServer({ mounts });
  const sent = recordResponses(server);
  const newContext = async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    await context.addInitScript(probe, WAIT_MS);
    return context;
  };
  const result = {};
  for (const side of Object.keys(SIDES)) result[side] = { cold: [], warm: [], enter: [], typing: [], bytes: [], warmBytes: [] };
  // The two sides take turns, first one then the other leading, so that a
  // machine busy at one moment weighs on both alike.
  const inTurn = async (each) => {
    for (let i = 0; i < runs; i++) {
      for (const side of i % 2 ? Object.keys(SIDES).reverse() : Object.keys(SIDES)) await each(side, result[side]);
    }
  };
  const warm = {};
  try {
    progress(`${runs} cold runs each`);
    await inTurn(async (side, r) => {
      const since = Date.now();
      const context = await newContext();
      const run = await firstAnswer(await context.newPage(), url, side);
      r.cold.push(run.ms);
      r.bytes.push(await bytesBefore(sent, since, run.drawnAt, fileOf));
      r.href = run.href;
      await context.close();
    });
    progress(`${runs} warm runs each, and ${runs} once the engine is ready`);
    for (const side of Object.keys(SIDES)) {
      warm[side] = await newContext();
      await firstAnswer(await warm[side].newPage(), url, side);  // fills the HTTP cache
    }
    await inTurn(async (side, r) => {
      const since = Date.now();
      const page = await warm[side].newPage();
      const run = await firstAnswer(page, url, side);
      r.warm.push(run.ms);
      r.warmBytes.push(await bytesBefore(sent, since, run.drawnAt, fileOf));
      await page.close();
    });
    await inTurn(async (side, r) => {
      const page = await warm[side].newPage();
      r.enter.push(await enterToAnswer(page, url, side, r.href));
      await page.close();
    });
    progress(`${runs} typing visitors each`);
    await inTurn(async (side, r) => {
      const context = await newContext();
      r.typing.push(await typingVisitor(await context.newPage(), url, side));
      await context.close();
    });
  } finally {
    for (const context of Object.values(warm)) await context.close();
    server.close();
    rmSync(scratch, { recursive: true, force: true });
  }
  return result;
}
