import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { IMPORT_KINDS, type ImportKind } from '../../domain/import-columns.js';
import { formatProblem, type SheetSummary } from '../../domain/import-rows.js';
import type { ImportCounts, ImportReport } from '../../services/import.js';
import { UsageError, UserError, parseOptions, printChanges, type CliContext } from '../context.js';
import { readSpreadsheet } from '../spreadsheet.js';
import type { CliCommand } from './types.js';

/** How many created/updated rows are listed one by one before "… và N nữa". */

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Nhập danh sách tổ chức đảng và đảng viên từ tệp .xlsx hoặc .csv',
  help: `Cách dùng: npm run cli -- import <tệp.xlsx|tệp.csv> [--dry-run] [--type branches|members]

Nhập (tạo mới hoặc cập nhật theo mã) tổ chức đảng và đảng viên. Tệp .xlsx có thể có hai trang
"Tổ chức đảng" (hoặc "Chi bộ") và "Đảng viên"; tệp .csv chứa một loại, nhận ra theo tiêu đề cột.
Nếu có dòng lỗi, lệnh liệt kê mọi dòng lỗi và không ghi gì. Nhập lại cùng tệp không tạo trùng.
Các cột và ví dụ: docs/import-format.md

Tùy chọn:
  --dry-run          chỉ kiểm tra và cho biết sẽ tạo/cập nhật gì, không ghi
  --type <loại>      branches (tổ chức đảng) hoặc members (đảng viên), khi tiêu đề cột chưa đủ rõ

Ví dụ:
  npm run cli -- import danh-sach.xlsx --dry-run
  npm run cli -- import danh-sach.xlsx
  npm run cli -- import dang-vien.csv --type members`,

  async run(ctx, args) {
    const { values, positionals } = parseOptions(
      'import',
      args,
      { 'dry-run': { type: 'boolean' }, type: { type: 'string' } },
      { min: 1, max: 1, names: 'đường dẫn tệp .xlsx hoặc .csv' },
    );
    const type = parseKindOption('import', values.type);
    const dryRun = values['dry-run'] ?? false;
    const file = positionals[0]!;
    if (!existsSync(file)) throw new UserError(`Không tìm thấy tệp "${file}"`);
    const sheets = await readSpreadsheet(file);

    const { services } = ctx.open();
    const importer = services.imports;
    const { plan, report } = importer.run(sheets, ctx.actor, { dryRun, type });
    for (const note of plan.notes) ctx.out(`Lưu ý: ${note}`);
    if (!report) {
      for (const problem of plan.problems) ctx.err(formatProblem(problem));
      const rows = new Set(plan.problems.map((p) => `${p.label}\n${p.rowNumber}`)).size;
      throw new UserError(
        `Tệp có ${plan.problems.length} lỗi ở ${rows} dòng; chưa ghi gì vào cơ sở dữ liệu. Sửa các dòng trên rồi nhập lại.`,
      );
    }
    const rows = (s: SheetSummary) => `${s.rows} ${s.kind === 'branches' ? 'tổ chức đảng' : 'đảng viên'}`;
    const read = sheets.length === 1 ? plan.sheets.map(rows) : plan.sheets.map((s) => `${s.label}: ${rows(s)}`);
    ctx.out(`Đã đọc ${basename(file)} — ${read.join('; ')}.`);
    printReport(ctx, report, new Set(plan.sheets.map((s) => s.kind)));
  },
};

export function parseKindOption(command: string, value: string | undefined): ImportKind | undefined {
  if (value === undefined) return undefined;
  const aliases: Record<string, ImportKind> = { 'chi-bo': 'branches', 'dang-vien': 'members' };
  const kind = (IMPORT_KINDS as readonly string[]).includes(value) ? (value as ImportKind) : aliases[value];
  if (!kind) throw new UsageError(`--type cần "branches" (tổ chức đảng) hoặc "members" (đảng viên), đang ghi "${value}"`, command);
  return kind;
}

function printReport(ctx: CliContext, report: ImportReport, kinds: Set<ImportKind>) {
  const will = report.dryRun ? 'sẽ ' : '';
  if (report.dryRun) ctx.out('Chạy thử (--dry-run): không ghi gì vào cơ sở dữ liệu.');
  for (const c of report.clustersCreated) ctx.out(`Khối thi đua ${will}tạo mới: ${c.name} (mã ${c.code})`);
  printChanges(ctx, report.changes.filter((c) => c.kind === 'branches'), 'Tổ chức đảng', will);
  printChanges(ctx, report.changes.filter((c) => c.kind === 'members'), 'Đảng viên', will);
  if (kinds.has('branches')) ctx.out(`Tổ chức đảng: ${counts(report.branches, will)}.`);
  if (kinds.has('members')) ctx.out(`Đảng viên: ${counts(report.members, will)}.`);
  if (report.clustersCreated.length > 0) ctx.out(`Khối thi đua: ${will}tạo mới ${report.clustersCreated.length}.`);
  ctx.out(report.dryRun ? 'Chạy lại không có --dry-run để ghi.' : 'Đã nhập xong.');
}

function counts(c: ImportCounts, will: string): string {
  return `${will}tạo mới ${c.created}, ${will}cập nhật ${c.updated}, không đổi ${c.unchanged}`;
}
