/**
 * Members' calendars: which meetings a member's calendar holds (the /lichics file and the
 * subscription feed alike), and the secret token of each member's subscription address.
 *
 * A token is 256 random bits, shown once; only its SHA-256 is stored, so a copy of the database
 * (a backup) holds no working address. Revoking deletes the row: the old address answers 404 at once.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Db } from '../db/connection.js';
import { calendarFeeds } from '../db/schema.js';
import { managedBranchIds } from './access.js';
import type { Actor } from './actor.js';
import type { AuditService } from './audit.js';
import type { BranchService } from './branches.js';
import type { Meeting, MeetingService } from './meetings.js';
import type { Member, MemberService } from './members.js';

/** base64url of 32 random bytes: 43 characters. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export type FeedLookup =
  /** No such token (never issued, replaced or revoked). */
  | { status: 'unknown' }
  /** The token was issued, but its member left or their Telegram account is no longer the one it was given to. */
  | { status: 'gone' }
  | { status: 'ok'; member: Member };

export class CalendarService {
  /**
   * Run for every refresh of every subscribed calendar: prepared once, on first use (services may
   * be built over a database migrated only part way, as the migration tests do).
   */
  #byHash?: ReturnType<CalendarService['prepareByHash']>;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly meetings: MeetingService,
    private readonly members: MemberService,
    private readonly branches: BranchService,
  ) {}

  private prepareByHash() {
    return this.db.select().from(calendarFeeds).where(eq(calendarFeeds.tokenHash, sql.placeholder('hash'))).prepare();
  }

  /**
   * The scheduled meetings starting in [from, to) that a member's calendar holds. The office: every
   * meeting of the bloc, of every organisation (following them is its work, and it may attend any;
   * its own cell's meetings are among them), whether or not the member is listed in a branch.
   * Everyone else: their branch, the branches above it, and the bloc's own meetings; and for a
   * secretary or deputy, the branches they manage too (a grassroots committee's cells: they follow
   * them and may attend).
   */
  meetingsFor(member: Member, from: Date, to: Date): Meeting[] {
    const managed = managedBranchIds({ branches: this.branches }, member);
    if (managed === null) return this.meetings.between(from, to, null);
    const own = member.branchId === null ? [] : this.branches.ancestryIds(member.branchId);
    return this.meetings.between(from, to, [...new Set([...own, ...managed])]);
  }

  /** When the member's current subscription address was made, or null when they have none. */
  subscriptionOf(memberId: number): { createdAt: Date } | null {
    const row = this.db.select({ createdAt: calendarFeeds.createdAt }).from(calendarFeeds).where(eq(calendarFeeds.memberId, memberId)).get();
    return row ?? null;
  }

  /**
   * A new subscription token for a linked member, replacing (and so revoking) any earlier one. The
   * token is returned once and never stored.
   */
  issue(member: Member, actor: Actor): string {
    if (member.telegramUserId === null) throw new Error('a calendar subscription is given to a linked member only');
    const token = randomBytes(32).toString('base64url');
    const row = { memberId: member.id, tokenHash: hashToken(token), telegramUserId: member.telegramUserId, createdAt: this.clock.now() };
    this.db
      .insert(calendarFeeds)
      .values(row)
      .onConflictDoUpdate({ target: calendarFeeds.memberId, set: { tokenHash: row.tokenHash, telegramUserId: row.telegramUserId, createdAt: row.createdAt } })
      .run();
    this.audit.record(actor, 'calendar.issue', 'member', member.id);
    return token;
  }

  /** Revokes the member's subscription address; false when there was none. */
  revoke(memberId: number, actor: Actor): boolean {
    const removed = this.db.delete(calendarFeeds).where(eq(calendarFeeds.memberId, memberId)).run().changes > 0;
    if (removed) this.audit.record(actor, 'calendar.revoke', 'member', memberId);
    return removed;
  }

  /**
   * Whose calendar a token opens. Cheap for a wrong token: a format check, one hash, one indexed
   * lookup, nothing written. The lookup is by hash, so its timing says nothing about the token; the
   * stored hash is compared again in constant time all the same.
   */
  lookup(token: string): FeedLookup {
    if (!TOKEN_PATTERN.test(token)) return { status: 'unknown' };
    const hash = hashToken(token);
    this.#byHash ??= this.prepareByHash();
    const row = this.#byHash.get({ hash });
    if (!row || !timingSafeEqual(Buffer.from(row.tokenHash, 'hex'), Buffer.from(hash, 'hex'))) return { status: 'unknown' };
    const member = this.members.getById(row.memberId);
    if (!member || member.status !== 'active' || member.telegramUserId !== row.telegramUserId) return { status: 'gone' };
    return { status: 'ok', member };
  }
}

function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
