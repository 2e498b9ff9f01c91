import { describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/db/connection.js';
import { DbMemo } from '../../src/db/memo.js';
import { testDb } from '../helpers/db.js';

describe('DbMemo', () => {
  const setup = () => {
    const t = testDb();
    const sqlite = t.db.$client;
    sqlite.exec('create table n (v integer)');
    sqlite.exec('insert into n values (1)');
    const memo = new DbMemo(sqlite);
    let computed = 0;
    const read = () =>
      memo.get('sum', () => {
        computed++;
        return (sqlite.prepare('select sum(v) as s from n').get() as { s: number }).s;
      });
    return { t, sqlite, read, computed: () => computed };
  };

  it('keeps a value until this connection writes anything', () => {
    const { sqlite, read, computed } = setup();
    expect(read()).toBe(1);
    expect(read()).toBe(1);
    expect(computed()).toBe(1);
    sqlite.exec('insert into n values (2)');
    expect(read()).toBe(3);
    expect(computed()).toBe(2);
  });

  it('sees what another connection commits (the CLI next to the bot)', () => {
    const { t, read } = setup();
    expect(read()).toBe(1);
    const other = openDatabase(t.path, { migrate: false });
    other.$client.exec('insert into n values (5)');
    closeDatabase(other);
    expect(read()).toBe(6);
  });

  it('keeps nothing computed inside a transaction, which may roll back', () => {
    const { sqlite, read } = setup();
    const attempt = sqlite.transaction(() => {
      sqlite.exec('insert into n values (10)');
      expect(read()).toBe(11);
      throw new Error('rolled back');
    });
    expect(() => attempt()).toThrow('rolled back');
    expect(read()).toBe(1);
  });
});
