/**
 * The demo bloc made on awkward days (a year's last half hour, New Year's first, a Sunday night,
 * the last and first day of a quarter, the eve of a holiday): whatever the day, there is a meeting
 * to take attendance for, meetings ahead for the office, this week's conference, a thematic
 * meeting per cell this quarter, none of the bloc's or thematic meetings on a weekend or a
 * holiday, search content, and nothing waiting to be sent to the demo's members. The same clock
 * gives the same bloc.
 */
import { and, inArray, isNotNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { attendance, meetings, members, noticeRecipients, notices, outbox } from '../../src/db/schema.js';
import { rangeFor } from '../../src/domain/date-range.js';
import { localParts } from '../../src/domain/time.js';
import { createDemoBloc } from '../../src/demo/index.js';
import { quarterOf } from '../../src/demo/schedule.js';
import { SYSTEM } from '../../src/services/actor.js';
import { testDb } from '../helpers/db.js';

const TZ = 'Asia/Ho_Chi_Minh';
const ADMIN_TG = 555;

function made(start: string) {
  const t = testDb(start);
  const admin = t.services.members.addAdmin(ADMIN_TG, 'Nguyễn Thị Lan', SYSTEM);
  const summary = createDemoBloc(t.services, t.clock, { source: 'bot', memberId: admin.id, telegramUserId: ADMIN_TG });
  return { ...t, admin, summary };
}

describe('the demo bloc on awkward days', { timeout: 60_000 }, () => {
  it.each([
    ['the last half hour of a year', '2026-12-31T16:30:00Z'],
    ["New Year's first half hour", '2026-12-31T17:30:00Z'],
    ['a Sunday night', '2026-11-29T14:00:00Z'],
    ['the last day of a quarter', '2026-06-30T03:00:00Z'],
    ['the first morning of a quarter', '2026-04-01T01:00:00Z'],
    ['the eve of Reunification Day', '2026-04-29T03:00:00Z'],
  ])('is alive on %s', (_, start) => {
    const { services, clock, admin, db } = made(start);
    const now = clock.now();
    // /diemdanh: branch meetings over in the last 14 days, some with attendance taken.
    const recent = services.meetings.recentlyEnded(null);
    expect(recent.length).toBeGreaterThan(2);
    expect(recent.some((m) => m.attendanceTakenAt !== null)).toBe(true);
    // /lichhop and /lichics for a member of no branch: the bloc's own meetings ahead.
    expect(services.meetings.upcomingFor(null).length).toBeGreaterThan(0);
    // "lịch họp tuần này": the conference.
    const week = rangeFor('this-week', now, TZ);
    expect(services.meetings.inRangeFor(null, week.from, week.to).map((m) => m.kind)).toContain('committee');
    // Every cell: its monthly series with a meeting ahead within five weeks, and a thematic meeting this quarter.
    const cells = services.branches.list().filter((b) => b.kind === 'cell' || b.kind === 'subcell');
    expect(cells).toHaveLength(18);
    const quarter = quarterOf(localParts(now, TZ));
    const all = services.meetings.between(new Date(now.getTime() - 200 * 86_400_000), new Date(now.getTime() + 100 * 86_400_000), null);
    for (const cell of cells) {
      const own = all.filter((m) => m.branchId === cell.id);
      expect(own.some((m) => m.kind === 'regular' && m.seriesId !== null && m.startsAt > now && m.startsAt.getTime() < now.getTime() + 35 * 86_400_000)).toBe(true);
      const thematic = own.filter((m) => m.kind === 'thematic').map((m) => localParts(m.startsAt, TZ));
      expect(thematic.some((p) => p.year === quarter.year && Math.ceil(p.month / 3) === quarter.quarter)).toBe(true);
    }
    // The bloc's conferences and the thematic meetings fall on working days: no weekend, and none of
    // the fixed-date holidays (1/1, 30/4, 1/5, 2/9).
    const placed = all.filter((m) => m.kind !== 'regular').map((m) => localParts(m.startsAt, TZ));
    expect(placed.length).toBeGreaterThan(18);
    for (const p of placed) {
      const date = `${String(p.day).padStart(2, '0')}/${String(p.month).padStart(2, '0')}/${p.year}`;
      expect(p.weekday >= 1 && p.weekday <= 5, date).toBe(true);
      expect(['01/01', '30/04', '01/05', '02/09'], date).not.toContain(date.slice(0, 5));
    }
    // Held meetings have absences, one at least without reason.
    expect(db.select().from(attendance).all().some((a) => a.status === 'unexcused')).toBe(true);
    // Search: the example /trogiup gives.
    const hits = services.search.search('sinh hoat chuyen de', admin, 8);
    expect(hits.ok && hits.hits.filter((h) => h.kind === 'meeting').length).toBeGreaterThan(0);
    expect(hits.ok && hits.hits.some((h) => h.kind === 'notice')).toBe(true);
    // Notices: acknowledged by some, not all; nothing waiting to go anywhere.
    const acks = db.select().from(noticeRecipients).all();
    expect(acks.some((r) => r.acknowledgedAt !== null) && acks.some((r) => r.acknowledgedAt === null)).toBe(true);
    expect(db.select().from(outbox).where(inArray(outbox.status, ['pending', 'sending'])).all()).toEqual([]);
    // The admin is as they were.
    expect(services.members.getById(admin.id)).toEqual(admin);
  });
});

describe('createDemoBloc', { timeout: 60_000 }, () => {
  it('gives the same bloc for the same clock', () => {
    const start = '2026-11-25T03:00:00Z';
    const snapshot = (t: ReturnType<typeof made>) => ({
      members: t.db.select({ code: members.code, name: members.fullName }).from(members).where(isNotNull(members.code)).all(),
      meetings: t.db.select({ title: meetings.title, at: meetings.startsAt, rate: meetings.attendanceRate }).from(meetings).all(),
      attendance: t.db.select({ m: attendance.meetingId, who: attendance.memberId, status: attendance.status }).from(attendance).all(),
      notices: t.db.select({ title: notices.title, at: notices.releasedAt }).from(notices).all(),
      acks: t.db.select({ n: noticeRecipients.noticeId, who: noticeRecipients.memberId, at: noticeRecipients.acknowledgedAt }).from(noticeRecipients).all(),
    });
    const a = snapshot(made(start));
    const b = snapshot(made(start));
    expect(b).toEqual(a);
    expect(a.meetings.length).toBeGreaterThan(100);
  });

  it('refuses a database that has branches, and changes nothing', () => {
    const t = testDb('2026-11-25T03:00:00Z');
    t.services.branches.upsert({ code: 'CB01', name: 'Chi bộ thật', kind: 'cell' }, SYSTEM);
    expect(() => createDemoBloc(t.services, t.clock, SYSTEM)).toThrow('The demo bloc needs a database without branches; this one has 1');
    expect(t.services.members.listAll()).toHaveLength(0);
    expect(t.db.select().from(meetings).all()).toHaveLength(0);
  });

  it('without an office member (the CLI on an empty database), the cells still announce their meetings', () => {
    const t = testDb('2026-11-25T03:00:00Z');
    const summary = createDemoBloc(t.services, t.clock, SYSTEM);
    expect(summary.notices).toBe(3);
    expect(t.db.select().from(meetings).where(and(inArray(meetings.kind, ['committee', 'briefing']))).all()).toHaveLength(2);
  });
});
