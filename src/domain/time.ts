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

export function localParts(at: Date, timeZone: string): LocalParts {
  let fmt = partsFormatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
      hourCycle: 'h23',
    });
    partsFormatters.set(timeZone, fmt);
  }
  const out: Record<string, string> = {};
  for (const p of fmt.formatToParts(at)) out[p.type] = p.value;
  const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  return {
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    hour: Number(out.hour),
    minute: Number(out.minute),
    weekday: weekdays.indexOf(out.weekday ?? 'Sun'),
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
