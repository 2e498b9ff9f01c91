/**
 * A grammY StorageAdapter over the kv table: sessions and conversation state survive restarts.
 *
 * The conversations plugin reads its state on every update, and a lazy session is written back
 * whenever a feature read it. One process owns the database (src/db/instance-lock.ts) and only this
 * adapter writes its prefix, so what it last read or wrote (absence included) is kept in memory
 * for the most recent chats: a read is answered from there, and a write that changes nothing is
 * skipped. It also knows every key stored under its prefix (read once, then kept by its own writes):
 * a chat with nothing stored, the usual case for conversation state, is answered without a query
 * even when it is not among the recent ones.
 */
import { eq, like, sql } from 'drizzle-orm';
import type { Statement } from 'better-sqlite3';
import type { StorageAdapter } from 'grammy';
import type { Clock } from '../clock.js';
import { RecentMap } from '../recent-map.js';
import type { Db } from './connection.js';
import { kv } from './schema.js';

/** Chats whose stored value (or its absence) is kept in memory, the most recently used. */
export const KV_CACHE_SIZE = 5_000;

export class SqliteStorage<T> implements StorageAdapter<T> {
  readonly #valueOf;
  /** Prepared once: a session is written for every paged answer (a search of more than a page). */
  readonly #upsert: Statement<{ key: string; value: string; updatedAt: number }>;
  readonly #remove: Statement<{ key: string }>;
  /** The stored JSON of each recent key, or null when none is stored. */
  readonly #cache: RecentMap<string, string | null>;
  /** Every key stored under the prefix (without it), read at the first read. */
  #stored: Set<string> | undefined;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly prefix: string,
    cacheSize = KV_CACHE_SIZE,
  ) {
    this.#cache = new RecentMap(cacheSize);
    this.#valueOf = db.select({ value: kv.value }).from(kv).where(eq(kv.key, sql.placeholder('key'))).prepare();
    this.#upsert = db.$client.prepare(
      'insert into kv (key, value, updated_at) values (@key, @value, @updatedAt) on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at',
    );
    this.#remove = db.$client.prepare('delete from kv where key = @key');
  }

  read(key: string): T | undefined {
    const json = this.#json(key);
    // A fresh object every time: callers change what they read.
    return json === null ? undefined : (JSON.parse(json) as T);
  }

  /** Whether anything is stored under `key`: what `read` would find, without parsing it. */
  has(key: string): boolean {
    return this.#json(key) !== null;
  }

  #json(key: string): string | null {
    let json = this.#cache.get(key);
    if (json === undefined) {
      this.#stored ??= new Set(this.keys());
      json = this.#stored.has(key) ? (this.#valueOf.get({ key: this.prefix + key })?.value ?? null) : null;
      this.#cache.set(key, json);
    }
    return json;
  }

  write(key: string, value: T): void {
    const json = JSON.stringify(value);
    if (this.#cache.get(key) === json) return;
    this.#upsert.run({ key: this.prefix + key, value: json, updatedAt: this.clock.now().getTime() });
    this.#stored?.add(key);
    this.#cache.set(key, json);
  }

  delete(key: string): void {
    if (this.#cache.get(key) === null) return;
    this.#remove.run({ key: this.prefix + key });
    this.#stored?.delete(key);
    this.#cache.set(key, null);
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
