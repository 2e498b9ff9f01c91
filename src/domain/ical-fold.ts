/**
 * Line folding of an iCalendar text (RFC 5545 §3.1): a content line longer than 75 octets is split
 * by CRLF and one space, never inside a UTF-8 character. The `ics` library folds at 75 characters,
 * which for Vietnamese (two or three octets a letter) makes lines of up to ~100 octets that strict
 * calendar readers cut or refuse.
 */

export const ICAL_LINE_OCTETS = 75;

/** Unfolds `text` (whatever folding it had) and folds every content line again at ≤ `limit` octets. */
export function refoldIcal(text: string, limit = ICAL_LINE_OCTETS): string {
  const lines = text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
  const trailing = lines.at(-1) === '' ? lines.pop() : undefined;
  const out = lines.map((line) => foldLine(line, limit).join('\r\n '));
  return out.join('\r\n') + (trailing === undefined ? '' : '\r\n');
}

/**
 * The physical lines of one content line: the first at most `limit` octets, the others at most
 * `limit - 1` (their leading space counts). Iterating by code point keeps surrogate pairs whole.
 */
export function foldLine(line: string, limit = ICAL_LINE_OCTETS): string[] {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let room = limit;
  for (const ch of line) {
    const size = utf8Length(ch.codePointAt(0)!);
    if (octets + size > room) {
      parts.push(current);
      current = '';
      octets = 0;
      room = limit - 1;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts;
}

function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  return codePoint < 0x10000 ? 3 : 4;
}
