/**
 * Pure validation of an indicator import: sheets of resolutions, indicators and branch reports in;
 * either a plan or every problem with its sheet and row number. What the database holds comes in
 * as plain data (IndicatorExistingState), so this file never touches it.
 */
import type { BranchKind } from '../db/schema.js';
import { normalizeHeader, parseYesNo } from './import-columns.js';
import { codeKey, type RowProblem, type Sheet, type SheetRow } from './import-rows.js';
import {
  INDICATOR_COLUMNS,
  INDICATOR_IMPORT_KINDS,
  INDICATOR_KIND_LABELS,
  INDICATOR_SHEET_NAMES,
  READ_ONLY_SHEET_NAMES,
  REPORT_COLUMNS,
  REPORT_INFO_ALIASES,
  RESOLUTION_COLUMNS,
  parseIndicatorKind,
  parseReportPeriod,
  parseTerm,
  parseWholeNumber,
  wholeNumberProblem,
  type IndicatorField,
  type IndicatorImportKind,
  type ReportField,
  type ResolutionField,
} from './indicator-columns.js';
import {
  denominatorCountsMembers,
  figureProblem,
  formatPeriod,
  formatTerm,
  isPercent,
  MAX_FIGURE,
  periodBounds,
  type IndicatorKind,
  type Period,
} from './indicators.js';
import { foldVietnamese } from './text.js';
import { readSheet, type SheetKinds } from './sheet-layout.js';

export interface IndicatorExistingState {
  resolutions: { code: string; name: string; termStartYear: number; termEndYear: number; current: boolean; closed: boolean }[];
  indicators: { resolutionCode: string; code: string; kind: IndicatorKind; denominatorLabel: string; reportCount: number }[];
  /** members: the organisation's active members in the list (a committee with its sub-cells); 0 when none are listed. */
  branches: { id: number; code: string; name: string; shortName: string | null; kind: BranchKind; members: number }[];
}

/** `undefined` fields: the file has no such column, keep what the database has. */
export interface PlannedResolution {
  label: string;
  rowNumber: number;
  /** As stored when the resolution exists (codes match without regard to case). */
  code: string;
  name: string;
  termStartYear: number;
  termEndYear: number;
  current?: boolean;
  closed?: boolean;
}

export interface PlannedIndicator {
  label: string;
  rowNumber: number;
  resolutionCode: string;
  code: string;
  title: string;
  description?: string;
  sourceText?: string;
  unit?: string;
  kind: IndicatorKind;
  target: number;
  /** null: none (percent_by_date then falls due at the end of the term). */
  targetYear?: number | null;
  numeratorLabel?: string;
  denominatorLabel?: string;
  sort?: number;
}

export interface PlannedReport {
  label: string;
  rowNumber: number;
  resolutionCode: string;
  indicatorCode: string;
  branchId: number;
  branchCode: string;
  period: Period;
  numerator: number;
  /** null for counts. */
  denominator: number | null;
  /** undefined: no note column (an unchanged figure keeps its note). */
  note?: string | null;
}

export interface IndicatorSheetSummary {
  label: string;
  kind: IndicatorImportKind;
  rows: number;
}

export interface IndicatorImportPlan {
  resolutions: PlannedResolution[];
  indicators: PlannedIndicator[];
  reports: PlannedReport[];
  sheets: IndicatorSheetSummary[];
  notes: string[];
  problems: RowProblem[];
  /**
   * Figures that may be right but deserve a second look (a denominator of members above the
   * organisation's listed members): written only when the caller accepts them.
   */
  warnings: RowProblem[];
}


export function planIndicatorImport(sheets: readonly Sheet[], existing: IndicatorExistingState): IndicatorImportPlan {
  const plan: IndicatorImportPlan = { resolutions: [], indicators: [], reports: [], sheets: [], notes: [], problems: [], warnings: [] };
  const rows: Record<IndicatorImportKind, { label: string; row: SheetRow; columns: Map<string, number> }[]> = {
    resolutions: [],
    indicators: [],
    reports: [],
  };
  for (const sheet of sheets) {
    // The export's summary sheet is for reading only.
    if (READ_ONLY_SHEET_NAMES.includes(normalizeHeader(sheet.name.replace(/\.(csv|xlsx)$/i, '')))) {
      const message = 'trang chỉ để xem, không nhập';
      if (sheets.length === 1) plan.problems.push({ label: sheet.label, rowNumber: null, message });
      else plan.notes.push(`Bỏ qua ${sheet.label}: ${message}`);
      continue;
    }
    const read = readSheet(INDICATOR_SHEETS, sheet, plan, { alone: sheets.length === 1 });
    if (!read) continue;
    const { layout, body } = read;
    for (const row of body) rows[layout.kind].push({ label: sheet.label, row, columns: layout.columns });
  }
  if (plan.sheets.length === 0 && plan.problems.length === 0)
    plan.problems.push({ label: 'tệp', rowNumber: null, message: 'không có trang nào chứa nghị quyết, chỉ tiêu hoặc số liệu báo cáo' });

  const problems = plan.problems;
  const resolutions = new ResolutionIndex(existing);
  plan.resolutions = validateResolutions(rows.resolutions, resolutions, problems);
  const indicators = new IndicatorIndex(existing, resolutions);
  plan.indicators = validateIndicators(rows.indicators, existing, resolutions, indicators, problems);
  plan.reports = validateReports(rows.reports, existing, resolutions, indicators, problems, plan.warnings);
  const order = new Map(sheets.map((s, i) => [s.label, i]));
  const byRow = (a: RowProblem, b: RowProblem) => (order.get(a.label) ?? -1) - (order.get(b.label) ?? -1) || (a.rowNumber ?? 0) - (b.rowNumber ?? 0);
  problems.sort(byRow);
  plan.warnings.sort(byRow);
  return plan;
}

/** What a resolutions, indicators or reports sheet looks like. */
const INDICATOR_SHEETS: SheetKinds<IndicatorImportKind> = {
  kinds: INDICATOR_IMPORT_KINDS,
  columns: (kind) => (kind === 'resolutions' ? RESOLUTION_COLUMNS : kind === 'indicators' ? INDICATOR_COLUMNS : REPORT_COLUMNS),
  sheetNames: INDICATOR_SHEET_NAMES,
  noHeader: 'không tìm thấy dòng tiêu đề cột (ví dụ "Mã chỉ tiêu", "Kỳ báo cáo")',
  unknownKind: 'không nhận ra đây là danh sách nghị quyết, chỉ tiêu hay số liệu; đặt tên trang "Nghị quyết", "Chỉ tiêu" hoặc "Số liệu"',
  // The export adds columns for reading (titles, values); importing them back ignores them quietly.
  informative: (kind, header) => kind === 'reports' && REPORT_INFO_ALIASES.includes(header),
};

function cellReader<F extends string>(row: SheetRow, columns: Map<string, number>) {
  /** undefined when the column is absent, '' when the cell is empty. */
  return (field: F): string | undefined => {
    const i = columns.get(field);
    return i === undefined ? undefined : (row.cells[i] ?? '').trim();
  };
}

// Resolutions

/** Resolution codes known to the import (file and database), with the term to check periods against. */
class ResolutionIndex {
  private readonly byKey = new Map<string, { code: string; term: { startYear: number; endYear: number } | null }>();

  constructor(existing: IndicatorExistingState) {
    for (const r of existing.resolutions)
      this.byKey.set(codeKey(r.code), { code: r.code, term: { startYear: r.termStartYear, endYear: r.termEndYear } });
  }

  /** A file row: keeps the stored spelling of the code, takes the file's term (null when it is bad). */
  set(code: string, term: { startYear: number; endYear: number } | null): string {
    const known = this.byKey.get(codeKey(code));
    const canonical = known?.code ?? code;
    this.byKey.set(codeKey(code), { code: canonical, term });
    return canonical;
  }

  get(code: string) {
    return this.byKey.get(codeKey(code)) ?? null;
  }
}

function validateResolutions(
  rows: readonly { label: string; row: SheetRow; columns: Map<string, number> }[],
  index: ResolutionIndex,
  problems: RowProblem[],
): PlannedResolution[] {
  const planned: PlannedResolution[] = [];
  const seen = new Map<string, { label: string; rowNumber: number }>();
  let currentRow: { label: string; rowNumber: number } | null = null;
  for (const { label, row, columns } of rows) {
    const cell = cellReader<ResolutionField>(row, columns);
    const before = problems.length;
    const report = (message: string) => problems.push({ label, rowNumber: row.rowNumber, message });
    const here = { label, rowNumber: row.rowNumber };

    const code = cell('code') ?? '';
    if (code === '') report('thiếu mã nghị quyết');
    const name = cell('name') ?? '';
    if (name === '') report('thiếu tên nghị quyết');
    const termText = cell('term') ?? '';
    const term = termText === '' ? null : parseTerm(termText);
    if (termText === '') report('thiếu nhiệm kỳ');
    else if (!term) report(`nhiệm kỳ "${termText}" không hợp lệ: ghi năm đầu và năm cuối, ví dụ 2020-2025`);
    const current = yesNo(cell('current'), 'Hiện hành', report);
    const closed = yesNo(cell('closed'), 'Đã kết thúc', report);

    if (code !== '') {
      const other = seen.get(codeKey(code));
      if (other) report(`mã nghị quyết "${code}" trùng với ${where(other, here)}`);
      else seen.set(codeKey(code), here);
    }
    if (current === true) {
      if (currentRow) report(`chỉ một nghị quyết là hiện hành; ${where(currentRow, here)} đã ghi "có"`);
      else currentRow = here;
    }
    const canonical = code === '' ? code : index.set(code, term ? term : null);
    if (problems.length > before || !term) continue;
    planned.push({ ...here, code: canonical, name, termStartYear: term.startYear, termEndYear: term.endYear, current, closed });
  }
  return planned;
}

function yesNo(text: string | undefined, column: string, report: (m: string) => void): boolean | undefined {
  if (text === undefined || text === '') return undefined;
  const value = parseYesNo(text);
  if (value === null) report(`cột "${column}" phải là "có" hoặc "không" (đang ghi "${text}")`);
  return value ?? undefined;
}

// Indicators

interface KnownIndicator {
  resolutionCode: string;
  code: string;
  /** null when the file's row for it is bad: checks that need the kind are skipped. */
  kind: IndicatorKind | null;
  /** Its denominator counts Party members (denominatorCountsMembers). */
  countsMembers: boolean;
  term: { startYear: number; endYear: number } | null;
}

class IndicatorIndex {
  private readonly byKey = new Map<string, KnownIndicator>();

  constructor(
    existing: IndicatorExistingState,
    private readonly resolutions: ResolutionIndex,
  ) {
    for (const i of existing.indicators) this.add(i.resolutionCode, i.code, i.kind, i.denominatorLabel);
  }

  add(resolutionCode: string, code: string, kind: IndicatorKind | null, denominatorLabel: string): KnownIndicator {
    const key = `${codeKey(resolutionCode)}\n${codeKey(code)}`;
    const res = this.resolutions.get(resolutionCode);
    const entry = {
      resolutionCode: res?.code ?? resolutionCode,
      code: this.byKey.get(key)?.code ?? code,
      kind,
      countsMembers: kind !== null && denominatorCountsMembers(kind, denominatorLabel),
      term: res?.term ?? null,
    };
    this.byKey.set(key, entry);
    return entry;
  }

  get(resolutionCode: string, code: string): KnownIndicator | null {
    return this.byKey.get(`${codeKey(resolutionCode)}\n${codeKey(code)}`) ?? null;
  }

  /** Every resolution that has an indicator with this code. */
  withCode(code: string): KnownIndicator[] {
    return [...this.byKey.values()].filter((i) => codeKey(i.code) === codeKey(code));
  }
}

function validateIndicators(
  rows: readonly { label: string; row: SheetRow; columns: Map<string, number> }[],
  existing: IndicatorExistingState,
  resolutions: ResolutionIndex,
  index: IndicatorIndex,
  problems: RowProblem[],
): PlannedIndicator[] {
  const planned: PlannedIndicator[] = [];
  const seen = new Map<string, { label: string; rowNumber: number }>();
  const stored = new Map(existing.indicators.map((i) => [`${codeKey(i.resolutionCode)}\n${codeKey(i.code)}`, i]));
  for (const { label, row, columns } of rows) {
    const cell = cellReader<IndicatorField>(row, columns);
    const before = problems.length;
    const report = (message: string) => problems.push({ label, rowNumber: row.rowNumber, message });
    const here = { label, rowNumber: row.rowNumber };

    const resolutionRef = cell('resolutionCode') ?? '';
    const resolution = resolutionRef === '' ? null : resolutions.get(resolutionRef);
    if (resolutionRef === '') report('thiếu mã nghị quyết');
    else if (!resolution) report(`nghị quyết "${resolutionRef}" không có trong tệp và trong cơ sở dữ liệu`);
    const code = cell('code') ?? '';
    if (code === '') report('thiếu mã chỉ tiêu');
    const title = cell('title') ?? '';
    if (title === '') report('thiếu tên chỉ tiêu');

    const kindText = cell('kind') ?? '';
    const parsedKind = kindText === '' ? null : parseIndicatorKind(kindText);
    if (kindText === '') report('thiếu loại chỉ tiêu');
    else if (!parsedKind)
      report(`loại chỉ tiêu "${kindText}" không hợp lệ; dùng một trong: ${Object.values(INDICATOR_KIND_LABELS).join(', ')}`);
    const kind = parsedKind?.kind ?? null;

    const targetText = cell('target') ?? '';
    const target = parseWholeNumber(targetText, { percentSign: true });
    if (!target.ok) report(wholeNumberProblem('mục tiêu', targetText, target.reason));
    else if (kind && isPercent(kind) && target.value > 100) report(`mục tiêu của chỉ tiêu tỷ lệ phải từ 0 đến 100 (đang ghi "${targetText}")`);

    const yearText = cell('targetYear');
    let targetYear: number | null | undefined = yearText === undefined ? undefined : null;
    if (yearText) {
      if (/^\d{4}$/.test(yearText)) targetYear = Number(yearText);
      else report(`năm đạt "${yearText}" không hợp lệ: ghi năm, ví dụ 2025`);
    }
    if (parsedKind?.year !== undefined) {
      if (targetYear && targetYear !== parsedKind.year)
        report(`loại chỉ tiêu ghi năm ${parsedKind.year} nhưng cột "Năm đạt" ghi ${targetYear}`);
      targetYear = parsedKind.year;
    }
    const term = resolution?.term;
    if (term && targetYear && (targetYear < term.startYear || targetYear > term.endYear))
      report(`năm đạt ${targetYear} nằm ngoài ${formatTerm(term.startYear, term.endYear)}`);

    const sortText = cell('sort');
    let sort: number | undefined;
    if (sortText) {
      const parsed = parseWholeNumber(sortText);
      if (parsed.ok) sort = parsed.value;
      else report(wholeNumberProblem('thứ tự', sortText, parsed.reason));
    }

    if (resolution && code !== '') {
      const key = `${codeKey(resolution.code)}\n${codeKey(code)}`;
      const other = seen.get(key);
      if (other) report(`chỉ tiêu "${code}" của nghị quyết "${resolution.code}" trùng với ${where(other, here)}`);
      else seen.set(key, here);
      const before = stored.get(key);
      if (before && kind && before.reportCount > 0 && isPercent(before.kind) !== isPercent(kind))
        report(
          `chỉ tiêu "${code}" đã có ${before.reportCount} số liệu dạng ${isPercent(before.kind) ? 'tỷ lệ' : 'số lượng'}; không đổi sang loại "${INDICATOR_KIND_LABELS[kind]}" được`,
        );
    }
    const bad = problems.length > before;
    const storedLabel = resolution && code !== '' ? (stored.get(`${codeKey(resolution.code)}\n${codeKey(code)}`)?.denominatorLabel ?? '') : '';
    const known = resolution && code !== '' ? index.add(resolution.code, code, bad ? null : kind, cell('denominatorLabel') ?? storedLabel) : null;
    if (bad || !known || !kind || !target.ok) continue;
    planned.push({
      ...here,
      resolutionCode: known.resolutionCode,
      code: known.code,
      title,
      description: cell('description'),
      sourceText: cell('sourceText'),
      unit: cell('unit'),
      kind,
      target: target.value,
      targetYear,
      numeratorLabel: cell('numeratorLabel'),
      denominatorLabel: cell('denominatorLabel'),
      sort,
    });
  }
  return planned;
}

// Reports

/** Reporting branches by code, or by a name that only one branch has. */
class BranchFinder {
  private readonly byCode = new Map<string, IndicatorExistingState['branches'][number]>();
  private readonly byName = new Map<string, IndicatorExistingState['branches'][number][]>();

  constructor(branches: IndicatorExistingState['branches']) {
    for (const b of branches) {
      this.byCode.set(codeKey(b.code), b);
      for (const name of new Set([b.name, b.shortName].filter((n): n is string => !!n).map(foldVietnamese))) {
        this.byName.set(name, [...(this.byName.get(name) ?? []), b]);
      }
    }
  }

  find(ref: string): IndicatorExistingState['branches'][number] | { ambiguous: string[] } | null {
    const byCode = this.byCode.get(codeKey(ref));
    if (byCode) return byCode;
    const named = this.byName.get(foldVietnamese(ref)) ?? [];
    if (named.length === 1) return named[0]!;
    if (named.length > 1) return { ambiguous: named.map((b) => b.code) };
    return null;
  }
}

function validateReports(
  rows: readonly { label: string; row: SheetRow; columns: Map<string, number> }[],
  existing: IndicatorExistingState,
  resolutions: ResolutionIndex,
  indicators: IndicatorIndex,
  problems: RowProblem[],
  warnings: RowProblem[],
): PlannedReport[] {
  const planned: PlannedReport[] = [];
  const branches = new BranchFinder(existing.branches);
  const seen = new Map<string, { label: string; rowNumber: number }>();
  for (const { label, row, columns } of rows) {
    const cell = cellReader<ReportField>(row, columns);
    const before = problems.length;
    const report = (message: string) => problems.push({ label, rowNumber: row.rowNumber, message });
    const here = { label, rowNumber: row.rowNumber };

    // Which indicator: by resolution and code, or by a code only one resolution has.
    const resolutionRef = cell('resolutionCode') ?? '';
    const indicatorRef = cell('indicatorCode') ?? '';
    let indicator: KnownIndicator | null = null;
    if (indicatorRef === '') report('thiếu mã chỉ tiêu');
    if (resolutionRef !== '') {
      const resolution = resolutions.get(resolutionRef);
      if (!resolution) report(`nghị quyết "${resolutionRef}" không có trong tệp và trong cơ sở dữ liệu`);
      else if (indicatorRef !== '') {
        indicator = indicators.get(resolution.code, indicatorRef);
        if (!indicator) report(`chỉ tiêu "${indicatorRef}" không có trong nghị quyết "${resolution.code}" (trong tệp và trong cơ sở dữ liệu)`);
      }
    } else if (indicatorRef !== '') {
      const matches = indicators.withCode(indicatorRef);
      if (matches.length === 0) report(`chỉ tiêu "${indicatorRef}" không có trong tệp và trong cơ sở dữ liệu`);
      else if (matches.length > 1)
        report(
          `mã chỉ tiêu "${indicatorRef}" có trong nhiều nghị quyết (${matches.map((m) => m.resolutionCode).join(', ')}); ghi thêm cột "Mã nghị quyết"`,
        );
      else indicator = matches[0]!;
    }

    const branchRef = cell('branchCode') ?? '';
    let branch: IndicatorExistingState['branches'][number] | null = null;
    if (branchRef === '') report('thiếu mã tổ chức cơ sở đảng');
    else {
      const found = branches.find(branchRef);
      if (found === null)
        report(`tổ chức cơ sở đảng "${branchRef}" không có trong cơ sở dữ liệu (nhập danh sách tổ chức trước bằng lệnh import)`);
      else if ('ambiguous' in found) report(`"${branchRef}" khớp với nhiều tổ chức (${found.ambiguous.join(', ')}); ghi mã thay cho tên`);
      else if (found.kind === 'subcell')
        report(`${found.name} (${found.code}) là chi bộ trực thuộc: số liệu do đảng bộ cơ sở cấp trên tổng hợp và báo cáo`);
      else branch = found;
    }

    const periodText = cell('period') ?? '';
    const period = periodText === '' ? null : parseReportPeriod(periodText);
    if (periodText === '') report('thiếu kỳ báo cáo');
    else if (!period) report(`kỳ báo cáo "${periodText}" không hợp lệ: ghi dạng quý III/2024, Q3/2024 hoặc 2024-Q3`);
    else if (indicator?.term) {
      const { year } = periodBounds(period);
      const { startYear, endYear } = indicator.term;
      if (year < startYear || year > endYear)
        report(`${formatPeriod(period)} nằm ngoài ${formatTerm(startYear, endYear)} của nghị quyết "${indicator.resolutionCode}"`);
    }

    const numeratorText = cell('numerator') ?? '';
    const numerator = parseWholeNumber(numeratorText);
    if (!numerator.ok) report(wholeNumberProblem(indicator?.kind && !isPercent(indicator.kind) ? 'số liệu' : 'số đạt', numeratorText, numerator.reason));
    const percent = indicator?.kind ? isPercent(indicator.kind) : null;
    let denominator: number | null = null;
    const denominatorText = cell('denominator') ?? '';
    let denominatorRead = true;
    // A count has no denominator: one written anyway is left out.
    if (percent !== false) {
      const parsed = parseWholeNumber(denominatorText);
      if (parsed.ok) denominator = parsed.value;
      else if (parsed.reason !== 'empty') {
        report(wholeNumberProblem('tổng số', denominatorText, parsed.reason));
        denominatorRead = false;
      }
    }
    // The rules of a figure are the bot's (figureProblem): the same refusals, in the file's terms.
    if (indicator?.kind && numerator.ok && denominatorRead) {
      const problem = figureProblem(indicator.kind, numerator.value, denominator);
      if (problem) report(figureProblemText(problem, numerator.value, denominator));
    }
    if (indicator?.countsMembers && branch && branch.members > 0 && denominator !== null && denominator > branch.members)
      warnings.push({
        label,
        rowNumber: row.rowNumber,
        message: `tổng số ${denominator} lớn hơn số đảng viên của ${branch.name} trong danh sách (${branch.members}); kiểm tra lại số liệu`,
      });

    if (indicator && branch && period) {
      const key = `${codeKey(indicator.resolutionCode)}\n${codeKey(indicator.code)}\n${branch.id}\n${period}`;
      const other = seen.get(key);
      if (other) report(`trùng với ${where(other, here)} (cùng chỉ tiêu, tổ chức cơ sở đảng và kỳ báo cáo)`);
      else seen.set(key, here);
    }

    const noteText = cell('note');
    if (problems.length > before || !indicator || !branch || !period || !numerator.ok) continue;
    planned.push({
      ...here,
      resolutionCode: indicator.resolutionCode,
      indicatorCode: indicator.code,
      branchId: branch.id,
      branchCode: branch.code,
      period,
      numerator: numerator.value,
      denominator: percent ? denominator : null,
      note: noteText === undefined ? undefined : noteText || null,
    });
  }
  return planned;
}

/** A refused figure, in the words of the file's columns ("Số đạt", "Tổng số"). */
function figureProblemText(problem: NonNullable<ReturnType<typeof figureProblem>>, numerator: number, denominator: number | null): string {
  const max = MAX_FIGURE.toLocaleString('vi-VN');
  switch (problem) {
    case 'too_large': {
      const value = numerator > MAX_FIGURE ? numerator : (denominator ?? 0);
      return `số liệu ${value.toLocaleString('vi-VN')} quá lớn: không tổ chức cơ sở đảng nào có quá ${max}; kiểm tra lại số liệu`;
    }
    case 'zero_denominator':
      return 'tổng số bằng 0: chỉ tiêu tỷ lệ cần tổng số lớn hơn 0, ví dụ số đạt 45, tổng số 50';
    case 'denominator_required':
      return 'chỉ tiêu tỷ lệ cần tổng số (cột "Tổng số"), ví dụ số đạt 45, tổng số 50';
    case 'numerator_above_denominator':
      return `số đạt (${numerator}) lớn hơn tổng số (${denominator ?? ''})`;
    case 'negative':
      return 'số liệu không được âm';
    case 'not_whole':
      return 'số liệu phải là số nguyên';
  }
}

function where(row: { label: string; rowNumber: number }, from: { label: string }): string {
  return row.label === from.label ? `dòng ${row.rowNumber}` : `${row.label}, dòng ${row.rowNumber}`;
}

