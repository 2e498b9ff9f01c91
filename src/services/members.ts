import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Statement } from 'better-sqlite3';
import type { Clock } from '../clock.js';
import type { Db } from '../db/connection.js';
import { dateOrNull } from '../db/row-values.js';
import { memberRoles, members, type MemberStatus, type Role } from '../db/schema.js';
import { sortRoles, type Principal } from '../domain/roles.js';
import { matchesWords } from '../domain/text.js';
import type { Actor } from './actor.js';
import type { AuditService } from './audit.js';

export type MemberRow = typeof members.$inferSelect;
export type Member = MemberRow & Principal & { roles: Role[] };

export interface MemberInput {
  code?: string | null;
  fullName: string;
  branchId: number | null;
  roles: Role[];
  status?: MemberStatus;
  telegramUserId?: number | null;
}

export interface TelegramIdentity {
  id: number;
  username?: string;
  firstName?: string;
  lastName?: string;
  languageCode?: string;
}

/** Members, their roles, and the link between a member and a Telegram account. */
export class MemberService {
  /**
   * Run for every update (who is writing): prepared once, the roles in the same statement, the row
   * read as an array and mapped by hand (drizzle's mapping of every column cost a quarter of the
   * statement; tests/services/member-lookup.test.ts compares the two).
   */
  readonly #activeByTelegramId: Statement<[number], unknown[]>;
  readonly #rolesOf;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {
    this.#activeByTelegramId = db.$client
      .prepare<[number], unknown[]>(
        `select id, code, full_name, branch_id, status, telegram_user_id, telegram_username, language, linked_at,
           unreachable_since, command_menu, private_reminders, created_at, updated_at,
           (select group_concat(role) from member_roles where member_id = members.id) as role_list
         from members where telegram_user_id = ? and status = 'active'`,
      )
      .raw();
    this.#rolesOf = db
      .select({ role: memberRoles.role })
      .from(memberRoles)
      .where(eq(memberRoles.memberId, sql.placeholder('memberId')))
      .prepare();
  }

  /** The active member behind a Telegram account, or null: members who left see nothing. */
  findByTelegramId(telegramUserId: number): Member | null {
    const r = this.#activeByTelegramId.get(telegramUserId);
    if (!r) return null;
    const roleList = r[14] as string | null;
    return {
      id: r[0] as number,
      code: r[1] as string | null,
      fullName: r[2] as string,
      branchId: r[3] as number | null,
      status: r[4] as MemberStatus,
      telegramUserId: r[5] as number | null,
      telegramUsername: r[6] as string | null,
      language: r[7] as string | null,
      linkedAt: dateOrNull(r[8] as number | null),
      unreachableSince: dateOrNull(r[9] as number | null),
      commandMenu: r[10] as string | null,
      privateReminders: r[11] === 1,
      createdAt: new Date(r[12] as number),
      updatedAt: new Date(r[13] as number),
      roles: sortRoles(roleList ? (roleList.split(',') as Role[]) : []),
    };
  }

  getById(id: number): Member | null {
    const row = this.db.select().from(members).where(eq(members.id, id)).get();
    return row ? this.withRoles(row) : null;
  }

  getByCode(code: string): Member | null {
    const row = this.db
      .select()
      .from(members)
      .where(sql`lower(${members.code}) = lower(${code.trim()})`)
      .get();
    return row ? this.withRoles(row) : null;
  }

  listByBranch(branchId: number, options: { activeOnly?: boolean } = {}): Member[] {
    const rows = this.db
      .select()
      .from(members)
      .where(and(eq(members.branchId, branchId), options.activeOnly === false ? undefined : eq(members.status, 'active')))
      .orderBy(asc(members.fullName))
      .all();
    return this.attachRoles(rows);
  }

  /** How many active members the given branches have (a committee with its sub-cells: pass them all). */
  countActive(branchIds: readonly number[]): number {
    if (branchIds.length === 0) return 0;
    return (
      this.db
        .select({ n: sql<number>`count(*)` })
        .from(members)
        .where(and(inArray(members.branchId, [...branchIds]), eq(members.status, 'active')))
        .get()?.n ?? 0
    );
  }

  listAll(): Member[] {
    return this.attachRoles(this.db.select().from(members).orderBy(asc(members.id)).all());
  }

  /** Active members holding a role, optionally within given branches. */
  withRole(role: Role, branchIds?: number[]): Member[] {
    const rows = this.db
      .select({ m: members })
      .from(members)
      .innerJoin(memberRoles, eq(memberRoles.memberId, members.id))
      .where(
        and(
          eq(memberRoles.role, role),
          eq(members.status, 'active'),
          branchIds ? inArray(members.branchId, branchIds) : undefined,
        ),
      )
      .all()
      .map((r) => r.m);
    return this.attachRoles(rows);
  }

  /**
   * Active members whose name contains every word of `query` as a word prefix, with or without
   * diacritics; within the given branches, or everywhere when `branchIds` is null.
   */
  findByName(query: string, branchIds: number[] | null, limit = 20): Member[] {
    const rows = this.db
      .select()
      .from(members)
      .where(and(eq(members.status, 'active'), branchIds ? inArray(members.branchId, branchIds) : undefined))
      .orderBy(asc(members.fullName))
      .all()
      .filter((m) => matchesWords(m.fullName, query))
      .slice(0, limit);
    return this.attachRoles(rows);
  }

  create(input: MemberInput, actor: Actor): Member {
    return this.db.transaction(() => {
      const now = this.clock.now();
      const row = this.db
        .insert(members)
        .values({
          code: input.code?.trim() || null,
          fullName: input.fullName.trim(),
          branchId: input.branchId,
          status: input.status ?? 'active',
          telegramUserId: input.telegramUserId ?? null,
          linkedAt: input.telegramUserId ? now : null,
          createdAt: now,
          updatedAt: now,
        })
        .returning()
        .get();
      this.writeRoles(row.id, input.roles);
      this.audit.record(actor, 'member.create', 'member', row.id, {
        code: row.code,
        fullName: row.fullName,
        branchId: row.branchId,
        roles: input.roles,
      });
      return this.withRoles(row);
    }, { behavior: 'immediate' });
  }

  /**
   * Creates or updates by code (imports). Returns what happened. `known`: the member as the caller
   * has just read it in the same transaction (an import reads them all at once), to save a lookup.
   */
  upsertByCode(
    input: MemberInput & { code: string },
    actor: Actor,
    known?: Member,
  ): { member: Member; created: boolean; changed: boolean } {
    return this.db.transaction(() => {
      const existing = known ?? this.getByCode(input.code);
      if (!existing) return { member: this.create(input, actor), created: true, changed: true };
      const changes: Partial<MemberRow> = {};
      if (existing.fullName !== input.fullName.trim()) changes.fullName = input.fullName.trim();
      if (existing.branchId !== input.branchId) changes.branchId = input.branchId;
      if (input.status && existing.status !== input.status) changes.status = input.status;
      if (input.telegramUserId && existing.telegramUserId !== input.telegramUserId) {
        changes.telegramUserId = input.telegramUserId;
        changes.linkedAt = this.clock.now();
      }
      const rolesChanged = sortRoles(existing.roles).join() !== sortRoles(input.roles).join();
      const updatedAt = Object.keys(changes).length > 0 ? this.clock.now() : existing.updatedAt;
      if (Object.keys(changes).length > 0) {
        this.db
          .update(members)
          .set({ ...changes, updatedAt })
          .where(eq(members.id, existing.id))
          .run();
      }
      if (rolesChanged) this.writeRoles(existing.id, input.roles);
      const changed = rolesChanged || Object.keys(changes).length > 0;
      if (changed) this.audit.record(actor, 'member.update', 'member', existing.id, { ...changes, roles: input.roles });
      const roles = rolesChanged ? sortRoles(input.roles.length ? input.roles : ['member']) : existing.roles;
      const member = known ? { ...existing, ...changes, updatedAt, roles } : this.getById(existing.id)!;
      return { member, created: false, changed };
    }, { behavior: 'immediate' });
  }

  setRoles(memberId: number, roles: Role[], actor: Actor): Member {
    this.db.transaction(() => {
      this.writeRoles(memberId, roles);
      this.touch(memberId);
      this.audit.record(actor, 'member.roles', 'member', memberId, { roles });
    }, { behavior: 'immediate' });
    return this.getById(memberId)!;
  }

  /** Links a Telegram account to a listed member (invite redemption). */
  linkTelegram(memberId: number, identity: TelegramIdentity, actor: Actor): Member {
    this.db
      .update(members)
      .set({
        telegramUserId: identity.id,
        telegramUsername: identity.username ?? null,
        linkedAt: this.clock.now(),
        unreachableSince: null,
        commandMenu: null,
        updatedAt: this.clock.now(),
      })
      .where(eq(members.id, memberId))
      .run();
    this.audit.record(actor, 'member.link', 'member', memberId, { telegramUserId: identity.id });
    return this.getById(memberId)!;
  }

  setStatus(memberId: number, status: MemberStatus, actor: Actor): void {
    this.db.update(members).set({ status, updatedAt: this.clock.now() }).where(eq(members.id, memberId)).run();
    this.audit.record(actor, 'member.status', 'member', memberId, { status });
  }

  /**
   * Makes a Telegram user an office admin. A user not yet listed gets a member record of their own
   * (no branch), so the office can work from the first start.
   */
  addAdmin(telegramUserId: number, fullName: string | null, actor: Actor): Member {
    return this.db.transaction(() => {
      const existing = this.db.select().from(members).where(eq(members.telegramUserId, telegramUserId)).get();
      if (existing) {
        const current = this.withRoles(existing);
        const roles = sortRoles([...current.roles, 'office', 'admin']);
        if (existing.status !== 'active') this.setStatus(existing.id, 'active', actor);
        if (roles.join() !== sortRoles(current.roles).join()) return this.setRoles(existing.id, roles, actor);
        return current;
      }
      return this.create(
        {
          fullName: fullName ?? `Quản trị viên ${telegramUserId}`,
          branchId: null,
          roles: ['office', 'admin'],
          telegramUserId,
        },
        actor,
      );
    }, { behavior: 'immediate' });
  }

  /** Takes the admin and office roles away; the member record stays. Returns false if unknown. */
  removeAdmin(telegramUserId: number, actor: Actor): boolean {
    const existing = this.db.select().from(members).where(eq(members.telegramUserId, telegramUserId)).get();
    if (!existing) return false;
    const current = this.withRoles(existing);
    const roles = current.roles.filter((r) => r !== 'admin' && r !== 'office');
    this.setRoles(existing.id, roles.length ? roles : ['member'], actor);
    return true;
  }

  /** ADMIN_IDS from the configuration: admins from the first start, added once. */
  ensureAdmins(telegramUserIds: readonly number[], actor: Actor): void {
    for (const id of telegramUserIds) {
      const m = this.findByTelegramId(id);
      if (m && m.roles.includes('admin')) continue;
      this.addAdmin(id, null, actor);
    }
  }

  markUnreachable(telegramUserId: number): void {
    this.db
      .update(members)
      .set({ unreachableSince: this.clock.now() })
      .where(and(eq(members.telegramUserId, telegramUserId), sql`${members.unreachableSince} is null`))
      .run();
  }

  /** Of these Telegram users, the members known to be unreachable (blocked the bot), with since when. */
  unreachableAmong(telegramUserIds: readonly number[]): Map<number, Date> {
    if (telegramUserIds.length === 0) return new Map();
    const rows = this.db
      .select({ id: members.telegramUserId, since: members.unreachableSince })
      .from(members)
      .where(and(inArray(members.telegramUserId, [...telegramUserIds]), isNotNull(members.unreachableSince)))
      .all();
    return new Map(rows.map((r) => [r.id!, r.since!]));
  }

  /** A member who writes to the bot is reachable again. */
  markReachable(memberId: number): void {
    this.db
      .update(members)
      .set({ unreachableSince: null })
      .where(and(eq(members.id, memberId), isNotNull(members.unreachableSince)))
      .run();
  }

  setCommandMenu(memberId: number, fingerprint: string): void {
    this.db.update(members).set({ commandMenu: fingerprint }).where(eq(members.id, memberId)).run();
  }

  setLanguage(memberId: number, language: 'vi' | 'en' | null, actor: Actor): void {
    this.db.update(members).set({ language, updatedAt: this.clock.now() }).where(eq(members.id, memberId)).run();
    this.audit.record(actor, 'member.language', 'member', memberId, { language });
  }

  /** Meeting reminders by private message, on or off (groups still get them). */
  setPrivateReminders(memberId: number, on: boolean, actor: Actor): void {
    this.db.update(members).set({ privateReminders: on, updatedAt: this.clock.now() }).where(eq(members.id, memberId)).run();
    this.audit.record(actor, 'member.private_reminders', 'member', memberId, { on });
  }

  private touch(memberId: number) {
    this.db.update(members).set({ updatedAt: this.clock.now() }).where(eq(members.id, memberId)).run();
  }

  private writeRoles(memberId: number, roles: Role[]) {
    const unique = sortRoles(roles.length ? roles : ['member']);
    this.db.delete(memberRoles).where(eq(memberRoles.memberId, memberId)).run();
    this.db
      .insert(memberRoles)
      .values(unique.map((role) => ({ memberId, role })))
      .run();
  }

  private withRoles(row: MemberRow): Member {
    return { ...row, roles: sortRoles(this.#rolesOf.all({ memberId: row.id }).map((r) => r.role)) };
  }

  private attachRoles(rows: MemberRow[]): Member[] {
    if (rows.length === 0) return [];
    const byMember = new Map<number, Role[]>();
    const ids = rows.map((r) => r.id);
    for (let i = 0; i < ids.length; i += 500) {
      const slice = ids.slice(i, i + 500);
      for (const r of this.db.select().from(memberRoles).where(inArray(memberRoles.memberId, slice)).all()) {
        const list = byMember.get(r.memberId) ?? [];
        list.push(r.role);
        byMember.set(r.memberId, list);
      }
    }
    return rows.map((row) => ({ ...row, roles: sortRoles(byMember.get(row.id) ?? []) }));
  }
}
