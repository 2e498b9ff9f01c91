/**
 * The first office admin of a new installation. While no member holds the admin role, each start
 * opens a claim: a one-time code, logged once by the caller; the first person who sends it becomes
 * the office admin. Only the code's hash is stored (the kv table), so a restart cannot show the old
 * code again: it opens a fresh one and the old one stops working. Then the first-run offer: start
 * with the demo bloc or empty, answered once.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Db } from '../db/connection.js';
import { kv } from '../db/schema.js';
import type { Actor } from './actor.js';
import type { AuditService } from './audit.js';
import type { BranchService } from './branches.js';
import { identityName, type InviteService } from './invites.js';
import type { Member, MemberService, TelegramIdentity } from './members.js';

/** How long a claim code is valid: a working day to open it, short enough not to linger. */
export const CLAIM_HOURS = 24;

const CLAIM_KEY = 'claim:admin';
const OFFER_KEY = 'claim:offer';

interface StoredClaim {
  /** sha256 of the code, hex. */
  hash: string;
  expiresAt: number;
  usedAt?: number;
}

interface StoredOffer {
  memberId: number;
  answered?: FirstRunChoice;
}

export type FirstRunChoice = 'demo' | 'empty';

export interface OpenedClaim {
  code: string;
  expiresAt: Date;
}

export type ClaimResult =
  | { ok: true; member: Member }
  | { ok: false; reason: 'throttled'; retryAfterMs: number }
  /** Not this installation's claim code: the caller tries it as an invite (which counts the failure). */
  | { ok: false; reason: 'not_claim' }
  | { ok: false; reason: 'expired' | 'used' | 'closed' };

export type ChoiceResult<T> = { ok: true; value: T } | { ok: false; reason: 'gone' | 'not_empty' };

export class ClaimService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly members: MemberService,
    private readonly branches: BranchService,
    private readonly invites: InviteService,
  ) {}

  hasAdmin(): boolean {
    return this.members.withRole('admin').length > 0;
  }

  /**
   * At start-up: with no admin, a new claim (returned so the caller can log it, the only place the
   * code ever appears); with an admin (ADMIN_IDS, `cli admin add`, an earlier claim), none, and
   * any claim still open is closed.
   */
  openIfNoAdmin(actor: Actor): OpenedClaim | null {
    return this.db.transaction(() => {
      if (this.hasAdmin()) {
        const stored = this.read<StoredClaim>(CLAIM_KEY);
        if (stored && !stored.usedAt) {
          this.db.delete(kv).where(eq(kv.key, CLAIM_KEY)).run();
          this.audit.record(actor, 'claim.close', 'claim', null);
        }
        return null;
      }
      const code = randomBytes(12).toString('base64url');
      const expiresAt = new Date(this.clock.now().getTime() + CLAIM_HOURS * 3600_000);
      this.write<StoredClaim>(CLAIM_KEY, { hash: hashOf(code), expiresAt: expiresAt.getTime() });
      this.audit.record(actor, 'claim.open', 'claim', null, { expiresAt: expiresAt.toISOString() });
      return { code, expiresAt };
    }, { behavior: 'immediate' });
  }

  /**
   * Tries `code` as the claim. Wrong codes are counted and slowed down with the invites' (the same
   * failure table); a code that is not the claim's is left to the invites, so a guess is answered
   * the same whether a claim is open or not.
   */
  redeem(code: string, identity: TelegramIdentity, actor: Actor): ClaimResult {
    const wait = this.invites.throttledFor(identity.id);
    if (wait > 0) return { ok: false, reason: 'throttled', retryAfterMs: wait };
    const result = this.db.transaction(() => this.tryRedeem(code, identity, actor), { behavior: 'immediate' });
    if (!result.ok && result.reason !== 'not_claim') this.invites.recordFailure(identity.id);
    return result;
  }

  /**
   * The new admin's answer to the first-run offer, once, and only while the bloc has no branches:
   * `build` (the demo) runs in the same transaction, so a refused or failed choice changes nothing.
   */
  choose<T>(choice: FirstRunChoice, build: () => T, actor: Actor): ChoiceResult<T> {
    return this.db.transaction((): ChoiceResult<T> => {
      const refused = this.choiceRefused();
      if (refused) return { ok: false, reason: refused };
      const offer = this.read<StoredOffer>(OFFER_KEY)!;
      const value = build();
      this.write<StoredOffer>(OFFER_KEY, { ...offer, answered: choice });
      this.audit.record(actor, 'claim.start', 'claim', null, { choice });
      return { ok: true, value };
    }, { behavior: 'immediate' });
  }

  /** Why a choice would be refused now (read only: the bot answers the button before the demo is made), or null. */
  choiceRefused(): Exclude<ChoiceResult<unknown>, { ok: true }>['reason'] | null {
    const offer = this.read<StoredOffer>(OFFER_KEY);
    if (!offer || offer.answered) return 'gone';
    if (this.branches.list().length > 0) return 'not_empty';
    return null;
  }

  private tryRedeem(code: string, identity: TelegramIdentity, actor: Actor): ClaimResult {
    const stored = this.read<StoredClaim>(CLAIM_KEY);
    if (!stored || !sameHash(stored.hash, hashOf(code))) return { ok: false, reason: 'not_claim' };
    if (stored.usedAt) return { ok: false, reason: 'used' };
    if (this.hasAdmin()) return { ok: false, reason: 'closed' };
    const now = this.clock.now();
    if (stored.expiresAt <= now.getTime()) return { ok: false, reason: 'expired' };
    const admin = this.members.addAdmin(identity.id, identityName(identity), actor);
    const member = this.members.linkTelegram(admin.id, identity, actor);
    this.write<StoredClaim>(CLAIM_KEY, { ...stored, usedAt: now.getTime() });
    this.write<StoredOffer>(OFFER_KEY, { memberId: member.id });
    this.audit.record(actor, 'claim.redeem', 'claim', null, { memberId: member.id });
    return { ok: true, member };
  }

  private read<T>(key: string): T | null {
    const row = this.db.select({ value: kv.value }).from(kv).where(eq(kv.key, key)).get();
    return row ? (JSON.parse(row.value) as T) : null;
  }

  private write<T>(key: string, value: T): void {
    const now = this.clock.now();
    const json = JSON.stringify(value);
    this.db
      .insert(kv)
      .values({ key, value: json, updatedAt: now })
      .onConflictDoUpdate({ target: kv.key, set: { value: json, updatedAt: now } })
      .run();
  }
}

function hashOf(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
