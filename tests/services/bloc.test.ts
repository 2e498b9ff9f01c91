import { describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/db/connection.js';
import { SYSTEM } from '../../src/services/actor.js';
import { testDb } from '../helpers/db.js';

describe('BlocService.get', () => {
  it('gives the name written by this process or by another client, and a caller changing what it got changes nothing stored', () => {
    const t = testDb();
    t.services.bloc.setName('Đảng bộ Khối A', null, SYSTEM);
    const first = t.services.bloc.get();
    expect(first.name).toBe('Đảng bộ Khối A');
    first.name = 'changed by a caller';
    expect(t.services.bloc.get().name).toBe('Đảng bộ Khối A');
    t.services.bloc.setName('Đảng bộ Khối B', null, SYSTEM);
    expect(t.services.bloc.get().name).toBe('Đảng bộ Khối B');
    const other = openDatabase(t.path);
    other.$client.prepare("update bloc set name = 'Đảng bộ Khối C' where id = 1").run();
    closeDatabase(other);
    expect(t.services.bloc.get().name).toBe('Đảng bộ Khối C');
  });
});
