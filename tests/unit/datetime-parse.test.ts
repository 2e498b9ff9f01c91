import { describe, expect, it } from 'vitest';
import { describeExamples, parseVietnameseDateTime, type ParseOptions } from '../../src/domain/datetime-parse.js';
import { formatDateTime } from '../../src/domain/time.js';

const TZ = 'Asia/Ho_Chi_Minh';

/** A fixed "now" given as local wall time in Vietnam (UTC+7): never the real clock. */
const vn = (isoLocal: string) => new Date(`${isoLocal}+07:00`);

// Tuesday 01/12/2026, 10:00 local.
const TUESDAY = vn('2026-12-01T10:00');

/** The parsed instant as "14h30 03/12/2026" in Vietnam, or the failure reason. */
function local(text: string, now = TUESDAY, options?: ParseOptions): string {
  const r = parseVietnameseDateTime(text, now, TZ, options);
  return r.ok ? formatDateTime(r.at, TZ) : `!${r.reason}`;
}

function parsed(text: string, now = TUESDAY, timeZone = TZ) {
  const r = parseVietnameseDateTime(text, now, timeZone);
  if (!r.ok) throw new Error(`${text}: ${r.reason}`);
  return r;
}

describe('times', () => {
  it.each([
    ['14h30', '14h30'],
    ['14h', '14h00'],
    ['14g30', '14h30'],
    ['14:30', '14h30'],
    ['14 h 30', '14h30'],
    ['14h30p', '14h30'],
    ['8h5', '8h05'],
    ['8 giờ', '8h00'],
    ['8 giờ 15', '8h15'],
    ['14 giờ 30 phút', '14h30'],
    ['8 giờ rưỡi', '8h30'],
    ['0h', '0h00'],
    ['23:59', '23h59'],
    ['8h sáng', '8h00'],
    ['2h sáng', '2h00'],
    ['2h chiều', '14h00'],
    ['2:30 chiều', '14h30'],
    ['14:30 chiều', '14h30'],
    ['7h tối', '19h00'],
    ['19h tối', '19h00'],
    ['11h trưa', '11h00'],
    ['12h trưa', '12h00'],
    ['1h trưa', '13h00'],
    ['13h trưa', '13h00'],
    ['11h đêm', '23h00'],
    ['1h đêm', '1h00'],
    ['11h khuya', '23h00'],
  ])('%s → %s today', (text, time) => {
    expect(local(text)).toBe(`${time} 01/12/2026`);
  });

  it('gives today even when the time has passed, with hasDate false (the caller refuses it)', () => {
    const r = parsed('8h sáng');
    expect(r.hasDate).toBe(false);
    expect(r.at.toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(r.at.getTime()).toBeLessThan(TUESDAY.getTime());
  });

  it('converts local wall time to the right UTC instant', () => {
    expect(parsed('14h30').at.toISOString()).toBe('2026-12-01T07:30:00.000Z');
    expect(parsed('0h 3/12/2026').at.toISOString()).toBe('2026-12-02T17:00:00.000Z');
    expect(parsed('6h59 3/12/2026').at.toISOString()).toBe('2026-12-02T23:59:00.000Z');
  });

  it.each([
    ['24:00'],
    ['24h'],
    ['25h'],
    ['14:60'],
    ['14h75'],
    ['99h 3/12'],
    ['9h trưa'],
    ['15h sáng'],
    ['12h sáng'],
    ['12h đêm'], // which midnight? ask for 0h or 23h59 instead
    ['1h tối'],
    ['8h chiều'],
  ])('%s → invalid_time', (text) => {
    expect(local(text)).toBe('!invalid_time');
  });
});

describe('dates', () => {
  it.each([
    ['14h30 3/12', '14h30 03/12/2026'],
    ['3/12 14h30', '14h30 03/12/2026'],
    ['03/12/2026 14:30', '14h30 03/12/2026'],
    ['3/12/2026 14:30', '14h30 03/12/2026'],
    ['3/12/26 14:30', '14h30 03/12/2026'],
    ['3-12-2026 14:30', '14h30 03/12/2026'],
    ['3.12.2026 14:30', '14h30 03/12/2026'],
    ['2026-12-03 14:30', '14h30 03/12/2026'],
    ['ngày 3 tháng 12 lúc 14h30', '14h30 03/12/2026'],
    ['3 tháng 12 năm 2026 14h30', '14h30 03/12/2026'],
    ['14 giờ 30 phút ngày 3 tháng 12 năm 2026', '14h30 03/12/2026'],
    ['ngay 3 thang 12 luc 14h30', '14h30 03/12/2026'],
    ['vào lúc 14h30, ngày 3/12/2026', '14h30 03/12/2026'],
    ['  14h30   3/12  ', '14h30 03/12/2026'],
    ['14h30 3/12.', '14h30 03/12/2026'],
    ['8h 3/12', '8h00 03/12/2026'],
    ['8 giờ 15 tháng 12', '8h00 15/12/2026'],
  ])('%s → %s', (text, expected) => {
    expect(local(text)).toBe(expected);
  });

  it('marks an explicit date with hasDate', () => {
    expect(parsed('14h30 3/12').hasDate).toBe(true);
    expect(parsed('14h30').hasDate).toBe(false);
  });

  it('accepts the last day of each month and rejects the day after', () => {
    const lastDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    lastDays.forEach((last, i) => {
      const month = i + 1;
      expect(local(`8h ${last}/${month}/2027`)).toBe(`8h00 ${last}/${String(month).padStart(2, '0')}/2027`);
      if (last < 31) expect(local(`8h ${last + 1}/${month}/2027`)).toBe('!invalid_date');
    });
  });

  it('knows leap years', () => {
    expect(local('29/2/2028 8h')).toBe('8h00 29/02/2028');
    expect(local('29/2/2027 8h')).toBe('!invalid_date');
    expect(local('29/2/2100 8h')).toBe('!invalid_date'); // divisible by 100, not by 400
    expect(local('30/2/2028 8h')).toBe('!invalid_date');
    expect(local('31/4/2027 8h')).toBe('!invalid_date');
  });

  it('reads a year-less date as this year unless it is past, then next year', () => {
    const dec20 = vn('2026-12-20T10:00');
    expect(local('3/1 8h', dec20)).toBe('8h00 03/01/2027');
    expect(local('20/12 11h', dec20)).toBe('11h00 20/12/2026');
    expect(local('20/12 9h', dec20)).toBe('9h00 20/12/2027'); // earlier today: already past
    expect(local('31/12 23h59', dec20)).toBe('23h59 31/12/2026');
    // An explicit year is taken as written, even in the past.
    expect(local('3/1/2026 8h', dec20)).toBe('8h00 03/01/2026');
  });

  it('handles 29/2 without a year by the same rule', () => {
    expect(local('29/2 8h', vn('2027-06-01T10:00'))).toBe('!invalid_date'); // 2027 has none
    expect(local('29/2 8h', vn('2028-01-10T10:00'))).toBe('8h00 29/02/2028');
    expect(local('29/2 8h', vn('2028-03-01T10:00'))).toBe('!invalid_date'); // past, and 2029 has none
  });

  it.each([
    ['hôm nay 15h', '15h00 01/12/2026'],
    ['15h hôm nay', '15h00 01/12/2026'],
    ['8h ngày mai', '8h00 02/12/2026'],
    ['ngày mai lúc 8 giờ', '8h00 02/12/2026'],
    ['mai 8h', '8h00 02/12/2026'],
    ['NGÀY MAI LÚC 8 GIỜ', '8h00 02/12/2026'],
    ['sáng mai 8h', '8h00 02/12/2026'],
    ['8h tối mai', '20h00 02/12/2026'],
    ['tối nay 8h', '20h00 01/12/2026'],
    ['ngày kia 8h', '8h00 03/12/2026'],
    ['mốt 8h', '8h00 03/12/2026'],
    ['ngày mốt 8h', '8h00 03/12/2026'],
    ['hôm qua 8h', '8h00 30/11/2026'],
    ['hôm kia 8h', '8h00 29/11/2026'],
  ])('%s → %s', (text, expected) => {
    expect(local(text)).toBe(expected);
  });

  it('takes "ngày mai" from the local date, not the UTC one', () => {
    // 23:30 on 03/12 local: tomorrow is 04/12.
    expect(parsed('mai 8h', vn('2026-12-03T23:30')).at.toISOString()).toBe('2026-12-04T01:00:00.000Z');
    // 00:30 on 04/12 local is still 03/12 in UTC: tomorrow is 05/12.
    const justAfterMidnight = new Date('2026-12-03T17:30:00Z');
    expect(local('mai 8h', justAfterMidnight)).toBe('8h00 05/12/2026');
    expect(parsed('mai 8h', justAfterMidnight).at.toISOString()).toBe('2026-12-05T01:00:00.000Z');
    expect(local('14h', justAfterMidnight)).toBe('14h00 04/12/2026');
  });

  it('crosses month and year ends with relative days', () => {
    expect(local('mai 8h', vn('2026-11-30T10:00'))).toBe('8h00 01/12/2026');
    expect(local('ngày kia 8h', vn('2026-12-31T10:00'))).toBe('8h00 02/01/2027');
    expect(local('mai 8h', vn('2028-02-28T10:00'))).toBe('8h00 29/02/2028');
  });
});

describe('weekdays', () => {
  // TUESDAY is Tuesday 01/12/2026 at 10:00; its week runs Monday 30/11 to Sunday 06/12.
  it.each([
    ['14:00 thứ 6', '14h00 04/12/2026'],
    ['thứ 6 14:00', '14h00 04/12/2026'],
    ['thứ sáu 14h', '14h00 04/12/2026'],
    ['thu sau 14h', '14h00 04/12/2026'],
    ['thứ 6 này 14h', '14h00 04/12/2026'],
    ['thứ 2 8h', '8h00 07/12/2026'],
    ['thứ hai 8h', '8h00 07/12/2026'],
    ['T2 8h', '8h00 07/12/2026'],
    ['thứ tư 8h', '8h00 02/12/2026'],
    ['thu tu 8h', '8h00 02/12/2026'],
    ['T4 8h', '8h00 02/12/2026'],
    ['thứ năm 8h', '8h00 03/12/2026'],
    ['thứ 5 8h', '8h00 03/12/2026'],
    ['thứ bảy 8h', '8h00 05/12/2026'],
    ['thứ bẩy 8h', '8h00 05/12/2026'],
    ['T7 8h', '8h00 05/12/2026'],
    ['chủ nhật 8h', '8h00 06/12/2026'],
    ['CN 8h', '8h00 06/12/2026'],
    ['chu nhat 8h', '8h00 06/12/2026'],
  ])('%s → %s', (text, expected) => {
    expect(local(text)).toBe(expected);
  });

  it('reads a bare weekday that is today as today only while the time is ahead', () => {
    expect(local('thứ ba 14h')).toBe('14h00 01/12/2026');
    expect(local('thứ ba 10h')).toBe('10h00 01/12/2026'); // exactly now is not past
    expect(local('thứ 3 8h')).toBe('8h00 08/12/2026');
    expect(local('T3 9h59')).toBe('9h59 08/12/2026');
  });

  it.each([
    ['thứ Ba tuần sau 8h', '8h00 08/12/2026'],
    ['tuần sau thứ 3 8h', '8h00 08/12/2026'],
    ['8h thứ 2 tuần sau', '8h00 07/12/2026'],
    ['thứ 6 tuần tới 14h', '14h00 11/12/2026'],
    ['thứ 6 tuần kế tiếp 14h', '14h00 11/12/2026'],
    ['chủ nhật tuần sau 8h', '8h00 13/12/2026'],
    ['thứ 6 tuần sau nữa 14h', '14h00 18/12/2026'],
    ['thứ 6 tuần này 14h', '14h00 04/12/2026'],
    // "tuần này" names the day of this week even when it has passed; the caller refuses it.
    ['thứ 2 tuần này 8h', '8h00 30/11/2026'],
    ['thứ 3 tuần này 8h', '8h00 01/12/2026'],
    ['thứ 6 tuần trước 14h', '14h00 27/11/2026'],
  ])('%s → %s', (text, expected) => {
    expect(local(text)).toBe(expected);
  });

  it('counts "tuần sau" in Monday-to-Sunday weeks across a month boundary', () => {
    // Friday 27/11/2026: this week is 23/11–29/11, next week 30/11–06/12.
    const friday = vn('2026-11-27T10:00');
    expect(local('thứ 4 tuần sau 9h', friday)).toBe('9h00 02/12/2026');
    expect(local('thứ 2 tuần sau 9h', friday)).toBe('9h00 30/11/2026');
    expect(local('thứ 4 9h', friday)).toBe('9h00 02/12/2026');
  });

  it('on a Sunday, "tuần sau" is the week that starts tomorrow', () => {
    // Sunday 27/12/2026 closes the week of Monday 21/12, so next week starts Monday 28/12:
    // "thứ 2 tuần sau" is tomorrow, the same day as a bare "thứ 2" — not 04/01/2027.
    const sunday = vn('2026-12-27T10:00');
    expect(local('thứ 2 tuần sau 8h', sunday)).toBe('8h00 28/12/2026');
    expect(local('thứ 2 8h', sunday)).toBe('8h00 28/12/2026');
    expect(local('thứ 6 tuần sau 8h', sunday)).toBe('8h00 01/01/2027');
    expect(local('chủ nhật tuần này 14h', sunday)).toBe('14h00 27/12/2026');
    expect(local('chủ nhật tuần sau 14h', sunday)).toBe('14h00 03/01/2027');
    expect(local('CN 8h', sunday)).toBe('8h00 03/01/2027'); // today, but 8h has passed
  });

  it('checks a weekday written beside a date', () => {
    expect(local('thứ 5, 3/12/2026 14h')).toBe('14h00 03/12/2026');
    expect(local('thứ 6 3/12 14h')).toBe('!invalid_date');
    expect(local('thứ 6 tuần sau 11/12 14h')).toBe('14h00 11/12/2026');
    expect(local('thứ 6 tuần này 11/12 14h')).toBe('!invalid_date');
    expect(local('thứ 4 mai 8h')).toBe('8h00 02/12/2026');
    expect(local('thứ 5 mai 8h')).toBe('!invalid_date');
  });
});

describe('missing time', () => {
  it.each([['3/12'], ['03/12/2026'], ['ngày mai'], ['thứ 6'], ['thứ 6 tuần sau'], ['ngày 3 tháng 12']])(
    '%s → no_time',
    (text) => {
      expect(local(text)).toBe('!no_time');
    },
  );

  it('uses options.defaultTime when given', () => {
    const options = { defaultTime: { hour: 8, minute: 0 } };
    expect(local('3/12', TUESDAY, options)).toBe('8h00 03/12/2026');
    expect(local('ngày mai', TUESDAY, options)).toBe('8h00 02/12/2026');
    expect(local('thứ 6', TUESDAY, options)).toBe('8h00 04/12/2026');
    // The default time takes part in the "already past" rules too.
    expect(local('thứ 3', TUESDAY, options)).toBe('8h00 08/12/2026');
    expect(local('20/12', vn('2026-12-20T10:00'), options)).toBe('8h00 20/12/2027');
    // A time in the text wins over the default.
    expect(local('3/12 14h', TUESDAY, options)).toBe('14h00 03/12/2026');
  });

  it('wants a clock time after a period word, default or not', () => {
    expect(local('chiều mai')).toBe('!no_time');
    expect(local('chiều mai', TUESDAY, { defaultTime: { hour: 8, minute: 0 } })).toBe('!no_time');
  });

  it('reports an impossible date before the missing time', () => {
    expect(local('31/4')).toBe('!invalid_date');
  });
});

describe('rejections', () => {
  it.each([[''], ['   '], [' , ']])('%j → empty', (text) => {
    expect(local(text)).toBe('!empty');
  });

  it.each([
    ['abc'],
    ['32/13'],
    ['32/12 8h'],
    ['0/12 8h'],
    ['3/13 8h'],
    ['14h30 3/12 xyz'],
    ['xyz 14h30'],
    ['8'],
    ['lúc'],
    ['chiều'],
    ['tuần sau'],
    ['tuần sau 8h'],
    ['8h 9h'],
    ['mai 3/12 8h'],
    ['thứ 2 thứ 3 8h'],
    ['8h sáng chiều'],
    ['thứ 8 8h'],
    ['14.30'],
    ['14:30:00'],
    ['3/12-2026 8h'],
    ['3/12/202 8h'],
    ['14h30thứ 6'],
    ['140h'],
    ['một giờ chiều'],
  ])('%j → unrecognised', (text) => {
    expect(local(text)).toBe('!unrecognised');
  });

  it('refuses years outside a sensible range', () => {
    expect(local('3/12/1900 8h')).toBe('!invalid_date');
    expect(local('3/12/2999 8h')).toBe('!invalid_date');
  });
});

describe('time zones', () => {
  it('defaults to Asia/Ho_Chi_Minh', () => {
    const r = parseVietnameseDateTime('14h30 3/12/2026', TUESDAY);
    expect(r.ok && r.at.toISOString()).toBe('2026-12-03T07:30:00.000Z');
  });

  it('looks the offset up for the zone and date instead of assuming +7', () => {
    expect(parsed('14h30 3/12/2026', TUESDAY, 'UTC').at.toISOString()).toBe('2026-12-03T14:30:00.000Z');
    // New York: EST (UTC−5) in December, EDT (UTC−4) in July.
    expect(parsed('14h30 3/12/2026', TUESDAY, 'America/New_York').at.toISOString()).toBe('2026-12-03T19:30:00.000Z');
    expect(parsed('14h30 1/7/2027', TUESDAY, 'America/New_York').at.toISOString()).toBe('2027-07-01T18:30:00.000Z');
    // The morning of a change (14/03/2027, clocks jump 2:00 → 3:00): both sides come out right.
    expect(parsed('1h30 14/3/2027', TUESDAY, 'America/New_York').at.toISOString()).toBe('2027-03-14T06:30:00.000Z');
    expect(parsed('3h30 14/3/2027', TUESDAY, 'America/New_York').at.toISOString()).toBe('2027-03-14T07:30:00.000Z');
  });

  it('takes "today" in the given zone', () => {
    // 01/12 02:00 UTC is still 30/11 in New York.
    const now = new Date('2026-12-01T02:00:00Z');
    const r = parsed('mai 8h', now, 'America/New_York');
    expect(r.at.toISOString()).toBe('2026-12-01T13:00:00.000Z');
  });
});

describe('describeExamples', () => {
  it('makes the dates from today: three days on, and a week on written dd/mm/yyyy', () => {
    expect(describeExamples(TUESDAY, TZ)).toEqual(['14h30 4/12', '08/12/2026 14:30', '8h ngày mai', 'thứ Ba tuần sau 8h', '14:00 thứ 6']);
    // At the end of a month and of a year the dates roll over.
    expect(describeExamples(vn('2026-11-29T09:00'), TZ).slice(0, 2)).toEqual(['14h30 2/12', '06/12/2026 14:30']);
    expect(describeExamples(vn('2026-12-30T23:50'), TZ).slice(0, 2)).toEqual(['14h30 2/1', '06/01/2027 14:30']);
    // "Today" is the bloc's: 17:30 UTC on 31/12 is already 1 January in Hà Nội.
    expect(describeExamples(new Date('2026-12-31T17:30:00Z'), TZ).slice(0, 2)).toEqual(['14h30 4/1', '08/01/2027 14:30']);
    expect(describeExamples(vn('2028-02-27T12:00'), TZ).slice(0, 2)).toEqual(['14h30 1/3', '05/03/2028 14:30']);
  });

  it.each([
    vn('2026-12-01T10:00'),
    vn('2026-12-04T23:59'), // a Friday evening: "14:00 thứ 6" is next week's
    vn('2026-11-30T20:00'), // the last day of a month
    vn('2026-12-31T23:59'), // the last minute of a year
    vn('2028-02-29T15:00'), // a leap day, after 14h30
    vn('2027-03-03T14:31'),
  ])('every example read at %s names a date and a time still ahead', (now) => {
    const examples = describeExamples(now, TZ);
    expect(examples).toHaveLength(5);
    for (const example of examples) {
      const r = parseVietnameseDateTime(example, now, TZ);
      expect(r.ok && r.hasDate, example).toBe(true);
      if (r.ok) expect(r.at.getTime(), example).toBeGreaterThan(now.getTime());
    }
  });
});
