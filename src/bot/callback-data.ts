/**
 * Callback data is input like any other: short, typed, parsed strictly. Format "prefix:a:b", at
 * most 64 bytes (Telegram's limit), numbers only as arguments.
 */
export const CALLBACK_DATA_LIMIT = 64;

export function callbackData(prefix: string, ...args: Array<number | string>): string {
  for (const arg of args) {
    if (String(arg).includes(':')) throw new Error(`callback argument must not contain ':' (${prefix})`);
  }
  const data = [prefix, ...args].join(':');
  if (Buffer.byteLength(data, 'utf8') > CALLBACK_DATA_LIMIT) throw new Error(`callback data over 64 bytes: ${prefix}`);
  return data;
}

/** A regular expression for bot.callbackQuery: `prefix` followed by `count` integer arguments. */
export function callbackPattern(prefix: string, count: number): RegExp {
  return new RegExp(`^${prefix}${':(-?\\d{1,15})'.repeat(count)}$`);
}

/** The integer arguments of a matched callback, or null when any is out of range. */
export function callbackInts(match: RegExpMatchArray | string | null | undefined): number[] | null {
  if (!match || typeof match === 'string') return null;
  const values = match.slice(1).map(Number);
  return values.every((v) => Number.isSafeInteger(v)) ? values : null;
}
