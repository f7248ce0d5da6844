/*
 * Business hours, e.g. "mon-fri 09:00-18:00; sat 10:00-16:00", in a time zone:
 * whether people answer now, and the hours as the hand-over card shows them.
 */
import { fill } from '../shared/i18n.js';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** One group, "mon-fri 09:00-18:00": {days: Set of 0 (Sunday) … 6, open, close} in minutes of the day. */
function parseGroup(group) {
  const m = group.toLowerCase().match(/^([a-z,\s-]+?)\s+(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/);
  if (!m) throw new Error(`businessHours: cannot read "${group}"; write it like "mon-fri 09:00-18:00"`);
  const days = new Set();
  for (const part of m[1]
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [from, to = from] = part.split('-').map((d) => DAYS.indexOf(d.trim().slice(0, 3)));
    if (from < 0 || to < 0) throw new Error(`businessHours: unknown day in "${group}"; use mon, tue, … sun`);
    for (let d = from; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === to) break;
    }
  }
  const open = Number(m[2]) * 60 + Number(m[3]);
  const close = Number(m[4]) * 60 + Number(m[5]);
  if (Number(m[3]) > 59 || Number(m[5]) > 59 || open >= 24 * 60 || close > 24 * 60 || close <= open) {
    throw new Error(`businessHours: "${group}" must close after it opens, within one day (00:00-24:00)`);
  }
  return { days, open, close };
}

const hhmm = (m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/**
 * Parses the businessHours option (empty: always open) for an IANA time zone
 * (empty: the visitor's); throws a message naming the bad part, or a
 * RangeError for an unknown time zone.
 */
export function parseHours(spec, timeZone) {
  const groups = String(spec)
    .split(/[;\n]/)
    .map((g) => g.trim())
    .filter(Boolean)
    .map(parseGroup);
  const clock = new Intl.DateTimeFormat('en-US', {
    timeZone: timeZone || undefined,
    weekday: 'short',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  });
  return {
    groups,
    /** Whether people answer at `date`, in the configured time zone. */
    isOpen(date = new Date()) {
      if (!groups.length) return true;
      const parts = Object.fromEntries(clock.formatToParts(date).map((p) => [p.type, p.value]));
      const day = DAYS.indexOf(parts.weekday.toLowerCase().slice(0, 3));
      const minute = (Number(parts.hour) % 24) * 60 + Number(parts.minute);
      return groups.some((g) => g.days.has(day) && minute >= g.open && minute < g.close);
    },
    /** "周一至周五 09:00–18:00（GMT+8）" in the UI's language: T holds its strings. */
    label(T, lang, now = new Date()) {
      const text = groups
        .map((g) => {
          const order = [1, 2, 3, 4, 5, 6, 0].filter((d) => g.days.has(d));
          const runs = [];
          for (const d of order) {
            const last = runs[runs.length - 1];
            if (last && (last[1] + 1) % 7 === d && d !== 1) last[1] = d;
            else runs.push([d, d]);
          }
          const days = runs.map(([a, b]) =>
            a === b ? T.days[a] : fill(T.dayRange, { from: T.days[a], to: T.days[b] }),
          );
          return `${days.join(T.listSeparator)} ${hhmm(g.open)}–${hhmm(g.close)}`;
        })
        .join(T.listSeparator);
      const zone = new Intl.DateTimeFormat(lang, { timeZone: timeZone || undefined, timeZoneName: 'short' })
        .formatToParts(now)
        .find((p) => p.type === 'timeZoneName');
      return zone ? fill(T.hoursWithZone, { hours: text, zone: zone.value }) : text;
    },
  };
}
