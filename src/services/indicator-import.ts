/**
 * Applies a validated indicator import: resolutions, their indicators, then the branches' reports,
 * all in one transaction. Reports go through IndicatorService.report, so a changed figure
 * supersedes the stored one (its history stays) and an identical one is left alone. A dry run
 * makes the same writes and rolls them back.
 */
import type { Db } from '../db/connection.js';
import { transactionKeptIf } from '../db/transaction.js';
import { codeKey, type RowProblem, type Sheet } from '../domain/import-rows.js';
import { indicatorKindLabel } from '../domain/indicator-columns.js';
import {
  planIndicatorImport,
  type IndicatorExistingState,
  type IndicatorImportPlan,
  type PlannedIndicator,
  type PlannedReport,
  type PlannedResolution,
} from '../domain/indicator-import.js';
import { comparePeriods, formatPeriod, formatTerm, formatTermYears, MAX_FIGURE, type Period } from '../domain/indicators.js';
import type { Actor } from './actor.js';
import type { BranchService } from './branches.js';
import type { ImportCounts } from './import.js';
import type { Indicator, IndicatorService, ReportResult, Resolution } from './indicators.js';

export interface IndicatorImportChange {
  kind: 'resolutions' | 'indicators';
  /** The resolution's code, or "resolution/indicator" codes. */
  code: string;
  action: 'created' | 'updated';
  /** For an update: what changed, in Vietnamese. */
  fields: string[];
}

export interface IndicatorImportReport {
  dryRun: boolean;
  resolutions: ImportCounts;
  indicators: ImportCounts;
  /** created: a first figure for its branch and period; superseded: a different figure replaced the stored one. */
  reports: { created: number; superseded: number; unchanged: number };
  changes: IndicatorImportChange[];
}

export class IndicatorImportService {
  constructor(
    private readonly db: Db,
    private readonly indicators: IndicatorService,
    private readonly branches: BranchService,
  ) {}

  existingState(): IndicatorExistingState {
    const all = this.indicators.resolutions();
    return {
      resolutions: all.map((r) => ({
        code: r.code,
        name: r.name,
        termStartYear: r.termStartYear,
        termEndYear: r.termEndYear,
        current: r.current,
        closed: r.closed,
      })),
      indicators: all.flatMap((r) =>
        this.indicators.indicatorsOf(r.id).map((i) => ({
          resolutionCode: r.code,
          code: i.code,
          kind: i.kind,
          denominatorLabel: i.denominatorLabel,
          reportCount: this.indicators.figures(i.id).length,
        })),
      ),
      branches: this.branches.list().map((b) => ({
        id: b.id,
        code: b.code,
        name: b.name,
        shortName: b.shortName,
        kind: b.kind,
        // Only grassroots organisations report: their member counts are the ones checked.
        members: b.kind === 'subcell' ? 0 : this.indicators.membersOf(b.id),
      })),
    };
  }

  plan(sheets: readonly Sheet[]): IndicatorImportPlan {
    return planIndicatorImport(sheets, this.existingState());
  }

  /**
   * Validates and, when every row is good, writes (a dry run writes and rolls back). A report the
   * service refuses while writing (a cumulative count going down without a note) is a problem of
   * its row like any other: then nothing is written. Warnings (plan.warnings) stop a real run
   * unless `acceptWarnings`; a dry run goes on and lists them. `report` is null when nothing could
   * be written.
   */
  run(
    sheets: readonly Sheet[],
    actor: Actor,
    options: { dryRun: boolean; acceptWarnings?: boolean },
  ): { plan: IndicatorImportPlan; report: IndicatorImportReport | null } {
    return transactionKeptIf<{ plan: IndicatorImportPlan; report: IndicatorImportReport | null }>(this.db.$client, () => {
      const plan = this.plan(sheets);
      if (plan.problems.length > 0) return { value: { plan, report: null }, keep: false };
      if (plan.warnings.length > 0 && !options.dryRun && !options.acceptWarnings) return { value: { plan, report: null }, keep: false };
      const { report, problems } = this.write(plan, actor, options.dryRun);
      if (problems.length > 0) {
        const order = new Map(sheets.map((s, i) => [s.label, i]));
        plan.problems.push(...problems);
        plan.problems.sort((a, b) => (order.get(a.label) ?? -1) - (order.get(b.label) ?? -1) || (a.rowNumber ?? 0) - (b.rowNumber ?? 0));
        return { value: { plan, report: null }, keep: false };
      }
      return { value: { plan, report }, keep: !options.dryRun };
    });
  }

  private write(plan: IndicatorImportPlan, actor: Actor, dryRun: boolean): { report: IndicatorImportReport; problems: RowProblem[] } {
    const report: IndicatorImportReport = {
      dryRun,
      resolutions: { created: 0, updated: 0, unchanged: 0 },
      indicators: { created: 0, updated: 0, unchanged: 0 },
      reports: { created: 0, superseded: 0, unchanged: 0 },
      changes: [],
    };
    this.writeResolutions(plan.resolutions, actor, report);
    this.writeIndicators(plan.indicators, actor, report);
    const problems = this.writeReports(plan.reports, actor, report);
    return { report, problems };
  }

  private resolutionByCode(code: string): Resolution | null {
    return this.indicators.resolutions().find((r) => codeKey(r.code) === codeKey(code)) ?? null;
  }

  private writeResolutions(rows: readonly PlannedResolution[], actor: Actor, report: IndicatorImportReport) {
    const fileHasCurrent = rows.some((r) => r.current === true);
    const currentBefore = new Map(this.indicators.resolutions().map((r) => [r.id, r.current]));
    // The current one last: marking it current clears the flag everywhere else.
    const ordered = [...rows].sort((a, b) => Number(a.current === true) - Number(b.current === true));
    for (const row of ordered) {
      const before = this.resolutionByCode(row.code);
      const input = {
        code: before?.code ?? row.code,
        name: row.name,
        termStartYear: row.termStartYear,
        termEndYear: row.termEndYear,
        current: row.current ?? (fileHasCurrent ? false : (before?.current ?? false)),
        closed: row.closed ?? before?.closed ?? false,
      };
      const fields = before ? resolutionChanges(before, input) : null;
      if (fields?.length === 0) {
        report.resolutions.unchanged++;
        continue;
      }
      this.indicators.upsertResolution(input, actor);
      count(report, 'resolutions', input.code, fields);
    }
    // Marking one current cleared the others: say so for those the file did not list.
    const listed = new Set(rows.map((r) => codeKey(r.code)));
    for (const r of this.indicators.resolutions()) {
      if (!listed.has(codeKey(r.code)) && currentBefore.get(r.id) && !r.current)
        report.changes.push({ kind: 'resolutions', code: r.code, action: 'updated', fields: ['thôi là nghị quyết hiện hành'] });
    }
  }

  private writeIndicators(rows: readonly PlannedIndicator[], actor: Actor, report: IndicatorImportReport) {
    const nextSort = new Map<number, number>();
    for (const row of rows) {
      const resolution = this.resolutionByCode(row.resolutionCode)!;
      const all = this.indicators.indicatorsOf(resolution.id);
      const before = all.find((i) => codeKey(i.code) === codeKey(row.code)) ?? null;
      const sort = nextSort.get(resolution.id) ?? Math.max(0, ...all.map((i) => i.sort)) + 1;
      const input = {
        resolutionId: resolution.id,
        code: before?.code ?? row.code,
        title: row.title,
        description: row.description ?? before?.description ?? '',
        sourceText: row.sourceText ?? before?.sourceText ?? '',
        unit: row.unit ?? before?.unit ?? '',
        kind: row.kind,
        target: row.target,
        targetYear: row.targetYear === undefined ? (before?.targetYear ?? null) : row.targetYear,
        numeratorLabel: row.numeratorLabel ?? before?.numeratorLabel ?? '',
        denominatorLabel: row.denominatorLabel ?? before?.denominatorLabel ?? '',
        sort: row.sort ?? before?.sort ?? sort,
      };
      if (!before && row.sort === undefined) nextSort.set(resolution.id, sort + 1);
      const fields = before ? indicatorChanges(before, input) : null;
      const code = `${resolution.code}/${input.code}`;
      if (fields?.length === 0) {
        report.indicators.unchanged++;
        continue;
      }
      this.indicators.upsertIndicator(input, actor);
      count(report, 'indicators', code, fields);
    }
  }

  private writeReports(rows: readonly PlannedReport[], actor: Actor, report: IndicatorImportReport): RowProblem[] {
    const problems: RowProblem[] = [];
    if (rows.length === 0) return problems;
    const indicatorIds = new Map<string, number>();
    for (const r of this.indicators.resolutions())
      for (const i of this.indicators.indicatorsOf(r.id)) indicatorIds.set(`${codeKey(r.code)}\n${codeKey(i.code)}`, i.id);

    // Oldest period first, so each cumulative count is checked against the one before it.
    const ordered = [...rows].sort((a, b) => comparePeriods(a.period, b.period) || a.rowNumber - b.rowNumber);
    for (const row of ordered) {
      const indicatorId = indicatorIds.get(`${codeKey(row.resolutionCode)}\n${codeKey(row.indicatorCode)}`)!;
      const stored = this.indicators.history(indicatorId, row.branchId, row.period).find((h) => h.supersededAt === null) ?? null;
      const note = row.note === undefined ? undefined : row.note?.trim() || null;
      const same =
        stored !== null &&
        stored.numerator === row.numerator &&
        (stored.denominator ?? null) === row.denominator &&
        (note === undefined || (stored.note ?? null) === note);
      if (same) {
        report.reports.unchanged++;
        continue;
      }
      const result = this.indicators.report(
        indicatorId,
        row.branchId,
        row.period,
        { numerator: row.numerator, denominator: row.denominator, note: note ?? null },
        null,
        actor,
        // The import records history too: a closed term still takes its past figures from here.
        { allowClosed: true },
      );
      if (!result.ok) problems.push({ label: row.label, rowNumber: row.rowNumber, message: refusal(result, row) });
      else if (stored) report.reports.superseded++;
      else report.reports.created++;
    }
    return problems;
  }
}

function count(report: IndicatorImportReport, kind: 'resolutions' | 'indicators', code: string, fields: string[] | null) {
  if (fields === null) {
    report[kind].created++;
    report.changes.push({ kind, code, action: 'created', fields: [] });
  } else {
    report[kind].updated++;
    report.changes.push({ kind, code, action: 'updated', fields });
  }
}

function resolutionChanges(
  before: Resolution,
  after: { name: string; termStartYear: number; termEndYear: number; current: boolean; closed: boolean },
): string[] {
  const fields: string[] = [];
  if (before.name !== after.name) fields.push('tên');
  if (before.termStartYear !== after.termStartYear || before.termEndYear !== after.termEndYear)
    fields.push(`${formatTerm(before.termStartYear, before.termEndYear)} → ${formatTermYears(after.termStartYear, after.termEndYear)}`);
  if (before.current !== after.current) fields.push(after.current ? 'là nghị quyết hiện hành' : 'thôi là nghị quyết hiện hành');
  if (before.closed !== after.closed) fields.push(after.closed ? 'đã kết thúc' : 'mở lại');
  return fields;
}

function indicatorChanges(before: Indicator, after: Omit<Indicator, 'id'>): string[] {
  const fields: string[] = [];
  if (before.title !== after.title) fields.push('tên');
  if (before.description !== after.description) fields.push('mô tả');
  if (before.sourceText !== after.sourceText) fields.push('trích nghị quyết');
  if (before.unit !== after.unit) fields.push('đơn vị tính');
  if (before.kind !== after.kind || before.targetYear !== after.targetYear)
    fields.push(`loại "${indicatorKindLabel(before.kind, before.targetYear)}" → "${indicatorKindLabel(after.kind, after.targetYear)}"`);
  if (before.target !== after.target) fields.push(`mục tiêu ${before.target} → ${after.target}`);
  if (before.numeratorLabel !== after.numeratorLabel || before.denominatorLabel !== after.denominatorLabel) fields.push('nội dung số đạt, tổng số');
  if (before.sort !== after.sort) fields.push('thứ tự');
  return fields;
}

function refusal(result: Extract<ReportResult, { ok: false }>, row: PlannedReport): string {
  switch (result.reason) {
    case 'needs_note': {
      const previous = result.previous;
      const was = previous ? ` (${formatPeriod(previous.period as Period)}: ${previous.numerator})` : '';
      return `số lũy kế ${row.numerator} thấp hơn lần báo cáo trước${was}; ghi lý do vào cột "Ghi chú"`;
    }
    case 'closed':
      return 'nhiệm kỳ của chỉ tiêu đã kết thúc, không nhận số liệu';
    // The plan refuses these first (figureProblem); kept for a service that refuses on its own.
    case 'negative':
      return 'số liệu không được âm';
    case 'not_whole':
      return 'số liệu phải là số nguyên';
    case 'too_large':
      return `số liệu quá lớn: không tổ chức cơ sở đảng nào có quá ${MAX_FIGURE.toLocaleString('vi-VN')}`;
    case 'zero_denominator':
      return 'tổng số bằng 0: chỉ tiêu tỷ lệ cần tổng số lớn hơn 0';
    case 'numerator_above_denominator':
      return `số đạt (${row.numerator}) lớn hơn tổng số (${row.denominator ?? ''})`;
    case 'denominator_required':
      return 'chỉ tiêu tỷ lệ cần tổng số (cột "Tổng số")';
  }
}
