/**
 * The office's indicator workbook: a summary sheet (each indicator's bloc figure and status for the
 * period) and a "Số liệu" sheet with every current branch figure. The "Số liệu" sheet uses the
 * import's headers, so it can be corrected in Excel and imported back (import-indicators); the
 * extra columns (names, value, who and when) are there to read and are passed over on import.
 */
import type ExcelJS from 'exceljs';
import { INDICATOR_SHEET_TITLES, REPORT_COLUMNS, REPORT_INFO_HEADERS, STATUS_LABELS, indicatorKindLabel } from '../domain/indicator-columns.js';
import { comparePeriods, formatPeriod, formatTerm, isPercent, type Period } from '../domain/indicators.js';
import type { BranchService } from './branches.js';
import type { IndicatorReport, IndicatorService, Resolution } from './indicators.js';
import type { MemberService } from './members.js';
import { addHeader, type Column, fitWidths, formatReportedAt, loadExcelJS } from './workbook-style.js';

/** With the branch and member services, the sheet names each branch's code and each reporter. */
export interface IndicatorExportServices {
  indicators: IndicatorService;
  branches: BranchService;
  members: MemberService;
}

export type IndicatorExportSource = IndicatorService | IndicatorExportServices;

export interface IndicatorExportOptions {
  /** Where "reported at" is shown (default Asia/Ho_Chi_Minh). */
  timeZone?: string;
}

export interface IndicatorWorkbook {
  workbook: ExcelJS.Workbook;
  /** null when there is no resolution at all (the workbook then says so). */
  resolution: Resolution | null;
  period: Period | null;
  indicators: number;
  reports: number;
}

export const SUMMARY_SHEET = 'Tổng hợp';
export const REPORTS_SHEET = INDICATOR_SHEET_TITLES.reports;

/**
 * The workbook as an .xlsx file. `resolutionId` defaults to the current resolution (else the
 * latest term).
 */
export async function exportIndicatorsXlsx(
  source: IndicatorExportSource,
  resolutionId?: number,
  options: IndicatorExportOptions = {},
): Promise<Buffer> {
  const { workbook } = await buildIndicatorWorkbook(source, resolutionId, options);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function buildIndicatorWorkbook(
  source: IndicatorExportSource,
  resolutionId?: number,
  options: IndicatorExportOptions = {},
): Promise<IndicatorWorkbook> {
  const lookups = lookupsOf(source);
  const service = lookups.indicators;
  const timeZone = options.timeZone ?? 'Asia/Ho_Chi_Minh';
  const workbook = new (await loadExcelJS()).Workbook();
  workbook.creator = 'party-bloc-bot';

  const resolution =
    resolutionId === undefined ? (service.current() ?? service.resolutions()[0] ?? null) : service.getResolution(resolutionId);
  if (resolutionId !== undefined && !resolution) throw new Error(`No resolution ${resolutionId}`);
  const summary = workbook.addWorksheet(SUMMARY_SHEET, { views: [{ state: 'frozen', ySplit: 3 }] });
  if (!resolution) {
    summary.addRow(['Chưa có nghị quyết nào trong hệ thống.']).font = { bold: true };
    return { workbook, resolution: null, period: null, indicators: 0, reports: 0 };
  }
  // The same period as /chitieu: now while the term runs, its last reported quarter once it is over.
  const period = service.displayPeriod(resolution);
  const periodText = formatPeriod(period);
  const indicators = service.indicatorsOf(resolution.id);

  // Summary
  summary.addRow([`Chỉ tiêu ${resolution.name}`]).font = { bold: true, size: 14 };
  const state = service.isOver(resolution) ? 'đã kết thúc' : resolution.current ? 'đang thực hiện' : '';
  const expected = service.reportingBranches().length;
  // "Đã báo cáo đủ" is /chitieu's figure: every indicator due for the period reported.
  const complete = service.completeBranches(resolution, period);
  const term = formatTerm(resolution.termStartYear, resolution.termEndYear);
  summary.addRow([
    [
      term.charAt(0).toUpperCase() + term.slice(1),
      state,
      `số liệu toàn Khối đến ${periodText}`,
      `${complete}/${expected} tổ chức cơ sở đảng đã báo cáo đủ ${periodText}`,
    ]
      .filter(Boolean)
      .join(' · '),
  ]).font = { italic: true };
  const summaryColumns: Column[] = [
    { header: 'STT', width: 6 },
    { header: 'Mã chỉ tiêu', width: 12 },
    { header: 'Tên chỉ tiêu', width: 50, wrap: true },
    { header: 'Loại', width: 22 },
    { header: 'Mục tiêu', width: 11 },
    { header: 'Đơn vị tính', width: 14 },
    { header: 'Số liệu toàn Khối', width: 17 },
    { header: 'Số đạt', width: 10 },
    { header: 'Tổng số', width: 10 },
    { header: `Tổ chức cơ sở đảng đã báo cáo ${periodText}`, width: 22, wrap: true },
    { header: 'Đánh giá', width: 22 },
  ];
  addHeader(summary, summaryColumns);
  indicators.forEach((indicator, n) => {
    const percent = isPercent(indicator.kind);
    const { aggregate, assessment } = service.summarise(indicator, period);
    const reported = service.reportedFor(indicator, period);
    const row = summary.addRow([
      n + 1,
      indicator.code,
      indicator.title,
      indicatorKindLabel(indicator.kind, indicator.targetYear),
      indicator.target,
      indicator.unit || (percent ? '%' : ''),
      aggregate.value === null ? null : percent ? aggregate.value / 100 : aggregate.value,
      aggregate.numerator,
      aggregate.denominator,
      // A yearly rating is not due every quarter: 0/14 would read as fourteen missing reports.
      reported === null ? 'báo cáo vào quý IV' : `${reported}/${expected}`,
      STATUS_LABELS[assessment.status],
    ]);
    row.getCell(5).numFmt = percent ? '0"%"' : '#,##0';
    row.getCell(7).numFmt = percent ? '0.0%' : '#,##0';
    row.getCell(3).alignment = { wrapText: true, vertical: 'top' };
  });

  // Every current figure: indicator × branch × period
  const data = workbook.addWorksheet(REPORTS_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = (field: (typeof REPORT_COLUMNS)[number]['field']) => REPORT_COLUMNS.find((c) => c.field === field)!.header;
  const dataColumns: Column[] = [
    { header: header('resolutionCode') },
    { header: header('indicatorCode') },
    { header: REPORT_INFO_HEADERS.indicatorTitle, max: 45 },
    { header: header('branchCode') },
    { header: REPORT_INFO_HEADERS.branchName, max: 45 },
    { header: header('period') },
    { header: header('numerator') },
    { header: header('denominator') },
    { header: REPORT_INFO_HEADERS.value },
    { header: header('note'), max: 40 },
    { header: REPORT_INFO_HEADERS.reportedAt },
    { header: REPORT_INFO_HEADERS.reporter, max: 30 },
  ];
  addHeader(data, dataColumns);
  const rows: (string | number | null)[][] = [];
  for (const indicator of indicators) {
    const percent = isPercent(indicator.kind);
    const reports = service
      .figures(indicator.id)
      .map((f) => service.history(indicator.id, f.branchId, f.period).find((h) => h.supersededAt === null))
      .filter((r): r is IndicatorReport => r !== undefined)
      .map((r) => ({ report: r, branch: lookups.branch(r.branchId) }))
      .sort((a, b) => a.branch.code.localeCompare(b.branch.code, 'vi', { numeric: true }) || comparePeriods(a.report.period as Period, b.report.period as Period));
    for (const { report, branch } of reports) {
      const value = percent ? (report.denominator ? report.numerator / report.denominator : null) : report.numerator;
      const row = data.addRow([
        resolution.code,
        indicator.code,
        indicator.title,
        branch.code,
        branch.name,
        // Written as everywhere else; the import reads it back.
        formatPeriod(report.period as Period),
        report.numerator,
        report.denominator,
        value,
        report.note,
        formatReportedAt(report.reportedAt, timeZone),
        report.reportedByMemberId === null ? null : lookups.memberName(report.reportedByMemberId) || null,
      ]);
      row.getCell(9).numFmt = percent ? '0.0%' : '#,##0';
      rows.push(row.values as (string | number | null)[]);
    }
  }
  fitWidths(data, dataColumns, rows);
  return { workbook, resolution, period, indicators: indicators.length, reports: rows.length };
}

interface Lookups {
  indicators: IndicatorService;
  branch(id: number): { code: string; name: string };
  memberName(id: number): string;
}

function lookupsOf(source: IndicatorExportSource): Lookups {
  if ('indicators' in source) {
    const branches = new Map(source.branches.list().map((b) => [b.id, { code: b.code, name: b.name }]));
    const names = new Map<number, string>();
    return {
      indicators: source.indicators,
      branch: (id) => branches.get(id) ?? { code: String(id), name: '' },
      memberName(id) {
        let name = names.get(id);
        if (name === undefined) {
          name = source.members.getById(id)?.fullName ?? '';
          names.set(id, name);
        }
        return name;
      },
    };
  }
  // The indicator service alone knows the reporting branches by name only.
  const names = new Map(source.reportingBranches().map((b) => [b.id, b.name]));
  return { indicators: source, branch: (id) => ({ code: '', name: names.get(id) ?? String(id) }), memberName: () => '' };
}
