/**
 * What every CLI command gets: where the database is, the clock, the actor, and two output streams.
 * Tests build their own context over a temporary database and capture the output.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { systemClock, type Clock } from '../clock.js';
import { closeDatabase, openDatabase, type Db } from '../db/connection.js';
import { cliActor, type Actor } from '../services/actor.js';
import { createServices, type Services } from '../services/index.js';
import { isTimeZone } from '../domain/time.js';

export const DEFAULT_DATABASE_PATH = './data/bot.sqlite';
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** Wrong data or state (unknown code, bad rows, non-empty database): exit code 1. */
export class UserError extends Error {
  override name = 'UserError';
}

/** Wrong command line (unknown command or option, missing argument): exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    message: string,
    /** The command whose help to point at. */
    readonly command?: string,
  ) {
    super(message);
  }
}

export interface CliContext {
  databasePath: string;
  timeZone: string;
  /** BOT_USERNAME from the environment: the fallback when the bot has not stored its own yet. */
  botUsername: string | null;
  /** ADMIN_IDS from the environment, as written. */
  adminIds: string;
  clock: Clock;
  actor: Actor;
  out(line?: string): void;
  err(line: string): void;
  /** Opens the database (once, migrations applied) and the services over it. */
  open(): { db: Db; services: Services };
  close(): void;
}

export interface CliContextOptions {
  env?: Record<string, string | undefined>;
  clock?: Clock;
  actor?: Actor;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

export function createCliContext(options: CliContextOptions = {}): CliContext {
  const env = options.env ?? process.env;
  const clock = options.clock ?? systemClock;
  const timeZone = env.TIMEZONE?.trim() || DEFAULT_TIME_ZONE;
  if (!isTimeZone(timeZone)) throw new UserError(`TIMEZONE "${timeZone}" không hợp lệ: cần tên múi giờ IANA, ví dụ Asia/Ho_Chi_Minh`);
  const databasePath = env.DATABASE_PATH?.trim() || DEFAULT_DATABASE_PATH;
  let opened: { db: Db; services: Services } | null = null;
  return {
    databasePath,
    timeZone,
    botUsername: env.BOT_USERNAME?.trim().replace(/^@/, '') || null,
    adminIds: env.ADMIN_IDS ?? '',
    clock,
    actor: options.actor ?? cliActor(),
    out: (line = '') => (options.out ?? ((l: string) => process.stdout.write(`${l}\n`)))(line),
    err: (line) => (options.err ?? ((l: string) => process.stderr.write(`${l}\n`)))(line),
    open() {
      if (!opened) {
        const db = openDatabase(databasePath);
        opened = { db, services: createServices(db, clock, { timeZone }) };
      }
      return opened;
    },
    close() {
      if (opened) closeDatabase(opened.db);
      opened = null;
    },
  };
}

/**
 * node:util parseArgs with Vietnamese messages: its own errors are English and name the option
 * in quotes, which is all we keep.
 */
export function parseOptions<O extends NonNullable<ParseArgsConfig['options']>>(
  command: string,
  args: string[],
  options: O,
  positionals: { min: number; max: number; names: string },
) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const name = /'([^']+)'/.exec((error as Error).message)?.[1]?.split(/[ ,]/)[0] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`Lệnh ${command} không có tùy chọn ${name}`, command);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError(`Tùy chọn ${name} cần một giá trị`, command);
    throw new UsageError((error as Error).message, command);
  }
  const count = parsed.positionals.length;
  if (count < positionals.min) throw new UsageError(`Lệnh ${command} cần ${positionals.names}`, command);
  if (count > positionals.max)
    throw new UsageError(`Lệnh ${command} thừa tham số: ${parsed.positionals.slice(positionals.max).join(' ')}`, command);
  return parsed;
}

/** "--days 14" → 14; the validity of an invite, 1 to 365 days. */
export function parseDays(command: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 365)
    throw new UsageError(`--days cần số ngày từ 1 đến 365 (đang ghi "${value}")`, command);
  return Number(value);
}

/** How many created or updated rows an import lists one by one before "… và N khác". */
const LISTED_CHANGES = 20;

/** Lists what an import creates or updates ("will" is "sẽ " on a dry run), at most LISTED_CHANGES of them. */
export function printChanges(
  ctx: CliContext,
  changes: readonly { code: string; action: 'created' | 'updated'; fields: string[] }[],
  title: string,
  will: string,
): void {
  for (const change of changes.slice(0, LISTED_CHANGES)) {
    const what = change.action === 'created' ? `${will}tạo mới` : `${will}cập nhật ${change.fields.join(', ')}`;
    ctx.out(`  ${title} ${change.code}: ${what}`);
  }
  if (changes.length > LISTED_CHANGES) ctx.out(`  … và ${changes.length - LISTED_CHANGES} ${title.toLowerCase()} khác`);
}

/** 1 234 567 bytes → "1,2 MB", the Vietnamese way (decimal comma). */
export function formatBytes(bytes: number): string {
  const units = ['byte', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const text = unit === 0 ? String(value) : value.toFixed(1).replace('.', ',');
  return `${text} ${units[unit]}`;
}
