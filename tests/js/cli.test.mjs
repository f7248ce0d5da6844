// kb-indexer as editors and the build use it: real content, real Xapian.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, existsSync, cpSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadEntries, root, runIndexer } from './helpers.mjs';

// The format the browser checks manifests for (web/src/shared/constants.js reads the same file).
const INDEX_FORMAT = JSON.parse(readFileSync(path.join(root, 'core/constants.json'), 'utf8')).indexFormat;

const built = path.join(root, 'build/kb');

test('build writes a public and an internal index with manifests', () => {
  for (const audience of ['public', 'internal']) {
    const manifest = JSON.parse(readFileSync(path.join(built, audience, 'manifest.json'), 'utf8'));
    assert.equal(manifest.format, INDEX_FORMAT, 'the browser reads the format the indexer writes');
    assert.equal(manifest.audience, audience);
    assert.match(manifest.content_hash, /^fnv1a64:[0-9a-f]{16}$/);
    assert.ok(manifest.entries > 0);
    assert.ok(existsSync(path.join(built, audience, manifest.database)));
  }
  const pub = JSON.parse(readFileSync(path.join(built, 'public/manifest.json'), 'utf8'));
  const internal = JSON.parse(readFileSync(path.join(built, 'internal/manifest.json'), 'utf8'));
  assert.ok(internal.entries > pub.entries, 'the internal index holds public and internal entries');
});

test('ask prints the documented JSON and answers the fee question', () => {
  const r = runIndexer(['ask', '--index', path.join(built, 'public'), '--json', '售后服务收费吗']);
  assert.equal(r.code, 0, r.stderr);
  const reply = JSON.parse(r.stdout);
  assert.equal(reply.decision, 'answer');
  assert.ok(reply.confidence > 0 && reply.confidence <= 1);
  assert.match(reply.answer.title, /收费/);
  assert.equal(typeof reply.answer.html, 'string');
  assert.equal(reply.answer.text, undefined, 'the widget shows the HTML; its index leaves the Markdown out');
  assert.ok(Array.isArray(reply.suggestions));
  const full = JSON.parse(
    runIndexer(['ask', '--index', path.join(built, 'internal'), '--json', '售后服务收费吗']).stdout,
  );
  assert.equal(typeof full.answer.text, 'string', "the console's index keeps the Markdown");
});

test('ask answers a confident match asked again, and says when a person is offered beside an answer', () => {
  const pub = path.join(built, 'public');
  // The suggestion retyped, or the question answered again: a confident match is answered.
  let r = runIndexer(['ask', '--index', pub, '--previous', '你们售后要收钱吗', '售后服务收费吗']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^answer \(confidence [0-9.]+, match, a person offered beside it\)/);
  assert.match(r.stdout, /\[after-sales-fees\]/);
  r = runIndexer(['ask', '--index', pub, '我要投诉你们，怎么弄']);
  assert.match(r.stdout, /^answer \(confidence [0-9.]+, match, a person offered beside it\)/);
  r = runIndexer(['ask', '--index', pub, '售后服务收费吗']);
  assert.match(r.stdout, /^answer \(confidence [0-9.]+, match\)\n/, 'no offer for a first, plain question');
});

test('ask names small talk by its key; the widget, not the engine, words the reply', () => {
  const r = runIndexer(['ask', '--index', path.join(built, 'public'), 'thank you so much']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^answer \(confidence 1(\.0)?, small-talk\)\nsmall talk: thanks\n$/);
  const json = JSON.parse(
    runIndexer(['ask', '--index', path.join(built, 'public'), '--json', '谢啦']).stdout,
  );
  assert.deepEqual(json.answer, { id: '', type: 'small-talk', key: 'thanks', title: '', text: '' });
});

test('the public index never returns an internal entry', () => {
  const r = runIndexer([
    'search',
    '--index',
    path.join(built, 'public'),
    '--json',
    '--limit',
    '100',
    '投诉 处理 流程 话术 回访',
  ]);
  assert.equal(r.code, 0, r.stderr);
  const internalIds = loadEntries()
    .filter((e) => e.audience === 'internal')
    .map((e) => e.id);
  assert.ok(internalIds.length > 0);
  for (const hit of JSON.parse(r.stdout).hits) assert.ok(!internalIds.includes(hit.id), hit.id);
});

test('invalid content is refused with file:line:column and a hint, and nothing is written', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kb-invalid-'));
  try {
    const content = path.join(dir, 'content');
    cpSync(path.join(root, 'kb-content'), content, { recursive: true });
    const bad = path.join(content, 'faq', 'broken-entry.md');
    writeFileSync(
      bad,
      '---\nid: broken-entry\ntype: howto\ntitle: 坏条目\naudience: public\ncategory: 测试\n---\n正文\n',
    );
    const out = path.join(dir, 'out');
    const r = runIndexer(['build', content, '--out', out]);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /broken-entry\.md:3:7: error: unknown type 'howto'\n  hint: use faq, procedure, script or rule/,
    );
    assert.match(r.stderr, /nothing was written/);
    assert.ok(!existsSync(path.join(out, 'public')), 'no index may be written');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a failed rebuild leaves the previous index in place', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kb-rebuild-'));
  try {
    const content = path.join(dir, 'content');
    cpSync(path.join(root, 'kb-content'), content, { recursive: true });
    const out = path.join(dir, 'out');
    assert.equal(runIndexer(['build', content, '--out', out]).code, 0);
    const before = readFileSync(path.join(out, 'public/manifest.json'), 'utf8');
    mkdirSync(path.join(content, 'extra'));
    writeFileSync(path.join(content, 'extra', 'x.md'), '---\nid: x\n');
    assert.equal(runIndexer(['build', content, '--out', out]).code, 1);
    assert.equal(readFileSync(path.join(out, 'public/manifest.json'), 'utf8'), before);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('usage errors and a missing index exit with clear messages', () => {
  let r = runIndexer(['frobnicate']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown command 'frobnicate'/);
  r = runIndexer(['ask', '--index', '/nonexistent/index', 'hello']);
  assert.equal(r.code, 3);
  assert.match(r.stderr, /no index at .*run kb-indexer build first/);
});
