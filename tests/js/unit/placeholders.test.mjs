// {{phone}}, {{email}} and {{hours}} in entry text, filled in as text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PLACEHOLDER_NAMES, fillPlaceholderText } from '../../../web/src/shared/placeholders.js';

const missing = (name) => `〔${name}〕`;

test('each placeholder takes its value, or the text for a missing one', () => {
  assert.deepEqual(PLACEHOLDER_NAMES, ['phone', 'email', 'hours']);
  assert.equal(
    fillPlaceholderText('电话 {{phone}}，邮箱 {{email}}，时间 {{hours}}', { phone: '400-000-0000' }, missing),
    '电话 400-000-0000，邮箱 〔email〕，时间 〔hours〕',
  );
  assert.equal(fillPlaceholderText('{{phone}}', {}, missing), '〔phone〕');
  assert.equal(fillPlaceholderText('{{phone}}', undefined, missing), '〔phone〕');
});

test('anything else in braces stays as it is', () => {
  for (const text of ['{{name}}', '{phone}', '{{ phone }}', '{{PHONE}}', '价格 {{'])
    assert.equal(fillPlaceholderText(text, { phone: '1' }, missing), text);
});

test('a value is inserted as it is, never read as a placeholder or a pattern', () => {
  assert.equal(fillPlaceholderText('{{phone}}', { phone: '$& {{email}}' }, missing), '$& {{email}}');
});
