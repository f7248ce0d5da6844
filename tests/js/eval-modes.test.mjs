// kb-indexer eval's three kinds of set: an external set folder, the held-out
// self-test, and bad input. And the rule the figures rest on: a suggestion
// (您是不是想问…) is never counted as answered and right.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadEntries, root, runIndexer } from './helpers.mjs';

const fixture = path.join(root, 'tests/fixtures/eval-set');
const banking77 = path.join(root, '../shared/eval/banking77');

test('a set folder runs: its own index, the engine beside MiniSearch and BM25', () => {
  const r = runIndexer(['eval', fixture]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /eval-set: 4 questions: 3 answerable, 1 out of scope, 0 hand-over requests/);
  assert.match(
    r.stdout,
    /^slice +system +n +right +wrong +suggested +best +top-3 +oos n +answered +human n +hand-over$/m,
  );
  assert.match(r.stdout, /^all +this engine +3 +66\.7% +0\.0% +33\.3% /m);
  assert.match(r.stdout, /^ +MiniSearch +3 +— +— +— +\d+\.\d% +\d+\.\d% +1 +— /m);
  assert.match(r.stdout, /^ +BM25 +3 +— +— +— +\d+\.\d% +\d+\.\d% +1 +— /m);
  assert.doesNotMatch(r.stdout, /targets/, 'a set without targets shows none');
});

test('a suggestion is never counted as answered and right', () => {
  const { figures, results } = JSON.parse(runIndexer(['eval', fixture, '--json', '--no-peers']).stdout);
  const suggested = results.find((q) => q.question === '运费谁出');
  assert.equal(
    suggested.decision,
    'suggest',
    `the fixture's ambiguous question: ${JSON.stringify(suggested)}`,
  );
  assert.ok(suggested.suggestions.includes('return-shipping'));
  const answered = results.filter((q) => q.decision === 'answer' && q.answer === q.expected).length;
  assert.equal(answered, 2);
  assert.equal(figures.all.answered_right, 66.7, 'two of three answerable questions were answered right');
  assert.equal(figures.all.suggested_right, 33.3);
  assert.equal(figures.all.answered_wrong, 0);
  assert.equal(figures.all.out_of_scope_answered, 0);
});

test('MiniSearch that cannot run is skipped with one line saying why; BM25 still runs', () => {
  const r = runIndexer(['eval', fixture], {
    env: { ...process.env, KB_PEERS_SCRIPT: '/nonexistent/eval-peers.mjs' },
  });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^MiniSearch: skipped \(no \/nonexistent\/eval-peers\.mjs\)$/m);
  assert.match(r.stdout, /^ +BM25 +3 /m);
  assert.doesNotMatch(r.stdout, /^ +MiniSearch +3/m);
  const none = runIndexer(['eval', fixture, '--no-peers']);
  assert.doesNotMatch(none.stdout, /MiniSearch|BM25/);
});

test('the held-out self-test asks every phrasing of a fold-less index and lists what editors should fix', () => {
  const r = runIndexer(['eval', '--holdout', '--folds', '3', 'kb-content']);
  assert.equal(r.code, 0, r.stderr);
  for (const fold of [1, 2, 3]) assert.match(r.stderr, new RegExp(`fold ${fold}/3: \\d+ phrasings held out`));
  assert.match(r.stdout, /^all +this engine +\d+ /m);
  assert.match(r.stdout, /^ +BM25 +\d+ /m);
  assert.match(r.stdout, /targets \(all\): answered and right \d+\.\d% ≥ 75% [✓✗], wrong \d+\.\d% ≤ 3% [✓✗]/);
  assert.match(r.stdout, /Entries most often confused .*\n.*merge them, or sharpen/);
  assert.match(r.stdout, /Entries that need more phrasings .*\n.*add phrasings/);
  assert.match(r.stdout, / +\d+\/\d+ found +[a-z0-9-]+ +.+\n +missed: .+/);

  const json = JSON.parse(runIndexer(['eval', '--holdout', 'kb-content', '--json']).stdout);
  const phrasings = loadEntries()
    .filter((e) => e.questions.length >= 2)
    .reduce((n, e) => n + e.questions.length, 0);
  assert.equal(
    json.figures.all.answerable,
    phrasings,
    'every phrasing of an entry with two or more is asked once',
  );
  assert.equal(new Set(json.results.map((q) => q.index)).size, 5, 'five folds by default');
  assert.ok(json.confused.length > 0 && json.confused.length <= 10);
  assert.ok(json.needs_phrasings.length > 0 && json.needs_phrasings.length <= 10);
  for (const n of json.needs_phrasings) assert.ok(n.found < n.asked);
  assert.equal(typeof json.baselines.BM25.all.best_right, 'number');

  const pub = JSON.parse(
    runIndexer(['eval', '--holdout', '--audience', 'public', '--no-peers', 'kb-content', '--json']).stdout,
  );
  const publicPhrasings = loadEntries()
    .filter((e) => e.audience === 'public' && e.questions.length >= 2)
    .reduce((n, e) => n + e.questions.length, 0);
  assert.equal(pub.figures.all.answerable, publicPhrasings);
  assert.equal(pub.figures.internal, undefined);
});

test('the held-out baselines are held out too: a phrasing is not in the index it is asked of', () => {
  // Words found only in the held-out phrasing: a baseline that still indexed it would rank its entry first.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kb-eval-holdout-'));
  const entry = (id, title, questions) =>
    writeFileSync(
      path.join(dir, `${id}.md`),
      `---\nid: ${id}\ntype: faq\ntitle: ${title}\naudience: public\ncategory: 测试\nquestions:\n${questions.map((q) => `  - ${q}\n`).join('')}---\n${title}。\n`,
    );
  try {
    entry('returns', '退货运费谁出', ['zebras pay shipping', '退货要自己付运费吗']);
    entry('invoices', '怎么开发票', ['发票抬头怎么写', 'invoice please']);
    const r = runIndexer(['eval', '--holdout', '--folds', '2', dir, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const { results, skipped } = JSON.parse(r.stdout);
    assert.deepEqual(skipped, {});
    const zebras = results.find((q) => q.question === 'zebras pay shipping');
    assert.deepEqual(zebras.BM25, [], 'BM25 indexed the held-out phrasing');
    assert.deepEqual(zebras.MiniSearch, [], 'MiniSearch indexed the held-out phrasing');
    assert.notEqual(zebras.answer, 'returns', 'the engine indexed the held-out phrasing');
    const kept = results.find((q) => q.question === '退货要自己付运费吗');
    assert.equal(kept.BM25[0], 'returns', 'the title stays in every fold');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test(
  'banking77: the external set runs, with its targets',
  { skip: !existsSync(banking77) && `no ${banking77}` },
  () => {
    const r = runIndexer(['eval', banking77, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.figures.all.answerable, 335);
    assert.equal(out.figures.all.out_of_scope, 50);
    assert.deepEqual(
      out.targets.map((t) => t.figure),
      ['best_right', 'answered_right', 'answered_wrong', 'out_of_scope_answered'],
    );
    assert.equal(typeof out.baselines.BM25.all.best_right, 'number');
    assert.equal(typeof out.baselines.MiniSearch.all.best_right, 'number');
    // Regression floors, as in eval-accuracy.test.mjs: today's figures less about two points.
    const { all } = out.figures;
    // Answering more here costs wrong answers (4.2 % before the word analysis,
    // 7.8 % after): the ceiling holds today's trade, it is not the 3 % target.
    assert.ok(all.answered_right >= 40, `BANKING77: answered and right ${all.answered_right}% (floor 40%)`);
    assert.ok(all.best_right >= 58, `BANKING77: best candidate right ${all.best_right}% (floor 58%)`);
    assert.ok(all.answered_wrong <= 9.5, `BANKING77: wrongly answered ${all.answered_wrong}% (ceiling 9.5%)`);
  },
);

test('bad input: a clear message naming the file and line, and exit code 2', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kb-eval-bad-'));
  try {
    cpSync(path.join(fixture, 'kb-content'), path.join(dir, 'kb-content'), { recursive: true });
    let r = runIndexer(['eval', dir]);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /cannot read .*questions\.tsv: a set folder holds kb-content\/ and questions\.tsv/,
    );

    writeFileSync(
      path.join(dir, 'questions.tsv'),
      'question\texpected\n怎么开发票\tinvoice\n没有制表符的一行\n',
    );
    r = runIndexer(['eval', dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /questions\.tsv:3: expected question<TAB>expected/);

    writeFileSync(path.join(dir, 'questions.tsv'), 'question\texpected\n怎么开发票\tno-such-entry\n');
    r = runIndexer(['eval', dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /questions\.tsv:2: unknown entry 'no-such-entry'/);

    r = runIndexer(['eval', path.join(dir, 'nowhere')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no such set: /);

    r = runIndexer(['eval', '--holdout', '--folds', '1', 'kb-content']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--folds takes a number from 2 to 20/);

    writeFileSync(path.join(dir, 'authors.tsv'), 'audience\texpected\tquestion\npublic\tonly two columns\n');
    r = runIndexer(['eval', '--index', 'build/kb', path.join(dir, 'authors.tsv')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /authors\.tsv:2: expected audience<TAB>expected<TAB>question/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
