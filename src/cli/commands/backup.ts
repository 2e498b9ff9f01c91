import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS_FOLDER } from '../../db/connection.js';
import { acquireInstanceLock, InstanceLockedError, type InstanceLock } from '../../db/instance-lock.js';
import { formatDateTime, localParts } from '../../domain/time.js';
import { UserError, formatBytes, parseOptions, type CliContext } from '../context.js';
import type { CliCommand } from './types.js';

export const backupCommand: CliCommand = {
  name: 'backup',
  summary: 'Sao lưu cơ sở dữ liệu ra một tệp (bot đang chạy vẫn được)',
  help: `Cách dùng: npm run cli -- backup <tệp>

Sao lưu trực tuyến (SQLite online backup): bot không cần dừng. Không ghi đè tệp đã có.

Ví dụ:
  npm run cli -- backup backups/bot-2025-06-30.sqlite`,

  async run(ctx, args) {
    const { positionals } = parseOptions('backup', args, {}, { min: 1, max: 1, names: 'đường dẫn tệp sao lưu' });
    const file = positionals[0]!;
    const target = resolve(file);
    if (existsSync(target)) throw new UserError(`Tệp "${file}" đã có; chọn tên khác để không ghi đè bản sao lưu cũ`);
    if (target === resolve(ctx.databasePath)) throw new UserError('Tệp sao lưu phải khác tệp cơ sở dữ liệu đang dùng');
    mkdirSync(dirname(target), { recursive: true });
    const { db } = ctx.open();
    await db.$client.backup(target);
    const counts = countRows(db.$client);
    ctx.out(`Đã sao lưu ${ctx.databasePath} vào ${file} (${formatBytes(statSync(target).size)}): ${counts}.`);
    ctx.out(`Khôi phục bằng: npm run cli -- restore ${file} (cần dừng bot trước).`);
  },
};

export const restoreCommand: CliCommand = {
  name: 'restore',
  summary: 'Khôi phục cơ sở dữ liệu từ bản sao lưu (cần dừng bot trước)',
  help: `Cách dùng: npm run cli -- restore <tệp sao lưu>

Kiểm tra tệp là cơ sở dữ liệu của bot này và còn nguyên vẹn, giữ lại bản hiện tại thành
<tệp>.before-restore-<thời điểm>, rồi thay bằng bản sao lưu và cập nhật lược đồ (migration).
Bot phải dừng trong lúc khôi phục: nếu cơ sở dữ liệu đang được dùng, lệnh dừng lại.

Ví dụ:
  npm run cli -- restore backups/bot-2025-06-30.sqlite`,

  async run(ctx, args) {
    const { positionals } = parseOptions('restore', args, {}, { min: 1, max: 1, names: 'đường dẫn tệp sao lưu' });
    const file = positionals[0]!;
    const source = resolve(file);
    if (ctx.databasePath === ':memory:') throw new UserError('DATABASE_PATH phải là một tệp để khôi phục vào');
    const target = resolve(ctx.databasePath);
    if (!existsSync(source)) throw new UserError(`Không tìm thấy tệp "${file}"`);
    if (source === target) throw new UserError('Tệp sao lưu chính là cơ sở dữ liệu đang dùng; chọn một bản sao lưu khác');
    ctx.close();
    mkdirSync(dirname(target), { recursive: true });
    // Held until the end: a bot started meanwhile is refused (src/db/instance-lock.ts).
    const lock = lockAgainstBot(ctx);
    try {
      await restore(ctx, file, source, target);
    } finally {
      lock.release();
    }
  },
};

/** The lock a running bot holds on the database, taken for the restore; refused with the bot's pid. */
function lockAgainstBot(ctx: CliContext): InstanceLock {
  try {
    return acquireInstanceLock(ctx.databasePath, { role: 'restore', startedAt: ctx.clock.now().toISOString() });
  } catch (error) {
    if (!(error instanceof InstanceLockedError)) throw error;
    const holder = error.holder;
    const who = holder ? ` (tiến trình ${holder.pid}, từ ${formatDateTime(new Date(holder.startedAt), ctx.timeZone)})` : '';
    if (holder?.role === 'restore')
      throw new UserError(`Một lệnh restore khác đang chạy trên ${ctx.databasePath}${who}: vui lòng chờ lệnh đó xong`);
    throw new UserError(`Bot đang chạy trên cơ sở dữ liệu ${ctx.databasePath}${who}: vui lòng dừng bot trước khi khôi phục`);
  }
}

async function restore(ctx: CliContext, file: string, source: string, target: string): Promise<void> {
  // Work on a copy next to the target: checked there, then renamed over it in one step.
  const staging = `${target}.restore-${process.pid}.tmp`;
  removeDatabaseFiles(staging);
  copyFileSync(source, staging);
  if (existsSync(`${source}-wal`)) copyFileSync(`${source}-wal`, `${staging}-wal`);
  let keptAs: string | null = null;
  let checked: BackupCheck;
  try {
    checked = inspectBackup(staging, basename(file));
    if (existsSync(target)) keptAs = await keepCurrent(target, ctx);
  } catch (error) {
    removeDatabaseFiles(staging);
    throw error;
  }
  ctx.out(`Đã kiểm tra ${file} (${formatBytes(statSync(source).size)}): cơ sở dữ liệu của bot, nguyên vẹn; ${checked.counts}.`);
  if (keptAs) ctx.out(`Đã giữ bản hiện tại: ${keptAs} (${formatBytes(statSync(keptAs).size)}).`);
  else ctx.out(`Chưa có cơ sở dữ liệu tại ${ctx.databasePath}: không có gì cần giữ lại.`);

  // WAL and shared-memory files of the old database would be replayed into the new one.
  rmSync(`${target}-wal`, { force: true });
  rmSync(`${target}-shm`, { force: true });
  renameSync(staging, target);
  ctx.out(`Đã thay ${ctx.databasePath} bằng bản sao lưu.`);

  const { db } = ctx.open();
  const applied = migrationCount(db.$client) - checked.migrations;
  ctx.out(applied > 0 ? `Đã cập nhật lược đồ: ${applied} migration mới.` : 'Lược đồ đã ở phiên bản mới nhất.');
  ctx.out(`Xong: hiện có ${countRows(db.$client)}. Có thể khởi động lại bot.`);
}

interface BackupCheck {
  migrations: number;
  counts: string;
}

/** Is this file a healthy database of this bot, and not from a newer version of it? */
function inspectBackup(path: string, name: string): BackupCheck {
  let sqlite: Database.Database | null = null;
  try {
    sqlite = new Database(path, { fileMustExist: true });
    const tables = sqlite.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[];
    if (!tables.includes('members') || !tables.includes('__drizzle_migrations'))
      throw new UserError(`"${name}" là tệp SQLite nhưng không phải cơ sở dữ liệu của bot này (thiếu bảng members hoặc __drizzle_migrations)`);
    const integrity = sqlite.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new UserError(`"${name}" bị hỏng (integrity_check: ${String(integrity)}); chọn bản sao lưu khác`);
    const newest = Number(sqlite.prepare('select max(created_at) from __drizzle_migrations').pluck().get() ?? 0);
    if (newest > newestKnownMigration())
      throw new UserError(`"${name}" do một phiên bản bot mới hơn tạo ra; cập nhật mã nguồn bot trước khi khôi phục`);
    return { migrations: migrationCount(sqlite), counts: countRows(sqlite) };
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT')
      throw new UserError(`"${name}" không phải tệp cơ sở dữ liệu SQLite hợp lệ`);
    throw error;
  } finally {
    sqlite?.close();
  }
}

/**
 * Copies the current database aside, after making sure nothing else has it open. In WAL mode an idle
 * bot holds a shared lock on the file for as long as it runs: with locking_mode EXCLUSIVE,
 * BEGIN EXCLUSIVE then fails at once (after a short busy timeout) instead of slipping past it.
 */
async function keepCurrent(target: string, ctx: CliContext): Promise<string> {
  const keptAs = uniquePath(`${target}.before-restore-${stamp(ctx)}`);
  const lock = new Database(target, { fileMustExist: true });
  try {
    lock.pragma('busy_timeout = 500');
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('BEGIN EXCLUSIVE');
    lock.prepare('select count(*) from sqlite_master').get();
    lock.exec('COMMIT');
    await lock.backup(keptAs);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED')
      throw new UserError(`Cơ sở dữ liệu ${ctx.databasePath} đang được dùng (bot đang chạy?): vui lòng dừng bot trước khi khôi phục`);
    // A broken database is a good reason to restore: keep its bytes as they are.
    if (code !== 'SQLITE_NOTADB' && code !== 'SQLITE_CORRUPT') throw error;
    lock.close();
    copyFileSync(target, keptAs);
    return keptAs;
  } finally {
    if (lock.open) lock.close();
  }
  return keptAs;
}

function countRows(sqlite: Database.Database): string {
  const count = (table: string) => Number(sqlite.prepare(`select count(*) from ${table}`).pluck().get());
  return `${count('branches')} tổ chức đảng, ${count('members')} đảng viên`;
}

function migrationCount(sqlite: Database.Database): number {
  return Number(sqlite.prepare('select count(*) from __drizzle_migrations').pluck().get());
}

function newestKnownMigration(): number {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
    entries: { when: number }[];
  };
  return Math.max(0, ...journal.entries.map((e) => e.when));
}

/** 20250630-143005, local time. */
function stamp(ctx: CliContext): string {
  const now = ctx.clock.now();
  const p = localParts(now, ctx.timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.year}${pad(p.month)}${pad(p.day)}-${pad(p.hour)}${pad(p.minute)}${pad(now.getUTCSeconds())}`;
}

function uniquePath(path: string): string {
  let candidate = path;
  for (let n = 2; existsSync(candidate); n++) candidate = `${path}-${n}`;
  return candidate;
}

function removeDatabaseFiles(path: string) {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}
