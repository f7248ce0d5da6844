// The editors' commands on real content and on copies of it with planted
// problems: check, build (incremental, atomic, interrupted), watch, test, gaps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { indexer, root, runIndexer, startServer } from './helpers.mjs';

/** A scratch copy of kb-content/ and an output folder, removed afterwards. */
function scratch(name, fn) {
  return async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), `kb-${name}-`));
    try {
      const content = path.join(dir, 'content');
      cpSync(path.join(root, 'kb-content'), content, { recursive: true });
      await fn({ dir, content, out: path.join(dir, 'out') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

/** Every file under `dir` with its bytes, for "nothing changed" checks. */
function snapshot(dir) {
  const files = {};
  for (const f of readdirSync(dir, { recursive: true })) {
    const p = path.join(dir, f);
    try {
      files[f] = readFileSync(p).toString('base64');
    } catch (err) {
      /* a folder */
    }
  }
  return files;
}

const entry = (id, fields, body) => `---\nid: ${id}\n${fields}\n---\n${body}\n`;

test('check passes the real content and writes nothing', () => {
  const before = snapshot(path.join(root, 'kb-content'));
  const r = runIndexer(['check', 'kb-content']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /175 entries checked: 0 error\(s\), 0 warning\(s\); nothing was written/);
  assert.deepEqual(snapshot(path.join(root, 'kb-content')), before);
});

test(
  'check warns about weak content, with file:line:column and a hint',
  scratch('check', ({ content }) => {
    writeFileSync(
      path.join(content, 'faq', 'invoice.md'),
      entry(
        'invoice',
        'type: faq\ntitle: 怎么开发票？\naudience: public\ncategory: 售后与收费\nquestions:\n  - 怎么开发票\nrelated: [after-sales-fee]',
        `发票在服务完成后开具。${'具体说明'.repeat(80)}\n\n详见[收费标准](#/entry/no-such-entry)，或[点这里](javascript:alert(1))。`,
      ),
    );
    // A phrasing that another entry answers better, and one the hand-over takes before any entry.
    const human = path.join(content, 'faq', 'human-agent.md');
    writeFileSync(
      human,
      readFileSync(human, 'utf8').replace(
        '  - 人工服务时间\n',
        '  - 人工服务时间\n  - 售后服务收不收钱\n  - 请帮我转人工\n',
      ),
    );
    appendFileSync(path.join(content, 'synonyms.txt'), '乌龙茶 红茶 绿茶\n');

    const r = runIndexer(['check', content]);
    assert.equal(r.code, 0, 'warnings do not fail a check');
    const expect = [
      /invoice\.md:7:11: warning: only 1 phrasing\(s\); visitors ask in many ways\n  hint: add at least 3/,
      /invoice\.md:9:10: warning: related id 'after-sales-fee' does not exist\n  hint: did you mean 'after-sales-fees'\?/,
      /invoice\.md:11:1: warning: the answer is \d+ characters; the widget shows about 300/,
      /invoice\.md:13:\d+: warning: link to entry 'no-such-entry', which does not exist/,
      /invoice\.md:13:\d+: warning: link target 'javascript:alert\(1\)' is not allowed/,
      /human-agent\.md:\d+:5: warning: '售后服务收不收钱' matches 'after-sales-fees' almost as well \(\d+% vs \d+%\); the bot will ask which one is meant/,
      // and the other side of the collision: after-sales-fees' own phrasings now match human-agent as well
      /after-sales-fees\.md:\d+:5: warning: '售后服务收费吗' matches 'human-agent' almost as well/,
      /human-agent\.md:\d+:5: warning: '请帮我转人工' asks to be put through to a person: the bot hands over at once, so it never reaches this entry/,
      /synonyms\.txt:\d+:1: warning: no entry uses any word of the group '乌龙茶 红茶 绿茶'/,
    ];
    for (const re of expect) assert.match(r.stderr, re);
    assert.match(r.stderr, /0 error\(s\), 10 warning\(s\); nothing was written/);

    const strict = runIndexer(['check', content, '--strict']);
    assert.equal(strict.code, 1, '--strict fails on warnings');
    const json = JSON.parse(runIndexer(['check', content, '--json']).stdout);
    assert.equal(json.warnings, 10);
    assert.deepEqual(Object.keys(json.issues[0]).sort(), [
      'column',
      'file',
      'hint',
      'line',
      'message',
      'severity',
    ]);
  }),
);

test(
  'check reports errors with where and how to fix them, and exits 1',
  scratch('check-errors', ({ content }) => {
    writeFileSync(
      path.join(content, 'faq', 'bad.md'),
      entry('bad', 'type: fqa\ntitle: 坏\naudince: public\ncategory: 测试', '正文'),
    );
    const r = runIndexer(['check', content]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /bad\.md:3:7: error: unknown type 'fqa'\n  hint: did you mean 'faq'\?/);
    assert.match(r.stderr, /bad\.md:5:1: error: unknown field 'audince'\n  hint: did you mean 'audience'\?/);
    assert.match(r.stderr, /bad\.md:2:1: error: missing field 'audience'/);
    assert.match(r.stderr, /3 error\(s\)/);
  }),
);

test(
  'check names a placeholder the widget does not fill in as an error; {{phone}}, {{email}}, {{hours}} pass',
  scratch('placeholders', ({ content, out }) => {
    // The real content uses the known ones (service-hotline and others): check passes it.
    assert.match(readFileSync(path.join(content, 'faq/service-hotline.md'), 'utf8'), /\{\{phone\}\}/);
    writeFileSync(
      path.join(content, 'faq', 'fax.md'),
      entry(
        'fax',
        'type: faq\ntitle: 可以发传真吗？\naudience: public\ncategory: 服务渠道\nquestions:\n  - 可以发传真吗\n  - 传真号是多少\n  - 能传真给你们吗',
        '可以，传真号 {{fax}}。\n\n- 或拨打 {{ phone }}，写信到 {{email}}，时间 {{hours}}。',
      ),
    );
    const r = runIndexer(['check', content]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(
      r.stderr,
      /fax\.md:12:8: error: unknown placeholder '\{\{fax\}\}'\n  hint: use \{\{phone\}\}, \{\{email\}\} or \{\{hours\}\}/,
    );
    assert.match(
      r.stderr,
      /fax\.md:14:7: error: placeholder '\{\{ phone \}\}' must be written '\{\{phone\}\}'/,
    );
    assert.match(r.stderr, /2 error\(s\)/);
    // An error stops the build, as any other content error does.
    const build = runIndexer(['build', content, '--out', out]);
    assert.equal(build.code, 1);
    assert.ok(!existsSync(path.join(out, 'public')));
  }),
);

test(
  'build is incremental, keeps the previous build, and names the database by its content',
  scratch('build', ({ content, out }) => {
    let r = runIndexer(['build', content, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /public: 47 entries, [\d.]+ KB \(47 added, 0 changed, 0 removed, 0 unchanged\)/);
    assert.match(r.stderr, /internal: 175 entries/);
    assert.match(r.stderr, /wrote .* in [\d.]+ s/);
    const first = JSON.parse(readFileSync(path.join(out, 'public/manifest.json'), 'utf8'));
    assert.match(first.database, /^kb\.[0-9a-f]{12}\.db$/);

    r = runIndexer(['build', content, '--out', out]);
    assert.match(r.stderr, /public: 47 entries, [\d.]+ KB, up to date/);
    assert.match(r.stderr, /nothing to do/);

    const fees = path.join(content, 'faq', 'after-sales-fees.md');
    writeFileSync(fees, readFileSync(fees, 'utf8').replace('在服务期内', '在有效服务期内'));
    rmSync(path.join(content, 'scripts', 'callback-opening.md'));
    const branch = path.join(content, 'scripts', 'callback-satisfied-branch.md');
    writeFileSync(branch, readFileSync(branch, 'utf8').replace('callback-opening, ', ''));
    r = runIndexer(['build', content, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /public: 47 entries, [\d.]+ KB \(0 added, 1 changed, 0 removed, 46 unchanged\)/);
    assert.match(
      r.stderr,
      /internal: 174 entries, [\d.]+ KB \(0 added, 2 changed, 1 removed, 172 unchanged\)/,
    );
    const second = JSON.parse(readFileSync(path.join(out, 'public/manifest.json'), 'utf8'));
    assert.notEqual(second.database, first.database, 'a new name, so caches fetch it');
    assert.equal(
      JSON.parse(readFileSync(path.join(out, '.previous/public/manifest.json'), 'utf8')).database,
      first.database,
    );
    const answer = JSON.parse(
      runIndexer(['ask', '--index', path.join(out, 'public'), '--json', '售后服务收费吗']).stdout,
    );
    assert.match(answer.answer.html, /在有效服务期内/, 'the incremental index answers with the edit');
  }),
);

/** A large generated knowledge base, so that a build takes long enough to interrupt. */
function writeLargeContent(content, n) {
  rmSync(content, { recursive: true, force: true });
  cpSync(path.join(root, 'kb-content'), content, { recursive: true });
  const words = [
    '售后',
    '维修',
    '上门',
    '发票',
    '培训',
    '回访',
    '投诉',
    '报修',
    '升级',
    '备份',
    '账号',
    '密码',
  ];
  for (let i = 0; i < n; i++) {
    const a = words[i % words.length],
      b = words[(i * 7 + 3) % words.length];
    writeFileSync(
      path.join(content, 'faq', `gen-${i}.md`),
      entry(
        `gen-${i}`,
        `type: faq\ntitle: 第${i}号：${a}和${b}怎么办？\naudience: ${i % 3 ? 'internal' : 'public'}\ncategory: 生成${i % 40}\nquestions:\n  - ${a}${b}问题${i}\n  - 第${i}号${a}\n  - ${b}的第${i}个问题`,
        `关于${a}与${b}的第${i}条说明。\n\n1. 先确认${a}情况。\n2. 再处理${b}。`,
      ),
    );
  }
}

test(
  'a build killed half-way leaves the last good index untouched; the next build recovers',
  scratch('kill', async ({ content, out }) => {
    assert.equal(runIndexer(['build', content, '--out', out]).code, 0);
    const good = snapshot(path.join(out, 'public'));
    const goodInternal = snapshot(path.join(out, 'internal'));
    writeLargeContent(content, 6000);

    const child = spawn(indexer, ['build', content, '--out', out], { stdio: 'ignore' });
    const staging = path.join(out, `.staging-${child.pid}`);
    for (let i = 0; i < 400 && !existsSync(staging); i++) await new Promise((r) => setTimeout(r, 10));
    assert.ok(existsSync(staging), 'the build started writing');
    await new Promise((r) => setTimeout(r, 150));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    assert.deepEqual(snapshot(path.join(out, 'public')), good, 'public index unchanged');
    assert.deepEqual(snapshot(path.join(out, 'internal')), goodInternal, 'internal index unchanged');
    assert.equal(
      JSON.parse(runIndexer(['ask', '--index', path.join(out, 'public'), '--json', '售后服务收费吗']).stdout)
        .decision,
      'answer',
    );

    // Ctrl+C stops cleanly, too.
    const interrupted = spawn(indexer, ['build', content, '--out', out], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    interrupted.stderr.on('data', (d) => {
      stderr += d;
    });
    const staging2 = path.join(out, `.staging-${interrupted.pid}`);
    for (let i = 0; i < 400 && !existsSync(staging2); i++) await new Promise((r) => setTimeout(r, 10));
    interrupted.kill('SIGINT');
    const code = await new Promise((r) => interrupted.on('exit', r));
    if (code === 130) {
      assert.match(stderr, /interrupted; the previous index is unchanged/);
      assert.ok(!existsSync(staging2), 'its staging folder is gone');
      assert.deepEqual(snapshot(path.join(out, 'public')), good);
    } else {
      assert.equal(code, 0, `finished before the signal: ${stderr}`);
    }

    const r = runIndexer(['build', content, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(
      !readdirSync(out).some((f) => f.startsWith('.staging-')),
      'stale staging folders are cleaned up',
    );
    assert.equal(JSON.parse(readFileSync(path.join(out, 'public/manifest.json'), 'utf8')).entries, 47 + 2000);
  }),
);

test(
  'a build on a terminal shows a progress bar for a large knowledge base',
  scratch('progress', ({ content, out }) => {
    writeLargeContent(content, 1200);
    // script(1) gives the build a terminal.
    const r = spawnSync('script', ['-qec', `${indexer} build ${content} --out ${out}`, '/dev/null'], {
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stdout);
    assert.match(r.stdout, /public \[#{10}\] 100% 447\/447 internal \[#{10}\] 100% 1375\/1375 entries/);
    const quiet = runIndexer(['build', content, '--out', path.join(out, 'again')]);
    assert.doesNotMatch(quiet.stderr, /\[#/, 'no bar when stderr is not a terminal');
  }),
);

test(
  'two builds never write the same output at once',
  scratch('lock', async ({ content, out }) => {
    writeLargeContent(content, 3000);
    const first = spawn(indexer, ['build', content, '--out', out], { stdio: 'ignore' });
    for (let i = 0; i < 400 && !existsSync(path.join(out, `.staging-${first.pid}`)); i++)
      await new Promise((r) => setTimeout(r, 10));
    const second = runIndexer(['build', content, '--out', out]);
    const code = await new Promise((r) => first.on('exit', r));
    assert.equal(code, 0);
    assert.equal(second.code, 4, second.stderr);
    assert.match(second.stderr, /another kb-indexer is writing/);
  }),
);

test(
  'watch rebuilds on save, keeps the last good index through a broken edit, and stops on Ctrl+C',
  scratch('watch', async ({ content, out }) => {
    const child = spawn(indexer, ['watch', content, '--out', out, '--interval', '100'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    child.stderr.on('data', (d) => {
      log += d;
    });
    const waitFor = async (re, what) => {
      for (let i = 0; i < 300 && !re.test(log); i++) await new Promise((r) => setTimeout(r, 50));
      assert.match(log, re, what);
    };
    try {
      await waitFor(/wrote .*watching for changes/s, 'the first build');
      const fees = path.join(content, 'faq', 'after-sales-fees.md');
      const original = readFileSync(fees, 'utf8');
      log = '';
      writeFileSync(fees, original.replace('在服务期内', '服务期之内'));
      await waitFor(/public: 47 entries, [\d.]+ KB \(0 added, 1 changed/, 'a rebuild of the one entry');
      const manifest = readFileSync(path.join(out, 'public/manifest.json'), 'utf8');

      log = '';
      writeFileSync(fees, original.replace('type: faq', 'type: fqa'));
      await waitFor(
        /error: unknown type 'fqa'.*previous index is unchanged.*watching for changes/s,
        'the broken edit is reported',
      );
      assert.equal(
        readFileSync(path.join(out, 'public/manifest.json'), 'utf8'),
        manifest,
        'the last good index stays',
      );

      log = '';
      writeFileSync(fees, original);
      await waitFor(/1 changed/, 'the fix is built');
    } finally {
      child.kill('SIGINT');
    }
    const code = await new Promise((r) => child.on('exit', r));
    assert.equal(code, 0);
    assert.match(log, /stopped watching/);

    let r = runIndexer(['watch', path.join(content, 'nowhere'), '--out', out]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /content folder not found/);
    r = runIndexer(['watch', content, '--out', out, '--interval', '5']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--interval takes milliseconds, 50 to 60000/);
    r = runIndexer(['check', path.join(content, 'nowhere')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /content folder not found/);
  }),
);

test(
  'test prints the accuracy table and which answers an edit changed',
  scratch('eval', ({ content, out }) => {
    const questions = path.join(root, 'tests/eval/questions.tsv');
    assert.equal(runIndexer(['build', content, '--out', out]).code, 0);
    let r = runIndexer(['test', '--index', out, questions]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /slice +system +n +right +wrong +suggested +best/);
    assert.match(r.stdout, /No previous build/);

    // An editor deletes an entry: the questions it answered change, and the table shows the drop.
    rmSync(path.join(content, 'faq', 'after-sales-fees.md'));
    for (const f of readdirSync(path.join(content), { recursive: true }).filter((f) => f.endsWith('.md'))) {
      const p = path.join(content, f);
      const text = readFileSync(p, 'utf8');
      if (text.includes('after-sales-fees'))
        writeFileSync(
          p,
          text.replace(/,?\s*after-sales-fees,?/g, (m) => (m.startsWith(',') && m.endsWith(',') ? ',' : '')),
        );
    }
    assert.equal(runIndexer(['build', content, '--out', out]).code, 0);
    r = runIndexer(['test', '--index', out, questions]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /  change +.*-\d+\.\d%/);
    assert.match(r.stdout, /\d+ answer\(s\) changed since the previous build:/);
    assert.match(r.stdout, /broken +line \d+ +\[public\] .*\n +answer after-sales-fees -> \w+/);
    const json = JSON.parse(runIndexer(['test', '--index', out, questions, '--json']).stdout);
    assert.ok(json.changed.some((c) => c.verdict === 'broken' && c.expected === 'after-sales-fees'));
    assert.ok(json.figures.all.best_right < json.previous.all.best_right);

    r = runIndexer(['test', '--index', path.join(out, 'nowhere'), questions]);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /no index at .*run kb-indexer build first/);
  }),
);

test('gaps clusters a log of unanswered questions into a to-do list', () => {
  const log = path.join(root, 'tests/fixtures/unanswered.jsonl');
  const r = runIndexer(['gaps', log, '--index', 'build/kb/public']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /16 question\(s\) in .*; top 5 content gap\(s\):/);
  assert.match(
    r.stdout,
    / 1\. 7 +发票怎么开 +\(no-match 5, repeated 1, thumbs-down 1\)\n +also: 怎么开发票？/,
  );
  assert.match(r.stdout, / 2\. 4 +可以退货吗/);
  assert.match(r.stdout, /no entry comes close: write a new one/);
  assert.match(r.stderr, /unanswered\.jsonl:16: skipped, not a question record: not JSON/);
  assert.match(r.stderr, /unanswered\.jsonl:17: skipped, not a question record: needs a "question" string/);
  const json = JSON.parse(runIndexer(['gaps', log, '--json', '--top', '2']).stdout);
  assert.equal(json.gaps.length, 2);
  assert.deepEqual(json.gaps[1].examples, ['退货流程是什么', '怎么退货', '退貨要多久']);

  const missing = runIndexer(['gaps', '/nonexistent/log.jsonl']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read \/nonexistent\/log\.jsonl/);
});

test('gaps does not advise adding a phrasing that an entry already has', () => {
  // 售后服务收费吗 is a phrasing of after-sales-fees, 能不能派人上门 one of on-site-service.
  const log = path.join(root, 'tests/fixtures/unanswered-known.jsonl');
  const r = runIndexer(['gaps', log, '--index', 'build/kb/public']);
  assert.equal(r.code, 0, r.stderr);
  const [visit, fees] = r.stdout.split(/\n(?= ?\d+\. )/).slice(1);
  assert.match(fees, /^ 2\. 3 +售后服务收费吗 +\(no-match 1, thumbs-down 2\)/);
  // The entry exists and still did not help: more phrasings would change nothing.
  assert.match(fees, /'售后服务收费吗' is already a phrasing of 'after-sales-fees': the entry exists/);
  assert.match(fees, /improve that entry's answer/);
  assert.match(fees, /kb-indexer ask --explain --index 'build\/kb\/public' '售后服务收费吗'/);
  assert.doesNotMatch(fees, /add these phrasings/);
  // Another entry's phrasing would be refused by check as a duplicate: name that entry.
  assert.match(visit, /^ 1\. 4 +上门来修要收多少钱/);
  assert.match(visit, /also: 能不能派人上门/);
  assert.match(
    visit,
    /'能不能派人上门' is already a phrasing of 'on-site-service': do not add it to another entry/,
  );
  assert.match(visit, /nearest entry: [a-z-]+ \(\d+%\): add the other phrasings there/);
  assert.doesNotMatch(visit, /add these phrasings/);

  const json = JSON.parse(runIndexer(['gaps', log, '--index', 'build/kb/public', '--json']).stdout);
  assert.deepEqual(json.gaps[0].phrasing_of, { 能不能派人上门: 'on-site-service' });
  assert.deepEqual(json.gaps[1].phrasing_of, { 售后服务收费吗: 'after-sales-fees' });
  // The log of questions nobody has as a phrasing keeps the old advice.
  const plain = runIndexer([
    'gaps',
    path.join(root, 'tests/fixtures/unanswered.jsonl'),
    '--index',
    'build/kb/public',
  ]);
  assert.doesNotMatch(plain.stdout, /already a phrasing/);
});

test(
  "the everyday loop's make kb changes what the demo serves",
  scratch('loop', async ({ dir }) => {
    // A built checkout as make build leaves it, with the editor's part of it.
    for (const f of [
      'Makefile',
      'scripts/assemble-site.sh',
      'kb-content',
      'build/bin/kb-indexer',
      'build/site',
      'build/agent',
    ])
      cpSync(path.join(root, f), path.join(dir, f), { recursive: true });
    const { server, url } = await startServer({
      mounts: { '/agent/': path.join(dir, 'build/agent'), '/': path.join(dir, 'build/site') },
    });
    try {
      const manifest = async (prefix) => (await fetch(`${url}${prefix}manifest.json`)).json();
      const before = { site: await manifest('/kb/'), agent: await manifest('/agent/kb/') };
      const file = path.join(dir, 'kb-content/faq/after-sales-fees.md');
      appendFileSync(file, '\n服务期内的上门指导同样免费。\n');
      const make = spawnSync('make', ['--no-print-directory', 'kb'], { cwd: dir, encoding: 'utf8' });
      assert.equal(make.status, 0, make.stderr);
      for (const [prefix, old] of [
        ['/kb/', before.site],
        ['/agent/kb/', before.agent],
      ]) {
        const now = await manifest(prefix);
        assert.notEqual(now.content_hash, old.content_hash, `${prefix} serves the new index`);
        assert.equal((await fetch(`${url}${prefix}${now.database}`)).status, 200);
      }
      const r = runIndexer(['ask', '--index', path.join(dir, 'build/site/kb'), '--json', '售后服务收费吗']);
      assert.match(JSON.parse(r.stdout).answer.html, /上门指导同样免费/);
    } finally {
      server.close();
    }
    // Without a make build first, it says so.
    rmSync(path.join(dir, 'build/site'), { recursive: true });
    const early = spawnSync('make', ['--no-print-directory', 'kb'], { cwd: dir, encoding: 'utf8' });
    assert.notEqual(early.status, 0);
    assert.match(early.stderr, /run make build once/);
  }),
);

test('make starts afresh a CMake build folder that a copied checkout brought along', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kb-caches-'));
  try {
    cpSync(path.join(root, 'Makefile'), path.join(dir, 'Makefile'));
    const cache = (folder, home) => {
      mkdirSync(path.join(dir, 'build', folder, 'CMakeFiles'), { recursive: true });
      writeFileSync(
        path.join(dir, 'build', folder, 'CMakeCache.txt'),
        `# This is the CMakeCache file.\nCMAKE_HOME_DIRECTORY:INTERNAL=${home}\n`,
      );
    };
    cache('native', '/work/elsewhere'); // the checkout this one was copied from
    cache('wasm', dir); // this checkout's own
    const r = spawnSync('make', ['--no-print-directory', 'cmake-caches'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /build\/native was configured for \/work\/elsewhere; configuring it afresh/);
    assert.ok(!existsSync(path.join(dir, 'build/native')));
    assert.ok(existsSync(path.join(dir, 'build/wasm/CMakeCache.txt')), 'its own build is kept');
    assert.doesNotMatch(r.stdout, /wasm/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test(
  'a stray [ before 126 KB of text is an ordinary entry: check and build exit with messages, never a signal',
  scratch('bracket', ({ content, out }) => {
    const file = path.join(content, 'faq', 'after-sales-fees.md');
    appendFileSync(file, `\n见[附件${'售后服务说明。'.repeat(6500)}\n`);
    assert.ok(readFileSync(file).length > 126 * 1024);
    for (const args of [
      ['check', content],
      ['build', content, '--out', out],
    ]) {
      const r = runIndexer(args);
      assert.equal(r.signal, null, `${args[0]} died with ${r.signal}`);
      assert.ok(r.code === 0 || r.code === 1, `${args[0]} exited ${r.code}: ${r.stderr.slice(-300)}`);
      assert.match(r.stderr, /after-sales-fees\.md:\d+:1: warning: the answer is \d+ characters/);
    }
  }),
);

test(
  'an entry over 1 MB is refused with its file name, and nothing is written',
  scratch('huge', ({ content, out }) => {
    const file = path.join(content, 'faq', 'after-sales-fees.md');
    appendFileSync(file, `${'很长的说明。'.repeat(60000)}\n`);
    const r = runIndexer(['build', content, '--out', out]);
    assert.equal(r.code, 1, r.stderr.slice(-300));
    assert.match(
      r.stderr,
      /after-sales-fees\.md:1:1: error: the entry is \d+ KB; an entry may hold at most 1024 KB\n  hint: /,
    );
    assert.ok(!existsSync(path.join(out, 'public')), 'no index may be written');
  }),
);

test(
  'a symbolic link out of the content folder is refused and named; one inside it is read',
  scratch('symlink', ({ dir, content, out }) => {
    const outside = path.join(dir, 'elsewhere');
    writeFileSync(
      path.join(dir, 'secret.md'),
      entry(
        'secret',
        'type: faq\ntitle: 内部价格表？\naudience: public\ncategory: 售后与收费\nquestions:\n  - 内部价格\n  - 折扣底线\n  - 成本价',
        '这份文件不在内容目录里。',
      ),
    );
    symlinkSync(path.join(dir, 'secret.md'), path.join(content, 'faq', 'secret.md'));
    cpSync(path.join(content, 'rules'), outside, { recursive: true });
    symlinkSync(outside, path.join(content, 'more-rules'));
    const r = runIndexer(['build', content, '--out', out]);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /faq\/secret\.md:1:1: error: is a symbolic link to .*secret\.md, outside the content folder; it is not read/,
    );
    assert.match(
      r.stderr,
      /more-rules:1:1: error: is a symbolic link to .*elsewhere, outside the content folder/,
    );
    assert.ok(!existsSync(path.join(out, 'public')), 'no index may be written');

    // A link that stays inside the folder is an ordinary file.
    rmSync(path.join(content, 'faq', 'secret.md'));
    rmSync(path.join(content, 'more-rules'));
    symlinkSync(path.join(content, 'synonyms.txt'), path.join(content, 'synonyms-link.txt'));
    const ok = runIndexer(['build', content, '--out', out]);
    assert.equal(ok.code, 0, ok.stderr.slice(-300));
  }),
);
