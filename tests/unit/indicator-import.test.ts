/**
 * The indicator import's validation (planIndicatorImport), sheet by sheet and rule by rule: what is
 * planned, and every refusal with its row and its words, as the office reads them in the CLI.
 */
import { describe, expect, it } from 'vitest';
import { type IndicatorExistingState, type IndicatorImportPlan, planIndicatorImport } from '../../src/domain/indicator-import.js';
import type { Sheet } from '../../src/domain/import-rows.js';

const sheet = (name: string, rows: string[][]): Sheet => ({ name, label: `trang "${name}"`, rows: rows.map((cells, i) => ({ rowNumber: i + 1, cells })) });

const EXISTING: IndicatorExistingState = {
  resolutions: [{ code: 'NQ-2020', name: 'Nghị quyết nhiệm kỳ trước', termStartYear: 2020, termEndYear: 2025, current: false, closed: true }],
  indicators: [
    { resolutionCode: 'NQ-2020', code: 'KN-DV', kind: 'term_count', denominatorLabel: '', reportCount: 3 },
    { resolutionCode: 'NQ-2020', code: 'TL-HT', kind: 'yearly_percent', denominatorLabel: 'Tổng số đảng viên', reportCount: 0 },
  ],
  branches: [
    { id: 1, code: 'CB01', name: 'Chi bộ Công ty Một', shortName: 'Công ty Một', kind: 'cell', members: 20 },
    { id: 2, code: 'DB02', name: 'Đảng bộ Sở Hai', shortName: null, kind: 'committee', members: 0 },
    { id: 3, code: 'DB02-01', name: 'Chi bộ Phòng A', shortName: null, kind: 'subcell', members: 5 },
    { id: 4, code: 'CB04', name: 'Chi bộ Trùng Tên', shortName: null, kind: 'cell', members: 9 },
    { id: 5, code: 'CB05', name: 'Chi bộ Trùng Tên', shortName: null, kind: 'cell', members: 9 },
  ],
};

const RES = ['Mã nghị quyết', 'Tên nghị quyết', 'Nhiệm kỳ', 'Hiện hành', 'Đã kết thúc'];
const IND = ['Mã nghị quyết', 'Mã chỉ tiêu', 'Tên chỉ tiêu', 'Loại chỉ tiêu', 'Mục tiêu', 'Năm đạt', 'Tổng số là', 'Thứ tự'];
const REP = ['Mã nghị quyết', 'Mã chỉ tiêu', 'Mã tổ chức cơ sở đảng', 'Kỳ báo cáo', 'Số đạt', 'Tổng số', 'Ghi chú'];

const plan = (...sheets: Sheet[]) => planIndicatorImport(sheets, EXISTING);
/** Problems as "row: message" (the sheet named only when it is not the first). */
const problems = (p: IndicatorImportPlan) => p.problems.map((x) => `${x.rowNumber}: ${x.message}`);
const reports = (...rows: string[][]) => plan(sheet('Số liệu', [REP, ...rows]));
const indicators = (...rows: string[][]) => plan(sheet('Chỉ tiêu', [IND, ...rows]));
const resolutions = (...rows: string[][]) => plan(sheet('Nghị quyết', [RES, ...rows]));

describe('indicator import: sheets', () => {
  it('the export\'s summary sheet alone is refused; beside other sheets it is skipped with a note', () => {
    expect(plan(sheet('Tổng hợp', [['Chỉ tiêu', 'Giá trị']])).problems).toEqual([
      { label: 'trang "Tổng hợp"', rowNumber: null, message: 'trang chỉ để xem, không nhập' },
    ]);
    const both = plan(sheet('tong hop.xlsx', [['x']]), sheet('Nghị quyết', [RES, ['NQ-2025', 'Nghị quyết mới', '2025-2030', '', '']]));
    expect(both.notes).toEqual(['Bỏ qua trang "tong hop.xlsx": trang chỉ để xem, không nhập']);
    expect(both.problems).toEqual([]);
    expect(both.resolutions).toHaveLength(1);
  });

  it('a file without any readable sheet says so once', () => {
    const p = plan(sheet('Một', [['x', 'y']]), sheet('Hai', [['a']]));
    expect(p.problems).toEqual([{ label: 'tệp', rowNumber: null, message: 'không có trang nào chứa nghị quyết, chỉ tiêu hoặc số liệu báo cáo' }]);
    expect(p.notes).toHaveLength(2);
    // A lone unreadable sheet is its own problem, not the file's.
    expect(plan(sheet('Một', [['x', 'y']])).problems.map((x) => x.label)).toEqual(['trang "Một"']);
  });

  it('the columns an export adds for reading are passed over quietly on a reports sheet only', () => {
    const withInfo = plan(sheet('Số liệu', [[...REP, 'Tên chỉ tiêu', 'Giá trị', 'Cột lạ'], ['NQ-2020', 'KN-DV', 'CB01', 'Q1/2021', '5', '', '', 'Kết nạp', '5']]));
    expect(withInfo.notes).toEqual(['Trang "Số liệu": bỏ qua cột không nhận ra: "Cột lạ"']);
    expect(withInfo.reports).toHaveLength(1);
    const onIndicators = plan(sheet('Chỉ tiêu', [[...IND, 'Giá trị'], ['NQ-2020', 'X1', 'Một', 'số lượng hằng năm', '5', '', '', '']]));
    expect(onIndicators.notes).toEqual(['Trang "Chỉ tiêu": bỏ qua cột không nhận ra: "Giá trị"']);
  });

  it('problems and warnings come in the order of the sheets, then of the rows', () => {
    const p = plan(
      sheet('Số liệu', [REP, ['NQ-2020', 'TL-HT', 'CB01', 'Q4/2021', '21', '30', ''], ['NQ-2020', 'TL-HT', 'CB01', 'Q4/2022', '22', '25', ''], ['', '', '', '', '', '', '']]),
      sheet('Chỉ tiêu', [IND, ['NQ-2020', '', 'Không mã', 'số lượng hằng năm', '1', '', '', ''], ['NQ-2020', 'X2', '', 'số lượng hằng năm', '1', '', '', '']]),
    );
    expect(p.problems.map((x) => [x.label, x.rowNumber])).toEqual([
      ['trang "Chỉ tiêu"', 2],
      ['trang "Chỉ tiêu"', 3],
    ]);
    const reversed = plan(
      sheet('Chỉ tiêu', [IND, ['NQ-2020', 'X2', '', 'số lượng hằng năm', '1', '', '', ''], ['NQ-2020', '', 'Không mã', 'số lượng hằng năm', '1', '', '', '']]),
      sheet('Số liệu', [REP, ['NQ-2020', 'TL-HT', 'CB01', 'Q4/2022', '22', '25', ''], ['NQ-2020', 'TL-HT', 'CB01', 'Q4/2021', '21', '30', '']]),
    );
    expect(reversed.problems.map((x) => x.rowNumber)).toEqual([2, 3]);
    expect(reversed.warnings.map((x) => x.rowNumber)).toEqual([2, 3]);
    // Problems of a later sheet but an earlier row still come after.
    const mixed = plan(
      sheet('Nghị quyết', [RES, ['NQ-A', 'A', '2025-2030', '', ''], ['NQ-B', '', '2025-2030', '', '']]),
      sheet('Chỉ tiêu', [IND, ['', 'X', 'Y', 'số lượng hằng năm', '1', '', '', '']]),
    );
    expect(mixed.problems.map((x) => `${x.label} ${x.rowNumber}`)).toEqual(['trang "Nghị quyết" 3', 'trang "Chỉ tiêu" 2']);
  });
});

describe('indicator import: resolutions', () => {
  it('a full row is planned as written; yes and no in words', () => {
    const p = resolutions(['NQ-2025', 'Nghị quyết Đại hội XIII', 'nhiệm kỳ 2025 – 2030', 'có', 'không']);
    expect(p.problems).toEqual([]);
    expect(p.resolutions).toEqual([
      { label: 'trang "Nghị quyết"', rowNumber: 2, code: 'NQ-2025', name: 'Nghị quyết Đại hội XIII', termStartYear: 2025, termEndYear: 2030, current: true, closed: false },
    ]);
    expect(p.sheets).toEqual([{ label: 'trang "Nghị quyết"', kind: 'resolutions', rows: 1 }]);
  });

  it('without the optional columns, or with them empty, nothing is said about them', () => {
    const bare = plan(sheet('Nghị quyết', [['Mã nghị quyết', 'Tên nghị quyết', 'Nhiệm kỳ'], ['NQ-2025', 'Mới', '2025-2030']]));
    expect(bare.resolutions[0]).toMatchObject({ current: undefined, closed: undefined });
    expect(resolutions(['NQ-2025', 'Mới', '2025-2030', '', '']).resolutions[0]).toMatchObject({ current: undefined, closed: undefined });
  });

  it('names what is missing or wrong on each row', () => {
    const p = resolutions(['', '', '', 'có lẽ', ''], ['NQ-X', 'Tên', '2030-2025', '', 'hình như']);
    expect(problems(p)).toEqual([
      '2: thiếu mã nghị quyết',
      '2: thiếu tên nghị quyết',
      '2: thiếu nhiệm kỳ',
      '2: cột "Hiện hành" phải là "có" hoặc "không" (đang ghi "có lẽ")',
      '3: nhiệm kỳ "2030-2025" không hợp lệ: ghi năm đầu và năm cuối, ví dụ 2020-2025',
      '3: cột "Đã kết thúc" phải là "có" hoặc "không" (đang ghi "hình như")',
    ]);
    expect(p.resolutions).toEqual([]);
  });

  it('a code twice (whatever its case) and two current resolutions are refused, pointing at the first', () => {
    const p = resolutions(['NQ-2025', 'Một', '2025-2030', 'có', ''], ['nq-2025', 'Hai', '2025-2030', '', ''], ['NQ-B', 'Ba', '2025-2030', 'có', '']);
    expect(problems(p)).toEqual(['3: mã nghị quyết "nq-2025" trùng với dòng 2', '4: chỉ một nghị quyết là hiện hành; dòng 2 đã ghi "có"']);
    expect(p.resolutions.map((r) => r.code)).toEqual(['NQ-2025']);
  });

  it('a duplicate on another sheet names that sheet', () => {
    const p = plan(sheet('Nghị quyết', [RES, ['NQ-2025', 'Một', '2025-2030', '', '']]), sheet('Nghị quyết 2', [RES, ['NQ-2025', 'Hai', '2025-2030', '', '']]));
    expect(problems(p)).toEqual(['2: mã nghị quyết "NQ-2025" trùng với trang "Nghị quyết", dòng 2']);
  });

  it('a resolution already stored keeps its code as stored', () => {
    expect(resolutions(['nq-2020', 'Đổi tên', '2020-2025', '', 'có']).resolutions[0]).toMatchObject({ code: 'NQ-2020', name: 'Đổi tên', closed: true });
  });
});

describe('indicator import: indicators', () => {
  it('a full row is planned with the stored spelling of its resolution', () => {
    const p = plan(
      sheet('Chỉ tiêu', [
        [...IND, 'Mô tả', 'Trích nghị quyết', 'Đơn vị tính', 'Số đạt là'],
        ['nq-2020', 'TL-MOI', 'Tỷ lệ mới', 'tỷ lệ hằng năm', '90%', '', 'Tổng số đảng viên', '3', 'Giải thích', 'Nguyên văn', '%', 'Số đảng viên đạt'],
      ]),
    );
    expect(p.problems).toEqual([]);
    expect(p.indicators).toEqual([
      {
        label: 'trang "Chỉ tiêu"',
        rowNumber: 2,
        resolutionCode: 'NQ-2020',
        code: 'TL-MOI',
        title: 'Tỷ lệ mới',
        description: 'Giải thích',
        sourceText: 'Nguyên văn',
        unit: '%',
        kind: 'yearly_percent',
        target: 90,
        targetYear: null,
        numeratorLabel: 'Số đảng viên đạt',
        denominatorLabel: 'Tổng số đảng viên',
        sort: 3,
      },
    ]);
  });

  it('absent columns stay undefined (the database keeps its values)', () => {
    const p = plan(sheet('Chỉ tiêu', [['Mã nghị quyết', 'Mã chỉ tiêu', 'Tên chỉ tiêu', 'Loại chỉ tiêu', 'Mục tiêu'], ['NQ-2020', 'kn-dv', 'Kết nạp', 'số lượng cả nhiệm kỳ', '1.200']]));
    expect(p.indicators[0]).toMatchObject({ code: 'KN-DV', target: 1200, targetYear: undefined, sort: undefined, description: undefined, denominatorLabel: undefined });
  });

  it('a resolution of the same file is known to its indicators', () => {
    const p = plan(sheet('Nghị quyết', [RES, ['NQ-2025', 'Mới', '2025-2030', '', '']]), sheet('Chỉ tiêu', [IND, ['NQ-2025', 'A1', 'Một', 'không vượt quá', '0', '', '', '']]));
    expect(p.problems).toEqual([]);
    expect(p.indicators[0]).toMatchObject({ resolutionCode: 'NQ-2025', kind: 'upper_bound', target: 0 });
  });

  it('names what is missing or wrong on each row', () => {
    const p = indicators(
      // Nothing in the known columns (a stray note beyond them keeps the row).
      ['', '', '', '', '', '', '', '', 'ghi chép'],
      ['NQ-KHONG', 'A', 'B', 'loại lạ', 'mười', 'năm sau', '', 'đầu'],
      ['NQ-2020', 'A', 'B', 'tỷ lệ hằng năm', '101', '', '', ''],
    );
    expect(problems(p)).toEqual([
      '2: thiếu mã nghị quyết',
      '2: thiếu mã chỉ tiêu',
      '2: thiếu tên chỉ tiêu',
      '2: thiếu loại chỉ tiêu',
      '2: thiếu mục tiêu',
      '3: nghị quyết "NQ-KHONG" không có trong tệp và trong cơ sở dữ liệu',
      '3: loại chỉ tiêu "loại lạ" không hợp lệ; dùng một trong: tỷ lệ hằng năm, số lượng cả nhiệm kỳ, số lượng hằng năm, tỷ lệ đến năm, không vượt quá',
      '3: mục tiêu "mười" không phải là số: chỉ ghi chữ số, không kèm chữ, ví dụ 45',
      '3: năm đạt "năm sau" không hợp lệ: ghi năm, ví dụ 2025',
      '3: thứ tự "đầu" không phải là số: chỉ ghi chữ số, không kèm chữ, ví dụ 45',
      '4: mục tiêu của chỉ tiêu tỷ lệ phải từ 0 đến 100 (đang ghi "101")',
    ]);
    expect(p.indicators).toEqual([]);
  });

  it('a kind that only an object\'s inherited property would know ("constructor") is refused, not taken for a kind', () => {
    const p = indicators(['NQ-2020', 'A', 'B', 'constructor', '1', '', '', '']);
    expect(problems(p)).toEqual([
      '2: loại chỉ tiêu "constructor" không hợp lệ; dùng một trong: tỷ lệ hằng năm, số lượng cả nhiệm kỳ, số lượng hằng năm, tỷ lệ đến năm, không vượt quá',
    ]);
    expect(p.indicators).toEqual([]);
  });

  it('a percentage may aim at 100; a count at more', () => {
    const p = indicators(['NQ-2020', 'A', 'B', 'tỷ lệ hằng năm', '100', '', '', ''], ['NQ-2020', 'C', 'D', 'số lượng hằng năm', '150', '', '', '']);
    expect(p.problems).toEqual([]);
    expect(p.indicators.map((i) => i.target)).toEqual([100, 150]);
  });

  it('the target year must fall within the term, its ends included; the kind may carry it', () => {
    const ok = indicators(
      ['NQ-2020', 'A', 'B', 'tỷ lệ đến năm', '90', '2020', '', ''],
      ['NQ-2020', 'C', 'D', 'tỷ lệ đến năm', '90', '2025', '', ''],
      ['NQ-2020', 'E', 'F', 'tỷ lệ đến năm 2024', '90', '', '', ''],
      ['NQ-2020', 'G', 'H', 'tỷ lệ đến năm 2023', '90', '2023', '', ''],
    );
    expect(ok.problems).toEqual([]);
    expect(ok.indicators.map((i) => i.targetYear)).toEqual([2020, 2025, 2024, 2023]);
    const bad = indicators(
      ['NQ-2020', 'A', 'B', 'tỷ lệ đến năm', '90', '2019', '', ''],
      ['NQ-2020', 'C', 'D', 'tỷ lệ đến năm', '90', '2026', '', ''],
      ['NQ-2020', 'E', 'F', 'tỷ lệ đến năm 2024', '90', '2023', '', ''],
      ['NQ-2020', 'G', 'H', 'tỷ lệ đến năm', '90', '20255', '', ''],
      ['NQ-2020', 'I', 'J', 'tỷ lệ đến năm', '90', 'x2025', '', ''],
    );
    expect(problems(bad)).toEqual([
      '2: năm đạt 2019 nằm ngoài nhiệm kỳ 2020–2025',
      '3: năm đạt 2026 nằm ngoài nhiệm kỳ 2020–2025',
      '4: loại chỉ tiêu ghi năm 2024 nhưng cột "Năm đạt" ghi 2023',
      '5: năm đạt "20255" không hợp lệ: ghi năm, ví dụ 2025',
      '6: năm đạt "x2025" không hợp lệ: ghi năm, ví dụ 2025',
    ]);
  });

  it('the same indicator twice is refused, pointing at the first', () => {
    const p = indicators(['NQ-2020', 'A', 'B', 'số lượng hằng năm', '1', '', '', ''], ['nq-2020', 'a', 'B', 'số lượng hằng năm', '1', '', '', '']);
    expect(problems(p)).toEqual(['3: chỉ tiêu "a" của nghị quyết "NQ-2020" trùng với dòng 2']);
  });

  it('an indicator with figures cannot turn from a count into a percentage; without figures, or within counts, it can', () => {
    const p = indicators(
      ['NQ-2020', 'KN-DV', 'Kết nạp', 'tỷ lệ hằng năm', '90', '', '', ''],
      ['NQ-2020', 'TL-HT', 'Hoàn thành', 'số lượng hằng năm', '90', '', '', ''],
    );
    expect(problems(p)).toEqual(['2: chỉ tiêu "KN-DV" đã có 3 số liệu dạng số lượng; không đổi sang loại "tỷ lệ hằng năm" được']);
    expect(p.indicators.map((i) => [i.code, i.kind])).toEqual([['TL-HT', 'yearly_count']]);
    expect(indicators(['NQ-2020', 'KN-DV', 'Kết nạp', 'số lượng hằng năm', '90', '', '', '']).problems).toEqual([]);
  });
});

describe('indicator import: reports', () => {
  it('a count by resolution and code, a percentage by code alone, with the branch by code, name or short name', () => {
    const p = reports(
      ['NQ-2020', 'KN-DV', 'cb01', 'Q1/2021', '5', '99', 'ghi chú'],
      ['', 'tl-ht', 'Đảng bộ Sở Hai', 'quý IV năm 2021', '18', '20', ''],
      ['NQ-2020', 'TL-HT', 'cong ty mot', '2022-Q4', '18', '20', ''],
    );
    expect(p.problems).toEqual([]);
    expect(p.warnings).toEqual([]);
    expect(p.reports).toEqual([
      { label: 'trang "Số liệu"', rowNumber: 2, resolutionCode: 'NQ-2020', indicatorCode: 'KN-DV', branchId: 1, branchCode: 'CB01', period: '2021-Q1', numerator: 5, denominator: null, note: 'ghi chú' },
      { label: 'trang "Số liệu"', rowNumber: 3, resolutionCode: 'NQ-2020', indicatorCode: 'TL-HT', branchId: 2, branchCode: 'DB02', period: '2021-Q4', numerator: 18, denominator: 20, note: null },
      { label: 'trang "Số liệu"', rowNumber: 4, resolutionCode: 'NQ-2020', indicatorCode: 'TL-HT', branchId: 1, branchCode: 'CB01', period: '2022-Q4', numerator: 18, denominator: 20, note: null },
    ]);
  });

  it('without a note column the note is left alone', () => {
    const p = plan(sheet('Số liệu', [REP.slice(0, 6), ['NQ-2020', 'KN-DV', 'CB01', 'Q1/2021', '5', '']]));
    expect(p.reports[0]!.note).toBeUndefined();
  });

  it('which indicator: missing, unknown, or a code several resolutions have', () => {
    const p = plan(
      sheet('Nghị quyết', [RES, ['NQ-2025', 'Mới', '2025-2030', '', '']]),
      sheet('Chỉ tiêu', [IND, ['NQ-2025', 'KN-DV', 'Kết nạp', 'số lượng cả nhiệm kỳ', '100', '', '', '']]),
      sheet('Số liệu', [
        REP,
        ['NQ-2020', '', 'CB01', 'Q1/2021', '1', '', ''],
        ['NQ-KHONG', 'KN-DV', 'CB01', 'Q1/2021', '1', '', ''],
        ['NQ-2020', 'KHONG', 'CB01', 'Q1/2021', '1', '', ''],
        ['', 'KHONG', 'CB01', 'Q1/2021', '1', '', ''],
        ['', 'KN-DV', 'CB01', 'Q1/2026', '1', '', ''],
        ['', '', 'CB01', 'Q1/2021', '1', '', ''],
      ]),
    );
    expect(p.problems.filter((x) => x.label === 'trang "Số liệu"').map((x) => `${x.rowNumber}: ${x.message}`)).toEqual([
      '2: thiếu mã chỉ tiêu',
      '3: nghị quyết "NQ-KHONG" không có trong tệp và trong cơ sở dữ liệu',
      '4: chỉ tiêu "KHONG" không có trong nghị quyết "NQ-2020" (trong tệp và trong cơ sở dữ liệu)',
      '5: chỉ tiêu "KHONG" không có trong tệp và trong cơ sở dữ liệu',
      '6: mã chỉ tiêu "KN-DV" có trong nhiều nghị quyết (NQ-2020, NQ-2025); ghi thêm cột "Mã nghị quyết"',
      '7: thiếu mã chỉ tiêu',
    ]);
    expect(p.reports).toEqual([]);
  });

  it('which organisation: missing, unknown, a name two share, or a sub-cell (its committee reports)', () => {
    const p = reports(
      ['NQ-2020', 'KN-DV', '', 'Q1/2021', '1', '', ''],
      ['NQ-2020', 'KN-DV', 'CB99', 'Q1/2021', '1', '', ''],
      ['NQ-2020', 'KN-DV', 'Chi bộ Trùng Tên', 'Q1/2021', '1', '', ''],
      ['NQ-2020', 'KN-DV', 'DB02-01', 'Q1/2021', '1', '', ''],
    );
    expect(problems(p)).toEqual([
      '2: thiếu mã tổ chức cơ sở đảng',
      '3: tổ chức cơ sở đảng "CB99" không có trong cơ sở dữ liệu (nhập danh sách tổ chức trước bằng lệnh import)',
      '4: "Chi bộ Trùng Tên" khớp với nhiều tổ chức (CB04, CB05); ghi mã thay cho tên',
      '5: Chi bộ Phòng A (DB02-01) là chi bộ trực thuộc: số liệu do đảng bộ cơ sở cấp trên tổng hợp và báo cáo',
    ]);
  });

  it('which period: missing, unreadable, or outside the resolution\'s term (its ends included)', () => {
    const p = reports(
      ['NQ-2020', 'KN-DV', 'CB01', '', '1', '', ''],
      ['NQ-2020', 'KN-DV', 'CB01', 'quý 5/2021', '1', '', ''],
      ['NQ-2020', 'KN-DV', 'CB01', 'Q4/2019', '1', '', ''],
      ['NQ-2020', 'KN-DV', 'CB01', 'Q1/2026', '1', '', ''],
      ['NQ-2020', 'KN-DV', 'CB01', 'Q1/2020', '1', '', ''],
      ['NQ-2020', 'KN-DV', 'CB01', 'Q4/2025', '1', '', ''],
    );
    expect(problems(p)).toEqual([
      '2: thiếu kỳ báo cáo',
      '3: kỳ báo cáo "quý 5/2021" không hợp lệ: ghi dạng quý III/2024, Q3/2024 hoặc 2024-Q3',
      '4: quý IV/2019 nằm ngoài nhiệm kỳ 2020–2025 của nghị quyết "NQ-2020"',
      '5: quý I/2026 nằm ngoài nhiệm kỳ 2020–2025 của nghị quyết "NQ-2020"',
    ]);
    expect(p.reports.map((r) => r.period)).toEqual(['2020-Q1', '2025-Q4']);
  });

  it('figures: the rules of the bot, in the words of the file\'s columns', () => {
    const p = reports(
      ['NQ-2020', 'KN-DV', 'CB01', 'Q1/2021', '', '', ''],
      ['NQ-2020', 'TL-HT', 'CB01', 'Q4/2021', '', '20', ''],
      ['NQ-2020', 'KN-DV', 'CB01', 'Q2/2021', '-3', '', ''],
      ['NQ-2020', 'TL-HT', 'CB01', 'Q4/2022', '30', '20', ''],
      ['NQ-2020', 'TL-HT', 'CB01', 'Q4/2023', '0', '0', ''],
      ['NQ-2020', 'TL-HT', 'CB01', 'Q4/2024', '5', '', ''],
      ['NQ-2020', 'TL-HT', 'CB01', 'Q4/2025', '5', 'nhiều', ''],
      ['NQ-2020', 'KN-DV', 'CB01', 'Q3/2021', '200000', '', ''],
      ['NQ-2020', 'TL-HT', 'DB02', 'Q4/2021', '5', '150.000', ''],
      ['NQ-2020', 'TL-HT', 'DB02', 'Q4/2022', '5,5', '10', ''],
    );
    expect(problems(p)).toEqual([
      '2: thiếu số liệu',
      '3: thiếu số đạt',
      '4: số liệu không được âm (đang ghi "-3")',
      '5: số đạt (30) lớn hơn tổng số (20)',
      '6: tổng số bằng 0: chỉ tiêu tỷ lệ cần tổng số lớn hơn 0, ví dụ số đạt 45, tổng số 50',
      '7: chỉ tiêu tỷ lệ cần tổng số (cột "Tổng số"), ví dụ số đạt 45, tổng số 50',
      '8: tổng số "nhiều" không phải là số: chỉ ghi chữ số, không kèm chữ, ví dụ 45',
      '9: số liệu 200.000 quá lớn: không tổ chức cơ sở đảng nào có quá 100.000; kiểm tra lại số liệu',
      '10: số liệu 150.000 quá lớn: không tổ chức cơ sở đảng nào có quá 100.000; kiểm tra lại số liệu',
      '11: số đạt phải là số nguyên (đang ghi "5,5")',
    ]);
    expect(p.reports).toEqual([]);
  });

  it('a figure of an unknown indicator is read as "số đạt"', () => {
    expect(problems(reports(['NQ-2020', 'KHONG', 'CB01', 'Q1/2021', '', '', '']))).toContain('2: thiếu số đạt');
  });

  it('a total of members above the organisation\'s listed members is a warning, not a refusal', () => {
    const p = reports(
      ['NQ-2020', 'TL-HT', 'CB01', 'Q4/2021', '20', '21', ''],
      ['NQ-2020', 'TL-HT', 'CB01', 'Q4/2022', '20', '20', ''],
      ['NQ-2020', 'TL-HT', 'DB02', 'Q4/2021', '20', '500', ''],
    );
    expect(p.problems).toEqual([]);
    expect(p.reports).toHaveLength(3);
    expect(p.warnings).toEqual([
      {
        label: 'trang "Số liệu"',
        rowNumber: 2,
        message: 'tổng số 21 lớn hơn số đảng viên của Chi bộ Công ty Một trong danh sách (20); kiểm tra lại số liệu',
      },
    ]);
  });

  it('a total that does not count members is never compared with them', () => {
    const p = plan(
      sheet('Chỉ tiêu', [IND, ['NQ-2020', 'TL-QC', 'Quần chúng', 'tỷ lệ hằng năm', '50', '', 'Tổng số quần chúng ưu tú', '']]),
      sheet('Số liệu', [REP, ['NQ-2020', 'TL-QC', 'CB01', 'Q4/2021', '20', '40', '']]),
    );
    expect(p.warnings).toEqual([]);
    expect(p.reports).toHaveLength(1);
  });

  it('the same indicator, organisation and period twice is refused', () => {
    const p = reports(['NQ-2020', 'KN-DV', 'CB01', 'Q1/2021', '1', '', ''], ['', 'kn-dv', 'Công ty Một', '2021-Q1', '2', '', '']);
    expect(problems(p)).toEqual(['3: trùng với dòng 2 (cùng chỉ tiêu, tổ chức cơ sở đảng và kỳ báo cáo)']);
    expect(p.reports.map((r) => r.numerator)).toEqual([1]);
  });

  it('an indicator whose row in the file is wrong takes no figures, and its kind is not guessed', () => {
    const p = plan(
      sheet('Chỉ tiêu', [IND, ['NQ-2020', 'MOI', 'Mới', 'tỷ lệ hằng năm', '900', '', '', '']]),
      sheet('Số liệu', [REP, ['NQ-2020', 'MOI', 'CB01', 'Q4/2021', '5', '', '']]),
    );
    // The report row is not refused for a missing total: the indicator's kind is unknown.
    expect(p.problems.map((x) => x.label)).toEqual(['trang "Chỉ tiêu"']);
    expect(p.reports).toHaveLength(1);
  });
});
