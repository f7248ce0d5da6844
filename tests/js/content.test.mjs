// The knowledge base meets the bar editors work to (kb-content/README.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadEntries } from './helpers.mjs';

const entries = loadEntries();

test('at least 150 entries, 40 of them public FAQs', () => {
  assert.ok(entries.length >= 150, `${entries.length} entries`);
  const faqs = entries.filter((e) => e.type === 'faq' && e.audience === 'public');
  assert.ok(faqs.length >= 40, `${faqs.length} public FAQs`);
});

test('every FAQ has four phrasings or more; public ones include English', () => {
  for (const e of entries.filter((x) => x.type === 'faq')) {
    assert.ok(e.questions.length >= 4, `${e.file}: ${e.questions.length} phrasings`);
    if (e.audience === 'public') {
      assert.ok(
        e.questions.some((q) => /^[\x20-\x7e]+$/.test(q)),
        `${e.file}: no English phrasing`,
      );
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
