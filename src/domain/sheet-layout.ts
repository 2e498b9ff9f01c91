/**
 * Reading a spreadsheet the way offices make them: the header row may sit under a title, headers
 * may be Vietnamese or English with or without diacritics, and what a sheet lists is told by its
 * name or, failing that, by the headers only one kind of list has. Shared by every importer.
 */
import { type ColumnSpec, normalizeHeader } from './import-columns.js';
import type { Sheet } from './import-rows.js';

/** How many non-empty rows from the top may hold the header row. */
const HEADER_SEARCH_ROWS = 10;

export interface SheetKinds<K extends string> {
  kinds: readonly K[];
  columns(kind: K): readonly ColumnSpec<string>[];
  /** Normalised sheet names that say what a sheet lists. */
  sheetNames: Record<K, readonly string[]>;
  /** Skip messages (Vietnamese): no header row found, what the sheet lists not recognised. */
  noHeader: string;
  unknownKind: string;
  /** Headers that are known but only informative (exported for reading, never imported). */
  informative?(kind: K, normalizedHeader: string): boolean;
}

export interface Layout<K extends string> {
  kind: K;
  headerRow: number;
  /** Field → column index. */
  columns: Map<string, number>;
  ignored: string[];
  /** Headers of required fields that are absent. */
  missing: string[];
}

export function fieldOf<K extends string>(spec: SheetKinds<K>, kind: K, header: string): string | null {
  const key = normalizeHeader(header);
  if (key === '') return null;
  return spec.columns(kind).find((s) => s.aliases.includes(key))?.field ?? null;
}

export function readLayout<K extends string>(spec: SheetKinds<K>, sheet: Sheet, forced?: K): Layout<K> | { skip: string } {
  // The header is the first row naming two known columns.
  const candidates = sheet.rows.filter((r) => r.cells.some((c) => c.trim() !== '')).slice(0, HEADER_SEARCH_ROWS);
  const header = candidates.find((r) => r.cells.filter((c) => spec.kinds.some((k) => fieldOf(spec, k, c) !== null)).length >= 2);
  if (!header) return { skip: spec.noHeader };
  const kind = forced ?? kindFromSheetName(spec, sheet.name) ?? kindFromHeaders(spec, header.cells);
  if (!kind) return { skip: spec.unknownKind };

  const columns = new Map<string, number>();
  const ignored: string[] = [];
  header.cells.forEach((cell, i) => {
    if (cell.trim() === '') return;
    const field = fieldOf(spec, kind, cell);
    if (field === null && spec.informative?.(kind, normalizeHeader(cell))) return;
    if (field === null || columns.has(field)) ignored.push(cell.trim());
    else columns.set(field, i);
  });
  const missing = spec
    .columns(kind)
    .filter((s) => s.required && !columns.has(s.field))
    .map((s) => s.header);
  return { kind, headerRow: header.rowNumber, columns, ignored, missing };
}

function kindFromSheetName<K extends string>(spec: SheetKinds<K>, name: string): K | null {
  const key = normalizeHeader(name.replace(/\.(csv|xlsx)$/i, ''));
  return spec.kinds.find((k) => spec.sheetNames[k].includes(key)) ?? null;
}

/**
 * The kind with the most headers that only it knows ("Họ và tên", "Kỳ báo cáo"); a header every
 * kind knows ("Mã tổ chức đảng") counts for none. A tie says nothing.
 */
function kindFromHeaders<K extends string>(spec: SheetKinds<K>, cells: readonly string[]): K | null {
  const scores = spec.kinds
    .map((kind) => ({
      kind,
      score: cells.filter((c) => fieldOf(spec, kind, c) !== null && spec.kinds.every((k) => k === kind || fieldOf(spec, k, c) === null)).length,
    }))
    .sort((a, b) => b.score - a.score);
  const [best, second] = scores;
  if (!best || best.score === 0 || best.score === second?.score) return null;
  return best.kind;
}

/** Where readSheet reports what it skipped, what is missing, and which sheets it read. */
export interface SheetLog<K extends string> {
  sheets: { label: string; kind: K; rows: number }[];
  notes: string[];
  problems: { label: string; rowNumber: number | null; message: string }[];
}

/**
 * A sheet's layout and its data rows, or null when it is not imported: a lone sheet that cannot be
 * read is a problem, one of several is skipped with a note; missing required columns are a problem.
 */
export function readSheet<K extends string>(
  spec: SheetKinds<K>,
  sheet: Sheet,
  log: SheetLog<K>,
  options: { alone: boolean; forced?: K },
): { layout: Layout<K>; body: Sheet['rows'] } | null {
  const layout = readLayout(spec, sheet, options.forced);
  if ('skip' in layout) {
    if (options.alone) log.problems.push({ label: sheet.label, rowNumber: null, message: layout.skip });
    else log.notes.push(`Bỏ qua ${sheet.label}: ${layout.skip}`);
    return null;
  }
  if (layout.ignored.length > 0)
    log.notes.push(`${capitalize(sheet.label)}: bỏ qua cột không nhận ra: ${layout.ignored.map((h) => `"${h}"`).join(', ')}`);
  if (layout.missing.length > 0) {
    const missing = layout.missing.map((h) => `"${h}"`).join(', ');
    log.problems.push({ label: sheet.label, rowNumber: layout.headerRow, message: `thiếu cột bắt buộc ${missing}` });
    return null;
  }
  const body = sheet.rows.filter((r) => r.rowNumber > layout.headerRow && r.cells.some((c) => c.trim() !== ''));
  log.sheets.push({ label: sheet.label, kind: layout.kind, rows: body.length });
  return { layout, body };
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
