/**
 * Opens the SQLite database the way every part of the bot expects it: WAL journal (readers never
 * block the writer), foreign keys enforced, a busy timeout so the CLI and the bot can share the file,
 * a page cache of 4 MB.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { foldVietnamese } from '../domain/text.js';
import { PROJECT_ROOT } from '../paths.js';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const MIGRATIONS_FOLDER = join(PROJECT_ROOT, 'drizzle');

export interface OpenDatabaseOptions {
  /** Apply the committed migrations (default true). */
  migrate?: boolean;
}

export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Db {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // better-sqlite3 builds SQLite with a 16 MB page cache per connection, which the start-up jobs fill
  // at once; 4 MB keeps lookups as fast on the scale bloc (README, "Footprint: memory"), and the
  // operating system's file cache still holds the rest of the file.
  sqlite.pragma('cache_size = -4000');
  registerFunctions(sqlite);
  const db = drizzle(sqlite, { schema }) as Db;
  if (options.migrate ?? true) migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return db;
}

/**
 * SQL functions that the released migrations 0004 and 0006 call when they fill the search index
 * (so a new database still migrates from scratch). Nothing else uses them: since 0008 the triggers
 * are plain SQL and any SQLite client can write the database.
 */
function registerFunctions(sqlite: Database.Database): void {
  sqlite.function('fold_vi', { deterministic: true }, (text: unknown) => foldVietnamese(String(text ?? '')));
  sqlite.function('fold_vi_html', { deterministic: true }, (text: unknown) =>
    foldVietnamese(String(text ?? '').replace(/<[^>]*>/g, ' ').replace(/&(lt|gt|amp|quot);/g, ' ')),
  );
}

export function closeDatabase(db: Db): void {
  if (db.$client.open) db.$client.close();
}
