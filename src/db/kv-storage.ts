/**
 * A grammY StorageAdapter over the kv table: sessions and conversation state survive restarts.
 */
import { eq, like, sql } from 'drizzle-orm';
import type { StorageAdapter } from 'grammy';
import type { Clock } from '../clock.js';
import type { Db } from './connection.js';
import { kv } from './schema.js';

export class SqliteStorage<T> implements StorageAdapter<T> {
  /** Conversations read their state on every update: prepared once. */
  readonly #valueOf;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly prefix: string,
  ) {
    this.#valueOf = db.select({ value: kv.value }).from(kv).where(eq(kv.key, sql.placeholder('key'))).prepare();
  }

  read(key: string): T | undefined {
    const row = this.#valueOf.get({ key: this.prefix + key });
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  write(key: string, value: T): void {
    const now = this.clock.now();
    this.db
      .insert(kv)
      .values({ key: this.prefix + key, value: JSON.stringify(value), updatedAt: now })
      .onConflictDoUpdate({ target: kv.key, set: { value: JSON.stringify(value), updatedAt: now } })
      .run();
  }

  delete(key: string): void {
    this.db.delete(kv).where(eq(kv.key, this.prefix + key)).run();
  }

  /** Keys currently stored under this prefix (without the prefix). */
  keys(): string[] {
    return this.db
      .select({ key: kv.key })
      .from(kv)
      .where(like(kv.key, `${this.prefix.replace(/[%_]/g, '\\$&')}%`))
      .all()
      .map((r) => r.key.slice(this.prefix.length));
  }
}
