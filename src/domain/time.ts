/**
 * Rendering instants the Vietnamese way: dd/mm/yyyy and 14h30, in the bloc's time zone.
 */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let fmt = partsFormatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
      hourCycle: 'h23',
    });
    partsFormatters.set(timeZone, fmt);
  }
  return fmt;
}

/** What Intl says, with the seconds (for the offset). */
function intlParts(ms: number, timeZone: string): LocalParts & { second: number } {
  const out: Record<string, string> = {};
  for (const p of partsFormatter(timeZone).formatToParts(ms)) out[p.type] = p.value;
  return {
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    hour: Number(out.hour),
    minute: Number(out.minute),
    second: Number(out.second),
    weekday: WEEKDAYS.indexOf(out.weekday ?? 'Sun'),
  };
}

const HOUR_MS = 3_600_000;
/** Offsets (ms) of each zone by UTC hour; NaN for an hour with a change of offset in it. */
const hourOffsets = new Map<string, Map<number, number>>();
const HOUR_OFFSETS_MAX = 20_000;

/** The zone's offset from UTC at `ms` (whole seconds), from Intl; NaN where Intl's years are not plain (before 1000). */
function offsetAt(ms: number, timeZone: string): number {
  const p = intlParts(ms, timeZone);
  if (!(p.year >= 1000 && p.year <= 9999)) return Number.NaN;
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

/** The offset that holds for the whole UTC hour `hour`, or NaN if it changes within it. */
function hourOffset(hour: number, timeZone: string): number {
  let zone = hourOffsets.get(timeZone);
  if (!zone) hourOffsets.set(timeZone, (zone = new Map()));
  let offset = zone.get(hour);
  if (offset === undefined) {
    const first = offsetAt(hour * HOUR_MS, timeZone);
    offset = first === offsetAt(hour * HOUR_MS + HOUR_MS - 1000, timeZone) ? first : Number.NaN;
    if (zone.size >= HOUR_OFFSETS_MAX) zone.clear();
    zone.set(hour, offset);
  }
  return offset;
}

/**
 * The wall clock at `at` in `timeZone`, as Intl gives it. Intl's formatting costs tens of
 * microseconds a call and a listing formats every meeting twice: the zone's offset is looked up
 * once per UTC hour (checked at both ends of the hour; an hour with a change of offset in it is
 * left to Intl, instant by instant) and the wall clock computed from it.
 */
export function localParts(at: Date, timeZone: string): LocalParts {
  const ms = at.getTime();
  const offset = hourOffset(Math.floor(ms / HOUR_MS), timeZone);
  if (Number.isNaN(offset)) {
    const { second: _, ...parts } = intlParts(ms, timeZone);
    return parts;
  }
  const wall = new Date(ms + offset);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    weekday: wall.getUTCDay(),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 03/12/2026 */
export function formatDate(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

/** 14h30, or 8h00 */
export function formatTime(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${p.hour}h${pad(p.minute)}`;
}

/** 14h30 03/12/2026 */
export function formatDateTime(at: Date, timeZone: string): string {
  return `${formatTime(at, timeZone)} ${formatDate(at, timeZone)}`;
}

/** Whether Intl knows this IANA time zone (e.g. Asia/Ho_Chi_Minh). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
