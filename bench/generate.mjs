#!/usr/bin/env node
// Generates a knowledge base of N entries by recombining the real ones, for
// benchmarks at 1,000, 10,000 and 100,000 entries:
//   node bench/generate.mjs N OUT_DIR
// Each generated entry takes a real entry's type, audience and shape, puts it
// in the context of one of the company's products and modules, and mixes in
// sentences and phrasings of another real entry of the same type, so terms
// keep realistic Chinese frequencies and the index realistic structure.
import { mkdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEntries } from '../tests/js/helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PRODUCTS = ['财务软件', '进销存系统', '门店收银系统', '人事工资系统', '客户管理系统', '仓库管理系统',
  '生产排程系统', '移动审批', '电子发票平台', '会员积分系统', '连锁配送系统', '项目管理系统'];
const MODULES = ['安装部署', '数据备份', '账号权限', '报表打印', '版本升级', '接口对接', '网络连接', '数据导入',
  '月末结账', '硬件适配', '远程协助', '操作培训'];

function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function sentences(body) {
  return body.split('\n').filter((l) => l.trim());
}

export function generate(n, out) {
  const real = loadEntries();
  const byType = {};
  for (const e of real) (byType[e.type] = byType[e.type] || []).push(e);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  copyFileSync(path.join(root, 'kb-content/synonyms.txt'), path.join(out, 'synonyms.txt'));
  const random = rng(n);
  const perDir = 1000;
  for (let i = 0; i < n; i++) {
    const base = real[i % real.length];
    const other = byType[base.type][Math.floor(random() * byType[base.type].length)];
    // Each real entry appears once per product, module and edition, so phrasings never repeat.
    const k = Math.floor(i / real.length);
    const product = PRODUCTS[k % PRODUCTS.length] + (k >= 144 ? `${Math.floor(k / 144) + 1}.0版` : '');
    const module = MODULES[Math.floor(k / PRODUCTS.length) % MODULES.length];
    const id = `${base.id}-${i}`;
    const lines = sentences(base.body);
    const mixed = [`【${product} · ${module}】${lines[0]}`, ...lines.slice(1), ...sentences(other.body).slice(1, 3)];
    const fields = [
      `id: ${id}`, `type: ${base.type}`, `title: ${product}${module}：${base.title}`, `audience: ${base.audience}`,
      `category: ${product}/${base.title.length % 2 ? base.type : module}`, `tags: [${product}, ${module}]`,
    ];
    if (base.channel) fields.push(`channel: ${base.channel}`);
    if (base.situation) fields.push(`situation: ${base.situation}`);
    if (base.questions.length) {
      const qs = [...base.questions.slice(0, 3).map((q) => `${product}${module}${q}`), `${product}的${module}：${base.questions[0]}`];
      fields.push('questions:', ...[...new Set(qs)].map((q) => `  - ${q.replace(/\n/g, ' ')}`));
    }
    const dir = path.join(out, `part-${Math.floor(i / perDir)}`);
    if (i % perDir === 0) mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${id}.md`), `---\n${fields.join('\n')}\n---\n${mixed.join('\n')}\n`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [n, out] = [Number(process.argv[2]), process.argv[3]];
  if (!Number.isInteger(n) || n < 1 || !out) {
    console.error('usage: node bench/generate.mjs N OUT_DIR');
    process.exit(2);
  }
  generate(n, out);
  console.log(`wrote ${n} entries to ${out}`);
}
