/**
 * Reading a date and time the way Vietnamese users type them: "14h30 3/12", "8h sáng mai",
 * "thứ Ba tuần sau 8h", "3 tháng 12 năm 2026 lúc 14 giờ". Pure: the caller passes `now` and the
 * zone, so the same text always gives the same instant in tests and in production.
 *
 * The parser is strict on purpose: every word must be understood, otherwise the answer is
 * 'unrecognised' rather than a guess. It never refuses a past instant itself ("hôm qua", a time
 * earlier today): the caller decides what is too early.
 */
import { foldVietnamese } from './text.js';
import { localParts } from './time.js';

export type ParseResult =
  | { ok: true; at: Date; /** true when the text had an explicit date (not only a time) */ hasDate: boolean }
  | { ok: false; reason: 'empty' | 'unrecognised' | 'invalid_date' | 'invalid_time' | 'no_time' };

export interface ParseOptions {
  /** Used when the text has a date but no time; without it such text gives 'no_time'. */
  defaultTime?: { hour: number; minute: number };
}

export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/**
 * Canonical forms for the time questions, made from today so that each one names a time ahead:
 * "14h30 26/11" (three days on), "30/11/2026 14:30" (a week on), then the relative forms.
 */
export function describeExamples(now: Date, timeZone: string = DEFAULT_TIME_ZONE): string[] {
  const p = localParts(now, timeZone);
  const today: CivilDate = { year: p.year, month: p.month, day: p.day };
  const soon = addDays(today, 3);
  const later = addDays(today, 7);
  const pad = (n: number) => String(n).padStart(2, '0');
  return [
    `14h30 ${soon.day}/${soon.month}`,
    `${pad(later.day)}/${pad(later.month)}/${later.year} 14:30`,
    '8h ngày mai',
    'thứ Ba tuần sau 8h',
    '14:00 thứ 6',
  ];
}

type Period = 'sang' | 'trua' | 'chieu' | 'toi' | 'dem';

type Token =
  | { kind: 'noise' }
  | { kind: 'time'; hour: number; minute: number }
  | { kind: 'period'; period: Period }
  | { kind: 'date'; day: number; month: number; year?: number }
  | { kind: 'relative'; days: number }
  /** offset 0 = Monday … 6 = Sunday */
  | { kind: 'weekday'; offset: number }
  /** 0 = this week, 1 = next week, -1 = last week (Monday-based weeks) */
  | { kind: 'week'; weeks: number };

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

interface Matcher {
  re: RegExp;
  /** null: the shape matched but cannot be a date or time at all (e.g. "32/13") */
  make: (m: RegExpExecArray) => Token | null;
}

// A token must not run into a letter or digit, nor into "/12", ":30", ".2026" (so "8h 3/12" is not
// read as 8:03 followed by garbage: the regex backtracks to "8h").
const END = String.raw`(?![\p{L}\p{N}]|[\/.:\-]\d)`;
const rx = (source: string) => new RegExp(source + END, 'uy');
const num = (s: string | undefined) => (s === undefined ? undefined : Number(s));

const WEEKDAY_WORDS: Record<string, number> = { hai: 0, ba: 1, tu: 2, nam: 3, sau: 4, bay: 5 };
const RELATIVE_DAYS: Record<string, number> = {
  'hom nay': 0,
  nay: 0, // "tối nay", "sáng nay"
  'hom qua': -1,
  'hom kia': -2, // "hôm kia" is two days ago, unlike "ngày kia"
  mai: 1,
  kia: 2, // "ngày kia" once the noise word "ngày" is gone
  mot: 2, // "mốt", "ngày mốt"
};
const WEEK_WORDS: Record<string, number> = { nay: 0, sau: 1, toi: 1, ke: 1, 'ke tiep': 1, 'sau nua': 2, truoc: -1 };

/** Tried in order at each position; the text is already folded (no marks, đ → d, lower case). */
const MATCHERS: Matcher[] = [
  { re: rx('(?:luc|ngay|vao|hoi)'), make: () => ({ kind: 'noise' }) },
  // 14h30, 14h, 14g30, 8 gio 15, 14 gio 30 phut, 8h30p, 8 gio ruoi (half past)
  {
    re: rx(String.raw`(\d{1,2})\s*(?:gio|g|h)(?:\s*(\d{1,2})(?!\s*thang)\s*(?:phut|p)?|\s*(ruoi))?`),
    make: (m) => ({ kind: 'time', hour: Number(m[1]), minute: m[3] ? 30 : (num(m[2]) ?? 0) }),
  },
  { re: rx(String.raw`(\d{1,2}):(\d{2})`), make: (m) => ({ kind: 'time', hour: Number(m[1]), minute: Number(m[2]) }) },
  // 2026-12-03: unambiguous, so accepted too.
  { re: rx(String.raw`(\d{4})-(\d{1,2})-(\d{1,2})`), make: (m) => dateToken(m[3], m[2], m[1]) },
  // 3/12, 03/12/2026, 3/12/26, 3-12-2026, 3.12.2026 (one separator throughout)
  { re: rx(String.raw`(\d{1,2})([\/.\-])(\d{1,2})(?:\2(\d{4}|\d{2}))?`), make: (m) => dateToken(m[1], m[3], m[4]) },
  // 3 thang 12, 3 thang 12 nam 2026
  {
    re: rx(String.raw`(\d{1,2})\s*thang\s*(\d{1,2})(?:\s*nam\s*(\d{4}|\d{2}))?`),
    make: (m) => dateToken(m[1], m[2], m[3]),
  },
  {
    re: rx(String.raw`(hom nay|hom qua|hom kia|nay|mai|kia|mot)`),
    make: (m) => ({ kind: 'relative', days: RELATIVE_DAYS[m[1] ?? ''] ?? 0 }),
  },
  // thu 2 … thu 7, thu hai … thu bay, chu nhat, cn, t2 … t7; a trailing "này" ("thứ 6 này") adds nothing.
  {
    re: rx(String.raw`(?:thu\s*([2-7]|hai|ba|tu|nam|sau|bay)|t([2-7])|(chu\s*nhat|cn))(?:\s+nay)?`),
    make: (m) => {
      if (m[3]) return { kind: 'weekday', offset: 6 };
      const word = m[1] ?? m[2] ?? '';
      const offset = /^\d$/.test(word) ? Number(word) - 2 : WEEKDAY_WORDS[word];
      return offset === undefined ? null : { kind: 'weekday', offset };
    },
  },
  {
    re: rx(String.raw`tuan\s+(nay|sau\s+nua|sau|toi|ke\s+tiep|ke|truoc)`),
    make: (m) => ({ kind: 'week', weeks: WEEK_WORDS[(m[1] ?? '').replace(/\s+/g, ' ')] ?? 0 }),
  },
  // "khuya" (late night) reads like "đêm".
  {
    re: rx('(sang|trua|chieu|toi|dem|khuya)'),
    make: (m) => ({ kind: 'period', period: m[1] === 'khuya' ? 'dem' : (m[1] as Period) }),
  },
];

/** A day outside 1–31 or a month outside 1–12 is not a date at all ("32/13" → unrecognised). */
function dateToken(day: string | undefined, month: string | undefined, year: string | undefined): Token | null {
  const d = Number(day);
  const m = Number(month);
  if (d < 1 || d > 31 || m < 1 || m > 12) return null;
  let y = num(year);
  if (y !== undefined && year?.length === 2) y += 2000;
  return { kind: 'date', day: d, month: m, year: y };
}

/**
 * The hour a period word makes of a 12- or 24-hour clock reading, or null when they contradict
 * ("15h sáng"). Readings that are ambiguous in speech ("12h đêm": which midnight?) are refused too.
 */
function applyPeriod(hour: number, period: Period | undefined): number | null {
  switch (period) {
    case undefined:
      return hour;
    case 'sang':
      return hour <= 11 ? hour : null;
    case 'trua':
      if (hour >= 11 && hour <= 14) return hour;
      return hour === 1 || hour === 2 ? hour + 12 : null;
    case 'chieu':
      if (hour >= 12 && hour <= 19) return hour;
      return hour >= 1 && hour <= 7 ? hour + 12 : null;
    case 'toi':
      if (hour >= 17 && hour <= 23) return hour;
      return hour >= 5 && hour <= 11 ? hour + 12 : null;
    case 'dem':
      if (hour <= 4 || (hour >= 21 && hour <= 23)) return hour;
      return hour >= 9 && hour <= 11 ? hour + 12 : null;
  }
}

function tokenize(text: string): Token[] | null {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < text.length) {
    if (text[pos] === ' ') {
      pos++;
      continue;
    }
    let matched = false;
    for (const { re, make } of MATCHERS) {
      re.lastIndex = pos;
      const m = re.exec(text);
      if (!m) continue;
      const token = make(m);
      if (!token) return null;
      tokens.push(token);
      pos = re.lastIndex;
      matched = true;
      break;
    }
    if (!matched) return null;
  }
  return tokens;
}

// Calendar arithmetic on civil dates, done in UTC where every day has 24 hours.
const civilMs = (d: CivilDate) => Date.UTC(d.year, d.month - 1, d.day);
function fromMs(ms: number): CivilDate {
  const x = new Date(ms);
  return { year: x.getUTCFullYear(), month: x.getUTCMonth() + 1, day: x.getUTCDate() };
}
const addDays = (d: CivilDate, days: number) => fromMs(civilMs(d) + days * 86_400_000);
/** 0 = Monday … 6 = Sunday */
const mondayOffset = (d: CivilDate) => (new Date(civilMs(d)).getUTCDay() + 6) % 7;
const sameDate = (a: CivilDate, b: CivilDate) => a.year === b.year && a.month === b.month && a.day === b.day;

// Years outside this range are typing mistakes, and keep Date.UTC (which maps 0–99 to 19xx) and
// Intl away from their odd corners.
function isValidDate(d: CivilDate): boolean {
  if (d.year < 1970 || d.year > 2100) return false;
  return d.day <= new Date(Date.UTC(d.year, d.month, 0)).getUTCDate();
}

/** How far the zone's wall clock is ahead of UTC at `ms`, in milliseconds. */
function zoneOffset(ms: number, timeZone: string): number {
  const p = localParts(new Date(ms), timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return wall - Math.floor(ms / 60_000) * 60_000;
}

/**
 * The UTC instant at which the zone's clocks show this wall time. The offset is looked up via Intl
 * rather than assumed; the second pass uses the offset at the first guess, which settles wall times
 * next to a daylight-saving change. (Vietnam has none; elsewhere a repeated hour gives its first
 * occurrence and a skipped one comes out an hour early.)
 */
export function zonedWallTimeToUtc(date: CivilDate, hour: number, minute: number, timeZone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  const first = wall - zoneOffset(wall, timeZone);
  return new Date(wall - zoneOffset(first, timeZone));
}

/**
 * Rules, relative to `now` in `timeZone`:
 * - Date and time may come in either order, with noise words (lúc, ngày, vào, hồi) and commas.
 * - Time only: today at that time, even if it has passed (hasDate false; the caller refuses past times).
 * - A date without a year: this year, or next year if that date and time are already past.
 * - A bare weekday: the next such day from today on; today only if the time is still ahead.
 * - "tuần này/sau/tới/trước": the day in this/next/last Monday-to-Sunday week, past or not.
 * - A weekday beside a date ("thứ 6, 4/12") must agree with it, else 'invalid_date'.
 * - A date without a time gives 'no_time' unless options.defaultTime is set; a period word without
 *   a clock time ("chiều mai") is also 'no_time', as the default time could contradict it.
 * Precedence of failures: empty, unrecognised, invalid_time, invalid_date, no_time.
 * An invalid `timeZone` throws (RangeError from Intl): it is configuration, not user input.
 */
export function parseVietnameseDateTime(
  text: string,
  now: Date,
  timeZone: string = DEFAULT_TIME_ZONE,
  options: ParseOptions = {},
): ParseResult {
  const folded = foldVietnamese(text.replace(/[,;]/g, ' ')).replace(/[.!?]+$/, '').trim();
  if (folded === '') return { ok: false, reason: 'empty' };

  const tokens = tokenize(folded);
  if (!tokens) return { ok: false, reason: 'unrecognised' };

  let time: { hour: number; minute: number } | undefined;
  let period: Period | undefined;
  let day: Extract<Token, { kind: 'date' | 'relative' }> | undefined;
  let weekday: number | undefined;
  let weeks: number | undefined;
  let periodSeen = false;
  for (const t of tokens) {
    // Each part may be given once: "8h 9h" or "mai 3/12" is not something to guess about.
    switch (t.kind) {
      case 'noise':
        break;
      case 'time':
        if (time) return { ok: false, reason: 'unrecognised' };
        time = { hour: t.hour, minute: t.minute };
        break;
      case 'period':
        if (periodSeen) return { ok: false, reason: 'unrecognised' };
        periodSeen = true;
        period = t.period;
        break;
      case 'date':
      case 'relative':
        if (day) return { ok: false, reason: 'unrecognised' };
        day = t;
        break;
      case 'weekday':
        if (weekday !== undefined) return { ok: false, reason: 'unrecognised' };
        weekday = t.offset;
        break;
      case 'week':
        if (weeks !== undefined) return { ok: false, reason: 'unrecognised' };
        weeks = t.weeks;
        break;
    }
  }
  const hasDate = day !== undefined || weekday !== undefined;
  if (weeks !== undefined && weekday === undefined) return { ok: false, reason: 'unrecognised' };
  if (!time && !hasDate) return { ok: false, reason: 'unrecognised' };

  let clock: { hour: number; minute: number } | undefined;
  if (time) {
    const hour = time.hour <= 23 && time.minute <= 59 ? applyPeriod(time.hour, period) : null;
    if (hour === null) return { ok: false, reason: 'invalid_time' };
    clock = { hour, minute: time.minute };
  } else if (!periodSeen) {
    clock = options.defaultTime;
  }

  const p = localParts(now, timeZone);
  const today: CivilDate = { year: p.year, month: p.month, day: p.day };
  const at = (d: CivilDate, c: { hour: number; minute: number }) => zonedWallTimeToUtc(d, c.hour, c.minute, timeZone);
  const isPast = (d: CivilDate) => clock !== undefined && at(d, clock).getTime() < now.getTime();

  let date: CivilDate | undefined;
  if (day?.kind === 'relative') {
    date = addDays(today, day.days);
  } else if (day?.kind === 'date') {
    date = { year: day.year ?? today.year, month: day.month, day: day.day };
    if (!isValidDate(date)) return { ok: false, reason: 'invalid_date' };
    if (day.year === undefined && isPast(date)) {
      date = { ...date, year: date.year + 1 };
      // 29/2 typed after this year's 29 February: next year has none.
      if (!isValidDate(date)) return { ok: false, reason: 'invalid_date' };
    }
  }

  if (weekday !== undefined) {
    let fromWeekday: CivilDate;
    if (weeks !== undefined) {
      const monday = addDays(today, -mondayOffset(today));
      fromWeekday = addDays(monday, weeks * 7 + weekday);
    } else {
      let ahead = (weekday - mondayOffset(today) + 7) % 7;
      if (ahead === 0 && isPast(today)) ahead = 7;
      fromWeekday = addDays(today, ahead);
    }
    if (date) {
      const agrees = weeks !== undefined ? sameDate(date, fromWeekday) : mondayOffset(date) === weekday;
      if (!agrees) return { ok: false, reason: 'invalid_date' };
    } else {
      date = fromWeekday;
    }
  }

  if (!clock) return { ok: false, reason: 'no_time' };
  return { ok: true, at: at(date ?? today, clock), hasDate };
}
