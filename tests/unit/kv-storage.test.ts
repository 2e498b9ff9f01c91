/**
 * The kv storage adapter under sessions and conversation state: what it last read or wrote is kept
 * for the most recent keys, so the conversations plugin's read on every update costs no query and a
 * session written back unchanged costs no write; values come back as fresh objects.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { KvWriteBehind, SqliteStorage } from '../../src/db/kv-storage.js';
import { kv } from '../../src/db/schema.js';
import { testDb } from '../helpers/db.js';

function setup(cacheSize?: number) {
  const { db, clock } = testDb();
  const storage = new SqliteStorage<{ n: number }>(db, clock, 'session:', cacheSize);
  const row = (key: string) => db.select().from(kv).where(eq(kv.key, `session:${key}`)).get();
  /** Changes the stored row behind the adapter's back (only to see where a read is answered from). */
  const overwrite = (key: string, value: unknown) => db.update(kv).set({ value: JSON.stringify(value) }).where(eq(kv.key, `session:${key}`)).run();
  const changes = () => (db.$client.prepare('select total_changes() as n').get() as { n: number }).n;
  return { db, clock, storage, row, overwrite, changes };
}

describe('SqliteStorage', () => {
  it('writes, reads and deletes through SQLite, a value surviving a new adapter (a restart)', () => {
    const { db, clock, storage, row } = setup();
    expect(storage.read('7')).toBeUndefined();
    storage.write('7', { n: 1 });
    expect(row('7')?.value).toBe('{"n":1}');
    expect(new SqliteStorage(db, clock, 'session:').read('7')).toEqual({ n: 1 });
    storage.delete('7');
    expect(row('7')).toBeUndefined();
    expect(storage.read('7')).toBeUndefined();
    expect(storage.keys()).toEqual([]);
  });

  it('has() tells whether a key holds anything, as read() would, after writes, deletes and a restart', () => {
    const { db, clock, storage } = setup();
    expect(storage.has('7')).toBe(false);
    storage.write('7', { n: 1 });
    expect(storage.has('7')).toBe(true);
    expect(new SqliteStorage(db, clock, 'session:').has('7')).toBe(true);
    expect(new SqliteStorage(db, clock, 'session:').has('8')).toBe(false);
    storage.delete('7');
    expect(storage.has('7')).toBe(false);
  });

  it('a value written back unchanged costs no write; a changed one is written', () => {
    const { clock, storage, row, changes } = setup();
    storage.write('7', { n: 1 });
    const written = row('7')!.updatedAt;
    const before = changes();
    clock.advance(60_000);
    storage.write('7', storage.read('7')!);
    expect(changes()).toBe(before);
    expect(row('7')!.updatedAt).toEqual(written);
    storage.write('7', { n: 2 });
    expect(changes()).toBe(before + 1);
    expect(row('7')!.value).toBe('{"n":2}');
    // Deleting what is not there costs nothing either.
    storage.delete('8');
    expect(changes()).toBe(before + 1);
  });

  it('a recent key is answered from memory (absence included); past the cache size the oldest is read again', () => {
    const { storage, overwrite, db } = setup(2);
    storage.write('1', { n: 1 });
    expect(storage.read('2')).toBeUndefined();
    overwrite('1', { n: 10 });
    db.insert(kv).values({ key: 'session:2', value: '{"n":20}', updatedAt: new Date() }).run();
    expect(storage.read('1')).toEqual({ n: 1 });
    expect(storage.read('2')).toBeUndefined();
    // A third key pushes out the least recently used one ('1'): it is read from SQLite again.
    storage.read('3');
    expect(storage.read('1')).toEqual({ n: 10 });
  });

  it('a key never stored is answered without a query, even past the cache size; one stored later is read', () => {
    const { storage, db } = setup(1);
    storage.write('1', { n: 1 });
    expect(storage.read('2')).toBeUndefined();
    storage.read('3'); // '2' leaves the cache
    // Behind the adapter's back (never in real use: only the adapter writes its prefix): not seen,
    // so the read of '2' above and this one made no query.
    db.insert(kv).values({ key: 'session:2', value: '{"n":20}', updatedAt: new Date() }).run();
    expect(storage.read('2')).toBeUndefined();
    // Written through the adapter (here: another one, as after a restart), it is read from SQLite.
    const restarted = new SqliteStorage<{ n: number }>(db, setup().clock, 'session:', 1);
    expect(restarted.read('2')).toEqual({ n: 20 });
    storage.write('4', { n: 4 });
    storage.read('1');
    expect(storage.read('4')).toEqual({ n: 4 });
    storage.delete('4');
    storage.read('1');
    expect(storage.read('4')).toBeUndefined();
  });

  it('every read is a fresh object: changing one does not change what is stored', () => {
    const { storage } = setup();
    storage.write('7', { n: 1 });
    storage.read('7')!.n = 99;
    expect(storage.read('7')).toEqual({ n: 1 });
  });

  describe('with writes queued (KvWriteBehind, as the app runs it)', () => {
    function queued() {
      const base = setup();
      const errors: unknown[] = [];
      const writer = new KvWriteBehind(base.db, (error) => errors.push(error));
      const storage = new SqliteStorage<{ n: number }>(base.db, base.clock, 'session:', 1, writer);
      const other = new SqliteStorage<{ n: number }>(base.db, base.clock, 'conversation:', 1, writer);
      const turn = () => new Promise((resolve) => setImmediate(resolve));
      return { ...base, writer, storage, other, errors, turn };
    }

    it('commits the writes of every adapter once the event loop turns; meanwhile reads answer from the queue, past the cache too', async () => {
      const { db, storage, other, row, turn, changes } = queued();
      const before = changes();
      storage.write('1', { n: 1 });
      storage.write('2', { n: 2 }); // the cache holds one key: '1' is answered from the queue
      other.write('1', { n: 10 });
      expect(row('1')).toBeUndefined();
      expect(storage.read('1')).toEqual({ n: 1 });
      expect(storage.has('2')).toBe(true);
      expect(other.read('1')).toEqual({ n: 10 });
      await turn();
      expect(changes()).toBe(before + 3);
      expect(row('1')?.value).toBe('{"n":1}');
      expect(row('2')?.value).toBe('{"n":2}');
      expect(db.select().from(kv).where(eq(kv.key, 'conversation:1')).get()?.value).toBe('{"n":10}');
      // A new adapter (a restart) reads what was committed.
      expect(new SqliteStorage(db, setup().clock, 'session:').read('2')).toEqual({ n: 2 });
    });

    it('a queued delete is what reads see, and is committed; keys() counts what is queued', async () => {
      const { storage, row, turn } = queued();
      storage.write('1', { n: 1 });
      await turn();
      storage.delete('1');
      storage.write('3', { n: 3 });
      expect(storage.read('1')).toBeUndefined();
      expect(storage.has('1')).toBe(false);
      expect(storage.keys()).toEqual(['3']);
      await turn();
      expect(row('1')).toBeUndefined();
    });

    it('a commit that fails keeps the writes queued and readable, tells onError, and a later flush commits them', () => {
      const { db, storage, writer, row, errors } = queued();
      storage.write('1', { n: 1 });
      db.$client.exec('alter table kv rename to kv_away');
      writer.flush();
      expect(errors).toHaveLength(1);
      storage.write('2', { n: 2 }); // '1' leaves the cache: answered from the queue
      expect(storage.read('1')).toEqual({ n: 1 });
      db.$client.exec('alter table kv_away rename to kv');
      writer.flush();
      expect(row('1')?.value).toBe('{"n":1}');
      expect(row('2')?.value).toBe('{"n":2}');
    });

    it('close() commits what is queued and refuses more (the app closes it before the database)', () => {
      const { storage, writer, row } = queued();
      storage.write('1', { n: 1 });
      writer.close();
      expect(row('1')?.value).toBe('{"n":1}');
      expect(() => storage.write('1', { n: 2 })).toThrow(/closed/);
    });
  });
});
