/**
 * How the office's workbooks look (indicator figures, notice recipients): a bold shaded header row,
 * columns fitted to their content, instants written the office's way.
 */
import type ExcelJS from 'exceljs';
import { localParts } from '../domain/time.js';
import { lazyModule } from '../lazy-module.js';

/** exceljs, loaded at the first workbook (it is among the largest libraries the bot uses). */
export const loadExcelJS = lazyModule(async () => (await import('exceljs')).default);

export interface Column {
  header: string;
  /** A fixed width; otherwise fitted to the content, up to `max`. */
  width?: number;
  max?: number;
  wrap?: boolean;
}

export function addHeader(ws: ExcelJS.Worksheet, columns: readonly Column[]) {
  const row = ws.addRow(columns.map((c) => c.header));
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
  row.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF9AA5B1' } } };
  });
  columns.forEach((c, i) => {
    if (c.width) ws.getColumn(i + 1).width = c.width;
  });
}

/** `rows` as exceljs gives them back (row.values: 1-based). */
export function fitWidths(ws: ExcelJS.Worksheet, columns: readonly Column[], rows: readonly (string | number | null)[][]) {
  columns.forEach((c, i) => {
    if (c.width) return;
    const longest = rows.reduce((m, r) => Math.max(m, String(r[i + 1] ?? '').length), c.header.length);
    ws.getColumn(i + 1).width = Math.min(c.max ?? 24, Math.max(9, longest + 2));
  });
}

/** 05/10/2024 08h30: the way the office writes an instant. */
export function formatReportedAt(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(p.day)}/${pad(p.month)}/${p.year} ${pad(p.hour)}h${pad(p.minute)}`;
}
