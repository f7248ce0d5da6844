#!/usr/bin/env node
// The benchmark: one table of figures against budgets (accuracy against its
// targets), PASS or FAIL per line.
// It measures; it never fails a build. `make bench` runs it after `make build`.
//   BENCH_SIZES=1000,10000,100000   generated knowledge-base sizes to build
//   BENCH_RUNS=10                   runs per browser timing (median reported)
//   BENCH_ONLY=first-answer,bytes   only these sections (comma-separated), for a
//                                   quick look while working on one of them:
//     bytes         the files before the first answer, summed from build/site
//     accuracy      kb-indexer eval on three sets
//     native        native ask latency (kb-bench)
//     browser       first answer through the widget's API, WASM ask latency in Chromium
//     first-answer  this widget beside Pagefind UI: bytes, cold, warm, Enter,
//                   a typing visitor (bench/first-answer.mjs; about 2–3 minutes)
//     peers         MiniSearch and FlexSearch in Node
//     sizes         generated knowledge bases of growing size, and Pagefind's bytes
//   A partial run writes its figures to build/bench-partial.json, not build/bench.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { generate } from './generate.mjs';
import { accuracyRows } from './accuracy.mjs';
import { bigramTokenize, documents, FlexSearch, MiniSearch, MINISEARCH_OPTIONS } from './peers.mjs';
import { buildPagefind, pagefindBytes } from './pagefind.mjs';
import { compareFirstAnswer, FIRST_SEARCH, KEYSTROKE_MS, QUESTION, TYPED } from './first-answer.mjs';
import { plot } from './plot.mjs';
import { launchBrowser, loadEntries, openEnginePage, startServer } from '../tests/js/helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const site = path.join(root, 'build/site');
const indexer = path.join(root, 'build/bin/kb-indexer');
const benchBin = path.join(root, 'build/native/bin/kb-bench');
for (const need of [path.join(site, 'kb-widget.js'), indexer, benchBin]) {
  if (!existsSync(need)) {
    console.error(`bench: ${path.relative(root, need)} is missing; run \`make build\` first`);
    process.exit(2);
  }
}
const SIZES = (process.env.BENCH_SIZES || '1000,10000,100000').split(',').map(Number).filter((n) => n > 0);
const RUNS = Number(process.env.BENCH_RUNS || 10);
const SECTIONS = ['bytes', 'accuracy', 'native', 'browser', 'first-answer', 'peers', 'sizes'];
const ONLY = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',').map((s) => s.trim()).filter(Boolean) : null;
for (const name of ONLY || []) {
  if (!SECTIONS.includes(name)) {
    console.error(`bench: BENCH_ONLY names an unknown section "${name}"; the sections: ${SECTIONS.join(', ')}`);
    process.exit(2);
  }
}
const want = (section) => !ONLY || ONLY.includes(section);
const KB = 1024;
const rows = [];
const figures = { date: new Date().toISOString().slice(0, 10), machine: `${os.cpus().length} × ${os.cpus()[0].model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}`, node: process.version };
const progress = (msg) => process.stderr.write(`bench: ${msg}\n`);

/** A line of the table; with a budget, PASS or FAIL. `value` is a number in `unit`. */
function row(section, measure, value, unit, budget, detail = '') {
  const kb = (v) => (v >= KB * KB ? `${(v / KB / KB).toFixed(2)} MB` : `${(v / KB).toFixed(1)} KB`);
  const shown = value === null ? '—' : unit === '%' ? `${value.toFixed(1)} %` : unit === 'KB' ? kb(value) : unit === 'ms' ? `${value.toFixed(Math.abs(value) < 10 ? 2 : 1)} ms`
    : unit === '/s' ? `${Math.round(value).toLocaleString('en')} /s` : `${value}`;
  let verdict = '';
  let budgetText = '';
  if (budget) {
    const [op, limit] = budget;
    verdict = value === null ? '' : (op === '<=' ? value <= limit : value >= limit) ? 'PASS' : 'FAIL';
    budgetText = `${op === '<=' ? '≤' : '≥'} ${unit === '%' ? `${limit} %` : unit === 'KB' ? kb(limit).replace('.00', '').replace('.0 ', ' ') : unit === 'ms' ? `${limit} ms` : `${limit.toLocaleString('en')} /s`}`;
  }
  rows.push({ section, measure, value: shown, detail, budget: budgetText, verdict });
}

const quantile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
const median = (xs) => quantile([...xs].sort((a, b) => a - b), 0.5);
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const br = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

// ---- 1. Bytes before the first answer ------------------------------------------

function sizes(files) {
  const each = files.map((f) => readFileSync(path.join(site, f)));
  return { raw: each.reduce((n, b) => n + b.length, 0), gzip: each.reduce((n, b) => n + gz(b), 0), brotli: each.reduce((n, b) => n + br(b), 0) };
}
const { database } = JSON.parse(readFileSync(path.join(site, 'kb/manifest.json'), 'utf8'));
let parts = null;  // the peers' comparison uses them too
if (want('bytes') || want('peers')) {
  progress('download sizes');
  parts = {
    'widget JS + CSS (no engine)': sizes(['kb-widget.js', 'kb-widget.css']),
    // kb-worker.js as assembled holds the Emscripten glue and the engine API too.
    'engine JS (loader, worker, glue)': sizes(['kb-engine.js', 'kb-worker.js']),
    'engine .wasm': sizes(['kb-core.wasm']),
    'public index (manifest + database)': sizes(['kb/manifest.json', `kb/${database}`]),
  };
}
if (want('bytes')) {
  const total = Object.values(parts).reduce((t, s) => ({ raw: t.raw + s.raw, gzip: t.gzip + s.gzip, brotli: t.brotli + s.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  figures.bytes = { ...parts, total };
  const sizeDetail = (s) => `raw ${(s.raw / KB).toFixed(1)} KB, br ${(s.brotli / KB).toFixed(1)} KB`;
  row('bytes', 'widget JS + CSS, gzip', parts['widget JS + CSS (no engine)'].gzip, 'KB', ['<=', 30 * KB], sizeDetail(parts['widget JS + CSS (no engine)']));
  row('bytes', 'engine JS, gzip', parts['engine JS (loader, worker, glue)'].gzip, 'KB', null, sizeDetail(parts['engine JS (loader, worker, glue)']));
  row('bytes', '.wasm, raw', parts['engine .wasm'].raw, 'KB', ['<=', 400 * KB]);
  row('bytes', '.wasm, gzip', parts['engine .wasm'].gzip, 'KB', ['<=', 150 * KB], `br ${(parts['engine .wasm'].brotli / KB).toFixed(1)} KB`);
  const pub = parts['public index (manifest + database)'];
  const { entries } = JSON.parse(readFileSync(path.join(site, 'kb/manifest.json'), 'utf8'));
  row('bytes', 'public index, gzip', pub.gzip, 'KB', null,
    `${sizeDetail(pub)}; an entry: ${(pub.raw / entries / KB).toFixed(1)} KB raw, ${(pub.gzip / entries / KB).toFixed(1)} KB gzip (${entries} entries)`);
  row('bytes', 'all before the first answer, gzip', total.gzip, 'KB', ['<=', 250 * KB], `${sizeDetail(total)}; the files summed (the bytes the browser fetched: "first answer — this widget")`);
}

// ---- 2. Answers right and wrong: the held-out self-test, BANKING77, the authors' set --

if (want('accuracy')) {
  progress('accuracy: kb-indexer eval on three sets, beside MiniSearch and BM25');
  figures.accuracy = accuracyRows(indexer);
  for (const r of figures.accuracy) row(r.section, r.measure, r.value, '%', r.target, r.detail);
}

// ---- 2b. Query latency, native ----------------------------------------------------

const questionsFile = path.join(root, 'tests/eval/questions.tsv');
let native = null;
if (want('native')) {
  progress('native query latency');
  native = JSON.parse(execFileSync(benchBin, [path.join(root, 'build/kb'), questionsFile, '5'], { encoding: 'utf8' }));
  figures.native_latency = native;
  row('latency', 'native ask, p50', native.p50_ms, 'ms', null, `${native.n} asks`);
  row('latency', 'native ask, p99', native.p99_ms, 'ms', null, `p95 ${native.p95_ms.toFixed(2)} ms`);
}

// ---- 3. In Chromium: time to first answer and WASM query latency -------------------

const questions = readFileSync(questionsFile, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'))
  .map(([audience, expected, question]) => ({ audience, expected, question }));
const publicDocs = documents(loadEntries().filter((e) => e.audience === 'public'));
if (want('browser')) {
  const { server, url } = await startServer();
  const browser = await launchBrowser();
  try {
    progress(`time to first answer, ${RUNS} cold and ${RUNS} warm runs`);
    const firstAnswer = async (page) => {
      await page.goto(`${url}/`);
      return page.evaluate(() => new Promise((done) => {
        const shadow = document.querySelector('[data-kb-widget]').shadowRoot;
        const t0 = performance.now();
        shadow.querySelector('.launcher').click();
        window.KbWidget.instance.ask('售后服务收费吗');
        const check = () => (shadow.querySelector('.msg.bot[data-entry-id]') ? done(performance.now() - t0) : requestAnimationFrame(check));
        check();
      }));
    };
    const cold = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ locale: 'zh-CN' });
      cold.push(await firstAnswer(await context.newPage()));
      await context.close();
    }
    const warm = [];
    const context = await browser.newContext({ locale: 'zh-CN' });
    await firstAnswer(await context.newPage());  // fills the HTTP cache
    for (let i = 0; i < RUNS; i++) {
      const page = await context.newPage();
      warm.push(await firstAnswer(page));
      await page.close();
    }
    figures.first_answer = { cold, warm };
    row('first answer', 'cold cache, median', median(cold), 'ms', ['<=', 300], `${RUNS} runs, launcher click to answer drawn; ask() at the click, not typed`);
    row('first answer', 'warm cache, median', median(warm), 'ms', ['<=', 50], `${RUNS} runs`);

    progress('WASM query latency in Chromium');
    const latency = [];
    for (const [audience, pagePath] of [['public', '/'], ['internal', '/agent/']]) {
      const page = await context.newPage();
      await page.goto(`${url}${pagePath}`);
      if (!await page.evaluate(() => Boolean(window[Symbol.for('kb-engine')]))) await page.addScriptTag({ url: `${url}/kb-engine.js` });
      const qs = questions.filter((q) => q.audience === audience).map((q) => q.question);
      latency.push(...await page.evaluate(async (list) => {
        const engine = window[Symbol.for('kb-engine')].create({ index: 'kb/' });
        await engine.ready;
        for (const q of list) await engine.ask(q);  // warm-up round
        const times = [];
        for (let r = 0; r < 3; r++) {
          for (const q of list) {
            const t0 = performance.now();
            await engine.ask(q);
            times.push(performance.now() - t0);
          }
        }
        engine.terminate();
        return times;
      }, qs));
      await page.close();
    }
    await context.close();
    latency.sort((a, b) => a - b);
    figures.wasm_latency = { n: latency.length, p50_ms: quantile(latency, 0.5), p95_ms: quantile(latency, 0.95), p99_ms: quantile(latency, 0.99) };
    row('latency', 'WASM ask in Chromium, p50', figures.wasm_latency.p50_ms, 'ms', null, `${latency.length} asks, worker round trip`);
    row('latency', 'WASM ask in Chromium, p99', figures.wasm_latency.p99_ms, 'ms', ['<=', 5], `p95 ${figures.wasm_latency.p95_ms.toFixed(2)} ms`);
    if (native) {
      row('latency', 'WASM p99 / native p99', figures.wasm_latency.p99_ms / native.p99_ms, 'x', null, 'budget: within 2×');
      rows.at(-1).budget = '≤ 2×';
      rows.at(-1).verdict = figures.wasm_latency.p99_ms <= 2 * native.p99_ms ? 'PASS' : 'FAIL';
      rows.at(-1).value = `${(figures.wasm_latency.p99_ms / native.p99_ms).toFixed(2)}×`;
    }
  } finally {
    await browser.close();
    server.close();
  }
}

// ---- 3b. This widget beside Pagefind UI, in Chromium: bytes, cold, warm, Enter, typing --
// The definitions are in bench/first-answer.mjs and in each row's detail.

if (want('first-answer')) {
  progress(`this widget beside Pagefind UI: ${RUNS} runs each of cold, warm, Enter and a typing visitor`);
  const browser = await launchBrowser();
  let c;
  try {
    c = await compareFirstAnswer({ browser, site, docs: publicDocs, runs: RUNS, progress });
  } finally {
    await browser.close();
  }
  figures.versus_pagefind_ui = c;
  const ms = (v) => `${Math.round(v)} ms`;
  const kb = (v) => `${(v / KB).toFixed(1)} KB`;
  const SIDE = { widget: 'first answer — this widget', pagefind: 'first answer — Pagefind UI' };
  const bytes = (side) => {
    const pick = (key) => median(c[side].bytes.map((b) => b[key]));
    return { gzip: pick('gzip'), code: pick('code'), index: pick('index'), static: pick('static'), responses: pick('responses'),
      warm: median(c[side].warmBytes.map((b) => b.gzip)) };
  };
  for (const side of ['widget', 'pagefind']) {
    const b = bytes(side);
    row(SIDE[side], 'bytes fetched before it, gzip', b.gzip, 'KB', side === 'widget' ? ['<=', 250 * KB] : null,
      `cold, as the server sent them until drawn, HTML page excluded, gzip -9 each: code ${kb(b.code)} + index ${kb(b.index)}, ` +
      `${b.responses} responses; static sum ${kb(b.static)}; warm: ${kb(b.warm)} again`);
  }
  const cold = { widget: median(c.widget.cold), pagefind: median(c.pagefind.cold) };
  const question = `「${QUESTION}」 filled, Enter`;
  row(SIDE.widget, 'cold, median', cold.widget, 'ms', ['<=', Number(cold.pagefind.toFixed(1))],
    `${RUNS} runs, new context: pointer on the launcher → ${question} → answer drawn; budget: Pagefind UI's cold`);
  row(SIDE.pagefind, 'cold, median', cold.pagefind, 'ms', null,
    `${RUNS} runs, new context: pointer on the search box → ${question} → first result drawn; debounce 0`);
  row(SIDE.widget, 'warm, median', median(c.widget.warm), 'ms', ['<=', Number((0.3 * cold.widget).toFixed(1))],
    `${RUNS} runs, a new page in a context that did it once; budget: 0.3 × our cold`);
  row(SIDE.pagefind, 'warm, median', median(c.pagefind.warm), 'ms', null, `${RUNS} runs, the same`);
  row(SIDE.widget, 'Enter to answer, engine ready, median', median(c.widget.enter), 'ms', null,
    `${RUNS} runs, warm: engine ready ('ready' event), question filled, Enter → answer drawn (its first question)`);
  row(SIDE.pagefind, 'new query to results, index loaded, median', median(c.pagefind.enter), 'ms', null,
    `${RUNS} runs, warm: after a first search (「${FIRST_SEARCH}」) drawn, question filled → first result drawn`);
  const typing = (side) => {
    const t = c[side].typing;
    const before = t.filter((x) => x.margin > 0).length;
    return { margin: median(t.map((x) => x.margin)), before, at: median(t.map((x) => x.ready)), last: median(t.map((x) => x.last)),
      answer: side === 'widget' ? median(t.map((x) => x.answer)) : null };
  };
  const typed = `cold, click, then 「${TYPED}」 at ${1000 / KEYSTROKE_MS} chars/s`;
  const w = typing('widget');
  row(SIDE.widget, 'typing visitor: engine ready before last key by', w.margin, 'ms', null,
    `${typed}: ready before it in ${w.before}/${RUNS} runs; ready at ${ms(w.at)}, last key at ${ms(w.last)} after the click; Enter → answer ${ms(w.answer)}`);
  const p = typing('pagefind');
  row(SIDE.pagefind, 'typing visitor: results drawn before last key by', p.margin, 'ms', null,
    `${typed}: first results (any prefix) drawn before it in ${p.before}/${RUNS} runs; at ${ms(p.at)}, last key at ${ms(p.last)} after the click`);
}

// ---- 4. The alternatives, side by side, in Node on the same content and questions --

if (want('peers')) {
  progress('MiniSearch and FlexSearch');
  const require = createRequire(import.meta.url);
  function timeQueries(search, list) {
    for (const q of list) search(q);
    const times = [];
    for (let r = 0; r < 3; r++) for (const q of list) { const t0 = performance.now(); search(q); times.push(performance.now() - t0); }
    times.sort((a, b) => a - b);
    return { p50: quantile(times, 0.5), p99: quantile(times, 0.99) };
  }
  const publicQuestions = questions.filter((q) => q.audience === 'public').map((q) => q.question);
  const peers = {};
  {
    const ms = new MiniSearch({ ...MINISEARCH_OPTIONS, tokenize: bigramTokenize });
    ms.addAll(publicDocs);
    const serialized = Buffer.from(JSON.stringify(ms));
    const bundle = readFileSync(require.resolve('minisearch'));
    const t0 = performance.now();
    const loaded = MiniSearch.loadJSON(serialized.toString(), { ...MINISEARCH_OPTIONS, tokenize: bigramTokenize });
    const load = performance.now() - t0;
    peers.MiniSearch = { bytes_gzip: gz(bundle) + gz(serialized), load_ms: load, ...timeQueries((q) => loaded.search(q), publicQuestions) };
  }
  {
    const index = new FlexSearch.Document({ document: { id: 'id', index: ['title', 'questions', 'body'] }, encoder: FlexSearch.Charset.CJK, tokenize: 'forward' });
    for (const d of publicDocs) index.add(d);
    const chunks = {};
    await index.export((key, data) => { chunks[key] = data; });
    const serialized = Buffer.from(JSON.stringify(chunks));
    const bundle = readFileSync(path.join(path.dirname(require.resolve('flexsearch')), 'flexsearch.bundle.min.js'));
    const t0 = performance.now();
    const copy = new FlexSearch.Document({ document: { id: 'id', index: ['title', 'questions', 'body'] }, encoder: FlexSearch.Charset.CJK, tokenize: 'forward' });
    for (const [key, data] of Object.entries(JSON.parse(serialized.toString()))) await copy.import(key, data);
    const load = performance.now() - t0;
    peers.FlexSearch = { bytes_gzip: gz(bundle) + gz(serialized), load_ms: load, ...timeQueries((q) => index.search(q, { limit: 5, suggest: true, merge: true }), publicQuestions) };
  }
  {
    const createKbCore = require(path.join(site, 'kb-core.js'));
    const { loadEngine } = require(path.join(root, 'build/site/kb-engine-api.js'));
    const wasmBinary = readFileSync(path.join(site, 'kb-core.wasm'));
    const indexBytes = readFileSync(path.join(site, 'kb', database));
    const t0 = performance.now();
    const engine = await loadEngine({ createModule: createKbCore, moduleOptions: { wasmBinary }, indexBytes });
    const load = performance.now() - t0;
    peers['this engine (WASM)'] = { bytes_gzip: parts['engine JS (loader, worker, glue)'].gzip + parts['engine .wasm'].gzip + parts['public index (manifest + database)'].gzip,
      load_ms: load, ...timeQueries((q) => engine.ask(q), publicQuestions) };
  }
  figures.peers = peers;
  for (const [name, p] of Object.entries(peers)) {
    row('peers (Node)', `${name}: bundle + index, gzip`, p.bytes_gzip, 'KB', null, `load ${p.load_ms.toFixed(1)} ms; query p50 ${p.p50.toFixed(2)} ms, p99 ${p.p99.toFixed(2)} ms`);
  }
}

// ---- 5. Knowledge bases of growing size: build, latency, and bytes per question --------

if (want('sizes')) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'kb-bench-'));
  const sampleQuestions = path.join(scratch, 'sample.tsv');
  writeFileSync(sampleQuestions, readFileSync(questionsFile, 'utf8').split('\n').slice(0, 301).join('\n') + '\n');
  // The first 300 labelled questions: their topics exist at every size.
  const sample = readFileSync(sampleQuestions, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
  const samplePublic = sample.filter(([audience]) => audience === 'public').map((r) => r[2]);
  const FOLLOW_UPS = 10;

  /** Builds `content` natively: throughput, index sizes and native latency. Leaves the indexes in `out`. */
  function build(content, out, entries) {
    const t0 = performance.now();
    const r = spawnSync(indexer, ['build', content, '--out', out], { encoding: 'utf8' });
    const seconds = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`build of ${content} failed: ${r.stderr.slice(-500)}`);
    const db = (side) => path.join(out, side, JSON.parse(readFileSync(path.join(out, side, 'manifest.json'), 'utf8')).database);
    return { entries, seconds, rate: entries / seconds, public_bytes: statSync(db('public')).size, internal_bytes: statSync(db('internal')).size,
      latency: JSON.parse(execFileSync(benchBin, [out, sampleQuestions, '1'], { encoding: 'utf8' })) };
  }

  /**
   * In Chromium, the public index of `out` as the widget's engine reads it (whole
   * up to 2 MB, by range requests above): index bytes fetched to open it and answer
   * the first question, then FOLLOW_UPS more; WASM latency over the public sample
   * after a warm-up round. And Pagefind's bytes for the same questions.
   */
  async function inBrowser(browser, out, docs) {
    const pagefindDir = path.join(out, 'pagefind');
    const pagefindSeconds = await buildPagefind(docs, pagefindDir);
    const { server, url, traffic } = await startServer({ mounts: { '/big/': path.join(out, 'public'), '/pagefind/': pagefindDir, '/': 'build/site' } });
    try {
      const context = await browser.newContext();  // an empty HTTP cache
      const page = await openEnginePage(context, url);
      const ours = await page.evaluate(async ({ questions, followUps }) => {
        const engine = window[Symbol.for('kb-engine')].create({ index: '/big/' });
        await engine.ready;
        const bytes = [];
        for (const q of questions.slice(0, followUps + 1)) {
          await engine.ask(q);
          bytes.push((await engine.stats()).fetchedBytes);
        }
        for (const q of questions) await engine.ask(q);  // warm-up round
        const times = [];
        for (const q of questions) {
          const t0 = performance.now();
          await engine.ask(q);
          times.push(performance.now() - t0);
        }
        const stats = await engine.stats();
        engine.terminate();
        return { bytes, times, mode: stats.mode, total_fetched: stats.fetchedBytes };
      }, { questions: samplePublic, followUps: FOLLOW_UPS });
      await context.close();
      ours.times.sort((x, y) => x - y);
      const pagefind = await pagefindBytes(browser, url, traffic, samplePublic.slice(0, FOLLOW_UPS + 1));
      return { mode: ours.mode, first_bytes: ours.bytes[0], more_bytes: ours.bytes.at(-1), total_fetched: ours.total_fetched,
        wasm_p50_ms: quantile(ours.times, 0.5), wasm_p99_ms: quantile(ours.times, 0.99),
        pagefind: { seconds: pagefindSeconds, code_bytes: pagefind.code, first_bytes: pagefind.index[0], more_bytes: pagefind.index.at(-1) } };
    } finally {
      server.close();
    }
  }

  const sizeBrowser = await launchBrowser();
  try {
    figures.build = [];
    const real = loadEntries();
    const sizes = [{ label: 'real', entries: real.length, content: path.join(root, 'kb-content') }, ...SIZES.map((n) => ({ label: String(n), entries: n }))];
    for (const size of sizes) {
      const name = size.label === 'real' ? `the real knowledge base (${size.entries} entries)` : `${size.entries.toLocaleString('en')} generated entries`;
      const content = size.content || path.join(scratch, `content-${size.label}`);
      if (!size.content) {
        progress(`generating ${name}`);
        generate(size.entries, content);
      }
      const out = path.join(scratch, `out-${size.label}`);
      progress(`building ${name}`);
      const result = { label: size.label, ...build(content, out, size.entries) };
      progress(`${name} in Chromium, and Pagefind`);
      const docs = documents((size.content ? real : loadEntries(content)).filter((e) => e.audience === 'public'));
      Object.assign(result, await inBrowser(sizeBrowser, out, docs));
      figures.build.push(result);
      rmSync(out, { recursive: true, force: true });
      if (!size.content) rmSync(content, { recursive: true, force: true });
    }
  } finally {
    await sizeBrowser.close();
    rmSync(scratch, { recursive: true, force: true });
  }
  const sizeName = (b) => (b.label === 'real' ? `real (${b.entries})` : Number(b.label).toLocaleString('en'));
  for (const b of figures.build) {
    row('build', `${sizeName(b)} entries`, b.rate, '/s', ['>=', 5000], `${b.seconds.toFixed(2)} s; internal ${(b.internal_bytes / KB / KB).toFixed(1)} MB, public ${(b.public_bytes / KB / KB).toFixed(1)} MB`);
  }
  for (const b of figures.build.filter((x) => x.label !== 'real')) {
    row('latency', `native ask at ${sizeName(b)} entries, p99`, b.latency.p99_ms, 'ms', null, `p50 ${b.latency.p50_ms.toFixed(2)} ms`);
  }
  for (const b of figures.build.filter((x) => x.label !== 'real')) {
    const budget = b.label === '100000' ? ['<=', 30] : null;
    row('latency', `WASM ask at ${sizeName(b)} entries, p99`, b.wasm_p99_ms, 'ms', budget, `p50 ${b.wasm_p50_ms.toFixed(2)} ms; index read by ${b.mode === 'ranges' ? 'range requests' : 'one download'}`);
  }
  for (const b of figures.build) {
    const lazy = b.mode === 'ranges';
    row('bytes per question', `${sizeName(b)} entries: index bytes, first answer`, b.first_bytes, 'KB', b.label === '100000' ? ['<=', 2048 * KB] : null,
      `${lazy ? 'range requests' : 'whole index'}; Pagefind ${(b.pagefind.first_bytes / KB).toFixed(0)} KB (+ ${(b.pagefind.code_bytes / KB).toFixed(0)} KB of its code)`);
    row('bytes per question', `${sizeName(b)} entries: after ${FOLLOW_UPS} more`, b.more_bytes, 'KB', null,
      `of ${(b.public_bytes / KB / KB).toFixed(1)} MB; Pagefind ${(b.pagefind.more_bytes / KB).toFixed(0)} KB (indexed in ${b.pagefind.seconds.toFixed(1)} s)`);
  }
}

// ---- The table --------------------------------------------------------------------

const header = ['section', 'measure', 'value', 'budget', 'result', 'detail'];
const table = [header, ...rows.map((r) => [r.section, r.measure, r.value, r.budget, r.verdict, r.detail])];
const widths = header.map((_, c) => Math.max(...table.map((r) => [...r[c]].length)));
console.log(`kb benchmark, ${figures.date}, ${figures.machine}, node ${process.version}`);
for (const [i, r] of table.entries()) {
  console.log(r.map((cell, c) => (c === 2 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd());
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
const failed = rows.filter((r) => r.verdict === 'FAIL').length;
console.log(`\n${rows.filter((r) => r.verdict).length - failed} PASS, ${failed} FAIL`);
if (ONLY) {
  writeFileSync(path.join(root, 'build/bench-partial.json'), JSON.stringify({ only: ONLY, figures, rows }, null, 2));
  console.log(`figures of ${ONLY.join(', ')}: build/bench-partial.json`);
} else {
  writeFileSync(path.join(root, 'build/bench.json'), JSON.stringify({ figures, rows }, null, 2));
  writeFileSync(path.join(root, 'build/bench.svg'), plot(figures));
  console.log('figures: build/bench.json; plot: build/bench.svg (docs/performance.svg is a copy)');
}
