/**
 * Values computed from the database, kept for as long as the database cannot have changed: no
 * write through this connection (SQLite's total_changes()) and no commit by another connection,
 * such as the CLI (PRAGMA data_version). Checking costs two tiny prepared statements, so this suits
 * reads that many members repeat and that take much longer than that, like the /chitieu overview.
 * A write anywhere empties the whole memo: it never answers from data older than the database.
 */
import type Database from 'better-sqlite3';

export class DbMemo {
  readonly #sqlite: Database.Database;
  readonly #dataVersion: Database.Statement<[], number>;
  readonly #totalChanges: Database.Statement<[], number>;
  readonly #values = new Map<string, unknown>();
  #version = '';

  constructor(sqlite: Database.Database) {
    this.#sqlite = sqlite;
    this.#dataVersion = sqlite.prepare<[], number>('pragma data_version').pluck();
    this.#totalChanges = sqlite.prepare<[], number>('select total_changes()').pluck();
  }

  /** The value stored under `key` since the database last changed, or `compute()`'s (then stored). */
  get<T>(key: string, compute: () => T): T {
    // Inside a transaction the value may include writes that are then rolled back: not kept.
    if (this.#sqlite.inTransaction) return compute();
    const version = `${this.#dataVersion.get()}:${this.#totalChanges.get()}`;
    if (version !== this.#version) {
      this.#values.clear();
      this.#version = version;
    }
    if (this.#values.has(key)) return this.#values.get(key) as T;
    const value = compute();
    this.#values.set(key, value);
    return value;
  }
}
