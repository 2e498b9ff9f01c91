import { randomBytes } from 'node:crypto';
import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Db } from '../db/connection.js';
import { inviteFailures, invites, type Role } from '../db/schema.js';
import type { Actor } from './actor.js';
import type { AuditService } from './audit.js';
import type { BranchService } from './branches.js';
import type { Member, MemberService, TelegramIdentity } from './members.js';

export type Invite = typeof invites.$inferSelect;

export const INVITE_CODE_PATTERN = /^[A-Za-z0-9_-]{12,64}$/;
export const DEFAULT_INVITE_DAYS = 7;
/** Wrong codes allowed in the window before a user has to wait. */
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;

export type RedeemResult =
  | { ok: true; member: Member; created: boolean }
  | { ok: false; reason: 'throttled'; retryAfterMs: number }
  | { ok: false; reason: 'unknown' | 'expired' | 'used' | 'revoked' | 'member_taken' | 'member_left' | 'branch_inactive' }
  | { ok: false; reason: 'already_linked'; member: Member };

const DAY_MS = 24 * 60 * 60 * 1000;

/** Invites: deep links that let a Telegram account in as a listed member or into a branch. */
export class InviteService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly members: MemberService,
    private readonly branches: BranchService,
  ) {}

  createForMember(memberId: number, options: { days?: number; createdBy?: number | null }, actor: Actor): Invite {
    const member = this.members.getById(memberId);
    if (!member) throw new Error(`No member ${memberId}`);
    return this.insert({ kind: 'member', memberId, branchId: member.branchId, role: 'member' }, options, actor);
  }

  createForBranch(branchId: number, role: Role, options: { days?: number; createdBy?: number | null }, actor: Actor): Invite {
    if (!this.branches.getById(branchId)) throw new Error(`No branch ${branchId}`);
    return this.insert({ kind: 'branch', memberId: null, branchId, role }, options, actor);
  }

  getByCode(code: string): Invite | null {
    return this.db.select().from(invites).where(eq(invites.code, code)).get() ?? null;
  }

  revoke(inviteId: number, actor: Actor): void {
    this.db.update(invites).set({ revokedAt: this.clock.now() }).where(eq(invites.id, inviteId)).run();
    this.audit.record(actor, 'invite.revoke', 'invite', inviteId);
  }

  listActive(): Invite[] {
    const now = this.clock.now();
    return this.db
      .select()
      .from(invites)
      .where(and(gte(invites.expiresAt, now), sql`${invites.revokedAt} is null`))
      .orderBy(asc(invites.id))
      .all();
  }

  link(botUsername: string, invite: Pick<Invite, 'code'>): string {
    return `https://t.me/${botUsername}?start=${invite.code}`;
  }

  /** How long this user must wait before trying another code (0 = may try now). */
  throttledFor(telegramUserId: number): number {
    const now = this.clock.now().getTime();
    const recent = this.db
      .select({ at: inviteFailures.at })
      .from(inviteFailures)
      .where(and(eq(inviteFailures.telegramUserId, telegramUserId), gte(inviteFailures.at, new Date(now - FAILURE_WINDOW_MS))))
      .orderBy(asc(inviteFailures.at))
      .all();
    if (recent.length < MAX_FAILURES) return 0;
    const oldestCounted = recent[recent.length - MAX_FAILURES]!.at.getTime();
    return Math.max(0, oldestCounted + FAILURE_WINDOW_MS - now);
  }

  redeem(code: string, identity: TelegramIdentity, actor: Actor): RedeemResult {
    const wait = this.throttledFor(identity.id);
    if (wait > 0) return { ok: false, reason: 'throttled', retryAfterMs: wait };
    const result = this.db.transaction(() => this.tryRedeem(code, identity, actor), { behavior: 'immediate' });
    if (!result.ok && result.reason !== 'already_linked') this.recordFailure(identity.id);
    return result;
  }

  private tryRedeem(code: string, identity: TelegramIdentity, actor: Actor): RedeemResult {
    const now = this.clock.now();
    const invite = INVITE_CODE_PATTERN.test(code) ? this.getByCode(code) : null;
    if (!invite) return { ok: false, reason: 'unknown' };
    if (invite.revokedAt) return { ok: false, reason: 'revoked' };
    const linked = this.members.findByTelegramId(identity.id);
    if (linked) return { ok: false, reason: 'already_linked', member: linked };
    if (invite.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };

    if (invite.kind === 'member') {
      if (invite.useCount > 0) return { ok: false, reason: 'used' };
      const member = invite.memberId ? this.members.getById(invite.memberId) : null;
      if (!member) return { ok: false, reason: 'unknown' };
      if (member.status !== 'active') return { ok: false, reason: 'member_left' };
      if (member.telegramUserId && member.telegramUserId !== identity.id) return { ok: false, reason: 'member_taken' };
      this.markUsed(invite);
      const updated = this.members.linkTelegram(member.id, identity, actor);
      this.audit.record(actor, 'invite.redeem', 'invite', invite.id, { memberId: member.id });
      return { ok: true, member: updated, created: false };
    }

    const branch = invite.branchId ? this.branches.getById(invite.branchId) : null;
    if (!branch || !branch.active) return { ok: false, reason: 'branch_inactive' };
    const member = this.members.create(
      {
        fullName: identityName(identity),
        branchId: branch.id,
        roles: invite.role === 'member' ? ['member'] : ['member', invite.role],
        telegramUserId: identity.id,
      },
      actor,
    );
    this.members.linkTelegram(member.id, identity, actor);
    this.markUsed(invite);
    this.audit.record(actor, 'invite.redeem', 'invite', invite.id, { memberId: member.id });
    return { ok: true, member: this.members.getById(member.id)!, created: true };
  }

  /** Deletes failure records older than the window (called by housekeeping). */
  pruneFailures(): number {
    const cutoff = new Date(this.clock.now().getTime() - FAILURE_WINDOW_MS);
    return this.db.delete(inviteFailures).where(lt(inviteFailures.at, cutoff)).run().changes;
  }

  /** One more wrong code for this user (the first-admin claim counts its wrong codes here too). */
  recordFailure(telegramUserId: number): void {
    this.db.insert(inviteFailures).values({ telegramUserId, at: this.clock.now() }).run();
  }

  private markUsed(invite: Invite) {
    this.db
      .update(invites)
      .set({ useCount: sql`${invites.useCount} + 1`, lastUsedAt: this.clock.now() })
      .where(eq(invites.id, invite.id))
      .run();
  }

  private insert(
    values: Pick<Invite, 'kind' | 'memberId' | 'branchId' | 'role'>,
    options: { days?: number; createdBy?: number | null },
    actor: Actor,
  ): Invite {
    const days = options.days ?? DEFAULT_INVITE_DAYS;
    if (!Number.isFinite(days) || days <= 0 || days > 365) throw new RangeError('Invite validity must be 1–365 days');
    const now = this.clock.now();
    const invite = this.db
      .insert(invites)
      .values({
        ...values,
        code: randomBytes(12).toString('base64url'),
        createdByMemberId: options.createdBy ?? null,
        expiresAt: new Date(now.getTime() + days * DAY_MS),
        createdAt: now,
      })
      .returning()
      .get();
    this.audit.record(actor, 'invite.create', 'invite', invite.id, {
      kind: invite.kind,
      memberId: invite.memberId,
      branchId: invite.branchId,
      role: invite.role,
      days,
    });
    return invite;
  }
}

/** A branch invite creates the member from the Telegram profile; the secretary can correct it. */
export function identityName(identity: TelegramIdentity): string {
  const name = [identity.firstName, identity.lastName].filter(Boolean).join(' ').trim();
  return name || (identity.username ? `@${identity.username}` : `Telegram ${identity.id}`);
}
