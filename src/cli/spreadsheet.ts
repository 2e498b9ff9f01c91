/**
 * Reading and writing the office's lists: .xlsx through exceljs, .csv through csv-parse. Every cell
 * comes out as trimmed text with the row number the user sees, so messages can point at it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Sheet, SheetRow } from '../domain/import-rows.js';
import { UserError } from './context.js';

export type SpreadsheetFormat = 'xlsx' | 'csv';

export interface TableOut {
  sheetName: string;
  header: string[];
  rows: string[][];
}

/** The format from the file name; a user error for anything else. */
export function formatOf(path: string): SpreadsheetFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.csv') return 'csv';
  throw new UserError(`Tệp "${basename(path)}" phải là .xlsx hoặc .csv (tệp .xls cũ: mở bằng Excel rồi lưu lại dạng .xlsx)`);
}

export async function readSpreadsheet(path: string): Promise<Sheet[]> {
  return formatOf(path) === 'xlsx' ? readXlsx(path) : [readCsv(path)];
}

export async function readXlsx(path: string): Promise<Sheet[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (error) {
    throw new UserError(`Không đọc được tệp Excel "${basename(path)}": ${(error as Error).message}`);
  }
  return workbook.worksheets.map((ws) => {
    const rows: SheetRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cells[col - 1] = cellText(cell.value);
      });
      rows.push({ rowNumber, cells: Array.from(cells, (c) => c ?? '') });
    });
    return { name: ws.name, label: `trang "${ws.name}"`, rows };
  });
}

export function readCsv(path: string): Sheet {
  const text = decode(readFileSync(path), path);
  const name = basename(path);
  let records: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter: guessDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      raw: true,
    }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new UserError(`Không đọc được tệp CSV "${name}"${line ? ` ở dòng ${line}` : ''}: ${(error as Error).message}`);
  }
  const rows = records.map(({ record, info, raw }) => {
    // info.lines is the line where the record ends; a quoted cell may span lines, skipped blank lines precede it.
    const spans = (raw.replace(/^(\r?\n)+/, '').replace(/\r?\n$/, '').match(/\n/g) ?? []).length;
    return { rowNumber: info.lines - spans, cells: record.map((c) => c.trim()) };
  });
  return { name, label: `tệp ${name}`, rows };
}

export async function writeXlsx(path: string, tables: readonly TableOut[]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'party-bloc-bot';
  for (const table of tables) {
    const ws = workbook.addWorksheet(table.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(table.header).font = { bold: true };
    // Text, not numbers: codes such as "001" and long Telegram ids stay as written.
    for (const row of table.rows) ws.addRow(row);
    table.header.forEach((h, i) => {
      const longest = Math.max(h.length, ...table.rows.map((r) => (r[i] ?? '').length));
      ws.getColumn(i + 1).width = Math.min(60, Math.max(10, longest + 2));
      ws.getColumn(i + 1).numFmt = '@';
    });
  }
  await workbook.xlsx.writeFile(path);
}

/** UTF-8 with a BOM and CRLF, comma separated: what Excel opens with the diacritics intact. */
export function writeCsv(path: string, table: TableOut): void {
  const lines = [table.header, ...table.rows].map((row) => row.map(csvField).join(','));
  writeFileSync(path, `\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}

function csvField(value: string): string {
  return /[",\r\n;]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function decode(bytes: Buffer, path: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UserError(
      `Tệp "${basename(path)}" không phải UTF-8: trong Excel chọn Lưu thành → "CSV UTF-8 (Comma delimited)" rồi nhập lại`,
    );
  }
}

/** The separator of the header line: Excel writes ";" where the decimal mark is a comma, as in Vietnam. */
function guessDelimiter(text: string): string {
  const firstLine = text.replace(/^\ufeff/, '').split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => [d, unquoted.split(d).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ',';
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'có' : 'không';
  if (value instanceof Date) {
    // Excel dates carry no time zone: read the parts as written.
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${pad(value.getUTCDate())}/${pad(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
  }
  if ('richText' in value) return value.richText.map((r) => r.text).join('').trim();
  if ('hyperlink' in value) return String(value.text ?? '').trim();
  if ('formula' in value || 'sharedFormula' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
  return '';
}
