import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Db } from '../db/connection.js';
import { branchHistory, branches, chats, clusters, memberRoles, members, type BranchKind } from '../db/schema.js';
import { foldVietnamese, matchesWords } from '../domain/text.js';
import type { Actor } from './actor.js';
import type { AuditService } from './audit.js';

export type Branch = typeof branches.$inferSelect;
export type Cluster = typeof clusters.$inferSelect;
export type BranchHistoryEntry = typeof branchHistory.$inferSelect;

export interface BranchInput {
  code: string;
  name: string;
  shortName?: string | null;
  kind: BranchKind;
  parentId?: number | null;
  clusterId?: number | null;
  active?: boolean;
}

export type ResolveResult = { branch: Branch } | { ambiguous: Branch[] } | { notFound: true };

export interface BranchSummary {
  branch: Branch;
  parent: Branch | null;
  cluster: Cluster | null;
  secretaries: { id: number; fullName: string }[];
  deputies: { id: number; fullName: string }[];
  memberCount: number;
  linkedCount: number;
  groups: { telegramChatId: number; title: string | null }[];
  children: Branch[];
}

/** The whole bloc at a glance (/chibo for the office, who belong to no branch). */
export interface BlocSummary {
  /** Active branches by kind. */
  branches: Record<BranchKind, number>;
  clusters: number;
  /** Active members of the branches (office staff without a branch are not counted). */
  memberCount: number;
  linkedCount: number;
  /** Active group chats linked to a branch. */
  groupCount: number;
  /** An active branch's code, for the example `/chibo <code>`. */
  exampleCode: string | null;
}

/** Branches (grassroots organisations and their cells) and clusters, with history kept on change. */
export class BranchService {
  /** Ancestry and subtrees are walked on most lookups and permission checks: prepared once. */
  readonly #byId;
  readonly #parentLinks;
  readonly #ancestryIds;
  readonly #threeLevels;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {
    this.#byId = db.select().from(branches).where(eq(branches.id, sql.placeholder('id'))).prepare();
    this.#parentLinks = db.select({ id: branches.id, parentId: branches.parentId }).from(branches).prepare();
    // `union` drops a row already produced, so a loop of parents (which no import should make) ends.
    // A bloc's tree is two or three levels deep: one plain join reads them (about a third of the
    // recursive statement's time); the recursive one is for anything deeper, or a loop.
    this.#threeLevels = db.$client.prepare<{ id: number }, { own: number; parent: number | null; grandparent: number | null; above: number | null }>(
      'select b.id as own, p.id as parent, g.id as grandparent, g.parent_id as above from branches b left join branches p on p.id = b.parent_id left join branches g on g.id = p.parent_id where b.id = @id',
    );
    this.#ancestryIds = db.$client
      .prepare<{ id: number }, number>(
        'with recursive up(id, parent_id) as (select id, parent_id from branches where id = @id union select b.id, b.parent_id from branches b join up on b.id = up.parent_id) select id from up',
      )
      .pluck();
  }

  list(options: { activeOnly?: boolean } = {}): Branch[] {
    return this.db
      .select()
      .from(branches)
      .where(options.activeOnly ? eq(branches.active, true) : undefined)
      .orderBy(asc(branches.code))
      .all();
  }

  getById(id: number): Branch | null {
    return this.#byId.get({ id }) ?? null;
  }

  getByCode(code: string): Branch | null {
    return (
      this.db
        .select()
        .from(branches)
        .where(sql`lower(${branches.code}) = lower(${code.trim()})`)
        .get() ?? null
    );
  }

  /** Finds a branch by code, then by name or short name with or without diacritics. */
  resolve(query: string): ResolveResult {
    const q = query.trim();
    if (q === '') return { notFound: true };
    const byCode = this.getByCode(q);
    if (byCode) return { branch: byCode };
    const active = this.list({ activeOnly: true });
    const folded = foldVietnamese(q);
    const exact = active.filter((b) => foldVietnamese(b.name) === folded || (b.shortName && foldVietnamese(b.shortName) === folded));
    if (exact.length === 1) return { branch: exact[0]! };
    const partial = exact.length > 1 ? exact : active.filter((b) => matchesWords(`${b.name} ${b.shortName ?? ''}`, q));
    if (partial.length === 1) return { branch: partial[0]! };
    if (partial.length > 1) return { ambiguous: partial };
    return { notFound: true };
  }

  children(id: number): Branch[] {
    return this.db.select().from(branches).where(eq(branches.parentId, id)).orderBy(asc(branches.code)).all();
  }

  /** The ids of a branch and every branch below it. */
  subtreeIds(id: number): number[] {
    const all = this.#parentLinks.all();
    const ids = [id];
    for (let i = 0; i < ids.length; i++) {
      for (const b of all) if (b.parentId === ids[i] && !ids.includes(b.id)) ids.push(b.id);
    }
    return ids;
  }

  /** The ids of a branch and every branch above it, in no particular order: one statement, for the lookups that only test membership. */
  ancestryIds(id: number): number[] {
    const row = this.#threeLevels.get({ id });
    if (!row) return [];
    if (row.above !== null) return this.#ancestryIds.all({ id });
    const ids = [row.own];
    if (row.parent !== null && row.parent !== row.own) ids.push(row.parent);
    if (row.grandparent !== null && !ids.includes(row.grandparent)) ids.push(row.grandparent);
    return ids;
  }

  /** The branch and every branch above it, nearest first. */
  ancestry(id: number): Branch[] {
    const chain: Branch[] = [];
    const seen = new Set<number>();
    let current = this.getById(id);
    while (current && !seen.has(current.id)) {
      chain.push(current);
      seen.add(current.id);
      current = current.parentId ? this.getById(current.parentId) : null;
    }
    return chain;
  }

  /** Creates or updates by code, recording renames, moves and (de)activations. */
  upsert(input: BranchInput, actor: Actor): { branch: Branch; created: boolean } {
    return this.db.transaction(() => {
      const now = this.clock.now();
      const existing = this.getByCode(input.code);
      if (!existing) {
        const branch = this.db
          .insert(branches)
          .values({
            code: input.code.trim(),
            name: input.name.trim(),
            shortName: input.shortName?.trim() || null,
            kind: input.kind,
            parentId: input.parentId ?? null,
            clusterId: input.clusterId ?? null,
            active: input.active ?? true,
            createdAt: now,
            updatedAt: now,
          })
          .returning()
          .get();
        this.history(branch.id, 'created', null, branch.name);
        this.audit.record(actor, 'branch.create', 'branch', branch.id, { code: branch.code, name: branch.name });
        return { branch, created: true };
      }
      const changes: Partial<Branch> = {};
      if (existing.name !== input.name.trim()) {
        changes.name = input.name.trim();
        this.history(existing.id, 'renamed', existing.name, changes.name);
      }
      if ((existing.parentId ?? null) !== (input.parentId ?? null)) {
        changes.parentId = input.parentId ?? null;
        this.history(existing.id, 'moved', String(existing.parentId ?? ''), String(input.parentId ?? ''));
      }
      const shortName = input.shortName?.trim() || null;
      if (input.shortName !== undefined && existing.shortName !== shortName) changes.shortName = shortName;
      if (existing.kind !== input.kind) changes.kind = input.kind;
      if (input.clusterId !== undefined && (existing.clusterId ?? null) !== (input.clusterId ?? null))
        changes.clusterId = input.clusterId ?? null;
      if (input.active !== undefined && existing.active !== input.active) {
        changes.active = input.active;
        this.history(existing.id, input.active ? 'reactivated' : 'deactivated', null, null);
      }
      if (Object.keys(changes).length === 0) return { branch: existing, created: false };
      const branch = this.db
        .update(branches)
        .set({ ...changes, updatedAt: now })
        .where(eq(branches.id, existing.id))
        .returning()
        .get();
      this.audit.record(actor, 'branch.update', 'branch', branch.id, changes);
      return { branch, created: false };
    }, { behavior: 'immediate' });
  }

  rename(id: number, newName: string, actor: Actor): Branch {
    const branch = this.getById(id);
    if (!branch) throw new Error(`No branch ${id}`);
    return this.upsert({ ...branch, name: newName }, actor).branch;
  }

  /**
   * Merges `sourceId` into `targetId`: members, linked groups and sub-cells move to the target; the
   * source stays in the database, inactive, pointing at the target, so its history survives.
   */
  merge(sourceId: number, targetId: number, actor: Actor): void {
    if (sourceId === targetId) throw new Error('Cannot merge a branch into itself');
    this.db.transaction(() => {
      const now = this.clock.now();
      this.db.update(members).set({ branchId: targetId, updatedAt: now }).where(eq(members.branchId, sourceId)).run();
      this.db.update(chats).set({ branchId: targetId, updatedAt: now }).where(eq(chats.branchId, sourceId)).run();
      this.db.update(branches).set({ parentId: targetId, updatedAt: now }).where(eq(branches.parentId, sourceId)).run();
      this.db
        .update(branches)
        .set({ active: false, mergedIntoId: targetId, updatedAt: now })
        .where(eq(branches.id, sourceId))
        .run();
      this.history(sourceId, 'merged', null, null, targetId);
      this.history(targetId, 'merged', null, null, sourceId);
      this.audit.record(actor, 'branch.merge', 'branch', sourceId, { into: targetId });
    }, { behavior: 'immediate' });
  }

  historyOf(id: number): BranchHistoryEntry[] {
    return this.db.select().from(branchHistory).where(eq(branchHistory.branchId, id)).orderBy(asc(branchHistory.id)).all();
  }

  summary(id: number): BranchSummary | null {
    const branch = this.getById(id);
    if (!branch) return null;
    const parent = branch.parentId ? this.getById(branch.parentId) : null;
    const cluster = branch.clusterId ? this.getCluster(branch.clusterId) : null;
    const leaders = this.db
      .select({ id: members.id, fullName: members.fullName, role: memberRoles.role })
      .from(members)
      .innerJoin(memberRoles, eq(memberRoles.memberId, members.id))
      .where(
        and(eq(members.branchId, id), eq(members.status, 'active'), inArray(memberRoles.role, ['secretary', 'deputy'])),
      )
      .orderBy(asc(members.fullName))
      .all();
    const counts = this.db
      .select({
        total: sql<number>`count(*)`,
        linked: sql<number>`count(${members.telegramUserId})`,
      })
      .from(members)
      .where(and(eq(members.branchId, id), eq(members.status, 'active')))
      .get() ?? { total: 0, linked: 0 };
    const groups = this.db
      .select({ telegramChatId: chats.telegramChatId, title: chats.title })
      .from(chats)
      .where(and(eq(chats.branchId, id), eq(chats.status, 'active')))
      .all();
    return {
      branch,
      parent,
      cluster,
      secretaries: leaders.filter((l) => l.role === 'secretary').map(({ id, fullName }) => ({ id, fullName })),
      deputies: leaders.filter((l) => l.role === 'deputy').map(({ id, fullName }) => ({ id, fullName })),
      memberCount: counts.total,
      linkedCount: counts.linked,
      groups,
      children: this.children(id).filter((c) => c.active),
    };
  }

  blocSummary(): BlocSummary {
    const active = this.list({ activeOnly: true });
    const byKind: Record<BranchKind, number> = { committee: 0, cell: 0, subcell: 0 };
    for (const b of active) byKind[b.kind]++;
    const people = this.db
      .select({ total: sql<number>`count(*)`, linked: sql<number>`count(${members.telegramUserId})` })
      .from(members)
      .where(and(eq(members.status, 'active'), isNotNull(members.branchId)))
      .get() ?? { total: 0, linked: 0 };
    const groups = this.db
      .select({ n: sql<number>`count(*)` })
      .from(chats)
      .where(and(eq(chats.status, 'active'), isNotNull(chats.branchId)))
      .get()?.n ?? 0;
    return {
      branches: byKind,
      clusters: this.listClusters().length,
      memberCount: people.total,
      linkedCount: people.linked,
      groupCount: groups,
      exampleCode: active[0]?.code ?? null,
    };
  }

  // Clusters

  listClusters(): Cluster[] {
    return this.db.select().from(clusters).orderBy(asc(clusters.code)).all();
  }

  getCluster(id: number): Cluster | null {
    return this.db.select().from(clusters).where(eq(clusters.id, id)).get() ?? null;
  }

  /** Finds a cluster by code or (folded) name. */
  findCluster(query: string): Cluster | null {
    const folded = foldVietnamese(query);
    return this.listClusters().find((c) => foldVietnamese(c.code) === folded || foldVietnamese(c.name) === folded) ?? null;
  }

  upsertCluster(input: { code: string; name: string; leader?: string | null }, actor: Actor): Cluster {
    const existing = this.db.select().from(clusters).where(eq(clusters.code, input.code)).get();
    if (existing) {
      if (existing.name === input.name && (input.leader === undefined || existing.leader === input.leader)) return existing;
      const updated = this.db
        .update(clusters)
        .set({ name: input.name, leader: input.leader ?? existing.leader })
        .where(eq(clusters.id, existing.id))
        .returning()
        .get();
      this.audit.record(actor, 'cluster.update', 'cluster', updated.id, { name: input.name });
      return updated;
    }
    const created = this.db
      .insert(clusters)
      .values({ code: input.code, name: input.name, leader: input.leader ?? null, createdAt: this.clock.now() })
      .returning()
      .get();
    this.audit.record(actor, 'cluster.create', 'cluster', created.id, { code: created.code, name: created.name });
    return created;
  }

  private history(branchId: number, event: BranchHistoryEntry['event'], oldValue: string | null, newValue: string | null, otherBranchId?: number) {
    this.db
      .insert(branchHistory)
      .values({ branchId, event, oldValue, newValue, otherBranchId: otherBranchId ?? null, at: this.clock.now() })
      .run();
  }
}
