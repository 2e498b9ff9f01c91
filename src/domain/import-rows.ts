/**
 * Pure validation of an import: spreadsheet rows in, either a plan of branch and member records
 * (branches in parent-first order) or every problem with its sheet and row number. What the
 * database already holds comes in as plain data, so this file never touches it.
 */
import type { BranchKind, MemberStatus, Role } from '../db/schema.js';
import {
  BRANCH_COLUMNS,
  IMPORT_KINDS,
  KIND_LABELS,
  MEMBER_COLUMNS,
  ROLE_LABELS,
  SHEET_NAMES,
  STATUS_LABELS,
  normalizeHeader,
  parseKind,
  parseStatus,
  parseYesNo,
  splitList,
  type BranchField,
  type ImportKind,
  type MemberField,
} from './import-columns.js';
import { parseRole, sortRoles } from './roles.js';
import { foldVietnamese } from './text.js';
import { capitalize, readSheet, type SheetKinds } from './sheet-layout.js';

export interface SheetRow {
  /** As the user sees it: the worksheet row, or the line of a CSV file. */
  rowNumber: number;
  cells: string[];
}

export interface Sheet {
  name: string;
  /** How messages name it: `trang "Tổ chức đảng"` or `tệp chi-bo.csv`. */
  label: string;
  rows: SheetRow[];
}

export interface RowProblem {
  label: string;
  /** null for a problem with the sheet as a whole. */
  rowNumber: number | null;
  message: string;
}

export interface ExistingState {
  branches: { code: string; name: string; shortName: string | null; kind: BranchKind; parentCode: string | null }[];
  members: { code: string | null; fullName: string; telegramUserId: number | null }[];
}

/** A branch to upsert. `undefined` means: the file has no such column, keep what the database has. */
export interface PlannedBranch {
  label: string;
  rowNumber: number;
  code: string;
  name: string;
  shortName?: string | null;
  kind: BranchKind;
  parentCode: string | null;
  cluster?: string | null;
  active?: boolean;
}

/** A member to upsert. `undefined` means: the file has no such column, keep what the database has. */
export interface PlannedMember {
  label: string;
  rowNumber: number;
  code: string;
  fullName: string;
  branchCode?: string | null;
  roles?: Role[];
  /** null: leave the link as it is (an import never unlinks a Telegram account). */
  telegramUserId: number | null;
  status?: MemberStatus;
}

export interface SheetSummary {
  label: string;
  kind: ImportKind;
  rows: number;
}

export interface ImportPlan {
  branches: PlannedBranch[];
  members: PlannedMember[];
  sheets: SheetSummary[];
  /** Things worth telling that are not errors (ignored columns, skipped sheets). */
  notes: string[];
  problems: RowProblem[];
}


export function planImport(sheets: readonly Sheet[], existing: ExistingState, options: { type?: ImportKind } = {}): ImportPlan {
  const plan: ImportPlan = { branches: [], members: [], sheets: [], notes: [], problems: [] };
  const branchRows: BranchRow[] = [];
  const memberRows: MemberRow[] = [];
  for (const sheet of sheets) {
    const read = readSheet(BRANCH_MEMBER_SHEETS, sheet, plan, { alone: sheets.length === 1, forced: options.type });
    if (!read) continue;
    const { layout, body } = read;
    for (const row of body) {
      if (layout.kind === 'branches') branchRows.push(readBranchRow(sheet.label, row, layout.columns, plan.problems));
      else memberRows.push(readMemberRow(sheet.label, row, layout.columns, plan.problems));
    }
  }
  if (plan.sheets.length === 0 && plan.problems.length === 0)
    plan.problems.push({ label: 'tệp', rowNumber: null, message: 'không có trang nào chứa danh sách tổ chức đảng hoặc đảng viên' });

  const index = new BranchIndex(existing, branchRows);
  plan.branches = validateBranches(branchRows, existing, index, plan.problems);
  plan.members = validateMembers(memberRows, existing, index, plan.problems);
  plan.problems.sort(compareProblems(sheets));
  return plan;
}

/** `Trang "Đảng viên", dòng 5: thiếu họ và tên` */
export function formatProblem(p: RowProblem): string {
  return `${capitalize(p.label)}${p.rowNumber === null ? '' : `, dòng ${p.rowNumber}`}: ${p.message}`;
}

/** What a branches or members sheet looks like. */
const BRANCH_MEMBER_SHEETS: SheetKinds<ImportKind> = {
  kinds: IMPORT_KINDS,
  columns: (kind) => (kind === 'branches' ? BRANCH_COLUMNS : MEMBER_COLUMNS),
  sheetNames: SHEET_NAMES,
  noHeader: 'không tìm thấy dòng tiêu đề cột (ví dụ "Mã tổ chức đảng", "Họ và tên")',
  unknownKind: 'không nhận ra đây là danh sách tổ chức đảng hay đảng viên; đặt tên trang "Tổ chức đảng"/"Đảng viên" hoặc dùng --type',
};

// Reading one row: what can be checked without looking at other rows

interface BranchRow {
  label: string;
  rowNumber: number;
  code: string;
  name: string;
  shortName?: string | null;
  kind: BranchKind | 'cell-or-subcell' | null;
  parentRef?: string | null;
  cluster?: string | null;
  active?: boolean;
  /** A row with its own problems still names its code, so other rows may refer to it. */
  bad: boolean;
}

interface MemberRow {
  label: string;
  rowNumber: number;
  code: string;
  fullName: string;
  branchRef?: string | null;
  roles?: Role[];
  telegramUserId: number | null;
  status?: MemberStatus;
  bad: boolean;
}

function cellReader(row: SheetRow, columns: Map<string, number>) {
  /** undefined when the column is absent, '' when the cell is empty. */
  return (field: string): string | undefined => {
    const i = columns.get(field);
    return i === undefined ? undefined : (row.cells[i] ?? '').trim();
  };
}

function readBranchRow(label: string, row: SheetRow, columns: Map<string, number>, problems: RowProblem[]): BranchRow {
  const cell = cellReader(row, columns) as (f: BranchField) => string | undefined;
  const report = (message: string) => problems.push({ label, rowNumber: row.rowNumber, message });
  const before = problems.length;

  const code = cell('code') ?? '';
  if (code === '') report('thiếu mã tổ chức đảng');
  const name = cell('name') ?? '';
  if (name === '') report('thiếu tên tổ chức đảng');

  const kindText = cell('kind') ?? '';
  const kind = kindText === '' ? null : parseKind(kindText);
  if (kindText !== '' && kind === null)
    report(`loại "${kindText}" không hợp lệ; dùng một trong: ${Object.values(KIND_LABELS).join(', ')}`);

  const activeText = cell('active');
  let active: boolean | undefined;
  if (activeText !== undefined) {
    const parsed = activeText === '' ? true : parseYesNo(activeText);
    if (parsed === null) report(`cột "Hoạt động" phải là "có" hoặc "không" (đang ghi "${activeText}")`);
    active = parsed ?? undefined;
  }

  const shortName = cell('shortName');
  const parentRef = cell('parentCode');
  const cluster = cell('cluster');
  return {
    label,
    rowNumber: row.rowNumber,
    code,
    name,
    shortName: shortName === undefined ? undefined : shortName || null,
    kind,
    parentRef: parentRef === undefined ? undefined : parentRef || null,
    cluster: cluster === undefined ? undefined : cluster || null,
    active,
    bad: problems.length > before,
  };
}

function readMemberRow(label: string, row: SheetRow, columns: Map<string, number>, problems: RowProblem[]): MemberRow {
  const cell = cellReader(row, columns) as (f: MemberField) => string | undefined;
  const report = (message: string) => problems.push({ label, rowNumber: row.rowNumber, message });
  const before = problems.length;

  const code = cell('code') ?? '';
  if (code === '') report('thiếu mã đảng viên');
  const fullName = cell('fullName') ?? '';
  if (fullName === '') report('thiếu họ và tên');

  const rolesText = cell('roles');
  let roles: Role[] | undefined;
  if (rolesText !== undefined) {
    const parsed: Role[] = [];
    for (const part of splitList(rolesText)) {
      const role = parseRole(normalizeHeader(part));
      if (role) parsed.push(role);
      else report(`vai trò "${part}" không hợp lệ; dùng: ${Object.values(ROLE_LABELS).join(', ')}`);
    }
    roles = parsed.length > 0 ? sortRoles(parsed) : ['member'];
  }

  const telegramText = cell('telegramId') ?? '';
  let telegramUserId: number | null = null;
  if (telegramText !== '') {
    if (/^\d{1,15}$/.test(telegramText) && Number(telegramText) > 0) telegramUserId = Number(telegramText);
    else report(`Telegram ID "${telegramText}" không hợp lệ: phải là một dãy chữ số`);
  }

  const statusText = cell('status');
  let status: MemberStatus | undefined;
  if (statusText !== undefined) {
    const parsed = statusText === '' ? 'active' : parseStatus(statusText);
    if (parsed === null)
      report(`trạng thái "${statusText}" không hợp lệ; dùng: ${Object.values(STATUS_LABELS).join(', ')}`);
    status = parsed ?? undefined;
  }

  const branchRef = cell('branchCode');
  return {
    label,
    rowNumber: row.rowNumber,
    code,
    fullName,
    branchRef: branchRef === undefined ? undefined : branchRef || null,
    roles,
    telegramUserId,
    status,
    bad: problems.length > before,
  };
}

// Cross-row checks

/** Codes compare the way the database's lower() does: ASCII letters only, so both sides agree. */
export function codeKey(code: string): string {
  return code.trim().replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/**
 * Every branch code known to the import, from the file and from the database; finds them by code
 * or by name. A name is looked up in the file first: "Trực thuộc: Đảng bộ Sở Tài chính" means the
 * committee listed in the same file, even if an older branch elsewhere has that name.
 */
class BranchIndex {
  /** code key → the code as written */
  private readonly codes = new Map<string, string>();
  private readonly fileNames = new Map<string, Set<string>>();
  private readonly allNames = new Map<string, Set<string>>();

  constructor(existing: ExistingState, rows: readonly BranchRow[]) {
    for (const r of rows) if (r.code) this.add(r.code, [r.name, r.shortName ?? null], true);
    const inFile = new Set(rows.map((r) => codeKey(r.code)));
    // A branch renamed by this import is found by its new name only.
    for (const b of existing.branches) if (!inFile.has(codeKey(b.code))) this.add(b.code, [b.name, b.shortName], false);
  }

  private add(code: string, names: (string | null)[], fromFile: boolean) {
    const key = codeKey(code);
    if (!this.codes.has(key)) this.codes.set(key, code.trim());
    for (const name of names) {
      if (!name) continue;
      for (const map of fromFile ? [this.fileNames, this.allNames] : [this.allNames]) {
        const set = map.get(foldVietnamese(name)) ?? new Set<string>();
        set.add(key);
        map.set(foldVietnamese(name), set);
      }
    }
  }

  /** The code a reference means: a code first, then a unique name (the file's before the database's). */
  find(ref: string): { code: string } | { ambiguous: string[] } | null {
    const byCode = this.codes.get(codeKey(ref));
    if (byCode) return { code: byCode };
    const folded = foldVietnamese(ref);
    const keys = [...(this.fileNames.get(folded) ?? this.allNames.get(folded) ?? [])];
    if (keys.length === 1) return { code: this.codes.get(keys[0]!)! };
    if (keys.length > 1) return { ambiguous: keys.map((k) => this.codes.get(k)!) };
    return null;
  }
}

function where(row: { label: string; rowNumber: number }, from: { label: string }): string {
  return row.label === from.label ? `dòng ${row.rowNumber}` : `${row.label}, dòng ${row.rowNumber}`;
}

function resolveRef(index: BranchIndex, ref: string, what: string, report: (m: string) => void): string | null {
  const found = index.find(ref);
  if (found === null) {
    report(`${what} "${ref}" không có trong tệp và trong cơ sở dữ liệu`);
    return null;
  }
  if ('ambiguous' in found) {
    report(`${what} "${ref}" khớp với nhiều tổ chức đảng (${found.ambiguous.join(', ')}); vui lòng ghi mã`);
    return null;
  }
  return found.code;
}

function validateBranches(
  rows: readonly BranchRow[],
  existing: ExistingState,
  index: BranchIndex,
  problems: RowProblem[],
): PlannedBranch[] {
  const existingByKey = new Map(existing.branches.map((b) => [codeKey(b.code), b]));
  const firstRow = new Map<string, BranchRow>();
  const planned = new Map<string, PlannedBranch>();

  for (const row of rows) {
    const report = (message: string) => {
      problems.push({ label: row.label, rowNumber: row.rowNumber, message });
      row.bad = true;
    };
    if (!row.code) continue;
    const key = codeKey(row.code);
    const first = firstRow.get(key);
    if (first) {
      report(`mã tổ chức đảng "${row.code}" trùng với ${where(first, row)}`);
      continue;
    }
    firstRow.set(key, row);

    const current = existingByKey.get(key);
    let parentCode: string | null = null;
    let parentUnresolved = false;
    if (row.parentRef === undefined) parentCode = current?.parentCode ?? null;
    else if (row.parentRef !== null) {
      parentCode = resolveRef(index, row.parentRef, 'cấp trên', report);
      parentUnresolved = parentCode === null;
    }
    if (parentCode !== null && codeKey(parentCode) === key) {
      report('tổ chức đảng không thể trực thuộc chính nó');
      parentCode = null;
      parentUnresolved = true;
    }

    const kind = resolveKind(row, current?.kind, parentCode !== null || parentUnresolved);
    if (kind === 'subcell' && parentCode === null && !parentUnresolved)
      report('chi bộ trực thuộc phải có mã cấp trên (cột "Mã cấp trên")');

    if (row.bad) continue;
    planned.set(key, {
      label: row.label,
      rowNumber: row.rowNumber,
      code: row.code,
      name: row.name,
      shortName: row.shortName,
      kind,
      parentCode,
      cluster: row.cluster,
      active: row.active,
    });
  }

  reportCycles(planned, existing, firstRow, problems);
  return parentFirst(planned);
}

/** An empty kind keeps the database's; for a new branch it follows the parent and the name. */
function resolveKind(row: BranchRow, current: BranchKind | undefined, hasParent: boolean): BranchKind {
  if (row.kind === 'cell-or-subcell') return hasParent ? 'subcell' : 'cell';
  if (row.kind) return row.kind;
  if (current) return current;
  if (hasParent) return 'subcell';
  return foldVietnamese(row.name).startsWith('dang bo') ? 'committee' : 'cell';
}

/** Parents as they will be after the import: the file's rows over the database's. */
function reportCycles(
  planned: Map<string, PlannedBranch>,
  existing: ExistingState,
  rows: Map<string, BranchRow>,
  problems: RowProblem[],
) {
  const parentOf = new Map<string, string | null>();
  for (const b of existing.branches) parentOf.set(codeKey(b.code), b.parentCode ? codeKey(b.parentCode) : null);
  for (const [key, b] of planned) parentOf.set(key, b.parentCode ? codeKey(b.parentCode) : null);

  const existingCode = new Map(existing.branches.map((b) => [codeKey(b.code), b.code]));
  const inCycle = new Set<string>();
  for (const key of planned.keys()) {
    const path = [key];
    const seen = new Set(path);
    let next = parentOf.get(key) ?? null;
    while (next !== null && !seen.has(next)) {
      path.push(next);
      seen.add(next);
      next = parentOf.get(next) ?? null;
    }
    if (next !== key) continue; // no cycle, or a cycle further up that its own rows report
    inCycle.add(key);
    const shown = [...path, key].map((k) => planned.get(k)?.code ?? rows.get(k)?.code ?? existingCode.get(k) ?? k);
    const row = rows.get(key)!;
    problems.push({ label: row.label, rowNumber: row.rowNumber, message: `vòng lặp cấp trên: ${shown.join(' → ')}` });
  }
  for (const key of inCycle) planned.delete(key);
}

/** Parents before children, whatever the order of the rows. */
function parentFirst(planned: Map<string, PlannedBranch>): PlannedBranch[] {
  const out: PlannedBranch[] = [];
  const done = new Set<string>();
  const visit = (key: string, depth: number) => {
    const b = planned.get(key);
    if (!b || done.has(key) || depth > planned.size) return;
    if (b.parentCode) visit(codeKey(b.parentCode), depth + 1);
    done.add(key);
    out.push(b);
  };
  for (const key of planned.keys()) visit(key, 0);
  return out;
}

function validateMembers(
  rows: readonly MemberRow[],
  existing: ExistingState,
  index: BranchIndex,
  problems: RowProblem[],
): PlannedMember[] {
  const firstRow = new Map<string, MemberRow>();
  const telegramRow = new Map<number, MemberRow>();
  const telegramHolder = new Map<number, ExistingState['members'][number]>();
  for (const m of existing.members) if (m.telegramUserId !== null) telegramHolder.set(m.telegramUserId, m);
  const planned: PlannedMember[] = [];

  for (const row of rows) {
    const report = (message: string) => {
      problems.push({ label: row.label, rowNumber: row.rowNumber, message });
      row.bad = true;
    };
    if (row.code) {
      const key = codeKey(row.code);
      const first = firstRow.get(key);
      if (first) report(`mã đảng viên "${row.code}" trùng với ${where(first, row)}`);
      else firstRow.set(key, row);
    }

    let branchCode: string | null | undefined = row.branchRef;
    if (row.branchRef) branchCode = resolveRef(index, row.branchRef, 'tổ chức đảng', report);

    if (row.telegramUserId !== null) {
      const other = telegramRow.get(row.telegramUserId);
      const holder = telegramHolder.get(row.telegramUserId);
      if (other) report(`Telegram ID ${row.telegramUserId} trùng với ${where(other, row)} (${other.code || other.fullName})`);
      else {
        telegramRow.set(row.telegramUserId, row);
        if (holder && (holder.code === null || codeKey(holder.code) !== codeKey(row.code)))
          report(
            `Telegram ID ${row.telegramUserId} đã gắn với người khác trong cơ sở dữ liệu: ${holder.fullName}${holder.code ? ` (${holder.code})` : ''}`,
          );
      }
    }

    if (row.bad) continue;
    planned.push({
      label: row.label,
      rowNumber: row.rowNumber,
      code: row.code,
      fullName: row.fullName,
      branchCode,
      roles: row.roles,
      telegramUserId: row.telegramUserId,
      status: row.status,
    });
  }
  return planned;
}

function compareProblems(sheets: readonly Sheet[]) {
  const order = new Map(sheets.map((s, i) => [s.label, i]));
  return (a: RowProblem, b: RowProblem) =>
    (order.get(a.label) ?? 0) - (order.get(b.label) ?? 0) || (a.rowNumber ?? 0) - (b.rowNumber ?? 0);
}

