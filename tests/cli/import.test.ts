import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, branches, clusters, members } from '../../src/db/schema.js';
import { FIXTURES, makeCli, writeCsvFile, writeWorkbook, type TestCli } from './helpers.js';

let cli: TestCli;
beforeEach(() => {
  cli = makeCli();
});
afterEach(() => cli.cleanup());

function count(table: typeof branches | typeof members | typeof clusters | typeof auditLog): number {
  return cli.open().db.select({ n: sql<number>`count(*)` }).from(table).get()!.n;
}

describe('import from CSV (BOM, semicolons, Vietnamese headers)', () => {
  it('imports branches with children before parents, then members by branch code or name', async () => {
    const b = await cli.run('import', join(FIXTURES, 'chi-bo.csv'));
    expect(b.err).toBe('');
    expect(b.code).toBe(0);
    expect(b.out).toContain('Tổ chức đảng: tạo mới 5, cập nhật 0, không đổi 0.');
    expect(b.out).toContain('Khối thi đua tạo mới: Khối cơ quan quản lý nhà nước');

    const { services } = cli.open();
    const db02 = services.branches.getByCode('DB02')!;
    expect(db02.kind).toBe('committee');
    expect(db02.shortName).toBe('Sở Tài chính');
    const sub1 = services.branches.getByCode('DB02-01')!;
    expect(sub1).toMatchObject({ kind: 'subcell', parentId: db02.id, name: 'Chi bộ Phòng Kế hoạch – Ngân sách' });
    // No kind given, parent named by its name: a subcell of DB02.
    expect(services.branches.getByCode('DB02-02')).toMatchObject({ kind: 'subcell', parentId: db02.id, active: true });
    const cb03 = services.branches.getByCode('CB03')!;
    expect(cb03).toMatchObject({ name: 'Chi bộ Công ty TNHH A&B; chi nhánh <2>', kind: 'cell', active: false, parentId: null });
    expect(services.branches.getByCode('CB01')!.active).toBe(true);
    expect(services.branches.listClusters().map((c) => c.name).sort()).toEqual([
      'Khối cơ quan quản lý nhà nước',
      'Khối các cơ quan Đảng – đoàn thể',
      'Khối đơn vị sự nghiệp – doanh nghiệp',
    ].sort());
    expect(services.branches.getCluster(sub1.clusterId!)!.code).toBe('KCQQLNN');

    const m = await cli.run('import', join(FIXTURES, 'dang-vien.csv'));
    expect(m.err).toBe('');
    expect(m.code).toBe(0);
    expect(m.out).toContain('Đảng viên: tạo mới 4, cập nhật 0, không đổi 0.');
    const { services: s } = cli.open();
    const cb01 = s.branches.getByCode('CB01')!;
    expect(s.members.getByCode('DV0001')).toMatchObject({
      fullName: 'Nguyễn Văn An',
      branchId: cb01.id,
      roles: ['secretary', 'member'],
      telegramUserId: 111111111,
      status: 'active',
    });
    expect(s.members.getByCode('DV0002')).toMatchObject({ branchId: cb01.id, roles: ['deputy'], status: 'active' });
    expect(s.members.getByCode('DV0003')).toMatchObject({ roles: ['member'], status: 'left' });
    expect(s.members.getByCode('DV0004')).toMatchObject({
      branchId: s.branches.getByCode('DB02-02')!.id,
      telegramUserId: 222222222,
    });
  });

  it('reads comma-separated files without a BOM and skips a title row above the headers', async () => {
    const file = writeCsvFile(
      cli.path('ds.csv'),
      ['DANH SÁCH TỔ CHỨC ĐẢNG,,', 'ma chi bo,ten chi bo,loai', 'CB09,"Chi bộ Sở Tư pháp, tỉnh",chi bo co so'],
      { bom: false },
    );
    const r = await cli.run('import', file);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(cli.open().services.branches.getByCode('CB09')!.name).toBe('Chi bộ Sở Tư pháp, tỉnh');
  });

  it('asks for --type when the headers do not tell branches from members', async () => {
    const file = writeCsvFile(cli.path('x.csv'), ['Mã,Tên', 'CB01,Chi bộ A']);
    const r = await cli.run('import', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain('--type');
    const typed = await cli.run('import', file, '--type', 'branches');
    expect(typed.code).toBe(0);
    expect(cli.open().services.branches.getByCode('CB01')!.kind).toBe('cell');
  });
});

describe('import from .xlsx', () => {
  const branchRows = [
    ['Mã chi bộ', 'Tên chi bộ', 'Loại', 'Mã cấp trên', 'Khối thi đua'],
    ['DB01-01', 'Chi bộ Khoa Dược', 'Chi bộ trực thuộc', 'DB01', 'SNDN'],
    ['DB01', 'Đảng bộ Trường Cao đẳng Y tế', 'Đảng bộ cơ sở', null, 'SNDN'],
    ['CB02', 'Chi bộ Trung tâm <Dữ liệu> số', 'Chi bộ cơ sở', null, 'SNDN'],
  ];
  const memberRows = [
    ['Mã đảng viên', 'Họ và tên', 'Mã chi bộ', 'Vai trò', 'Telegram ID'],
    ['DV0010', 'Hoàng Thị Hoa', 'DB01-01', 'Bí thư; Đảng viên', 555000111],
    ['DV0011', 'Võ Minh Tuấn', 'CB02', 'deputy', null],
    ['DV0012', 'Đỗ Văn Nam', 'CB02', null, null],
  ];

  it('imports both sheets, recognised by sheet name', async () => {
    const file = cli.path('ds.xlsx');
    await writeWorkbook(file, { 'Hướng dẫn': [['Điền danh sách vào hai trang sau']], 'Chi bộ': branchRows, 'Đảng viên': memberRows });
    const r = await cli.run('import', file);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Tổ chức đảng: tạo mới 3, cập nhật 0, không đổi 0.');
    expect(r.out).toContain('Đảng viên: tạo mới 3, cập nhật 0, không đổi 0.');
    expect(r.out).toContain('Bỏ qua trang "Hướng dẫn"');
    const { services } = cli.open();
    expect(services.members.getByCode('DV0010')).toMatchObject({
      telegramUserId: 555000111,
      roles: ['secretary', 'member'],
      branchId: services.branches.getByCode('DB01-01')!.id,
    });
    expect(services.members.getByCode('DV0011')!.roles).toEqual(['deputy']);
    expect(services.branches.getByCode('CB02')!.name).toBe('Chi bộ Trung tâm <Dữ liệu> số');
    expect(services.branches.listClusters()).toHaveLength(1);
  });

  it('recognises sheets by their headers when the sheet names say nothing', async () => {
    const file = cli.path('ds.xlsx');
    await writeWorkbook(file, { Sheet1: memberRows, Sheet2: branchRows });
    const r = await cli.run('import', file);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(count(branches)).toBe(3);
    expect(count(members)).toBe(3);
  });
});

describe('dry run', () => {
  it('reports what would happen and writes nothing', async () => {
    const r = await cli.run('import', join(FIXTURES, 'chi-bo.csv'), '--dry-run');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Chạy thử (--dry-run): không ghi gì vào cơ sở dữ liệu.');
    expect(r.out).toContain('Tổ chức đảng: sẽ tạo mới 5, sẽ cập nhật 0, không đổi 0.');
    expect(r.out).toContain('Tổ chức đảng DB02-01: sẽ tạo mới');
    expect(r.out).toContain('Khối thi đua sẽ tạo mới: Khối cơ quan quản lý nhà nước');
    expect(count(branches)).toBe(0);
    expect(count(clusters)).toBe(0);
    expect(count(auditLog)).toBe(0);
  });

  it('reports updates against what the database holds', async () => {
    await cli.run('import', join(FIXTURES, 'chi-bo.csv'));
    const audits = count(auditLog);
    const file = writeCsvFile(cli.path('rename.csv'), ['Mã chi bộ;Tên chi bộ', 'CB01;Chi bộ Ban Tuyên giáo và Dân vận Tỉnh ủy']);
    const r = await cli.run('import', file, '--dry-run', '--type', 'branches');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Tổ chức đảng CB01: sẽ cập nhật tên "Chi bộ Ban Tuyên giáo Tỉnh ủy" → "Chi bộ Ban Tuyên giáo và Dân vận Tỉnh ủy"');
    expect(r.out).toContain('Tổ chức đảng: sẽ tạo mới 0, sẽ cập nhật 1, không đổi 0.');
    expect(cli.open().services.branches.getByCode('CB01')!.name).toBe('Chi bộ Ban Tuyên giáo Tỉnh ủy');
    expect(count(auditLog)).toBe(audits);
  });
});

describe('validation', () => {
  it('reports every bad row with its sheet, row number and reason, and writes nothing', async () => {
    // The database already has CB50 under DB60 (and DB60 at the top), for the unknown-parent and cycle checks.
    const seed = writeCsvFile(cli.path('seed.csv'), [
      'Mã chi bộ;Tên chi bộ;Loại;Mã cấp trên',
      'DB60;Đảng bộ Sở Y tế;Đảng bộ cơ sở;',
      'CB50;Chi bộ Bệnh viện;Chi bộ trực thuộc;DB60',
    ]);
    expect((await cli.run('import', seed)).code).toBe(0);
    const seedMembers = writeCsvFile(cli.path('seed-m.csv'), [
      'Mã đảng viên;Họ và tên;Mã chi bộ;Telegram ID',
      'DV0900;Ngô Thị Yến;CB50;900900900',
    ]);
    expect((await cli.run('import', seedMembers)).code).toBe(0);
    const before = { branches: count(branches), members: count(members), audit: count(auditLog) };

    const file = cli.path('loi.xlsx');
    await writeWorkbook(file, {
      'Chi bộ': [
        ['Mã chi bộ', 'Tên chi bộ', 'Loại', 'Mã cấp trên', 'Hoạt động'], // row 1
        ['CB01', 'Chi bộ Một', 'Chi bộ cơ sở', null, 'có'], // 2: good
        ['CB01', 'Chi bộ Một lần nữa', 'Chi bộ cơ sở', null, null], // 3: duplicate code
        ['CB02', 'Chi bộ Hai', 'Chi bộ trực thuộc', 'DB99', null], // 4: unknown parent
        ['CB03', 'Chi bộ Ba', 'Chi bộ trực thuộc', 'CB04', null], // 5: cycle
        ['CB04', 'Chi bộ Bốn', 'Chi bộ trực thuộc', 'CB03', null], // 6: cycle
        ['CB05', 'Chi bộ Năm', 'Chi bộ trực thuộc', null, null], // 7: subcell without parent
        ['CB06', null, 'Chi bộ cơ sở', null, null], // 8: missing name
        [null, 'Chi bộ Không mã', 'Chi bộ cơ sở', null, null], // 9: missing code
        ['CB07', 'Chi bộ Bảy', 'Tổ đảng', null, null], // 10: unknown kind
        ['CB08', 'Chi bộ Tám', 'Chi bộ cơ sở', null, 'có lẽ'], // 11: bad yes/no
        ['DB60', 'Đảng bộ Sở Y tế', 'Đảng bộ cơ sở', 'CB50', null], // 12: cycle through the database
      ],
      'Đảng viên': [
        ['Mã đảng viên', 'Họ và tên', 'Mã chi bộ', 'Vai trò', 'Telegram ID', 'Trạng thái'], // 1
        ['DV0001', 'Nguyễn Văn An', 'CB01', 'Bí thư', '123456789', null], // 2: good
        ['DV0002', 'Trần Văn Bình', 'CB01', 'Trưởng nhóm', null, null], // 3: unknown role
        ['DV0003', 'Lê Thị Cúc', 'CB99', null, null, null], // 4: unknown branch
        ['DV0004', 'Phạm Văn Dũng', 'CB01', null, '12ab', null], // 5: malformed telegram id
        ['DV0005', 'Hồ Thị Em', 'CB01', null, '123456789', null], // 6: same telegram id as row 2
        ['DV0001', 'Nguyễn Văn An', 'CB01', null, null, null], // 7: duplicate member code
        [null, 'Không Mã', 'CB01', null, null, null], // 8: missing member code
        ['DV0008', null, 'CB01', null, null, null], // 9: missing full name
        ['DV0009', 'Bùi Thị Giang', 'CB01', null, null, 'nghỉ phép'], // 10: unknown status
        ['DV0010', 'Đặng Văn Hải', 'CB01', null, '900900900', null], // 11: telegram id of DV0900
      ],
    });
    const r = await cli.run('import', file);
    expect(r.code).toBe(1);
    const lines = r.err.split('\n');
    const expected = [
      'Trang "Chi bộ", dòng 3: mã tổ chức đảng "CB01" trùng với dòng 2',
      'Trang "Chi bộ", dòng 4: cấp trên "DB99" không có trong tệp và trong cơ sở dữ liệu',
      'Trang "Chi bộ", dòng 5: vòng lặp cấp trên: CB03 → CB04 → CB03',
      'Trang "Chi bộ", dòng 6: vòng lặp cấp trên: CB04 → CB03 → CB04',
      'Trang "Chi bộ", dòng 7: chi bộ trực thuộc phải có mã cấp trên (cột "Mã cấp trên")',
      'Trang "Chi bộ", dòng 8: thiếu tên tổ chức đảng',
      'Trang "Chi bộ", dòng 9: thiếu mã tổ chức đảng',
      'Trang "Chi bộ", dòng 10: loại "Tổ đảng" không hợp lệ; dùng một trong: Đảng bộ cơ sở, Chi bộ cơ sở, Chi bộ trực thuộc',
      'Trang "Chi bộ", dòng 11: cột "Hoạt động" phải là "có" hoặc "không" (đang ghi "có lẽ")',
      'Trang "Chi bộ", dòng 12: vòng lặp cấp trên: DB60 → CB50 → DB60',
      'Trang "Đảng viên", dòng 3: vai trò "Trưởng nhóm" không hợp lệ; dùng: Quản trị, Văn phòng, Bí thư, Phó bí thư, Đảng viên',
      'Trang "Đảng viên", dòng 4: tổ chức đảng "CB99" không có trong tệp và trong cơ sở dữ liệu',
      'Trang "Đảng viên", dòng 5: Telegram ID "12ab" không hợp lệ: phải là một dãy chữ số',
      'Trang "Đảng viên", dòng 6: Telegram ID 123456789 trùng với dòng 2 (DV0001)',
      'Trang "Đảng viên", dòng 7: mã đảng viên "DV0001" trùng với dòng 2',
      'Trang "Đảng viên", dòng 8: thiếu mã đảng viên',
      'Trang "Đảng viên", dòng 9: thiếu họ và tên',
      'Trang "Đảng viên", dòng 10: trạng thái "nghỉ phép" không hợp lệ; dùng: đang sinh hoạt, đã chuyển',
      'Trang "Đảng viên", dòng 11: Telegram ID 900900900 đã gắn với người khác trong cơ sở dữ liệu: Ngô Thị Yến (DV0900)',
    ];
    expect(lines.slice(0, -1)).toEqual(expected);
    expect(lines.at(-1)).toBe('Tệp có 19 lỗi ở 19 dòng; chưa ghi gì vào cơ sở dữ liệu. Sửa các dòng trên rồi nhập lại.');
    expect(r.out).not.toContain('tạo mới');
    expect({ branches: count(branches), members: count(members), audit: count(auditLog) }).toEqual(before);
    expect(cli.open().services.branches.getByCode('CB01')).toBeNull();

    // --dry-run fails the same way.
    const dry = await cli.run('import', file, '--dry-run');
    expect(dry.code).toBe(1);
    expect(dry.err.split('\n')).toHaveLength(expected.length + 1);
  });

  it('reports a missing required column once, with the header row', async () => {
    const file = writeCsvFile(cli.path('m.csv'), ['Họ và tên;Chi bộ;Vai trò', 'Nguyễn Văn A;CB01;Bí thư']);
    const r = await cli.run('import', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Tệp m.csv, dòng 1: thiếu cột bắt buộc "Mã đảng viên"');
  });

  it('refuses files that are not spreadsheets, and missing files', async () => {
    expect((await cli.run('import', cli.path('nope.csv'))).code).toBe(1);
    const txt = writeCsvFile(cli.path('a.txt'), ['x']);
    const r = await cli.run('import', txt);
    expect(r.code).toBe(1);
    expect(r.err).toContain('.xlsx hoặc .csv');
  });
});

describe('re-import', () => {
  it('creates nothing new and reports everything unchanged', async () => {
    await cli.run('import', join(FIXTURES, 'chi-bo.csv'));
    await cli.run('import', join(FIXTURES, 'dang-vien.csv'));
    const before = { branches: count(branches), members: count(members), clusters: count(clusters), audit: count(auditLog) };

    const b = await cli.run('import', join(FIXTURES, 'chi-bo.csv'));
    const m = await cli.run('import', join(FIXTURES, 'dang-vien.csv'));
    expect(b.code).toBe(0);
    expect(b.out).toContain('Tổ chức đảng: tạo mới 0, cập nhật 0, không đổi 5.');
    expect(b.out).not.toContain('Khối thi đua');
    expect(m.out).toContain('Đảng viên: tạo mới 0, cập nhật 0, không đổi 4.');
    expect({ branches: count(branches), members: count(members), clusters: count(clusters), audit: count(auditLog) }).toEqual(before);
  });

  it('renames a branch in place and keeps its history and members', async () => {
    await cli.run('import', join(FIXTURES, 'chi-bo.csv'));
    await cli.run('import', join(FIXTURES, 'dang-vien.csv'));
    const { services } = cli.open();
    const original = services.branches.getByCode('CB01')!;

    const file = writeCsvFile(cli.path('doi-ten.csv'), [
      'Mã chi bộ;Tên chi bộ;Loại',
      'cb01;Chi bộ Ban Tuyên giáo và Dân vận Tỉnh ủy;Chi bộ cơ sở',
    ]);
    const r = await cli.run('import', file);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Tổ chức đảng: tạo mới 0, cập nhật 1, không đổi 0.');
    const { services: s } = cli.open();
    const renamed = s.branches.getByCode('CB01')!;
    expect(renamed.id).toBe(original.id);
    expect(renamed.name).toBe('Chi bộ Ban Tuyên giáo và Dân vận Tỉnh ủy');
    // Columns absent from the file keep their values.
    expect(renamed.shortName).toBe('Ban Tuyên giáo');
    expect(renamed.clusterId).toBe(original.clusterId);
    const history = s.branches.historyOf(original.id);
    expect(history.map((h) => h.event)).toEqual(['created', 'renamed']);
    expect(history[1]).toMatchObject({ oldValue: 'Chi bộ Ban Tuyên giáo Tỉnh ủy', newValue: 'Chi bộ Ban Tuyên giáo và Dân vận Tỉnh ủy' });
    expect(s.members.listByBranch(original.id).map((m) => m.code).sort()).toEqual(['DV0001', 'DV0002']);
    expect(count(branches)).toBe(5);
  });

  it('updates members by code: moves, roles and status', async () => {
    await cli.run('import', join(FIXTURES, 'chi-bo.csv'));
    await cli.run('import', join(FIXTURES, 'dang-vien.csv'));
    const file = writeCsvFile(cli.path('m2.csv'), [
      'Mã đảng viên,Họ và tên,Mã chi bộ,Vai trò,Trạng thái',
      'DV0002,Trần Thị Bình,DB02-01,"Bí thư, Đảng viên",đang sinh hoạt',
      'DV0003,Lê Văn Cường,DB02-01,Đảng viên,đang sinh hoạt',
    ]);
    const r = await cli.run('import', file);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Đảng viên DV0002: cập nhật tổ chức đảng, vai trò');
    expect(r.out).toContain('Đảng viên DV0003: cập nhật trạng thái');
    expect(r.out).toContain('Đảng viên: tạo mới 0, cập nhật 2, không đổi 0.');
    const { services } = cli.open();
    expect(services.members.getByCode('DV0002')).toMatchObject({
      branchId: services.branches.getByCode('DB02-01')!.id,
      roles: ['secretary', 'member'],
    });
    expect(services.members.getByCode('DV0003')!.status).toBe('active');
    // The file has no Telegram column: links stay.
    expect(services.members.getByCode('DV0001')!.telegramUserId).toBe(111111111);
    expect(count(members)).toBe(4);
  });
});

describe('docs/import-format.md', () => {
  it('has examples that import as documented', async () => {
    const doc = readFileSync(join(import.meta.dirname, '../../docs/import-format.md'), 'utf8');
    const blocks = [...doc.matchAll(/```csv\n([\s\S]*?)```/g)].map((m) => m[1]!);
    // The third is the indicator reports' example (tests/cli/indicators.test.ts).
    expect(blocks).toHaveLength(3);
    const b = await cli.run('import', writeCsvFile(cli.path('doc-branches.csv'), blocks[0]!.trim().split('\n')));
    expect(b.err).toBe('');
    expect(b.out).toContain('Tổ chức đảng: tạo mới 4, cập nhật 0, không đổi 0.');
    const m = await cli.run('import', writeCsvFile(cli.path('doc-members.csv'), blocks[1]!.trim().split('\n'), { bom: false }));
    expect(m.err).toBe('');
    expect(m.out).toContain('Đảng viên: tạo mới 4, cập nhật 0, không đổi 0.');
    expect(cli.open().services.members.getByCode('DV0004')!.status).toBe('left');
  });

  it('reports a workbook with no recognisable sheet', async () => {
    const file = cli.path('empty.xlsx');
    await writeWorkbook(file, { 'Ghi chú': [['Không có gì']], 'Trang 2': [] });
    const r = await cli.run('import', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Tệp: không có trang nào chứa danh sách tổ chức đảng hoặc đảng viên');
  });
});
