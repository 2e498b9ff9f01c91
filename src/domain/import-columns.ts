/**
 * The columns of the branch and member lists, shared by import and export so that an exported file
 * re-imports unchanged. Headers and values are matched after folding (diacritics, đ, case, spacing
 * and punctuation), so "Mã chi bộ", "ma chi bo" and "MA_CHI_BO" are the same column.
 */
import type { BranchKind, MemberStatus, Role } from '../db/schema.js';
import { foldVietnamese } from './text.js';

export type ImportKind = 'branches' | 'members';
export const IMPORT_KINDS = ['branches', 'members'] as const;

export type BranchField = 'code' | 'name' | 'shortName' | 'kind' | 'parentCode' | 'cluster' | 'active';
export type MemberField = 'code' | 'fullName' | 'branchCode' | 'roles' | 'telegramId' | 'status';

export interface ColumnSpec<F extends string> {
  field: F;
  /** The header written on export and shown in messages. */
  header: string;
  /** Accepted headers, already folded with normalizeHeader. */
  aliases: readonly string[];
  required?: boolean;
}

export const BRANCH_COLUMNS: readonly ColumnSpec<BranchField>[] = [
  {
    field: 'code',
    header: 'Mã tổ chức đảng',
    aliases: ['ma to chuc dang', 'ma chi bo', 'ma', 'ma to chuc', 'ma tccs', 'ma don vi', 'code', 'branch code'],
    required: true,
  },
  {
    field: 'name',
    header: 'Tên tổ chức đảng',
    aliases: ['ten to chuc dang', 'ten chi bo', 'ten', 'ten to chuc', 'ten tccs', 'ten don vi', 'name', 'branch name'],
    required: true,
  },
  { field: 'shortName', header: 'Tên viết tắt', aliases: ['ten viet tat', 'ten ngan', 'viet tat', 'short name'] },
  { field: 'kind', header: 'Loại', aliases: ['loai', 'loai to chuc', 'loai hinh', 'kind', 'type'] },
  {
    field: 'parentCode',
    header: 'Mã cấp trên',
    aliases: ['ma cap tren', 'truc thuoc', 'cap tren', 'ma chi bo cap tren', 'ma to chuc cap tren', 'parent', 'parent code'],
  },
  { field: 'cluster', header: 'Khối thi đua', aliases: ['khoi thi dua', 'khoi', 'cluster'] },
  { field: 'active', header: 'Hoạt động', aliases: ['hoat dong', 'con hoat dong', 'active'] },
];

export const MEMBER_COLUMNS: readonly ColumnSpec<MemberField>[] = [
  {
    field: 'code',
    header: 'Mã đảng viên',
    aliases: ['ma dang vien', 'so the', 'so the dang vien', 'ma dv', 'ma', 'code', 'member code'],
    required: true,
  },
  { field: 'fullName', header: 'Họ và tên', aliases: ['ho va ten', 'ho ten', 'ten', 'full name', 'name'], required: true },
  {
    field: 'branchCode',
    header: 'Mã tổ chức đảng',
    aliases: ['ma to chuc dang', 'to chuc dang', 'ma chi bo', 'chi bo', 'ma to chuc', 'branch', 'branch code'],
  },
  { field: 'roles', header: 'Vai trò', aliases: ['vai tro', 'chuc vu', 'role', 'roles'] },
  {
    field: 'telegramId',
    header: 'Telegram ID',
    aliases: ['telegram id', 'telegram', 'ma telegram', 'id telegram', 'telegram user id'],
  },
  { field: 'status', header: 'Trạng thái', aliases: ['trang thai', 'tinh trang', 'status'] },
];

/** Sheet names that say what a sheet holds, folded. */
export const SHEET_NAMES: Record<ImportKind, readonly string[]> = {
  branches: ['chi bo', 'branches', 'to chuc', 'to chuc co so dang', 'tccs', 'danh sach chi bo', 'to chuc dang'],
  members: ['dang vien', 'members', 'danh sach dang vien'],
};

/** The sheet names written on export. */
// The branches sheet holds committees and cells alike: "Tổ chức đảng", not "Chi bộ" (still read on import).
export const SHEET_TITLES: Record<ImportKind, string> = { branches: 'Tổ chức đảng', members: 'Đảng viên' };

/** Folds a header or a keyword: "Mã tổ chức đảng (*)" → "ma to chuc dang". */
export function normalizeHeader(text: string): string {
  return foldVietnamese(text)
    .replace(/[_\-.:*()/#\\[\]]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// Branch kinds

export const KIND_LABELS: Record<BranchKind, string> = {
  committee: 'Đảng bộ cơ sở',
  cell: 'Chi bộ cơ sở',
  subcell: 'Chi bộ trực thuộc',
};

/** "chi bộ" alone leaves the choice between a grassroots cell and a subcell to the parent column. */
export type ParsedKind = BranchKind | 'cell-or-subcell';

const KIND_ALIASES: Record<string, ParsedKind> = {
  'dang bo co so': 'committee',
  'dang bo': 'committee',
  dbcs: 'committee',
  committee: 'committee',
  'chi bo co so': 'cell',
  cbcs: 'cell',
  cell: 'cell',
  'chi bo truc thuoc': 'subcell',
  cbtt: 'subcell',
  subcell: 'subcell',
  'chi bo': 'cell-or-subcell',
};

/** null when the text is not a kind. */
export function parseKind(text: string): ParsedKind | null {
  const key = normalizeHeader(text);
  // Own keys only: "constructor" must not find Object's members.
  return Object.hasOwn(KIND_ALIASES, key) ? KIND_ALIASES[key]! : null;
}

// Yes / no

const YES = new Set(['co', 'x', 'yes', 'y', '1', 'true', 'hoat dong', 'dang hoat dong', 'con hoat dong']);
const NO = new Set(['khong', 'no', 'n', '0', 'false', 'ngung', 'ngung hoat dong', 'giai the']);

export function parseYesNo(text: string): boolean | null {
  const key = normalizeHeader(text);
  if (YES.has(key)) return true;
  if (NO.has(key)) return false;
  return null;
}

export const yesNoLabel = (value: boolean): string => (value ? 'có' : 'không');

// Member status

export const STATUS_LABELS: Record<MemberStatus, string> = { active: 'đang sinh hoạt', left: 'đã chuyển' };

const STATUS_ALIASES: Record<string, MemberStatus> = {
  'dang sinh hoat': 'active',
  'sinh hoat': 'active',
  'dang hoat dong': 'active',
  'hoat dong': 'active',
  active: 'active',
  'da chuyen': 'left',
  'da chuyen di': 'left',
  'chuyen di': 'left',
  'da chuyen sinh hoat': 'left',
  'chuyen sinh hoat': 'left',
  left: 'left',
};

export function parseStatus(text: string): MemberStatus | null {
  const key = normalizeHeader(text);
  return Object.hasOwn(STATUS_ALIASES, key) ? STATUS_ALIASES[key]! : null;
}

// Roles

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Quản trị',
  office: 'Văn phòng',
  secretary: 'Bí thư',
  deputy: 'Phó bí thư',
  member: 'Đảng viên',
};

/** Roles are written comma separated, in the order of importance. */
export function rolesLabel(roles: readonly Role[]): string {
  return roles.map((r) => ROLE_LABELS[r]).join(', ');
}

/** Splits "Bí thư; Đảng viên" into its parts; the caller parses each with parseRole. */
export function splitList(text: string): string[] {
  return text
    .split(/[,;\n]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}
