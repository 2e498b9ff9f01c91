/**
 * Recurring meeting series: "ngày 3 hằng tháng", "thứ Sáu tuần thứ hai hằng tháng", "ngày 15 tháng thứ
 * hai mỗi quý". The Party Charter asks every cell to meet monthly (many blocs fix the day) and to
 * hold a thematic meeting at least once a quarter, so monthly and quarterly rules are all we need.
 *
 * Pure: "now" is always a parameter. Dates and times of a series are local wall times in its IANA
 * zone; instants come from zonedWallTimeToUtc, never from a hard-coded offset. An occurrence is
 * identified by its local date key 'YYYY-MM-DD' (the day the rule picks, in the series' zone), so
 * a single occurrence can be moved or cancelled by that key.
 */
import { zonedWallTimeToUtc, type CivilDate } from './datetime-parse.js';
import { localParts } from './time.js';

/** 0 = Sunday (Chủ nhật), 1 = Monday (thứ Hai) … 6 = Saturday (thứ Bảy) */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;
/** 1 = first … 4 = fourth, -1 = last. There is no "fifth": not every month has one. */
export type Nth = 1 | 2 | 3 | 4 | -1;

export type RecurrenceRule =
  /** day 1..31; a month without that day uses its last day */
  | { freq: 'monthly'; day: number }
  /** "thứ Ba tuần đầu tiên" (nth 1), "thứ Sáu cuối cùng" (nth -1) */
  | { freq: 'monthly'; weekday: Weekday; nth: Nth }
  /** e.g. the 15th of the 2nd month of each quarter (Feb, May, Aug, Nov); calendar quarters */
  | { freq: 'quarterly'; monthOfQuarter: 1 | 2 | 3; day: number }
  | { freq: 'quarterly'; monthOfQuarter: 1 | 2 | 3; weekday: Weekday; nth: Nth };

export interface SeriesTiming {
  rule: RecurrenceRule;
  /** Local wall time of each occurrence. */
  hour: number;
  minute: number;
  /** First local date the series may produce (inclusive), as 'YYYY-MM-DD'. */
  startDate: string;
  /** Last local date (inclusive), optional. */
  endDate?: string;
  timeZone: string;
}

export interface Occurrence {
  /** Local date key 'YYYY-MM-DD' */
  date: string;
  at: Date;
}

// ---------------------------------------------------------------------------------------------
// Validation

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/**
 * Checks a rule, which may come from storage or user input, so every field is checked at run time
 * (types included). Returns an English error message, or null when the rule is valid.
 */
export function validateRule(rule: RecurrenceRule): string | null {
  // Read through a loose view: stored JSON need not match the declared type.
  const r = rule as unknown as Record<string, unknown> | null;
  if (typeof r !== 'object' || r === null) return 'rule must be an object';
  if (r.freq !== 'monthly' && r.freq !== 'quarterly') return `freq must be 'monthly' or 'quarterly'`;
  if (r.freq === 'quarterly') {
    if (!isInt(r.monthOfQuarter) || r.monthOfQuarter < 1 || r.monthOfQuarter > 3) {
      return 'monthOfQuarter must be 1, 2 or 3';
    }
  } else if ('monthOfQuarter' in r) {
    return 'monthOfQuarter is only for quarterly rules';
  }
  const hasDay = 'day' in r;
  const hasWeekday = 'weekday' in r || 'nth' in r;
  if (hasDay && hasWeekday) return 'a rule has either a day or a weekday with nth, not both';
  if (hasDay) {
    if (!isInt(r.day) || r.day < 1 || r.day > 31) return 'day must be an integer from 1 to 31';
    return null;
  }
  if (!hasWeekday) return 'a rule needs a day, or a weekday with nth';
  if (!isInt(r.weekday) || r.weekday < 0 || r.weekday > 6) return 'weekday must be an integer from 0 (Sunday) to 6';
  if (!isInt(r.nth) || !(r.nth === -1 || (r.nth >= 1 && r.nth <= 4))) return 'nth must be 1, 2, 3, 4 or -1 (last)';
  return null;
}

function assertValidRule(rule: RecurrenceRule): void {
  const error = validateRule(rule);
  if (error) throw new RangeError(`Invalid recurrence rule: ${error}`);
}

// ---------------------------------------------------------------------------------------------
// Civil calendar arithmetic (done in UTC, where every day has 24 hours)

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const dateKey = (d: CivilDate) => `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const weekdayOf = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day)).getUTCDay();

/** Months counted from year 0, so consecutive months differ by one across a year change. */
const monthIndex = (year: number, month: number) => year * 12 + (month - 1);
const fromMonthIndex = (i: number) => ({ year: Math.floor(i / 12), month: (i % 12) + 1 });

function parseDateKey(key: string, what: string): CivilDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  const d = m && { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const x = d && new Date(Date.UTC(d.year, d.month - 1, d.day));
  // The round trip rejects 2026-02-30 and years below 100 (which Date.UTC maps to 19xx).
  if (!d || !x || x.getUTCFullYear() !== d.year || x.getUTCMonth() !== d.month - 1 || x.getUTCDate() !== d.day) {
    throw new RangeError(`Invalid ${what}: expected a real date as YYYY-MM-DD, got ${JSON.stringify(key)}`);
  }
  return d;
}

/** The day of the month the rule picks in this month, or null when the month is not one of the rule's. */
function dayInMonth(rule: RecurrenceRule, year: number, month: number): number | null {
  if (rule.freq === 'quarterly' && (month - 1) % 3 !== rule.monthOfQuarter - 1) return null;
  const last = daysInMonth(year, month);
  if ('day' in rule) return Math.min(rule.day, last);
  if (rule.nth === -1) return last - ((weekdayOf(year, month, last) - rule.weekday + 7) % 7);
  const first = 1 + ((rule.weekday - weekdayOf(year, month, 1) + 7) % 7);
  // Every month has at least 28 days, hence four of each weekday: nth 1..4 always exists.
  return first + 7 * (rule.nth - 1);
}

interface Prepared {
  s: SeriesTiming;
  start: CivilDate;
  startKey: string;
  end: CivilDate | undefined;
  endKey: string | undefined;
}

function prepare(s: SeriesTiming): Prepared {
  assertValidRule(s.rule);
  if (!isInt(s.hour) || s.hour < 0 || s.hour > 23) throw new RangeError(`Invalid hour: ${s.hour}`);
  if (!isInt(s.minute) || s.minute < 0 || s.minute > 59) throw new RangeError(`Invalid minute: ${s.minute}`);
  const start = parseDateKey(s.startDate, 'startDate');
  const end = s.endDate === undefined ? undefined : parseDateKey(s.endDate, 'endDate');
  return { s, start, startKey: dateKey(start), end, endKey: end && dateKey(end) };
}

/** The occurrence the rule gives in this month (by month index), if any and inside startDate..endDate. */
function occurrenceInMonth(p: Prepared, i: number): Occurrence | null {
  const { year, month } = fromMonthIndex(i);
  const day = dayInMonth(p.s.rule, year, month);
  if (day === null) return null;
  const civil = { year, month, day };
  const date = dateKey(civil);
  // Keys are zero-padded, so string order is date order.
  if (date < p.startKey || (p.endKey !== undefined && date > p.endKey)) return null;
  return { date, at: zonedWallTimeToUtc(civil, p.s.hour, p.s.minute, p.s.timeZone) };
}

/** The local month (as an index) of an instant in the series' zone. */
function localMonthIndex(at: Date, timeZone: string): number {
  if (Number.isNaN(at.getTime())) throw new RangeError('Invalid Date');
  const lp = localParts(at, timeZone);
  return monthIndex(lp.year, lp.month);
}

// ---------------------------------------------------------------------------------------------
// Occurrences

/**
 * Occurrences whose start instant is in [from, to), in order; each with its local date key
 * 'YYYY-MM-DD' (used to identify an occurrence, e.g. to move or cancel one).
 * Throws RangeError on an invalid rule, hour, minute, startDate or endDate, or an invalid Date.
 */
export function occurrencesBetween(s: SeriesTiming, from: Date, to: Date): Occurrence[] {
  const p = prepare(s);
  const fromMonth = localMonthIndex(from, s.timeZone);
  const toMonth = localMonthIndex(to, s.timeZone);
  if (from.getTime() >= to.getTime()) return [];
  // One month of slack on each side: the wall time of an occurrence and the local month of the
  // bounds can only disagree near midnight, and the instant filter below settles it exactly.
  const first = Math.max(fromMonth - 1, monthIndex(p.start.year, p.start.month));
  const last = Math.min(toMonth + 1, p.end ? monthIndex(p.end.year, p.end.month) : Infinity);
  const out: Occurrence[] = [];
  for (let i = first; i <= last; i++) {
    const o = occurrenceInMonth(p, i);
    if (o && o.at.getTime() >= from.getTime() && o.at.getTime() < to.getTime()) out.push(o);
  }
  return out;
}

/**
 * The first occurrence at or after `after`, or null when the series has ended (past endDate).
 * Throws like occurrencesBetween.
 */
export function nextOccurrence(s: SeriesTiming, after: Date): Occurrence | null {
  const p = prepare(s);
  const first = Math.max(localMonthIndex(after, s.timeZone) - 1, monthIndex(p.start.year, p.start.month));
  // Without an end the answer is at most a quarter past the month of `after` (or of startDate);
  // 15 months is a generous bound that keeps the loop finite whatever happens.
  const last = p.end ? monthIndex(p.end.year, p.end.month) : first + 15;
  for (let i = first; i <= last; i++) {
    const o = occurrenceInMonth(p, i);
    if (o && o.at.getTime() >= after.getTime()) return o;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Descriptions

const VI_WEEKDAYS = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'] as const;
// "tuần thứ hai", never a bare "thứ hai": after a weekday that reads as another weekday (Monday).
const VI_NTH: Record<Nth, string> = { 1: 'tuần đầu tiên', 2: 'tuần thứ hai', 3: 'tuần thứ ba', 4: 'tuần thứ tư', [-1]: 'cuối cùng' };
const VI_MONTH_OF_QUARTER = { 1: 'tháng thứ nhất', 2: 'tháng thứ hai', 3: 'tháng thứ ba' } as const;

const EN_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const EN_NTH: Record<Nth, string> = { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', [-1]: 'last' };
const EN_MONTH_OF_QUARTER = { 1: 'first', 2: 'second', 3: 'third' } as const;

/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st, 22nd, 23rd … 31st */
function englishOrdinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  const suffix = ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/**
 * Describes a rule for the UI. Vietnamese: "ngày 3 hằng tháng", "thứ Sáu tuần thứ hai hằng tháng",
 * "thứ Sáu cuối cùng hằng tháng", "ngày 15 tháng thứ hai mỗi quý", "thứ Hai tuần đầu tiên của tháng
 * thứ nhất mỗi quý". English: "the 3rd of every month", "the first Tuesday of every month", "the 15th of
 * the second month of every quarter". Days 29–31 say what happens in shorter months.
 * Throws RangeError on an invalid rule.
 */
export function describeRule(rule: RecurrenceRule, locale: 'vi' | 'en'): string {
  assertValidRule(rule);
  const shortMonths = 'day' in rule && rule.day >= 29;
  if (locale === 'vi') {
    const when = 'day' in rule ? `ngày ${rule.day}` : `${VI_WEEKDAYS[rule.weekday]} ${VI_NTH[rule.nth]}`;
    const every =
      rule.freq === 'monthly'
        ? 'hằng tháng'
        : `${'day' in rule ? '' : 'của '}${VI_MONTH_OF_QUARTER[rule.monthOfQuarter]} mỗi quý`;
    const note = shortMonths ? ` (tháng không có ngày ${rule.day} thì vào ngày cuối tháng)` : '';
    return `${when} ${every}${note}`;
  }
  const when = 'day' in rule ? `the ${englishOrdinal(rule.day)}` : `the ${EN_NTH[rule.nth]} ${EN_WEEKDAYS[rule.weekday]}`;
  const every =
    rule.freq === 'monthly' ? 'every month' : `the ${EN_MONTH_OF_QUARTER[rule.monthOfQuarter]} month of every quarter`;
  const note = shortMonths ? ' (or the last day of shorter months)' : '';
  return `${when} of ${every}${note}`;
}
