// kb-indexer import and export --csv on files made by real spreadsheet
// writers (Python's csv module, openpyxl, XlsxWriter) and a help centre's JSON export:
// what they write passes check and build, and the bot answers from it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { indexer, loadEntries, root } from './helpers.mjs';
import { writeCsv, writeXlsx } from './spreadsheets.mjs';

// KB_INDEXER runs these tests against another build of the indexer, such as build/native/bin/kb-indexer.
const bin = process.env.KB_INDEXER || indexer;

function run(args) {
  const r = spawnSync(bin, args, { encoding: 'utf8', cwd: root });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
/** A scratch folder, removed afterwards. */
function scratch(fn) {
  return () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kb-import-'));
    try {
      fn(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

/** Imports `file` into dir/content, checks and builds it into dir/kb; returns the import's result. */
function importAndBuild(dir, file) {
  const content = path.join(dir, 'content');
  const imported = run(['import', file, '--out', content]);
  assert.equal(imported.code, 0, imported.stderr);
  const check = run(['check', content]);
  assert.equal(check.code, 0, check.stderr);
  assert.match(check.stderr, / 0 error\(s\)/);
  const build = run(['build', content, '--out', path.join(dir, 'kb')]);
  assert.equal(build.code, 0, build.stderr);
  return imported;
}

function ask(dir, audience, question) {
  const r = run(['ask', '--index', path.join(dir, 'kb', audience), '--json', question]);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test(
  'a CSV with Chinese headers, a byte order mark and multi-line cells imports, builds and answers',
  scratch((dir) => {
    const file = path.join(dir, 'faq.csv');
    writeCsv(file, [
      ['常见问题导入模板（第 2 行是表头）'],
      ['标准问题', '相似问题', '答案', '分类', '受众', '类型'],
      [
        '发票怎么开？',
        '怎么开发票\n能开增值税专用发票吗\n发票抬头写错了能重开吗',
        '可以开具增值税普通发票和专用发票。\n\n- 在订单页点“申请发票”，填写抬头、税号\n- 专用发票请附上"一般纳税人"证明',
        '发票',
        '公开',
        '问答',
      ],
      [
        '退款多久能到账',
        '退款几天到账|钱什么时候退回来；退款到账时间',
        '原路退回，一般 3 到 5 个工作日到账。',
        '退款',
        '',
        '',
      ],
      ['客户要求开发票的处理流程', '', '1. 核对订单\n2. 在开票系统登记', '发票', '内部', '流程'],
    ]);
    assert.deepEqual([...readFileSync(file).subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the file has a BOM');
    const r = importAndBuild(dir, file);
    assert.match(r.stdout, /^kb-indexer: 3 entries written to .*content from faq\.csv/);

    const entries = loadEntries(path.join(dir, 'content'));
    const invoice = entries.find((e) => e.title === '发票怎么开？');
    assert.deepEqual(invoice.questions, ['怎么开发票', '能开增值税专用发票吗', '发票抬头写错了能重开吗']);
    assert.equal(invoice.audience, 'public');
    assert.equal(invoice.type, 'faq');
    assert.match(
      invoice.body,
      /^可以开具增值税普通发票和专用发票。\n\n- 在订单页点“申请发票”，填写抬头、税号\n- 专用发票请附上"一般纳税人"证明$/,
    );
    assert.match(invoice.id, /^[a-z0-9-]+$/);
    assert.ok(existsSync(path.join(dir, 'content/faq', `${invoice.id}.md`)));
    const refund = entries.find((e) => e.title === '退款多久能到账');
    assert.deepEqual(refund.questions, ['退款几天到账', '钱什么时候退回来', '退款到账时间']);
    const procedure = entries.find((e) => e.type === 'procedure');
    assert.equal(procedure.audience, 'internal');
    assert.ok(existsSync(path.join(dir, 'content/procedures', `${procedure.id}.md`)));

    const reply = ask(dir, 'public', '怎么开发票');
    assert.equal(reply.decision, 'answer');
    assert.equal(reply.answer.id, invoice.id);
    assert.equal(ask(dir, 'public', '退款几天到账').answer.id, refund.id);
  }),
);

for (const writer of ['openpyxl', 'xlsxwriter'])
  test(
    `an .xlsx workbook by ${writer} with English headers imports from its first sheet, builds and answers`,
    scratch((dir) => {
      const file = path.join(dir, 'faq.xlsx');
      writeXlsx(
        file,
        [
          [' Question ', 'SIMILAR QUESTIONS', 'Answer', 'Category', 'Audience', 'Type', 'ID', 'Views'],
          [
            'How do I reset my password?',
            'forgot my password\nreset password link not working\ncannot log in, need a new password',
            'Click **Forgot password** on the sign-in page and follow the email.',
            'account',
            'public',
            'faq',
            null,
            120,
          ],
          [
            'Shipping cost',
            'how much is delivery; do you charge for shipping',
            'Delivery is free above 99 yuan.',
            'orders',
            'Public',
            'FAQ',
            null,
            7,
          ],
          [
            'What does shipping include?',
            'is shipping insured',
            'Insurance and tracking.',
            'orders',
            null,
            null,
            'shipping-cost',
            3,
          ],
        ],
        writer,
      );
      const r = importAndBuild(dir, file);
      assert.match(r.stdout, /3 entries written/);
      assert.match(r.stderr, /column Views: not a column of the template/);

      const ids = loadEntries(path.join(dir, 'content'))
        .map((e) => e.id)
        .sort();
      // The id column wins; the title's slug takes a suffix where it is taken.
      assert.deepEqual(ids, ['how-do-i-reset-my-password', 'shipping-cost', 'shipping-cost-2']);
      const shipping = loadEntries(path.join(dir, 'content')).find((e) => e.id === 'shipping-cost-2');
      assert.deepEqual(shipping.questions, ['how much is delivery', 'do you charge for shipping']);

      const reply = ask(dir, 'public', 'I forgot my password');
      assert.equal(reply.decision, 'answer');
      assert.equal(reply.answer.id, 'how-do-i-reset-my-password');
      assert.match(reply.answer.html, /<strong>Forgot password<\/strong>/);
    }),
  );

test(
  "a help centre's JSON export with HTML bodies imports, without its scripts, and builds",
  scratch((dir) => {
    const file = path.join(dir, 'articles.json');
    const articles = {
      articles: [
        {
          id: 360001,
          title: '如何修改收货地址',
          section_id: 11,
          label_names: ['地址', '订单'],
          body:
            '<p>发货前可以在订单页修改地址。</p><script>alert("x")</script>' +
            '<ul><li>进入<strong>我的订单</strong></li><li>点“修改地址”</li></ul>' +
            '<p>详见<a href="https://help.example.com/address">地址说明</a>。</p><style>p{color:red}</style>',
        },
        {
          id: 360002,
          title: '发货后多久能收到',
          section: { name: '物流' },
          body: '<ol><li>江浙沪次日达</li><li>其他地区 2 到 4 天</li></ol>',
        },
        { id: 360003, title: '草稿', body: '<p>未发布</p>', draft: true },
        // Seen only by a user segment (agents, signed-in users): never on the public site.
        {
          id: 360004,
          title: '退款审批的内部流程',
          section_id: 11,
          user_segment_id: 9001,
          body: '<p>金额超过 500 元的退款由组长审批。</p>',
        },
        { id: 360005, title: '所有人可见', user_segment_id: null, body: '<p>公开内容。</p>' },
      ],
      sections: [{ id: 11, name: '订单' }],
    };
    writeFileSync(file, JSON.stringify(articles));
    const r = importAndBuild(dir, file);
    assert.match(
      r.stdout,
      /4 entries written .* \(1 draft\(s\) skipped\); 1 article\(s\) restricted to a user segment are internal/,
    );
    assert.match(
      readFileSync(path.join(dir, 'content/faq/article-360004.md'), 'utf8'),
      /^audience: internal$/m,
    );
    assert.match(
      readFileSync(path.join(dir, 'content/faq/article-360005.md'), 'utf8'),
      /^audience: public$/m,
    );
    assert.notEqual(ask(dir, 'public', '退款审批的内部流程').answer?.id, 'article-360004');
    assert.equal(ask(dir, 'internal', '退款审批的内部流程').answer.id, 'article-360004');
    const address = readFileSync(path.join(dir, 'content/faq/article-360001.md'), 'utf8');
    assert.match(address, /^category: 订单$/m);
    assert.match(address, /^tags: \[地址, 订单\]$/m, 'labels become tags');
    assert.match(address, /\n- 进入\*\*我的订单\*\*\n- 点“修改地址”\n/);
    assert.match(address, /详见\[地址说明\]\(https:\/\/help\.example\.com\/address\)。/);
    assert.doesNotMatch(address, /alert|color|<|>/);
    const delivery = readFileSync(path.join(dir, 'content/faq/article-360002.md'), 'utf8');
    assert.match(delivery, /^category: 物流$/m);
    assert.match(delivery, /\n1\. 江浙沪次日达\n2\. 其他地区 2 到 4 天\n$/);
    assert.equal(ask(dir, 'public', '如何修改收货地址').answer.id, 'article-360001');
  }),
);

test(
  'bad rows are all reported with file, row and column, and nothing is written',
  scratch((dir) => {
    const file = path.join(dir, 'bad.csv');
    writeCsv(file, [
      ['标准问题', '相似问题', '答案', '类型'],
      ['售后收费吗', '售后要钱吗', '服务期内免费。', ''],
      ['怎么报修', '', '  ', ''],
      ['上门服务', '能上门吗', '可以。', 'fqa'],
      ['保修多久', '售后要钱吗', '一年。', ''],
      ['客服电话', '电话多少', '请拨打 {{fax}}。', ''],
    ]);
    const out = path.join(dir, 'content');
    const r = run(['import', file, '--out', out]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^bad\.csv:3: column 答案: empty answer$/m);
    assert.match(r.stderr, /^bad\.csv:4: column 类型: unknown type 'fqa'$/m);
    assert.match(r.stderr, /did you mean 'faq'\?/);
    assert.match(
      r.stderr,
      /^bad\.csv:5: column 相似问题: duplicate question '售后要钱吗', also in bad\.csv:2$/m,
    );
    assert.match(r.stderr, /^bad\.csv:6: column 答案: unknown placeholder '\{\{fax\}\}'$/m);
    assert.match(r.stderr, /4 problem\(s\) in bad\.csv; nothing was written/);
    const rows = [...r.stderr.matchAll(/^bad\.csv:(\d+):/gm)].map((m) => Number(m[1]));
    assert.deepEqual(rows, [3, 4, 5, 6], 'row by row');
    assert.ok(!existsSync(out), 'no folder is made');
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.includes('import')),
      [],
      'no staging folder is left behind',
    );

    const noAnswer = path.join(dir, 'headers.csv');
    writeCsv(noAnswer, [
      ['问题', '分类'],
      ['a', 'b'],
    ]);
    const h = run(['import', noAnswer, '--out', out]);
    assert.equal(h.code, 1);
    assert.match(h.stderr, /^headers\.csv:1: no column 答案 \(answer\)$/m);
  }),
);

test(
  'a folder that holds entries is refused without --merge; with it, the entries are added',
  scratch((dir) => {
    const file = path.join(dir, 'more.csv');
    writeCsv(file, [
      ['question', 'similar', 'answer', 'category'],
      ['Can I pay by invoice?', 'pay by bank transfer|invoice payment', 'Yes, for companies.', 'billing'],
    ]);
    const out = path.join(dir, 'content');
    assert.equal(run(['import', file, '--out', out]).code, 0);
    const again = run(['import', file, '--out', out]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already holds 1 entries; .* --merge/);
    const clash = run(['import', file, '--out', out, '--merge']);
    assert.equal(clash.code, 1, 'the same phrasings again clash with the entry already there');
    assert.match(clash.stderr, /is also a phrasing of 'can-i-pay-by-invoice(-2)?'/);
    writeCsv(file, [
      ['question', 'answer'],
      ['Can I pay by card?', 'Yes: Visa and UnionPay.'],
    ]);
    const merged = run(['import', file, '--out', out, '--merge']);
    assert.equal(merged.code, 0, merged.stderr);
    assert.deepEqual(readdirSync(path.join(out, 'faq')).sort(), [
      'can-i-pay-by-card.md',
      'can-i-pay-by-invoice.md',
    ]);
  }),
);

test(
  'export --csv, then import, gives back the knowledge base: same entries, phrasings and answers',
  scratch((dir) => {
    const csv = path.join(dir, 'kb.csv');
    const exported = run(['export', '--csv', '--out', csv, 'kb-content']);
    assert.equal(exported.code, 0, exported.stderr);
    const text = readFileSync(csv, 'utf8');
    assert.ok(
      text.startsWith('\ufeff标准问题,相似问题,答案,分类,受众,类型,'),
      'BOM and the template headers',
    );
    const content = path.join(dir, 'content');
    const imported = run(['import', csv, '--out', content]);
    assert.equal(imported.code, 0, imported.stderr);
    const byId = (entries) =>
      Object.fromEntries(entries.map(({ file, ...e }) => [e.id, { ...e, file: file.replace(/\\/g, '/') }]));
    const original = byId(loadEntries());
    assert.equal(Object.keys(original).length, 175);
    assert.deepEqual(byId(loadEntries(content)), original);
    // The fields loadEntries leaves out (category, tags, related) too: the two exports are the same.
    const second = run(['export', '--csv', content]);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(second.stdout, text);
    assert.equal(run(['check', content]).code, 0);
  }),
);
