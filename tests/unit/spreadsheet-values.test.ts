/**
 * Reading the office's spreadsheets, cell by cell and sheet by sheet: headers and keywords folded
 * (import-columns), figures, periods and terms as people write them (indicator-columns), and where a
 * sheet's header row is and what the sheet lists (sheet-layout). The edges are the point: a value
 * one character off must be refused, not read as something else.
 */
import { describe, expect, it } from 'vitest';
import { normalizeHeader, parseKind, parseStatus, parseYesNo, splitList } from '../../src/domain/import-columns.js';
import { planImport, type Sheet } from '../../src/domain/import-rows.js';
import {
  indicatorKindLabel,
  parseIndicatorKind,
  parseReportPeriod,
  parseTerm,
  parseTypedFigures,
  parseWholeNumber,
  wholeNumberProblem,
} from '../../src/domain/indicator-columns.js';

describe('headers and keywords', () => {
  it('fold case, marks, đ, punctuation and runs of spaces, and trim', () => {
    expect(normalizeHeader('  Mã_tổ-chức  (*) đảng: ')).toBe('ma to chuc dang');
    expect(normalizeHeader('MÃ   CHI   BỘ')).toBe('ma chi bo');
    expect(normalizeHeader('Tổng số [đảng viên] #1')).toBe('tong so dang vien 1');
  });

  it('lists split at commas, semicolons and line breaks, each part trimmed, empty parts dropped', () => {
    expect(splitList(' Bí thư ; Đảng viên,,Phó bí thư\nVăn phòng ')).toEqual(['Bí thư', 'Đảng viên', 'Phó bí thư', 'Văn phòng']);
    expect(splitList(' ')).toEqual([]);
  });

  it('kinds, statuses and yes/no: only the words they know', () => {
    expect(parseKind('Chi bộ trực thuộc')).toBe('subcell');
    expect(parseKind('chi bộ')).toBe('cell-or-subcell');
    expect(parseKind('constructor')).toBeNull();
    expect(parseKind('toString')).toBeNull();
    expect(parseStatus('Đã chuyển sinh hoạt')).toBe('left');
    expect(parseStatus('hasOwnProperty')).toBeNull();
    expect(parseYesNo('Có')).toBe(true);
    expect(parseYesNo('ngừng hoạt động')).toBe(false);
    expect(parseYesNo('constructor')).toBeNull();
  });
});

describe('whole numbers', () => {
  const n = (text: string, percentSign = false) => parseWholeNumber(text, { percentSign });

  it('thousands groups of exactly three digits after one to three', () => {
    expect(n('12.345')).toEqual({ ok: true, value: 12_345 });
    expect(n('123 456 789')).toEqual({ ok: true, value: 123_456_789 });
    expect(n('1\u00a0200')).toEqual({ ok: true, value: 1200 });
    // A non-breaking space is a space: it joins nothing.
    expect(n('1\u00a02')).toEqual({ ok: false, reason: 'not_number' });
    expect(n('1.2345')).toEqual({ ok: false, reason: 'fraction' });
    expect(n('1234.567')).toEqual({ ok: false, reason: 'fraction' });
  });

  it('a decimal is whole only when every decimal is 0', () => {
    expect(n('45.00')).toEqual({ ok: true, value: 45 });
    expect(n('1,0')).toEqual({ ok: true, value: 1 });
    expect(n('1.10')).toEqual({ ok: false, reason: 'fraction' });
    expect(n('1.01')).toEqual({ ok: false, reason: 'fraction' });
    expect(n('a1.0')).toEqual({ ok: false, reason: 'not_number' });
    expect(n('1.0a')).toEqual({ ok: false, reason: 'not_number' });
  });

  it('a minus sign only in front, ASCII or typographic, spaces after it allowed; minus zero is zero', () => {
    expect(n('−3')).toEqual({ ok: false, reason: 'negative' });
    expect(n('- 3')).toEqual({ ok: false, reason: 'negative' });
    expect(n('-1.5')).toEqual({ ok: false, reason: 'negative' });
    expect(n('-1.0')).toEqual({ ok: false, reason: 'negative' });
    expect(n('-0')).toEqual({ ok: true, value: 0 });
    expect(n('5-3')).toEqual({ ok: false, reason: 'not_number' });
  });

  it('a percent sign only at the end, and only when allowed', () => {
    expect(n('90 %', true)).toEqual({ ok: true, value: 90 });
    expect(n('9%0', true)).toEqual({ ok: false, reason: 'not_number' });
  });

  it('a number too large to be exact is not a number', () => {
    expect(n('99999999999999999999')).toEqual({ ok: false, reason: 'not_number' });
  });

  it('each refusal in words', () => {
    expect(wholeNumberProblem('số đạt', '', 'empty')).toBe('thiếu số đạt');
    expect(wholeNumberProblem('số đạt', '-2', 'negative')).toBe('số đạt không được âm (đang ghi "-2")');
    expect(wholeNumberProblem('tổng số', '2,5', 'fraction')).toBe('tổng số phải là số nguyên (đang ghi "2,5")');
  });

  it('figures typed in a chat: an empty side is not a number; a bad total says what is wrong with it', () => {
    expect(parseTypedFigures('/50')).toEqual({ ok: false, reason: 'not_number' });
    expect(parseTypedFigures('')).toEqual({ ok: false, reason: 'not_number' });
    expect(parseTypedFigures('45/-3')).toEqual({ ok: false, reason: 'negative' });
    expect(parseTypedFigures('45/1,5')).toEqual({ ok: false, reason: 'fraction' });
  });
});

describe('periods, terms and kinds', () => {
  it('periods: the whole text, nothing before or after', () => {
    expect(parseReportPeriod('2024q3')).toBe('2024-Q3');
    expect(parseReportPeriod('q2 2024')).toBe('2024-Q2');
    for (const text of ['x2024-Q3', '2024-Q3x', 'xq3 2024', 'q3 2024x', 'quý 3 năm 20245']) expect(parseReportPeriod(text), text).toBeNull();
  });

  it('terms: the whole text, years in order, at most ten years apart', () => {
    expect(parseTerm('nhiệm kỳ2020-2025')).toEqual({ startYear: 2020, endYear: 2025 });
    expect(parseTerm('2020/2030')).toEqual({ startYear: 2020, endYear: 2030 });
    for (const text of ['2020-2031', '2020-2020', 'x2020-2025', '2020-2025x', 'nhiệm kỳ 2020-2025 (sửa)']) expect(parseTerm(text), text).toBeNull();
  });

  it('"tỷ lệ đến năm" with a year: the whole text', () => {
    expect(parseIndicatorKind('percent by date 2031')).toEqual({ kind: 'percent_by_date', year: 2031 });
    expect(parseIndicatorKind('tỷ lệ đến năm')).toEqual({ kind: 'percent_by_date' });
    expect(parseIndicatorKind('chỉ tiêu tỷ lệ đến năm 2025')).toBeNull();
    expect(parseIndicatorKind('tỷ lệ đến năm 2025 (sửa)')).toBeNull();
    expect(parseIndicatorKind('constructor')).toBeNull();
  });

  it('a kind\'s label names a year only for "tỷ lệ đến năm", and only when there is one', () => {
    expect(indicatorKindLabel('percent_by_date', null)).toBe('tỷ lệ đến năm');
    expect(indicatorKindLabel('yearly_percent', 2030)).toBe('tỷ lệ hằng năm');
  });
});

describe('sheet layout', () => {
  const sheet = (name: string, rows: string[][]): Sheet => ({ name, label: `trang "${name}"`, rows: rows.map((cells, i) => ({ rowNumber: i + 1, cells })) });
  const MEMBER_ROW = ['DV1', 'Nguyễn Văn An'];

  it('the header may sit under up to ten lines of titles; blank lines do not count', () => {
    const titles = Array.from({ length: 9 }, (_, i) => [`Tiêu đề ${i + 1}`]);
    const blanks = Array.from({ length: 12 }, () => ['', '   ']);
    const found = planImport([sheet('Đảng viên', [...titles, ...blanks, ['Mã đảng viên', 'Họ và tên'], MEMBER_ROW])], { branches: [], members: [] });
    expect(found.problems).toEqual([]);
    expect(found.members.map((m) => [m.code, m.rowNumber])).toEqual([['DV1', 23]]);
    const tooDeep = planImport([sheet('Đảng viên', [...titles, ['Tiêu đề 10'], ['Mã đảng viên', 'Họ và tên'], MEMBER_ROW])], { branches: [], members: [] });
    expect(tooDeep.problems.map((p) => p.message)).toEqual(['không tìm thấy dòng tiêu đề cột (ví dụ "Mã tổ chức đảng", "Họ và tên")']);
  });

  it('blank and whitespace-only rows under the header are no rows', () => {
    const p = planImport([sheet('Đảng viên', [['Mã đảng viên', 'Họ và tên'], [' ', ''], MEMBER_ROW, ['', '\t']])], { branches: [], members: [] });
    expect(p.sheets).toEqual([{ label: 'trang "Đảng viên"', kind: 'members', rows: 1 }]);
  });

  it('the sheet\'s name tells what it lists, with or without its file extension', () => {
    // "Mã" and "Tên" are headers of both lists: only the name can tell.
    for (const name of ['Đảng viên.csv', 'DANG VIEN.XLSX', 'Danh sách đảng viên']) {
      const p = planImport([sheet(name, [['Mã', 'Tên'], MEMBER_ROW])], { branches: [], members: [] });
      expect(p.members.map((m) => m.code), name).toEqual(['DV1']);
    }
    for (const name of ['Tổ chức.csv', 'chi-bo']) {
      const p = planImport([sheet(name, [['Mã', 'Tên'], ['CB1', 'Chi bộ Một']])], { branches: [], members: [] });
      expect(p.branches.map((b) => b.code), name).toEqual(['CB1']);
    }
  });

  it('failing the name, the headers only one list has decide; a header both have counts for neither; a tie says nothing', () => {
    const none = { branches: [], members: [] };
    expect(planImport([sheet('Sheet1', [['Mã', 'Tên', 'Họ và tên'], ['DV1', 'x', 'Lê An']])], none).members).toHaveLength(1);
    expect(planImport([sheet('Sheet1', [['Mã', 'Tên', 'Loại'], ['CB1', 'Chi bộ', 'chi bộ cơ sở']])], none).branches).toHaveLength(1);
    const unknown = 'không nhận ra đây là danh sách tổ chức đảng hay đảng viên; đặt tên trang "Tổ chức đảng"/"Đảng viên" hoặc dùng --type';
    expect(planImport([sheet('Sheet1', [['Mã', 'Tên'], MEMBER_ROW])], none).problems.map((p) => p.message)).toEqual([unknown]);
    expect(planImport([sheet('Sheet1', [['Họ và tên', 'Loại'], MEMBER_ROW])], none).problems.map((p) => p.message)).toEqual([unknown]);
    expect(planImport([sheet('.csv Đảng viên', [['Mã', 'Tên'], MEMBER_ROW])], none).problems.map((p) => p.message)).toEqual([unknown]);
  });

  it('unknown and repeated columns are named in a note, blank headers are not; a clean sheet has no note', () => {
    const p = planImport([sheet('Đảng viên', [['Mã đảng viên', '', 'Họ và tên', 'Số điện thoại', 'Họ tên'], ['DV1', '', 'Lê An', '0912', 'x']])], {
      branches: [],
      members: [],
    });
    expect(p.notes).toEqual(['Trang "Đảng viên": bỏ qua cột không nhận ra: "Số điện thoại", "Họ tên"']);
    expect(p.members[0]!.fullName).toBe('Lê An');
    expect(planImport([sheet('Đảng viên', [['Mã đảng viên', 'Họ và tên'], MEMBER_ROW])], { branches: [], members: [] }).notes).toEqual([]);
  });

  it('missing required columns are named, all of them', () => {
    const p = planImport([sheet('Đảng viên', [['Vai trò', 'Trạng thái'], ['Bí thư', '']])], { branches: [], members: [] });
    expect(p.problems).toEqual([{ label: 'trang "Đảng viên"', rowNumber: 1, message: 'thiếu cột bắt buộc "Mã đảng viên", "Họ và tên"' }]);
  });
});
