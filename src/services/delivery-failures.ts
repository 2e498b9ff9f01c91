/**
 * Messages Telegram would not take: the person who caused the send hears of it, once per message
 * and reason — the meeting's creator for its announcement, updates and reminders (else the
 * branch's secretary, else the office), a notice's author for its reminders and digests, the
 * office for the system's own nudges and reports — never the recipient whose message failed.
 *
 * A notice's own messages are left out: its author gets the delivery report when it has gone,
 * which lists every failure with its reason. A report waits a minute after the first failure of
 * its kind, and the failures that follow in that minute are counted in it; later ones are not
 * reported again.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Db } from '../db/connection.js';
import { memberRoles, members, notices, outbox, PRIORITY } from '../db/schema.js';
import { type Locale, localeOf } from '../domain/locale.js';
import { type FailureReason, failureReason } from '../delivery/failure-reason.js';
import { type Outbox, type OutboxRow, unpinSource } from '../delivery/outbox.js';
import { MEETING_SOURCE, NUDGE_SOURCE } from './meeting-reminders.js';
import type { MeetingService } from './meetings.js';
import { NOTICE_REPORT_SOURCE, NOTICE_SOURCE, type RenderedMessage } from './notices.js';

export const DELIVERY_FAILURE_SOURCE = 'delivery-failure';
/** How long a report waits for more failures of the same kind to count. */
export const FAILURE_REPORT_DELAY_MS = 60_000;

/** What the causer is told. */
export interface FailedDelivery {
  /** What was being sent: 'meeting-new', 'meeting-r', 'notice-nudge1', 'digest', … (see sendOf). */
  kind: string;
  /** The meeting's or notice's title, and the meeting's time, when there is one. */
  title: string | null;
  startsAt: Date | null;
  /** Recipients (people or groups) it failed for, this reason. */
  count: number;
  reason: FailureReason;
  /** Telegram's own words, for a reason we have no plain words for. */
  description: string;
}

/** How the report reads: supplied by the bot. */
export interface DeliveryFailureMessages {
  failureReport(failure: FailedDelivery, locale: Locale): RenderedMessage;
}

interface Person {
  memberId: number;
  chatId: number;
  locale: Locale;
}

/**
 * Sources whose failures are reported elsewhere (the notice's delivery report) or to nobody
 * (reports; unpins of older notices, which only tidy up: the refused pin before them was reported).
 */
const NOT_REPORTED = new Set([NOTICE_SOURCE, NOTICE_REPORT_SOURCE, DELIVERY_FAILURE_SOURCE, unpinSource(NOTICE_SOURCE)]);

/**
 * One send, from a row's dedupe key: every key ends with its recipient; a meeting's or notice's
 * key says what it was after the id ("meeting:12:new:…", "notice:3:nudge1:…"), the others are
 * one send without their last part ("report-nudge:2026-Q4:5:…").
 */
export function sendOf(dedupeKey: string): { group: string; kind: string } {
  const segments = dedupeKey.split(':');
  if ((segments[0] === 'meeting' || segments[0] === 'notice') && segments.length > 3) {
    return { group: segments.slice(0, 3).join(':'), kind: `${segments[0]}-${segments[2]}` };
  }
  return { group: segments.slice(0, -1).join(':'), kind: segments[0] ?? '' };
}

export class DeliveryFailureService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly meetings: MeetingService,
    private readonly messages: () => DeliveryFailureMessages,
    private readonly onEnqueue: () => void = () => undefined,
  ) {}

  /** The sender gave `row` up as failed. Returns how many reports were added or brought up to date. */
  report(row: OutboxRow, description: string): number {
    if (row.source === null || NOT_REPORTED.has(row.source)) return 0;
    const { group, kind } = sendOf(row.dedupeKey);
    const reason = failureReason(description);
    const subject = this.subject(row, kind);
    const count = this.failedRows(row).filter((r) => sendOf(r.dedupeKey).group === group && failureReason(r.lastError ?? '') === reason).length;
    const failure: FailedDelivery = { kind, ...subject, count: Math.max(count, 1), reason, description };
    let changed = 0;
    for (const person of this.causers(row, kind)) {
      const m = this.messages().failureReport(failure, person.locale);
      const dedupeKey = `delivery-failed:${group}:${reason}:${person.chatId}`;
      const added = this.outbox.enqueue([
        {
          dedupeKey,
          chatId: person.chatId,
          memberId: person.memberId,
          text: m.text,
          replyMarkup: m.replyMarkup,
          priority: PRIORITY.report,
          notBefore: new Date(this.clock.now().getTime() + FAILURE_REPORT_DELAY_MS),
          source: DELIVERY_FAILURE_SOURCE,
          sourceId: row.sourceId ?? undefined,
        },
      ]);
      // Still waiting: it now counts this failure too.
      changed +=
        added ||
        this.db
          .update(outbox)
          .set({ text: m.text })
          .where(and(eq(outbox.dedupeKey, dedupeKey), eq(outbox.status, 'pending'), eq(outbox.partsSent, 0)))
          .run().changes;
    }
    if (changed > 0) this.onEnqueue();
    return changed;
  }

  private failedRows(row: OutboxRow): OutboxRow[] {
    return this.db
      .select()
      .from(outbox)
      .where(
        and(
          eq(outbox.source, row.source!),
          row.sourceId === null ? undefined : eq(outbox.sourceId, row.sourceId),
          eq(outbox.status, 'failed'),
        ),
      )
      .all();
  }

  private subject(row: OutboxRow, kind: string): Pick<FailedDelivery, 'title' | 'startsAt'> {
    if (row.sourceId !== null && (row.source === MEETING_SOURCE || kind === 'meeting-nodocs')) {
      const m = this.meetings.get(row.sourceId);
      if (m) return { title: m.title, startsAt: m.startsAt };
    }
    if (row.sourceId !== null && kind.startsWith('notice-')) {
      const n = this.db.select({ title: notices.title }).from(notices).where(eq(notices.id, row.sourceId)).get();
      if (n) return { title: n.title, startsAt: null };
    }
    return { title: null, startsAt: null };
  }

  /** Who should hear: the first of the candidates, in order, that is not the recipient itself. */
  private causers(row: OutboxRow, kind: string): Person[] {
    const chain: (() => Person[])[] = [];
    if (row.sourceId !== null && (row.source === MEETING_SOURCE || (row.source === NUDGE_SOURCE && kind === 'meeting-nodocs'))) {
      const m = this.meetings.get(row.sourceId);
      if (m) {
        if (m.createdByMemberId !== null) chain.push(() => this.people([m.createdByMemberId!]));
        if (m.branchId !== null) chain.push(() => this.withRole(['secretary'], m.branchId));
      }
    } else if (row.sourceId !== null && kind.startsWith('notice-')) {
      const n = this.db.select({ author: notices.authorMemberId }).from(notices).where(eq(notices.id, row.sourceId)).get();
      if (n) chain.push(() => this.people([n.author]));
    }
    chain.push(() => this.withRole(['office', 'admin'], null));
    for (const candidates of chain) {
      const people = candidates().filter((p) => p.chatId !== row.chatId);
      if (people.length > 0) return people;
    }
    return [];
  }

  private people(ids: number[]): Person[] {
    return this.db
      .select({ id: members.id, tg: members.telegramUserId, language: members.language })
      .from(members)
      .where(and(inArray(members.id, ids), eq(members.status, 'active')))
      .all()
      .filter((p) => p.tg !== null)
      .map((p) => ({ memberId: p.id, chatId: p.tg!, locale: localeOf(p.language) }));
  }

  /** Active, linked members with one of these roles (in `branchId`, when given). */
  private withRole(roles: ('secretary' | 'office' | 'admin')[], branchId: number | null): Person[] {
    const ids = this.db
      .selectDistinct({ id: members.id })
      .from(members)
      .innerJoin(memberRoles, eq(memberRoles.memberId, members.id))
      .where(and(inArray(memberRoles.role, roles), branchId === null ? undefined : eq(members.branchId, branchId)))
      .all()
      .map((r) => r.id);
    return ids.length > 0 ? this.people(ids) : [];
  }
}
