import { describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/db/connection.js';
import { SYSTEM } from '../../src/services/actor.js';
import { BLOC_FRESH_MS } from '../../src/services/bloc.js';
import { testDb } from '../helpers/db.js';

describe('BlocService.get', () => {
  it("gives this process's writes at once, another client's within BLOC_FRESH_MS, and a caller changing what it got changes nothing kept", () => {
    const t = testDb();
    t.services.bloc.setName('Đảng bộ Khối A', null, SYSTEM);
    const first = t.services.bloc.get();
    expect(first.name).toBe('Đảng bộ Khối A');
    first.name = 'changed by a caller';
    expect(t.services.bloc.get().name).toBe('Đảng bộ Khối A');
    t.services.bloc.setName('Đảng bộ Khối B', null, SYSTEM);
    expect(t.services.bloc.get().name).toBe('Đảng bộ Khối B');
    t.services.bloc.setBotUsername('khoi_bot');
    expect(t.services.bloc.get().botUsername).toBe('khoi_bot');

    const other = openDatabase(t.path);
    other.$client.prepare("update bloc set name = 'Đảng bộ Khối C' where id = 1").run();
    closeDatabase(other);
    // Read again once the last read is BLOC_FRESH_MS old, not before.
    t.clock.advance(BLOC_FRESH_MS - 1);
    expect(t.services.bloc.get().name).toBe('Đảng bộ Khối B');
    t.clock.advance(1);
    expect(t.services.bloc.get().name).toBe('Đảng bộ Khối C');
  });

  it('keeps nothing read inside a transaction that was rolled back', () => {
    const t = testDb();
    t.services.bloc.setName('Đảng bộ Khối A', null, SYSTEM);
    expect(() =>
      t.db.transaction((tx) => {
        t.services.bloc.setName('Đảng bộ Khối X', null, SYSTEM);
        expect(t.services.bloc.get().name).toBe('Đảng bộ Khối X');
        tx.rollback();
      }),
    ).toThrow();
    expect(t.services.bloc.get().name).toBe('Đảng bộ Khối A');
  });
});
