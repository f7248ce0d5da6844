// Business hours without a browser: parsing, whether people answer at a
// given moment in the configured time zone, and the label the hand-over card shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseHours } from '../../../web/src/widget/hours.js';

const zhCN = JSON.parse(readFileSync(new URL('../../../web/i18n/zh-CN.json', import.meta.url), 'utf8'));
const en = JSON.parse(readFileSync(new URL('../../../web/i18n/en.json', import.meta.url), 'utf8'));

// 2026-11-25 is a Wednesday; Shanghai is UTC+8 all year.
const shanghai = (day, hhmm) => new Date(`2026-11-${day}T${hhmm}:00+08:00`);

test('open within the hours of the listed days, closed outside them; the closing minute is closed', () => {
  const hours = parseHours('mon-fri 09:00-18:00; sat 10:00-16:00', 'Asia/Shanghai');
  assert.equal(hours.isOpen(shanghai(25, '09:00')), true, 'Wednesday at opening');
  assert.equal(hours.isOpen(shanghai(25, '17:59')), true);
  assert.equal(hours.isOpen(shanghai(25, '18:00')), false, 'Wednesday at closing');
  assert.equal(hours.isOpen(shanghai(25, '08:59')), false);
  assert.equal(hours.isOpen(shanghai(28, '10:00')), true, 'Saturday, its own hours');
  assert.equal(hours.isOpen(shanghai(28, '09:30')), false);
  assert.equal(hours.isOpen(shanghai(29, '12:00')), false, 'Sunday is not listed');
});

test('the time zone decides, daylight saving time included', () => {
  const hours = parseHours('mon 09:00-10:00', 'America/New_York');
  assert.equal(hours.isOpen(new Date('2026-07-06T13:30:00Z')), true, '09:30 EDT');
  assert.equal(hours.isOpen(new Date('2026-01-05T13:30:00Z')), false, '08:30 EST');
  assert.equal(hours.isOpen(new Date('2026-01-05T14:30:00Z')), true, '09:30 EST');
});

test('day ranges wrap round the week, lists combine, 24:00 closes at midnight, empty is always open', () => {
  const weekend = parseHours('fri-mon 00:00-24:00', 'Asia/Shanghai');
  assert.deepEqual([...weekend.groups[0].days].sort(), [0, 1, 5, 6]);
  assert.equal(weekend.isOpen(shanghai(29, '23:59')), true, 'Sunday just before midnight');
  assert.equal(weekend.isOpen(shanghai(25, '12:00')), false, 'Wednesday');
  assert.deepEqual([...parseHours('mon, wed,fri 09:00-12:00').groups[0].days].sort(), [1, 3, 5]);
  assert.deepEqual(
    [...parseHours('Monday-Tuesday 9:00-12:00').groups[0].days].sort(),
    [1, 2],
    'whole day names',
  );
  const always = parseHours('', 'Asia/Shanghai');
  assert.equal(always.groups.length, 0);
  assert.equal(always.isOpen(shanghai(29, '03:00')), true);
});

test('a mistake is named, and an unknown time zone is a RangeError', () => {
  assert.throws(
    () => parseHours('weekdays nine to six'),
    /cannot read "weekdays nine to six"; write it like "mon-fri 09:00-18:00"/,
  );
  assert.throws(() => parseHours('mon-fry 09:00-18:00'), /unknown day in "mon-fry 09:00-18:00"/);
  assert.throws(() => parseHours('mon 18:00-09:00'), /"mon 18:00-09:00" must close after it opens/);
  assert.throws(() => parseHours('mon 09:60-10:00'), /must close after it opens/);
  assert.throws(() => parseHours('mon 09:00-24:01'), /must close after it opens/);
  assert.throws(() => parseHours('mon 09:00-18:00', 'Mars/Olympus'), RangeError);
});

test('the label joins runs of days and names the zone, in the UI language', () => {
  const hours = parseHours('mon-fri 09:00-18:00; sat 10:00-16:00', 'Asia/Shanghai');
  const now = shanghai(25, '12:00');
  assert.equal(hours.label(zhCN, 'zh-CN', now), '周一至周五 09:00–18:00、周六 10:00–16:00，GMT+8');
  assert.equal(hours.label(en, 'en', now), 'Mon–Fri 09:00–18:00, Sat 10:00–16:00, GMT+8');
  // Sunday ends the week: "mon,sat,sun" is Monday, then Saturday to Sunday.
  assert.equal(
    parseHours('mon,sat,sun 09:00-12:00', 'Asia/Shanghai').label(en, 'en', now),
    'Mon, Sat–Sun 09:00–12:00, GMT+8',
  );
});
