/**
 * Notices: drafts, scheduling, sending through the outbox, acknowledgement, reports and nudges.
 * The words recipients read come from a NoticeMessages renderer (the bot's locales), so this
 * service decides who gets what and when, never how it is phrased.
 */
import { and, asc, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { Clock } from '../clock.js';
import type { Db } from '../db/connection.js';
import {
  branches,
  chats,
  clusters,
  memberRoles,
  members,
  noticeRecipients,
  notices,
  type MessageKind,
  PRIORITY,
} from '../db/schema.js';
import { type Audience, effectiveChannel, mayAddress } from '../domain/audience.js';
import { isOffice } from '../domain/roles.js';
import { compareVietnameseNames } from '../domain/text.js';
import { type Locale, localeOf } from '../domain/locale.js';
import { type DeliveryCounts, KNOWN_UNREACHABLE, type Outbox, type OutboxItem } from '../delivery/outbox.js';
import type { Actor } from './actor.js';
import type { AuditService } from './audit.js';
import type { BranchService } from './branches.js';
import type { Member } from './members.js';

export type Notice = typeof notices.$inferSelect;
export const NOTICE_SOURCE = 'notice';
const NOTICE_NUDGE_SOURCE = 'notice-nudge';
export const NOTICE_REPORT_SOURCE = 'notice-report';

export interface RenderedMessage {
  text: string;
  replyMarkup?: InlineKeyboardMarkup;
}

/** One recipient the notice did not reach. `skipped`: known unreachable, so not tried at all. */
export interface UndeliveredRecipient {
  label: string;
  reason: string;
  skipped?: 'member' | 'group';
}

export interface DeliveryReport {
  counts: DeliveryCounts;
  unreachable: UndeliveredRecipient[];
  failed: UndeliveredRecipient[];
  notLinked: number;
  recipients: number;
}

export interface BranchAck {
  branchId: number | null;
  branchName: string;
  total: number;
  acknowledged: number;
  missing: string[];
}

/** One organisation's line of the acknowledgement report. */
export interface BranchAckCount {
  /** Null: recipients with no branch (the office). */
  branchId: number | null;
  code: string | null;
  name: string | null;
  shortName: string | null;
  total: number;
  acknowledged: number;
}

/** What became of the private message to one recipient. */
export type RecipientDelivery = 'delivered' | 'waiting' | 'unreachable' | 'failed' | 'cancelled' | 'not_linked' | 'groups_only';

export interface RecipientStatus {
  branchCode: string | null;
  branchName: string | null;
  fullName: string;
  code: string | null;
  delivery: RecipientDelivery;
  /** Telegram's answer, for unreachable and failed. */
  reason: string | null;
  acknowledgedAt: Date | null;
}

/** How a notice reads in each language: supplied by the bot. */
export interface NoticeMessages {
  notice(n: Pick<Notice, 'id' | 'body' | 'requireAck'>, author: string, locale: Locale): RenderedMessage;
  ackReminder(n: Notice, locale: Locale): RenderedMessage;
  secretaryDigest(n: Notice, branchName: string, names: string[], locale: Locale): RenderedMessage;
  deliveryReport(n: Notice, report: DeliveryReport, locale: Locale): RenderedMessage;
}

export interface DraftInput {
  kind: MessageKind;
  body: string;
  fileId?: string | null;
  title: string;
  requireAck: boolean;
  audience: Audience;
  scheduledAt: Date | null;
  /** Pin it in the linked groups it goes to (where the bot may pin). */
  pinInGroups?: boolean;
}

/** A linked group an audience reaches: where in it (the linked topic), and what the bot may do there. */
export interface AudienceGroup {
  telegramChatId: number;
  branchId: number | null;
  threadId: number | null;
  /** The bot's right to pin there, as last learnt (null: not known), and when. */
  botCanPin: boolean | null;
  botRightsAt: Date | null;
}

export interface ResolvedAudience {
  branchIds: number[];
  people: { id: number; branchId: number | null; telegramUserId: number | null; language: string | null }[];
  groups: AudienceGroup[];
  /** People who will get a private message. */
  privateCount: number;
  notLinked: number;
}

/** What became of one recipient of a recorded notice (NoticeService.recordSent). */
export interface RecordedDelivery {
  /** Delivered; refused by Telegram (`reason`: its words); or not tried, as they have no Telegram account. */
  delivery: 'delivered' | 'unreachable' | 'not_linked';
  reason?: string;
  acknowledgedAt: Date | null;
}

export type ConfirmResult =
  | { ok: true; notice: Notice; released: boolean }
  | { ok: false; reason: 'not_found' | 'not_author' | 'not_draft' | 'past' | 'empty' | 'not_allowed' };

export type AckResult =
  | { ok: true; at: Date }
  | { ok: false; reason: 'already'; at: Date }
  | { ok: false; reason: 'not_recipient' | 'not_found' | 'no_ack' };

export class NoticeService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly outbox: Outbox,
    private readonly branches: BranchService,
    private readonly messages: () => NoticeMessages,
  ) {}

  get(id: number): Notice | null {
    return this.db.select().from(notices).where(eq(notices.id, id)).get() ?? null;
  }

  /** Whether this member may address this audience at all. */
  mayAddress(member: Member, audience: Audience): boolean {
    return mayAddress(member, audience, (id) => this.branches.ancestry(id));
  }

  /** The branches, people and groups an audience means right now. */
  resolve(audience: Audience): ResolvedAudience {
    const branchIds = this.scopeBranchIds(audience);
    if (branchIds.length === 0) return { branchIds, people: [], groups: [], privateCount: 0, notLinked: 0 };
    const channel = effectiveChannel(audience);
    const people = this.db
      .selectDistinct({
        id: members.id,
        branchId: members.branchId,
        telegramUserId: members.telegramUserId,
        language: members.language,
      })
      .from(members)
      .leftJoin(memberRoles, eq(memberRoles.memberId, members.id))
      .where(
        and(
          eq(members.status, 'active'),
          inArray(members.branchId, branchIds),
          audience.people === 'secretaries' ? eq(memberRoles.role, 'secretary') : undefined,
        ),
      )
      .orderBy(asc(members.id))
      .all();
    const groups =
      channel === 'private'
        ? []
        : this.db
            .select({
              telegramChatId: chats.telegramChatId,
              branchId: chats.branchId,
              threadId: chats.threadId,
              botCanPin: chats.botCanPin,
              botRightsAt: chats.botRightsAt,
            })
            .from(chats)
            .where(and(eq(chats.status, 'active'), inArray(chats.branchId, branchIds)))
            .orderBy(asc(chats.id))
            .all();
    const linked = people.filter((p) => p.telegramUserId !== null).length;
    return {
      branchIds,
      people,
      groups,
      privateCount: channel === 'groups' ? 0 : linked,
      notLinked: people.length - linked,
    };
  }

  createDraft(author: Member, input: DraftInput, actor: Actor): Notice {
    const now = this.clock.now();
    const notice = this.db
      .insert(notices)
      .values({
        authorMemberId: author.id,
        audience: input.audience,
        kind: input.kind,
        body: input.body,
        fileId: input.fileId ?? null,
        title: input.title,
        requireAck: input.requireAck,
        pinInGroups: input.pinInGroups ?? false,
        status: 'draft',
        scheduledAt: input.scheduledAt,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    this.audit.record(actor, 'notice.draft', 'notice', notice.id, {
      audience: input.audience,
      requireAck: input.requireAck,
      ...(input.pinInGroups ? { pinInGroups: true } : {}),
    });
    return notice;
  }

  /** The author confirms a draft: it is sent now or waits for its time. */
  confirm(id: number, by: Member, actor: Actor): ConfirmResult {
    return this.db.transaction(() => {
      const notice = this.get(id);
      if (!notice) return { ok: false, reason: 'not_found' } as const;
      if (notice.authorMemberId !== by.id) return { ok: false, reason: 'not_author' } as const;
      if (notice.status !== 'draft') return { ok: false, reason: 'not_draft' } as const;
      const audience = notice.audience as Audience;
      if (!this.mayAddress(by, audience)) return { ok: false, reason: 'not_allowed' } as const;
      const resolved = this.resolve(audience);
      if (resolved.people.length === 0 && resolved.groups.length === 0) return { ok: false, reason: 'empty' } as const;
      const now = this.clock.now();
      if (notice.scheduledAt && notice.scheduledAt.getTime() > now.getTime()) {
        this.setStatus(id, 'scheduled');
        this.audit.record(actor, 'notice.schedule', 'notice', id, { at: notice.scheduledAt.toISOString() });
        return { ok: true, notice: this.get(id)!, released: false } as const;
      }
      if (notice.scheduledAt && notice.scheduledAt.getTime() <= now.getTime() - 60_000)
        return { ok: false, reason: 'past' } as const;
      this.release(notice);
      this.audit.record(actor, 'notice.send', 'notice', id, { audience });
      return { ok: true, notice: this.get(id)!, released: true } as const;
    }, { behavior: 'immediate' });
  }

  /**
   * Records a notice that went out at `releasedAt`, with what became of each recipient's private
   * message and when they acknowledged, without sending anything: history brought in from
   * elsewhere (the demo bloc, whose members have no Telegram accounts). The recipients are the
   * audience as it resolves now. Nobody is nudged about it: its nudges count as done.
   */
  recordSent(
    author: Member,
    input: Pick<DraftInput, 'title' | 'body' | 'requireAck' | 'audience'>,
    releasedAt: Date,
    outcome: (person: { id: number; branchId: number | null }) => RecordedDelivery,
    actor: Actor,
  ): Notice {
    const now = this.clock.now();
    if (releasedAt.getTime() > now.getTime()) throw new RangeError('A recorded notice must have gone out already');
    return this.db.transaction(() => {
      const notice = this.db
        .insert(notices)
        .values({
          authorMemberId: author.id,
          audience: input.audience,
          kind: 'text',
          body: input.body,
          title: input.title,
          requireAck: input.requireAck,
          status: 'draft',
          createdAt: releasedAt,
          updatedAt: releasedAt,
        })
        .returning()
        .get();
      const people = this.resolve(input.audience).people;
      const outcomes = people.map((p) => ({ p, o: outcome(p) }));
      for (const { o } of outcomes) {
        const at = o.acknowledgedAt?.getTime();
        if (at !== undefined && (!input.requireAck || o.delivery !== 'delivered' || at < releasedAt.getTime() || at > now.getTime()))
          throw new RangeError('An acknowledgement needs a delivered notice that asks for one, between its release and now');
      }
      for (let i = 0; i < outcomes.length; i += 200) {
        this.db
          .insert(noticeRecipients)
          .values(
            outcomes.slice(i, i + 200).map(({ p, o }) => ({
              noticeId: notice.id,
              memberId: p.id,
              branchId: p.branchId,
              acknowledgedAt: o.acknowledgedAt,
              nudgeStage: 2,
            })),
          )
          .run();
      }
      this.outbox.recordSettled(
        outcomes
          .filter(({ o }) => o.delivery !== 'not_linked')
          .map(({ p, o }) => ({
            dedupeKey: `notice:${notice.id}:m:${p.id}`,
            // A member without a Telegram account has no chat: the row is a record, never sent.
            chatId: p.telegramUserId ?? 0,
            memberId: p.id,
            text: '',
            source: NOTICE_SOURCE,
            sourceId: notice.id,
            status: o.delivery === 'delivered' ? ('sent' as const) : ('unreachable' as const),
            at: releasedAt,
            error: o.reason,
          })),
      );
      // Drafts are not searchable: the move to 'sent' indexes it (drizzle/0008_search_without_app_functions.sql).
      this.db
        .update(notices)
        .set({ status: 'sent', releasedAt, completedAt: releasedAt, updatedAt: releasedAt })
        .where(eq(notices.id, notice.id))
        .run();
      this.audit.record(actor, 'notice.record', 'notice', notice.id, { audience: input.audience, releasedAt: releasedAt.toISOString() });
      return this.get(notice.id)!;
    }, { behavior: 'immediate' });
  }

  /** Drafts and scheduled notices can be cancelled before they go. */
  cancel(id: number, by: Member, actor: Actor): { ok: true } | { ok: false; reason: 'not_found' | 'not_allowed' | 'already_sent' } {
    const notice = this.get(id);
    if (!notice) return { ok: false, reason: 'not_found' };
    if (notice.authorMemberId !== by.id && !isOffice(by)) return { ok: false, reason: 'not_allowed' };
    if (notice.status !== 'draft' && notice.status !== 'scheduled') return { ok: false, reason: 'already_sent' };
    this.setStatus(id, 'cancelled');
    this.audit.record(actor, 'notice.cancel', 'notice', id);
    return { ok: true };
  }

  /** Scheduled notices whose time has come are sent. Returns their ids. */
  releaseDue(): number[] {
    const now = this.clock.now();
    const due = this.db
      .select()
      .from(notices)
      .where(and(eq(notices.status, 'scheduled'), lte(notices.scheduledAt, now)))
      .orderBy(asc(notices.scheduledAt))
      .all();
    for (const notice of due) {
      this.db.transaction(() => {
        // Re-read inside the transaction: a cancel may have won the race.
        const current = this.get(notice.id);
        if (current?.status !== 'scheduled') return;
        this.release(current);
        this.audit.record({ source: 'system' }, 'notice.send', 'notice', notice.id, { scheduled: true });
      }, { behavior: 'immediate' });
    }
    return due.map((n) => n.id);
  }

  /** Resolves the audience now, records the recipients and puts every message in the outbox. */
  private release(notice: Notice): void {
    const audience = notice.audience as Audience;
    const resolved = this.resolve(audience);
    const channel = effectiveChannel(audience);
    const now = this.clock.now();
    const author = this.authorLabel(notice);
    const messages = this.messages();
    for (let i = 0; i < resolved.people.length; i += 200) {
      this.db
        .insert(noticeRecipients)
        .values(resolved.people.slice(i, i + 200).map((p) => ({ noticeId: notice.id, memberId: p.id, branchId: p.branchId })))
        .onConflictDoNothing()
        .run();
    }
    const items: OutboxItem[] = [];
    const base = { kind: notice.kind, fileId: notice.fileId, priority: PRIORITY.notice, source: NOTICE_SOURCE, sourceId: notice.id };
    if (channel !== 'groups') {
      for (const p of resolved.people) {
        if (p.telegramUserId === null) continue;
        const m = messages.notice(notice, author, localeOf(p.language));
        items.push({ ...base, dedupeKey: `notice:${notice.id}:m:${p.id}`, chatId: p.telegramUserId, memberId: p.id, text: m.text, replyMarkup: m.replyMarkup });
      }
    }
    // Groups that removed the bot are listed too: the outbox records them as unreachable, untried.
    // Pinned where asked, unless the bot is known not to have the right (unknown: the pin tries).
    for (const g of [...resolved.groups, ...this.removedGroups(resolved.branchIds, channel)]) {
      const m = messages.notice(notice, author, 'vi');
      items.push({
        ...base,
        dedupeKey: `notice:${notice.id}:c:${g.telegramChatId}`,
        chatId: g.telegramChatId,
        threadId: g.threadId,
        pinAfterSent: notice.pinInGroups && g.botCanPin !== false,
        text: m.text,
        replyMarkup: m.replyMarkup,
      });
    }
    this.outbox.enqueue(items);
    this.db
      .update(notices)
      .set({ status: 'sending', releasedAt: now, updatedAt: now })
      .where(eq(notices.id, notice.id))
      .run();
  }

  private removedGroups(
    branchIds: number[],
    channel: ReturnType<typeof effectiveChannel>,
  ): { telegramChatId: number; threadId: number | null; botCanPin: boolean | null }[] {
    if (channel === 'private' || branchIds.length === 0) return [];
    return this.db
      .select({ telegramChatId: chats.telegramChatId, threadId: chats.threadId, botCanPin: chats.botCanPin })
      .from(chats)
      .where(and(eq(chats.status, 'removed'), inArray(chats.branchId, branchIds)))
      .orderBy(asc(chats.id))
      .all();
  }

  setProgressMessage(id: number, chatId: number, messageId: number): void {
    this.db.update(notices).set({ progressChatId: chatId, progressMessageId: messageId }).where(eq(notices.id, id)).run();
  }

  sending(): Notice[] {
    return this.db.select().from(notices).where(eq(notices.status, 'sending')).orderBy(asc(notices.id)).all();
  }

  progress(id: number): DeliveryCounts {
    return this.outbox.counts(NOTICE_SOURCE, id);
  }

  /**
   * Notices whose every message has reached a final state become 'sent', and their author gets
   * the delivery report (once: the report has its own dedupe key). Returns the finished notices.
   */
  finishSettled(): Notice[] {
    const finished: Notice[] = [];
    for (const notice of this.sending()) {
      if (!this.outbox.isSettled(NOTICE_SOURCE, notice.id)) continue;
      const now = this.clock.now();
      this.db.transaction(() => {
        this.db.update(notices).set({ status: 'sent', completedAt: now, updatedAt: now }).where(eq(notices.id, notice.id)).run();
        const author = this.db.select().from(members).where(eq(members.id, notice.authorMemberId)).get();
        if (author?.telegramUserId) {
          const m = this.messages().deliveryReport(notice, this.deliveryReport(notice.id), localeOf(author.language));
          this.outbox.enqueue([
            {
              dedupeKey: `notice:${notice.id}:report`,
              chatId: author.telegramUserId,
              memberId: author.id,
              text: m.text,
              replyMarkup: m.replyMarkup,
              priority: PRIORITY.report,
              source: NOTICE_REPORT_SOURCE,
              sourceId: notice.id,
            },
          ]);
        }
      }, { behavior: 'immediate' });
      finished.push({ ...notice, status: 'sent', completedAt: now });
    }
    return finished;
  }

  deliveryReport(id: number): DeliveryReport {
    const counts = this.outbox.counts(NOTICE_SOURCE, id);
    const rows = this.outbox.rowsOf(NOTICE_SOURCE, id, ['unreachable', 'failed']);
    const names = this.labelsFor(rows.map((r) => ({ memberId: r.memberId, chatId: r.chatId })));
    const describe = (status: 'unreachable' | 'failed'): UndeliveredRecipient[] =>
      rows
        .filter((r) => r.status === status)
        .map((r) => ({
          label: names.get(r.chatId) ?? String(r.chatId),
          reason: r.lastError ?? '',
          ...(r.lastError?.startsWith(KNOWN_UNREACHABLE) ? { skipped: r.chatId > 0 ? 'member' : 'group' } : {}),
        }));
    const recipients = this.db
      .select({ total: sql<number>`count(*)`, notLinked: sql<number>`sum(case when ${members.telegramUserId} is null then 1 else 0 end)` })
      .from(noticeRecipients)
      .innerJoin(members, eq(members.id, noticeRecipients.memberId))
      .where(eq(noticeRecipients.noticeId, id))
      .get();
    const notice = this.get(id);
    const channel = notice ? effectiveChannel(notice.audience as Audience) : 'private';
    return {
      counts,
      unreachable: describe('unreachable'),
      failed: describe('failed'),
      notLinked: channel === 'groups' ? 0 : (recipients?.notLinked ?? 0),
      recipients: recipients?.total ?? 0,
    };
  }

  acknowledge(id: number, member: Member, actor: Actor): AckResult {
    const notice = this.get(id);
    if (!notice || notice.status === 'draft' || notice.status === 'cancelled') return { ok: false, reason: 'not_found' };
    if (!notice.requireAck) return { ok: false, reason: 'no_ack' };
    const row = this.db
      .select()
      .from(noticeRecipients)
      .where(and(eq(noticeRecipients.noticeId, id), eq(noticeRecipients.memberId, member.id)))
      .get();
    if (!row) return { ok: false, reason: 'not_recipient' };
    if (row.acknowledgedAt) return { ok: false, reason: 'already', at: row.acknowledgedAt };
    const now = this.clock.now();
    const changed = this.db
      .update(noticeRecipients)
      .set({ acknowledgedAt: now })
      .where(and(eq(noticeRecipients.id, row.id), isNull(noticeRecipients.acknowledgedAt)))
      .run().changes;
    if (changed === 0) return { ok: false, reason: 'already', at: this.ackOf(id, member.id) ?? now };
    this.audit.record(actor, 'notice.ack', 'notice', id, { memberId: member.id });
    return { ok: true, at: now };
  }

  private ackOf(noticeId: number, memberId: number): Date | null {
    return (
      this.db
        .select({ at: noticeRecipients.acknowledgedAt })
        .from(noticeRecipients)
        .where(and(eq(noticeRecipients.noticeId, noticeId), eq(noticeRecipients.memberId, memberId)))
        .get()?.at ?? null
    );
  }

  /** The latest notices addressed to a member, with their acknowledgement. */
  forMember(memberId: number, limit = 10): (Notice & { acknowledgedAt: Date | null })[] {
    return this.db
      .select({ n: notices, acknowledgedAt: noticeRecipients.acknowledgedAt })
      .from(noticeRecipients)
      .innerJoin(notices, eq(notices.id, noticeRecipients.noticeId))
      .where(and(eq(noticeRecipients.memberId, memberId), inArray(notices.status, ['sending', 'sent'])))
      .orderBy(desc(notices.releasedAt), desc(notices.id))
      .limit(limit)
      .all()
      .map((r) => ({ ...r.n, acknowledgedAt: r.acknowledgedAt }));
  }

  /** Notices this member wrote (or, for the office, everyone's), newest first. */
  authoredBy(member: Member, limit = 10): Notice[] {
    return this.db
      .select()
      .from(notices)
      .where(and(isOffice(member) ? undefined : eq(notices.authorMemberId, member.id), inArray(notices.status, ['scheduled', 'sending', 'sent'])))
      .orderBy(desc(notices.id))
      .limit(limit)
      .all();
  }

  isRecipient(noticeId: number, memberId: number): boolean {
    const row = this.db
      .select({ id: noticeRecipients.id })
      .from(noticeRecipients)
      .where(and(eq(noticeRecipients.noticeId, noticeId), eq(noticeRecipients.memberId, memberId)))
      .get();
    return row !== undefined;
  }

  /** The acknowledgement report (counts, lists, the workbook) is the author's and the office's. */
  reportVisibleTo(notice: Notice, member: Member): boolean {
    if (notice.status === 'draft' || notice.status === 'cancelled') return false;
    return notice.authorMemberId === member.id || isOffice(member);
  }

  /**
   * Recipients and acknowledgements per organisation (the branch each recipient was in when the
   * notice went out), the lowest rate first, then the most still missing, then by code.
   */
  ackCounts(id: number): BranchAckCount[] {
    const rows = this.db
      .select({
        branchId: noticeRecipients.branchId,
        code: branches.code,
        name: branches.name,
        shortName: branches.shortName,
        total: sql<number>`count(*)`,
        acknowledged: sql<number>`count(${noticeRecipients.acknowledgedAt})`,
      })
      .from(noticeRecipients)
      .leftJoin(branches, eq(branches.id, noticeRecipients.branchId))
      .where(eq(noticeRecipients.noticeId, id))
      .groupBy(noticeRecipients.branchId)
      .all();
    const rate = (b: BranchAckCount) => b.acknowledged / b.total;
    return rows.sort(
      (a, b) =>
        rate(a) - rate(b) ||
        b.total - b.acknowledged - (a.total - a.acknowledged) ||
        (a.code ?? '').localeCompare(b.code ?? '', 'vi', { numeric: true }),
    );
  }

  /** Who of one organisation has not acknowledged, by name, `limit` from `offset`; and how many in all. */
  notAcknowledged(
    id: number,
    branchId: number | null,
    offset: number,
    limit: number,
  ): { total: number; people: { fullName: string; code: string | null; linked: boolean }[] } {
    const where = and(
      eq(noticeRecipients.noticeId, id),
      branchId === null ? isNull(noticeRecipients.branchId) : eq(noticeRecipients.branchId, branchId),
      isNull(noticeRecipients.acknowledgedAt),
    );
    // One organisation's list is short: sorted here, the Vietnamese way, rather than by SQLite's bytes.
    const all = this.db
      .select({ fullName: members.fullName, code: members.code, tg: members.telegramUserId })
      .from(noticeRecipients)
      .innerJoin(members, eq(members.id, noticeRecipients.memberId))
      .where(where)
      .all()
      .sort((a, b) => compareVietnameseNames(a.fullName, b.fullName));
    const people = all.slice(offset, offset + limit).map((p) => ({ fullName: p.fullName, code: p.code, linked: p.tg !== null }));
    return { total: all.length, people };
  }

  /**
   * Every recipient with their organisation, what became of their private message, and when they
   * acknowledged; only those of one organisation when `branchId` is given.
   */
  recipientStatuses(id: number, branchId?: number): RecipientStatus[] {
    const notice = this.get(id);
    const channel = notice ? effectiveChannel(notice.audience as Audience) : 'private';
    const sent = new Map(
      this.outbox
        .rowsOf(NOTICE_SOURCE, id, ['pending', 'sending', 'sent', 'failed', 'unreachable', 'cancelled'])
        .filter((r) => r.memberId !== null)
        .map((r) => [r.memberId!, r]),
    );
    const delivery = (status: string): RecipientDelivery =>
      status === 'sent' ? 'delivered' : status === 'pending' || status === 'sending' ? 'waiting' : (status as RecipientDelivery);
    return this.db
      .select({
        memberId: noticeRecipients.memberId,
        branchCode: branches.code,
        branchName: branches.name,
        fullName: members.fullName,
        code: members.code,
        acknowledgedAt: noticeRecipients.acknowledgedAt,
      })
      .from(noticeRecipients)
      .innerJoin(members, eq(members.id, noticeRecipients.memberId))
      .leftJoin(branches, eq(branches.id, noticeRecipients.branchId))
      .where(and(eq(noticeRecipients.noticeId, id), branchId === undefined ? undefined : eq(noticeRecipients.branchId, branchId)))
      .all()
      .sort(
        (a, b) =>
          (a.branchCode ?? '').localeCompare(b.branchCode ?? '', 'vi', { numeric: true }) || compareVietnameseNames(a.fullName, b.fullName),
      )
      .map(({ memberId, ...r }) => {
        const row = sent.get(memberId);
        return {
          ...r,
          delivery: row ? delivery(row.status) : channel === 'groups' ? 'groups_only' : 'not_linked',
          reason: row && (row.status === 'unreachable' || row.status === 'failed') ? row.lastError : null,
        };
      });
  }

  /** Acknowledgement per branch, with the names of those who have not acknowledged. */
  ackByBranch(id: number): BranchAck[] {
    const rows = this.db
      .select({
        branchId: noticeRecipients.branchId,
        branchName: branches.name,
        fullName: members.fullName,
        acknowledgedAt: noticeRecipients.acknowledgedAt,
      })
      .from(noticeRecipients)
      .innerJoin(members, eq(members.id, noticeRecipients.memberId))
      .leftJoin(branches, eq(branches.id, noticeRecipients.branchId))
      .where(eq(noticeRecipients.noticeId, id))
      .orderBy(asc(branches.code), asc(members.fullName))
      .all();
    const byBranch = new Map<number | null, BranchAck>();
    for (const r of rows) {
      let b = byBranch.get(r.branchId);
      if (!b) {
        b = { branchId: r.branchId, branchName: r.branchName ?? '—', total: 0, acknowledged: 0, missing: [] };
        byBranch.set(r.branchId, b);
      }
      b.total++;
      if (r.acknowledgedAt) b.acknowledged++;
      else b.missing.push(r.fullName);
    }
    return [...byBranch.values()];
  }

  /**
   * Nudges people who have not acknowledged: after `delayMs` a private reminder, after twice that
   * their branch secretary gets the list. Each stage happens once per person (nudge_stage, and
   * dedupe keys in the outbox).
   */
  nudge(delayMs: number): { reminded: number; digests: number } {
    const now = this.clock.now().getTime();
    const messages = this.messages();
    let reminded = 0;
    let digests = 0;
    // Only notices with someone still to nudge: the others (nearly all, once a notice is a few days
    // old) have nothing left to do here. The condition is the one of notice_recipients_pending_idx.
    const candidates = this.db
      .select()
      .from(notices)
      .where(
        and(
          eq(notices.requireAck, true),
          inArray(notices.status, ['sending', 'sent']),
          lte(notices.releasedAt, new Date(now - delayMs)),
          sql`exists (select 1 from ${noticeRecipients} where ${noticeRecipients.noticeId} = ${notices.id} and acknowledged_at is null and nudge_stage < 2)`,
        ),
      )
      .all();
    for (const notice of candidates) {
      const released = notice.releasedAt!.getTime();
      this.db.transaction(() => {
        const stage1 = this.db
          .select({ r: noticeRecipients, telegramUserId: members.telegramUserId, language: members.language })
          .from(noticeRecipients)
          .innerJoin(members, eq(members.id, noticeRecipients.memberId))
          .where(and(eq(noticeRecipients.noticeId, notice.id), isNull(noticeRecipients.acknowledgedAt), eq(noticeRecipients.nudgeStage, 0)))
          .all();
        const items: OutboxItem[] = [];
        for (const { r, telegramUserId, language } of stage1) {
          if (telegramUserId !== null) {
            const m = messages.ackReminder(notice, localeOf(language));
            items.push({
              dedupeKey: `notice:${notice.id}:nudge1:${r.memberId}`,
              chatId: telegramUserId,
              memberId: r.memberId,
              text: m.text,
              replyMarkup: m.replyMarkup,
              priority: PRIORITY.notice,
              source: NOTICE_NUDGE_SOURCE,
              sourceId: notice.id,
            });
          }
        }
        reminded += this.outbox.enqueue(items);
        if (stage1.length > 0) {
          this.db
            .update(noticeRecipients)
            .set({ nudgeStage: 1 })
            .where(and(eq(noticeRecipients.noticeId, notice.id), isNull(noticeRecipients.acknowledgedAt), eq(noticeRecipients.nudgeStage, 0)))
            .run();
        }
        if (now - released < 2 * delayMs) return;
        for (const branch of this.ackByBranch(notice.id)) {
          if (branch.missing.length === 0 || branch.branchId === null) continue;
          const pending = this.db
            .select({ id: noticeRecipients.id })
            .from(noticeRecipients)
            .where(
              and(
                eq(noticeRecipients.noticeId, notice.id),
                eq(noticeRecipients.branchId, branch.branchId),
                isNull(noticeRecipients.acknowledgedAt),
                eq(noticeRecipients.nudgeStage, 1),
              ),
            )
            .all();
          if (pending.length === 0) continue;
          const secretaries = this.db
            .select({ id: members.id, telegramUserId: members.telegramUserId, language: members.language })
            .from(members)
            .innerJoin(memberRoles, eq(memberRoles.memberId, members.id))
            .where(and(eq(members.branchId, branch.branchId), eq(memberRoles.role, 'secretary'), eq(members.status, 'active')))
            .all();
          const digestItems: OutboxItem[] = [];
          for (const s of secretaries) {
            if (s.telegramUserId === null) continue;
            const m = messages.secretaryDigest(notice, branch.branchName, branch.missing, localeOf(s.language));
            digestItems.push({
              dedupeKey: `notice:${notice.id}:nudge2:${branch.branchId}:${s.id}`,
              chatId: s.telegramUserId,
              memberId: s.id,
              text: m.text,
              priority: PRIORITY.notice,
              source: NOTICE_NUDGE_SOURCE,
              sourceId: notice.id,
            });
          }
          digests += this.outbox.enqueue(digestItems);
          this.db
            .update(noticeRecipients)
            .set({ nudgeStage: 2 })
            .where(inArray(noticeRecipients.id, pending.map((p) => p.id)))
            .run();
        }
      }, { behavior: 'immediate' });
    }
    return { reminded, digests };
  }

  /** "Văn phòng Đảng ủy Khối" or the author's branch, shown in the notice header. */
  authorLabel(notice: Notice): string {
    return this.authorLabels([notice]).get(notice.id) ?? '';
  }

  /**
   * authorLabel of many notices at once (the dashboard's list): '' for the office (an office or
   * admin author, or one in no branch), else the author's branch name.
   */
  authorLabels(list: readonly Notice[]): Map<number, string> {
    const authorIds = [...new Set(list.map((n) => n.authorMemberId))];
    if (authorIds.length === 0) return new Map();
    const authors = new Map(
      this.db
        .select({ id: members.id, branchId: members.branchId, branchName: branches.name })
        .from(members)
        .leftJoin(branches, eq(branches.id, members.branchId))
        .where(inArray(members.id, authorIds))
        .all()
        .map((a) => [a.id, a]),
    );
    const office = new Set(
      this.db
        .select({ id: memberRoles.memberId })
        .from(memberRoles)
        .where(and(inArray(memberRoles.memberId, authorIds), inArray(memberRoles.role, ['office', 'admin'])))
        .all()
        .map((r) => r.id),
    );
    return new Map(
      list.map((n) => {
        const author = authors.get(n.authorMemberId);
        const label = !author || office.has(author.id) || author.branchId === null ? '' : (author.branchName ?? '');
        return [n.id, label];
      }),
    );
  }

  describeScope(audience: Audience): { kind: Audience['scope']['type']; names: string[] } {
    const s = audience.scope;
    if (s.type === 'bloc') return { kind: 'bloc', names: [] };
    if (s.type === 'cluster') {
      const c = this.db.select().from(clusters).where(eq(clusters.id, s.clusterId)).get();
      return { kind: 'cluster', names: c ? [c.name] : [] };
    }
    const names = s.branchIds.length
      ? this.db.select({ name: branches.name }).from(branches).where(inArray(branches.id, s.branchIds)).all().map((b) => b.name)
      : [];
    return { kind: 'branches', names };
  }

  private scopeBranchIds(audience: Audience): number[] {
    const s = audience.scope;
    const active = this.branches.list({ activeOnly: true });
    const activeIds = new Set(active.map((b) => b.id));
    let roots: number[];
    if (s.type === 'bloc') return [...activeIds];
    if (s.type === 'cluster') roots = active.filter((b) => b.clusterId === s.clusterId).map((b) => b.id);
    else roots = s.branchIds.filter((id) => activeIds.has(id));
    const expand = s.type === 'cluster' || (s.type === 'branches' && s.includeSubcells);
    const ids = new Set<number>();
    for (const id of roots) {
      const subtree = expand ? this.branches.subtreeIds(id) : [id];
      for (const sub of subtree) if (activeIds.has(sub)) ids.add(sub);
    }
    return [...ids];
  }

  private setStatus(id: number, status: Notice['status']) {
    this.db.update(notices).set({ status, updatedAt: this.clock.now() }).where(eq(notices.id, id)).run();
  }

  private labelsFor(targets: { memberId: number | null; chatId: number }[]): Map<number, string> {
    const labels = new Map<number, string>();
    const memberIds = targets.map((t) => t.memberId).filter((id): id is number => id !== null);
    if (memberIds.length) {
      for (const m of this.db.select({ tg: members.telegramUserId, name: members.fullName }).from(members).where(inArray(members.id, memberIds)).all()) {
        if (m.tg !== null) labels.set(m.tg, m.name);
      }
    }
    const chatIds = targets.filter((t) => t.memberId === null).map((t) => t.chatId);
    if (chatIds.length) {
      for (const c of this.db.select({ id: chats.telegramChatId, title: chats.title }).from(chats).where(inArray(chats.telegramChatId, chatIds)).all()) {
        labels.set(c.id, c.title ?? String(c.id));
      }
    }
    return labels;
  }
}

