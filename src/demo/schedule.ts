/**
 * When the demo bloc's meetings fall, relative to "now" in the bloc's zone, so that the bloc is
 * alive on whatever day it is made: each cell's monthly series began three months ago (so some
 * meetings were held and some are ahead, and at least one ended in the last two weeks), a thematic
 * meeting per cell this quarter and last, a bloc conference this week and a briefing conference
 * in the next fortnight, these three on working days (no weekend, no fixed-date public holiday).
 * Pure: "now" and the zone are parameters; dates are local civil dates.
 */
import { type CivilDate, zonedWallTimeToUtc } from '../domain/datetime-parse.js';
import { nextOccurrence, type RecurrenceRule } from '../domain/recurrence.js';
import { localParts } from '../domain/time.js';

const DAY_MS = 86_400_000;

/** A civil date moved by `days`. */
export function addDays(d: CivilDate, days: number): CivilDate {
  const at = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday */
export function weekdayOf(d: CivilDate): number {
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
}

export function dateKeyOf(d: CivilDate): string {
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/**
 * Vietnam's public holidays that fall on the same civil date every year (New Year, Reunification
 * Day, Labour Day, National Day). Tết and the Hùng Kings' day follow the lunar calendar and the day
 * joined to National Day is set each year: not known here.
 */
const FIXED_HOLIDAYS = new Set(['01-01', '04-30', '05-01', '09-02']);

/** Monday to Friday and not a fixed-date public holiday. */
export function isWorkingDay(d: CivilDate): boolean {
  const w = weekdayOf(d);
  return w !== 0 && w !== 6 && !FIXED_HOLIDAYS.has(dateKeyOf(d).slice(5));
}

export function todayIn(now: Date, timeZone: string): CivilDate {
  const p = localParts(now, timeZone);
  return { year: p.year, month: p.month, day: p.day };
}

/** The calendar quarter `offset` quarters from the one holding `d` (0: that one, -1: the one before). */
export function quarterOf(d: CivilDate, offset = 0): { year: number; quarter: 1 | 2 | 3 | 4; first: CivilDate; last: CivilDate } {
  const index = d.year * 4 + Math.floor((d.month - 1) / 3) + offset;
  const year = Math.floor(index / 4);
  const quarter = ((index % 4) + 1) as 1 | 2 | 3 | 4;
  const first = { year, month: quarter * 3 - 2, day: 1 };
  const next = quarter === 4 ? { year: year + 1, month: 1, day: 1 } : { year, month: quarter * 3 + 1, day: 1 };
  return { year, quarter, first, last: addDays(next, -1) };
}

/**
 * The cells' monthly rules: fixed weekdays ("thứ Sáu tuần đầu tiên") and fixed days ("ngày 3"),
 * spread over the month so that any two weeks hold several meetings. Cell `i` takes rule
 * `i % length`, with its hour.
 */
const MONTHLY: { rule: RecurrenceRule; hour: number }[] = [
  { rule: { freq: 'monthly', day: 3 }, hour: 14 },
  { rule: { freq: 'monthly', weekday: 1, nth: 1 }, hour: 8 },
  { rule: { freq: 'monthly', weekday: 3, nth: 1 }, hour: 14 },
  { rule: { freq: 'monthly', weekday: 5, nth: 1 }, hour: 16 },
  { rule: { freq: 'monthly', day: 10 }, hour: 14 },
  { rule: { freq: 'monthly', weekday: 2, nth: 2 }, hour: 8 },
  { rule: { freq: 'monthly', weekday: 4, nth: 2 }, hour: 14 },
  { rule: { freq: 'monthly', day: 15 }, hour: 14 },
  { rule: { freq: 'monthly', weekday: 1, nth: 3 }, hour: 14 },
  { rule: { freq: 'monthly', weekday: 3, nth: 3 }, hour: 8 },
  { rule: { freq: 'monthly', weekday: 5, nth: 3 }, hour: 14 },
  { rule: { freq: 'monthly', day: 20 }, hour: 16 },
  { rule: { freq: 'monthly', weekday: 2, nth: 4 }, hour: 14 },
  { rule: { freq: 'monthly', weekday: 4, nth: 4 }, hour: 8 },
  { rule: { freq: 'monthly', day: 25 }, hour: 14 },
  { rule: { freq: 'monthly', weekday: 3, nth: -1 }, hour: 14 },
  { rule: { freq: 'monthly', weekday: 5, nth: -1 }, hour: 8 },
  { rule: { freq: 'monthly', weekday: 1, nth: -1 }, hour: 16 },
];

/** The monthly series of cell `index`: its rule, and its first meeting, in the month three months back. */
export function monthlySeries(index: number, now: Date, timeZone: string): { rule: RecurrenceRule; firstAt: Date } {
  const { rule, hour } = MONTHLY[index % MONTHLY.length]!;
  const today = todayIn(now, timeZone);
  // Date.UTC carries a month below 1 into the year before.
  const start = addDays({ year: today.year, month: today.month - 3, day: 1 }, 0);
  const from = zonedWallTimeToUtc(start, 0, 0, timeZone);
  const first = nextOccurrence({ rule, hour, minute: 0, startDate: dateKeyOf(start), timeZone }, from)!;
  return { rule, firstAt: first.at };
}

/**
 * The working day nearest `d` within [min, max] (a day back first: Saturday goes to Friday, Sunday
 * to Monday); `d` itself when there is none.
 */
function workingDay(d: CivilDate, min: CivilDate, max: CivilDate): CivilDate {
  for (let shift = 0; shift <= 7; shift++) {
    for (const day of [addDays(d, -shift), addDays(d, shift)]) {
      if (dateKeyOf(day) >= dateKeyOf(min) && dateKeyOf(day) <= dateKeyOf(max) && isWorkingDay(day)) return day;
    }
  }
  return d;
}

/**
 * Cell `index` of `count`'s thematic meeting in a quarter: the cells spread evenly over its
 * working days, at 8h00 or 14h00, on another day than `busy` (the dates of its regular meetings).
 */
export function thematicAt(
  index: number,
  count: number,
  quarter: { first: CivilDate; last: CivilDate },
  busy: ReadonlySet<string>,
  timeZone: string,
): Date {
  const days = Math.round((Date.UTC(quarter.last.year, quarter.last.month - 1, quarter.last.day) - Date.UTC(quarter.first.year, quarter.first.month - 1, quarter.first.day)) / DAY_MS) + 1;
  const target = addDays(quarter.first, Math.floor(((index + 0.5) * days) / count));
  const within = (d: CivilDate) => (dateKeyOf(d) < dateKeyOf(quarter.first) ? quarter.first : dateKeyOf(d) > dateKeyOf(quarter.last) ? quarter.last : d);
  const candidates = [0, -1, 1, -2, 2, -3, 3].map((shift) => workingDay(within(addDays(target, shift)), quarter.first, quarter.last));
  const day = candidates.find((d) => !busy.has(dateKeyOf(d))) ?? candidates[0]!;
  return zonedWallTimeToUtc(day, index % 2 === 0 ? 8 : 14, 0, timeZone);
}

/**
 * The bloc conference of this week (Monday to Sunday), on a working day (no holiday) at 8h00 or
 * 14h00: the first such time at least a day ahead; else the first still ahead by an hour; else
 * (late on Friday, at the weekend, before a holiday that ends the week) the last one already
 * past, as a conference held earlier this week.
 */
export function conferenceThisWeek(now: Date, timeZone: string): Date {
  const today = todayIn(now, timeZone);
  const monday = addDays(today, -((weekdayOf(today) + 6) % 7));
  const slots: Date[] = [];
  for (let i = 0; i < 5; i++) {
    const day = addDays(monday, i);
    if (isWorkingDay(day)) for (const hour of [8, 14]) slots.push(zonedWallTimeToUtc(day, hour, 0, timeZone));
  }
  const t = now.getTime();
  return (
    slots.find((s) => s.getTime() >= t + DAY_MS) ??
    slots.find((s) => s.getTime() >= t + 60 * 60_000) ??
    slots.filter((s) => s.getTime() < t).at(-1)!
  );
}

/**
 * The briefing conference: ten days on at 8h00, or the next working day after a weekend or a
 * holiday (within 14 days: 30/4 and 1/5 before a weekend).
 */
export function briefingAhead(now: Date, timeZone: string): Date {
  let day = addDays(todayIn(now, timeZone), 10);
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return zonedWallTimeToUtc(day, 8, 0, timeZone);
}

/**
 * A moment `daysBefore` days before today at `hour`:`minute`, local; when that is not yet past
 * (daysBefore 0, early in the day), `fallbackMinutes` before now.
 */
export function daysAgoAt(now: Date, timeZone: string, daysBefore: number, hour: number, minute = 0, fallbackMinutes = 90): Date {
  const at = zonedWallTimeToUtc(addDays(todayIn(now, timeZone), -daysBefore), hour, minute, timeZone);
  return at.getTime() < now.getTime() ? at : new Date(now.getTime() - fallbackMinutes * 60_000);
}
