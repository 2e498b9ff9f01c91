/**
 * Calendar ranges named in lookups ("lịch họp tuần này", "họp ngày mai"): the phrase in folded
 * text, and the range it names in the bloc's time zone. A week runs Monday to Sunday.
 */
import { type CivilDate, zonedWallTimeToUtc } from './datetime-parse.js';
import { localParts } from './time.js';

export const RANGE_PHRASES = ['today', 'tomorrow', 'this-week', 'next-week', 'this-month', 'next-month'] as const;
export type RangePhrase = (typeof RANGE_PHRASES)[number];

export interface DateRange {
  phrase: RangePhrase;
  /** The first instant of the range. */
  from: Date;
  /** The first instant after it. */
  to: Date;
  firstDay: CivilDate;
  lastDay: CivilDate;
}

/** Folded words (no marks, lower case) → phrase; the first that matches wins. */
const PATTERNS: [RegExp, RangePhrase][] = [
  [/\bhom nay\b/, 'today'],
  [/\b(ngay mai|mai$)/, 'tomorrow'],
  [/\btuan nay\b/, 'this-week'],
  [/\btuan (sau|toi|ke tiep|ke)\b/, 'next-week'],
  [/\bthang nay\b/, 'this-month'],
  [/\bthang (sau|toi|ke tiep|ke)\b/, 'next-month'],
];

/** The range a folded text names, or null. */
export function findRangePhrase(folded: string): RangePhrase | null {
  for (const [re, phrase] of PATTERNS) if (re.test(folded)) return phrase;
  return null;
}

/** A civil date moved by `days` (month and year lengths handled by Date.UTC). */
function addDays(d: CivilDate, days: number): CivilDate {
  const at = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate() };
}

function firstOfMonth(year: number, month: number): CivilDate {
  const at = new Date(Date.UTC(year, month - 1, 1));
  return { year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: 1 };
}

/** The range `phrase` names at `now`, in `timeZone`: whole local days, midnight to midnight. */
export function rangeFor(phrase: RangePhrase, now: Date, timeZone: string): DateRange {
  const p = localParts(now, timeZone);
  const today: CivilDate = { year: p.year, month: p.month, day: p.day };
  const monday = addDays(today, -((p.weekday + 6) % 7));
  let first: CivilDate;
  let next: CivilDate;
  switch (phrase) {
    case 'today':
      [first, next] = [today, addDays(today, 1)];
      break;
    case 'tomorrow':
      [first, next] = [addDays(today, 1), addDays(today, 2)];
      break;
    case 'this-week':
      [first, next] = [monday, addDays(monday, 7)];
      break;
    case 'next-week':
      [first, next] = [addDays(monday, 7), addDays(monday, 14)];
      break;
    case 'this-month':
      [first, next] = [firstOfMonth(p.year, p.month), firstOfMonth(p.year, p.month + 1)];
      break;
    case 'next-month':
      [first, next] = [firstOfMonth(p.year, p.month + 1), firstOfMonth(p.year, p.month + 2)];
      break;
  }
  return {
    phrase,
    from: zonedWallTimeToUtc(first, 0, 0, timeZone),
    to: zonedWallTimeToUtc(next, 0, 0, timeZone),
    firstDay: first,
    lastDay: addDays(next, -1),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "07/12/2026" for one day, "07/12–13/12/2026" within a year, "28/12/2026–03/01/2027" across one. */
export function formatDayRange(range: Pick<DateRange, 'firstDay' | 'lastDay'>): string {
  const { firstDay: a, lastDay: b } = range;
  const full = (d: CivilDate) => `${pad(d.day)}/${pad(d.month)}/${d.year}`;
  if (a.year === b.year && a.month === b.month && a.day === b.day) return full(a);
  if (a.year === b.year) return `${pad(a.day)}/${pad(a.month)}–${full(b)}`;
  return `${full(a)}–${full(b)}`;
}
