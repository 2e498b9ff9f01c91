/**
 * Applies a validated import: clusters, branches (parents first) and members, all in one
 * transaction. A dry run goes through the very same writes and rolls them back, so what it reports
 * is exactly what a real run would do. The bot keeps running meanwhile and waits for the write lock
 * on every write of its own (its event loop with it): the rows are checked before the lock is
 * taken, and the lock is held for the writes only.
 */
import type { Db } from '../db/connection.js';
import { transactionKeptIf } from '../db/transaction.js';
import type { Role } from '../db/schema.js';
import type { ImportKind } from '../domain/import-columns.js';
import { codeKey, planImport, type ExistingState, type ImportPlan, type Sheet } from '../domain/import-rows.js';
import { sortRoles } from '../domain/roles.js';
import { foldVietnamese } from '../domain/text.js';
import type { Actor } from './actor.js';
import type { Branch, BranchService } from './branches.js';
import type { Member, MemberInput, MemberService } from './members.js';

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportChange {
  kind: ImportKind;
  code: string;
  action: 'created' | 'updated';
  /** For an update: which fields changed, in Vietnamese ("tên", "tổ chức đảng"…). */
  fields: string[];
}

export interface ImportReport {
  dryRun: boolean;
  branches: ImportCounts;
  members: ImportCounts;
  clustersCreated: { code: string; name: string }[];
  changes: ImportChange[];
}

export class ImportService {
  constructor(
    private readonly db: Db,
    private readonly branches: BranchService,
    private readonly members: MemberService,
  ) {}

  /** Validates the sheets against the database as it is now. */
  plan(sheets: readonly Sheet[], options: { type?: ImportKind } = {}): ImportPlan {
    return planImport(sheets, this.existingState(), options);
  }

  existingState(): ExistingState {
    const all = this.branches.list();
    const codeById = new Map(all.map((b) => [b.id, b.code]));
    return {
      branches: all.map((b) => ({
        code: b.code,
        name: b.name,
        shortName: b.shortName,
        kind: b.kind,
        parentCode: b.parentId === null ? null : (codeById.get(b.parentId) ?? null),
      })),
      members: this.members.listAll().map((m) => ({ code: m.code, fullName: m.fullName, telegramUserId: m.telegramUserId })),
    };
  }

  /**
   * Validates the sheets and, when every row is good, writes them (a dry run writes and rolls back).
   * `report` is null when the plan has problems: then nothing was written. The rows are validated
   * on a read snapshot, without the write lock; under the lock, the plan is used only if what it
   * was checked against (codes, names, parents, Telegram ids) is still the same, and made again
   * otherwise, so the database cannot change between validation and writes.
   */
  run(
    sheets: readonly Sheet[],
    actor: Actor,
    options: { dryRun: boolean; type?: ImportKind },
  ): { plan: ImportPlan; report: ImportReport | null } {
    const sqlite = this.db.$client;
    const checked = sqlite.transaction(() => ({ plan: this.plan(sheets, { type: options.type }), basis: this.planBasis() })).deferred();
    if (checked.plan.problems.length > 0) return { plan: checked.plan, report: null };
    return transactionKeptIf<{ plan: ImportPlan; report: ImportReport | null }>(sqlite, () => {
      const plan = this.planBasis() === checked.basis ? checked.plan : this.plan(sheets, { type: options.type });
      if (plan.problems.length > 0) return { value: { plan, report: null }, keep: false };
      return { value: { plan, report: this.write(plan, actor, options.dryRun) }, keep: !options.dryRun };
    });
  }

  /** Everything of the database a plan is checked against (existingState), in one string. */
  private planBasis(): string {
    const row = this.db.$client
      .prepare(
        `select (select group_concat(id || x'1f' || code || x'1f' || name || x'1f' || coalesce(short_name, '') || x'1f' || kind
                   || x'1f' || coalesce(parent_id, ''), x'1e') from branches) as branches,
                (select group_concat(id || x'1f' || coalesce(code, '') || x'1f' || full_name || x'1f' || coalesce(telegram_user_id, ''), x'1e')
                   from members) as members`,
      )
      .get() as { branches: string | null; members: string | null };
    return `${row.branches ?? ''}\n${row.members ?? ''}`;
  }

  private write(plan: ImportPlan, actor: Actor, dryRun: boolean): ImportReport {
    const report: ImportReport = {
      dryRun,
      branches: { created: 0, updated: 0, unchanged: 0 },
      members: { created: 0, updated: 0, unchanged: 0 },
      clustersCreated: [],
      changes: [],
    };
    const clusters = new ClusterResolver(this.branches, actor, report);
    // Every branch once, by code: thousands of member rows name a few dozen branches.
    const branchByCode = new Map(this.branches.list().map((b) => [codeKey(b.code), b]));
    const branchIdOf = (code: string) => branchByCode.get(codeKey(code))!.id;

    for (const row of plan.branches) {
      const before = branchByCode.get(codeKey(row.code)) ?? null;
      const parentId = row.parentCode === null ? null : branchIdOf(row.parentCode);
      const clusterId = row.cluster === undefined ? undefined : row.cluster === null ? null : clusters.idFor(row.cluster);
      const { branch } = this.branches.upsert(
        { code: row.code, name: row.name, shortName: row.shortName, kind: row.kind, parentId, clusterId, active: row.active },
        actor,
      );
      branchByCode.set(codeKey(branch.code), branch);
      count(report, 'branches', branch.code, before ? branchChanges(before, branch) : null);
    }

    // One read of every member instead of a lookup per row: a list of thousands re-imported each
    // month is mostly unchanged, and those rows are settled here without touching the database.
    const existing = new Map<string, Member>();
    for (const m of this.members.listAll()) if (m.code) existing.set(codeKey(m.code), m);
    for (const row of plan.members) {
      const before = existing.get(codeKey(row.code)) ?? null;
      let branchId: number | null;
      if (row.branchCode === undefined) branchId = before?.branchId ?? null;
      else branchId = row.branchCode === null ? null : branchIdOf(row.branchCode);
      const input = {
        code: row.code,
        fullName: row.fullName,
        branchId,
        roles: row.roles ?? before?.roles ?? (['member'] as Role[]),
        status: row.status,
        telegramUserId: row.telegramUserId,
      };
      if (!before) {
        const member = this.members.create(input, actor);
        count(report, 'members', member.code ?? row.code, null);
      } else if (memberChanges(before, projected(before, input)).length === 0) {
        count(report, 'members', before.code ?? row.code, []);
      } else {
        const { member } = this.members.upsertByCode(input, actor, before);
        count(report, 'members', member.code ?? row.code, memberChanges(before, member));
      }
    }
    return report;
  }
}

/** `fields` null: the row was created. */
function count(report: ImportReport, kind: ImportKind, code: string, fields: string[] | null) {
  const counts = report[kind];
  if (fields === null) {
    counts.created++;
    report.changes.push({ kind, code, action: 'created', fields: [] });
  } else if (fields.length > 0) {
    counts.updated++;
    report.changes.push({ kind, code, action: 'updated', fields });
  } else counts.unchanged++;
}

function branchChanges(before: Branch, after: Branch): string[] {
  const fields: string[] = [];
  if (before.name !== after.name) fields.push(`tên "${before.name}" → "${after.name}"`);
  if (before.shortName !== after.shortName) fields.push('tên viết tắt');
  if (before.kind !== after.kind) fields.push('loại');
  if (before.parentId !== after.parentId) fields.push('cấp trên');
  if (before.clusterId !== after.clusterId) fields.push('khối thi đua');
  if (before.active !== after.active) fields.push(after.active ? 'hoạt động lại' : 'ngừng hoạt động');
  return fields;
}

/** The member as upsertByCode will leave it: the same rules, to tell an unchanged row without writing. */
function projected(before: Member, input: MemberInput): Member {
  return {
    ...before,
    fullName: input.fullName.trim(),
    branchId: input.branchId,
    status: input.status ?? before.status,
    telegramUserId: input.telegramUserId || before.telegramUserId,
    roles: sortRoles(input.roles.length > 0 ? input.roles : ['member']),
  };
}

function memberChanges(before: Member, after: Member): string[] {
  const fields: string[] = [];
  if (before.fullName !== after.fullName) fields.push(`họ tên "${before.fullName}" → "${after.fullName}"`);
  if (before.branchId !== after.branchId) fields.push('tổ chức đảng');
  if (before.roles.join() !== after.roles.join()) fields.push('vai trò');
  if (before.status !== after.status) fields.push('trạng thái');
  if (before.telegramUserId !== after.telegramUserId) fields.push('Telegram ID');
  return fields;
}

/** Finds a cluster by code or name; creates the ones the file names that do not exist yet. */
class ClusterResolver {
  private readonly ids = new Map<string, number>();

  constructor(
    private readonly branches: BranchService,
    private readonly actor: Actor,
    private readonly report: ImportReport,
  ) {}

  idFor(value: string): number {
    const key = foldVietnamese(value);
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    let cluster = this.branches.findCluster(value);
    if (!cluster) {
      cluster = this.branches.upsertCluster({ code: this.newCode(value), name: value.trim() }, this.actor);
      this.report.clustersCreated.push({ code: cluster.code, name: cluster.name });
    }
    this.ids.set(key, cluster.id);
    return cluster.id;
  }

  /** A short code from the name: "Khối cơ quan quản lý nhà nước" → KCQQLNN (KCQQLNN2 if taken). */
  private newCode(name: string): string {
    const looksLikeCode = /^[A-Za-z0-9_-]{1,16}$/.test(name.trim());
    const base = looksLikeCode
      ? name.trim().toUpperCase()
      : foldVietnamese(name)
          .split(/[^a-z0-9]+/)
          .filter(Boolean)
          .map((w) => w[0])
          .join('')
          .toUpperCase()
          .slice(0, 12) || 'KHOI';
    const taken = new Set(this.branches.listClusters().map((c) => c.code.toUpperCase()));
    let code = base;
    for (let n = 2; taken.has(code); n++) code = `${base}${n}`;
    return code;
  }
}
