import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Sheet } from '../../src/domain/import-rows.js';
import { SYSTEM } from '../../src/services/actor.js';
import { seedSmallBloc, testDb } from '../helpers/db.js';

const sheet = (rows: string[][]): Sheet => ({
  name: 'Đảng viên',
  label: 'trang "Đảng viên"',
  rows: rows.map((cells, i) => ({ rowNumber: i + 1, cells })),
});

describe('ImportService.run', () => {
  it('checks the rows without the write lock, and again under it when the database changed in between', () => {
    const { services, path } = testDb();
    seedSmallBloc(services);
    const rows = sheet([
      ['Mã đảng viên', 'Họ và tên', 'Mã tổ chức đảng', 'Telegram ID'],
      ['DV0500', 'Vũ Thị Mai', 'CB02', '777'],
    ]);
    // The bot links DV001 to Telegram 777 while the import is checking its rows (another connection).
    const existingState = services.imports.existingState.bind(services.imports);
    let calls = 0;
    services.imports.existingState = () => {
      const state = existingState();
      if (calls++ === 0) {
        const bot = new Database(path);
        bot.prepare("update members set telegram_user_id = 777 where code = 'DV001'").run();
        bot.close();
      }
      return state;
    };
    const { plan, report } = services.imports.run([rows], SYSTEM, { dryRun: false });
    expect(calls).toBe(2);
    expect(report).toBeNull();
    expect(plan.problems.map((p) => p.message)).toEqual([
      'Telegram ID 777 đã gắn với người khác trong cơ sở dữ liệu: Nguyễn Văn An (DV001)',
    ]);
    expect(services.members.getByCode('DV0500')).toBeNull();
  });

  it('uses the checked rows as they are when nothing changed: one check, the same result as before', () => {
    const { services } = testDb();
    seedSmallBloc(services);
    const existingState = services.imports.existingState.bind(services.imports);
    let calls = 0;
    services.imports.existingState = () => (calls++, existingState());
    const rows = sheet([
      ['Mã đảng viên', 'Họ và tên', 'Mã tổ chức đảng', 'Telegram ID'],
      ['DV0500', 'Vũ Thị Mai', 'CB02', '777'],
      ['DV003', 'Lê Văn Cường', 'DB01-01', ''],
    ]);
    const { report } = services.imports.run([rows], SYSTEM, { dryRun: false });
    expect(calls).toBe(1);
    expect(report?.members).toEqual({ created: 1, updated: 1, unchanged: 0 });
    expect(services.members.getByCode('DV0500')).toMatchObject({ fullName: 'Vũ Thị Mai', telegramUserId: 777 });
    expect(services.members.getByCode('DV003')?.branchId).toBe(services.branches.getByCode('DB01-01')!.id);
  });
});
