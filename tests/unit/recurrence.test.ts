import { describe, expect, it } from 'vitest';
import {
  describeRule,
  nextOccurrence,
  occurrencesBetween,
  validateRule,
  type RecurrenceRule,
  type SeriesTiming,
} from '../../src/domain/recurrence.js';
import { formatDateTime } from '../../src/domain/time.js';

const TZ = 'Asia/Ho_Chi_Minh';

/** A fixed instant given as local wall time in Vietnam (UTC+7): never the real clock. */
const vn = (isoLocal: string) => new Date(`${isoLocal}+07:00`);

function series(rule: RecurrenceRule, extra: Partial<SeriesTiming> = {}): SeriesTiming {
  return { rule, hour: 14, minute: 30, startDate: '2020-01-01', timeZone: TZ, ...extra };
}

/** The local date keys of the occurrences in [from, to), given as local wall times. */
function dates(s: SeriesTiming, fromLocal: string, toLocal: string): string[] {
  return occurrencesBetween(s, vn(fromLocal), vn(toLocal)).map((o) => o.date);
}

/** Occurrences over a whole local year. */
const year = (s: SeriesTiming, y: number) => dates(s, `${y}-01-01T00:00`, `${y + 1}-01-01T00:00`);

function next(s: SeriesTiming, after: Date): string | null {
  const o = nextOccurrence(s, after);
  return o && `${o.date} ${formatDateTime(o.at, s.timeZone)}`;
}

describe('monthly on a day of the month', () => {
  const day31 = series({ freq: 'monthly', day: 31 });

  it('uses the last day of shorter months over a whole year (2026)', () => {
    expect(year(day31, 2026)).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-05-31',
      '2026-06-30',
      '2026-07-31',
      '2026-08-31',
      '2026-09-30',
      '2026-10-31',
      '2026-11-30',
      '2026-12-31',
    ]);
  });

  it('gives 29 February in a leap year (2028) and 28 in other years (2027)', () => {
    expect(year(day31, 2028)).toContain('2028-02-29');
    expect(year(day31, 2028).filter((d) => d.startsWith('2028-02'))).toEqual(['2028-02-29']);
    expect(year(day31, 2027).filter((d) => d.startsWith('2027-02'))).toEqual(['2027-02-28']);
    // Back to the 31st after February: the clamp does not drift.
    expect(year(day31, 2028).slice(1, 4)).toEqual(['2028-02-29', '2028-03-31', '2028-04-30']);
  });

  it.each([
    [29, 2026, '2026-02-28'],
    [29, 2028, '2028-02-29'],
    [30, 2026, '2026-02-28'],
    [30, 2027, '2027-02-28'],
    [30, 2028, '2028-02-29'],
  ])('day %i in February %i → %s', (day, y, expected) => {
    const s = series({ freq: 'monthly', day });
    expect(dates(s, `${y}-02-01T00:00`, `${y}-03-01T00:00`)).toEqual([expected]);
    // Other months keep the day itself.
    expect(dates(s, `${y}-01-01T00:00`, `${y}-02-01T00:00`)).toEqual([`${y}-01-${day}`]);
  });

  it('the fixed day of Vietnamese blocs: the 3rd of each month at 14h30', () => {
    const s = series({ freq: 'monthly', day: 3 });
    const got = occurrencesBetween(s, vn('2026-10-01T00:00'), vn('2027-01-01T00:00'));
    expect(got.map((o) => formatDateTime(o.at, TZ))).toEqual(['14h30 03/10/2026', '14h30 03/11/2026', '14h30 03/12/2026']);
  });
});

describe('monthly on the nth weekday', () => {
  // December 2026 starts on a Tuesday and has five Tuesdays (1, 8, 15, 22, 29), Wednesdays and Thursdays.
  it.each([
    [2, 1, '2026-12-01'],
    [2, 2, '2026-12-08'],
    [2, 3, '2026-12-15'],
    [2, 4, '2026-12-22'],
    [2, -1, '2026-12-29'],
    [4, 4, '2026-12-24'],
    [4, -1, '2026-12-31'], // the month ends on that weekday
    [1, 1, '2026-12-07'], // the first Monday comes after the first Tuesday
    [1, -1, '2026-12-28'],
  ] as const)('December 2026, weekday %i nth %i → %s', (weekday, nth, expected) => {
    const s = series({ freq: 'monthly', weekday, nth });
    expect(dates(s, '2026-12-01T00:00', '2027-01-01T00:00')).toEqual([expected]);
  });

  it('first/second/last weekday in a month that starts on that weekday', () => {
    // February 2026 starts on a Sunday and has exactly four of each weekday.
    const feb = (weekday: 0 | 2, nth: 1 | 2 | 4 | -1) =>
      dates(series({ freq: 'monthly', weekday, nth }), '2026-02-01T00:00', '2026-03-01T00:00');
    expect(feb(0, 1)).toEqual(['2026-02-01']);
    expect(feb(0, 2)).toEqual(['2026-02-08']);
    expect(feb(0, -1)).toEqual(['2026-02-22']); // the month ends on Saturday 28
    // In a four-week month the fourth is the last.
    expect(feb(2, 4)).toEqual(['2026-02-24']);
    expect(feb(2, -1)).toEqual(['2026-02-24']);
    // June 2026 starts on a Monday.
    expect(dates(series({ freq: 'monthly', weekday: 1, nth: 1 }), '2026-06-01T00:00', '2026-07-01T00:00')).toEqual([
      '2026-06-01',
    ]);
  });

  it('the last Friday, including months that end on a Friday', () => {
    const s = series({ freq: 'monthly', weekday: 5, nth: -1 });
    expect(year(s, 2026)).toEqual([
      '2026-01-30',
      '2026-02-27',
      '2026-03-27',
      '2026-04-24',
      '2026-05-29',
      '2026-06-26',
      '2026-07-31', // July 2026 ends on a Friday
      '2026-08-28',
      '2026-09-25',
      '2026-10-30',
      '2026-11-27',
      '2026-12-25',
    ]);
    // April 2027 and March 2028 end on a Friday too.
    expect(dates(s, '2027-04-01T00:00', '2027-05-01T00:00')).toEqual(['2027-04-30']);
    expect(dates(s, '2028-03-01T00:00', '2028-04-01T00:00')).toEqual(['2028-03-31']);
  });

  it('the fourth weekday of a five-week month is not its last', () => {
    // May 2026 starts on a Friday: Fridays 1, 8, 15, 22, 29.
    expect(dates(series({ freq: 'monthly', weekday: 5, nth: 4 }), '2026-05-01T00:00', '2026-06-01T00:00')).toEqual([
      '2026-05-22',
    ]);
    expect(dates(series({ freq: 'monthly', weekday: 5, nth: -1 }), '2026-05-01T00:00', '2026-06-01T00:00')).toEqual([
      '2026-05-29',
    ]);
  });
});

describe('quarterly', () => {
  it('the 15th of the second month of each quarter: February, May, August, November', () => {
    const s = series({ freq: 'quarterly', monthOfQuarter: 2, day: 15 });
    expect(year(s, 2026)).toEqual(['2026-02-15', '2026-05-15', '2026-08-15', '2026-11-15']);
  });

  it('clamps the day like monthly rules', () => {
    const s = series({ freq: 'quarterly', monthOfQuarter: 2, day: 31 });
    expect(year(s, 2028)).toEqual(['2028-02-29', '2028-05-31', '2028-08-31', '2028-11-30']);
  });

  it('runs across the year change (December → the January quarter)', () => {
    const first = series({ freq: 'quarterly', monthOfQuarter: 1, day: 10 });
    expect(dates(first, '2026-11-01T00:00', '2027-05-01T00:00')).toEqual(['2027-01-10', '2027-04-10']);
    expect(next(first, vn('2026-10-10T15:00'))).toBe('2027-01-10 14h30 10/01/2027');

    // The last Friday of the third month: 25/12/2026, then 26/03/2027.
    const last = series({ freq: 'quarterly', monthOfQuarter: 3, weekday: 5, nth: -1 });
    expect(dates(last, '2026-10-01T00:00', '2027-04-01T00:00')).toEqual(['2026-12-25', '2027-03-26']);
    expect(next(last, vn('2026-12-25T14:31'))).toBe('2027-03-26 14h30 26/03/2027');
  });

  it('the first Monday of the first month of each quarter', () => {
    const s = series({ freq: 'quarterly', monthOfQuarter: 1, weekday: 1, nth: 1 });
    expect(year(s, 2027)).toEqual(['2027-01-04', '2027-04-05', '2027-07-05', '2027-10-04']);
  });
});

describe('series bounds', () => {
  const third = (extra: Partial<SeriesTiming>) => series({ freq: 'monthly', day: 3 }, extra);

  it('startDate and endDate are inclusive', () => {
    const s = third({ startDate: '2026-03-03', endDate: '2026-06-03' });
    expect(year(s, 2026)).toEqual(['2026-03-03', '2026-04-03', '2026-05-03', '2026-06-03']);
  });

  it('a day after startDate or before endDate leaves that month out', () => {
    const s = third({ startDate: '2026-03-04', endDate: '2026-06-02' });
    expect(year(s, 2026)).toEqual(['2026-04-03', '2026-05-03']);
  });

  it('compares the clamped date with the bounds', () => {
    const s = series({ freq: 'monthly', day: 31 }, { startDate: '2026-04-30', endDate: '2026-06-30' });
    expect(year(s, 2026)).toEqual(['2026-04-30', '2026-05-31', '2026-06-30']);
  });

  it('an occurrence exactly at `from` is included, exactly at `to` excluded', () => {
    const s = third({});
    const at = vn('2026-12-03T14:30');
    expect(occurrencesBetween(s, at, vn('2027-02-01T00:00')).map((o) => o.date)).toEqual(['2026-12-03', '2027-01-03']);
    expect(occurrencesBetween(s, vn('2026-10-01T00:00'), at).map((o) => o.date)).toEqual(['2026-10-03', '2026-11-03']);
    expect(occurrencesBetween(s, new Date(at.getTime() + 1), vn('2027-01-03T14:30'))).toEqual([]);
  });

  it('an empty or reversed window gives nothing', () => {
    const s = third({});
    expect(occurrencesBetween(s, vn('2026-12-03T14:30'), vn('2026-12-03T14:30'))).toEqual([]);
    expect(occurrencesBetween(s, vn('2027-01-01T00:00'), vn('2026-01-01T00:00'))).toEqual([]);
  });

  it('endDate before startDate gives nothing', () => {
    const s = third({ startDate: '2026-06-01', endDate: '2026-05-31' });
    expect(year(s, 2026)).toEqual([]);
    expect(nextOccurrence(s, vn('2026-01-01T00:00'))).toBeNull();
  });
});

describe('time zone', () => {
  it('14h30 local on 03/12/2026 is 2026-12-03T07:30:00Z', () => {
    const [o] = occurrencesBetween(series({ freq: 'monthly', day: 3 }), vn('2026-12-01T00:00'), vn('2027-01-01T00:00'));
    expect(o).toEqual({ date: '2026-12-03', at: new Date('2026-12-03T07:30:00Z') });
  });

  it('an occurrence at 0h30 local is still the previous day in UTC, and keeps its local date', () => {
    const s = series({ freq: 'monthly', day: 3 }, { hour: 0, minute: 30 });
    const o = nextOccurrence(s, vn('2026-12-01T00:00'));
    expect(o).toEqual({ date: '2026-12-03', at: new Date('2026-12-02T17:30:00Z') });
    // A window that is the UTC day 2 December holds it; the UTC day 3 December does not.
    const utcDay = (d: string) =>
      occurrencesBetween(s, new Date(`${d}T00:00:00Z`), new Date(new Date(`${d}T00:00:00Z`).getTime() + 86_400_000));
    expect(utcDay('2026-12-02').map((x) => x.date)).toEqual(['2026-12-03']);
    expect(utcDay('2026-12-03')).toEqual([]);
  });

  it('months are local months: 0h30 on the 1st falls in the previous UTC month', () => {
    const s = series({ freq: 'monthly', weekday: 2, nth: 1 }, { hour: 0, minute: 30 });
    // 01/12/2026 00h30 in Vietnam is 30/11/2026 17:30 UTC.
    expect(nextOccurrence(s, new Date('2026-11-30T17:00:00Z'))).toEqual({
      date: '2026-12-01',
      at: new Date('2026-11-30T17:30:00Z'),
    });
    const got = occurrencesBetween(s, new Date('2026-11-30T17:30:00Z'), new Date('2026-12-01T00:00:00Z'));
    expect(got.map((o) => o.date)).toEqual(['2026-12-01']);
  });

  it('uses the zone given, with its own offsets (no hard-coded +7)', () => {
    const s = series({ freq: 'monthly', day: 3 }, { timeZone: 'America/New_York' });
    const got = occurrencesBetween(s, new Date('2026-07-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'));
    expect(got.find((o) => o.date === '2026-07-03')?.at).toEqual(new Date('2026-07-03T18:30:00Z')); // EDT, UTC−4
    expect(got.find((o) => o.date === '2026-12-03')?.at).toEqual(new Date('2026-12-03T19:30:00Z')); // EST, UTC−5
    expect(got).toHaveLength(6);
  });
});

describe('nextOccurrence', () => {
  const s = series({ freq: 'monthly', day: 3 }, { startDate: '2026-03-01', endDate: '2027-03-03' });

  it('returns an occurrence exactly at `after`', () => {
    expect(next(s, vn('2026-12-03T14:30'))).toBe('2026-12-03 14h30 03/12/2026');
  });

  it('after the one of a month moves to the next month, across the year change', () => {
    expect(next(s, vn('2026-12-03T14:31'))).toBe('2027-01-03 14h30 03/01/2027');
    expect(next(s, vn('2026-12-31T23:59'))).toBe('2027-01-03 14h30 03/01/2027');
  });

  it('after the last occurrence of a month for a last-weekday rule', () => {
    const lastFriday = series({ freq: 'monthly', weekday: 5, nth: -1 });
    expect(next(lastFriday, vn('2026-07-31T15:00'))).toBe('2026-08-28 14h30 28/08/2026');
  });

  it('before the start gives the first occurrence on or after startDate', () => {
    expect(next(s, vn('2025-01-01T00:00'))).toBe('2026-03-03 14h30 03/03/2026');
  });

  it('the end date itself still counts; after it there is none', () => {
    expect(next(s, vn('2027-03-01T00:00'))).toBe('2027-03-03 14h30 03/03/2027');
    expect(nextOccurrence(s, vn('2027-03-03T14:31'))).toBeNull();
    expect(nextOccurrence(s, vn('2030-01-01T00:00'))).toBeNull();
  });

  it('without an end date there is always a next one', () => {
    const open = series({ freq: 'quarterly', monthOfQuarter: 3, day: 31 });
    expect(next(open, vn('2099-12-31T14:31'))).toBe('2100-03-31 14h30 31/03/2100');
  });
});

describe('validateRule', () => {
  it.each<RecurrenceRule>([
    { freq: 'monthly', day: 1 },
    { freq: 'monthly', day: 31 },
    { freq: 'monthly', weekday: 0, nth: 1 },
    { freq: 'monthly', weekday: 6, nth: -1 },
    { freq: 'quarterly', monthOfQuarter: 1, day: 15 },
    { freq: 'quarterly', monthOfQuarter: 3, weekday: 2, nth: 4 },
  ])('accepts %j', (rule) => {
    expect(validateRule(rule)).toBeNull();
  });

  // Rules as they might come from storage, hence the casts.
  it.each([
    [{ freq: 'monthly', day: 0 }, /day/],
    [{ freq: 'monthly', day: 32 }, /day/],
    [{ freq: 'monthly', day: 1.5 }, /day/],
    [{ freq: 'monthly', day: Number.NaN }, /day/],
    [{ freq: 'monthly', day: '3' }, /day/],
    [{ freq: 'monthly', weekday: 7, nth: 1 }, /weekday/],
    [{ freq: 'monthly', weekday: -1, nth: 1 }, /weekday/],
    [{ freq: 'monthly', weekday: 1, nth: 0 }, /nth/],
    [{ freq: 'monthly', weekday: 1, nth: 5 }, /nth/],
    [{ freq: 'monthly', weekday: 1, nth: -2 }, /nth/],
    [{ freq: 'monthly', weekday: 1 }, /nth/],
    [{ freq: 'quarterly', monthOfQuarter: 0, day: 1 }, /monthOfQuarter/],
    [{ freq: 'quarterly', monthOfQuarter: 4, day: 1 }, /monthOfQuarter/],
    [{ freq: 'quarterly', day: 1 }, /monthOfQuarter/],
    [{ freq: 'monthly', monthOfQuarter: 1, day: 1 }, /monthOfQuarter/],
    [{ freq: 'weekly', day: 1 }, /freq/],
    [{ freq: 'monthly', day: 3, weekday: 1, nth: 1 }, /not both/],
    [{ freq: 'monthly' }, /needs/],
    [null, /object/],
  ])('rejects %j', (rule, message) => {
    expect(validateRule(rule as unknown as RecurrenceRule)).toMatch(message);
  });

  it('the other functions refuse an invalid rule or timing', () => {
    const bad = series({ freq: 'monthly', day: 32 });
    const from = vn('2026-01-01T00:00');
    const to = vn('2027-01-01T00:00');
    expect(() => occurrencesBetween(bad, from, to)).toThrow(RangeError);
    expect(() => nextOccurrence(bad, from)).toThrow(RangeError);
    expect(() => describeRule(bad.rule, 'vi')).toThrow(RangeError);
    const ok = series({ freq: 'monthly', day: 3 });
    expect(() => occurrencesBetween({ ...ok, startDate: '2026-02-30' }, from, to)).toThrow(/startDate/);
    expect(() => occurrencesBetween({ ...ok, startDate: '03/12/2026' }, from, to)).toThrow(/startDate/);
    expect(() => occurrencesBetween({ ...ok, endDate: '2026-13-01' }, from, to)).toThrow(/endDate/);
    expect(() => occurrencesBetween({ ...ok, hour: 24 }, from, to)).toThrow(/hour/);
    expect(() => occurrencesBetween({ ...ok, minute: 60 }, from, to)).toThrow(/minute/);
    expect(() => nextOccurrence(ok, new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('describeRule', () => {
  it.each<[RecurrenceRule, string, string]>([
    [{ freq: 'monthly', day: 3 }, 'ngày 3 hằng tháng', 'the 3rd of every month'],
    [{ freq: 'monthly', day: 1 }, 'ngày 1 hằng tháng', 'the 1st of every month'],
    [{ freq: 'monthly', day: 12 }, 'ngày 12 hằng tháng', 'the 12th of every month'],
    [{ freq: 'monthly', day: 22 }, 'ngày 22 hằng tháng', 'the 22nd of every month'],
    [{ freq: 'monthly', weekday: 2, nth: 1 }, 'thứ Ba tuần đầu tiên hằng tháng', 'the first Tuesday of every month'],
    [{ freq: 'monthly', weekday: 5, nth: -1 }, 'thứ Sáu cuối cùng hằng tháng', 'the last Friday of every month'],
    // The case: "thứ Sáu thứ hai" read as Friday-Monday.
    [{ freq: 'monthly', weekday: 5, nth: 2 }, 'thứ Sáu tuần thứ hai hằng tháng', 'the second Friday of every month'],
    [{ freq: 'monthly', weekday: 0, nth: 2 }, 'Chủ nhật tuần thứ hai hằng tháng', 'the second Sunday of every month'],
    [{ freq: 'monthly', weekday: 3, nth: 3 }, 'thứ Tư tuần thứ ba hằng tháng', 'the third Wednesday of every month'],
    [{ freq: 'monthly', weekday: 6, nth: 4 }, 'thứ Bảy tuần thứ tư hằng tháng', 'the fourth Saturday of every month'],
    [
      { freq: 'quarterly', monthOfQuarter: 2, day: 15 },
      'ngày 15 tháng thứ hai mỗi quý',
      'the 15th of the second month of every quarter',
    ],
    [
      { freq: 'quarterly', monthOfQuarter: 1, weekday: 1, nth: 1 },
      'thứ Hai tuần đầu tiên của tháng thứ nhất mỗi quý',
      'the first Monday of the first month of every quarter',
    ],
    [
      { freq: 'quarterly', monthOfQuarter: 3, weekday: 4, nth: -1 },
      'thứ Năm cuối cùng của tháng thứ ba mỗi quý',
      'the last Thursday of the third month of every quarter',
    ],
    [
      { freq: 'monthly', day: 31 },
      'ngày 31 hằng tháng (tháng không có ngày 31 thì vào ngày cuối tháng)',
      'the 31st of every month (or the last day of shorter months)',
    ],
  ])('%j', (rule, vi, en) => {
    expect(describeRule(rule, 'vi')).toBe(vi);
    expect(describeRule(rule, 'en')).toBe(en);
  });
});
