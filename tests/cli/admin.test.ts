import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeCli, type TestCli } from './helpers.js';

let cli: TestCli;
beforeEach(() => {
  cli = makeCli({ ADMIN_IDS: '555' });
});
afterEach(() => cli.cleanup());

describe('admin', () => {
  it('adds an admin with a name, lists, and removes the roles but keeps the person', async () => {
    const add = await cli.run('admin', 'add', '123456789', '--name', 'Nguyễn Thị Lan');
    expect(add.err).toBe('');
    expect(add.code).toBe(0);
    expect(add.out).toBe('Đã tạo Nguyễn Thị Lan (Telegram ID 123456789) với vai trò Quản trị, Văn phòng.');
    expect(cli.open().services.members.findByTelegramId(123456789)).toMatchObject({
      fullName: 'Nguyễn Thị Lan',
      roles: ['admin', 'office'],
      branchId: null,
    });

    const list = await cli.run('admin', 'list');
    expect(list.out).toContain('• Nguyễn Thị Lan — Telegram ID 123456789 — Quản trị, Văn phòng');

    const again = await cli.run('admin', 'add', '123456789');
    expect(again.code).toBe(0);
    expect(again.out).toContain('đã là quản trị viên');

    const remove = await cli.run('admin', 'remove', '123456789');
    expect(remove.code).toBe(0);
    expect(remove.out).toContain('Vai trò còn lại: Đảng viên.');
    expect(remove.out).not.toContain('ADMIN_IDS');
    expect(cli.open().services.members.findByTelegramId(123456789)!.roles).toEqual(['member']);
    expect((await cli.run('admin', 'list')).out).toContain('Chưa có quản trị viên nào');
  });

  it('adds the admin roles to a member who is already linked, keeping the branch roles', async () => {
    const { services } = cli.open();
    services.branches.upsert({ code: 'CB01', name: 'Chi bộ Sở Tư pháp', kind: 'cell' }, cli.ctx.actor);
    services.members.create(
      { code: 'DV0001', fullName: 'Trần Văn Bình', branchId: services.branches.getByCode('CB01')!.id, roles: ['secretary'], telegramUserId: 42 },
      cli.ctx.actor,
    );
    const r = await cli.run('admin', 'add', '42', '--name', 'Tên Khác');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Đã cấp quyền quản trị cho Trần Văn Bình');
    expect(r.out).toContain('giữ họ tên đã có');
    expect(cli.open().services.members.getByCode('DV0001')!.roles).toEqual(['admin', 'office', 'secretary']);
    await cli.run('admin', 'remove', '42');
    expect(cli.open().services.members.getByCode('DV0001')!.roles).toEqual(['secretary']);
  });

  it('warns that ADMIN_IDS gives the roles back at start-up', async () => {
    await cli.run('admin', 'add', '555');
    const r = await cli.run('admin', 'remove', '555');
    expect(r.out).toContain('ADMIN_IDS');
  });

  it('rejects unknown users (exit 1) and malformed ids (exit 2)', async () => {
    const r = await cli.run('admin', 'remove', '999');
    expect(r.code).toBe(1);
    expect(r.err).toBe('Không có ai với Telegram ID 999');
    const bad = await cli.run('admin', 'add', '@lan');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('Telegram ID phải là một dãy chữ số');
    expect((await cli.run('admin')).code).toBe(2);
    expect(cli.open().services.members.listAll()).toHaveLength(0);
  });
});
