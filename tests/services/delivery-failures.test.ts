/**
 * Reports of undeliverable messages at service level: who hears of which failure, that each
 * message and reason is reported once (later failures in the first minute are counted in the
 * waiting report), and how Telegram's refusals are sorted.
 */
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { Translator } from '../../src/bot/i18n.js';
import { DeliveryFailureRenderer } from '../../src/bot/render/delivery.js';
import { MeetingRenderer } from '../../src/bot/render/meeting.js';
import { NoticeRenderer } from '../../src/bot/render/notice.js';
import type { ManualClock } from '../../src/clock.js';
import type { Db } from '../../src/db/connection.js';
import { outbox } from '../../src/db/schema.js';
import { failureReason } from '../../src/delivery/failure-reason.js';
import type { OutboxItem, OutboxRow } from '../../src/delivery/outbox.js';
import { SYSTEM } from '../../src/services/actor.js';
import { DELIVERY_FAILURE_SOURCE, FAILURE_REPORT_DELAY_MS, sendOf } from '../../src/services/delivery-failures.js';
import { createServices, type Services } from '../../src/services/index.js';
import { confirmMeeting, seedSmallBloc, testDb } from '../helpers/db.js';

const TZ = 'Asia/Ho_Chi_Minh';
const translator = new Translator();
const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
const OFFICE = 100;
const OFFICE_2 = 99;
const SECRETARY = 101; // DB01
const MEMBER = 103; // DB01
const CELL_SECRETARY = 105; // CB02
const CELL_MEMBER = 106; // CB02
const NOT_FOUND = '400: Bad Request: chat not found';
const TOO_LONG = '400: Bad Request: message is too long';

describe('DeliveryFailureService', () => {
  let clock: ManualClock;
  let db: Db;
  let s: Services;
  let bloc: ReturnType<typeof seedSmallBloc>;

  beforeEach(() => {
    const t = testDb('2026-11-23T07:00:00Z');
    clock = t.clock;
    db = t.db;
    s = createServices(t.db, clock, {
      meetingMessages: new MeetingRenderer(translator, TZ),
      noticeMessages: new NoticeRenderer(translator),
      deliveryFailureMessages: new DeliveryFailureRenderer(translator, TZ),
    });
    bloc = seedSmallBloc(s);
    const link = (id: number, tg: number) => s.members.linkTelegram(id, { id: tg }, SYSTEM);
    link(bloc.secretary.id, SECRETARY);
    link(bloc.member.id, MEMBER);
    link(bloc.cellSecretary.id, CELL_SECRETARY);
    link(bloc.cellMember.id, CELL_MEMBER);
    link(s.members.create({ code: 'VP1', fullName: 'Văn phòng Một', branchId: null, roles: ['office'] }, SYSTEM).id, OFFICE);
  });

  /** A row the sender has just given up as failed with `description`; returns what report() returned. */
  function fail(item: OutboxItem, description: string): number {
    s.outbox.enqueue([item]);
    const row = s.outbox.get(item.dedupeKey)!;
    s.outbox.markFailed(row.id, description);
    return s.deliveryFailures.report(row, description);
  }

  /** Every report in the outbox, oldest first. */
  const listReports = (): OutboxRow[] => db.select().from(outbox).where(eq(outbox.source, DELIVERY_FAILURE_SOURCE)).orderBy(outbox.id).all();

  it('a meeting announcement failing for two members: one report to its creator, counting both, waiting a minute', () => {
    const m = schedule();
    expect(fail(announcement(m.id, CELL_MEMBER), NOT_FOUND)).toBe(1);
    expect(fail(announcement(m.id, -300), NOT_FOUND)).toBe(1); // the same report, brought up to date
    const rows = listReports();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.chatId).toBe(CELL_SECRETARY);
    expect(rows[0]!.nextAttemptAt.getTime()).toBe(clock.now().getTime() + FAILURE_REPORT_DELAY_MS);
    expect(rows[0]!.text).toContain('Không gửi được tới: 2 người nhận');
    expect(rows[0]!.text).toContain('Thông báo lịch họp mới “Sinh hoạt chi bộ tháng 12” (14h30 03/12/2026)');
    // Another reason is another report; a reminder is another message.
    fail(announcement(m.id, 555), TOO_LONG);
    fail({ ...announcement(m.id, 556), dedupeKey: `meeting:${m.id}:r:1:120:556` }, NOT_FOUND);
    expect(listReports().map((r) => r.text.match(/^(Thông báo lịch họp mới|Tin nhắc lịch họp)|Lý do: [^.]*/gm)?.join(' | '))).toEqual([
      'Thông báo lịch họp mới | Lý do: Telegram không tìm thấy cuộc trò chuyện: người nhận chưa mở bot, hoặc nhóm không còn',
      'Thông báo lịch họp mới | Lý do: tin nhắn dài quá giới hạn của Telegram',
      'Tin nhắc lịch họp | Lý do: Telegram không tìm thấy cuộc trò chuyện: người nhận chưa mở bot, hoặc nhóm không còn',
    ]);
  });

  it('once the report has gone, later failures of the same message and reason are not reported again', () => {
    const m = schedule();
    fail(announcement(m.id, CELL_MEMBER), NOT_FOUND);
    const report = listReports()[0]!;
    expect(s.outbox.claim(report.id)).not.toBeNull();
    s.outbox.markSent(report.id, 77);
    expect(fail(announcement(m.id, 557), NOT_FOUND)).toBe(0);
    expect(listReports().map((r) => [r.status, r.text.includes('tới: 1 người')])).toEqual([['sent', true]]);
  });

  it("never to the recipient itself: the creator's own copy failing goes to the branch secretary, then the office", () => {
    const m = schedule(bloc.cellMember.id);
    fail(announcement(m.id, CELL_MEMBER), NOT_FOUND);
    expect(listReports().map((r) => r.chatId)).toEqual([CELL_SECRETARY]);
    const own = schedule(bloc.cellSecretary.id);
    fail(announcement(own.id, CELL_SECRETARY), NOT_FOUND);
    expect(listReports().filter((r) => r.sourceId === own.id).map((r) => r.chatId)).toEqual([OFFICE]);
  });

  it("a notice's reminders go to its author; the notice itself and its delivery report are left to the report", () => {
    const author = s.members.getById(bloc.secretary.id)!;
    const notice = s.notices.createDraft(
      author,
      { kind: 'text', body: 'Họp', title: 'Họp chi bộ', requireAck: true, audience: { scope: { type: 'bloc' }, people: 'all', channel: 'private' }, scheduledAt: null },
      SYSTEM,
    );
    expect(fail({ dedupeKey: `notice:${notice.id}:m:9`, chatId: MEMBER, text: 'x', source: 'notice', sourceId: notice.id }, NOT_FOUND)).toBe(0);
    expect(fail({ dedupeKey: `notice:${notice.id}:report`, chatId: SECRETARY, text: 'x', source: 'notice-report', sourceId: notice.id }, NOT_FOUND)).toBe(0);
    expect(fail({ dedupeKey: `notice:${notice.id}:nudge1:9`, chatId: MEMBER, text: 'x', source: 'notice-nudge', sourceId: notice.id }, NOT_FOUND)).toBe(1);
    const rows = listReports();
    expect(rows.map((r) => r.chatId)).toEqual([SECRETARY]);
    expect(rows[0]!.text).toContain('Tin nhắc xác nhận đã nhận thông báo “Họp chi bộ”');
  });

  it("the system's own nudges go to the office, never to the office member they were for", () => {
    expect(fail({ dedupeKey: 'report-nudge:2026-Q4:5:105', chatId: CELL_SECRETARY, text: 'x', source: 'report-nudge' }, TOO_LONG)).toBe(1);
    expect(fail({ dedupeKey: 'report-missing:2026-Q3:100', chatId: OFFICE, text: 'x', source: 'report-nudge' }, TOO_LONG)).toBe(0);
    link2ndOffice();
    expect(fail({ dedupeKey: 'report-missing:2026-Q2:100', chatId: OFFICE, text: 'x', source: 'report-nudge' }, TOO_LONG)).toBe(1);
  });

  function link2ndOffice() {
    s.members.linkTelegram(s.members.create({ code: 'VP2', fullName: 'Văn phòng Hai', branchId: null, roles: ['office'] }, SYSTEM).id, { id: OFFICE_2 }, SYSTEM);
  }

  function schedule(by = bloc.cellSecretary.id) {
    return confirmMeeting(s, { branchId: bloc.cell.id, kind: 'regular', title: 'Sinh hoạt chi bộ tháng 12', startsAt: at('2026-12-03 14:30') }, by);
  }

  function announcement(meetingId: number, chatId: number): OutboxItem {
    return { dedupeKey: `meeting:${meetingId}:new:${chatId}`, chatId, text: 'x', source: 'meeting', sourceId: meetingId };
  }
});

describe('sendOf and failureReason', () => {
  it('one send is the dedupe key without its recipient', () => {
    expect(sendOf('meeting:12:new:-300')).toEqual({ group: 'meeting:12:new', kind: 'meeting-new' });
    expect(sendOf('meeting:12:r:1764750600000:120:105')).toEqual({ group: 'meeting:12:r', kind: 'meeting-r' });
    expect(sendOf('notice:3:nudge2:5:101')).toEqual({ group: 'notice:3:nudge2', kind: 'notice-nudge2' });
    expect(sendOf('report-nudge:2026-Q4:5:105')).toEqual({ group: 'report-nudge:2026-Q4:5', kind: 'report-nudge' });
  });

  it("sorts Telegram's refusals", () => {
    expect(failureReason(TOO_LONG)).toBe('too-long');
    expect(failureReason('400: Bad Request: message caption is too long')).toBe('too-long');
    expect(failureReason('400: Bad Request: can\'t parse entities: Can\'t find end tag corresponding to start tag "b"')).toBe('bad-markup');
    expect(failureReason(NOT_FOUND)).toBe('chat-not-found');
    expect(failureReason('400: Bad Request: wrong file identifier/HTTP URL specified')).toBe('bad-file');
    expect(failureReason('400: Bad Request: BUTTON_DATA_INVALID')).toBe('bad-button');
    expect(failureReason('403: Forbidden: bot was blocked by the user')).toBe('blocked');
    expect(failureReason("403: Forbidden: bot can't initiate conversation with a user")).toBe('not-started');
    expect(failureReason('403: Forbidden: bot was kicked from the group chat')).toBe('removed-from-group');
    expect(failureReason('500: Internal Server Error')).toBe('unavailable');
    expect(failureReason('network: socket hang up')).toBe('unavailable');
    expect(failureReason('400: Bad Request: something new')).toBe('other');
  });
});
