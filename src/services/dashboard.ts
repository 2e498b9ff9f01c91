/**
 * The bloc-wide figures the dashboard reads that no bot command needed: coverage, the meeting grid's
 * attendance and documents, absentees, and notice counts for many notices at once. One grouped query
 * per table (never one per organisation or per notice), so an answer for the whole bloc stays fast.
 * Meetings, indicators and notices themselves come from their own services.
 */
import { and, desc, eq, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/connection.js';
import { attendance, auditLog, branches, chats, clusters, meetings, members, noticeRecipients, notices, outbox } from '../db/schema.js';
import { type Audience, effectiveChannel } from '../domain/audience.js';
import { NOTICE_SOURCE, type Notice } from './notices.js';

export interface Organisation {
  id: number;
  code: string;
  name: string;
  kind: string;
  parentId: number | null;
  /** Its own cluster, else its parent's (sub-cells belong to their committee's). */
  clusterId: number | null;
  clusterName: string | null;
}

export interface NoticeCountsRow {
  recipients: number;
  delivered: number;
  unreachable: number;
  notLinked: number;
  acknowledged: number;
}

/** Whose recipients a count covers: everyone, the members of some branches, or one member. */
export type RecipientFilter = { branchIds: readonly number[] } | { memberId: number } | null;

const emptyCounts = (): NoticeCountsRow => ({ recipients: 0, delivered: 0, unreachable: 0, notLinked: 0, acknowledged: 0 });

export class DashboardService {
  constructor(private readonly db: Db) {}

  /** Active branches in code order, with their cluster (inherited by sub-cells). */
  organisations(): Organisation[] {
    const rows = this.db
      .select({
        id: branches.id,
        code: branches.code,
        name: branches.name,
        kind: branches.kind,
        parentId: branches.parentId,
        clusterId: branches.clusterId,
      })
      .from(branches)
      .where(eq(branches.active, true))
      .orderBy(branches.code)
      .all();
    const clusterNames = new Map(this.db.select({ id: clusters.id, name: clusters.name }).from(clusters).all().map((c) => [c.id, c.name]));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const clusterOf = (id: number, seen = new Set<number>()): number | null => {
      const b = byId.get(id);
      if (!b || seen.has(id)) return null;
      seen.add(id);
      return b.clusterId ?? (b.parentId === null ? null : clusterOf(b.parentId, seen));
    };
    return rows.map((r) => {
      const clusterId = clusterOf(r.id);
      return { ...r, clusterId, clusterName: clusterId === null ? null : (clusterNames.get(clusterId) ?? null) };
    });
  }

  /** Active members, linked ones, and linked groups, per branch. */
  coverage(): Map<number, { members: number; linked: number; groups: number }> {
    const out = new Map<number, { members: number; linked: number; groups: number }>();
    const get = (id: number) => {
      let row = out.get(id);
      if (!row) out.set(id, (row = { members: 0, linked: 0, groups: 0 }));
      return row;
    };
    const people = this.db
      .select({ branchId: members.branchId, n: sql<number>`count(*)`, linked: sql<number>`count(${members.telegramUserId})` })
      .from(members)
      .where(and(eq(members.status, 'active'), isNotNull(members.branchId)))
      .groupBy(members.branchId)
      .all();
    for (const p of people) Object.assign(get(p.branchId!), { members: p.n, linked: p.linked });
    const groups = this.db
      .select({ branchId: chats.branchId, n: sql<number>`count(*)` })
      .from(chats)
      .where(and(eq(chats.status, 'active'), isNotNull(chats.branchId)))
      .groupBy(chats.branchId)
      .all();
    for (const g of groups) get(g.branchId!).groups = g.n;
    return out;
  }

  /**
   * When each meeting's documents were posted: the first edit that set documents (the audit log
   * records each edit with its changes), else the meeting's creation (documents given with the draft).
   */
  documentsPostedAt(meetingRows: readonly { id: number; createdAt: Date; documents: unknown[] }[]): Map<number, Date> {
    const withDocs = meetingRows.filter((m) => m.documents.length > 0);
    const out = new Map(withDocs.map((m) => [m.id, m.createdAt]));
    if (withDocs.length === 0) return out;
    const edits = this.db
      .select({ entityId: auditLog.entityId, at: sql<number>`min(${auditLog.at})` })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entity, 'meeting'),
          inArray(auditLog.entityId, withDocs.map((m) => String(m.id))),
          eq(auditLog.action, 'meeting.edit'),
          sql`json_array_length(json_extract(${auditLog.details}, '$.documents')) > 0`,
        ),
      )
      .groupBy(auditLog.entityId)
      .all();
    for (const e of edits) out.set(Number(e.entityId), new Date(e.at));
    return out;
  }

  /** Recorded attendance of branch meetings (regular and thematic) in [from, to), per meeting. */
  attendanceByMeeting(from: Date, to: Date): Map<number, { present: number; total: number }> {
    const rows = this.db
      .select({ meetingId: attendance.meetingId, total: sql<number>`count(*)`, present: sql<number>`sum(case when ${attendance.status} = 'present' then 1 else 0 end)` })
      .from(attendance)
      .innerJoin(meetings, eq(meetings.id, attendance.meetingId))
      .where(and(gte(meetings.startsAt, from), lt(meetings.startsAt, to), eq(meetings.status, 'scheduled'), inArray(meetings.kind, ['regular', 'thematic'])))
      .groupBy(attendance.meetingId)
      .all();
    return new Map(rows.map((r) => [r.meetingId, { present: r.present, total: r.total }]));
  }

  /**
   * Members with at least `threshold` unexcused absences from branch meetings in [from, to): the
   * same count as MeetingService.unexcusedCount (the Charter's rule), for many members at once.
   */
  absentees(from: Date, to: Date, threshold = 3): { memberId: number; name: string; branchId: number | null; absences: number }[] {
    return this.db
      .select({ memberId: members.id, name: members.fullName, branchId: members.branchId, absences: sql<number>`count(*)` })
      .from(attendance)
      .innerJoin(meetings, eq(meetings.id, attendance.meetingId))
      .innerJoin(members, eq(members.id, attendance.memberId))
      .where(
        and(
          eq(attendance.status, 'unexcused'),
          gte(meetings.startsAt, from),
          lt(meetings.startsAt, to),
          eq(meetings.status, 'scheduled'),
          inArray(meetings.kind, ['regular', 'thematic']),
          eq(members.status, 'active'),
        ),
      )
      .groupBy(members.id)
      .having(sql`count(*) >= ${threshold}`)
      .orderBy(desc(sql`count(*)`), members.fullName)
      .all();
  }

  /** A member's attendance at these meetings: present, absent, or not recorded. */
  attendanceOf(memberId: number, meetingIds: readonly number[]): Map<number, boolean> {
    if (meetingIds.length === 0) return new Map();
    const rows = this.db
      .select({ meetingId: attendance.meetingId, status: attendance.status })
      .from(attendance)
      .where(and(eq(attendance.memberId, memberId), inArray(attendance.meetingId, [...meetingIds])))
      .all();
    return new Map(rows.map((r) => [r.meetingId, r.status === 'present']));
  }

  /**
   * The latest sent (or sending) notices, newest first: all of them, those addressed to members of
   * these branches, or to one member; and those the given member wrote. Each branch's latest are
   * read from notice_recipients_branch_idx (never the recipients of the whole bloc), then merged.
   */
  latestNotices(filter: RecipientFilter, limit: number, authorId?: number): Notice[] {
    // By id, newest first; the status is tested on the rows (nearly every notice is sent), so that
    // SQLite walks the primary key rather than sorting every sent notice found through its index.
    const visible = sql`+${notices.status} in ('sending', 'sent')`;
    if (filter === null) return this.db.select().from(notices).where(visible).orderBy(desc(notices.id)).limit(limit).all();
    const ids = new Set<number>();
    const take = (rows: { id: number }[]) => rows.forEach((r) => ids.add(r.id));
    if ('memberId' in filter) {
      take(this.db.select({ id: noticeRecipients.noticeId }).from(noticeRecipients).where(eq(noticeRecipients.memberId, filter.memberId)).orderBy(desc(noticeRecipients.noticeId)).limit(limit).all());
    } else {
      for (const branchId of filter.branchIds) {
        take(
          this.db
            .selectDistinct({ id: noticeRecipients.noticeId })
            .from(noticeRecipients)
            .where(eq(noticeRecipients.branchId, branchId))
            .orderBy(desc(noticeRecipients.noticeId))
            .limit(limit)
            .all(),
        );
      }
    }
    if (authorId !== undefined) take(this.db.select({ id: notices.id }).from(notices).where(eq(notices.authorMemberId, authorId)).orderBy(desc(notices.id)).limit(limit).all());
    // Drafts and cancelled notices have no recipients rows but may be the author's: a few more are read.
    const latest = [...ids].sort((a, b) => b - a).slice(0, limit * 2);
    if (latest.length === 0) return [];
    return this.db.select().from(notices).where(and(inArray(notices.id, latest), visible)).orderBy(desc(notices.id)).limit(limit).all();
  }

  /** Whether any recipient of the notice is (or was, when it went out) in these branches. */
  addressedTo(noticeId: number, branchIds: readonly number[]): boolean {
    if (branchIds.length === 0) return false;
    return (
      this.db
        .select({ id: noticeRecipients.id })
        .from(noticeRecipients)
        .where(and(eq(noticeRecipients.noticeId, noticeId), inArray(noticeRecipients.branchId, [...branchIds])))
        .limit(1)
        .get() !== undefined
    );
  }

  /**
   * Counts of many notices: recipients, acknowledgements, members not linked (none when a notice
   * went only to groups), and the private messages delivered or not (unreachable and failed). With
   * no filter, delivered and unreachable count every message of the notice, groups included, as
   * /thongbao N's report does.
   */
  noticeCounts(list: readonly Notice[], filter: RecipientFilter): Map<number, NoticeCountsRow> {
    const out = new Map(list.map((n) => [n.id, emptyCounts()]));
    if (list.length === 0) return out;
    const ids = list.map((n) => n.id);
    const recipientWhere = and(
      inArray(noticeRecipients.noticeId, ids),
      filter === null ? undefined : 'memberId' in filter ? eq(noticeRecipients.memberId, filter.memberId) : inArray(noticeRecipients.branchId, [...filter.branchIds]),
    );
    const people = this.db
      .select({
        noticeId: noticeRecipients.noticeId,
        total: sql<number>`count(*)`,
        acknowledged: sql<number>`count(${noticeRecipients.acknowledgedAt})`,
        notLinked: sql<number>`sum(case when ${members.telegramUserId} is null then 1 else 0 end)`,
      })
      .from(noticeRecipients)
      .innerJoin(members, eq(members.id, noticeRecipients.memberId))
      .where(recipientWhere)
      .groupBy(noticeRecipients.noticeId)
      .all();
    const groupsOnly = new Set(list.filter((n) => effectiveChannel(n.audience as Audience) === 'groups').map((n) => n.id));
    for (const p of people) {
      Object.assign(out.get(p.noticeId)!, { recipients: p.total, acknowledged: p.acknowledged, notLinked: groupsOnly.has(p.noticeId) ? 0 : p.notLinked });
    }
    const messages =
      filter === null
        ? this.db
            .select({ noticeId: outbox.sourceId, status: outbox.status, n: sql<number>`count(*)` })
            .from(outbox)
            .where(and(eq(outbox.source, NOTICE_SOURCE), inArray(outbox.sourceId, ids), inArray(outbox.status, ['sent', 'unreachable', 'failed'])))
            .groupBy(outbox.sourceId, outbox.status)
            .all()
        : this.db
            .select({ noticeId: outbox.sourceId, status: outbox.status, n: sql<number>`count(*)` })
            .from(outbox)
            .innerJoin(noticeRecipients, and(eq(noticeRecipients.noticeId, outbox.sourceId), eq(noticeRecipients.memberId, outbox.memberId)))
            .where(and(eq(outbox.source, NOTICE_SOURCE), inArray(outbox.sourceId, ids), inArray(outbox.status, ['sent', 'unreachable', 'failed']), recipientWhere))
            .groupBy(outbox.sourceId, outbox.status)
            .all();
    for (const m of messages) {
      const row = out.get(m.noticeId!);
      if (!row) continue;
      if (m.status === 'sent') row.delivered += m.n;
      else row.unreachable += m.n;
    }
    return out;
  }

  /** One notice's counts per organisation (the branch each recipient was in when it went out). */
  noticeCountsByBranch(notice: Notice): Map<number | null, NoticeCountsRow> {
    const out = new Map<number | null, NoticeCountsRow>();
    const get = (id: number | null) => {
      let row = out.get(id);
      if (!row) out.set(id, (row = emptyCounts()));
      return row;
    };
    const groupsOnly = effectiveChannel(notice.audience as Audience) === 'groups';
    const people = this.db
      .select({
        branchId: noticeRecipients.branchId,
        total: sql<number>`count(*)`,
        acknowledged: sql<number>`count(${noticeRecipients.acknowledgedAt})`,
        notLinked: sql<number>`sum(case when ${members.telegramUserId} is null then 1 else 0 end)`,
      })
      .from(noticeRecipients)
      .innerJoin(members, eq(members.id, noticeRecipients.memberId))
      .where(eq(noticeRecipients.noticeId, notice.id))
      .groupBy(noticeRecipients.branchId)
      .all();
    for (const p of people) Object.assign(get(p.branchId), { recipients: p.total, acknowledged: p.acknowledged, notLinked: groupsOnly ? 0 : p.notLinked });
    const messages = this.db
      .select({ branchId: noticeRecipients.branchId, status: outbox.status, n: sql<number>`count(*)` })
      .from(outbox)
      .innerJoin(noticeRecipients, and(eq(noticeRecipients.noticeId, outbox.sourceId), eq(noticeRecipients.memberId, outbox.memberId)))
      .where(and(eq(outbox.source, NOTICE_SOURCE), eq(outbox.sourceId, notice.id), inArray(outbox.status, ['sent', 'unreachable', 'failed'])))
      .groupBy(noticeRecipients.branchId, outbox.status)
      .all();
    for (const m of messages) {
      if (m.status === 'sent') get(m.branchId).delivered += m.n;
      else get(m.branchId).unreachable += m.n;
    }
    return out;
  }

  /** Why a notice's private messages to members of these branches (all when null) did not arrive, as Telegram said. */
  undeliveredReasons(noticeId: number, branchIds: readonly number[] | null): string[] {
    return this.db
      .select({ error: outbox.lastError })
      .from(outbox)
      .innerJoin(noticeRecipients, and(eq(noticeRecipients.noticeId, outbox.sourceId), eq(noticeRecipients.memberId, outbox.memberId)))
      .where(
        and(
          eq(outbox.source, NOTICE_SOURCE),
          eq(outbox.sourceId, noticeId),
          inArray(outbox.status, ['unreachable', 'failed']),
          branchIds === null ? undefined : inArray(noticeRecipients.branchId, [...branchIds]),
        ),
      )
      .all()
      .map((r) => r.error ?? '');
  }

}
