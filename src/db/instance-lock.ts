/**
 * One bot per database. Two bots on one file would both poll Telegram and end each other's
 * getUpdates with 409 while a supervisor restarts them. The lock is an SQLite write lock on a side
 * file, `<database>.lock`, held for the life of the process: the operating system drops it when the
 * process ends, however it ends (kill -9 included), so nothing is ever left stuck. The file also
 * says who holds it, readable while it is held.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';

/** Who holds the lock: a running bot, or the CLI restoring the database. */
export type LockRole = 'bot' | 'restore';

export interface LockHolder {
  role: LockRole;
  pid: number;
  /** ISO instant. */
  startedAt: string;
}

export interface InstanceLock {
  release(): void;
}

export class InstanceLockedError extends Error {
  override name = 'InstanceLockedError';
  constructor(
    readonly databasePath: string,
    /** Null when the holder did not say (a lock file from another version, or a race). */
    readonly holder: LockHolder | null,
  ) {
    const who = holder ? ` (pid ${holder.pid}, started ${holder.startedAt})` : '';
    super(
      holder?.role === 'restore'
        ? `A restore of ${databasePath} is in progress${who}. Start the bot when it has finished.`
        : `Another bot process is already running on ${databasePath}${who}. Stop it first; run exactly one bot per database.`,
    );
  }
}

export function lockFilePath(databasePath: string): string {
  return `${resolve(databasePath)}.lock`;
}

/**
 * Takes the lock of this database, or throws InstanceLockedError at once (no waiting) when another
 * process holds it. An in-memory database has nothing to share and gets a lock that does nothing.
 */
export function acquireInstanceLock(databasePath: string, holder: Omit<LockHolder, 'pid'>): InstanceLock {
  if (databasePath === ':memory:') return { release: () => undefined };
  const path = lockFilePath(databasePath);
  mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  try {
    sqlite.pragma('busy_timeout = 0');
    sqlite.exec('create table if not exists holder (role text not null, pid integer not null, started_at text not null)');
    // Say who we are, then keep a write transaction open: others may still read who holds it.
    sqlite
      .transaction(() => {
        sqlite.exec('delete from holder');
        sqlite.prepare('insert into holder (role, pid, started_at) values (?, ?, ?)').run(holder.role, process.pid, holder.startedAt);
      })
      .immediate();
    sqlite.exec('begin immediate');
  } catch (error) {
    const busy = isBusy(error);
    const current = busy ? readHolder(sqlite) : null;
    sqlite.close();
    if (busy) throw new InstanceLockedError(databasePath, current);
    throw error;
  }
  return {
    release() {
      if (sqlite.open) sqlite.close();
    },
  };
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

function readHolder(sqlite: Database.Database): LockHolder | null {
  try {
    const row = sqlite.prepare('select role, pid, started_at as startedAt from holder limit 1').get() as LockHolder | undefined;
    return row ?? null;
  } catch {
    return null;
  }
}
