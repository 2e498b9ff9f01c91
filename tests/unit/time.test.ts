/**
 * localParts computes the wall clock from the zone's offset, looked up once per UTC hour, instead
 * of asking Intl for every instant: it must give exactly what Intl gives, for Hà Nội (fixed +07
 * since 1975, other offsets before) and for zones with daylight saving time, half- and
 * quarter-hour offsets, and offsets in seconds (local mean time), at year ends and at every change.
 */
import { describe, expect, it } from 'vitest';
import { formatDate, formatTime, localParts } from '../../src/domain/time.js';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const referenceFormatters = new Map<string, Intl.DateTimeFormat>();

/** Intl, directly: the reference. */
function intl(at: Date, timeZone: string) {
  let f = referenceFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
      hourCycle: 'h23',
    });
    referenceFormatters.set(timeZone, f);
  }
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(at)) out[p.type] = p.value;
  return {
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    hour: Number(out.hour),
    minute: Number(out.minute),
    weekday: WEEKDAYS.indexOf(out.weekday!),
  };
}

/** A deterministic spread of instants (no Math.random: a failure must be reproducible). */
function* instants(from: number, to: number, count: number): Generator<number> {
  let x = 0x2545f491;
  for (let i = 0; i < count; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    yield from + Math.floor(((x >>> 0) / 0x1_0000_0000) * (to - from));
  }
}

const mismatches = (timeZone: string, list: Iterable<number>) => {
  const bad: string[] = [];
  for (const ms of list) {
    const at = new Date(ms);
    const want = intl(at, timeZone);
    const got = localParts(at, timeZone);
    if (JSON.stringify(got) !== JSON.stringify(want)) bad.push(`${at.toISOString()}: ${JSON.stringify(got)} ≠ Intl ${JSON.stringify(want)}`);
  }
  return bad;
};

const utc = (s: string) => Date.parse(s);
const MINUTE = 60_000;

/** Every minute (and the milliseconds around it) from `from` for `minutes`. */
function* minutesAround(from: number, minutes: number): Generator<number> {
  for (let m = 0; m < minutes; m++) {
    const at = from + m * MINUTE;
    yield at - 1;
    yield at + 999;
  }
}

const ZONES = [
  'Asia/Ho_Chi_Minh',
  'Europe/Paris',
  'America/New_York',
  'America/St_Johns',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'UTC',
];

describe('localParts equals Intl', () => {
  it.each(ZONES)('%s: 5,000 instants from 1890 to 2100', (timeZone) => {
    expect(mismatches(timeZone, instants(utc('1890-01-01T00:00:00Z'), utc('2100-01-01T00:00:00Z'), 5_000))).toEqual([]);
  });

  // Local midnight of 1 January is between 31/12 10:15 UTC (Chatham, +13:45) and 1/1 05:00 UTC (New York).
  it.each(ZONES)('%s: every minute around the turns of the years 2026–2029', (timeZone) => {
    for (let year = 2026; year <= 2029; year++) {
      expect(mismatches(timeZone, minutesAround(utc(`${year}-12-31T08:00:00Z`), 24 * 60))).toEqual([]);
    }
  });

  it('Hà Nội: every minute around its changes of offset (local mean time 1906, 1942–1945, 1975)', () => {
    // From +7:06:30 (1906) to +07 and back and forth; +08 in the South until 13/06/1975.
    for (const change of ['1906-06-30T17:00:00Z', '1942-12-31T16:00:00Z', '1945-03-14T16:00:00Z', '1959-12-31T16:00:00Z', '1975-06-12T16:00:00Z']) {
      expect(mismatches('Asia/Ho_Chi_Minh', minutesAround(utc(change) - 3 * 60 * MINUTE, 6 * 60))).toEqual([]);
    }
  });

  it('daylight saving time: every minute around the spring and autumn changes', () => {
    const cases: [string, string][] = [
      ['Europe/Paris', '2026-03-29T01:00:00Z'],
      ['Europe/Paris', '2026-10-25T01:00:00Z'],
      ['America/New_York', '2026-03-08T07:00:00Z'],
      ['America/New_York', '2026-11-01T06:00:00Z'],
      ['America/St_Johns', '2026-03-08T05:30:00Z'],
      ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'],
      ['Australia/Lord_Howe', '2026-10-03T15:30:00Z'],
      ['Pacific/Chatham', '2026-04-04T14:00:00Z'],
    ];
    for (const [timeZone, change] of cases) expect(mismatches(timeZone, minutesAround(utc(change) - 2 * 60 * MINUTE, 4 * 60)), timeZone).toEqual([]);
  });

  it('the listing formats: Hà Nội at a year end', () => {
    const at = new Date('2026-12-31T17:05:00Z');
    expect(localParts(at, 'Asia/Ho_Chi_Minh')).toEqual({ year: 2027, month: 1, day: 1, hour: 0, minute: 5, weekday: 5 });
    expect(`${formatTime(at, 'Asia/Ho_Chi_Minh')} ${formatDate(at, 'Asia/Ho_Chi_Minh')}`).toBe('0h05 01/01/2027');
  });
});
