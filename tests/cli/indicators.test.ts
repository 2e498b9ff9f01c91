import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, indicatorReports } from '../../src/db/schema.js';
import { comparePeriods, periodBounds, type Period } from '../../src/domain/indicators.js';
import { exportIndicatorsXlsx } from '../../src/services/indicator-export.js';
import { makeCli, writeCsvFile, writeWorkbook, type TestCli } from './helpers.js';

let cli: TestCli;
beforeEach(() => {
  cli = makeCli();
});
afterEach(() => cli.cleanup());

/** Two grassroots organisations, a sub-cell and a cell with a name that needs escaping. */
function seedBranches() {
  const { services } = cli.open();
  const actor = cli.ctx.actor;
  services.branches.upsert({ code: 'CB01', name: 'Chi bộ Ban Tuyên giáo Tỉnh ủy', kind: 'cell' }, actor);
  const db02 = services.branches.upsert({ code: 'DB02', name: 'Đảng bộ Sở Tài chính', kind: 'committee' }, actor).branch;
  services.branches.upsert({ code: 'DB02-01', name: 'Chi bộ Phòng Ngân sách', kind: 'subcell', parentId: db02.id }, actor);
  services.branches.upsert({ code: 'CB03', name: 'Chi bộ Công ty TNHH A&B', kind: 'cell' }, actor);
}

const RESOLUTIONS = [
  ['Mã nghị quyết', 'Tên nghị quyết', 'Nhiệm kỳ', 'Hiện hành', 'Đã kết thúc'],
  ['NQ-VIII', 'Nghị quyết Đại hội lần thứ VIII', '2020-2025', 'không', 'có'],
  ['NQ-IX', 'Nghị quyết Đại hội lần thứ IX', '2025 – 2030', 'có', 'không'],
];

const INDICATORS = [
  ['Mã nghị quyết', 'Mã chỉ tiêu', 'Tên chỉ tiêu', 'Trích nghị quyết', 'Đơn vị tính', 'Loại chỉ tiêu', 'Mục tiêu', 'Năm đạt', 'Tử số là', 'Mẫu số là'],
  ['NQ-VIII', 'KN-DV', 'Kết nạp đảng viên mới', 'kết nạp 1.200 quần chúng ưu tú vào Đảng', 'đảng viên', 'số lượng cả nhiệm kỳ', '1.200', null, null, null],
  ['NQ-VIII', 'DG-DV', 'Đảng viên hoàn thành tốt nhiệm vụ trở lên', null, '%', 'tỷ lệ hằng năm', '90%', null, 'Số đảng viên HTT', 'Tổng số đảng viên'],
  ['NQ-VIII', 'LLCT', 'Trưởng, phó phòng có trung cấp LLCT', null, '%', 'tỷ lệ đến năm 2025', 90, null, null, null],
  ['NQ-VIII', 'KHT-TCCS', 'TCCS không hoàn thành nhiệm vụ', null, 'tổ chức', 'upper_bound', 0, null, null, null],
  ['NQ-IX', 'KN-DV', 'Kết nạp đảng viên mới', null, 'đảng viên', 'term_count', 1300, null, null, null],
];

const REPORTS = [
  ['Mã nghị quyết', 'Mã chỉ tiêu', 'Mã chi bộ', 'Kỳ báo cáo', 'Tử số', 'Mẫu số', 'Ghi chú'],
  ['NQ-VIII', 'KN-DV', 'CB01', '2024-Q3', 10, null, null],
  ['NQ-VIII', 'KN-DV', 'CB01', 'Q4/2024', 12, null, null],
  ['NQ-VIII', 'KN-DV', 'DB02', 'Quý 4/2024', 7, null, null],
  ['NQ-VIII', 'DG-DV', 'CB01', '2024-Q4', 45, 50, null],
  ['NQ-VIII', 'DG-DV', 'Đảng bộ Sở Tài chính', '2024-Q4', 30, 31, 'một đồng chí chuyển đến cuối năm'],
  ['NQ-VIII', 'LLCT', 'CB03', '2025-Q1', 8, 9, null],
  ['NQ-VIII', 'KHT-TCCS', 'CB03', '2024-Q4', 0, null, null],
  ['NQ-IX', 'KN-DV', 'CB01', '2025-Q2', 3, null, null],
];

async function writeHappyFile(name = 'chi-tieu.xlsx', reports = REPORTS): Promise<string> {
  const file = cli.path(name);
  await writeWorkbook(file, { 'Nghị quyết': RESOLUTIONS, 'Chỉ tiêu': INDICATORS, 'Số liệu': reports });
  return file;
}

function reportCount(): number {
  return cli.open().db.select({ n: sql<number>`count(*)` }).from(indicatorReports).get()!.n;
}

function auditCount(): number {
  return cli.open().db.select({ n: sql<number>`count(*)` }).from(auditLog).get()!.n;
}

function indicatorOf(resolutionCode: string, code: string) {
  const { services } = cli.open();
  const res = services.indicators.resolutions().find((r) => r.code === resolutionCode)!;
  return services.indicators.indicatorsOf(res.id).find((i) => i.code === code)!;
}

describe('import-indicators', () => {
  it('imports resolutions, indicators and reports from one workbook', async () => {
    seedBranches();
    const r = await cli.run('import-indicators', await writeHappyFile());
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Nghị quyết: tạo mới 2, cập nhật 0, không đổi 0.');
    expect(r.out).toContain('Chỉ tiêu: tạo mới 5, cập nhật 0, không đổi 0.');
    expect(r.out).toContain('Số liệu báo cáo: ghi mới 8, thay thế 0, không đổi 0.');

    const { services } = cli.open();
    const all = services.indicators.resolutions();
    const viii = all.find((x) => x.code === 'NQ-VIII')!;
    const ix = all.find((x) => x.code === 'NQ-IX')!;
    // The closed term took its history and is closed again.
    expect(viii).toMatchObject({ termStartYear: 2020, termEndYear: 2025, current: false, closed: true });
    expect(ix).toMatchObject({ termStartYear: 2025, termEndYear: 2030, current: true, closed: false });
    expect(services.indicators.current()!.code).toBe('NQ-IX');

    expect(indicatorOf('NQ-VIII', 'KN-DV')).toMatchObject({ kind: 'term_count', target: 1200, unit: 'đảng viên', sourceText: 'kết nạp 1.200 quần chúng ưu tú vào Đảng' });
    expect(indicatorOf('NQ-VIII', 'DG-DV')).toMatchObject({ kind: 'yearly_percent', target: 90, numeratorLabel: 'Số đảng viên HTT', denominatorLabel: 'Tổng số đảng viên' });
    expect(indicatorOf('NQ-VIII', 'LLCT')).toMatchObject({ kind: 'percent_by_date', targetYear: 2025 });
    expect(indicatorOf('NQ-VIII', 'KHT-TCCS')).toMatchObject({ kind: 'upper_bound', target: 0 });
    expect(indicatorOf('NQ-IX', 'KN-DV')).toMatchObject({ kind: 'term_count', target: 1300 });
    expect(services.indicators.indicatorsOf(viii.id).map((i) => i.code)).toEqual(['KN-DV', 'DG-DV', 'LLCT', 'KHT-TCCS']);

    const db02 = services.branches.getByCode('DB02')!;
    const kn = indicatorOf('NQ-VIII', 'KN-DV');
    expect(services.indicators.figures(kn.id).sort((a, b) => comparePeriods(a.period, b.period) || a.branchId - b.branchId)).toEqual([
      { branchId: services.branches.getByCode('CB01')!.id, period: '2024-Q3', numerator: 10, denominator: null },
      { branchId: services.branches.getByCode('CB01')!.id, period: '2024-Q4', numerator: 12, denominator: null },
      { branchId: db02.id, period: '2024-Q4', numerator: 7, denominator: null },
    ]);
    const dg = indicatorOf('NQ-VIII', 'DG-DV');
    expect(services.indicators.history(dg.id, db02.id, '2024-Q4')).toEqual([
      expect.objectContaining({ numerator: 30, denominator: 31, note: 'một đồng chí chuyển đến cuối năm', supersededAt: null, reportedByMemberId: null }),
    ]);
    expect(services.indicators.summarise(dg, '2024-Q4').aggregate).toMatchObject({ numerator: 75, denominator: 81, branchesReported: 2 });
  });

  it('re-imports idempotently; a changed figure supersedes the stored one', async () => {
    seedBranches();
    const file = await writeHappyFile();
    expect((await cli.run('import-indicators', file)).code).toBe(0);
    const rows = reportCount();
    const audits = auditCount();

    const again = await cli.run('import-indicators', file);
    expect(again.code).toBe(0);
    expect(again.out).toContain('Nghị quyết: tạo mới 0, cập nhật 0, không đổi 2.');
    expect(again.out).toContain('Chỉ tiêu: tạo mới 0, cập nhật 0, không đổi 5.');
    expect(again.out).toContain('Số liệu báo cáo: ghi mới 0, thay thế 0, không đổi 8.');
    expect(reportCount()).toBe(rows);
    expect(auditCount()).toBe(audits);
    expect(cli.open().services.indicators.resolutions().find((r) => r.code === 'NQ-VIII')!.closed).toBe(true);

    // One figure corrected, one target changed.
    const changed = REPORTS.map((row) => (row[3] === 'Q4/2024' ? [...row.slice(0, 4), 13, null, 'bổ sung 1 đảng viên'] : row));
    const file2 = cli.path('sua.xlsx');
    await writeWorkbook(file2, {
      'Nghị quyết': RESOLUTIONS,
      'Chỉ tiêu': INDICATORS.map((row) => (row[1] === 'DG-DV' ? [...row.slice(0, 6), 92, ...row.slice(7)] : row)),
      'Số liệu': changed,
    });
    const r = await cli.run('import-indicators', file2);
    expect(r.err).toBe('');
    expect(r.out).toContain('Chỉ tiêu NQ-VIII/DG-DV: cập nhật mục tiêu 90 → 92');
    expect(r.out).toContain('Chỉ tiêu: tạo mới 0, cập nhật 1, không đổi 4.');
    expect(r.out).toContain('Số liệu báo cáo: ghi mới 0, thay thế 1, không đổi 7.');
    expect(reportCount()).toBe(rows + 1);
    const { services } = cli.open();
    const history = services.indicators.history(indicatorOf('NQ-VIII', 'KN-DV').id, services.branches.getByCode('CB01')!.id, '2024-Q4');
    expect(history).toHaveLength(2);
    expect(history[0]).toMatchObject({ numerator: 12 });
    expect(history[0]!.supersededAt).not.toBeNull();
    expect(history[1]).toMatchObject({ numerator: 13, note: 'bổ sung 1 đảng viên', supersededAt: null });
  });

  it('a dry run reports what it would write and writes nothing', async () => {
    seedBranches();
    const r = await cli.run('import-indicators', await writeHappyFile(), '--dry-run');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Chạy thử (--dry-run)');
    expect(r.out).toContain('Nghị quyết: sẽ tạo mới 2');
    expect(r.out).toContain('Số liệu báo cáo: sẽ ghi mới 8, sẽ thay thế 0, không đổi 0.');
    expect(cli.open().services.indicators.resolutions()).toHaveLength(0);
    expect(reportCount()).toBe(0);
  });

  it('reports every bad row with its number and reason, and writes nothing', async () => {
    seedBranches();
    const file = cli.path('loi.xlsx');
    await writeWorkbook(file, {
      'Nghị quyết': [...RESOLUTIONS, ['NQ-X', 'Nghị quyết sai', '2030', null, null], ['NQ-XI', 'Nghị quyết thứ hai', '2030-2035', 'có', 'có lẽ']],
      'Chỉ tiêu': [
        ...INDICATORS,
        ['NQ-99', 'A', 'Chỉ tiêu của nghị quyết không có', null, null, 'tỷ lệ hằng năm', 90, null, null, null],
        ['NQ-VIII', 'B', 'Loại sai', null, null, 'trung bình', 90, null, null, null],
        ['NQ-VIII', 'C', 'Tỷ lệ quá 100', null, null, 'tỷ lệ hằng năm', 120, null, null, null],
        ['NQ-VIII', 'D', 'Năm đạt ngoài nhiệm kỳ', null, null, 'tỷ lệ đến năm', 90, 2031, null, null],
      ],
      'Số liệu': [
        REPORTS[0]!,
        ['NQ-VIII', 'KN-DV', 'CB01', '2024-Q3', 10, null, null], // 2: good
        ['NQ-99', 'KN-DV', 'CB01', '2024-Q3', 1, null, null], // 3: unknown resolution
        ['NQ-VIII', 'XX', 'CB01', '2024-Q3', 1, null, null], // 4: unknown indicator
        ['NQ-VIII', 'KN-DV', 'CB99', '2024-Q3', 1, null, null], // 5: unknown branch
        ['NQ-VIII', 'KN-DV', 'DB02', 'Q5/2024', 1, null, null], // 6: bad period
        ['NQ-VIII', 'KN-DV', 'DB02', '2024-Q1', '12a', null, null], // 7: letters
        ['NQ-VIII', 'KN-DV', 'DB02', '2024-Q2', -3, null, null], // 8: negative
        ['NQ-VIII', 'DG-DV', 'CB01', '2024-Q4', 52, 50, null], // 9: numerator above denominator
        ['NQ-VIII', 'KN-DV', 'CB01', '2019-Q4', 1, null, null], // 10: outside the term
        ['NQ-VIII', 'KN-DV', 'DB02-01', '2024-Q3', 1, null, null], // 11: a sub-cell
        ['NQ-VIII', 'DG-DV', 'CB03', '2024-Q4', 40, null, null], // 12: no denominator
        ['NQ-VIII', 'KN-DV', 'CB01', '2024-Q3', 11, null, null], // 13: duplicate of row 2
        ['NQ-VIII', 'DG-DV', 'CB03', '2024-Q3', 40, '12,5', null], // 14: a fraction
        [null, 'KN-DV', 'CB03', '2024-Q3', 1, null, null], // 15: KN-DV is in two resolutions
        ['NQ-VIII', 'DG-DV', 'CB03', '2024-Q2', 1000000000000, 1000000000000, null], // 16: no organisation has so many
        ['NQ-VIII', 'DG-DV', 'CB03', '2024-Q1', 0, 0, null], // 17: a share of nothing
        ['NQ-VIII', 'KN-DV', 'CB03', '2024-Q1', '1.000.000.000.000', null, null], // 18: a count no organisation has
      ],
    });
    const r = await cli.run('import-indicators', file);
    expect(r.code).toBe(1);
    const expected = [
      'Trang "Nghị quyết", dòng 4: nhiệm kỳ "2030" không hợp lệ: ghi năm đầu và năm cuối, ví dụ 2020-2025',
      'Trang "Nghị quyết", dòng 5: cột "Đã kết thúc" phải là "có" hoặc "không" (đang ghi "có lẽ")',
      'Trang "Nghị quyết", dòng 5: chỉ một nghị quyết là hiện hành; dòng 3 đã ghi "có"',
      'Trang "Chỉ tiêu", dòng 7: nghị quyết "NQ-99" không có trong tệp và trong cơ sở dữ liệu',
      'Trang "Chỉ tiêu", dòng 8: loại chỉ tiêu "trung bình" không hợp lệ; dùng một trong: tỷ lệ hằng năm, số lượng cả nhiệm kỳ, số lượng hằng năm, tỷ lệ đến năm, không vượt quá',
      'Trang "Chỉ tiêu", dòng 9: mục tiêu của chỉ tiêu tỷ lệ phải từ 0 đến 100 (đang ghi "120")',
      'Trang "Chỉ tiêu", dòng 10: năm đạt 2031 nằm ngoài nhiệm kỳ 2020–2025',
      'Trang "Số liệu", dòng 3: nghị quyết "NQ-99" không có trong tệp và trong cơ sở dữ liệu',
      'Trang "Số liệu", dòng 4: chỉ tiêu "XX" không có trong nghị quyết "NQ-VIII" (trong tệp và trong cơ sở dữ liệu)',
      'Trang "Số liệu", dòng 5: tổ chức cơ sở đảng "CB99" không có trong cơ sở dữ liệu (nhập danh sách tổ chức trước bằng lệnh import)',
      'Trang "Số liệu", dòng 6: kỳ báo cáo "Q5/2024" không hợp lệ: ghi dạng quý III/2024, Q3/2024 hoặc 2024-Q3',
      'Trang "Số liệu", dòng 7: số liệu "12a" không phải là số: chỉ ghi chữ số, không kèm chữ, ví dụ 45',
      'Trang "Số liệu", dòng 8: số liệu không được âm (đang ghi "-3")',
      'Trang "Số liệu", dòng 9: số đạt (52) lớn hơn tổng số (50)',
      'Trang "Số liệu", dòng 10: quý IV/2019 nằm ngoài nhiệm kỳ 2020–2025 của nghị quyết "NQ-VIII"',
      'Trang "Số liệu", dòng 11: Chi bộ Phòng Ngân sách (DB02-01) là chi bộ trực thuộc: số liệu do đảng bộ cơ sở cấp trên tổng hợp và báo cáo',
      'Trang "Số liệu", dòng 12: chỉ tiêu tỷ lệ cần tổng số (cột "Tổng số"), ví dụ số đạt 45, tổng số 50',
      'Trang "Số liệu", dòng 13: trùng với dòng 2 (cùng chỉ tiêu, tổ chức cơ sở đảng và kỳ báo cáo)',
      'Trang "Số liệu", dòng 14: tổng số phải là số nguyên (đang ghi "12,5")',
      'Trang "Số liệu", dòng 15: mã chỉ tiêu "KN-DV" có trong nhiều nghị quyết (NQ-VIII, NQ-IX); ghi thêm cột "Mã nghị quyết"',
      'Trang "Số liệu", dòng 16: số liệu 1.000.000.000.000 quá lớn: không tổ chức cơ sở đảng nào có quá 100.000; kiểm tra lại số liệu',
      'Trang "Số liệu", dòng 17: tổng số bằng 0: chỉ tiêu tỷ lệ cần tổng số lớn hơn 0, ví dụ số đạt 45, tổng số 50',
      'Trang "Số liệu", dòng 18: số liệu 1.000.000.000.000 quá lớn: không tổ chức cơ sở đảng nào có quá 100.000; kiểm tra lại số liệu',
    ];
    expect(r.err.split('\n')).toEqual([...expected, 'Tệp có 23 lỗi ở 22 dòng; chưa ghi gì vào cơ sở dữ liệu. Sửa các dòng trên rồi nhập lại.']);
    expect(r.out).not.toContain('Đã nhập xong');
    expect(cli.open().services.indicators.resolutions()).toHaveLength(0);
    expect(reportCount()).toBe(0);
    // A dry run refuses them the same way.
    const dry = await cli.run('import-indicators', file, '--dry-run');
    expect(dry.code).toBe(1);
    expect(dry.err).toContain('dòng 16: số liệu 1.000.000.000.000 quá lớn');
    expect(dry.err).toContain('dòng 17: tổng số bằng 0');
    expect(dry.out).not.toContain('sẽ ghi mới');
  });

  it('reports a total of members above the organisation’s listed members as a warning that needs --accept-warnings', async () => {
    seedBranches();
    const { services } = cli.open();
    const cb01 = services.branches.getByCode('CB01')!;
    const db02 = services.branches.getByCode('DB02')!;
    for (const [i, branchId] of [cb01.id, cb01.id, cb01.id, db02.id, services.branches.getByCode('DB02-01')!.id].entries())
      services.members.create({ code: `DV${i}`, fullName: `Đảng viên ${i}`, branchId, roles: ['member'] }, cli.ctx.actor);
    const reports = [
      REPORTS[0]!,
      ['NQ-VIII', 'DG-DV', 'CB01', '2024-Q4', 3, 3, null], // 2: fine
      ['NQ-VIII', 'DG-DV', 'DB02', '2024-Q4', 2, 2, null], // 3: 2 members, one of them in the sub-cell
      ['NQ-VIII', 'DG-DV', 'CB01', '2024-Q3', 45, 50, null], // 4: 50 members where the list has 3
      ['NQ-VIII', 'DG-DV', 'CB03', '2024-Q4', 45, 50, null], // 5: no members listed: nothing to compare with
      ['NQ-VIII', 'KN-DV', 'CB01', '2024-Q4', 12, null, null], // 6: a count: not a total of members
    ];
    const file = await writeHappyFile('canh-bao.xlsx', reports);
    const warning = 'Cảnh báo: Trang "Số liệu", dòng 4: tổng số 50 lớn hơn số đảng viên của Chi bộ Ban Tuyên giáo Tỉnh ủy trong danh sách (3); kiểm tra lại số liệu';

    const dry = await cli.run('import-indicators', file, '--dry-run');
    expect(dry.err).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.out.split('\n').filter((l) => l.startsWith('Cảnh báo'))).toEqual([warning]);
    expect(dry.out).toContain('Số liệu báo cáo: sẽ ghi mới 5');
    expect(dry.out).toContain('Có 1 cảnh báo: để ghi, chạy lại không có --dry-run và thêm --accept-warnings.');

    const refused = await cli.run('import-indicators', file);
    expect(refused.code).toBe(1);
    expect(refused.err.split('\n')).toEqual([
      warning,
      'Tệp có 1 cảnh báo; chưa ghi gì vào cơ sở dữ liệu. Kiểm tra lại các số liệu trên; nếu đúng, chạy lại với --accept-warnings.',
    ]);
    expect(cli.open().services.indicators.resolutions()).toHaveLength(0);
    expect(reportCount()).toBe(0);

    const accepted = await cli.run('import-indicators', file, '--accept-warnings');
    expect(accepted.err).toBe('');
    expect(accepted.code).toBe(0);
    expect(accepted.out).toContain(warning);
    expect(accepted.out).toContain('Số liệu báo cáo: ghi mới 5');
    expect(accepted.out).toContain('Đã nhập xong (kèm 1 cảnh báo đã chấp nhận).');
    expect(reportCount()).toBe(5);
  });

  it('refuses a cumulative count that goes down without a note, and takes it with one', async () => {
    seedBranches();
    const down = [...REPORTS, ['NQ-VIII', 'KN-DV', 'CB01', '2025-Q1', 9, null, null]];
    const r = await cli.run('import-indicators', await writeHappyFile('giam.xlsx', down));
    expect(r.code).toBe(1);
    expect(r.err.split('\n')).toEqual([
      'Trang "Số liệu", dòng 10: số lũy kế 9 thấp hơn lần báo cáo trước (quý IV/2024: 12); ghi lý do vào cột "Ghi chú"',
      'Tệp có 1 lỗi ở 1 dòng; chưa ghi gì vào cơ sở dữ liệu. Sửa các dòng trên rồi nhập lại.',
    ]);
    // The resolutions and indicators of the same file were rolled back too.
    expect(cli.open().services.indicators.resolutions()).toHaveLength(0);

    const explained = [...REPORTS, ['NQ-VIII', 'KN-DV', 'CB01', '2025-Q1', 9, null, 'chuyển 3 đảng viên sang Đảng bộ khác']];
    const ok = await cli.run('import-indicators', await writeHappyFile('giam-co-ghi-chu.xlsx', explained));
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('Số liệu báo cáo: ghi mới 9');
  });

  it('reads a report CSV with semicolons and finds an indicator by a code only one resolution has', async () => {
    seedBranches();
    expect((await cli.run('import-indicators', await writeHappyFile('dinh-nghia.xlsx', [REPORTS[0]!]))).code).toBe(0);
    const file = writeCsvFile(cli.path('so-lieu.csv'), [
      'Mã chỉ tiêu;Mã chi bộ;Kỳ;Tử số;Mẫu số;Ghi chú',
      'DG-DV;cb01;Quý III/2024;44;50;',
      'LLCT;CB03;2025 Q1;7;9;"Đồng chí A; đang học"',
    ]);
    const r = await cli.run('import-indicators', file);
    expect(r.err).toBe('');
    expect(r.out).toContain('Đã đọc so-lieu.csv — 2 số liệu.');
    expect(r.out).toContain('Số liệu báo cáo: ghi mới 2');
    const { services } = cli.open();
    expect(services.indicators.history(indicatorOf('NQ-VIII', 'LLCT').id, services.branches.getByCode('CB03')!.id, '2025-Q1')[0]).toMatchObject({
      numerator: 7,
      denominator: 9,
      note: 'Đồng chí A; đang học',
    });

    const ambiguous = writeCsvFile(cli.path('mo-ho.csv'), ['Mã chỉ tiêu,Mã chi bộ,Kỳ báo cáo,Tử số', 'KN-DV,CB01,2025-Q2,4']);
    const bad = await cli.run('import-indicators', ambiguous);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('Tệp mo-ho.csv, dòng 2: mã chỉ tiêu "KN-DV" có trong nhiều nghị quyết');
  });

  it('imports the example of docs/import-format.md as documented', async () => {
    const { services } = cli.open();
    services.branches.upsert({ code: 'CB01', name: 'Chi bộ Ban Tuyên giáo Tỉnh ủy', kind: 'cell' }, cli.ctx.actor);
    services.branches.upsert({ code: 'DB04', name: 'Đảng bộ Văn phòng Tỉnh ủy', kind: 'committee' }, cli.ctx.actor);
    const definitions = cli.path('nq-ix.xlsx');
    await writeWorkbook(definitions, {
      'Nghị quyết': [RESOLUTIONS[0]!, ['NQ-DH-IX', 'Nghị quyết Đại hội lần thứ IX', '2025-2030', 'có', 'không']],
      'Chỉ tiêu': [INDICATORS[0]!, ...INDICATORS.slice(1, 3).map((row) => ['NQ-DH-IX', ...row.slice(1)])],
    });
    expect((await cli.run('import-indicators', definitions)).code).toBe(0);

    const doc = readFileSync(join(import.meta.dirname, '../../docs/import-format.md'), 'utf8');
    const block = [...doc.matchAll(/```csv\n([\s\S]*?)```/g)].map((m) => m[1]!)[2]!;
    const r = await cli.run('import-indicators', writeCsvFile(cli.path('so-lieu.csv'), block.trim().split('\n')));
    expect(r.err).toBe('');
    expect(r.out).toContain('Số liệu báo cáo: ghi mới 3, thay thế 0, không đổi 0.');
  });

  it('explains a file with nothing it knows', async () => {
    const file = writeCsvFile(cli.path('x.csv'), ['Họ và tên,Ngày sinh', 'Nguyễn Văn An,01/01/1980']);
    const r = await cli.run('import-indicators', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain('không tìm thấy dòng tiêu đề cột');
  });
});

describe('export-indicators', () => {
  async function readBack(path: string): Promise<ExcelJS.Workbook> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    return workbook;
  }

  it('writes a summary and every current figure, and the figures import back unchanged', async () => {
    seedBranches();
    expect((await cli.run('import-indicators', await writeHappyFile())).code).toBe(0);
    const file = cli.path('xuat/chi-tieu-2020-2025.xlsx');
    const r = await cli.run('export-indicators', file, '--term', '2020-2025');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    // A closed term is shown at its last reported quarter, as /chitieu shows it.
    expect(r.out).toContain('Đã xuất 4 chỉ tiêu và 7 số liệu của Nghị quyết Đại hội lần thứ VIII (nhiệm kỳ 2020–2025, đánh giá đến quý I/2025)');

    const workbook = await readBack(file);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Số liệu']);
    const summary = workbook.getWorksheet('Tổng hợp')!;
    expect(summary.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(summary.getRow(2).getCell(1).value).toBe(
      'Nhiệm kỳ 2020–2025 · đã kết thúc · số liệu toàn Khối đến quý I/2025 · 0/3 tổ chức cơ sở đảng đã báo cáo đủ quý I/2025',
    );
    expect(summary.getRow(3).values).toEqual([
      undefined,
      'STT',
      'Mã chỉ tiêu',
      'Tên chỉ tiêu',
      'Loại',
      'Mục tiêu',
      'Đơn vị tính',
      'Số liệu toàn Khối',
      'Số đạt',
      'Tổng số',
      'Tổ chức cơ sở đảng đã báo cáo quý I/2025',
      'Đánh giá',
    ]);
    const kn = summary.getRow(4);
    expect([kn.getCell(2).value, kn.getCell(4).value, kn.getCell(5).value, kn.getCell(6).value, kn.getCell(7).value]).toEqual([
      'KN-DV',
      'số lượng cả nhiệm kỳ',
      1200,
      'đảng viên',
      19,
    ]);
    // Nobody reported admissions for that quarter; the closed term's 19 of 1,200 is final.
    expect(kn.getCell(10).value).toBe('0/3');
    expect(kn.getCell(11).value).toBe('Không đạt');
    // A yearly rating is reported in the year's last quarter: not 0/3 in the first.
    expect(summary.getRow(5).getCell(10).value).toBe('báo cáo vào quý IV');
    const llct = summary.getRow(6);
    expect(llct.getCell(4).value).toBe('tỷ lệ đến năm 2025');
    expect(llct.getCell(7).value).toBeCloseTo(8 / 9);

    const data = workbook.getWorksheet('Số liệu')!;
    expect(data.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(data.getRow(1).values).toEqual([
      undefined,
      'Mã nghị quyết',
      'Mã chỉ tiêu',
      'Tên chỉ tiêu',
      'Mã tổ chức cơ sở đảng',
      'Tên tổ chức cơ sở đảng',
      'Kỳ báo cáo',
      'Số đạt',
      'Tổng số',
      'Giá trị',
      'Ghi chú',
      'Thời điểm báo cáo',
      'Người báo cáo',
    ]);
    expect(data.rowCount).toBe(8);
    const dg = data.getRow(6);
    expect(dg.values).toEqual([
      undefined,
      'NQ-VIII',
      'DG-DV',
      'Đảng viên hoàn thành tốt nhiệm vụ trở lên',
      'DB02',
      'Đảng bộ Sở Tài chính',
      'quý IV/2024',
      30,
      31,
      30 / 31,
      'một đồng chí chuyển đến cuối năm',
      '30/06/2025 10h00',
    ]);
    // Imported figures have no reporter: the cell is empty.
    expect(dg.getCell(12).value).toBeNull();
    for (let i = 1; i <= 12; i++) expect(data.getColumn(i).width ?? 9).toBeGreaterThanOrEqual(9);

    // The "Số liệu" sheet goes back in with nothing to change.
    const again = await cli.run('import-indicators', file);
    expect(again.err).toBe('');
    expect(again.out).toContain('Lưu ý: Bỏ qua trang "Tổng hợp"');
    expect(again.out).toContain('Số liệu báo cáo: ghi mới 0, thay thế 0, không đổi 7.');
  });

  it('exports the current resolution by default; the bare indicator service gives a workbook too', async () => {
    seedBranches();
    expect((await cli.run('import-indicators', await writeHappyFile())).code).toBe(0);
    const r = await cli.run('export-indicators', cli.path('hien-hanh.xlsx'));
    expect(r.out).toContain('Đã xuất 1 chỉ tiêu và 1 số liệu của Nghị quyết Đại hội lần thứ IX');
    const byCode = await cli.run('export-indicators', cli.path('viii.xlsx'), '--term', 'nq-viii');
    expect(byCode.out).toContain('lần thứ VIII');

    const buffer = await exportIndicatorsXlsx(cli.open().services.indicators);
    expect(buffer.subarray(0, 2).toString()).toBe('PK');
    const workbook = new ExcelJS.Workbook();
    // exceljs types its input as an ArrayBuffer.
    await workbook.xlsx.load(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer);
    expect(workbook.getWorksheet('Số liệu')!.getRow(2).getCell(5).value).toBe('Chi bộ Ban Tuyên giáo Tỉnh ủy');
  });

  it('says what is wrong with the term or the file', async () => {
    const none = await cli.run('export-indicators', cli.path('a.xlsx'));
    expect(none.code).toBe(1);
    expect(none.err).toContain('Chưa có nghị quyết nào');
    seedBranches();
    await cli.run('import-indicators', await writeHappyFile());
    const missing = await cli.run('export-indicators', cli.path('a.xlsx'), '--term', '2015-2020');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('Không có nghị quyết nhiệm kỳ 2015–2020. Các nghị quyết: NQ-IX (2025–2030), NQ-VIII (2020–2025)');
    const csv = await cli.run('export-indicators', cli.path('a.csv'));
    expect(csv.code).toBe(2);
  });
});

describe('demo indicators', () => {
  it('creates the closed 2020–2025 term and the current 2025–2030 term with quarterly reports', async () => {
    // 10h on 20/05/2026: 2026-Q2 is under way.
    cli.clock.set('2026-05-20T03:00:00Z');
    const r = await cli.run('demo');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('2 nghị quyết: NQ-DH-VIII (2020–2025, đã kết thúc) và NQ-DH-IX (2025–2030, hiện hành)');
    expect(r.out).toContain('(quý II/2026 còn một số tổ chức chưa báo cáo)');

    const { services, db } = cli.open();
    const ind = services.indicators;
    const [ix, viii] = ind.resolutions();
    expect(viii).toMatchObject({ code: 'NQ-DH-VIII', termStartYear: 2020, termEndYear: 2025, closed: true, current: false });
    expect(ix).toMatchObject({ code: 'NQ-DH-IX', termStartYear: 2025, termEndYear: 2030, closed: false, current: true });
    const codes = ind.indicatorsOf(viii!.id).map((i) => i.code);
    expect(codes).toEqual(expect.arrayContaining(['KN-DV', 'LLCT', 'DG-DV', 'DG-TCCS', 'KHT-TCCS', 'TCCS-MOI', 'VH', 'CD-DTN', 'QT-NQ']));
    expect(ind.indicatorsOf(ix!.id).map((i) => i.code)).toEqual(codes);
    expect(ind.indicatorsOf(viii!.id).find((i) => i.code === 'KN-DV')).toMatchObject({ kind: 'term_count', target: 1200 });
    expect(ind.indicatorsOf(ix!.id).find((i) => i.code === 'KN-DV')).toMatchObject({ kind: 'term_count', target: 1300 });
    expect(ind.indicatorsOf(viii!.id).find((i) => i.code === 'KN-DV')!.sourceText).toContain('kết nạp 1.200 quần chúng ưu tú vào Đảng');

    const reporting = ind.reportingBranches();
    expect(reporting).toHaveLength(14);
    for (const res of [viii!, ix!]) {
      for (const indicator of ind.indicatorsOf(res.id)) {
        const figures = ind.figures(indicator.id);
        expect(figures.length).toBeGreaterThan(0);
        for (const f of figures) {
          const { year } = periodBounds(f.period);
          expect(year).toBeGreaterThanOrEqual(res.termStartYear);
          expect(year).toBeLessThanOrEqual(res.termEndYear);
          if (f.denominator !== null) expect(f.numerator).toBeLessThanOrEqual(f.denominator);
        }
        // Cumulative counts never go down, branch by branch.
        if (indicator.kind === 'term_count') {
          for (const b of reporting) {
            const series = figures.filter((f) => f.branchId === b.id).sort((x, y) => comparePeriods(x.period, y.period));
            series.forEach((f, i) => {
              if (i > 0) expect(f.numerator).toBeGreaterThanOrEqual(series[i - 1]!.numerator);
            });
          }
        }
      }
    }

    // Reports per period: every branch for a finished quarter, some in the quarter under way.
    const branchesIn = (resolutionId: number, period: Period) =>
      new Set(
        ind
          .indicatorsOf(resolutionId)
          .flatMap((i) => ind.figures(i.id))
          .filter((f) => f.period === period)
          .map((f) => f.branchId),
      ).size;
    expect(branchesIn(viii!.id, '2020-Q2')).toBe(0);
    expect(branchesIn(viii!.id, '2020-Q3')).toBe(14);
    expect(branchesIn(viii!.id, '2025-Q3')).toBe(14);
    expect(branchesIn(viii!.id, '2025-Q4')).toBe(0);
    expect(branchesIn(ix!.id, '2025-Q4')).toBe(14);
    expect(branchesIn(ix!.id, '2026-Q1')).toBe(14);
    const underWay = branchesIn(ix!.id, '2026-Q2');
    expect(underWay).toBeGreaterThan(0);
    expect(underWay).toBeLessThan(14);
    expect(branchesIn(ix!.id, '2026-Q3')).toBe(0);
    // Every report is dated before now, and none is a correction.
    const late = db
      .select({ n: sql<number>`count(*)` })
      .from(indicatorReports)
      .where(sql`${indicatorReports.reportedAt} > ${cli.clock.now().getTime()}`)
      .get()!.n;
    expect(late).toBe(0);
    expect(db.select({ n: sql<number>`count(*)` }).from(indicatorReports).where(sql`${indicatorReports.supersededAt} is not null`).get()!.n).toBe(0);

    // Near the targets: the old term reached some and missed others.
    const statuses = ind.indicatorsOf(viii!.id).map((i) => ind.summarise(i, '2025-Q4').assessment.status);
    expect(statuses).toContain('reached');
    expect(statuses).toContain('missed');
    const admissions = ind.summarise(ind.indicatorsOf(viii!.id).find((i) => i.code === 'KN-DV')!, '2025-Q4');
    expect(admissions.aggregate.value).toBeGreaterThan(1000);
    expect(ind.overview()!.resolution.code).toBe('NQ-DH-IX');
    const kn = ind.indicatorsOf(ix!.id).find((i) => i.code === 'KN-DV')!;
    expect(db.select().from(indicatorReports).where(eq(indicatorReports.indicatorId, kn.id)).all().every((r) => r.reportedByMemberId !== null)).toBe(true);
  });

  it('is the same with the same seed, whatever the clock', async () => {
    cli.clock.set('2026-05-20T03:00:00Z');
    await cli.run('demo');
    const other = makeCli();
    try {
      other.clock.set('2026-11-23T03:00:00Z');
      await other.run('demo');
      const figures = (t: TestCli, code: string) => {
        const ind = t.open().services.indicators;
        const res = ind.resolutions().find((r) => r.code === code)!;
        return ind
          .indicatorsOf(res.id)
          .flatMap((i) => ind.figures(i.id).map((f) => `${i.code} ${f.branchId} ${f.period} ${f.numerator}/${f.denominator}`))
          .sort();
      };
      expect(figures(other, 'NQ-DH-VIII')).toEqual(figures(cli, 'NQ-DH-VIII'));
      const earlier = new Set(figures(cli, 'NQ-DH-IX').filter((f) => !f.includes('2026-Q2')));
      expect(figures(other, 'NQ-DH-IX').filter((f) => earlier.has(f))).toHaveLength(earlier.size);
    } finally {
      other.cleanup();
    }
  }, 60_000); // two demo blocs, each a few seconds on a busy machine
});
