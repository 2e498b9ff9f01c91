/**
 * Meetings: single meetings and recurring series (materialised as meeting rows ahead of time),
 * moving and cancelling (one occurrence, or the series from now on), RSVPs and attendance.
 * Telling people about changes goes through MeetingNotifier (meeting-reminders.ts).
 */
import { and, asc, eq, gt, gte, inArray, isNull, lt, or, Placeholder, sql } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Db } from '../db/connection.js';
import { dateOrNull } from '../db/row-values.js';
import {
  absenceFlags,
  attendance,
  type AttendanceStatus,
  branches,
  meetingRsvps,
  meetings,
  meetingSeries,
  members,
  type MeetingDocument,
  type MeetingKind,
} from '../db/schema.js';
import { zonedWallTimeToUtc } from '../domain/datetime-parse.js';
import { type RecurrenceRule, occurrencesBetween, validateRule } from '../domain/recurrence.js';
import { localParts } from '../domain/time.js';
import type { Actor } from './actor.js';
import type { AuditService } from './audit.js';
import type { BranchService } from './branches.js';

export type Meeting = typeof meetings.$inferSelect;
export type Series = typeof meetingSeries.$inferSelect;

/** Minutes: the guidance's 90, and 120 when a regular and a thematic meeting are held together. */
export function defaultDuration(kind: MeetingKind, combinedThematic: boolean): number {
  if (kind === 'regular' && combinedThematic) return 120;
  if (kind === 'congress') return 240;
  return 90;
}

export interface MeetingInput {
  branchId: number | null;
  kind: MeetingKind;
  title: string;
  combinedThematic?: boolean;
  startsAt: Date;
  durationMinutes?: number;
  location?: string;
  agenda?: string;
  documents?: MeetingDocument[];
  /** Makes it the first occurrence of a series. */
  rule?: RecurrenceRule | null;
}

/** How far ahead series occurrences exist as rows. */
export const MATERIALISE_DAYS = 62;
const DAY_MS = 86_400_000;

export type MeetingChange = { type: 'moved'; from: Date } | { type: 'cancelled' } | { type: 'edited' };

/** Tells the people concerned about a change (implemented with the outbox). */
export interface MeetingChangeListener {
  changed(meeting: Meeting, change: MeetingChange): void;
  created(meeting: Meeting, series: Series | null): void;
  /** A series edit replaced a future occurrence (`replacement` null: the new rule has none for it). */
  replaced(old: Meeting, replacement: Meeting | null): void;
}

export interface AttendanceRow {
  memberId: number;
  fullName: string;
  rsvp: 'yes' | 'no' | null;
  rsvpReason: string | null;
  status: AttendanceStatus | null;
  reason: string | null;
}

/** Run for every meeting card and every plain private message: prepared once per service. */
function prepareQueries(db: Db) {
  return {
    branchName: db.select({ name: branches.name }).from(branches).where(eq(branches.id, sql.placeholder('id'))).prepare(),
  };
}

/**
 * MeetingService.between's statement: `from`, `to` (ms) and `b0`… for `branchCount` branches (null:
 * all of them). With branches, the status test is kept off the (status, starts_at) index (`+`):
 * SQLite would otherwise walk every meeting of the bloc in the window (some 190 in a month at
 * scale) rather than the few of these branches through (branch_id, starts_at).
 */
function prepareBetween(db: Db, branchCount: number | null, includeBloc: boolean): BetweenQuery {
  const ids = Array.from({ length: branchCount ?? 0 }, (_, i) => sql.placeholder(`b${i}`));
  const ofBranches = ids.length ? inArray(meetings.branchId, ids) : undefined;
  const ofBloc = includeBloc ? isNull(meetings.branchId) : undefined;
  const scheduled = sql`+${meetings.status} = 'scheduled'`;
  const where =
    branchCount === null
      ? eq(meetings.status, 'scheduled')
      : ofBranches || ofBloc
        ? and(scheduled, ofBranches && ofBloc ? or(ofBranches, ofBloc) : (ofBranches ?? ofBloc))
        : sql`0`;
  const query = db
    .select()
    .from(meetings)
    .where(and(where, gte(meetings.startsAt, sql.placeholder('from')), lt(meetings.startsAt, sql.placeholder('to'))))
    .orderBy(asc(meetings.startsAt), asc(meetings.id))
    .toSQL();
  // Drizzle writes the statement; the rows are read by hand (toMeeting): its mapping of every
  // column of every row was the largest part of the garbage a /lichhop left.
  const statement = db.$client.prepare<unknown[], MeetingRow>(query.sql);
  return {
    all: (values) => statement.all(query.params.map((p) => (p instanceof Placeholder ? values[p.name] : p))).map(toMeeting),
  };
}
interface BetweenQuery {
  all(values: Record<string, number>): Meeting[];
}

/** A meetings row as SQLite gives it (timestamps in ms, booleans 0/1, documents as JSON). */
interface MeetingRow {
  id: number;
  series_id: number | null;
  occurrence_date: string | null;
  detached: number;
  branch_id: number | null;
  kind: Meeting['kind'];
  title: string;
  combined_thematic: number;
  starts_at: number;
  duration_minutes: number;
  location: string;
  agenda: string;
  documents: string;
  status: Meeting['status'];
  time_set_at: number | null;
  created_by_member_id: number | null;
  attendance_rate: number | null;
  attendance_taken_at: number | null;
  created_at: number;
  updated_at: number;
}

/** What drizzle makes of a row (tests/services/meetings-between.test.ts compares the two). */
function toMeeting(r: MeetingRow): Meeting {
  return {
    id: r.id,
    seriesId: r.series_id,
    occurrenceDate: r.occurrence_date,
    detached: r.detached === 1,
    branchId: r.branch_id,
    kind: r.kind,
    title: r.title,
    combinedThematic: r.combined_thematic === 1,
    startsAt: new Date(r.starts_at),
    durationMinutes: r.duration_minutes,
    location: r.location,
    agenda: r.agenda,
    documents: JSON.parse(r.documents) as Meeting['documents'],
    status: r.status,
    timeSetAt: dateOrNull(r.time_set_at),
    createdByMemberId: r.created_by_member_id,
    attendanceRate: r.attendance_rate,
    attendanceTakenAt: dateOrNull(r.attendance_taken_at),
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}

/** The columns a meeting and its series take alike from the author's input: trimmed, with the kind's default duration. */
function sharedFields(input: MeetingInput) {
  const combinedThematic = input.combinedThematic ?? false;
  return {
    branchId: input.branchId,
    kind: input.kind,
    title: input.title.trim(),
    combinedThematic,
    durationMinutes: input.durationMinutes ?? defaultDuration(input.kind, combinedThematic),
    location: input.location?.trim() ?? '',
    agenda: input.agenda?.trim() ?? '',
  };
}

export class MeetingService {
  #listener: MeetingChangeListener | null = null;
  readonly #queries;
  readonly #betweenQueries = new Map<string, BetweenQuery>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly branches: BranchService,
    private readonly timeZone: string,
  ) {
    this.#queries = prepareQueries(db);
  }

  /** Set by whoever sends the announcements and updates (kept out of the constructor to avoid a cycle). */
  setListener(listener: MeetingChangeListener): void {
    this.#listener = listener;
  }

  get(id: number): Meeting | null {
    return this.db.select().from(meetings).where(eq(meetings.id, id)).get() ?? null;
  }

  getSeries(id: number): Series | null {
    return this.db.select().from(meetingSeries).where(eq(meetingSeries.id, id)).get() ?? null;
  }

  createDraft(input: MeetingInput, by: number, actor: Actor): Meeting {
    if (input.rule) {
      const error = validateRule(input.rule);
      if (error) throw new RangeError(error);
    }
    const now = this.clock.now();
    const meeting = this.insertMeeting(input, { status: 'draft', timeSetAt: null }, by, now);
    // The rule waits with the draft (in a series row not yet active) until confirmed.
    if (input.rule) {
      const series = this.insertSeries(input, input.rule, false, by, now);
      this.db
        .update(meetings)
        .set({ seriesId: series.id, occurrenceDate: series.startDate })
        .where(eq(meetings.id, meeting.id))
        .run();
    }
    this.audit.record(actor, 'meeting.draft', 'meeting', meeting.id, { kind: input.kind, rule: input.rule ?? null });
    return this.get(meeting.id)!;
  }

  /** The author confirms: the meeting (and its series) become real and people are told. */
  confirm(id: number, by: number, actor: Actor): { ok: true; meeting: Meeting } | { ok: false; reason: 'not_found' | 'not_author' | 'not_draft' | 'past' } {
    const draft = this.get(id);
    if (!draft) return { ok: false, reason: 'not_found' };
    if (draft.createdByMemberId !== by) return { ok: false, reason: 'not_author' };
    if (draft.status !== 'draft') return { ok: false, reason: 'not_draft' };
    const now = this.clock.now();
    if (draft.startsAt.getTime() <= now.getTime()) return { ok: false, reason: 'past' };
    this.db.transaction(() => {
      this.db.update(meetings).set({ status: 'scheduled', timeSetAt: now, updatedAt: now }).where(eq(meetings.id, id)).run();
      if (draft.seriesId) {
        this.db.update(meetingSeries).set({ active: true, updatedAt: now }).where(eq(meetingSeries.id, draft.seriesId)).run();
      }
    }, { behavior: 'immediate' });
    const series = draft.seriesId ? this.getSeries(draft.seriesId) : null;
    if (series) this.materialise(series);
    this.audit.record(actor, 'meeting.create', 'meeting', id, { seriesId: draft.seriesId });
    const meeting = this.get(id)!;
    this.#listener?.created(meeting, series);
    return { ok: true, meeting };
  }

  /**
   * Records a meeting, or a series with every occurrence from `startsAt` on, as already known to
   * everyone concerned: nobody is told now, and times in the past are allowed (meetings already
   * held, for attendance). For history brought in from elsewhere, such as the demo bloc; the
   * reminder planner still reminds whoever can be reached of those to come. Returns the meetings
   * created, in time order.
   */
  recordKnown(input: MeetingInput, by: number | null, actor: Actor): Meeting[] {
    const now = this.clock.now();
    if (!input.rule) {
      const meeting = this.insertMeeting(input, { status: 'scheduled', timeSetAt: now }, by, now);
      this.audit.record(actor, 'meeting.record', 'meeting', meeting.id, { kind: input.kind, startsAt: input.startsAt.toISOString() });
      return [meeting];
    }
    const error = validateRule(input.rule);
    if (error) throw new RangeError(error);
    const series = this.insertSeries(input, input.rule, true, by, now);
    this.materialise(series, undefined, input.startsAt);
    this.audit.record(actor, 'meeting.series.record', 'meeting_series', series.id, { kind: input.kind, rule: input.rule, startDate: series.startDate });
    return this.db.select().from(meetings).where(eq(meetings.seriesId, series.id)).orderBy(asc(meetings.startsAt)).all();
  }

  /** A meeting row from the author's input: drafts and recorded meetings alike. */
  private insertMeeting(
    input: MeetingInput,
    state: { status: 'draft' | 'scheduled'; timeSetAt: Date | null },
    by: number | null,
    now: Date,
  ): Meeting {
    return this.db
      .insert(meetings)
      .values({
        ...sharedFields(input),
        startsAt: input.startsAt,
        documents: input.documents ?? [],
        status: state.status,
        timeSetAt: state.timeSetAt,
        createdByMemberId: by,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
  }

  /** A series row from the same input: its time of day and start date are `startsAt`'s, in the bloc's zone. */
  private insertSeries(input: MeetingInput, rule: RecurrenceRule, active: boolean, by: number | null, now: Date): Series {
    const p = localParts(input.startsAt, this.timeZone);
    return this.db
      .insert(meetingSeries)
      .values({
        ...sharedFields(input),
        rule,
        hour: p.hour,
        minute: p.minute,
        startDate: dateKey(p),
        active,
        createdByMemberId: by,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
  }

  /** A draft the author dropped: it (and its inactive series) never happened. */
  discardDraft(id: number, actor: Actor): void {
    const draft = this.get(id);
    if (!draft || draft.status !== 'draft') return;
    this.db.update(meetings).set({ status: 'cancelled', updatedAt: this.clock.now() }).where(eq(meetings.id, id)).run();
    this.audit.record(actor, 'meeting.discard', 'meeting', id);
  }

  /** Makes sure every active series has its occurrences for the coming weeks. Returns how many were added. */
  materialiseAll(): number {
    let added = 0;
    for (const s of this.db.select().from(meetingSeries).where(eq(meetingSeries.active, true)).all()) added += this.materialise(s);
    return added;
  }

  /**
   * Creates the missing occurrences from now (or `from`, for a series recorded with its past) until
   * MATERIALISE_DAYS ahead (or `until`, if later).
   */
  private materialise(series: Series, until?: Date, from?: Date): number {
    const now = this.clock.now();
    const end = Math.max(now.getTime() + MATERIALISE_DAYS * DAY_MS, until?.getTime() ?? 0);
    const timing = {
      rule: series.rule as RecurrenceRule,
      hour: series.hour,
      minute: series.minute,
      startDate: series.startDate,
      endDate: series.endDate ?? undefined,
      timeZone: this.timeZone,
    };
    // Only the missing ones, read first: an insert that the unique index ignores still uses up a
    // meeting id (AUTOINCREMENT), and people type these numbers in /suahop and /huyhop; and most
    // runs find every occurrence there already, so they take no write lock (a CLI import holding
    // it would make the bot wait, event loop and all).
    const occurrences = occurrencesBetween(timing, from ?? now, new Date(end));
    if (occurrences.length === 0) return 0;
    const existing = new Set(
      this.db
        .select({ date: meetings.occurrenceDate })
        .from(meetings)
        .where(and(eq(meetings.seriesId, series.id), inArray(meetings.occurrenceDate, occurrences.map((o) => o.date))))
        .all()
        .map((r) => r.date),
    );
    const missing = occurrences.filter((o) => !existing.has(o.date));
    if (missing.length === 0) return 0;
    return this.db
      .insert(meetings)
      .values(
        missing.map((o) => ({
          seriesId: series.id,
          occurrenceDate: o.date,
          branchId: series.branchId,
          kind: series.kind,
          title: series.title,
          combinedThematic: series.combinedThematic,
          startsAt: o.at,
          durationMinutes: series.durationMinutes,
          location: series.location,
          agenda: series.agenda,
          status: 'scheduled' as const,
          timeSetAt: now,
          createdByMemberId: series.createdByMemberId,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .onConflictDoNothing()
      .run().changes;
  }

  /** Moves one meeting (an occurrence stays out of later series edits). */
  move(id: number, startsAt: Date, actor: Actor): { ok: true; meeting: Meeting } | { ok: false; reason: 'not_found' | 'past' | 'cancelled' } {
    const before = this.get(id);
    if (!before || before.status === 'draft') return { ok: false, reason: 'not_found' };
    if (before.status === 'cancelled') return { ok: false, reason: 'cancelled' };
    const now = this.clock.now();
    if (startsAt.getTime() <= now.getTime()) return { ok: false, reason: 'past' };
    this.db
      .update(meetings)
      .set({ startsAt, detached: true, timeSetAt: now, updatedAt: now })
      .where(eq(meetings.id, id))
      .run();
    this.audit.record(actor, 'meeting.move', 'meeting', id, { from: before.startsAt.toISOString(), to: startsAt.toISOString() });
    const meeting = this.get(id)!;
    this.#listener?.changed(meeting, { type: 'moved', from: before.startsAt });
    return { ok: true, meeting };
  }

  /** Edits the place, agenda or documents of one meeting. */
  edit(id: number, changes: { location?: string; agenda?: string; title?: string; documents?: MeetingDocument[] }, actor: Actor): Meeting | null {
    const before = this.get(id);
    if (!before || before.status !== 'scheduled') return null;
    this.db
      .update(meetings)
      .set({ ...changes, detached: true, updatedAt: this.clock.now() })
      .where(eq(meetings.id, id))
      .run();
    this.audit.record(actor, 'meeting.edit', 'meeting', id, changes);
    const meeting = this.get(id)!;
    this.#listener?.changed(meeting, { type: 'edited' });
    return meeting;
  }

  cancel(id: number, actor: Actor): { ok: true; meeting: Meeting } | { ok: false; reason: 'not_found' | 'cancelled' | 'past' } {
    const before = this.get(id);
    if (!before || before.status === 'draft') return { ok: false, reason: 'not_found' };
    if (before.status === 'cancelled') return { ok: false, reason: 'cancelled' };
    if (before.startsAt.getTime() <= this.clock.now().getTime()) return { ok: false, reason: 'past' };
    this.db
      .update(meetings)
      .set({ status: 'cancelled', detached: true, updatedAt: this.clock.now() })
      .where(eq(meetings.id, id))
      .run();
    this.audit.record(actor, 'meeting.cancel', 'meeting', id);
    const meeting = this.get(id)!;
    this.#listener?.changed(meeting, { type: 'cancelled' });
    return { ok: true, meeting };
  }

  /**
   * Changes a series from now on: future occurrences that were not moved or cancelled on their own
   * are replaced (each by the new occurrence of the same date, or the nearest one after a rule
   * change, which keeps its documents); past ones and detached ones stay as they are. The series
   * never starts earlier than it did.
   */
  editSeries(
    seriesId: number,
    changes: Partial<Pick<Series, 'rule' | 'hour' | 'minute' | 'durationMinutes' | 'location' | 'agenda' | 'title' | 'active'>>,
    actor: Actor,
  ): number {
    const series = this.getSeries(seriesId);
    if (!series) return 0;
    if (changes.rule) {
      const error = validateRule(changes.rule as RecurrenceRule);
      if (error) throw new RangeError(error);
    }
    const now = this.clock.now();
    const today = dateKey(localParts(now, this.timeZone));
    const replaceable = and(eq(meetings.seriesId, seriesId), eq(meetings.detached, false), eq(meetings.status, 'scheduled'), gt(meetings.startsAt, now));
    const future = this.db.select().from(meetings).where(replaceable).orderBy(asc(meetings.startsAt)).all();
    this.db.transaction(() => {
      this.db
        .update(meetingSeries)
        .set({ ...changes, startDate: series.startDate > today ? series.startDate : today, updatedAt: now })
        .where(eq(meetingSeries.id, seriesId))
        .run();
      if (future.length) {
        // Cancel rather than delete: someone may have been told about them already.
        this.db
          .update(meetings)
          .set({ status: 'cancelled', occurrenceDate: null, updatedAt: now })
          .where(inArray(meetings.id, future.map((m) => m.id)))
          .run();
      }
    }, { behavior: 'immediate' });
    this.audit.record(actor, 'meeting.series.edit', 'meeting_series', seriesId, changes);
    const updated = this.getSeries(seriesId)!;
    const last = future.at(-1)?.startsAt;
    const added = updated.active ? this.materialise(updated, last && new Date(last.getTime() + DAY_MS)) : 0;
    // Every replaceable occurrence was cancelled above: the ones left are the new ones.
    const fresh = this.db.select().from(meetings).where(replaceable).orderBy(asc(meetings.startsAt)).all();
    const unused = new Set(fresh.map((r) => r.id));
    for (const old of future) {
      const distance = (r: Meeting) => Math.abs(r.startsAt.getTime() - old.startsAt.getTime());
      const candidates = fresh.filter((r) => unused.has(r.id) && distance(r) < 40 * DAY_MS).sort((a, b) => distance(a) - distance(b));
      const replacement = candidates.find((r) => r.occurrenceDate === old.occurrenceDate) ?? candidates[0] ?? null;
      if (replacement) {
        unused.delete(replacement.id);
        if (old.documents.length && !replacement.documents.length) {
          this.db.update(meetings).set({ documents: old.documents }).where(eq(meetings.id, replacement.id)).run();
        }
      }
      this.#listener?.replaced(this.get(old.id)!, replacement && this.get(replacement.id));
    }
    return added;
  }

  /**
   * Scheduled meetings starting in [from, to): of the given branches, and of the whole bloc when
   * `includeBloc`; all branches when `branchIds` is null.
   */
  between(from: Date, to: Date, branchIds: number[] | null, includeBloc = true): Meeting[] {
    const params: Record<string, number> = { from: from.getTime(), to: to.getTime() };
    branchIds?.forEach((id, i) => (params[`b${i}`] = id));
    return this.#betweenQuery(branchIds === null ? null : branchIds.length, includeBloc).all(params);
  }

  /**
   * `between`'s statement for so many branches, prepared once: every /lichhop runs it, and building
   * and compiling the query each time cost more than running it. Lists longer than a branch's
   * ancestry are rare (a secretary's branches for /diemdanh) and not kept.
   */
  #betweenQuery(branchCount: number | null, includeBloc: boolean): BetweenQuery {
    const key = `${branchCount ?? 'all'}:${includeBloc}`;
    const kept = this.#betweenQueries.get(key);
    if (kept) return kept;
    const query = prepareBetween(this.db, branchCount, includeBloc);
    if (branchCount === null || branchCount <= 16) this.#betweenQueries.set(key, query);
    return query;
  }

  /** The next 30 days for a member: their branch, the branches above it, and the bloc. */
  upcomingFor(branchId: number | null, days = 30): Meeting[] {
    const now = this.clock.now();
    const ids = branchId === null ? [] : this.branches.ancestryIds(branchId);
    return this.between(now, new Date(now.getTime() + days * DAY_MS), ids, true);
  }

  /** Meetings between two instants for a member's branch, the branches above it, and the bloc. */
  inRangeFor(branchId: number | null, from: Date, to: Date): Meeting[] {
    const ids = branchId === null ? [] : this.branches.ancestryIds(branchId);
    return this.between(from, to, ids, true);
  }

  nextFor(branchId: number): Meeting | null {
    return this.upcomingFor(branchId, 366)[0] ?? null;
  }

  // RSVP and attendance

  rsvp(meetingId: number, memberId: number, response: 'yes' | 'no', reason: string | null, actor: Actor): void {
    const at = this.clock.now();
    this.db
      .insert(meetingRsvps)
      .values({ meetingId, memberId, response, reason, at })
      .onConflictDoUpdate({ target: [meetingRsvps.meetingId, meetingRsvps.memberId], set: { response, reason, at } })
      .run();
    this.audit.record(actor, 'meeting.rsvp', 'meeting', meetingId, { memberId, response, reason });
  }

  rsvpOf(meetingId: number, memberId: number): { response: 'yes' | 'no'; reason: string | null } | null {
    return (
      this.db
        .select({ response: meetingRsvps.response, reason: meetingRsvps.reason })
        .from(meetingRsvps)
        .where(and(eq(meetingRsvps.meetingId, meetingId), eq(meetingRsvps.memberId, memberId)))
        .get() ?? null
    );
  }

  /** Remembers the message that asks this member for the reason of an absence. */
  setReasonPrompt(meetingId: number, memberId: number, messageId: number): void {
    this.db
      .update(meetingRsvps)
      .set({ reasonPromptMessageId: messageId })
      .where(and(eq(meetingRsvps.meetingId, meetingId), eq(meetingRsvps.memberId, memberId)))
      .run();
  }

  /**
   * The meeting whose reason prompt is this message (in the member's private chat), if the member
   * still says "Vắng" and the meeting still stands; null otherwise.
   */
  absenceForPrompt(memberId: number, messageId: number): Meeting | null {
    const row = this.db
      .select({ m: meetings })
      .from(meetingRsvps)
      .innerJoin(meetings, eq(meetings.id, meetingRsvps.meetingId))
      .where(
        and(
          eq(meetingRsvps.memberId, memberId),
          eq(meetingRsvps.reasonPromptMessageId, messageId),
          eq(meetingRsvps.response, 'no'),
          eq(meetings.status, 'scheduled'),
        ),
      )
      .get();
    return row?.m ?? null;
  }

  /** The members expected at a meeting: the active members of its branch. */
  expectedMembers(meeting: Meeting): { id: number; fullName: string; telegramUserId: number | null; privateReminders: boolean; language: string | null }[] {
    if (meeting.branchId === null) return [];
    return this.db
      .select({
        id: members.id,
        fullName: members.fullName,
        telegramUserId: members.telegramUserId,
        privateReminders: members.privateReminders,
        language: members.language,
      })
      .from(members)
      .where(and(eq(members.branchId, meeting.branchId), eq(members.status, 'active')))
      .orderBy(asc(members.fullName))
      .all();
  }

  /** Everyone expected, with their RSVP and recorded attendance. */
  attendanceSheet(meetingId: number): AttendanceRow[] {
    const meeting = this.get(meetingId);
    if (!meeting) return [];
    const rsvps = new Map(
      this.db.select().from(meetingRsvps).where(eq(meetingRsvps.meetingId, meetingId)).all().map((r) => [r.memberId, r]),
    );
    const recorded = new Map(this.db.select().from(attendance).where(eq(attendance.meetingId, meetingId)).all().map((a) => [a.memberId, a]));
    return this.expectedMembers(meeting).map((m) => ({
      memberId: m.id,
      fullName: m.fullName,
      rsvp: rsvps.get(m.id)?.response ?? null,
      rsvpReason: rsvps.get(m.id)?.reason ?? null,
      status: recorded.get(m.id)?.status ?? null,
      reason: recorded.get(m.id)?.reason ?? rsvps.get(m.id)?.reason ?? null,
    }));
  }

  setAttendance(meetingId: number, memberId: number, status: AttendanceStatus, by: number, actor: Actor): void {
    const at = this.clock.now();
    const reason = status === 'present' ? null : (this.rsvpOf(meetingId, memberId)?.reason ?? null);
    this.db
      .insert(attendance)
      .values({ meetingId, memberId, status, reason, recordedByMemberId: by, at })
      .onConflictDoUpdate({ target: [attendance.meetingId, attendance.memberId], set: { status, reason, recordedByMemberId: by, at } })
      .run();
    this.audit.record(actor, 'meeting.attendance', 'meeting', meetingId, { memberId, status });
  }

  /**
   * Closes attendance: members not marked count as present, the rate is kept on the meeting, and
   * members who reach three unexcused absences this calendar year are returned (flagged once).
   */
  finishAttendance(meetingId: number, by: number, actor: Actor): { rate: number; present: number; total: number; flagged: { memberId: number; fullName: string; count: number }[] } {
    const meeting = this.get(meetingId)!;
    const sheet = this.attendanceSheet(meetingId);
    for (const row of sheet) if (row.status === null) this.setAttendance(meetingId, row.memberId, 'present', by, actor);
    const final = this.attendanceSheet(meetingId);
    const present = final.filter((r) => r.status === 'present').length;
    const rate = final.length ? Math.round((present / final.length) * 100) : 0;
    const now = this.clock.now();
    this.db.update(meetings).set({ attendanceRate: rate, attendanceTakenAt: now, updatedAt: now }).where(eq(meetings.id, meetingId)).run();
    this.audit.record(actor, 'meeting.attendance.finish', 'meeting', meetingId, { rate, present, total: final.length });
    const year = localParts(meeting.startsAt, this.timeZone).year;
    const flagged: { memberId: number; fullName: string; count: number }[] = [];
    for (const row of final.filter((r) => r.status === 'unexcused')) {
      const count = this.unexcusedCount(row.memberId, year);
      if (count < 3) continue;
      const inserted = this.db
        .insert(absenceFlags)
        .values({ memberId: row.memberId, year, at: now })
        .onConflictDoNothing()
        .run().changes;
      if (inserted) flagged.push({ memberId: row.memberId, fullName: row.fullName, count });
    }
    return { rate, present, total: final.length, flagged };
  }

  /** Unexcused absences from branch meetings (regular and thematic: the Charter's rule) in a calendar year. */
  unexcusedCount(memberId: number, year: number): number {
    const from = zonedWallTimeToUtc({ year, month: 1, day: 1 }, 0, 0, this.timeZone);
    const to = zonedWallTimeToUtc({ year: year + 1, month: 1, day: 1 }, 0, 0, this.timeZone);
    const row = this.db
      .select({ n: sql<number>`count(*)` })
      .from(attendance)
      .innerJoin(meetings, eq(meetings.id, attendance.meetingId))
      .where(
        and(
          eq(attendance.memberId, memberId),
          eq(attendance.status, 'unexcused'),
          gte(meetings.startsAt, from),
          lt(meetings.startsAt, to),
          eq(meetings.status, 'scheduled'),
          inArray(meetings.kind, ['regular', 'thematic']),
        ),
      )
      .get();
    return row?.n ?? 0;
  }

  /** Meetings of these branches that ended in the last `days` days (for /diemdanh). */
  recentlyEnded(branchIds: number[] | null, days = 14): Meeting[] {
    const now = this.clock.now();
    const from = new Date(now.getTime() - days * DAY_MS);
    return this.between(from, now, branchIds, false)
      .filter((m) => m.branchId !== null && m.startsAt.getTime() + m.durationMinutes * 60_000 <= now.getTime() + 30 * 60_000)
      .reverse();
  }

  branchName(branchId: number | null): string | null {
    if (branchId === null) return null;
    return this.#queries.branchName.get({ id: branchId })?.name ?? null;
  }
}

export function dateKey(p: { year: number; month: number; day: number }): string {
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}
