/**
 * The database file shared with other processes: the CLI writing while the bot runs, and any other
 * SQLite client (the sqlite3 shell, drizzle-kit studio) writing the bot's tables.
 */
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/services/actor.js';
import { privateChat, user } from '../fake-telegram/updates.js';
import { TestBot } from '../helpers/app.js';
import { seedSmallBloc } from '../helpers/db.js';

/**
 * Another process (as a CLI import does) takes the write lock, writes, and keeps it for `ms`.
 * Resolves once the lock is held, with a promise of its commit.
 */
async function holdWriteLock(databasePath: string, ms: number): Promise<{ committed: Promise<void> }> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.pragma('busy_timeout = 5000');
    db.exec('BEGIN IMMEDIATE');
    db.prepare("insert into kv (key, value, updated_at) values ('other-process', '1', 0)").run();
    process.stdout.write('locked\\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.argv[2]));
    db.exec('COMMIT');
  `;
  const child = spawn(process.execPath, ['-e', script, databasePath, String(ms)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const committed = new Promise<void>((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`lock holder exited with ${code}`)))),
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
    child.on('exit', (code) => reject(new Error(`lock holder exited with ${code} before locking`)));
  });
  return { committed };
}

describe('the database shared with other processes (end to end)', () => {
  let t: TestBot | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });

  it('a write of the bot waits for another process that holds the write lock, instead of failing', async () => {
    t = await TestBot.start();
    const bloc = seedSmallBloc(t.services);
    const invite = t.services.invites.createForMember(bloc.cellMember.id, {}, SYSTEM);
    const tg = user(7101);
    // Redeeming reads the invite, then writes: begun DEFERRED, its write would meet the lock with a
    // stale snapshot and fail at once with SQLITE_BUSY.
    const other = await holdWriteLock(t.databasePath, 700);
    const started = Date.now();
    const reply = await t.say(tg, privateChat(tg), `/start ${invite.code}`);
    await other.committed;
    expect(reply).toContain('Đã liên kết tài khoản Telegram với đảng viên <b>Hoàng Minh Em</b>');
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(t.services.members.findByTelegramId(7101)?.id).toBe(bloc.cellMember.id);
    expect(t.logLines.join('')).not.toContain('SQLITE_BUSY');
  });
});
