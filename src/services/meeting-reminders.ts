/**
 * Everything the bot tells people about meetings, through the outbox: the announcement, reminders
 * (1 day and 2 hours before by default, per branch), updates when a meeting moves or is cancelled,
 * the office's 07:00 digest, and the nudges (no regular meeting set for next month, no thematic
 * meeting last quarter, no documents a day before, three unexcused absences).
 *
 * The schedule is data: each reminder is an outbox row whose dedupe key names the meeting, its
 * start time, the offset and the recipient, so it exists once; a moved meeting has a new start time
 * and so new reminders, and its old pending ones are cancelled. A recipient is named by what does
 * not change with its chat id (`m<member id>`, or `c<chat row>` for a group, kept through an
 * upgrade to a supergroup), so a group upgraded while its reminder waits still gets it once. The planner runs every 30 s and puts
 * reminders due in the next minutes into the outbox with their due time; the sender sends them
 * on the dot, or late (marked) after downtime, never after the meeting has started.
 */
import { and, asc, eq, gt, inArray, lte } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Db } from '../db/connection.js';
import { branchSettings, branches, memberRoles, meetings, members, outbox, PRIORITY } from '../db/schema.js';
import { type Locale, localeOf } from '../domain/locale.js';
import { localParts } from '../domain/time.js';
import { zonedWallTimeToUtc } from '../domain/datetime-parse.js';
import type { Outbox, OutboxItem, OutboxRow } from '../delivery/outbox.js';
import type { ChatService } from './chats.js';
import type { Meeting, MeetingChange, MeetingChangeListener, MeetingService, Series } from './meetings.js';
import type { RenderedMessage } from './notices.js';

export const MEETING_SOURCE = 'meeting';
/** Nudges to secretaries and the office (the no-documents nudge carries its meeting's id). */
export const NUDGE_SOURCE = 'meeting-nudge';
export const DEFAULT_REMINDER_OFFSETS = [24 * 60, 120];
const LOOKAHEAD_MS = 5 * 60_000;
const DAY_MS = 86_400_000;

export interface MeetingMessages {
  announce(m: Meeting, branchName: string | null, series: Series | null, locale: Locale): RenderedMessage;
  reminder(m: Meeting, branchName: string | null, offsetMinutes: number, locale: Locale): RenderedMessage;
  lateNote(locale: Locale): string;
  changed(m: Meeting, branchName: string | null, change: MeetingChange, locale: Locale): RenderedMessage;
  dailyDigest(items: { meeting: Meeting; branchName: string | null }[], date: Date, locale: Locale): RenderedMessage;
  noRegularMeeting(branchName: string, month: { month: number; year: number }, locale: Locale): RenderedMessage;
  noThematicMeeting(branchNames: string[], quarter: { quarter: number; year: number }, locale: Locale): RenderedMessage;
  noDocuments(m: Meeting, branchName: string | null, locale: Locale): RenderedMessage;
  absenceFlag(fullName: string, count: number, year: number, locale: Locale): RenderedMessage;
}

interface Recipient {
  chatId: number;
  memberId: number | null;
  locale: Locale;
  /** Who this is in dedupe keys, whatever their chat id becomes: `m<member id>` or `c<chat row id>`. */
  key: string;
  /** A group linked in a forum topic: the topic (message_thread_id). */
  threadId?: number | null;
}

const memberKey = (memberId: number) => `m${memberId}`;
const groupKey = (chatIdentity: number) => `c${chatIdentity}`;

export class MeetingNotifier implements MeetingChangeListener {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly meetings: MeetingService,
    private readonly chats: ChatService,
    private readonly messages: () => MeetingMessages,
    private readonly timeZone: string,
    private readonly onEnqueue: () => void = () => undefined,
  ) {}

  // Settings

  reminderOffsets(branchId: number | null): number[] {
    if (branchId === null) return DEFAULT_REMINDER_OFFSETS;
    const row = this.db.select().from(branchSettings).where(eq(branchSettings.branchId, branchId)).get();
    return row?.reminderOffsets?.length ? row.reminderOffsets : DEFAULT_REMINDER_OFFSETS;
  }

  setReminderOffsets(branchId: number, offsets: number[]): void {
    const clean = [...new Set(offsets.filter((o) => Number.isInteger(o) && o > 0 && o <= 14 * 24 * 60))].sort((a, b) => b - a);
    this.db
      .insert(branchSettings)
      .values({ branchId, reminderOffsets: clean })
      .onConflictDoUpdate({ target: branchSettings.branchId, set: { reminderOffsets: clean } })
      .run();
  }

  // Who is told

  /**
   * Branch meetings: the branch's linked groups and its members privately; bloc meetings: office and
   * secretaries. With `reminder`, members who turned private reminders off are left out (they are
   * still told about new, moved and cancelled meetings).
   */
  recipients(m: Meeting, options: { privateOnly?: boolean; reminder?: boolean } = {}): Recipient[] {
    const wants = (p: { privateReminders: boolean }) => p.privateReminders || !options.reminder;
    const out: Recipient[] = [];
    if (m.branchId !== null) {
      if (!options.privateOnly) {
        const groups = this.chats.linkedTo(m.branchId);
        const identities = this.chats.identities(groups.map((g) => g.telegramChatId));
        for (const g of groups) {
          out.push({
            chatId: g.telegramChatId,
            memberId: null,
            locale: 'vi',
            key: groupKey(identities.get(g.telegramChatId) ?? g.id),
            threadId: g.threadId,
          });
        }
      }
      for (const p of this.meetings.expectedMembers(m)) {
        if (p.telegramUserId !== null && wants(p)) {
          out.push({ chatId: p.telegramUserId, memberId: p.id, locale: localeOf(p.language), key: memberKey(p.id) });
        }
      }
      return out;
    }
    const people = this.db
      .selectDistinct({ id: members.id, tg: members.telegramUserId, language: members.language, privateReminders: members.privateReminders })
      .from(members)
      .innerJoin(memberRoles, eq(memberRoles.memberId, members.id))
      .where(and(eq(members.status, 'active'), inArray(memberRoles.role, ['office', 'admin', 'secretary'])))
      .all();
    for (const p of people) {
      if (p.tg !== null && wants(p)) out.push({ chatId: p.tg, memberId: p.id, locale: localeOf(p.language), key: memberKey(p.id) });
    }
    return out;
  }

  private leaders(branchId: number | null): Recipient[] {
    const roles = branchId === null ? (['office', 'admin'] as const) : (['secretary'] as const);
    return this.db
      .selectDistinct({ id: members.id, tg: members.telegramUserId, language: members.language })
      .from(members)
      .innerJoin(memberRoles, eq(memberRoles.memberId, members.id))
      .where(
        and(
          eq(members.status, 'active'),
          inArray(memberRoles.role, [...roles]),
          branchId === null ? undefined : eq(members.branchId, branchId),
        ),
      )
      .all()
      .filter((p) => p.tg !== null)
      .map((p) => ({ chatId: p.tg!, memberId: p.id, locale: localeOf(p.language), key: memberKey(p.id) }));
  }

  private office(): Recipient[] {
    return this.leaders(null);
  }

  private enqueue(items: OutboxItem[]): number {
    const n = this.outbox.enqueue(items);
    if (n > 0) this.onEnqueue();
    return n;
  }

  // MeetingChangeListener

  created(m: Meeting, series: Series | null): void {
    const branchName = this.meetings.branchName(m.branchId);
    const items = this.recipients(m).map((r) => {
      const msg = this.messages().announce(m, branchName, series, r.locale);
      return this.item(`meeting:${m.id}:new:${r.key}`, r, msg, PRIORITY.reminder, m.id);
    });
    this.enqueue(items);
    this.planFor(m, this.clock.now());
  }

  /**
   * A meeting moved, changed or was cancelled: its pending reminders and nudges are dropped, and
   * everyone already told about it (anything of this meeting, or the announcement of its series,
   * was sent to them) gets the update. Reminders still right for it come back with the new text.
   */
  changed(m: Meeting, change: MeetingChange): void {
    const dropped = this.dropPending(m.id);
    this.tell(m, change, this.told(m, change.type === 'cancelled' ? [] : dropped));
    if (change.type !== 'cancelled') this.planFor(m, this.clock.now(), { revive: true });
  }

  /**
   * A series edit replaced a future occurrence by `replacement` (null: the new rule has none for it,
   * so it is simply cancelled). Those told about the old one hear about the new one.
   */
  replaced(old: Meeting, replacement: Meeting | null): void {
    if (!replacement) return this.changed(old, { type: 'cancelled' });
    const told = this.told(old, this.dropPending(old.id));
    const moved = replacement.startsAt.getTime() !== old.startsAt.getTime();
    const edited = (['title', 'location', 'agenda', 'durationMinutes'] as const).some((k) => replacement[k] !== old[k]);
    if (moved || edited) this.tell(replacement, moved ? { type: 'moved', from: old.startsAt } : { type: 'edited' }, told);
    this.planFor(replacement, this.clock.now());
  }

  /** Cancels what is still waiting to go about this meeting; returns the rows of this meeting's source that were pending. */
  private dropPending(meetingId: number): OutboxRow[] {
    const pending = this.outbox.rowsOf(MEETING_SOURCE, meetingId, ['pending']);
    this.outbox.cancelPending(MEETING_SOURCE, meetingId);
    this.outbox.cancelPending(NUDGE_SOURCE, meetingId);
    return pending;
  }

  /**
   * Who has been told about this meeting: whoever was sent anything about it, or the announcement of
   * its series; and those whose announcement or update was still waiting (`dropped`), who learn of
   * the meeting from the update instead.
   */
  private told(m: Meeting, dropped: OutboxRow[]): Map<string, Recipient> {
    const rows = this.outbox.rowsOf(MEETING_SOURCE, m.id, ['sent']);
    if (m.seriesId !== null) {
      const siblings = this.db.select({ id: meetings.id }).from(meetings).where(eq(meetings.seriesId, m.seriesId)).all();
      for (const { id } of siblings) {
        if (id !== m.id) rows.push(...this.outbox.rowsOf(MEETING_SOURCE, id, ['sent']).filter((r) => isAnnouncement(r.dedupeKey)));
      }
    }
    rows.push(...dropped.filter((r) => isAnnouncement(r.dedupeKey) || isUpdate(r.dedupeKey)));
    // A group may have been told under its old id and its new one: it is one recipient.
    const identities = this.chats.identities(rows.filter((r) => r.memberId === null).map((r) => r.chatId));
    const current = new Map(this.recipients(m).map((r) => [r.key, r]));
    const told = new Map<string, Recipient>();
    for (const row of rows) {
      const identity = identities.get(row.chatId);
      const key = row.memberId !== null ? memberKey(row.memberId) : identity !== undefined ? groupKey(identity) : `t${row.chatId}`;
      if (!told.has(key)) told.set(key, current.get(key) ?? { chatId: row.chatId, memberId: row.memberId, locale: 'vi', key, threadId: row.threadId });
    }
    return told;
  }

  private tell(m: Meeting, change: MeetingChange, told: Map<string, Recipient>): void {
    const branchName = this.meetings.branchName(m.branchId);
    const version = m.updatedAt.getTime();
    const items = [...told.values()].map((r) => {
      const msg = this.messages().changed(m, branchName, change, r.locale);
      return this.item(`meeting:${m.id}:chg:${version}:${r.key}`, r, msg, PRIORITY.reminder, m.id);
    });
    this.enqueue(items);
  }

  // Planning

  /** Puts reminders due in the next few minutes into the outbox (every 30 s, and at start-up). */
  plan(): number {
    const now = this.clock.now();
    const maxOffset = Math.max(...DEFAULT_REMINDER_OFFSETS, ...this.allCustomOffsets()) * 60_000;
    const candidates = this.db
      .select()
      .from(meetings)
      .where(and(eq(meetings.status, 'scheduled'), gt(meetings.startsAt, now), lte(meetings.startsAt, new Date(now.getTime() + maxOffset + DAY_MS + LOOKAHEAD_MS))))
      .orderBy(asc(meetings.startsAt))
      .all();
    let n = 0;
    for (const m of candidates) n += this.planFor(m, now);
    return n;
  }

  /**
   * Enqueues the reminders (and the no-documents nudge) of one meeting that fall due by the horizon.
   * With `revive`, ones a change of this meeting has just cancelled come back with the current text:
   * their keys are the same (same start time), so enqueuing alone would lose them.
   */
  private planFor(m: Meeting, now: Date, options: { revive?: boolean } = {}): number {
    if (m.status !== 'scheduled' || m.startsAt.getTime() <= now.getTime()) return 0;
    const horizon = now.getTime() + LOOKAHEAD_MS;
    const timeSet = (m.timeSetAt ?? m.createdAt).getTime();
    const branchName = this.meetings.branchName(m.branchId);
    const items: OutboxItem[] = [];
    for (const offset of this.reminderOffsets(m.branchId)) {
      const due = m.startsAt.getTime() - offset * 60_000;
      // Not yet in reach, or due before the meeting got this time (no point reminding late for that).
      if (due > horizon || due < timeSet) continue;
      for (const r of this.recipients(m, { reminder: true })) {
        const msg = this.messages().reminder(m, branchName, offset, r.locale);
        items.push({
          ...this.item(`meeting:${m.id}:r:${m.startsAt.getTime()}:${offset}:${r.key}`, r, msg, PRIORITY.reminder, m.id),
          notBefore: new Date(due),
          dueAt: new Date(due),
          expiresAt: m.startsAt,
          lateNote: this.messages().lateNote(r.locale),
        });
      }
    }
    // A day before, a meeting without documents: its secretary is nudged.
    const docsDue = m.startsAt.getTime() - DAY_MS;
    if (m.documents.length === 0 && docsDue <= horizon && docsDue >= timeSet) {
      for (const r of this.leaders(m.branchId)) {
        const msg = this.messages().noDocuments(m, branchName, r.locale);
        items.push({
          ...this.item(`meeting:${m.id}:nodocs:${m.startsAt.getTime()}:${r.key}`, r, msg, PRIORITY.notice, m.id),
          notBefore: new Date(docsDue),
          expiresAt: m.startsAt,
          source: NUDGE_SOURCE,
        });
      }
    }
    return this.enqueue(items) + (options.revive ? this.revive(items) : 0);
  }

  private revive(items: OutboxItem[]): number {
    let revived = 0;
    for (const item of items) {
      revived += this.db
        .update(outbox)
        .set({
          status: 'pending',
          text: item.text,
          partsSent: 0,
          replyMarkup: item.replyMarkup ?? null,
          nextAttemptAt: item.notBefore ?? this.clock.now(),
          dueAt: item.dueAt ?? null,
          expiresAt: item.expiresAt ?? null,
          lateNote: item.lateNote ?? null,
          threadId: item.threadId ?? null,
        })
        .where(and(eq(outbox.dedupeKey, item.dedupeKey), eq(outbox.status, 'cancelled')))
        .run().changes;
    }
    if (revived > 0) this.onEnqueue();
    return revived;
  }

  private allCustomOffsets(): number[] {
    return this.db
      .select({ o: branchSettings.reminderOffsets })
      .from(branchSettings)
      .all()
      .flatMap((r) => r.o ?? []);
  }

  // Daily and periodic messages

  /** 07:00: today's meetings across the bloc, to the office (once a day; caught up until noon). */
  dailyDigest(): number {
    const now = this.clock.now();
    const p = localParts(now, this.timeZone);
    if (p.hour < 7 || p.hour >= 12) return 0;
    const start = zonedWallTimeToUtc(p, 0, 0, this.timeZone);
    const today = this.meetings.between(start, new Date(start.getTime() + DAY_MS), null);
    const items = today.map((meeting) => ({ meeting, branchName: this.meetings.branchName(meeting.branchId) }));
    const key = `${p.year}-${p.month}-${p.day}`;
    return this.enqueue(
      this.office().map((r) =>
        this.item(`digest:${key}:${r.key}`, r, this.messages().dailyDigest(items, now, r.locale), PRIORITY.report, null, 'digest'),
      ),
    );
  }

  /** From the 25th: secretaries of cells with no regular meeting set for next month. */
  nudgeNextMonth(): number {
    const now = this.clock.now();
    const p = localParts(now, this.timeZone);
    if (p.day < 25 || p.hour < 8) return 0;
    const next = p.month === 12 ? { year: p.year + 1, month: 1 } : { year: p.year, month: p.month + 1 };
    const from = zonedWallTimeToUtc({ ...next, day: 1 }, 0, 0, this.timeZone);
    const after = next.month === 12 ? { year: next.year + 1, month: 1 } : { year: next.year, month: next.month + 1 };
    const to = zonedWallTimeToUtc({ ...after, day: 1 }, 0, 0, this.timeZone);
    const held = new Set(
      this.meetings
        .between(from, to, null, false)
        .filter((m) => m.kind === 'regular')
        .map((m) => m.branchId),
    );
    const items: OutboxItem[] = [];
    for (const b of this.meetingBranches()) {
      if (held.has(b.id)) continue;
      for (const r of this.leaders(b.id)) {
        const msg = this.messages().noRegularMeeting(b.name, next, r.locale);
        items.push(this.item(`nudge-regular:${next.year}-${next.month}:${b.id}:${r.key}`, r, msg, PRIORITY.notice, null, NUDGE_SOURCE));
      }
    }
    return this.enqueue(items);
  }

  /** In the first week of a quarter: the office gets the cells that held no thematic meeting last quarter. */
  reportThematic(): number {
    const now = this.clock.now();
    const p = localParts(now, this.timeZone);
    if ((p.month - 1) % 3 !== 0 || p.day > 7 || p.hour < 8) return 0;
    const prevQuarterStartMonth = p.month === 1 ? 10 : p.month - 3;
    const prevYear = p.month === 1 ? p.year - 1 : p.year;
    const from = zonedWallTimeToUtc({ year: prevYear, month: prevQuarterStartMonth, day: 1 }, 0, 0, this.timeZone);
    const to = zonedWallTimeToUtc({ year: p.year, month: p.month, day: 1 }, 0, 0, this.timeZone);
    const held = new Set(
      this.meetings
        .between(from, to, null, false)
        .filter((m) => m.kind === 'thematic' || m.combinedThematic)
        .map((m) => m.branchId),
    );
    const missing = this.meetingBranches()
      .filter((b) => !held.has(b.id))
      .map((b) => b.name);
    const quarter = { quarter: Math.floor((prevQuarterStartMonth - 1) / 3) + 1, year: prevYear };
    return this.enqueue(
      this.office().map((r) =>
        this.item(
          `thematic-report:${quarter.year}-Q${quarter.quarter}:${r.key}`,
          r,
          this.messages().noThematicMeeting(missing, quarter, r.locale),
          PRIORITY.report,
          null,
          NUDGE_SOURCE,
        ),
      ),
    );
  }

  /** Three unexcused absences this year: the member's secretary is told, once per member and year. */
  flagAbsences(meeting: Meeting, flagged: { memberId: number; fullName: string; count: number }[]): number {
    const year = localParts(meeting.startsAt, this.timeZone).year;
    const items: OutboxItem[] = [];
    for (const f of flagged) {
      for (const r of this.leaders(meeting.branchId)) {
        const msg = this.messages().absenceFlag(f.fullName, f.count, year, r.locale);
        items.push(this.item(`absence-flag:${f.memberId}:${year}:${r.key}`, r, msg, PRIORITY.notice, null, NUDGE_SOURCE));
      }
    }
    return this.enqueue(items);
  }

  /** Branches that hold regular branch meetings: cells and the cells under grassroots committees. */
  private meetingBranches(): { id: number; name: string }[] {
    return this.db
      .select({ id: branches.id, name: branches.name })
      .from(branches)
      .where(and(eq(branches.active, true), inArray(branches.kind, ['cell', 'subcell'])))
      .orderBy(asc(branches.code))
      .all();
  }

  private item(dedupeKey: string, r: Recipient, msg: RenderedMessage, priority: number, meetingId: number | null, source = MEETING_SOURCE): OutboxItem {
    return {
      dedupeKey,
      chatId: r.chatId,
      memberId: r.memberId,
      text: msg.text,
      replyMarkup: msg.replyMarkup,
      priority,
      source,
      sourceId: meetingId ?? undefined,
      threadId: r.threadId ?? null,
    };
  }
}

const isAnnouncement = (key: string) => /^meeting:\d+:new:/.test(key);
const isUpdate = (key: string) => /^meeting:\d+:chg:/.test(key);

