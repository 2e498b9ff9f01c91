/**
 * The meeting notifier at service level, on a manual clock: what goes into the outbox (reminders
 * with their due time, expiry and late note; updates; the 07:00 digest; the nudges), and that each
 * thing is enqueued once however often the planner runs.
 */
import { and, eq, inArray, like } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { Translator } from '../../src/bot/i18n.js';
import { MeetingRenderer } from '../../src/bot/render/meeting.js';
import { NoticeRenderer } from '../../src/bot/render/notice.js';
import type { ManualClock } from '../../src/clock.js';
import type { Db } from '../../src/db/connection.js';
import { type MeetingDocument, type MeetingKind, outbox } from '../../src/db/schema.js';
import type { RecurrenceRule } from '../../src/domain/recurrence.js';
import { SYSTEM } from '../../src/services/actor.js';
import { createServices, type Services } from '../../src/services/index.js';
import { MEETING_SOURCE, NUDGE_SOURCE } from '../../src/services/meeting-reminders.js';
import { defaultDuration, type Meeting } from '../../src/services/meetings.js';
import { confirmMeeting, seedSmallBloc, testDb } from '../helpers/db.js';

const TZ = 'Asia/Ho_Chi_Minh';
const translator = new Translator();
/** A local wall time in Hà Nội (UTC+7), e.g. at('2026-12-03 14:30'). */
const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);

// Telegram ids
const OFFICE = 100;
const SECRETARY = 101; // DB01
const CELL_SECRETARY = 105; // CB02
const CELL_MEMBER = 106; // CB02
const SUB_SECRETARY = 107; // DB01-01
const GROUP = -300; // linked to CB02

describe('MeetingNotifier (service level)', () => {
  let db: Db;
  let clock: ManualClock;
  let s: Services;
  let bloc: ReturnType<typeof seedSmallBloc>;
  /** How often the sender was woken (onEnqueue: something new is waiting in the outbox). */
  let wakes: number;

  beforeEach(() => {
    wakes = 0;
    const t = testDb('2026-11-23T07:00:00Z'); // Monday 14h00 in Hà Nội
    db = t.db;
    clock = t.clock;
    s = createServices(db, clock, { meetingMessages: new MeetingRenderer(translator, TZ), noticeMessages: new NoticeRenderer(translator),
      onEnqueue: () => wakes++,
    });
    bloc = seedSmallBloc(s);
    const link = (id: number, tg: number) => s.members.linkTelegram(id, { id: tg }, SYSTEM);
    link(bloc.secretary.id, SECRETARY);
    link(bloc.deputy.id, 102);
    link(bloc.member.id, 103);
    link(bloc.subMember.id, 104);
    link(bloc.cellSecretary.id, CELL_SECRETARY);
    link(bloc.cellMember.id, CELL_MEMBER);
    s.members.create({ code: 'DV007', fullName: 'Vũ Thị Giang', branchId: bloc.subcell.id, roles: ['member', 'secretary'], telegramUserId: SUB_SECRETARY }, SYSTEM);
    s.members.create({ fullName: 'Văn phòng Đảng ủy', branchId: null, roles: ['office'], telegramUserId: OFFICE }, SYSTEM);
    s.chats.recordPresent({ id: GROUP, type: 'group', title: 'Nhóm CB02' }, null, SYSTEM);
    s.chats.link(GROUP, bloc.cell.id, SYSTEM);
  });

  function schedule(
    startsAt: Date,
    opts: { branchId?: number | null; kind?: MeetingKind; combined?: boolean; documents?: MeetingDocument[]; rule?: RecurrenceRule; by?: number } = {},
  ): Meeting {
    const by = opts.by ?? bloc.cellSecretary.id;
    return confirmMeeting(s, {
        branchId: opts.branchId === undefined ? bloc.cell.id : opts.branchId,
        kind: opts.kind ?? 'regular',
        combinedThematic: opts.combined,
        title: 'Sinh hoạt chi bộ tháng 12',
        startsAt,
        location: 'Hội trường A&B',
        documents: opts.documents,
        rule: opts.rule,
      }, by);
  }

  const rows = (keyLike = '%') => db.select().from(outbox).where(like(outbox.dedupeKey, keyLike)).orderBy(outbox.id).all();
  /**
   * The messages about a meeting (or any meeting), told apart by how they read: 🆕 the announcement,
   * ⏰ a reminder, 🔁 ✏️ 🗑 an update, 📎 the secretary's nudge about missing documents.
   */
  const about = (m: Meeting | undefined, ...starts: string[]) =>
    db
      .select()
      .from(outbox)
      .where(and(inArray(outbox.source, [MEETING_SOURCE, NUDGE_SOURCE]), m ? eq(outbox.sourceId, m.id) : undefined))
      .orderBy(outbox.id)
      .all()
      .filter((r) => starts.some((start) => r.text.startsWith(start)));
  const announcements = (m: Meeting) => about(m, '🆕');
  const reminders = (m?: Meeting) => about(m, '⏰');
  const updatesOf = (m: Meeting) => about(m, '🔁', '✏️', '🗑');
  const documentNudges = (m?: Meeting) => about(m, '📎');
  const chatsOf = (list: { chatId: number }[]) => list.map((r) => r.chatId).sort((a, b) => a - b);
  /** How long before the meeting a reminder is due, in minutes. */
  const minutesBefore = (m: Meeting, r: { dueAt: Date | null }) => (m.startsAt.getTime() - r.dueAt!.getTime()) / 60_000;
  const buttonLabels = (r: { replyMarkup: unknown }) =>
    ((r.replyMarkup as { inline_keyboard?: { text: string }[][] } | null)?.inline_keyboard ?? []).map((row) => row.map((b) => b.text));
  /** What the sender would do: mark every pending row of this meeting as delivered. */
  function deliver(m: Meeting): void {
    for (const r of s.outbox.rowsOf('meeting', m.id, ['pending'])) s.outbox.markSent(r.id, 1);
  }

  describe('kinds and durations', () => {
    it('90 minutes by default, 120 for a regular meeting combined with a thematic one', () => {
      for (const kind of ['regular', 'thematic', 'committee', 'briefing', 'other'] as const) expect(defaultDuration(kind, false)).toBe(90);
      expect(defaultDuration('regular', true)).toBe(120);
      expect(schedule(at('2026-12-03 14:30'), { combined: true }).durationMinutes).toBe(120);
      expect(schedule(at('2026-12-04 14:30'), { kind: 'thematic' }).durationMinutes).toBe(90);
    });
  });

  describe('reminders', () => {
    it('plan() enqueues each reminder once, at its due time, to the linked group and members privately', () => {
      const m = schedule(at('2026-12-03 14:30'));
      // The announcement goes at once; the reminders are far away.
      expect(chatsOf(announcements(m))).toEqual([GROUP, CELL_SECRETARY, CELL_MEMBER].sort((a, b) => a - b));
      expect(reminders(m)).toEqual([]);

      clock.set(at('2026-12-02 14:26'));
      expect(s.meetingNotifier.plan()).toBe(3 + 1); // three reminders, and the secretary's no-documents nudge
      for (let i = 0; i < 5; i++) expect(s.meetingNotifier.plan()).toBe(0);
      clock.advance(30_000);
      expect(s.meetingNotifier.plan()).toBe(0);
      const dayBefore = reminders(m);
      expect(chatsOf(dayBefore)).toEqual([GROUP, CELL_SECRETARY, CELL_MEMBER].sort((a, b) => a - b));
      for (const r of dayBefore) {
        expect(r.nextAttemptAt).toEqual(at('2026-12-02 14:30'));
        expect(r.dueAt).toEqual(at('2026-12-02 14:30'));
        expect(r.expiresAt).toEqual(m.startsAt);
        expect(r.lateNote).toContain('gửi muộn');
        expect(r.text).toContain('Nhắc lịch họp</b>: còn 1 ngày');
        expect(r.text).toContain('Thứ Năm, 03/12/2026, 14h30–16h00');
        expect(r.text).toContain('Hội trường A&amp;B');
        expect(buttonLabels(r)).toEqual([['✅ Tham dự', '❌ Vắng']]);
      }

      clock.set(at('2026-12-03 12:26'));
      expect(s.meetingNotifier.plan()).toBe(3);
      expect(s.meetingNotifier.plan()).toBe(0);
      const twoHours = reminders(m).filter((r) => minutesBefore(m, r) === 120);
      expect(chatsOf(twoHours)).toEqual([GROUP, CELL_SECRETARY, CELL_MEMBER].sort((a, b) => a - b));
      expect(twoHours.map((r) => r.dueAt)).toEqual([0, 1, 2].map(() => at('2026-12-03 12:30')));
      expect(twoHours[0]!.text).toContain('còn 2 giờ');
      expect(reminders(m)).toHaveLength(6);
    });

    it.each([
      ['the supergroup was first seen through the upgrade', false],
      ['the supergroup was seen before the upgrade was known', true],
    ])('a group upgraded while its reminders wait keeps them, once: each reminder reaches the supergroup once (%s)', (_, seenFirst) => {
      const SUPERGROUP = -1001000000300;
      const m = schedule(at('2026-12-03 14:30'));
      clock.set(at('2026-12-02 14:26'));
      s.meetingNotifier.plan();
      const queued = reminders(m).filter((r) => r.memberId === null);
      expect(queued.map((r) => r.chatId)).toEqual([GROUP]);

      if (seenFirst) s.chats.recordPresent({ id: SUPERGROUP, type: 'supergroup', title: 'Nhóm CB02' }, null, SYSTEM);
      s.chats.migrate(GROUP, SUPERGROUP, SYSTEM);
      s.outbox.retarget(GROUP, SUPERGROUP); // what the sender does on a 400 migrate_to_chat_id
      for (let i = 0; i < 3; i++) {
        expect(s.meetingNotifier.plan()).toBe(0);
        clock.advance(30_000);
      }
      // The queued reminder moved to the supergroup; none was planned again for it.
      const forGroups = reminders(m).filter((r) => r.memberId === null);
      expect(forGroups.map((r) => [r.id, r.chatId, minutesBefore(m, r)])).toEqual([[queued[0]!.id, SUPERGROUP, 1440]]);
      // The next reminder (two hours before) goes to the supergroup, once, however often the planner runs.
      clock.set(at('2026-12-03 12:26'));
      expect(s.meetingNotifier.plan()).toBe(3);
      for (let i = 0; i < 3; i++) expect(s.meetingNotifier.plan()).toBe(0);
      const twoHours = reminders(m).filter((r) => r.memberId === null && minutesBefore(m, r) === 120);
      expect(twoHours.map((r) => r.chatId)).toEqual([SUPERGROUP]);
      expect(reminders(m).filter((r) => r.chatId === GROUP)).toEqual([]);
    });

    it('offsets are configurable per branch, and validated', () => {
      s.meetingNotifier.setReminderOffsets(bloc.cell.id, [30, 3 * 24 * 60, 30, -5, 1.5, 20 * 24 * 60]);
      expect(s.meetingNotifier.reminderOffsets(bloc.cell.id)).toEqual([3 * 24 * 60, 30]);
      expect(s.meetingNotifier.reminderOffsets(bloc.committee.id)).toEqual([24 * 60, 120]);
      const m = schedule(at('2026-12-03 14:30'));
      clock.set(at('2026-11-30 14:29'));
      expect(s.meetingNotifier.plan()).toBe(3);
      clock.set(at('2026-12-03 13:59'));
      // Three reminders, and the no-documents nudge (the planner did not run the day before).
      expect(s.meetingNotifier.plan()).toBe(3 + 1);
      expect(reminders(m).map((r) => minutesBefore(m, r))).toEqual([4320, 4320, 4320, 30, 30, 30]);
      expect(reminders(m)[3]!.text).toContain('còn 30 phút');
    });

    it('an offset is a whole number of minutes from one minute to fourteen days', () => {
      s.meetingNotifier.setReminderOffsets(bloc.cell.id, [0, 1, 14 * 24 * 60, 14 * 24 * 60 + 1]);
      expect(s.meetingNotifier.reminderOffsets(bloc.cell.id)).toEqual([14 * 24 * 60, 1]);
      // Nothing valid left: the defaults again.
      s.meetingNotifier.setReminderOffsets(bloc.cell.id, [0, -1]);
      expect(s.meetingNotifier.reminderOffsets(bloc.cell.id)).toEqual([24 * 60, 120]);
    });

    it('a bloc meeting: the office, admins and secretaries hear of it privately; not deputies, members or groups, nor anyone without Telegram', () => {
      const ADMIN = 108;
      s.members.addAdmin(ADMIN, 'Quản trị', SYSTEM);
      s.members.create({ fullName: 'Văn phòng chưa liên kết', branchId: null, roles: ['office'] }, SYSTEM);
      s.members.create({ code: 'DV008', fullName: 'Bí thư chưa liên kết', branchId: bloc.cell.id, roles: ['member', 'secretary'] }, SYSTEM);
      const left = s.members.create({ code: 'DV009', fullName: 'Bí thư đã chuyển', branchId: bloc.cell.id, roles: ['member', 'secretary'], telegramUserId: 109 }, SYSTEM);
      s.members.setStatus(left.id, 'left', SYSTEM);
      s.members.setPrivateReminders(bloc.secretary.id, false, SYSTEM);

      const m = schedule(at('2026-12-03 08:00'), { branchId: null, kind: 'briefing', documents: [{ fileId: 'F', name: 'a.pdf', kind: 'document' }] });
      const told = [OFFICE, ADMIN, SECRETARY, CELL_SECRETARY, SUB_SECRETARY].sort((a, b) => a - b);
      expect(chatsOf(rows(`meeting:${m.id}:new:%`))).toEqual(told);
      clock.set(at('2026-12-03 06:00'));
      expect(s.meetingNotifier.plan()).toBe(8); // both reminders, late and on time, to all but the secretary who turned them off
      expect(chatsOf(reminders(m).filter((r) => r.dedupeKey.includes(':120:')))).toEqual(told.filter((c) => c !== SECRETARY));

      // The digest goes to the linked office and admins only.
      clock.set(at('2026-12-03 07:00'));
      expect(s.meetingNotifier.dailyDigest()).toBe(2);
      expect(chatsOf(rows('digest:%'))).toEqual([OFFICE, ADMIN]);
    });

    it('a member without Telegram is left out of a branch meeting\'s messages, and nothing fails', () => {
      s.members.create({ code: 'DV008', fullName: 'Chưa liên kết', branchId: bloc.cell.id, roles: ['member'] }, SYSTEM);
      const m = schedule(at('2026-12-03 14:30'));
      expect(chatsOf(rows(`meeting:${m.id}:new:%`))).toEqual([GROUP, CELL_SECRETARY, CELL_MEMBER].sort((a, b) => a - b));
      clock.set(at('2026-12-03 12:27'));
      expect(s.meetingNotifier.plan()).toBe(6 + 1);
    });

    it('members who turned private reminders off get none privately; the group still does', () => {
      s.members.setPrivateReminders(bloc.cellMember.id, false, SYSTEM);
      const m = schedule(at('2026-12-03 14:30'));
      // Announcements are not reminders: everyone still learns about the meeting.
      expect(chatsOf(announcements(m))).toContain(CELL_MEMBER);
      clock.set(at('2026-12-03 12:29'));
      s.meetingNotifier.plan();
      expect(chatsOf(reminders(m))).toEqual([GROUP, CELL_SECRETARY, GROUP, CELL_SECRETARY].sort((a, b) => a - b));
    });

    it('no reminder that fell due before the meeting was created or moved', () => {
      clock.set(at('2026-12-03 10:00'));
      const m = schedule(at('2026-12-03 14:30')); // the day-before reminder was due yesterday
      expect(s.meetingNotifier.plan()).toBe(0);
      clock.set(at('2026-12-03 12:27'));
      expect(s.meetingNotifier.plan()).toBe(3);
      expect(reminders(m).map((r) => minutesBefore(m, r))).toEqual([120, 120, 120]);

      // Moved at 12h35 to 14h00: its two-hour reminder (12h00) was due before the move.
      clock.set(at('2026-12-03 12:35'));
      s.meetings.move(m.id, at('2026-12-03 14:00'), SYSTEM);
      expect(s.meetingNotifier.plan()).toBe(0);
      expect(reminders(m).filter((r) => r.status === 'pending')).toEqual([]);
    });

    it('after downtime, reminders that fell due are enqueued with their due time (so the sender marks them late), until the meeting starts', () => {
      const m = schedule(at('2026-12-03 14:30'));
      // The bot was down from before the day-before reminder until 13h00 on the day.
      clock.set(at('2026-12-03 13:00'));
      expect(s.meetingNotifier.plan()).toBe(6 + 1);
      const late = reminders(m);
      expect(late).toHaveLength(6);
      for (const r of late) {
        expect(r.dueAt!.getTime()).toBeLessThan(clock.now().getTime() - 60_000);
        expect(r.nextAttemptAt.getTime()).toBeLessThanOrEqual(clock.now().getTime());
        expect(r.lateNote).toBe('⚠️ Tin nhắc này gửi muộn do hệ thống gián đoạn.');
        expect(r.expiresAt).toEqual(m.startsAt);
      }
      // Due now: the sender takes them at once.
      expect(s.outbox.due(clock.now(), 100).filter((r) => late.some((l) => l.id === r.id))).toHaveLength(6);
      expect(s.meetingNotifier.plan()).toBe(0);

      // Down past the start: nothing is enqueued any more.
      const other = schedule(at('2026-12-04 09:00'));
      clock.set(at('2026-12-04 09:01'));
      expect(s.meetingNotifier.plan()).toBe(0);
      expect(reminders(other)).toEqual([]);
    });

    it('a cancelled meeting gets no reminders; its pending ones are cancelled and those told get the cancellation', () => {
      const m = schedule(at('2026-12-03 14:30'));
      deliver(m); // the announcement went out
      clock.set(at('2026-12-02 14:27'));
      s.meetingNotifier.plan();
      expect(reminders(m).map((r) => r.status)).toEqual(['pending', 'pending', 'pending']);
      expect(documentNudges(m).map((r) => r.status)).toEqual(['pending']);

      expect(s.meetings.cancel(m.id, SYSTEM).ok).toBe(true);
      expect(reminders(m).map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
      // The no-documents nudge about a cancelled meeting is dropped too.
      expect(documentNudges(m).map((r) => r.status)).toEqual(['cancelled']);
      const updates = updatesOf(m);
      expect(chatsOf(updates)).toEqual([GROUP, CELL_SECRETARY, CELL_MEMBER].sort((a, b) => a - b));
      expect(updates[0]!.text).toContain('Đã hủy cuộc họp</b>: Sinh hoạt chi bộ tháng 12, 14h30 03/12/2026');

      clock.set(at('2026-12-03 12:29'));
      expect(s.meetingNotifier.plan()).toBe(0);
      expect(reminders(m).filter((r) => r.status !== 'cancelled')).toEqual([]);
    });

    it('a moved meeting gets the reminders of its new time; the old pending ones are cancelled', () => {
      const m = schedule(at('2026-12-03 14:30'));
      deliver(m);
      clock.set(at('2026-12-02 14:27'));
      s.meetingNotifier.plan();
      const old = reminders(m);
      expect(old).toHaveLength(3);

      const moved = s.meetings.move(m.id, at('2026-12-04 15:00'), SYSTEM);
      expect(moved.ok).toBe(true);
      expect(reminders(m).filter((r) => old.some((o) => o.id === r.id)).map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
      expect(documentNudges(m).map((r) => r.status)).toEqual(['cancelled']);
      const updates = updatesOf(m);
      expect(chatsOf(updates)).toEqual([GROUP, CELL_SECRETARY, CELL_MEMBER].sort((a, b) => a - b));
      expect(updates[0]!.text).toContain('chuyển từ 14h30 03/12/2026');
      expect(updates[0]!.text).toContain('Thứ Sáu, 04/12/2026, 15h00–16h30');

      // The old time's two-hour reminder never comes; the new time's do.
      clock.set(at('2026-12-03 12:29'));
      expect(s.meetingNotifier.plan()).toBe(0);
      clock.set(at('2026-12-03 14:58'));
      expect(s.meetingNotifier.plan()).toBe(3 + 1);
      const fresh = reminders(m).filter((r) => r.status === 'pending');
      expect(chatsOf(fresh)).toEqual([GROUP, CELL_SECRETARY, CELL_MEMBER].sort((a, b) => a - b));
      expect(fresh.map((r) => r.dueAt)).toEqual([0, 1, 2].map(() => at('2026-12-03 15:00')));
      for (const r of fresh) expect(r.text).toContain('Thứ Sáu, 04/12/2026, 15h00–16h30');
    });

    it('an edit, or a move back to the old time, keeps the reminders already planned (none missed, none twice)', () => {
      const m = schedule(at('2026-12-03 14:30'));
      deliver(m);
      clock.set(at('2026-12-02 14:27'));
      s.meetingNotifier.plan();
      s.meetings.edit(m.id, { location: 'Phòng họp số 2' }, SYSTEM);
      let pending = reminders(m).filter((r) => r.status === 'pending');
      expect(pending).toHaveLength(3);
      expect(pending[0]!.text).toContain('Phòng họp số 2');
      const edited = updatesOf(m);
      expect(edited).toHaveLength(3);
      expect(edited[0]!.text).toContain('Cập nhật thông tin cuộc họp');

      s.meetings.move(m.id, at('2026-12-03 16:00'), SYSTEM);
      expect(reminders(m).filter((r) => r.status === 'pending')).toEqual([]);
      clock.advance(60_000);
      s.meetings.move(m.id, at('2026-12-03 14:30'), SYSTEM);
      pending = reminders(m).filter((r) => r.status === 'pending');
      expect(pending.map((r) => r.dueAt)).toEqual([0, 1, 2].map(() => at('2026-12-02 14:30')));

      // Sent once: after delivery, later plans and edits never enqueue it again.
      for (const r of pending) s.outbox.markSent(r.id, 1);
      s.meetings.edit(m.id, { location: 'Hội trường' }, SYSTEM);
      expect(s.meetingNotifier.plan()).toBe(0);
      expect(reminders(m).filter((r) => r.status === 'pending')).toEqual([]);
    });

    it('a meeting cancelled before its announcement went out: nobody is told anything', () => {
      const m = schedule(at('2026-12-03 14:30'));
      expect(s.meetings.cancel(m.id, SYSTEM).ok).toBe(true);
      expect(rows(`meeting:${m.id}:new:%`).map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
      expect(rows(`meeting:${m.id}:chg:%`)).toEqual([]);
    });

    it('a member who only has a reminder waiting, never told of the meeting, is not told that it moved', () => {
      const m = schedule(at('2026-12-03 14:30'));
      deliver(m);
      s.members.create({ code: 'DV008', fullName: 'Mới chuyển đến', branchId: bloc.cell.id, roles: ['member'], telegramUserId: 120 }, SYSTEM);
      clock.set(at('2026-12-02 14:27'));
      s.meetingNotifier.plan();
      expect(chatsOf(reminders(m))).toContain(120);
      s.meetings.move(m.id, at('2026-12-04 15:00'), SYSTEM);
      expect(chatsOf(rows(`meeting:${m.id}:chg:%`))).toEqual([GROUP, CELL_SECRETARY, CELL_MEMBER].sort((a, b) => a - b));
    });

    it('a move right after creation, before the announcement went out, still tells everyone', () => {
      const m = schedule(at('2026-12-03 14:30'));
      s.meetings.move(m.id, at('2026-12-03 15:30'), SYSTEM);
      expect(announcements(m).map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
      const updates = updatesOf(m);
      expect(chatsOf(updates)).toEqual([GROUP, CELL_SECRETARY, CELL_MEMBER].sort((a, b) => a - b));
      expect(updates[0]!.text).toContain('15h30');
    });
  });

  describe('series', () => {
    it('a monthly series on the 31st uses the last day of shorter months', () => {
      clock.set(at('2026-12-20 09:00'));
      schedule(at('2026-12-31 08:00'), { rule: { freq: 'monthly', day: 31 } });
      s.meetings.materialiseAll();
      const dates = s.meetings
        .between(clock.now(), at('2027-03-01 00:00'), [bloc.cell.id], false)
        .map((m) => m.startsAt.toISOString());
      expect(dates).toEqual(['2026-12-31T01:00:00.000Z', '2027-01-31T01:00:00.000Z']);
      clock.set(at('2027-01-20 09:00'));
      s.meetings.materialiseAll();
      expect(s.meetings.between(at('2027-02-01 00:00'), at('2027-03-01 00:00'), [bloc.cell.id], false).map((m) => m.startsAt.toISOString())).toEqual([
        '2027-02-28T01:00:00.000Z',
      ]);
    });

    it('the last weekday of each month, and a day of one month of each quarter', () => {
      schedule(at('2026-12-31 08:00'), { rule: { freq: 'monthly', weekday: 4, nth: -1 } }); // the last Thursday
      schedule(at('2026-12-03 14:00'), { branchId: bloc.subcell.id, kind: 'thematic', by: bloc.secretary.id, rule: { freq: 'quarterly', monthOfQuarter: 3, day: 3 } });
      for (const day of ['2027-01-10', '2027-03-01']) {
        clock.set(at(`${day} 09:00`));
        s.meetings.materialiseAll();
      }
      const dates = (branchId: number) =>
        s.meetings.between(at('2026-12-01 00:00'), at('2027-07-01 00:00'), [branchId], false).map((m) => m.occurrenceDate);
      expect(dates(bloc.cell.id)).toEqual(['2026-12-31', '2027-01-28', '2027-02-25', '2027-03-25', '2027-04-29']);
      expect(dates(bloc.subcell.id)).toEqual(['2026-12-03', '2027-03-03']);
    });

    it('editing the series changes future occurrences only: moved ones keep their time, and those told get the update', () => {
      const first = schedule(at('2026-12-03 14:30'), { rule: { freq: 'monthly', day: 3 }, documents: [{ fileId: 'F1', name: 'a.pdf', kind: 'document' }] });
      deliver(first);
      const series = () => s.meetings.between(clock.now(), at('2027-03-01 00:00'), [bloc.cell.id], false);
      expect(series().map((m) => m.occurrenceDate)).toEqual(['2026-12-03', '2027-01-03']);
      const january = series()[1]!;
      s.meetings.move(january.id, at('2027-01-05 09:00'), SYSTEM);
      deliver(january);

      clock.set(at('2026-11-25 10:00'));
      s.meetings.editSeries(first.seriesId!, { hour: 8, minute: 0 }, SYSTEM);
      const after = series();
      expect(after.map((m) => [m.occurrenceDate, m.startsAt.toISOString()])).toEqual([
        ['2026-12-03', '2026-12-03T01:00:00.000Z'],
        ['2027-01-03', '2027-01-05T02:00:00.000Z'], // moved on its own: kept
      ]);
      expect(after[1]!.id).toBe(january.id);
      // The first occurrence keeps its documents under its new time.
      expect(after[0]!.documents).toEqual(first.documents);
      // Everyone who got the series announcement hears about the new time of the occurrence, once.
      const updates = updatesOf(after[0]!);
      expect(chatsOf(updates)).toEqual([GROUP, CELL_SECRETARY, CELL_MEMBER].sort((a, b) => a - b));
      expect(updates[0]!.text).toContain('chuyển từ 14h30 03/12/2026');
      expect(updates[0]!.text).toContain('8h00');
      // Nothing about the moved occurrence, which did not change.
      expect(updatesOf(january).filter((r) => r.createdAt.getTime() >= clock.now().getTime())).toEqual([]);

      // Later occurrences come at the new time.
      clock.set(at('2027-01-10 10:00'));
      s.meetings.materialiseAll();
      expect(series().map((m) => m.startsAt.toISOString())).toEqual(['2027-02-03T01:00:00.000Z']);
    });

    it('a series edit that changes nothing about its occurrences tells nobody', () => {
      const first = schedule(at('2026-12-03 14:30'), { rule: { freq: 'monthly', day: 3 } });
      deliver(first);
      clock.advance(60_000);
      s.meetings.editSeries(first.seriesId!, { durationMinutes: 90, location: 'Hội trường A&B' }, SYSTEM);
      const future = s.meetings.between(clock.now(), at('2027-03-01 00:00'), [bloc.cell.id], false);
      expect(future).toHaveLength(2);
      for (const m of future) expect(rows(`meeting:${m.id}:chg:%`)).toEqual([]);
    });

    it('editing a series that has not started yet never creates occurrences before its start', () => {
      const first = schedule(at('2026-12-25 14:00'), { rule: { freq: 'monthly', day: 25 } });
      clock.set(at('2026-11-24 10:00'));
      s.meetings.editSeries(first.seriesId!, { hour: 9, minute: 0 }, SYSTEM);
      const list = s.meetings.between(clock.now(), at('2027-02-01 00:00'), [bloc.cell.id], false);
      expect(list.map((m) => m.occurrenceDate)).toEqual(['2026-12-25', '2027-01-25']);
      expect(list.every((m) => m.startsAt.getUTCHours() === 2)).toBe(true);
    });

    it('materialising again and again burns no meeting number: the next meeting gets the next small id', () => {
      const first = schedule(at('2026-12-03 14:30'), { rule: { freq: 'monthly', day: 3 } });
      const series = () => s.meetings.between(at('2026-11-01 00:00'), at('2027-06-01 00:00'), [bloc.cell.id], false);
      expect(series().map((m) => m.id)).toEqual([first.id, first.id + 1]);
      // The planner's job runs every 30 s: nothing new to add, and no id used up.
      for (let i = 0; i < 20; i++) expect(s.meetings.materialiseAll()).toBe(0);
      clock.set(at('2026-12-10 09:00'));
      for (let i = 0; i < 5; i++) s.meetings.materialiseAll();
      expect(series().map((m) => m.id)).toEqual([first.id, first.id + 1, first.id + 2]);
      const single = schedule(at('2026-12-20 08:00'));
      expect(single.id).toBe(first.id + 3);
    });

    it('moving or cancelling one occurrence leaves the others alone', () => {
      const first = schedule(at('2026-12-03 14:30'), { rule: { freq: 'monthly', weekday: 4, nth: 1 } });
      const [, january] = s.meetings.between(clock.now(), at('2027-02-01 00:00'), [bloc.cell.id], false);
      expect(january!.occurrenceDate).toBe('2027-01-07'); // the first Thursday
      s.meetings.cancel(january!.id, SYSTEM);
      s.meetings.materialiseAll();
      const list = s.meetings.between(clock.now(), at('2027-02-01 00:00'), [bloc.cell.id], false);
      expect(list.map((m) => m.id)).toEqual([first.id]);
      expect(s.meetings.get(first.id)!.startsAt).toEqual(first.startsAt);
    });
  });

  describe('daily digest', () => {
    it('goes to the office between 07:00 and 12:00 local time, once a day, with today’s meetings', () => {
      schedule(at('2026-12-03 14:30'));
      schedule(at('2026-12-03 08:00'), { branchId: null, kind: 'briefing', by: bloc.cellSecretary.id });
      schedule(at('2026-12-04 08:00'));
      clock.set(at('2026-12-03 06:59'));
      expect(s.meetingNotifier.dailyDigest()).toBe(0);
      clock.set(at('2026-12-03 07:00'));
      expect(s.meetingNotifier.dailyDigest()).toBe(1);
      expect(s.meetingNotifier.dailyDigest()).toBe(0);
      clock.set(at('2026-12-03 11:59'));
      expect(s.meetingNotifier.dailyDigest()).toBe(0);
      const [digest] = rows('digest:%');
      expect(digest!.chatId).toBe(OFFICE);
      expect(digest!.text).toContain('Lịch họp hôm nay, 03/12/2026');
      expect(digest!.text).toContain('• 8h00 · Toàn Đảng bộ Khối');
      expect(digest!.text).toContain('• 14h30 · Chi bộ Công ty TNHH A&amp;B');
      expect(digest!.text).not.toContain('04/12');

      clock.set(at('2026-12-04 12:00'));
      expect(s.meetingNotifier.dailyDigest()).toBe(0);
      clock.set(at('2026-12-05 07:30'));
      expect(s.meetingNotifier.dailyDigest()).toBe(1);
      expect(rows('digest:%').at(-1)!.text).toContain('Hôm nay không có cuộc họp nào');
    });
  });

  describe('nudges', () => {
    it('from the 25th, secretaries of cells and subcells with no regular meeting next month are nudged once', () => {
      schedule(at('2026-12-03 14:30')); // CB02: regular in December
      schedule(at('2026-12-10 14:30'), { branchId: bloc.subcell.id, kind: 'thematic', by: bloc.secretary.id }); // not regular
      schedule(at('2027-01-05 14:30'), { branchId: bloc.subcell.id, by: bloc.secretary.id }); // not next month
      const cancelled = schedule(at('2026-12-12 14:30'), { branchId: bloc.subcell.id, by: bloc.secretary.id });
      s.meetings.cancel(cancelled.id, SYSTEM);

      clock.set(at('2026-11-24 09:00'));
      expect(s.meetingNotifier.nudgeNextMonth()).toBe(0);
      clock.set(at('2026-11-25 07:59'));
      expect(s.meetingNotifier.nudgeNextMonth()).toBe(0);
      clock.set(at('2026-11-25 08:00'));
      expect(s.meetingNotifier.nudgeNextMonth()).toBe(1);
      expect(s.meetingNotifier.nudgeNextMonth()).toBe(0);
      clock.set(at('2026-11-26 08:00'));
      expect(s.meetingNotifier.nudgeNextMonth()).toBe(0);
      const nudges = rows('nudge-regular:%');
      expect(nudges.map((r) => r.chatId)).toEqual([SUB_SECRETARY]); // not CB02 (has one), not DB01 (a committee)
      expect(nudges[0]!.text).toContain('<b>Chi bộ Phòng Ngân sách</b> chưa có lịch sinh hoạt chi bộ định kỳ tháng 12/2026');
    });

    it('in the first week of a quarter, the office gets the cells that held no thematic meeting last quarter, once', () => {
      clock.set(at('2026-10-01 09:00'));
      const cb03 = s.branches.upsert({ code: 'CB03', name: 'Chi bộ Trường <Chính trị>', kind: 'cell' }, SYSTEM).branch;
      schedule(at('2026-10-15 14:00'), { kind: 'thematic' }); // CB02
      schedule(at('2026-11-20 14:00'), { branchId: bloc.subcell.id, combined: true, by: bloc.secretary.id }); // DB01-01, combined
      schedule(at('2027-01-05 14:00'), { branchId: cb03.id, kind: 'thematic', by: bloc.secretary.id }); // next quarter

      clock.set(at('2026-12-31 09:00'));
      expect(s.meetingNotifier.reportThematic()).toBe(0);
      clock.set(at('2027-01-01 07:59'));
      expect(s.meetingNotifier.reportThematic()).toBe(0);
      clock.set(at('2027-01-01 08:00'));
      expect(s.meetingNotifier.reportThematic()).toBe(1);
      clock.set(at('2027-01-07 08:00'));
      expect(s.meetingNotifier.reportThematic()).toBe(0);
      clock.set(at('2027-01-08 09:00'));
      expect(s.meetingNotifier.reportThematic()).toBe(0);
      const [report] = rows('thematic-report:%');
      expect(report!.chatId).toBe(OFFICE);
      expect(report!.text).toContain('Quý IV/2026');
      expect(report!.text).toContain('(1)');
      expect(report!.text).toContain('• Chi bộ Trường &lt;Chính trị&gt;');
      expect(report!.text).not.toContain('A&amp;B');
      expect(report!.text).not.toContain('Ngân sách');
    });

    it('a day before a meeting with no documents, its secretary is nudged; not when it has documents', () => {
      const bare = schedule(at('2026-12-03 14:30'));
      const withDocs = schedule(at('2026-12-03 16:00'), { documents: [{ fileId: 'F', name: 'nghi-quyet.pdf', kind: 'document' }] });
      clock.set(at('2026-12-02 14:20'));
      s.meetingNotifier.plan();
      expect(documentNudges()).toEqual([]);
      clock.set(at('2026-12-02 14:26'));
      s.meetingNotifier.plan();
      s.meetingNotifier.plan();
      const nudges = documentNudges();
      expect(nudges.map((r) => [r.chatId, r.sourceId, r.source])).toEqual([[CELL_SECRETARY, bare.id, 'meeting-nudge']]);
      expect(nudges[0]!.nextAttemptAt).toEqual(at('2026-12-02 14:30'));
      expect(nudges[0]!.text).toContain(`/suahop ${bare.id}`);
      clock.set(at('2026-12-02 16:00'));
      s.meetingNotifier.plan();
      expect(documentNudges(withDocs)).toEqual([]);

      // Documents added before the nudge went out: the nudge is dropped.
      s.meetings.edit(bare.id, { documents: [{ fileId: 'G', name: 'b.pdf', kind: 'document' }] }, SYSTEM);
      expect(db.select().from(outbox).where(and(eq(outbox.source, 'meeting-nudge'), eq(outbox.status, 'pending'))).all()).toEqual([]);
    });
  });

  describe('at the edges of the calendar', () => {
    it('on 25 December the nudge is about January of the next year, and counts January only', () => {
      schedule(at('2027-01-05 14:30')); // CB02: regular in January
      schedule(at('2027-02-01 08:00'), { branchId: bloc.subcell.id, by: bloc.secretary.id }); // DB01-01: February only
      clock.set(at('2026-12-25 08:00'));
      expect(s.meetingNotifier.nudgeNextMonth()).toBe(1);
      const [nudge] = rows('nudge-regular:%');
      expect(nudge!.dedupeKey).toBe(`nudge-regular:2027-1:${bloc.subcell.id}:m${s.members.findByTelegramId(SUB_SECRETARY)!.id}`);
      expect(nudge!.chatId).toBe(SUB_SECRETARY);
      expect(nudge!.text).toContain('định kỳ tháng 01/2027');
    });

    it('in another month the nudge is about the next month of the same year, up to its last day', () => {
      schedule(at('2027-02-28 20:00'), { branchId: bloc.subcell.id, by: bloc.secretary.id }); // DB01-01: last evening of February
      schedule(at('2027-03-01 08:00')); // CB02: March, too late
      clock.set(at('2027-01-25 08:00'));
      expect(s.meetingNotifier.nudgeNextMonth()).toBe(1);
      const nudges = rows('nudge-regular:%');
      expect(nudges.map((r) => [r.chatId, r.dedupeKey.split(':')[1]])).toEqual([[CELL_SECRETARY, '2027-2']]);
      expect(nudges[0]!.text).toContain('định kỳ tháng 02/2027');
    });

    it('in April the thematic report covers January to March of the same year', () => {
      schedule(at('2026-12-20 14:00'), { branchId: bloc.subcell.id, kind: 'thematic', by: bloc.secretary.id }); // the quarter before
      clock.set(at('2027-01-02 09:00'));
      schedule(at('2027-02-10 14:00'), { kind: 'thematic' }); // CB02, in the first quarter
      clock.set(at('2027-04-01 08:00'));
      expect(s.meetingNotifier.reportThematic()).toBe(1);
      const [report] = rows('thematic-report:%');
      expect(report!.dedupeKey).toBe(`thematic-report:2027-Q1:m${s.members.findByTelegramId(OFFICE)!.id}`);
      expect(report!.text).toContain('Quý I/2027');
      expect(report!.text).toContain('• Chi bộ Phòng Ngân sách');
      expect(report!.text).not.toContain('A&amp;B');
    });

    it('a member who reads English gets reminders in English; the others in Vietnamese', () => {
      s.members.setLanguage(bloc.cellMember.id, 'en', SYSTEM);
      const m = schedule(at('2026-12-03 14:30'));
      clock.set(at('2026-12-02 14:27'));
      s.meetingNotifier.plan();
      const row = (chatId: number) => reminders(m).find((r) => r.chatId === chatId)!;
      expect(row(CELL_MEMBER).text).toContain('<b>Meeting reminder</b>: in 1 day');
      expect(row(CELL_MEMBER).lateNote).toBe('⚠️ This reminder is late because the system was down.');
      expect(row(CELL_SECRETARY).text).toContain('Nhắc lịch họp</b>: còn 1 ngày');
      expect(row(GROUP).text).toContain('Nhắc lịch họp</b>: còn 1 ngày');
    });

    it('a series edit of place tells those told of each future occurrence of the edit; stopping the series cancels them', () => {
      const first = schedule(at('2026-12-03 14:30'), { rule: { freq: 'monthly', day: 3 } });
      deliver(first); // the series announcement went out
      const future = () => s.meetings.between(clock.now(), at('2027-03-01 00:00'), [bloc.cell.id], false);
      expect(future()).toHaveLength(2);

      clock.advance(60_000);
      s.meetings.editSeries(first.seriesId!, { location: 'Phòng họp số 2' }, SYSTEM);
      for (const m of future()) {
        const updates = rows(`meeting:${m.id}:chg:%`);
        expect(chatsOf(updates)).toEqual([GROUP, CELL_SECRETARY, CELL_MEMBER].sort((a, b) => a - b));
        expect(updates[0]!.text).toContain('Cập nhật thông tin cuộc họp');
        expect(updates[0]!.text).toContain('Phòng họp số 2');
      }

      const edited = future();
      clock.advance(60_000);
      s.meetings.editSeries(first.seriesId!, { active: false }, SYSTEM);
      expect(future()).toEqual([]);
      for (const m of edited) {
        const cancellations = rows(`meeting:${m.id}:chg:%`).filter((r) => r.text.includes('Đã hủy cuộc họp'));
        expect(chatsOf(cancellations)).toEqual([GROUP, CELL_SECRETARY, CELL_MEMBER].sort((a, b) => a - b));
      }
      // Cancelled: no reminder comes for them.
      clock.set(at('2026-12-03 12:29'));
      expect(s.meetingNotifier.plan()).toBe(0);
    });

    it('a member told of a meeting who has since left still hears that it moved, in Vietnamese', () => {
      s.members.setLanguage(bloc.cellMember.id, 'en', SYSTEM);
      const m = schedule(at('2026-12-03 14:30'));
      deliver(m);
      s.members.setStatus(bloc.cellMember.id, 'left', SYSTEM);
      s.meetings.move(m.id, at('2026-12-04 15:00'), SYSTEM);
      const updates = rows(`meeting:${m.id}:chg:%`);
      expect(chatsOf(updates)).toEqual([GROUP, CELL_SECRETARY, CELL_MEMBER].sort((a, b) => a - b));
      const toLeft = updates.find((r) => r.chatId === CELL_MEMBER)!;
      expect(toLeft.memberId).toBe(bloc.cellMember.id);
      expect(toLeft.text).toContain('chuyển từ 14h30 03/12/2026');
    });
  });

  describe('at the edges of time, and after changes', () => {
    it('a reminder and the no-documents nudge are enqueued from exactly five minutes before they are due, not a millisecond earlier', () => {
      const m = schedule(at('2026-12-03 14:30'));
      clock.set(new Date(at('2026-12-02 14:25').getTime() - 1));
      expect(s.meetingNotifier.plan()).toBe(0);
      clock.advance(1);
      expect(s.meetingNotifier.plan()).toBe(3 + 1);
      expect(reminders(m).map((r) => r.dueAt)).toEqual([0, 1, 2].map(() => at('2026-12-02 14:30')));
      expect(rows(`meeting:${m.id}:nodocs:%`).map((r) => r.nextAttemptAt)).toEqual([at('2026-12-02 14:30')]);
    });

    it('a reminder or nudge due at the very instant the meeting got its time is sent; one due a millisecond before is not', () => {
      clock.set(at('2026-12-02 14:30'));
      const m = schedule(at('2026-12-03 14:30')); // a day ahead to the minute: the day-before reminder and the nudge are due now
      expect(reminders(m).map((r) => [r.dedupeKey.split(':')[4], r.dueAt])).toEqual([0, 1, 2].map(() => ['1440', at('2026-12-02 14:30')]));
      expect(rows(`meeting:${m.id}:nodocs:%`).map((r) => [r.chatId, r.nextAttemptAt])).toEqual([[CELL_SECRETARY, at('2026-12-02 14:30')]]);

      clock.advance(1);
      const late = schedule(at('2026-12-03 14:30'), { branchId: bloc.subcell.id, by: bloc.secretary.id });
      expect(s.meetingNotifier.plan()).toBe(0);
      expect(reminders(late)).toEqual([]);
      expect(rows(`meeting:${late.id}:nodocs:%`)).toEqual([]);
    });

    it('an edit brings back the reminders and nudge it cancelled, as planned (due time, expiry, late note, buttons) with the new text', () => {
      const m = schedule(at('2026-12-03 14:30'));
      deliver(m);
      clock.set(at('2026-12-02 14:27'));
      s.meetingNotifier.plan();
      const planned = reminders(m);
      expect(planned).toHaveLength(3);
      wakes = 0;

      clock.set(at('2026-12-02 14:28')); // before they are due: they must still wait for 14h30
      s.meetings.edit(m.id, { location: 'Phòng họp số 2' }, SYSTEM);
      const revived = reminders(m);
      expect(revived.map((r) => r.id)).toEqual(planned.map((r) => r.id));
      for (const [i, r] of revived.entries()) {
        expect(r.status).toBe('pending');
        expect(r.text).toContain('Phòng họp số 2');
        expect(r.partsSent).toBe(0);
        expect(r.nextAttemptAt).toEqual(at('2026-12-02 14:30'));
        expect(r.dueAt).toEqual(at('2026-12-02 14:30'));
        expect(r.expiresAt).toEqual(m.startsAt);
        expect(r.lateNote).toBe(planned[i]!.lateNote);
        expect(r.lateNote).toContain('gửi muộn');
        expect(r.replyMarkup).toEqual(planned[i]!.replyMarkup);
        expect(r.replyMarkup).toMatchObject({ inline_keyboard: [[{ callback_data: `rv:${m.id}:1` }, { callback_data: `rv:${m.id}:0` }]] });
      }
      expect(rows(`meeting:${m.id}:nodocs:%`).map((r) => [r.status, r.nextAttemptAt, r.expiresAt])).toEqual([
        ['pending', at('2026-12-02 14:30'), m.startsAt],
      ]);
      // The sender is woken for the updates, and again for the revived reminders.
      expect(rows(`meeting:${m.id}:chg:%`)).toHaveLength(3);
      expect(wakes).toBe(2);
    });

    it('an edit with no reminder planned yet wakes the sender for the updates only', () => {
      const m = schedule(at('2026-12-10 14:30'));
      deliver(m);
      wakes = 0;
      s.meetings.edit(m.id, { location: 'Phòng họp số 2' }, SYSTEM);
      expect(rows(`meeting:${m.id}:chg:%`)).toHaveLength(3);
      expect(reminders(m)).toEqual([]);
      expect(wakes).toBe(1);
    });

    it('an edit made at the very start of the meeting brings back none of its reminders', () => {
      const m = schedule(at('2026-12-03 14:30'));
      deliver(m);
      clock.set(at('2026-12-03 12:29'));
      s.meetingNotifier.plan();
      expect(reminders(m).filter((r) => r.status === 'pending')).toHaveLength(6);

      clock.set(at('2026-12-03 14:30'));
      expect(s.meetings.edit(m.id, { location: 'Phòng họp số 2' }, SYSTEM)).not.toBeNull();
      expect(reminders(m).map((r) => r.status)).toEqual(Array(6).fill('cancelled'));
      expect(rows(`meeting:${m.id}:nodocs:%`).map((r) => r.status)).toEqual(['cancelled']);
    });

    it.each([
      ['the supergroup was first seen through the upgrade', false],
      ['the supergroup was seen before the upgrade was known', true],
    ])('a group told before its upgrade hears of a move once, at its new id; a member in their own language (%s)', (_, seenFirst) => {
      const SUPERGROUP = -1001000000300;
      s.members.setLanguage(bloc.cellMember.id, 'en', SYSTEM);
      const m = schedule(at('2026-12-03 14:30'));
      deliver(m); // the announcement went to the group under its old id
      const groupKey = `c${s.chats.get(GROUP)!.id}`;
      if (seenFirst) s.chats.recordPresent({ id: SUPERGROUP, type: 'supergroup', title: 'Nhóm CB02' }, null, SYSTEM);
      s.chats.migrate(GROUP, SUPERGROUP, SYSTEM);

      s.meetings.move(m.id, at('2026-12-04 15:00'), SYSTEM);
      const updates = rows(`meeting:${m.id}:chg:%`);
      expect(updates.map((r) => [r.chatId, r.dedupeKey.split(':').at(-1)]).sort()).toEqual(
        [
          [SUPERGROUP, groupKey],
          [CELL_SECRETARY, `m${bloc.cellSecretary.id}`],
          [CELL_MEMBER, `m${bloc.cellMember.id}`],
        ].sort(),
      );
      expect(updates.find((r) => r.chatId === CELL_MEMBER)!.text).toContain('<b>Meeting moved</b>');
      expect(updates.find((r) => r.chatId === SUPERGROUP)!.text).toContain('chuyển từ 14h30 03/12/2026');
    });

    it('the thematic report is made from the 1st to the 7th of a quarter\'s first month; a regular meeting is no thematic one', () => {
      clock.set(at('2026-10-01 09:00'));
      schedule(at('2026-10-15 14:00')); // CB02: a regular meeting only
      schedule(at('2026-11-20 14:00'), { branchId: bloc.subcell.id, kind: 'thematic', by: bloc.secretary.id }); // DB01-01

      clock.set(at('2027-02-03 09:00')); // the first week of a month, not of a quarter
      expect(s.meetingNotifier.reportThematic()).toBe(0);
      clock.set(at('2027-01-08 08:00'));
      expect(s.meetingNotifier.reportThematic()).toBe(0);
      clock.set(at('2027-01-07 08:00'));
      expect(s.meetingNotifier.reportThematic()).toBe(1);
      const reports = rows('thematic-report:%');
      expect(reports.map((r) => r.dedupeKey)).toEqual([`thematic-report:2026-Q4:m${s.members.findByTelegramId(OFFICE)!.id}`]);
      expect(reports[0]!.text).toContain('• Chi bộ Công ty TNHH A&amp;B');
      expect(reports[0]!.text).not.toContain('Ngân sách');
    });
  });

  describe('attendance', () => {
    it('the rate is kept per meeting; three unexcused absences in a calendar year are flagged to the secretary once', () => {
      const meetingsHeld = [at('2026-11-24 14:00'), at('2026-11-26 14:00'), at('2026-11-28 14:00'), at('2026-11-30 14:00')].map((d) =>
        schedule(d),
      );
      clock.set(at('2026-12-01 09:00'));
      const flagged: number[] = [];
      for (const [i, m] of meetingsHeld.entries()) {
        s.meetings.setAttendance(m.id, bloc.cellMember.id, 'unexcused', bloc.cellSecretary.id, SYSTEM);
        const result = s.meetings.finishAttendance(m.id, bloc.cellSecretary.id, SYSTEM);
        expect(result).toMatchObject({ rate: 50, present: 1, total: 2 });
        expect(s.meetings.get(m.id)!.attendanceRate).toBe(50);
        flagged.push(s.meetingNotifier.flagAbsences(m, result.flagged));
        if (i === 2) expect(result.flagged).toEqual([{ memberId: bloc.cellMember.id, fullName: 'Hoàng Minh Em', count: 3 }]);
      }
      expect(flagged).toEqual([0, 0, 1, 0]);
      const [flag] = rows('absence-flag:%');
      expect(flag!.chatId).toBe(CELL_SECRETARY);
      expect(flag!.text).toContain('<b>Hoàng Minh Em</b> đã vắng mặt 3 lần trong năm 2026 không có lý do chính đáng. Theo Điều lệ Đảng, chi bộ xem xét trường hợp này.');
      expect(s.meetings.unexcusedCount(bloc.cellMember.id, 2026)).toBe(4);
      expect(s.meetings.unexcusedCount(bloc.cellMember.id, 2027)).toBe(0);
    });
  });
});
