import { mkdirSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { ExportTable } from '../../services/export.js';
import { UsageError, formatBytes, parseOptions } from '../context.js';
import { formatOf, writeCsv, writeXlsx } from '../spreadsheet.js';
import { parseKindOption } from './import.js';
import type { CliCommand } from './types.js';

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Xuất danh sách tổ chức đảng và đảng viên ra tệp .xlsx hoặc .csv',
  help: `Cách dùng: npm run cli -- export <tệp.xlsx|tệp.csv> [--type branches|members]

Xuất với đúng các cột tiếng Việt của lệnh import, nên tệp xuất ra nhập lại được ngay
(sửa trong Excel rồi import để cập nhật hàng loạt).
Tệp .xlsx có hai trang "Tổ chức đảng" và "Đảng viên" (hoặc một trang nếu có --type);
tệp .csv chỉ chứa một loại nên cần --type.
Đảng viên chưa có mã (văn phòng, người vào bằng lời mời chung) không được xuất.

Ví dụ:
  npm run cli -- export danh-sach.xlsx
  npm run cli -- export dang-vien.csv --type members
  npm run cli -- export chi-bo.csv --type branches`,

  async run(ctx, args) {
    const { values, positionals } = parseOptions(
      'export',
      args,
      { type: { type: 'string' } },
      { min: 1, max: 1, names: 'đường dẫn tệp .xlsx hoặc .csv để ghi' },
    );
    const type = parseKindOption('export', values.type);
    const file = positionals[0]!;
    const format = formatOf(file);
    if (format === 'csv' && !type)
      throw new UsageError('Tệp .csv chỉ chứa một loại: thêm --type branches (tổ chức đảng) hoặc --type members (đảng viên)', 'export');

    const { services } = ctx.open();
    const exporter = services.exports;
    const tables: ExportTable[] = [];
    let withoutCode = 0;
    if (type !== 'members') tables.push(exporter.branchTable());
    if (type !== 'branches') {
      const members = exporter.memberTable();
      tables.push(members.table);
      withoutCode = members.withoutCode;
    }

    mkdirSync(dirname(resolve(file)), { recursive: true });
    if (format === 'xlsx') await writeXlsx(file, tables);
    else writeCsv(file, tables[0]!);

    const what = tables.map((t) => `${t.rows.length} ${t.kind === 'branches' ? 'tổ chức đảng' : 'đảng viên'}`).join(', ');
    ctx.out(`Đã xuất ${what} vào ${basename(file)} (${formatBytes(statSync(file).size)}).`);
    if (withoutCode > 0)
      ctx.out(`Lưu ý: ${withoutCode} người chưa có mã đảng viên nên không được xuất (văn phòng, quản trị, người vào bằng lời mời chung).`);
  },
};
