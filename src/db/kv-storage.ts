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
 *
 * Given a KvWriteBehind (the app gives one to every adapter), writes and deletes are queued and
 * committed together once the event loop has handled what it has in hand (setImmediate): a search
 * with more than a page of results writes its session, and one commit per write cost more than the
 * search's own reading (README, "Footprint: garbage, SQLite reads, search, sessions"). What is
 * queued is read back from the queue; the app flushes it before closing the database. A crash loses
 * at most the writes of that turn of the event loop: sessions and conversation state, never
 * durable work (reminders, broadcasts, reports are written by the services, at once).
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

/** Where an adapter's writes go, by full key (null deletes): at once (KvWriteAtOnce) or queued (KvWriteBehind). */
export interface KvWrites {
  /** What is waiting to be written under `key`: its JSON, null for a delete, undefined when nothing is. */
  queued(key: string): string | null | undefined;
  put(key: string, json: string | null, at: number): void;
  /** Writes whatever is waiting, now. */
  flush(): void;
}

/** Each write committed at once (tools and tests; the bot queues its own, KvWriteBehind). */
export class KvWriteAtOnce implements KvWrites {
  readonly #upsert: Statement<{ key: string; value: string; updatedAt: number }>;
  readonly #remove: Statement<{ key: string }>;

  constructor(db: Db) {
    this.#upsert = db.$client.prepare(
      'insert into kv (key, value, updated_at) values (@key, @value, @updatedAt) on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at',
    );
    this.#remove = db.$client.prepare('delete from kv where key = @key');
  }

  queued(): undefined {
    return undefined;
  }

  put(key: string, json: string | null, at: number): void {
    if (json === null) this.#remove.run({ key });
    else this.#upsert.run({ key, value: json, updatedAt: at });
  }

  flush(): void {}
}

/** A queued write: the JSON to store, or null to delete; and when it was written. */
type QueuedWrite = { json: string | null; at: number };

/** Queued kv writes of every adapter on one database, committed in one transaction per turn of the event loop. */
export class KvWriteBehind implements KvWrites {
  /** By full key. */
  readonly #pending = new Map<string, QueuedWrite>();
  readonly #commit: (entries: [string, QueuedWrite][]) => void;
  #scheduled: NodeJS.Immediate | undefined;
  /** After a failed commit: the next try. */
  #retry: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(
    db: Db,
    /** A commit failed (the database busy past its timeout, the disk full): the writes stay queued and are tried again in a second. */
    private readonly onError: (error: unknown, queued: number) => void,
  ) {
    const atOnce = new KvWriteAtOnce(db);
    this.#commit = db.$client.transaction((entries: [string, QueuedWrite][]) => {
      for (const [key, { json, at }] of entries) atOnce.put(key, json, at);
    }).immediate;
  }

  queued(key: string): string | null | undefined {
    return this.#pending.get(key)?.json;
  }

  put(key: string, json: string | null, at: number): void {
    if (this.#closed) throw new Error('kv writes after the database was closed');
    this.#pending.set(key, { json, at });
    this.#scheduled ??= setImmediate(() => this.flush());
  }

  /** Commits everything queued now. */
  flush(): void {
    clearImmediate(this.#scheduled);
    clearTimeout(this.#retry);
    this.#scheduled = this.#retry = undefined;
    if (this.#pending.size === 0) return;
    try {
      this.#commit([...this.#pending]);
      this.#pending.clear();
    } catch (error) {
      this.onError(error, this.#pending.size);
      if (!this.#closed) this.#retry = setTimeout(() => this.flush(), 1_000).unref();
    }
  }

  /** Commits what is queued and takes no more (before the database is closed). */
  close(): void {
    this.flush();
    this.#closed = true;
  }
}

export class SqliteStorage<T> implements StorageAdapter<T> {
  readonly #valueOf;
  /** The stored JSON of each recent key, or null when none is stored. */
  readonly #cache: RecentMap<string, string | null>;
  /** Every key stored under the prefix (without it), read at the first read. */
  #stored: Set<string> | undefined;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly prefix: string,
    cacheSize = KV_CACHE_SIZE,
    /** Where writes go: the app gives every adapter one KvWriteBehind (committed together). */
    private readonly writes: KvWrites = new KvWriteAtOnce(db),
  ) {
    this.#cache = new RecentMap(cacheSize);
    this.#valueOf = db.select({ value: kv.value }).from(kv).where(eq(kv.key, sql.placeholder('key'))).prepare();
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
    // Past the cache, a write still queued is the value.
    if (json === undefined) json = this.writes.queued(this.prefix + key);
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
    this.writes.put(this.prefix + key, json, this.clock.now().getTime());
    this.#stored?.add(key);
    this.#cache.set(key, json);
  }

  delete(key: string): void {
    if (this.#cache.get(key) === null) return;
    this.writes.put(this.prefix + key, null, this.clock.now().getTime());
    this.#stored?.delete(key);
    this.#cache.set(key, null);
  }

  /** Keys currently stored under this prefix (without the prefix), queued writes included. */
  keys(): string[] {
    this.writes.flush();
    return this.db
      .select({ key: kv.key })
      .from(kv)
      .where(like(kv.key, `${this.prefix.replace(/[%_]/g, '\\$&')}%`))
      .all()
      .map((r) => r.key.slice(this.prefix.length));
  }
}
