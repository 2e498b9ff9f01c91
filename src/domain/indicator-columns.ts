/**
 * The columns and values of the resolution, indicator and report lists, shared by the import and
 * the export (so an exported "Số liệu" sheet re-imports unchanged). Headers and keywords are
 * matched after folding, as for the branch lists: "Mã chỉ tiêu", "ma chi tieu", "MA_CHI_TIEU".
 */
import { normalizeHeader, type ColumnSpec } from './import-columns.js';
import type { IndicatorKind, Period, Status } from './indicators.js';
import { foldVietnamese } from './text.js';

export type IndicatorImportKind = 'resolutions' | 'indicators' | 'reports';
export const INDICATOR_IMPORT_KINDS = ['resolutions', 'indicators', 'reports'] as const;

export type ResolutionField = 'code' | 'name' | 'term' | 'current' | 'closed';
export type IndicatorField =
  | 'resolutionCode'
  | 'code'
  | 'title'
  | 'description'
  | 'sourceText'
  | 'unit'
  | 'kind'
  | 'target'
  | 'targetYear'
  | 'numeratorLabel'
  | 'denominatorLabel'
  | 'sort';
export type ReportField = 'resolutionCode' | 'indicatorCode' | 'branchCode' | 'period' | 'numerator' | 'denominator' | 'note';

export const RESOLUTION_COLUMNS: readonly ColumnSpec<ResolutionField>[] = [
  { field: 'code', header: 'Mã nghị quyết', aliases: ['ma nghi quyet', 'ma nq', 'ma', 'code', 'resolution code'], required: true },
  { field: 'name', header: 'Tên nghị quyết', aliases: ['ten nghi quyet', 'ten nq', 'ten', 'trich yeu', 'name'], required: true },
  { field: 'term', header: 'Nhiệm kỳ', aliases: ['nhiem ky', 'term'], required: true },
  { field: 'current', header: 'Hiện hành', aliases: ['hien hanh', 'dang thuc hien', 'dang ap dung', 'nhiem ky hien tai', 'current'] },
  { field: 'closed', header: 'Đã kết thúc', aliases: ['da ket thuc', 'ket thuc', 'da dong', 'dong', 'closed'] },
];

export const INDICATOR_COLUMNS: readonly ColumnSpec<IndicatorField>[] = [
  {
    field: 'resolutionCode',
    header: 'Mã nghị quyết',
    aliases: ['ma nghi quyet', 'ma nq', 'nghi quyet', 'resolution', 'resolution code'],
    required: true,
  },
  { field: 'code', header: 'Mã chỉ tiêu', aliases: ['ma chi tieu', 'ma', 'code', 'indicator code'], required: true },
  { field: 'title', header: 'Tên chỉ tiêu', aliases: ['ten chi tieu', 'ten', 'noi dung chi tieu', 'title', 'name'], required: true },
  { field: 'description', header: 'Mô tả', aliases: ['mo ta', 'dien giai', 'giai thich', 'description'] },
  {
    field: 'sourceText',
    header: 'Trích nghị quyết',
    aliases: ['trich nghi quyet', 'nguyen van', 'nguyen van nghi quyet', 'trich dan', 'van ban nghi quyet', 'source', 'source text'],
  },
  { field: 'unit', header: 'Đơn vị tính', aliases: ['don vi tinh', 'don vi', 'dvt', 'unit'] },
  { field: 'kind', header: 'Loại chỉ tiêu', aliases: ['loai chi tieu', 'loai', 'kind', 'type'], required: true },
  { field: 'target', header: 'Mục tiêu', aliases: ['muc tieu', 'chi tieu', 'muc chi tieu', 'gia tri muc tieu', 'target'], required: true },
  { field: 'targetYear', header: 'Năm đạt', aliases: ['nam dat', 'den nam', 'nam', 'nam muc tieu', 'target year'] },
  { field: 'numeratorLabel', header: 'Số đạt là', aliases: ['so dat la', 'tu so la', 'noi dung tu so', 'ten tu so', 'numerator label'] },
  { field: 'denominatorLabel', header: 'Tổng số là', aliases: ['tong so la', 'mau so la', 'noi dung mau so', 'ten mau so', 'denominator label'] },
  { field: 'sort', header: 'Thứ tự', aliases: ['thu tu', 'stt', 'so thu tu', 'sort', 'order'] },
];

export const REPORT_COLUMNS: readonly ColumnSpec<ReportField>[] = [
  { field: 'resolutionCode', header: 'Mã nghị quyết', aliases: ['ma nghi quyet', 'ma nq', 'nghi quyet', 'resolution', 'resolution code'] },
  { field: 'indicatorCode', header: 'Mã chỉ tiêu', aliases: ['ma chi tieu', 'chi tieu', 'indicator', 'indicator code'], required: true },
  {
    // "Tổ chức cơ sở đảng": a grassroots committee or a grassroots cell both report.
    field: 'branchCode',
    header: 'Mã tổ chức cơ sở đảng',
    aliases: ['ma to chuc co so dang', 'ma chi bo', 'chi bo', 'ma to chuc', 'ma tccs', 'to chuc co so dang', 'branch', 'branch code'],
    required: true,
  },
  { field: 'period', header: 'Kỳ báo cáo', aliases: ['ky bao cao', 'ky', 'quy', 'period'], required: true },
  // A percentage is "số đạt / tổng số"; a count goes in "Số đạt" alone.
  { field: 'numerator', header: 'Số đạt', aliases: ['so dat', 'tu so', 'so lieu', 'so luong', 'numerator', 'value'], required: true },
  { field: 'denominator', header: 'Tổng số', aliases: ['tong so', 'mau so', 'denominator'] },
  { field: 'note', header: 'Ghi chú', aliases: ['ghi chu', 'note'] },
];

/** Columns the export adds for reading (names, the computed value, who and when): re-import passes them over. */
export const REPORT_INFO_HEADERS = {
  indicatorTitle: 'Tên chỉ tiêu',
  branchName: 'Tên tổ chức cơ sở đảng',
  value: 'Giá trị',
  reportedAt: 'Thời điểm báo cáo',
  reporter: 'Người báo cáo',
} as const;
export const REPORT_INFO_ALIASES: readonly string[] = [
  ...Object.values(REPORT_INFO_HEADERS).map(normalizeHeader),
  // The headers of earlier exports.
  'ten chi bo',
  'ty le',
  'don vi tinh',
  'loai chi tieu',
];

export const INDICATOR_SHEET_NAMES: Record<IndicatorImportKind, readonly string[]> = {
  resolutions: ['nghi quyet', 'nghi quyet dai hoi', 'danh sach nghi quyet', 'nhiem ky', 'resolutions'],
  indicators: ['chi tieu', 'danh sach chi tieu', 'cac chi tieu', 'indicators'],
  reports: ['so lieu', 'so lieu bao cao', 'so lieu chi tieu', 'bao cao', 'bao cao chi tieu', 'reports'],
};

/** Sheets written for people (the export's summary, instructions): skipped without a word. */
export const READ_ONLY_SHEET_NAMES: readonly string[] = ['tong hop', 'huong dan', 'summary'];

export const INDICATOR_SHEET_TITLES: Record<IndicatorImportKind, string> = {
  resolutions: 'Nghị quyết',
  indicators: 'Chỉ tiêu',
  reports: 'Số liệu',
};

/** "chỉ tiêu" as a count noun in messages. */
export const INDICATOR_KIND_NOUNS: Record<IndicatorImportKind, string> = {
  resolutions: 'nghị quyết',
  indicators: 'chỉ tiêu',
  reports: 'số liệu',
};

// Indicator kinds

export const INDICATOR_KIND_LABELS: Record<IndicatorKind, string> = {
  yearly_percent: 'tỷ lệ hằng năm',
  term_count: 'số lượng cả nhiệm kỳ',
  yearly_count: 'số lượng hằng năm',
  percent_by_date: 'tỷ lệ đến năm',
  upper_bound: 'không vượt quá',
};

const KIND_ALIASES: Record<string, IndicatorKind> = {
  'ty le hang nam': 'yearly_percent',
  'ty le moi nam': 'yearly_percent',
  'yearly percent': 'yearly_percent',
  'so luong ca nhiem ky': 'term_count',
  'so luong nhiem ky': 'term_count',
  'so luong trong nhiem ky': 'term_count',
  'term count': 'term_count',
  'so luong hang nam': 'yearly_count',
  'so luong moi nam': 'yearly_count',
  'yearly count': 'yearly_count',
  'ty le den nam': 'percent_by_date',
  'percent by date': 'percent_by_date',
  'khong vuot qua': 'upper_bound',
  'toi da': 'upper_bound',
  'upper bound': 'upper_bound',
};

/**
 * "tỷ lệ hằng năm", "yearly_percent"…; "tỷ lệ đến năm 2025" also gives the target year (the label
 * the export writes). null when the text is not a kind.
 */
export function parseIndicatorKind(text: string): { kind: IndicatorKind; year?: number } | null {
  const key = normalizeHeader(text);
  const withYear = /^(ty le den nam|percent by date) (\d{4})$/.exec(key);
  if (withYear) return { kind: 'percent_by_date', year: Number(withYear[2]) };
  // Own keys only: "constructor" must not find Object's members.
  return Object.hasOwn(KIND_ALIASES, key) ? { kind: KIND_ALIASES[key]! } : null;
}

/** The Vietnamese label of a kind; percent_by_date names its year: "tỷ lệ đến năm 2025". */
export function indicatorKindLabel(kind: IndicatorKind, targetYear?: number | null): string {
  return kind === 'percent_by_date' && targetYear ? `${INDICATOR_KIND_LABELS[kind]} ${targetYear}` : INDICATOR_KIND_LABELS[kind];
}

export const STATUS_LABELS: Record<Status, string> = {
  reached: 'Đạt',
  on_track: 'Đúng tiến độ',
  behind: 'Chậm so với tiến độ',
  pending: 'Chờ đánh giá cuối năm',
  missed: 'Không đạt',
  no_data: 'Chưa có số liệu',
};

// Periods and terms

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

/** '2024-Q3', 'Q3/2024', 'Quý 3/2024', 'quý III năm 2024' → '2024-Q3'; null otherwise. */
export function parseReportPeriod(text: string): Period | null {
  const key = normalizeHeader(text);
  let year: string | undefined;
  let quarter: string | undefined;
  const yearFirst = /^(\d{4}) ?q([1-4])$/.exec(key);
  const quarterFirst = /^(?:q|quy) ?([1-4]|i{1,3}|iv)(?: nam)? (\d{4})$/.exec(key);
  if (yearFirst) [, year, quarter] = yearFirst;
  else if (quarterFirst) [, quarter, year] = quarterFirst;
  if (!year || !quarter) return null;
  const q = ROMAN[quarter] ?? Number(quarter);
  return `${Number(year)}-Q${q}` as Period;
}

/** "2020-2025", "2020 – 2025", "nhiệm kỳ 2020-2025" → the years; null otherwise (or when it runs backwards). */
export function parseTerm(text: string): { startYear: number; endYear: number } | null {
  const m = /^(?:nhiem ky\s*)?(\d{4})\s*[-–—/]\s*(\d{4})$/.exec(foldVietnamese(text));
  if (!m) return null;
  const startYear = Number(m[1]);
  const endYear = Number(m[2]);
  if (endYear <= startYear || endYear - startYear > 10) return null;
  return { startYear, endYear };
}


// Figures

export type WholeNumber =
  | { ok: true; value: number }
  | { ok: false; reason: 'empty' | 'not_number' | 'negative' | 'fraction' };

/**
 * A non-negative whole number as people type it: "1200", "1.200" or "1 200" (thousands), "90%"
 * when `percentSign`. Excel numbers arrive as "1200" or "12.5".
 */
export function parseWholeNumber(text: string, options: { percentSign?: boolean } = {}): WholeNumber {
  let t = text.trim().replace(/\u00a0/g, ' ');
  if (t === '') return { ok: false, reason: 'empty' };
  if (options.percentSign) t = t.replace(/\s*%$/, '');
  const negative = /^[-−]/.test(t);
  if (negative) t = t.slice(1).trim();
  if (/^\d{1,3}([., ]\d{3})+$/.test(t)) t = t.replace(/[., ]/g, '');
  if (/^\d+$/.test(t)) {
    const value = Number(t);
    if (negative && value !== 0) return { ok: false, reason: 'negative' };
    return Number.isSafeInteger(value) ? { ok: true, value } : { ok: false, reason: 'not_number' };
  }
  const decimal = /^(\d+)[.,](\d+)$/.exec(t);
  if (decimal) {
    if (negative) return { ok: false, reason: 'negative' };
    // "45.0" is a whole number written by a spreadsheet.
    return /^0+$/.test(decimal[2]!) ? { ok: true, value: Number(decimal[1]) } : { ok: false, reason: 'fraction' };
  }
  return { ok: false, reason: 'not_number' };
}

/** The reason a figure was refused, in Vietnamese: `số đạt "12a" không phải là số: …`. */
export function wholeNumberProblem(what: string, text: string, reason: Exclude<WholeNumber, { ok: true }>['reason']): string {
  switch (reason) {
    case 'empty':
      return `thiếu ${what}`;
    case 'negative':
      return `${what} không được âm (đang ghi "${text}")`;
    case 'fraction':
      return `${what} phải là số nguyên (đang ghi "${text}")`;
    case 'not_number':
      return `${what} "${text}" không phải là số: chỉ ghi chữ số, không kèm chữ, ví dụ 45`;
  }
}

/**
 * Figures as a secretary types them in a chat: "45/50" (a percentage: number meeting it / total),
 * "12" (a count), with thousands grouped or not ("1.200/1 500"). Each side is read like a
 * spreadsheet cell (parseWholeNumber); the slash always separates the two.
 */
export function parseTypedFigures(
  text: string,
): { ok: true; numerator: number; denominator: number | null } | { ok: false; reason: Exclude<WholeNumber, { ok: true }>['reason'] } {
  const sides = text.trim().split('/');
  if (sides.length > 2) return { ok: false, reason: 'not_number' };
  const [numerator, denominator] = sides.map((side) => parseWholeNumber(side));
  if (!numerator!.ok) return { ok: false, reason: numerator!.reason === 'empty' ? 'not_number' : numerator!.reason };
  if (denominator === undefined) return { ok: true, numerator: numerator!.value, denominator: null };
  if (!denominator.ok) return { ok: false, reason: denominator.reason === 'empty' ? 'not_number' : denominator.reason };
  return { ok: true, numerator: numerator!.value, denominator: denominator.value };
}
