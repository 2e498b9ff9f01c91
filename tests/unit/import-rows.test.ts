/**
 * The branch and member import's validation (planImport), rule by rule: what each row becomes and
 * every refusal in the office's words, with the database's state given as plain data.
 */
import { describe, expect, it } from 'vitest';
import { type ExistingState, formatProblem, type ImportPlan, planImport, type Sheet } from '../../src/domain/import-rows.js';

const sheet = (name: string, rows: string[][]): Sheet => ({ name, label: `trang "${name}"`, rows: rows.map((cells, i) => ({ rowNumber: i + 1, cells })) });
const BR = ['Mã tổ chức đảng', 'Tên tổ chức đảng', 'Tên viết tắt', 'Loại', 'Mã cấp trên', 'Khối thi đua', 'Hoạt động'];
const MB = ['Mã đảng viên', 'Họ và tên', 'Mã tổ chức đảng', 'Vai trò', 'Telegram ID', 'Trạng thái'];

const EXISTING: ExistingState = {
  branches: [
    { code: 'DB01', name: 'Đảng bộ Sở Tài chính', shortName: 'Sở TC', kind: 'committee', parentCode: null },
    { code: 'DB01-01', name: 'Chi bộ Phòng Ngân sách', shortName: null, kind: 'subcell', parentCode: 'DB01' },
    { code: 'CB07', name: 'Chi bộ Trùng', shortName: null, kind: 'cell', parentCode: null },
    { code: 'CB08', name: 'Chi bộ Trùng', shortName: null, kind: 'cell', parentCode: null },
  ],
  members: [
    { code: 'DV001', fullName: 'Nguyễn Văn An', telegramUserId: 1001 },
    { code: null, fullName: 'Quản trị viên', telegramUserId: 1002 },
  ],
};
const none: ExistingState = { branches: [], members: [] };

const branches = (rows: string[][], existing = EXISTING) => planImport([sheet('Tổ chức đảng', [BR, ...rows])], existing);
const members = (rows: string[][], existing = EXISTING) => planImport([sheet('Đảng viên', [MB, ...rows])], existing);
const problems = (p: ImportPlan) => p.problems.map((x) => `${x.rowNumber}: ${x.message}`);

describe('import: branches', () => {
  it('a full row is planned as written', () => {
    const p = branches([['CB01', 'Chi bộ Công ty A', 'Công ty A', 'Chi bộ cơ sở', '', 'Khối doanh nghiệp', 'có']]);
    expect(p.problems).toEqual([]);
    expect(p.branches).toEqual([
      { label: 'trang "Tổ chức đảng"', rowNumber: 2, code: 'CB01', name: 'Chi bộ Công ty A', shortName: 'Công ty A', kind: 'cell', parentCode: null, cluster: 'Khối doanh nghiệp', active: true },
    ]);
  });

  it('empty optional cells clear; absent columns keep the database\'s values; an empty "Hoạt động" means active', () => {
    const p = branches([['CB02', 'Chi bộ B', '', '', '', '', '']]);
    expect(p.branches[0]).toMatchObject({ shortName: null, cluster: null, active: true, parentCode: null });
    const bare = planImport([sheet('Tổ chức đảng', [['Mã tổ chức đảng', 'Tên tổ chức đảng'], ['DB01-01', 'Chi bộ Phòng Ngân sách mới']])], EXISTING);
    expect(bare.branches[0]).toMatchObject({ shortName: undefined, cluster: undefined, active: undefined, parentCode: 'DB01', kind: 'subcell' });
    expect(branches([['CB02', 'Chi bộ B', '', '', '', '', 'không']]).branches[0]!.active).toBe(false);
  });

  it('names what is missing or wrong on each row', () => {
    const p = branches([
      ['', '', '', 'hội', '', '', 'có lẽ'],
      ['CB03', 'Chi bộ C', '', 'constructor', '', '', ''],
    ]);
    expect(problems(p)).toEqual([
      '2: thiếu mã tổ chức đảng',
      '2: thiếu tên tổ chức đảng',
      '2: loại "hội" không hợp lệ; dùng một trong: Đảng bộ cơ sở, Chi bộ cơ sở, Chi bộ trực thuộc',
      '2: cột "Hoạt động" phải là "có" hoặc "không" (đang ghi "có lẽ")',
      '3: loại "constructor" không hợp lệ; dùng một trong: Đảng bộ cơ sở, Chi bộ cơ sở, Chi bộ trực thuộc',
    ]);
    expect(p.branches).toEqual([]);
  });

  it('the kind: as written, the database\'s when empty, else from the parent and the name', () => {
    const p = branches([
      ['N1', 'Chi bộ Một', '', 'chi bộ', 'DB01', '', ''],
      ['N2', 'Chi bộ Hai', '', 'chi bộ', '', '', ''],
      ['N3', 'Chi bộ Ba', '', '', 'DB01', '', ''],
      ['N4', 'Đảng bộ Bốn', '', '', '', '', ''],
      ['N5', 'Chi bộ Năm', '', '', '', '', ''],
      ['DB01', 'Đảng bộ Sở Tài chính', '', '', '', '', ''],
      ['N6', 'Chi bộ Sáu đảng bộ', '', 'đảng bộ cơ sở', '', '', ''],
    ]);
    expect(p.problems).toEqual([]);
    expect(Object.fromEntries(p.branches.map((b) => [b.code, b.kind]))).toEqual({
      N1: 'subcell',
      N2: 'cell',
      N3: 'subcell',
      N4: 'committee',
      N5: 'cell',
      DB01: 'committee',
      N6: 'committee',
    });
  });

  it('a parent by code, by the file\'s name, or by a unique name in the database; parents come before their cells', () => {
    const p = branches([
      ['C1', 'Chi bộ Một', '', '', 'Đảng bộ Mới', '', ''],
      ['C2', 'Chi bộ Hai', '', '', 'db01', '', ''],
      ['C3', 'Chi bộ Ba', '', '', 'so tc', '', ''],
      ['DBM', 'Đảng bộ Mới', '', '', '', '', ''],
    ]);
    expect(p.problems).toEqual([]);
    expect(p.branches.map((b) => [b.code, b.parentCode])).toEqual([
      ['DBM', null],
      ['C1', 'DBM'],
      ['C2', 'DB01'],
      ['C3', 'DB01'],
    ]);
  });

  it('a name the file gives is found there before the database\'s older one', () => {
    const p = branches([
      ['DB09', 'Chi bộ Trùng', '', 'đảng bộ cơ sở', '', '', ''],
      ['C9', 'Chi bộ Con', '', '', 'Chi bộ Trùng', '', ''],
    ]);
    expect(p.problems).toEqual([]);
    expect(p.branches.find((b) => b.code === 'C9')!.parentCode).toBe('DB09');
  });

  it('a branch renamed by the file is no longer found by its old name', () => {
    const p = branches([
      ['DB01', 'Đảng bộ Sở Tài chính và Kế hoạch', 'Sở TCKH', '', '', '', ''],
      ['C1', 'Chi bộ Một', '', '', 'Sở TC', '', ''],
    ]);
    expect(problems(p)).toEqual(['3: cấp trên "Sở TC" không có trong tệp và trong cơ sở dữ liệu']);
  });

  it('a parent that is unknown, ambiguous, itself, or a subcell without one is refused', () => {
    const p = branches([
      ['C1', 'Chi bộ Một', '', '', 'KHONG', '', ''],
      ['C2', 'Chi bộ Hai', '', '', 'Chi bộ Trùng', '', ''],
      ['C3', 'Chi bộ Ba', '', '', 'c3', '', ''],
      ['C4', 'Chi bộ Bốn', '', 'chi bộ trực thuộc', '', '', ''],
    ]);
    expect(problems(p)).toEqual([
      '2: cấp trên "KHONG" không có trong tệp và trong cơ sở dữ liệu',
      '3: cấp trên "Chi bộ Trùng" khớp với nhiều tổ chức đảng (CB07, CB08); vui lòng ghi mã',
      '4: tổ chức đảng không thể trực thuộc chính nó',
      '5: chi bộ trực thuộc phải có mã cấp trên (cột "Mã cấp trên")',
    ]);
    expect(p.branches).toEqual([]);
  });

  it('a subcell whose parent could not be found is not also told it needs one', () => {
    expect(problems(branches([['C4', 'Chi bộ Bốn', '', 'chi bộ trực thuộc', 'KHONG', '', '']]))).toEqual([
      '2: cấp trên "KHONG" không có trong tệp và trong cơ sở dữ liệu',
    ]);
  });

  it('a code twice is refused, pointing at the first; the first is kept', () => {
    const p = branches([
      ['CB01', 'Một', '', '', '', '', ''],
      ['cb01', 'Hai', '', '', '', '', ''],
    ]);
    expect(problems(p)).toEqual(['3: mã tổ chức đảng "cb01" trùng với dòng 2']);
    expect(p.branches.map((b) => b.name)).toEqual(['Một']);
  });

  it('a row with its own problem still names its code for the rows under it', () => {
    const p = branches([
      ['DBX', 'Đảng bộ X', '', 'hội', '', '', ''],
      ['CX', 'Chi bộ X', '', '', 'DBX', '', ''],
    ]);
    expect(problems(p)).toEqual(['2: loại "hội" không hợp lệ; dùng một trong: Đảng bộ cơ sở, Chi bộ cơ sở, Chi bộ trực thuộc']);
    expect(p.branches.map((b) => [b.code, b.parentCode])).toEqual([['CX', 'DBX']]);
  });

  it('a cycle of parents is refused on every row in it, showing the loop', () => {
    const p = branches([
      ['A', 'Đảng bộ A', '', '', 'B', '', ''],
      ['B', 'Đảng bộ B', '', '', 'A', '', ''],
      ['C', 'Chi bộ C', '', '', 'A', '', ''],
      ['DB01', 'Đảng bộ Sở Tài chính', '', '', 'DB01-01', '', ''],
    ]);
    expect(problems(p)).toEqual([
      '2: vòng lặp cấp trên: A → B → A',
      '3: vòng lặp cấp trên: B → A → B',
      '5: vòng lặp cấp trên: DB01 → DB01-01 → DB01',
    ]);
    // Its cell is not in the loop: it goes, after nothing it depends on is left to order.
    expect(p.branches.map((b) => b.code)).toEqual(['C']);
  });

  it('a long chain of parents listed children first still comes out parents first', () => {
    const rows = Array.from({ length: 6 }, (_, i) => [`L${5 - i}`, `Chi bộ ${5 - i}`, '', i === 5 ? 'đảng bộ cơ sở' : 'chi bộ', i === 5 ? '' : `L${4 - i}`, '', '']);
    const p = branches(rows, none);
    expect(p.problems).toEqual([]);
    expect(p.branches.map((b) => b.code)).toEqual(['L0', 'L1', 'L2', 'L3', 'L4', 'L5']);
  });
});

describe('import: members', () => {
  it('a full row is planned as written, roles in order of importance', () => {
    const p = members([['DV100', 'Trần Thị Bình', 'Sở TC', 'Đảng viên; Bí thư', '123456789', 'đang sinh hoạt']]);
    expect(p.problems).toEqual([]);
    expect(p.members).toEqual([
      { label: 'trang "Đảng viên"', rowNumber: 2, code: 'DV100', fullName: 'Trần Thị Bình', branchCode: 'DB01', roles: ['secretary', 'member'], telegramUserId: 123456789, status: 'active' },
    ]);
  });

  it('empty cells: no branch, a plain member, no Telegram link, active; absent columns: left as they are', () => {
    expect(members([['DV100', 'Trần Thị Bình', '', '', '', '']]).members[0]).toMatchObject({ branchCode: null, roles: ['member'], telegramUserId: null, status: 'active' });
    const bare = planImport([sheet('Đảng viên', [['Mã đảng viên', 'Họ và tên'], ['DV100', 'Trần Thị Bình']])], EXISTING);
    expect(bare.members[0]).toMatchObject({ branchCode: undefined, roles: undefined, status: undefined, telegramUserId: null });
    expect(members([['DV100', 'X', '', '', '', 'đã chuyển']]).members[0]!.status).toBe('left');
  });

  it('names what is missing or wrong on each row', () => {
    const p = members([
      ['', '', 'KHONG', 'thủ quỹ, constructor', '12ab', 'nghỉ'],
      ['DV101', 'Lê C', 'Chi bộ Trùng', '', '0', 'constructor'],
      ['DV102', 'Lê D', '', '', '1234567890123456', ''],
      ['DV103', 'Lê E', '', '', ' 77', ''],
    ]);
    expect(problems(p)).toEqual([
      '2: thiếu mã đảng viên',
      '2: thiếu họ và tên',
      '2: vai trò "thủ quỹ" không hợp lệ; dùng: Quản trị, Văn phòng, Bí thư, Phó bí thư, Đảng viên',
      '2: vai trò "constructor" không hợp lệ; dùng: Quản trị, Văn phòng, Bí thư, Phó bí thư, Đảng viên',
      '2: Telegram ID "12ab" không hợp lệ: phải là một dãy chữ số',
      '2: trạng thái "nghỉ" không hợp lệ; dùng: đang sinh hoạt, đã chuyển',
      '2: tổ chức đảng "KHONG" không có trong tệp và trong cơ sở dữ liệu',
      '3: Telegram ID "0" không hợp lệ: phải là một dãy chữ số',
      '3: trạng thái "constructor" không hợp lệ; dùng: đang sinh hoạt, đã chuyển',
      '3: tổ chức đảng "Chi bộ Trùng" khớp với nhiều tổ chức đảng (CB07, CB08); vui lòng ghi mã',
      '4: Telegram ID "1234567890123456" không hợp lệ: phải là một dãy chữ số',
    ]);
    // A Telegram id with spaces around it is read (cells are trimmed).
    expect(p.members.map((m) => [m.code, m.telegramUserId])).toEqual([['DV103', 77]]);
  });

  it('a code twice, a Telegram id twice, or one already linked to someone else is refused', () => {
    const p = members([
      ['DV200', 'Một', '', '', '555', ''],
      ['dv200', 'Hai', '', '', '', ''],
      ['DV201', 'Ba', '', '', '555', ''],
      ['DV203', 'Năm', '', '', '1002', ''],
    ]);
    expect(problems(p)).toEqual([
      '3: mã đảng viên "dv200" trùng với dòng 2',
      '4: Telegram ID 555 trùng với dòng 2 (DV200)',
      '5: Telegram ID 1002 đã gắn với người khác trong cơ sở dữ liệu: Quản trị viên',
    ]);
    expect(problems(members([['DV202', 'Bốn', '', '', '1001', '']]))).toEqual([
      '2: Telegram ID 1001 đã gắn với người khác trong cơ sở dữ liệu: Nguyễn Văn An (DV001)',
    ]);
    // The member who holds it already may keep it (codes match whatever their case).
    expect(members([['dv001', 'Nguyễn Văn An', '', '', '1001', '']]).problems).toEqual([]);
    expect(p.members.map((m) => m.code)).toEqual(['DV200']);
  });

  it('a member\'s branch may be a branch of the same file, on another sheet', () => {
    const p = planImport(
      [sheet('Tổ chức đảng', [BR, ['CBN', 'Chi bộ Mới', '', '', '', '', '']]), sheet('Đảng viên', [MB, ['DV300', 'Sáu', 'Chi bộ Mới', '', '', '']])],
      none,
    );
    expect(p.problems).toEqual([]);
    expect(p.members[0]!.branchCode).toBe('CBN');
  });

  it('a duplicate on another sheet names that sheet', () => {
    const p = planImport([sheet('Đảng viên', [MB, ['DV1', 'A', '', '', '', '']]), sheet('Danh sách đảng viên', [MB, ['DV1', 'B', '', '', '', '']])], none);
    expect(problems(p)).toEqual(['2: mã đảng viên "DV1" trùng với trang "Đảng viên", dòng 2']);
  });
});

describe('import: sheets and problems', () => {
  it('a file with no readable sheet says so; a lone one says why', () => {
    const p = planImport([sheet('A', [['x', 'y']]), sheet('B', [['z']])], none);
    expect(p.problems).toEqual([{ label: 'tệp', rowNumber: null, message: 'không có trang nào chứa danh sách tổ chức đảng hoặc đảng viên' }]);
    expect(planImport([sheet('A', [['x', 'y']])], none).problems.map((x) => x.label)).toEqual(['trang "A"']);
  });

  it('--type reads a sheet whose name says nothing', () => {
    const p = planImport([sheet('Sheet1', [['Mã', 'Tên'], ['X1', 'Tên X']])], none, { type: 'members' });
    expect(p.members.map((m) => [m.code, m.fullName])).toEqual([['X1', 'Tên X']]);
    expect(p.branches).toEqual([]);
  });

  it('problems come by sheet, then by row; each reads with its place', () => {
    const p = planImport(
      [
        sheet('Tổ chức đảng', [BR, ['', 'A', '', '', '', '', ''], ['B1', '', '', '', '', '', '']]),
        sheet('Đảng viên', [MB, ['', 'X', '', '', '', '']]),
      ],
      none,
    );
    expect(p.problems.map(formatProblem)).toEqual([
      'Trang "Tổ chức đảng", dòng 2: thiếu mã tổ chức đảng',
      'Trang "Tổ chức đảng", dòng 3: thiếu tên tổ chức đảng',
      'Trang "Đảng viên", dòng 2: thiếu mã đảng viên',
    ]);
    const reversed = planImport(
      [sheet('Đảng viên', [MB, ['', 'X', '', '', '', '']]), sheet('Tổ chức đảng', [BR, ['B1', '', '', '', '', '', ''], ['', 'A', '', '', '', '', '']])],
      none,
    );
    expect(reversed.problems.map((x) => `${x.label} ${x.rowNumber}`)).toEqual(['trang "Đảng viên" 2', 'trang "Tổ chức đảng" 2', 'trang "Tổ chức đảng" 3']);
    expect(formatProblem({ label: 'tệp', rowNumber: null, message: 'trống' })).toBe('Tệp: trống');
  });
});
