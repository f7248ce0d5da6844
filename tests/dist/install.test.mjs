// The release of `make dist` as a company uses it (make test-dist): the .deb
// installed with apt, a CSV and an XLSX imported and an index built by
// /usr/bin/kb-indexer from a content folder, the widget's tarball unpacked next to it, and a plain page with one
// script tag answering in Debian's headless Chromium. Installs the package as
// root (or with sudo), and removes it afterwards unless it was installed before.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, loadEntries, root, startServer } from '../js/helpers.mjs';
import { writeCsv, writeXlsx } from '../js/spreadsheets.mjs';

/** Runs a program; fails the test, with what it printed, unless it exits 0 (or `ok` accepts it). */
function run(program, args, { ok = (r) => r.status === 0, ...options } = {}) {
  const r = spawnSync(program, args, { encoding: 'utf8', cwd: root, ...options });
  if (!ok(r))
    assert.fail(`${program} ${args.join(' ')}: ${r.error || `exit ${r.status}`}\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** As root, as the CI machine runs; otherwise through sudo, which must not ask for a password. */
const asRoot = (program, args, options) =>
  process.getuid() === 0 ? run(program, args, options) : run('sudo', ['-n', program, ...args], options);

const version = readFileSync(path.join(root, 'VERSION'), 'utf8').trim();
const arch = run('dpkg', ['--print-architecture']).stdout.trim();
const tarball = path.join(root, 'dist', `kb-widget-${version}.tar.gz`);
const deb = path.join(root, 'dist', `kb-indexer_${version}_${arch}.deb`);
const installed = '/usr/bin/kb-indexer';
const isInstalled = () =>
  run('dpkg-query', ['-W', '-f=${Status}', 'kb-indexer'], { ok: () => true }).stdout.includes(
    'install ok installed',
  );

let tmp, installedBefore;
before(() => {
  for (const file of [tarball, deb]) assert.ok(existsSync(file), `${file} is missing; run make dist`);
  tmp = mkdtempSync(path.join(os.tmpdir(), 'kb-dist-'));
  installedBefore = isInstalled();
});
after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  if (installedBefore === false && isInstalled()) asRoot('dpkg', ['--remove', 'kb-indexer']);
});

// The tarball's files, by name: a content hash reads as <hash>.
const WIDGET_FILES = [
  'LICENSE',
  'kb-core.<hash>.wasm',
  'kb-core.LICENSES.txt',
  'kb-core.js',
  'kb-core.wasm',
  'kb-engine-api.js',
  'kb-engine.<hash>.js',
  'kb-engine.js',
  'kb-widget.<hash>.css',
  'kb-widget.css',
  'kb-widget.js',
  'kb-worker.<hash>.js',
  'kb-worker.js',
];
const HASHED_NAME = /\bkb-[a-z-]+\.[0-9a-f]{12}\.(?:js|css|wasm)\b/g;

test('the tarball holds the web files and their notices, and no knowledge base', () => {
  const listed = run('tar', ['-tzf', tarball]).stdout.split('\n').filter(Boolean);
  const top = `kb-widget-${version}/`;
  for (const name of listed) assert.ok(name.startsWith(top), `${name} is outside ${top}`);
  const files = listed.filter((name) => !name.endsWith('/')).map((name) => name.slice(top.length));
  assert.deepEqual(files.map((f) => f.replace(/\.[0-9a-f]{12}\./, '.<hash>.')).sort(), WIDGET_FILES);

  const unpacked = path.join(tmp, 'unpacked');
  mkdirSync(unpacked);
  run('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
  const text = Object.fromEntries(
    files.filter((f) => !f.endsWith('.wasm')).map((f) => [f, readFileSync(path.join(unpacked, f), 'utf8')]),
  );
  // Every hashed file that kb-widget.js leads to (docs/widget.md, "What is loaded") is in the tarball.
  for (const [file, body] of Object.entries(text))
    for (const named of body.match(HASHED_NAME) || [])
      assert.ok(files.includes(named), `${file} loads ${named}, which the tarball lacks`);
  assert.match(text['kb-widget.js'], /kb-engine\.[0-9a-f]{12}\.js/);
  assert.match(text['LICENSE'], /GNU GENERAL PUBLIC LICENSE/);
  assert.ok(text['kb-core.LICENSES.txt'].trim(), 'kb-core.LICENSES.txt is empty');
  // No content at all: no internal entry's title or answer, whatever the file.
  const internal = loadEntries().filter((e) => e.audience === 'internal');
  assert.ok(internal.length > 0, 'kb-content/ has no internal entries to look for');
  for (const entry of internal)
    for (const [file, body] of Object.entries(text)) {
      assert.ok(!body.includes(entry.title), `${file} holds the internal entry ${entry.id}'s title`);
      assert.ok(!body.includes(entry.body.slice(0, 40)), `${file} holds the internal entry ${entry.id}`);
    }
});

test('apt installs the .deb: kb-indexer with its version, its libraries as Depends, and its notices', () => {
  asRoot('apt-get', ['install', '-y', '--allow-downgrades', deb], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  assert.match(
    run(installed, ['--version']).stdout,
    new RegExp(`^kb-indexer ${version} \\(index format \\d+`),
  );

  const status = run('dpkg', ['-s', 'kb-indexer']).stdout;
  assert.match(status, new RegExp(`^Version: ${version.replace(/\./g, '\\.')}$`, 'm'));
  assert.match(status, new RegExp(`^Architecture: ${arch}$`, 'm'));
  const depends = (status.match(/^Depends: (.+)$/m) || [])[1] || '';
  for (const library of [
    'libxapian30',
    'libcmark0',
    'libzip4',
    'libxml2',
    'libc6',
    'libstdc\\+\\+6',
    'libgcc-s1',
  ])
    assert.match(depends, new RegExp(`(^|, )${library}[^,]* \\(>= [^)]+\\)`), `Depends: ${depends}`);

  const sections = run('readelf', ['-S', '--wide', installed]).stdout;
  assert.ok(!sections.includes('.symtab'), `${installed} is not stripped`);
  const owned = run('dpkg', ['-L', 'kb-indexer']).stdout.split('\n');
  for (const file of [
    installed,
    '/usr/share/doc/kb-indexer/copyright',
    '/usr/share/doc/kb-indexer/changelog.gz',
  ])
    assert.ok(owned.includes(file), `the package lacks ${file}`);
  const copyright = readFileSync('/usr/share/doc/kb-indexer/copyright', 'utf8');
  for (const notice of ['GPL-3.0-or-later', 'CC-CEDICT', 'jieba', 'Unicode', 'OpenCC', 'CLI11', 'nlohmann'])
    assert.ok(copyright.includes(notice), `the copyright file does not name ${notice}`);
});

// A company's own questions and answers, as its spreadsheet programs save them:
// a CSV with Chinese headers and an .xlsx with English ones, imported by the
// installed kb-indexer next to the knowledge base copied below.
const IMPORTED = [
  // [question a visitor types, the entry it must open]
  ['能用支付宝付款吗', 'alipay'],
  ['可以对公转账吗', 'bank-transfer'],
];
function importSpreadsheets(content) {
  const csv = path.join(tmp, 'payments.csv');
  writeCsv(csv, [
    ['标准问题', '相似问题', '答案', '分类', 'id'],
    [
      '可以用支付宝付款吗？',
      '支持支付宝吗\n能不能用支付宝扫码付款',
      '可以。扫码付款支持**支付宝**，付款后开具电子发票。',
      '付款方式',
      'alipay',
    ],
  ]);
  const xlsx = path.join(tmp, 'transfers.xlsx');
  writeXlsx(
    xlsx,
    [
      ['Question', 'Similar questions', 'Answer', 'Category', 'id'],
      [
        '支持对公转账吗？',
        '能用银行转账付款吗|公司账户怎么打款',
        '支持。请转到合同上写明的对公账户，并在附言里写上合同编号。',
        '付款方式',
        'bank-transfer',
      ],
    ],
    'openpyxl',
  );
  for (const [file, folder] of [
    [csv, 'imported-csv'],
    [xlsx, 'imported-xlsx'],
  ]) {
    const r = run(installed, ['import', file, '--out', path.join(content, folder)]);
    assert.match(r.stdout + r.stderr, /1 entr/, `${file}: ${r.stdout}${r.stderr}`);
  }
}

test('/usr/bin/kb-indexer imports a CSV and an XLSX and builds an index; the unpacked tarball answers from it on a plain page', async () => {
  const content = path.join(tmp, 'content');
  cpSync(path.join(root, 'kb-content'), content, { recursive: true });
  importSpreadsheets(content);
  const out = path.join(tmp, 'index');
  run(installed, ['build', content, '--out', out]);
  assert.ok(existsSync(path.join(out, 'public/manifest.json')), 'no public index');

  // The web files, the public index as kb/ next to them, and a page with one tag.
  const site = path.join(tmp, 'site');
  mkdirSync(site);
  run('tar', ['-xzf', tarball, '-C', site, '--strip-components=1']);
  cpSync(path.join(out, 'public'), path.join(site, 'kb'), { recursive: true });
  // (The icon only keeps Chromium from asking for a /favicon.ico that is not there.)
  writeFileSync(
    path.join(site, 'index.html'),
    '<!doctype html>\n<meta charset="utf-8">\n<title>Support</title>\n<link rel="icon" href="data:,">\n' +
      '<script src="kb-widget.js" data-index="kb/" data-phone="400-000-0000" defer></script>\n',
  );
  assert.deepEqual(readdirSync(path.join(site, 'kb')).filter((f) => f.endsWith('.db')).length, 1);

  const { server, url } = await startServer({ mounts: { '/': site } });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ locale: 'zh-CN' });
    const problems = [];
    const requests = [];
    page.on('request', (req) => requests.push(new URL(req.url()).pathname));
    page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
    page.on('pageerror', (err) => problems.push(err.message));
    page.on('response', (res) => res.status() >= 400 && problems.push(`HTTP ${res.status()}: ${res.url()}`));
    await page.goto(`${url}/`);
    await page.getByRole('button', { name: '打开在线客服' }).click();
    const input = page.getByRole('combobox', { name: '输入您的问题' });
    await input.fill('售后服务收费吗');
    await input.press('Enter');
    const answer = page.locator('[data-kb-widget] .msg.bot[data-entry-id="after-sales-fees"]');
    await answer.waitFor({ timeout: 30000 });
    assert.match(await answer.innerText(), /收费/);
    // And the entries imported from the spreadsheets.
    for (const [question, id] of IMPORTED) {
      await input.fill(question);
      await input.press('Enter');
      await page.locator(`[data-kb-widget] .msg.bot[data-entry-id="${id}"]`).waitFor({ timeout: 30000 });
    }
    assert.match(
      await page.locator('[data-kb-widget] .msg.bot[data-entry-id="alipay"]').innerText(),
      /扫码付款支持支付宝/,
    );
    assert.deepEqual(problems, []);
    for (const loaded of [/^\/kb-core\.[0-9a-f]{12}\.wasm$/, /^\/kb\/kb\.[0-9a-f]+\.db$/])
      assert.ok(
        requests.some((p) => loaded.test(p)),
        `nothing matching ${loaded} loaded: ${requests.join(' ')}`,
      );
  } finally {
    await browser.close();
    server.close();
  }
});
