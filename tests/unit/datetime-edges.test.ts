/**
 * Dates, times and recurrence at their edges: the last hour a period word allows ("11h sáng" but not
 * "12h sáng"), the first and last years accepted, a weekday that must agree with a date, and the
 * bounds of a series' hour, minute and rule. Off by one here, a meeting lands twelve hours or a
 * week away from where the secretary meant it.
 */
import { describe, expect, it } from 'vitest';
import { parseVietnameseDateTime } from '../../src/domain/datetime-parse.js';
import { describeRule, nextOccurrence, occurrencesBetween, type RecurrenceRule, validateRule } from '../../src/domain/recurrence.js';
import { formatDateTime } from '../../src/domain/time.js';

const TZ = 'Asia/Ho_Chi_Minh';
// Tuesday 01/12/2026, 10:00 in Hà Nội.
const NOW = new Date('2026-12-01T10:00:00+07:00');
const local = (text: string) => {
  const r = parseVietnameseDateTime(text, NOW, TZ);
  return r.ok ? formatDateTime(r.at, TZ) : `!${r.reason}`;
};
const hourOf = (text: string) => local(text).split(' ')[0];

describe('a period word and the hours it allows', () => {
  it.each([
    ['11h sáng', '11h00'],
    ['12h sáng', '!invalid_time'],
    ['11h trưa', '11h00'],
    ['14h trưa', '14h00'],
    ['15h trưa', '!invalid_time'],
    ['10h trưa', '!invalid_time'],
    ['1h trưa', '13h00'],
    ['2h trưa', '14h00'],
    ['3h trưa', '!invalid_time'],
    ['12h chiều', '12h00'],
    ['19h chiều', '19h00'],
    ['20h chiều', '!invalid_time'],
    ['11h chiều', '!invalid_time'],
    ['1h chiều', '13h00'],
    ['7h chiều', '19h00'],
    ['8h chiều', '!invalid_time'],
    ['0h chiều', '!invalid_time'],
    ['17h tối', '17h00'],
    ['23h tối', '23h00'],
    ['16h tối', '!invalid_time'],
    ['5h tối', '17h00'],
    ['11h tối', '23h00'],
    ['4h tối', '!invalid_time'],
    ['12h tối', '!invalid_time'],
    ['0h đêm', '0h00'],
    ['4h đêm', '4h00'],
    ['5h đêm', '!invalid_time'],
    ['21h đêm', '21h00'],
    ['23h khuya', '23h00'],
    ['20h đêm', '!invalid_time'],
    ['9h đêm', '21h00'],
    ['11h đêm', '23h00'],
    ['8h đêm', '!invalid_time'],
    ['12h đêm', '!invalid_time'],
  ])('%s → %s', (text, expected) => {
    expect(hourOf(`${text} 3/12`)).toBe(expected);
  });
});

describe('dates', () => {
  it('day 0 is no date; the years 1970 to 2100 are, their ends included', () => {
    expect(local('14h 0/12')).toBe('!unrecognised');
    expect(local('14h 3/12')).toBe('14h00 03/12/2026');
    expect(local('8h 1/1/1970')).toBe('8h00 01/01/1970');
    expect(local('8h 31/12/1969')).toBe('!invalid_date');
    expect(local('8h 31/12/2100')).toBe('8h00 31/12/2100');
    expect(local('8h 1/1/2101')).toBe('!invalid_date');
  });

  it('commas and semicolons separate; any run of final punctuation is dropped', () => {
    expect(local('14h30,3/12')).toBe('14h30 03/12/2026');
    expect(local('14h30;3/12')).toBe('14h30 03/12/2026');
    expect(local('14h30 3/12!!')).toBe('14h30 03/12/2026');
    expect(local('14h30 3/12?.')).toBe('14h30 03/12/2026');
  });

  it('"tuần sau" needs a weekday', () => {
    expect(local('14h tuần sau')).toBe('!unrecognised');
  });

  it('a weekday with a date must be that date\'s weekday (any week), or with "tuần sau" exactly that day', () => {
    // 10/12/2026 is a Thursday, a week after the next Thursday.
    expect(local('14h thứ 5 10/12')).toBe('14h00 10/12/2026');
    expect(local('14h thứ 4 10/12')).toBe('!invalid_date');
    // "thứ Sáu tuần sau" is 11/12/2026: the same day of another month or year does not agree.
    expect(local('8h thứ sáu tuần sau 11/12')).toBe('8h00 11/12/2026');
    expect(local('8h thứ sáu tuần sau 11/1/2027')).toBe('!invalid_date');
    expect(local('8h thứ sáu tuần sau 11/12/2027')).toBe('!invalid_date');
    expect(local('8h thứ sáu tuần sau 12/12')).toBe('!invalid_date');
  });
});

describe('recurrence edges', () => {
  const monthly = (rule: Partial<RecurrenceRule> & Record<string, unknown>) => rule as unknown as RecurrenceRule;
  const series = (extra: Record<string, unknown> = {}) => ({
    rule: { freq: 'monthly', day: 5 } as RecurrenceRule,
    hour: 8,
    minute: 0,
    timeZone: TZ,
    startDate: '2026-01-01',
    ...extra,
  });

  it('a rule must be an object with either a day or a weekday and nth', () => {
    expect(validateRule(null as unknown as RecurrenceRule)).toBe('rule must be an object');
    expect(validateRule('monthly' as unknown as RecurrenceRule)).toBe('rule must be an object');
    expect(validateRule(monthly({ freq: 'monthly', day: 3, nth: 1 }))).toBe('a rule has either a day or a weekday with nth, not both');
    expect(validateRule(monthly({ freq: 'monthly', day: 3, weekday: 1 }))).toBe('a rule has either a day or a weekday with nth, not both');
    expect(validateRule(monthly({ freq: 'monthly', nth: 1 }))).toBe('weekday must be an integer from 0 (Sunday) to 6');
    expect(validateRule(monthly({ freq: 'monthly', day: '3' }))).toBe('day must be an integer from 1 to 31');
    expect(validateRule(monthly({ freq: 'monthly', day: 3.5 }))).toBe('day must be an integer from 1 to 31');
  });

  it('hours 0 to 23 and minutes 0 to 59, whole numbers only', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    const to = new Date('2026-03-01T00:00:00Z');
    expect(occurrencesBetween(series({ hour: 0, minute: 0 }), from, to)).toHaveLength(2);
    expect(occurrencesBetween(series({ hour: 23, minute: 59 }), from, to)).toHaveLength(2);
    expect(() => occurrencesBetween(series({ hour: 24 }), from, to)).toThrow('Invalid hour: 24');
    expect(() => occurrencesBetween(series({ hour: -1 }), from, to)).toThrow('Invalid hour: -1');
    expect(() => occurrencesBetween(series({ hour: 8.5 }), from, to)).toThrow('Invalid hour: 8.5');
    expect(() => occurrencesBetween(series({ minute: 60 }), from, to)).toThrow('Invalid minute: 60');
    expect(() => occurrencesBetween(series({ minute: -1 }), from, to)).toThrow('Invalid minute: -1');
    expect(() => occurrencesBetween(series({ minute: '5' }), from, to)).toThrow('Invalid minute: 5');
    expect(() => occurrencesBetween(series({ rule: monthly({ freq: 'monthly', day: 0 }) }), from, to)).toThrow(
      'Invalid recurrence rule: day must be an integer from 1 to 31',
    );
  });

  it('a start or end date must be a real date written in full', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    const to = new Date('2026-03-01T00:00:00Z');
    for (const startDate of ['2026-02-30', '2026-13-01', '2026-1-01', 'x2026-01-01', '2026-01-01x', '0099-01-01']) {
      expect(() => occurrencesBetween(series({ startDate }), from, to), startDate).toThrow(/^Invalid startDate: expected a real date as YYYY-MM-DD/);
    }
    expect(() => occurrencesBetween(series({ endDate: '2026-04-31' }), from, to)).toThrow(/^Invalid endDate/);
    expect(() => occurrencesBetween(series(), new Date(Number.NaN), to)).toThrow('Invalid Date');
  });

  it('occurrences on the start and end dates count; nothing outside them', () => {
    const from = new Date('2025-12-01T00:00:00Z');
    const to = new Date('2026-06-01T00:00:00Z');
    const dates = occurrencesBetween(series({ startDate: '2026-01-05', endDate: '2026-03-05' }), from, to).map((o) => o.date);
    expect(dates).toEqual(['2026-01-05', '2026-02-05', '2026-03-05']);
    expect(occurrencesBetween(series({ startDate: '2026-01-06', endDate: '2026-03-04' }), from, to).map((o) => o.date)).toEqual(['2026-02-05']);
  });

  it('an empty or backwards window has nothing; the window\'s start counts and its end does not', () => {
    const at = new Date('2026-02-05T08:00:00+07:00');
    expect(occurrencesBetween(series(), at, at)).toEqual([]);
    expect(occurrencesBetween(series(), new Date('2026-03-01T00:00:00Z'), at)).toEqual([]);
    expect(occurrencesBetween(series(), at, new Date(at.getTime() + 1)).map((o) => o.date)).toEqual(['2026-02-05']);
    expect(occurrencesBetween(series(), new Date(at.getTime() - 86_400_000), at)).toEqual([]);
    // From long before the start, the first occurrence is the start's.
    expect(occurrencesBetween(series({ startDate: '2026-03-01' }), new Date('2020-01-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z')).map((o) => o.date)).toEqual([
      '2026-03-05',
    ]);
    expect(nextOccurrence(series({ startDate: '2026-03-01' }), new Date('2020-01-01T00:00:00Z'))?.date).toBe('2026-03-05');
  });

  it('English ordinals: 11th to 13th against 21st; the note on short months from the 29th', () => {
    expect(describeRule(monthly({ freq: 'monthly', day: 11 }), 'en')).toBe('the 11th of every month');
    expect(describeRule(monthly({ freq: 'monthly', day: 13 }), 'en')).toBe('the 13th of every month');
    expect(describeRule(monthly({ freq: 'monthly', day: 21 }), 'en')).toBe('the 21st of every month');
    expect(describeRule(monthly({ freq: 'monthly', day: 28 }), 'en')).toBe('the 28th of every month');
    expect(describeRule(monthly({ freq: 'monthly', day: 29 }), 'en')).toBe('the 29th of every month (or the last day of shorter months)');
    expect(describeRule(monthly({ freq: 'monthly', day: 28 }), 'vi')).toBe('ngày 28 hằng tháng');
    expect(describeRule(monthly({ freq: 'monthly', day: 29 }), 'vi')).toBe('ngày 29 hằng tháng (tháng không có ngày 29 thì vào ngày cuối tháng)');
    expect(() => describeRule(monthly({ freq: 'weekly' as 'monthly', day: 3 }), 'vi')).toThrow("Invalid recurrence rule: freq must be 'monthly' or 'quarterly'");
  });
});
