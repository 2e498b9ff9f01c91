import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDemoBloc } from '../../src/demo/bloc.js';
import { readCsv, readXlsx } from '../../src/cli/spreadsheet.js';
import { makeCli, type TestCli } from './helpers.js';

let cli: TestCli;
beforeEach(() => {
  cli = makeCli();
  const { services } = cli.open();
  buildDemoBloc(services, cli.ctx.actor);
  // Values the demo does not have: a Telegram link, a member who left, an inactive branch, no cluster.
  const dv1 = services.members.getByCode('DV0001')!;
  services.members.linkTelegram(dv1.id, { id: 700000001 }, cli.ctx.actor);
  services.members.setStatus(services.members.getByCode('DV0002')!.id, 'left', cli.ctx.actor);
  const cb06 = services.branches.getByCode('CB06')!;
  services.branches.upsert({ ...cb06, active: false, clusterId: null }, cli.ctx.actor);
  services.members.addAdmin(800000001, 'Văn phòng Khối', cli.ctx.actor);
});
afterEach(() => cli.cleanup());

describe('export', () => {
  it('writes both sheets to .xlsx with the Vietnamese headers, and re-imports unchanged', async () => {
    const file = cli.path('ds.xlsx');
    const r = await cli.run('export', file);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Đã xuất 21 tổ chức đảng, 300 đảng viên vào ds.xlsx');
    expect(r.out).toContain('Lưu ý: 1 người chưa có mã đảng viên');

    const sheets = await readXlsx(file);
    expect(sheets.map((s) => s.name)).toEqual(['Tổ chức đảng', 'Đảng viên']);
    expect(sheets[0]!.rows[0]!.cells).toEqual(['Mã tổ chức đảng', 'Tên tổ chức đảng', 'Tên viết tắt', 'Loại', 'Mã cấp trên', 'Khối thi đua', 'Hoạt động']);
    expect(sheets[1]!.rows[0]!.cells).toEqual(['Mã đảng viên', 'Họ và tên', 'Mã tổ chức đảng', 'Vai trò', 'Telegram ID', 'Trạng thái']);
    const cb12 = sheets[0]!.rows.find((row) => row.cells[0] === 'CB12')!;
    expect(cb12.cells).toEqual([
      'CB12',
      'Chi bộ Công ty TNHH A&B',
      'Công ty A&B',
      'Chi bộ cơ sở',
      '',
      'Khối đơn vị sự nghiệp – doanh nghiệp',
      'có',
    ]);
    expect(sheets[0]!.rows.find((row) => row.cells[0] === 'DB04-02')!.cells.slice(3, 5)).toEqual(['Chi bộ trực thuộc', 'DB04']);
    expect(sheets[1]!.rows[1]!.cells.slice(2)).toEqual(['CB01', 'Bí thư, Đảng viên', '700000001', 'đang sinh hoạt']);
    expect(sheets[1]!.rows[2]!.cells[5]).toBe('đã chuyển');

    const again = await cli.run('import', file);
    expect(again.err).toBe('');
    expect(again.code).toBe(0);
    expect(again.out).toContain('Tổ chức đảng: tạo mới 0, cập nhật 0, không đổi 21.');
    expect(again.out).toContain('Đảng viên: tạo mới 0, cập nhật 0, không đổi 300.');
  });

  it('writes one kind to .csv (UTF-8 with BOM) and re-imports it unchanged', async () => {
    const branchesFile = cli.path('chi-bo.csv');
    const membersFile = cli.path('dang-vien.csv');
    expect((await cli.run('export', branchesFile, '--type', 'branches')).code).toBe(0);
    expect((await cli.run('export', membersFile, '--type', 'members')).code).toBe(0);
    const bytes = readFileSync(branchesFile);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(readFileSync(branchesFile, 'utf8')).toContain('CB13,Chi bộ Trung tâm <Dữ liệu> số,');
    expect(readCsv(membersFile).rows).toHaveLength(301);

    const b = await cli.run('import', branchesFile);
    const m = await cli.run('import', membersFile);
    expect(b.out).toContain('Tổ chức đảng: tạo mới 0, cập nhật 0, không đổi 21.');
    expect(m.out).toContain('Đảng viên: tạo mới 0, cập nhật 0, không đổi 300.');
  });

  it('fills an empty database from an export', async () => {
    const file = cli.path('ds.xlsx');
    await cli.run('export', file);
    const other = makeCli();
    try {
      const r = await other.run('import', file);
      expect(r.err).toBe('');
      expect(r.out).toContain('Tổ chức đảng: tạo mới 21, cập nhật 0, không đổi 0.');
      expect(r.out).toContain('Khối thi đua: tạo mới 3.');
      const { services } = other.open();
      expect(services.branches.getByCode('CB06')!.active).toBe(false);
      expect(services.members.getByCode('DV0001')!.telegramUserId).toBe(700000001);
      expect(services.members.getByCode('DV0002')!.status).toBe('left');
      const back = await other.run('export', other.path('back.xlsx'));
      expect(back.code).toBe(0);
      const [original, copy] = await Promise.all([readXlsx(file), readXlsx(other.path('back.xlsx'))]);
      expect(copy.map((s) => s.rows.map((r) => r.cells))).toEqual(original.map((s) => s.rows.map((r) => r.cells)));
    } finally {
      other.cleanup();
    }
  });

  it('needs --type for .csv and a known extension', async () => {
    const r = await cli.run('export', cli.path('x.csv'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('--type');
    expect((await cli.run('export', cli.path('x.csv'), '--type', 'people')).code).toBe(2);
    expect((await cli.run('export', cli.path('x.pdf'))).code).toBe(1);
  });
});
