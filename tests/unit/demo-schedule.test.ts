/**
 * Where the demo bloc puts its meetings relative to "now", near the edges that break naive date
 * code: a week across a year end, the last and first day of a quarter, a Sunday night, late on a
 * Friday.
 */
import { describe, expect, it } from 'vitest';
import { rangeFor } from '../../src/domain/date-range.js';
import { localParts } from '../../src/domain/time.js';
import { briefingAhead, conferenceThisWeek, daysAgoAt, isWorkingDay, monthlySeries, quarterOf, thematicAt } from '../../src/demo/schedule.js';

const TZ = 'Asia/Ho_Chi_Minh';
/** A local wall time in Hà Nội, e.g. at('2026-12-31 23:30'). */
const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
const local = (d: Date) => {
  const p = localParts(d, TZ);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')} ${p.hour}h${String(p.minute).padStart(2, '0')}`;
};
const DAY = 86_400_000;
/** Vietnam's fixed-date public holidays, as month-day. */
const HOLIDAYS = ['01-01', '04-30', '05-01', '09-02'];
/** Neither a weekend nor a fixed-date holiday, in Hà Nội. */
const onWorkingDay = (d: Date) => {
  const p = localParts(d, TZ);
  return p.weekday >= 1 && p.weekday <= 5 && !HOLIDAYS.includes(`${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`);
};

describe('working days', () => {
  it('are Monday to Friday, not 1/1, 30/4, 1/5 or 2/9', () => {
    expect(isWorkingDay({ year: 2026, month: 12, day: 31 })).toBe(true); // Thursday
    expect(isWorkingDay({ year: 2027, month: 1, day: 1 })).toBe(false); // Friday, New Year
    expect(isWorkingDay({ year: 2027, month: 1, day: 2 })).toBe(false); // Saturday
    expect(isWorkingDay({ year: 2026, month: 4, day: 30 })).toBe(false);
    expect(isWorkingDay({ year: 2026, month: 5, day: 1 })).toBe(false);
    expect(isWorkingDay({ year: 2026, month: 9, day: 2 })).toBe(false);
    expect(isWorkingDay({ year: 2026, month: 9, day: 3 })).toBe(true);
  });
});

describe('the bloc conference of this week', () => {
  it('is a working day at 8h00 or 14h00, at least a day ahead when the week allows', () => {
    expect(local(conferenceThisWeek(at('2026-11-25 10:00'), TZ))).toBe('2026-11-26 14h00'); // Wednesday → Thursday afternoon
    expect(local(conferenceThisWeek(at('2026-11-23 07:00'), TZ))).toBe('2026-11-24 8h00'); // Monday morning → Tuesday
    expect(local(conferenceThisWeek(at('2026-11-26 15:00'), TZ))).toBe('2026-11-27 8h00'); // Thursday: Friday, still ahead
    expect(local(conferenceThisWeek(at('2026-11-27 15:00'), TZ))).toBe('2026-11-27 14h00'); // Friday afternoon: held today
    expect(local(conferenceThisWeek(at('2026-11-29 21:00'), TZ))).toBe('2026-11-27 14h00'); // Sunday night: held on Friday
  });

  it('stays in the week that runs across a year end, and off New Year\'s Day', () => {
    // Thursday 31/12/2026: the week is Monday 28/12/2026 to Sunday 3/1/2027; Friday 1/1 is a holiday.
    expect(local(conferenceThisWeek(at('2026-12-30 10:00'), TZ))).toBe('2026-12-31 14h00');
    expect(local(conferenceThisWeek(at('2026-12-31 10:00'), TZ))).toBe('2026-12-31 14h00');
    expect(local(conferenceThisWeek(at('2026-12-31 15:00'), TZ))).toBe('2026-12-31 14h00');
    expect(local(conferenceThisWeek(at('2027-01-01 00:30'), TZ))).toBe('2026-12-31 14h00');
    expect(local(conferenceThisWeek(at('2027-01-03 23:30'), TZ))).toBe('2026-12-31 14h00');
    // Thursday 1/1/2026: Friday 2/1 is a working day.
    expect(local(conferenceThisWeek(at('2025-12-31 10:00'), TZ))).toBe('2026-01-02 8h00');
  });

  it('falls on none of the fixed-date holidays (30/4, 1/5, 2/9), whatever the hour', () => {
    // 30/4 and 1/5/2026 are a Thursday and a Friday; 2/9/2026 a Wednesday; 1/1/2027 a Friday.
    for (const [from, to] of [['2026-04-27 00:00', '2026-05-04 00:00'], ['2026-08-31 00:00', '2026-09-07 00:00'], ['2026-12-28 00:00', '2027-01-04 00:00']]) {
      for (let t = at(from!).getTime(); t < at(to!).getTime(); t += 3_600_000) {
        expect(onWorkingDay(conferenceThisWeek(new Date(t), TZ)), local(new Date(t))).toBe(true);
      }
    }
    expect(local(conferenceThisWeek(at('2026-04-29 10:00'), TZ))).toBe('2026-04-29 14h00');
    expect(local(conferenceThisWeek(at('2026-09-01 10:00'), TZ))).toBe('2026-09-03 8h00');
  });

  it('is always inside "tuần này" as /lichhop reads it, every hour of a month and across a year end', () => {
    for (let t = at('2026-12-01 00:00').getTime(); t < at('2027-01-08 00:00').getTime(); t += 3_600_000) {
      const now = new Date(t);
      const conference = conferenceThisWeek(now, TZ);
      const week = rangeFor('this-week', now, TZ);
      expect(conference.getTime()).toBeGreaterThanOrEqual(week.from.getTime());
      expect(conference.getTime()).toBeLessThan(week.to.getTime());
      expect(onWorkingDay(conference)).toBe(true);
      // Ahead whenever a working-day slot an hour ahead is left this week (not late Friday, the
      // weekend, or late on Thursday 31/12/2026 before the New Year holiday).
      const p = localParts(now, TZ);
      const lastDay = t >= at('2026-12-28 00:00').getTime() && t < at('2027-01-04 00:00').getTime() ? 4 : 5;
      const slotLeft = (p.weekday >= 1 && p.weekday < lastDay) || (p.weekday === lastDay && p.hour < 13);
      if (slotLeft) expect(conference.getTime()).toBeGreaterThan(t);
    }
  });
});

describe('the briefing conference', () => {
  it('is ahead within a fortnight, on a working day (no holiday), whatever the day', () => {
    for (const [from, to] of [['2026-12-20 00:00', '2027-01-10 00:00'], ['2026-04-15 00:00', '2026-05-01 00:00'], ['2026-08-20 00:00', '2026-09-01 00:00']]) {
      for (let t = at(from!).getTime(); t < at(to!).getTime(); t += 5 * 3_600_000) {
        const briefing = briefingAhead(new Date(t), TZ);
        expect(briefing.getTime()).toBeGreaterThan(t + 9 * DAY);
        expect(briefing.getTime()).toBeLessThan(t + 15 * DAY);
        expect(onWorkingDay(briefing), local(new Date(t))).toBe(true);
        expect(local(briefing)).toMatch(/ 8h00$/);
      }
    }
    // Ten days on is Friday 1/1/2027: the Monday after.
    expect(local(briefingAhead(at('2026-12-22 09:00'), TZ))).toBe('2027-01-04 8h00');
  });
});

describe('thematic meetings in a quarter', () => {
  it('spread the cells over the working days of the quarter, first and last day included', () => {
    for (const today of [
      { year: 2026, month: 12, day: 31 },
      { year: 2027, month: 1, day: 1 },
      { year: 2026, month: 3, day: 31 },
      { year: 2026, month: 5, day: 2 },
      { year: 2026, month: 9, day: 2 },
    ]) {
      for (const offset of [-1, 0]) {
        const quarter = quarterOf(today, offset);
        const days = new Set<string>();
        for (let i = 0; i < 18; i++) {
          const when = thematicAt(i, 18, quarter, new Set(), TZ);
          const p = localParts(when, TZ);
          const key = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
          expect(key >= `${quarter.first.year}-${String(quarter.first.month).padStart(2, '0')}-01`).toBe(true);
          expect(key <= `${quarter.last.year}-${String(quarter.last.month).padStart(2, '0')}-${quarter.last.day}`).toBe(true);
          expect(onWorkingDay(when), key).toBe(true);
          days.add(key);
        }
        expect(days.size).toBeGreaterThanOrEqual(16);
      }
    }
  });

  it('names the quarter before across a year (Q1 → Q4 of the year before)', () => {
    expect(quarterOf({ year: 2027, month: 1, day: 1 }, -1)).toEqual({
      year: 2026,
      quarter: 4,
      first: { year: 2026, month: 10, day: 1 },
      last: { year: 2026, month: 12, day: 31 },
    });
    expect(quarterOf({ year: 2026, month: 12, day: 31 })).toMatchObject({ quarter: 4, last: { year: 2026, month: 12, day: 31 } });
    expect(quarterOf({ year: 2026, month: 2, day: 14 })).toMatchObject({ quarter: 1, last: { year: 2026, month: 3, day: 31 } });
  });

  it('avoids the days a cell holds its regular meeting', () => {
    const quarter = quarterOf({ year: 2026, month: 11, day: 25 });
    const free = thematicAt(3, 18, quarter, new Set(), TZ);
    const p = localParts(free, TZ);
    const busy = new Set([`${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`]);
    expect(localParts(thematicAt(3, 18, quarter, busy, TZ), TZ).day).not.toBe(p.day);
  });
});

describe('monthly series and release times', () => {
  it('begins in the month three months back, across a year', () => {
    for (let i = 0; i < 18; i++) {
      const { firstAt } = monthlySeries(i, at('2027-01-01 00:30'), TZ);
      expect(localParts(firstAt, TZ)).toMatchObject({ year: 2026, month: 10 });
      expect(localParts(monthlySeries(i, at('2026-03-31 23:59'), TZ).firstAt, TZ)).toMatchObject({ year: 2025, month: 12 });
    }
  });

  it('a moment "days ago" is always before now, even early on the day itself', () => {
    expect(local(daysAgoAt(at('2026-11-25 10:00'), TZ, 0, 7, 30))).toBe('2026-11-25 7h30');
    expect(local(daysAgoAt(at('2026-11-25 06:00'), TZ, 0, 7, 30))).toBe('2026-11-25 4h30');
    expect(local(daysAgoAt(at('2027-01-01 00:30'), TZ, 12, 9))).toBe('2026-12-20 9h00');
  });
});
