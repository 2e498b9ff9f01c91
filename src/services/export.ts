/**
 * The branch and member lists as tables with the import's Vietnamese headers and value labels, so an
 * exported file re-imports with nothing changed.
 */
import {
  BRANCH_COLUMNS,
  KIND_LABELS,
  MEMBER_COLUMNS,
  SHEET_TITLES,
  STATUS_LABELS,
  rolesLabel,
  yesNoLabel,
  type ImportKind,
} from '../domain/import-columns.js';
import type { BranchService } from './branches.js';
import type { MemberService } from './members.js';

export interface ExportTable {
  kind: ImportKind;
  sheetName: string;
  header: string[];
  rows: string[][];
}

export class ExportService {
  constructor(
    private readonly branches: BranchService,
    private readonly members: MemberService,
  ) {}

  /** Every branch, inactive and merged ones too (as "Hoạt động: không"), ordered by code. */
  branchTable(): ExportTable {
    const all = this.branches.list();
    const codeById = new Map(all.map((b) => [b.id, b.code]));
    const clusterName = new Map(this.branches.listClusters().map((c) => [c.id, c.name]));
    const rows = all.map((b) => {
      const values: Record<(typeof BRANCH_COLUMNS)[number]['field'], string> = {
        code: b.code,
        name: b.name,
        shortName: b.shortName ?? '',
        kind: KIND_LABELS[b.kind],
        parentCode: b.parentId === null ? '' : (codeById.get(b.parentId) ?? ''),
        cluster: b.clusterId === null ? '' : (clusterName.get(b.clusterId) ?? ''),
        active: yesNoLabel(b.active),
      };
      return BRANCH_COLUMNS.map((c) => values[c.field]);
    });
    return { kind: 'branches', sheetName: SHEET_TITLES.branches, header: BRANCH_COLUMNS.map((c) => c.header), rows };
  }

  /**
   * Members with a code, ordered by code. Members without one (office staff added by Telegram id,
   * people who joined through a branch link) cannot be matched on re-import, so they are counted
   * instead of written.
   */
  memberTable(): { table: ExportTable; withoutCode: number } {
    const branchCode = new Map(this.branches.list().map((b) => [b.id, b.code]));
    const all = this.members.listAll();
    const listed = all
      .filter((m): m is typeof m & { code: string } => m.code !== null && m.code.trim() !== '')
      .sort((a, b) => a.code.localeCompare(b.code, 'vi', { numeric: true }));
    const rows = listed.map((m) => {
      const values: Record<(typeof MEMBER_COLUMNS)[number]['field'], string> = {
        code: m.code,
        fullName: m.fullName,
        branchCode: m.branchId === null ? '' : (branchCode.get(m.branchId) ?? ''),
        roles: rolesLabel(m.roles),
        telegramId: m.telegramUserId === null ? '' : String(m.telegramUserId),
        status: STATUS_LABELS[m.status],
      };
      return MEMBER_COLUMNS.map((c) => values[c.field]);
    });
    return {
      table: { kind: 'members', sheetName: SHEET_TITLES.members, header: MEMBER_COLUMNS.map((c) => c.header), rows },
      withoutCode: all.length - listed.length,
    };
  }
}
