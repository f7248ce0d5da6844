// The knowledge base meets the bar editors work to (kb-content/README.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { root } from './helpers.mjs';

const dir = path.join(root, 'kb-content');
const entries = readdirSync(dir, { recursive: true })
  .filter((f) => f.endsWith('.md') && /^[a-z]/.test(path.basename(f)))
  .map((f) => {
    const text = readFileSync(path.join(dir, f), 'utf8');
    const [, front, body] = text.match(/^---\n([\s\S]*?)\n---\n([\s\S]*)$/);
    const field = (name) => (front.match(new RegExp(`^${name}:\\s*(.+)$`, 'm')) || [])[1];
    const questions = [...front.matchAll(/^ {2}- (.+)$/gm)].map((m) => m[1]);
    return { file: f, id: field('id'), type: field('type'), audience: field('audience'),
      channel: field('channel'), situation: field('situation'), questions, body: body.trim() };
  });

test('at least 150 entries, 40 of them public FAQs', () => {
  assert.ok(entries.length >= 150, `${entries.length} entries`);
  const faqs = entries.filter((e) => e.type === 'faq' && e.audience === 'public');
  assert.ok(faqs.length >= 40, `${faqs.length} public FAQs`);
});

test('every FAQ has four phrasings or more; public ones include English', () => {
  for (const e of entries.filter((x) => x.type === 'faq')) {
    assert.ok(e.questions.length >= 4, `${e.file}: ${e.questions.length} phrasings`);
    if (e.audience === 'public') {
      assert.ok(e.questions.some((q) => /^[\x20-\x7e]+$/.test(q)), `${e.file}: no English phrasing`);
    }
  }
});

test('scripts say where and when they are used', () => {
  for (const e of entries.filter((x) => x.type === 'script')) {
    assert.ok(['phone', 'chat'].includes(e.channel), `${e.file}: channel`);
    assert.ok(e.situation, `${e.file}: situation`);
  }
});

test('FAQ answers fit a chat bubble: a lead sentence, then short points', () => {
  for (const e of entries.filter((x) => x.type === 'faq')) {
    assert.ok([...e.body].length <= 300, `${e.file}: ${[...e.body].length} characters`);
    assert.ok(!/^[-\d]/.test(e.body), `${e.file}: starts with a list, not a lead sentence`);
  }
});
