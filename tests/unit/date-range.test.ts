import { describe, expect, it } from 'vitest';
import { findRangePhrase, formatDayRange, rangeFor, type RangePhrase } from '../../src/domain/date-range.js';
import { searchWords } from '../../src/domain/text.js';

const TZ = 'Asia/Ho_Chi_Minh';
/** A local wall time in Hà Nội (UTC+7). */
const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
/** The range as "from → to" local wall times, and its title dates. */
const show = (phrase: RangePhrase, now: Date) => {
  const r = rangeFor(phrase, now, TZ);
  return [r.from.toISOString(), r.to.toISOString(), formatDayRange(r)];
};

describe('rangeFor', () => {
  // Wednesday 09/12/2026, 23h30 in Hà Nội: already Wednesday locally, still 16h30 UTC.
  const wednesday = at('2026-12-09 23:30');

  it('a week runs Monday to Sunday in Hà Nội', () => {
    expect(show('this-week', wednesday)).toEqual(['2026-12-06T17:00:00.000Z', '2026-12-13T17:00:00.000Z', '07/12–13/12/2026']);
    expect(show('next-week', wednesday)).toEqual(['2026-12-13T17:00:00.000Z', '2026-12-20T17:00:00.000Z', '14/12–20/12/2026']);
    // Sunday belongs to the week that began on the Monday before it; Monday starts a new one.
    expect(show('this-week', at('2026-12-13 20:00'))[2]).toBe('07/12–13/12/2026');
    expect(show('this-week', at('2026-12-14 00:00'))[2]).toBe('14/12–20/12/2026');
  });

  it('days and months, across the end of a month and of a year', () => {
    expect(show('today', wednesday)).toEqual(['2026-12-08T17:00:00.000Z', '2026-12-09T17:00:00.000Z', '09/12/2026']);
    expect(show('tomorrow', wednesday)[2]).toBe('10/12/2026');
    expect(show('tomorrow', at('2026-12-31 08:00'))[2]).toBe('01/01/2027');
    expect(show('this-month', wednesday)).toEqual(['2026-11-30T17:00:00.000Z', '2026-12-31T17:00:00.000Z', '01/12–31/12/2026']);
    expect(show('next-month', wednesday)).toEqual(['2026-12-31T17:00:00.000Z', '2027-01-31T17:00:00.000Z', '01/01–31/01/2027']);
    expect(show('this-month', at('2027-02-10 08:00'))[2]).toBe('01/02–28/02/2027');
    expect(show('this-week', at('2026-12-31 08:00'))[2]).toBe('28/12/2026–03/01/2027');
  });
});

describe('findRangePhrase', () => {
  it.each([
    ['lịch họp tuần này', 'this-week'],
    ['Họp chi bộ tuần sau?', 'next-week'],
    ['lịch họp tuần tới', 'next-week'],
    ['lich hop thang nay', 'this-month'],
    ['lịch họp tháng sau', 'next-month'],
    ['họp ngày mai', 'tomorrow'],
    ['lịch họp mai', 'tomorrow'],
    ['lịch họp hôm nay', 'today'],
    ['lịch họp', null],
    ['lịch họp chi bộ Mai Hoa', null],
  ] as const)('"%s" → %s', (text, phrase) => {
    expect(findRangePhrase(searchWords(text).join(' '))).toBe(phrase);
  });
});
