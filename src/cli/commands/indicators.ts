import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { formatProblem } from '../../domain/import-rows.js';
import { INDICATOR_KIND_NOUNS, parseTerm } from '../../domain/indicator-columns.js';
import { formatPeriod, formatTerm, formatTermYears, MAX_FIGURE } from '../../domain/indicators.js';
import type { IndicatorSheetSummary } from '../../domain/indicator-import.js';
import { buildIndicatorWorkbook } from '../../services/indicator-export.js';
import { IndicatorImportService, type IndicatorImportReport } from '../../services/indicator-import.js';
import type { Resolution } from '../../services/indicators.js';
import { UsageError, UserError, formatBytes, parseOptions, printChanges, type CliContext } from '../context.js';
import { formatOf, readSpreadsheet } from '../spreadsheet.js';
import type { CliCommand } from './types.js';


export const importIndicatorsCommand: CliCommand = {
  name: 'import-indicators',
  summary: 'Nhập nghị quyết, chỉ tiêu và số liệu báo cáo từ tệp .xlsx hoặc .csv',
  help: `Cách dùng: npm run cli -- import-indicators <tệp.xlsx|tệp.csv> [--dry-run] [--accept-warnings]

Nhập (tạo mới hoặc cập nhật theo mã) nghị quyết, chỉ tiêu của nghị quyết và số liệu các tổ chức
cơ sở đảng báo cáo theo quý. Tệp .xlsx có thể có ba trang "Nghị quyết", "Chỉ tiêu", "Số liệu";
tệp .csv chứa một loại, nhận ra theo tiêu đề cột. Trang "Số liệu" của lệnh export-indicators
nhập lại được ngay.
Nếu có dòng lỗi, lệnh liệt kê mọi dòng lỗi và không ghi gì. Số liệu từ 0 đến ${MAX_FIGURE.toLocaleString('vi-VN')}; chỉ tiêu tỷ
lệ cần tổng số lớn hơn 0. Nhập lại cùng tệp không đổi gì; số liệu khác với số đang lưu thì thay
thế (số cũ vẫn giữ trong lịch sử).
Cảnh báo (ví dụ tổng số đảng viên lớn hơn số đảng viên của tổ chức trong danh sách): lệnh liệt
kê và không ghi gì, trừ khi có --accept-warnings.
Các cột và ví dụ: docs/import-format.md

Tùy chọn:
  --dry-run          chỉ kiểm tra và cho biết sẽ tạo/cập nhật gì, không ghi
  --accept-warnings  vẫn ghi khi có cảnh báo (đã kiểm tra lại các số liệu được cảnh báo)

Ví dụ:
  npm run cli -- import-indicators chi-tieu.xlsx --dry-run
  npm run cli -- import-indicators chi-tieu.xlsx
  npm run cli -- import-indicators so-lieu-quy-3.csv`,

  async run(ctx, args) {
    const { values, positionals } = parseOptions(
      'import-indicators',
      args,
      { 'dry-run': { type: 'boolean' }, 'accept-warnings': { type: 'boolean' } },
      { min: 1, max: 1, names: 'đường dẫn tệp .xlsx hoặc .csv' },
    );
    const dryRun = values['dry-run'] ?? false;
    const file = positionals[0]!;
    if (!existsSync(file)) throw new UserError(`Không tìm thấy tệp "${file}"`);
    const sheets = await readSpreadsheet(file);

    const { db, services } = ctx.open();
    const importer = new IndicatorImportService(db, services.indicators, services.branches);
    const acceptWarnings = values['accept-warnings'] ?? false;
    const { plan, report } = importer.run(sheets, ctx.actor, { dryRun, acceptWarnings });
    for (const note of plan.notes) ctx.out(`Lưu ý: ${note}`);
    if (!report && plan.problems.length > 0) {
      for (const problem of plan.problems) ctx.err(formatProblem(problem));
      const rows = new Set(plan.problems.map((p) => `${p.label}\n${p.rowNumber}`)).size;
      throw new UserError(
        `Tệp có ${plan.problems.length} lỗi ở ${rows} dòng; chưa ghi gì vào cơ sở dữ liệu. Sửa các dòng trên rồi nhập lại.`,
      );
    }
    for (const warning of plan.warnings) (report ? ctx.out : ctx.err)(`Cảnh báo: ${formatProblem(warning)}`);
    if (!report) {
      throw new UserError(
        `Tệp có ${plan.warnings.length} cảnh báo; chưa ghi gì vào cơ sở dữ liệu. Kiểm tra lại các số liệu trên; nếu đúng, chạy lại với --accept-warnings.`,
      );
    }
    const rows = (s: IndicatorSheetSummary) => `${s.rows} ${INDICATOR_KIND_NOUNS[s.kind]}`;
    const read = sheets.length === 1 ? plan.sheets.map(rows) : plan.sheets.map((s) => `${s.label}: ${rows(s)}`);
    ctx.out(`Đã đọc ${basename(file)} — ${read.join('; ')}.`);
    printReport(ctx, report, new Set(plan.sheets.map((s) => s.kind)), plan.warnings.length, acceptWarnings);
  },
};

function printReport(ctx: CliContext, report: IndicatorImportReport, kinds: Set<string>, warnings: number, acceptWarnings: boolean) {
  const will = report.dryRun ? 'sẽ ' : '';
  if (report.dryRun) ctx.out('Chạy thử (--dry-run): không ghi gì vào cơ sở dữ liệu.');
  printChanges(ctx, report.changes.filter((c) => c.kind === 'resolutions'), 'Nghị quyết', will);
  printChanges(ctx, report.changes.filter((c) => c.kind === 'indicators'), 'Chỉ tiêu', will);
  const c = (k: 'resolutions' | 'indicators') =>
    `${will}tạo mới ${report[k].created}, ${will}cập nhật ${report[k].updated}, không đổi ${report[k].unchanged}`;
  if (kinds.has('resolutions')) ctx.out(`Nghị quyết: ${c('resolutions')}.`);
  if (kinds.has('indicators')) ctx.out(`Chỉ tiêu: ${c('indicators')}.`);
  if (kinds.has('reports')) {
    const r = report.reports;
    ctx.out(`Số liệu báo cáo: ${will}ghi mới ${r.created}, ${will}thay thế ${r.superseded}, không đổi ${r.unchanged}.`);
  }
  if (!report.dryRun) ctx.out(warnings > 0 ? `Đã nhập xong (kèm ${warnings} cảnh báo đã chấp nhận).` : 'Đã nhập xong.');
  else if (warnings > 0 && !acceptWarnings) ctx.out(`Có ${warnings} cảnh báo: để ghi, chạy lại không có --dry-run và thêm --accept-warnings.`);
  else ctx.out('Chạy lại không có --dry-run để ghi.');
}

export const exportIndicatorsCommand: CliCommand = {
  name: 'export-indicators',
  summary: 'Xuất chỉ tiêu và số liệu báo cáo của một nhiệm kỳ ra tệp .xlsx',
  help: `Cách dùng: npm run cli -- export-indicators <tệp.xlsx> [--term 2020-2025]

Ghi một tệp Excel hai trang: "Tổng hợp" (mỗi chỉ tiêu: mục tiêu, số liệu toàn Khối, số tổ chức
cơ sở đảng đã báo cáo và đánh giá đến quý hiện tại, hoặc quý cuối cùng có số liệu của nhiệm kỳ đã
qua, như /chitieu) và "Số liệu" (số liệu hiện hành của từng tổ chức cơ sở đảng theo từng kỳ, kèm
thời điểm và người báo cáo). Trang "Số liệu" sửa xong nhập lại được bằng import-indicators.

Tùy chọn:
  --term <nhiệm kỳ>  nhiệm kỳ (ví dụ 2020-2025) hoặc mã nghị quyết; mặc định: nghị quyết hiện hành

Ví dụ:
  npm run cli -- export-indicators chi-tieu.xlsx
  npm run cli -- export-indicators chi-tieu-2020-2025.xlsx --term 2020-2025`,

  async run(ctx, args) {
    const { values, positionals } = parseOptions(
      'export-indicators',
      args,
      { term: { type: 'string' } },
      { min: 1, max: 1, names: 'đường dẫn tệp .xlsx để ghi' },
    );
    const file = positionals[0]!;
    if (formatOf(file) !== 'xlsx') throw new UsageError('Lệnh export-indicators chỉ ghi tệp .xlsx', 'export-indicators');
    const { services } = ctx.open();
    const resolution = pickResolution(services.indicators.resolutions(), values.term, services.indicators.current());

    const { workbook, indicators, reports, period } = await buildIndicatorWorkbook(services, resolution.id, { timeZone: ctx.timeZone });
    mkdirSync(dirname(resolve(file)), { recursive: true });
    writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));
    ctx.out(
      `Đã xuất ${indicators} chỉ tiêu và ${reports} số liệu của ${resolution.name} (${formatTerm(resolution.termStartYear, resolution.termEndYear)}, đánh giá đến ${period ? formatPeriod(period) : '—'}) vào ${basename(file)} (${formatBytes(statSync(file).size)}).`,
    );
  },
};

function pickResolution(all: Resolution[], term: string | undefined, current: Resolution | null): Resolution {
  if (all.length === 0) throw new UserError('Chưa có nghị quyết nào. Nhập chỉ tiêu trước: npm run cli -- import-indicators <tệp>');
  const list = all.map((r) => `${r.code} (${formatTermYears(r.termStartYear, r.termEndYear)})`).join(', ');
  if (term === undefined) return current ?? all[0]!;
  const years = parseTerm(term);
  const matches = years
    ? all.filter((r) => r.termStartYear === years.startYear && r.termEndYear === years.endYear)
    : all.filter((r) => r.code.toLowerCase() === term.trim().toLowerCase());
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1)
    throw new UsageError(`Nhiệm kỳ ${term} có nhiều nghị quyết (${matches.map((r) => r.code).join(', ')}): ghi --term <mã nghị quyết>`, 'export-indicators');
  if (!years && !/^\d{4}/.test(term.trim()))
    throw new UserError(`Không có nghị quyết mã "${term}". Các nghị quyết: ${list}`);
  if (!years) throw new UsageError(`--term cần nhiệm kỳ dạng 2020-2025 hoặc mã nghị quyết, đang ghi "${term}"`, 'export-indicators');
  throw new UserError(`Không có nghị quyết ${formatTerm(years.startYear, years.endYear)}. Các nghị quyết: ${list}`);
}
