/**
 * Meetings end to end, through the real bot against the fake Bot API: /taolich for a secretary and
 * for the office, bad input, the preview and confirm, announcements, /lichhop, RSVP, /lichics,
 * /suahop and /huyhop (with what happens to reminders), series edits, downtime, /diemdanh and
 * /nhacnho. The clock is the TestBot's AdjustableClock: real time flows, tests jump it.
 */
import type { Message, User } from 'grammy/types';
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdjustableClock } from '../../src/clock.js';
import type { MeetingDocument, MeetingKind } from '../../src/db/schema.js';
import type { RecurrenceRule } from '../../src/domain/recurrence.js';
import { SYSTEM } from '../../src/services/actor.js';
import type { Meeting } from '../../src/services/meetings.js';
import type { SentParams } from '../fake-telegram/server.js';
import { documentMessage, group, migrateFromChatMessage, migrateToChatMessage, privateChat, supergroup } from '../fake-telegram/updates.js';
import { SCRIPTED_MEMBERS, smallBlocPeople, TestBot } from '../helpers/app.js';
import { seedSmallBloc } from '../helpers/db.js';

/** A local wall time in Hà Nội (UTC+7), e.g. at('2026-12-03 14:30'). */
const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isReminder = (p: SentParams) => String(p.text ?? '').startsWith('⏰ <b>Nhắc lịch họp</b>');
const buttonsOf = (p: { reply_markup?: unknown }) =>
  ((p.reply_markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined)?.inline_keyboard ?? []).flat();

describe('meetings (end to end)', () => {
  let t: TestBot;
  let bloc: ReturnType<typeof seedSmallBloc>;
  const people = smallBlocPeople();
  const { office, secretary, member, subMember, cellSecretary, cellMember } = people;
  const cellGroup = group(-9300, 'Nhóm CB02');
  const clock = () => t.clock as AdjustableClock;

  beforeEach(async () => {
    // /taolich and the rest scripted at machine speed: a private chat's own flood limit is lifted (see SCRIPTED_MEMBERS).
    t = await TestBot.start({ adminIds: [office.id], telegram: SCRIPTED_MEMBERS }); // clock: Monday 23/11/2026, 14h00 in Hà Nội
    bloc = seedSmallBloc(t.services);
    t.linkSmallBloc(bloc, people);
    t.linkGroup(cellGroup, bloc.cell.id);
  });
  afterEach(async () => {
    await t.stop();
  });

  // ---------------------------------------------------------------- helpers

  function last(chatId: number): Message {
    const m = t.fake.lastSentMessage(chatId);
    if (!m) throw new Error(`nothing sent to ${chatId}`);
    return m;
  }

  /** Waits for the bot's next message to `chatId` containing `expected`; returns its text. */
  async function next(chatId: number, expected: string, mark: number): Promise<string> {
    const call = await t.fake.waitFor('sendMessage', (p) => p.chat_id === chatId && String(p.text).includes(expected), { after: mark });
    return String(call.params.text);
  }

  /** Types a text in a private chat and waits for the answer containing `expected`. */
  async function type(from: User, text: string, expected: string): Promise<string> {
    const mark = t.fake.mark();
    t.fake.sendText(from, privateChat(from), text);
    return next(from.id, expected, mark);
  }

  /**
   * The bot's last message to this chat with a button labelled `label` (announcements and updates
   * may arrive in the same chat meanwhile).
   */
  function lastWithButton(chatId: number, label: RegExp): Message {
    for (const sent of t.fake.sentMessageResults(chatId).reverse()) {
      const current = t.fake.currentMessage(chatId, sent.message_id) ?? sent;
      if ((current.reply_markup?.inline_keyboard ?? []).flat().some((b) => label.test(b.text))) return current;
    }
    throw new Error(`no message to ${chatId} with a button ${String(label)}`);
  }

  /** Presses the button labelled `label` on the bot's last message to `from` that has it; waits for a message containing `expected`. */
  async function choose(from: User, label: RegExp, expected: string): Promise<string> {
    const mark = t.fake.mark();
    t.fake.pressButton(from, lastWithButton(from.id, label), label);
    return next(from.id, expected, mark);
  }

  /** Presses forged (or real) callback data as `from` in their private chat; returns the callback answer's text. */
  async function pressData(from: User, data: string): Promise<string> {
    const probe = await t.sayCall(from, privateChat(from), '/trogiup');
    const answer = await t.press(from, probe.response.result as Message, data, true);
    return String(answer.params.text ?? '');
  }

  interface CreateSteps {
    kind: RegExp;
    /** Typed (office) or a button (secretary of a committee); left out when there is no question. */
    branch?: string | RegExp;
    when: string;
    duration?: RegExp;
    location: string;
    title: string;
    agenda: string;
    documents?: string[];
    repeat: RegExp;
  }

  /** Runs /taolich to the preview; returns the card's text and the draft's id. */
  async function create(author: User, s: CreateSteps): Promise<{ card: string; draftId: number }> {
    expect(await type(author, '/taolich', 'Đồng chí vui lòng chọn loại cuộc họp:')).toBeTruthy();
    if (s.branch === undefined) await choose(author, s.kind, 'Thời gian họp?');
    else if (typeof s.branch === 'string') {
      await choose(author, s.kind, 'Cuộc họp của tổ chức đảng nào? Đồng chí vui lòng gõ mã');
      await type(author, s.branch, 'Thời gian họp?');
    } else {
      await choose(author, s.kind, 'Cuộc họp của tổ chức đảng nào?');
      await choose(author, s.branch, 'Thời gian họp?');
    }
    await type(author, s.when, 'Thời lượng?');
    await choose(author, s.duration ?? /^\d+ phút$/, 'Địa điểm họp?');
    await type(author, s.location, 'Chủ đề');
    await type(author, s.title, 'Chương trình');
    await type(author, s.agenda, 'vui lòng gửi tài liệu');
    for (const [i, name] of (s.documents ?? []).entries()) {
      const mark = t.fake.mark();
      t.fake.pushUpdate(documentMessage(author, privateChat(author), { file_id: `FILE-${name}`, file_name: name }));
      await next(author.id, `Đã nhận ${i + 1} tài liệu`, mark);
    }
    await choose(author, s.documents?.length ? /^Xong$/ : /Không có tài liệu/, 'Cuộc họp có lặp lại không?');
    const mark = t.fake.mark();
    t.fake.pressButton(author, lastWithButton(author.id, s.repeat), s.repeat);
    const card = await t.fake.waitFor('sendMessage', (p) => p.chat_id === author.id && buttonsOf(p).some((b) => b.callback_data?.startsWith('mk:')), {
      after: mark,
    });
    const draftId = Number(buttonsOf(card.params).find((b) => b.callback_data?.startsWith('mk:'))!.callback_data!.split(':')[1]);
    return { card: String(card.params.text), draftId };
  }

  async function confirm(author: User): Promise<void> {
    await choose(author, /Xác nhận tạo lịch/, 'Đã tạo lịch họp');
  }

  /** A confirmed meeting, created through the service (as /taolich does), by the CB02 secretary by default. */
  function schedule(
    startsAt: Date,
    o: { branchId?: number | null; kind?: MeetingKind; title?: string; documents?: MeetingDocument[]; rule?: RecurrenceRule; by?: number } = {},
  ): Meeting {
    const by = o.by ?? bloc.cellSecretary.id;
    const draft = t.services.meetings.createDraft(
      {
        branchId: o.branchId === undefined ? bloc.cell.id : o.branchId,
        kind: o.kind ?? 'regular',
        title: o.title ?? 'Sinh hoạt chi bộ tháng 12',
        startsAt,
        location: 'Hội trường A&B',
        agenda: 'Kiểm điểm công tác tháng 11',
        documents: o.documents,
        rule: o.rule,
      },
      by,
      SYSTEM,
    );
    const result = t.services.meetings.confirm(draft.id, by, SYSTEM);
    if (!result.ok) throw new Error(result.reason);
    return result.meeting;
  }

  /** Waits until the announcement of `m` reached the CB02 group and members. */
  async function announced(m: Meeting, chats = [cellGroup.id, cellSecretary.id, cellMember.id]): Promise<Map<number, SentParams>> {
    const out = new Map<number, SentParams>();
    for (const chatId of chats) {
      const call = await t.fake.waitFor('sendMessage', (p) => p.chat_id === chatId && String(p.text).startsWith('🆕') && String(p.text).includes(`#${m.id}`));
      out.set(chatId, call.params as SentParams);
    }
    return out;
  }

  /** Runs the planner now (as the 30-second job does) and wakes the sender. */
  function plan(): void {
    t.services.meetings.materialiseAll();
    t.services.meetingNotifier.plan();
    t.app.sender.wake();
  }

  const remindersTo = (chatId: number, meeting?: Meeting) =>
    t.fake.sentMessages(chatId).filter((p) => isReminder(p) && (!meeting || String(p.text).includes(`#${meeting.id}`)));

  // ---------------------------------------------------------------- /taolich

  describe('/taolich', () => {
    it('a secretary schedules a monthly meeting of their branch with documents; bad dates get an example; the announcement reaches the group and members with RSVP buttons', async () => {
      expect(await type(cellSecretary, '/taolich', 'Đồng chí vui lòng chọn loại cuộc họp:')).toContain('Đồng chí vui lòng chọn loại cuộc họp:');
      const kinds = buttonsOf(t.fake.sentMessages(cellSecretary.id).at(-1)!).map((b) => b.text);
      expect(kinds).toEqual([
        'Sinh hoạt chi bộ định kỳ',
        'Sinh hoạt định kỳ kết hợp chuyên đề',
        'Sinh hoạt chuyên đề',
        'Hội nghị cấp ủy',
        'Hội nghị quán triệt, triển khai nghị quyết',
        'Đại hội',
        'Cuộc họp',
      ]);
      // A cell secretary has one branch: no question about it.
      const ask = await choose(cellSecretary, /^Sinh hoạt chi bộ định kỳ$/, 'Thời gian họp?');
      // Examples made from today (Monday 23/11/2026), so every one of them is ahead.
      expect(ask).toContain('14h30 26/11, 30/11/2026 14:30, 8h ngày mai, thứ Ba tuần sau 8h, 14:00 thứ 6');
      const gibberish = await type(cellSecretary, 'sớm nhất có thể', 'Chưa hiểu');
      expect(gibberish).toContain('Chưa hiểu “sớm nhất có thể”');
      expect(gibberish).toContain('14h30 26/11, 30/11/2026 14:30');
      expect(await type(cellSecretary, '8h hôm qua', 'đã qua')).toContain('8h00 22/11/2026 đã qua');
      expect(await type(cellSecretary, '14h30 3/12', 'Thời lượng?')).toContain('mặc định 90 phút');
      await choose(cellSecretary, /^90 phút$/, 'Địa điểm họp?');
      await type(cellSecretary, 'Hội trường A&B <tầng 2>', 'Chủ đề');
      await type(cellSecretary, '-', 'Chương trình');
      await type(cellSecretary, 'Kiểm điểm công tác tháng 11', 'vui lòng gửi tài liệu');
      let mark = t.fake.mark();
      t.fake.pushUpdate(documentMessage(cellSecretary, privateChat(cellSecretary), { file_id: 'FILE-NQ', file_name: 'nghi-quyet.pdf' }));
      await next(cellSecretary.id, 'Đã nhận 1 tài liệu', mark);
      await choose(cellSecretary, /^Xong$/, 'Cuộc họp có lặp lại không?');
      const repeats = buttonsOf(t.fake.sentMessages(cellSecretary.id).at(-1)!).map((b) => b.text);
      expect(repeats).toEqual(['Không lặp lại', 'Ngày 3 hằng tháng', 'Thứ Năm tuần đầu tiên hằng tháng', 'Ngày 3 tháng thứ 3 mỗi quý']);
      mark = t.fake.mark();
      t.fake.pressButton(cellSecretary, lastWithButton(cellSecretary.id, /Ngày 3 hằng tháng/), /Ngày 3 hằng tháng/);
      await next(cellSecretary.id, 'Xem trước cuộc họp', mark);
      const preview = await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellSecretary.id && String(p.text).startsWith('📅'), { after: mark });
      const card = String(preview.params.text);
      expect(card).toContain('📅 <b>Sinh hoạt chi bộ định kỳ tháng 12/2026</b>');
      expect(card).toContain('Sinh hoạt chi bộ định kỳ · Chi bộ Công ty TNHH A&amp;B');
      expect(card).toContain('🕑 Thứ Năm, 03/12/2026, 14h30–16h00');
      expect(card).toContain('📍 Hội trường A&amp;B &lt;tầng 2&gt;');
      expect(card).toContain('📝 Kiểm điểm công tác tháng 11');
      expect(card).toContain('📎 1 tài liệu');
      expect(card).toContain('🔁 Lặp lại: ngày 3 hằng tháng');
      const id = Number(/#(\d+)/.exec(card)![1]);
      expect(t.services.meetings.get(id)!.status).toBe('draft');
      // Nobody hears about a draft.
      await t.settle();
      expect(t.fake.sentMessages(cellMember.id)).toEqual([]);

      await confirm(cellSecretary);
      const m = t.services.meetings.get(id)!;
      expect(m).toMatchObject({ status: 'scheduled', kind: 'regular', durationMinutes: 90, branchId: bloc.cell.id });
      expect(m.documents).toEqual([{ fileId: 'FILE-NQ', name: 'nghi-quyet.pdf', kind: 'document' }]);
      expect(t.services.meetings.getSeries(m.seriesId!)).toMatchObject({ active: true, rule: { freq: 'monthly', day: 3 }, hour: 14, minute: 30 });
      // The next occurrence exists already.
      const series = t.services.meetings.between(clock().now(), at('2027-02-01 00:00'), [bloc.cell.id], false);
      expect(series.map((s) => s.startsAt.toISOString())).toEqual(['2026-12-03T07:30:00.000Z', '2027-01-03T07:30:00.000Z']);

      const sent = await announced(m);
      for (const p of sent.values()) {
        expect(p.text).toContain('🆕 <b>Lịch họp mới</b>');
        expect(p.text).toContain('🕑 Thứ Năm, 03/12/2026, 14h30–16h00');
        expect(p.text).toContain('🔁 Lặp lại: ngày 3 hằng tháng');
        expect(buttonsOf(p).map((b) => b.text)).toEqual(['✅ Tham dự', '❌ Vắng', '📎 Tài liệu']);
      }
      await t.settle();
      for (const other of [secretary, member, subMember]) expect(t.fake.sentMessages(other.id)).toEqual([]);

      // The documents button sends the files.
      const received = (await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellMember.id)).response.result as Message;
      const docs = await t.press(cellMember, received, buttonsOf(received).find((b) => b.text === '📎 Tài liệu')!.callback_data!);
      expect(docs.params.text).toBeUndefined();
      const file = await t.fake.waitFor('sendDocument', (p) => p.chat_id === cellMember.id);
      expect(file.params.document).toBe('FILE-NQ');
    });

    it('a monthly weekday rule reads "thứ Sáu tuần thứ hai hằng tháng" (never "Thứ Sáu thứ hai", Friday-Monday), on the button and on the card', async () => {
      const { card } = await create(cellSecretary, {
        kind: /^Sinh hoạt chi bộ định kỳ$/,
        when: '14h00 11/12/2026', // the second Friday of December 2026
        location: 'Hội trường',
        title: '-',
        agenda: '-',
        repeat: /^Thứ Sáu tuần thứ hai hằng tháng$/,
      });
      const question = t.fake.sentMessages(cellSecretary.id).find((p) => buttonsOf(p).some((b) => b.text === 'Không lặp lại'))!;
      expect(buttonsOf(question).map((b) => b.text)).toEqual([
        'Không lặp lại',
        'Ngày 11 hằng tháng',
        'Thứ Sáu tuần thứ hai hằng tháng',
        'Ngày 11 tháng thứ 3 mỗi quý',
      ]);
      expect(card).toContain('🕑 Thứ Sáu, 11/12/2026, 14h00–15h30');
      expect(card).toContain('🔁 Lặp lại: thứ Sáu tuần thứ hai hằng tháng');
      expect(card).not.toMatch(/Sáu thứ hai/i);
    });

    it('a committee secretary picks their branch or a subcell (a forged choice is asked again); a combined meeting lasts 120 minutes unless changed', async () => {
      await type(secretary, '/taolich', 'Đồng chí vui lòng chọn loại cuộc họp:');
      await choose(secretary, /kết hợp chuyên đề/, 'Cuộc họp của tổ chức đảng nào?');
      expect(buttonsOf(t.fake.sentMessages(secretary.id).at(-1)!).map((b) => b.text)).toEqual(['Đảng bộ Sở <Tài chính>', 'Chi bộ Phòng Ngân sách']);
      // A forged press naming another branch: the question comes again.
      let mark = t.fake.mark();
      t.fake.press(secretary, last(secretary.id), `tl:br:${bloc.cell.id}`, { unchecked: true });
      await t.fake.waitFor('editMessageText', (p) => p.chat_id === secretary.id && String(p.text).includes('Cuộc họp của tổ chức đảng nào?'), { after: mark });
      await choose(secretary, /Phòng Ngân sách/, 'Thời gian họp?');
      expect(await type(secretary, 'thứ Ba tuần sau 8h', 'Thời lượng?')).toContain('mặc định 120 phút');
      await choose(secretary, /^Khác$/, 'Đồng chí vui lòng gõ thời lượng bằng phút');
      expect(await type(secretary, '10', 'Thời lượng phải là số phút')).toContain('từ 30 đến 480');
      await type(secretary, '150', 'Địa điểm họp?');
      await type(secretary, 'Phòng họp số 1', 'Chủ đề');
      await type(secretary, 'Học tập chuyên đề năm 2026', 'Chương trình');
      await type(secretary, '-', 'vui lòng gửi tài liệu');
      await choose(secretary, /Không có tài liệu/, 'Cuộc họp có lặp lại không?');
      mark = t.fake.mark();
      t.fake.pressButton(secretary, lastWithButton(secretary.id, /Không lặp lại/), /Không lặp lại/);
      const card = await t.fake.waitFor('sendMessage', (p) => p.chat_id === secretary.id && String(p.text).startsWith('📅'), { after: mark });
      expect(String(card.params.text)).toContain('Sinh hoạt định kỳ kết hợp chuyên đề · Chi bộ Phòng Ngân sách');
      expect(String(card.params.text)).toContain('🕑 Thứ Ba, 01/12/2026, 8h00–10h30');
      expect(String(card.params.text)).not.toContain('Lặp lại');
      await confirm(secretary);
      const id = Number(/#(\d+)/.exec(String(card.params.text))![1]);
      expect(t.services.meetings.get(id)).toMatchObject({ branchId: bloc.subcell.id, kind: 'regular', combinedThematic: true, durationMinutes: 150, seriesId: null });
      // The subcell's member hears about it; the committee's members do not.
      await t.fake.waitFor('sendMessage', (p) => p.chat_id === subMember.id && String(p.text).startsWith('🆕'));
      await t.settle();
      expect(t.fake.sentMessages(member.id)).toEqual([]);
    });

    it('the office schedules for any branch by its code, and for the whole bloc with "khoi"', async () => {
      const forCell = await create(office, {
        kind: /Hội nghị quán triệt/,
        branch: 'CB02',
        when: '14:00 thứ 6',
        location: 'Hội trường Tỉnh ủy',
        title: 'Quán triệt Nghị quyết Đại hội',
        agenda: '-',
        repeat: /Không lặp lại/,
      });
      expect(forCell.card).toContain('Hội nghị quán triệt, triển khai nghị quyết · Chi bộ Công ty TNHH A&amp;B');
      expect(forCell.card).toContain('Thứ Sáu, 27/11/2026, 14h00–15h30');
      await confirm(office);
      expect(t.services.meetings.get(forCell.draftId)).toMatchObject({ status: 'scheduled', branchId: bloc.cell.id, kind: 'briefing' });
      await announced(t.services.meetings.get(forCell.draftId)!);

      // An unknown code is asked again.
      await type(office, '/taolich', 'Đồng chí vui lòng chọn loại cuộc họp:');
      await choose(office, /^Hội nghị cấp ủy$/, 'Cuộc họp của tổ chức đảng nào? Đồng chí vui lòng gõ mã');
      expect(await type(office, 'XYZ', 'Không tìm thấy tổ chức đảng')).toContain('“XYZ”');
      await type(office, '/huy', 'Đã thôi tạo lịch họp');

      const forBloc = await create(office, {
        kind: /^Hội nghị cấp ủy$/,
        branch: 'khoi',
        when: '8h ngày mai',
        location: 'Phòng họp Ban Thường vụ',
        title: 'Hội nghị Ban Chấp hành Đảng bộ Khối',
        agenda: 'Tổng kết năm',
        repeat: /Không lặp lại/,
      });
      expect(forBloc.card).toContain('Hội nghị cấp ủy · Toàn Đảng bộ Khối');
      expect(forBloc.card).toContain('Thứ Ba, 24/11/2026, 8h00–9h30');
      await confirm(office);
      const m = t.services.meetings.get(forBloc.draftId)!;
      expect(m).toMatchObject({ branchId: null, kind: 'committee' });
      // A bloc meeting is announced to the office and the secretaries, privately.
      await announced(m, [office.id, secretary.id, cellSecretary.id]);
      await t.settle();
      for (const plain of [member, subMember, cellMember]) {
        expect(t.fake.sentMessages(plain.id).filter((p) => String(p.text).includes(`#${m.id}`))).toEqual([]);
      }
    });

    it('a plain member may not schedule; forged buttons on another branch’s meeting or someone else’s draft are refused', async () => {
      expect(await type(member, '/taolich', 'dành cho')).toContain('Lệnh /taolich dành cho bí thư, phó bí thư và Văn phòng Đảng ủy Khối; đồng chí không có quyền dùng lệnh này.');
      const m = schedule(at('2026-12-03 14:30'));
      await announced(m);
      // The DB01 secretary tries to move, cancel or take attendance for a CB02 meeting.
      expect(await pressData(secretary, `mv:${m.id}`)).toContain('Chỉ bí thư, phó bí thư nơi tổ chức cuộc họp');
      expect(await pressData(secretary, `mx:${m.id}`)).toContain('Chỉ bí thư, phó bí thư nơi tổ chức cuộc họp');
      expect(await pressData(secretary, `mxy:${m.id}`)).toContain('Chỉ bí thư, phó bí thư nơi tổ chức cuộc họp');
      expect(await pressData(secretary, `ad:${m.id}`)).toContain('Chỉ bí thư, phó bí thư nơi tổ chức cuộc họp');
      expect(await type(secretary, `/suahop ${m.id}`, 'Chỉ bí thư')).toContain('Chỉ bí thư, phó bí thư nơi tổ chức cuộc họp');
      expect(await type(secretary, `/huyhop ${m.id}`, 'Chỉ bí thư')).toContain('Chỉ bí thư, phó bí thư nơi tổ chức cuộc họp');
      // Its own secretary cannot take attendance before it starts, even with a forged button.
      expect(await pressData(cellSecretary, `ad:${m.id}`)).toContain('chưa bắt đầu');
      expect(await pressData(cellSecretary, `af:${m.id}`)).toContain('chưa bắt đầu');
      // A member of another branch cannot reply to it.
      expect(await pressData(member, `rv:${m.id}:1`)).toContain('không thuộc tổ chức đảng của đồng chí');
      expect(t.services.meetings.rsvpOf(m.id, bloc.member.id)).toBeNull();
      expect(t.services.meetings.get(m.id)!.status).toBe('scheduled');

      // The CB02 secretary's draft, confirmed by the DB01 secretary with a forged press: refused.
      const draft = await create(cellSecretary, { kind: /^Sinh hoạt chuyên đề$/, when: '3/12/2026 9:00', location: 'P1', title: 'Chuyên đề', agenda: '-', repeat: /Không lặp lại/ });
      expect(await pressData(secretary, `mk:${draft.draftId}`)).toContain('không thể xác nhận bản nháp của người khác');
      expect(t.services.meetings.get(draft.draftId)!.status).toBe('draft');
      // A draft whose time passed before it was confirmed is refused too.
      clock().set(at('2026-12-03 09:05'));
      expect(await pressData(cellSecretary, `mk:${draft.draftId}`)).toContain('Thời điểm họp đã qua');
      expect(t.services.meetings.get(draft.draftId)!.status).toBe('draft');
    });
  });

  // ---------------------------------------------------------------- /lichhop, RSVP, /lichics

  describe('/lichhop, RSVP and /lichics', () => {
    /**
     * Sends /lichhop (…) and returns its one message: the list, with a button per meeting (announcements
     * may arrive in the same chat meanwhile; no card comes as a message of its own).
     */
    async function listAfter(from: User, chatId: number, text: string): Promise<{ text: string; message: Message; opens: number[] }> {
      const mark = t.fake.mark();
      t.fake.sendText(from, chatId > 0 ? privateChat(from) : cellGroup, text);
      const list = await t.fake.waitFor('sendMessage', (p) => p.chat_id === chatId && String(p.text).includes('Lịch họp 30 ngày tới'), { after: mark });
      await t.settle();
      const answers = t.fake.calls.slice(mark).filter((c) => c.method === 'sendMessage' && c.params.chat_id === chatId && !String(c.params.text).startsWith('🆕'));
      expect(answers).toHaveLength(1);
      const opens = buttonsOf(list.params).filter((b) => b.callback_data?.startsWith('mlo:')).map((b) => Number(b.callback_data!.split(':')[1]));
      return { text: String(list.params.text), message: list.response.result as Message, opens };
    }

    /** Opens a meeting's card from the list (back to the list first if a card is shown): in place in a private chat, as a message in a group. */
    async function open(from: User, list: Message, meetingId: number): Promise<SentParams> {
      const shown = () => t.fake.currentMessage(list.chat.id, list.message_id) ?? list;
      if (!buttonsOf(shown()).some((b) => b.callback_data?.startsWith(`mlo:${meetingId}:`))) {
        const mark = t.fake.mark();
        t.fake.pressButton(from, shown(), /Danh sách cuộc họp/);
        await t.fake.waitFor('editMessageText', (p) => p.chat_id === list.chat.id, { after: mark });
      }
      const mark = t.fake.mark();
      t.fake.press(from, shown(), buttonsOf(shown()).find((b) => b.callback_data?.startsWith(`mlo:${meetingId}:`))!.callback_data!);
      const method = list.chat.type === 'private' ? 'editMessageText' : 'sendMessage';
      const call = await t.fake.waitFor(method, (p) => p.chat_id === list.chat.id && String(p.text).includes(`#${meetingId}`), { after: mark });
      return call.params as SentParams;
    }

    it('a member sees their branch, its parent and the bloc; a linked group its branch; the office any branch; a member asking for another branch is refused', async () => {
      const committee = schedule(at('2026-11-30 08:00'), { branchId: bloc.committee.id, by: bloc.secretary.id, title: 'Họp Đảng ủy Sở' });
      const sub = schedule(at('2026-12-01 14:00'), { branchId: bloc.subcell.id, by: bloc.secretary.id, title: 'Sinh hoạt chi bộ Ngân sách', documents: [{ fileId: 'F', name: 'a.pdf', kind: 'document' }] });
      const cell = schedule(at('2026-12-03 14:30'));
      const blocWide = schedule(at('2026-12-10 08:00'), { branchId: null, kind: 'briefing', title: 'Quán triệt nghị quyết' });
      schedule(at('2027-01-05 14:00'), { branchId: bloc.subcell.id, by: bloc.secretary.id, title: 'Quá 30 ngày' });
      const cancelled = schedule(at('2026-12-02 14:00'), { branchId: bloc.subcell.id, by: bloc.secretary.id, title: 'Đã hủy' });
      t.services.meetings.cancel(cancelled.id, SYSTEM);

      const mine = await listAfter(subMember, subMember.id, '/lichhop');
      expect(mine.text.split('\n')[0]).toBe('<b>Lịch họp 30 ngày tới</b>');
      expect(mine.opens).toEqual([committee.id, sub.id, blocWide.id]);
      expect(mine.text).toContain('2. <b>01/12 14h00</b> · Định kỳ · Sinh hoạt chi bộ Ngân sách · Chi bộ Phòng Ngân sách');
      const subCard = await open(subMember, mine.message, sub.id);
      expect(subCard.text).toContain('🕑 Thứ Ba, 01/12/2026, 14h00–15h30');
      expect(subCard.text).toContain('📍 Hội trường A&amp;B');
      expect(subCard.text).toContain('📝 Kiểm điểm công tác tháng 11');
      expect(subCard.text).toContain('📎 1 tài liệu');
      expect(subCard.text).not.toContain('Đã đăng ký'); // counts are for those who manage it
      expect(buttonsOf(subCard).map((b) => b.text)).toEqual(['✅ Tham dự', '❌ Vắng', '📎 Tài liệu', '◀ Danh sách cuộc họp']);
      expect((await open(subMember, mine.message, blocWide.id)).text).toContain('Toàn Đảng bộ Khối');

      const inGroup = await listAfter(cellMember, cellGroup.id, '/lichhop');
      expect(inGroup.text.split('\n')[0]).toBe('<b>Lịch họp 30 ngày tới</b>: Chi bộ Công ty TNHH A&amp;B');
      expect(inGroup.opens).toEqual([cell.id, blocWide.id]);
      // Opened by the secretary in the group: RSVP buttons only (moving and cancelling are done privately).
      const bySecretary = await open(cellSecretary, inGroup.message, cell.id);
      expect(buttonsOf(bySecretary).map((b) => b.text)).toEqual(['✅ Tham dự', '❌ Vắng']);

      const asked = await listAfter(office, office.id, '/lichhop CB02');
      expect(asked.text.split('\n')[0]).toBe('<b>Lịch họp 30 ngày tới</b>: Chi bộ Công ty TNHH A&amp;B');
      expect(asked.opens).toEqual([cell.id, blocWide.id]);
      // The office manages them: counts and the move/cancel buttons.
      const officeCard = await open(office, asked.message, cell.id);
      expect(officeCard.text).toContain('Đã đăng ký: 0 tham dự · 0 vắng · 2 chưa trả lời');
      expect(buttonsOf(officeCard).map((b) => b.text)).toEqual(['✅ Tham dự', '❌ Vắng', '🔁 Dời lịch', '🗑 Hủy họp', '◀ Danh sách cuộc họp']);

      expect(await type(member, '/lichhop CB02', 'chỉ xem được')).toContain('Đồng chí chỉ xem được lịch họp của tổ chức đảng mình');
      expect(await type(member, '/lichhop XYZ', 'Không tìm thấy')).toBeTruthy();
    });

    it('RSVP: "Tham dự" and "Vắng" with the reason asked by a reply prompt (only a reply to it is the reason); the secretary sees the counts', async () => {
      const m = schedule(at('2026-12-03 14:30'));
      const sent = await announced(m);
      const privateCard = (await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellMember.id && String(p.text).startsWith('🆕'))).response
        .result as Message;
      const groupCard = (await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellGroup.id && String(p.text).startsWith('🆕'))).response
        .result as Message;
      expect(sent.size).toBe(3);

      let mark = t.fake.mark();
      const no = await t.press(cellMember, privateCard, `rv:${m.id}:0`);
      expect(String(no.params.text)).toContain('Đã ghi nhận: đồng chí vắng');
      const prompt = await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellMember.id && String(p.text).includes('lý do vắng'), { after: mark });
      expect(String(prompt.params.text)).toContain('“Sinh hoạt chi bộ tháng 12” (14h30 03/12/2026)');
      expect(prompt.params.reply_markup).toEqual({ force_reply: true, input_field_placeholder: 'Lý do vắng mặt' });
      const promptMessage = prompt.response.result as Message;
      // A message that does not reply to the prompt is not the reason: here a lookup, answered as such.
      expect(await type(cellMember, 'lịch họp', 'Lịch họp')).toContain('Lịch họp');
      await t.settle();
      expect(t.services.meetings.rsvpOf(m.id, bloc.cellMember.id)).toEqual({ response: 'no', reason: null });
      // Nor a reply to another of the bot's messages.
      mark = t.fake.mark();
      t.fake.replyTo(cellMember, privateCard, 'Đi công tác');
      await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellMember.id, { after: mark });
      await t.settle();
      expect(t.services.meetings.rsvpOf(m.id, bloc.cellMember.id)).toEqual({ response: 'no', reason: null });
      // The prompt is remembered in the database: a restart does not lose it.
      await t.restart();
      mark = t.fake.mark();
      t.fake.replyTo(cellMember, promptMessage, 'Đi công tác <Hà Nội>');
      expect(await next(cellMember.id, 'Đã ghi nhận lý do vắng', mark)).toContain('Đi công tác &lt;Hà Nội&gt;');
      expect(t.services.meetings.rsvpOf(m.id, bloc.cellMember.id)).toEqual({ response: 'no', reason: 'Đi công tác <Hà Nội>' });
      // The next message is a message again, not a reason.
      expect(await type(cellMember, 'xin chào', 'Tôi chưa hiểu')).toBeTruthy();
      expect(t.services.meetings.rsvpOf(m.id, bloc.cellMember.id)?.reason).toBe('Đi công tác <Hà Nội>');

      // From the group card.
      const yes = await t.press(cellSecretary, groupCard, `rv:${m.id}:1`);
      expect(String(yes.params.text)).toContain('sẽ tham dự');
      expect(t.services.meetings.rsvpOf(m.id, bloc.cellSecretary.id)).toEqual({ response: 'yes', reason: null });

      const list = await listAfter(cellSecretary, cellSecretary.id, '/lichhop');
      expect(String((await open(cellSecretary, list.message, m.id)).text)).toContain('Đã đăng ký: 1 tham dự · 1 vắng · 0 chưa trả lời');

      // Once it has started, replies are closed.
      clock().set(at('2026-12-03 14:31'));
      expect(String((await t.press(cellMember, privateCard, `rv:${m.id}:1`)).params.text)).toContain('Cuộc họp đã bắt đầu');
      expect(t.services.meetings.rsvpOf(m.id, bloc.cellMember.id)?.response).toBe('no');
    });

    it('/lichics sends a calendar file with the meetings in UTC, lines folded at 75 octets', async () => {
      const m = schedule(at('2026-12-03 14:30'), { title: 'Sinh hoạt chi bộ, tháng 12' });
      const long = 'Sinh hoạt chuyên đề “Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh” quý IV năm 2026';
      schedule(at('2026-12-04 14:00'), { title: long });
      schedule(at('2026-12-10 08:00'), { branchId: null, kind: 'briefing', title: 'Quán triệt nghị quyết' });
      const call = await t.sayCall(cellMember, privateChat(cellMember), '/lichics', 'sendDocument');
      expect(String(call.params.caption)).toContain('Lịch họp sắp tới (3 cuộc họp)');
      const [file] = t.fake.uploadedFiles('sendDocument');
      expect(file!.file.filename).toBe('lich-hop.ics');
      const raw = file!.data.toString('utf8');
      expect(Math.max(...raw.split('\r\n').map((l) => Buffer.byteLength(l, 'utf8')))).toBeLessThanOrEqual(75);
      const events = new ICAL.Component(ICAL.parse(raw)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
      expect(events.map((e) => e.summary)).toEqual(['Sinh hoạt chi bộ, tháng 12', long, 'Quán triệt nghị quyết']);
      const ics = raw.replace(/\r\n[ \t]/g, '');
      expect(ics).toContain('BEGIN:VCALENDAR');
      expect(ics).toContain('DTSTART:20261203T073000Z'); // 14h30 in Hà Nội
      expect(ics).toContain('DTSTART:20261210T010000Z'); // 8h00
      expect(ics).toMatch(/DURATION:PT(1H30M|90M)/);
      expect(ics).toContain(`UID:meeting-${m.id}@`);
      expect(ics).toContain('SUMMARY:Sinh hoạt chi bộ\\, tháng 12');
      expect(ics).toContain('LOCATION:Hội trường A&B');
      // Nothing to export for someone with no meetings ahead.
      clock().set(at('2027-06-01 08:00'));
      expect(await type(cellMember, '/lichics', 'Không có cuộc họp')).toBeTruthy();
    });
  });

  // ---------------------------------------------------------------- changes and reminders

  describe('changes and reminders', () => {
    it('/suahop moves a meeting: those told get the update; the reminders of the old time never go out, those of the new time do', async () => {
      const m = schedule(at('2026-12-03 14:30'));
      await announced(m);
      // Two minutes before the day-before reminder: it is planned and waiting.
      clock().set(at('2026-12-02 14:28'));
      plan();
      expect(t.services.outbox.rowsOf('meeting', m.id, ['pending'])).toHaveLength(3);

      // /huy leaves the edit with nothing changed.
      await type(cellSecretary, `/suahop ${m.id}`, 'Đồng chí muốn sửa nội dung nào của cuộc họp');
      await choose(cellSecretary, /^Thời gian$/, 'Thời gian mới?');
      expect(await type(cellSecretary, '/huy', 'Đã thôi')).toBe('Đã thôi sửa cuộc họp. Không có gì thay đổi.');
      expect(t.services.meetings.get(m.id)!.startsAt).toEqual(at('2026-12-03 14:30'));

      await type(cellSecretary, `/suahop ${m.id}`, 'Đồng chí muốn sửa nội dung nào của cuộc họp');
      await choose(cellSecretary, /^Thời gian$/, 'Thời gian mới?');
      expect(await type(cellSecretary, 'khi nào rảnh', 'Chưa hiểu')).toContain('14h30 5/12, 09/12/2026 14:30'); // from today, 02/12
      expect(await type(cellSecretary, '8h hôm qua', 'đã qua')).toBeTruthy();
      await type(cellSecretary, '15h 4/12', 'Đã cập nhật');
      expect(t.services.meetings.get(m.id)!.startsAt).toEqual(at('2026-12-04 15:00'));
      for (const chatId of [cellGroup.id, cellSecretary.id, cellMember.id]) {
        const update = await t.fake.waitFor('sendMessage', (p) => p.chat_id === chatId && String(p.text).startsWith('🔁'));
        expect(String(update.params.text)).toContain('chuyển từ 14h30 03/12/2026');
        expect(String(update.params.text)).toContain('🕑 Thứ Sáu, 04/12/2026, 15h00–16h30');
        expect(buttonsOf(update.params).map((b) => b.text)).toEqual(['✅ Tham dự', '❌ Vắng']);
      }
      // Its buttons answer for this meeting.
      const update = lastWithButton(cellMember.id, /Tham dự/);
      await t.press(cellMember, update, buttonsOf(update)[0]!.callback_data!);
      expect(t.services.meetings.rsvpOf(m.id, bloc.cellMember.id)).toMatchObject({ response: 'yes' });

      // The old time's reminders never come.
      clock().set(at('2026-12-02 14:31'));
      plan();
      clock().set(at('2026-12-03 12:31'));
      plan();
      await t.outboxIdle(); // whatever the planner made due has gone
      expect(remindersTo(cellGroup.id)).toEqual([]);
      expect(remindersTo(cellMember.id)).toEqual([]);

      // The new time's do, on time and once.
      clock().set(at('2026-12-03 15:00'));
      plan();
      for (const chatId of [cellGroup.id, cellSecretary.id, cellMember.id]) {
        const r = await t.fake.waitFor('sendMessage', (p) => p.chat_id === chatId && isReminder(p as SentParams));
        expect(String(r.params.text)).toContain('còn 1 ngày');
        expect(String(r.params.text)).toContain('04/12/2026, 15h00');
        expect(String(r.params.text)).not.toContain('gửi muộn');
      }
      plan();
      await t.outboxIdle(); // whatever the planner made due has gone
      expect(remindersTo(cellMember.id)).toHaveLength(1);
    });

    it('/huyhop and the card’s "Hủy họp" button: those told get the cancellation; no reminder ever goes out', async () => {
      const m = schedule(at('2026-12-03 14:30'));
      const kept = schedule(at('2026-12-04 14:30'), { title: 'Cuộc họp giữ nguyên' });
      await announced(m);
      await announced(kept);
      clock().set(at('2026-12-02 14:29'));
      plan();

      expect(await type(cellSecretary, `/huyhop ${m.id}`, 'Hủy cuộc họp “')).toContain('(14h30 03/12/2026)? Những người đã được báo');
      const mark = t.fake.mark();
      t.fake.pressButton(cellSecretary, lastWithButton(cellSecretary.id, /Hủy cuộc họp/), /Hủy cuộc họp/);
      const edited = await t.fake.waitFor('editMessageText', (p) => p.chat_id === cellSecretary.id, { after: mark });
      expect(String(edited.params.text)).toContain('Đã hủy cuộc họp');
      expect(t.services.meetings.get(m.id)!.status).toBe('cancelled');
      for (const chatId of [cellGroup.id, cellSecretary.id, cellMember.id]) {
        const update = await t.fake.waitFor('sendMessage', (p) => p.chat_id === chatId && String(p.text).startsWith('🗑'));
        expect(String(update.params.text)).toBe('🗑 <b>Đã hủy cuộc họp</b>: Sinh hoạt chi bộ tháng 12, 14h30 03/12/2026.');
      }
      // Cancelling again is refused.
      expect(await type(cellSecretary, `/huyhop ${m.id}`, 'không sửa được')).toContain('đã bị hủy');

      // From the card: "Hủy họp", then "Giữ nguyên".
      const cardMark = t.fake.mark();
      t.fake.sendText(cellSecretary, privateChat(cellSecretary), '/lichhop');
      const list = await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellSecretary.id && String(p.text).includes('Lịch họp 30 ngày tới'), { after: cardMark });
      const listMessage = list.response.result as Message;
      expect(buttonsOf(list.params).map((b) => b.callback_data)).toEqual([`mlo:${kept.id}:0:0:0`]); // the cancelled one is gone
      let pressMark = t.fake.mark();
      t.fake.press(cellSecretary, listMessage, `mlo:${kept.id}:0:0:0`);
      await t.fake.waitFor('editMessageText', (p) => p.chat_id === cellSecretary.id && String(p.text).includes(`#${kept.id}`), { after: pressMark });
      pressMark = t.fake.mark();
      t.fake.pressButton(cellSecretary, t.fake.currentMessage(cellSecretary.id, listMessage.message_id)!, /Hủy họp/);
      await next(cellSecretary.id, 'Hủy cuộc họp “Cuộc họp giữ nguyên”', pressMark);
      pressMark = t.fake.mark();
      t.fake.pressButton(cellSecretary, lastWithButton(cellSecretary.id, /Giữ nguyên/), /Giữ nguyên/);
      await t.fake.waitFor('editMessageText', (p) => p.chat_id === cellSecretary.id && String(p.text).includes('Giữ nguyên cuộc họp'), { after: pressMark });
      expect(t.services.meetings.get(kept.id)!.status).toBe('scheduled');

      clock().set(at('2026-12-02 14:31'));
      plan();
      clock().set(at('2026-12-03 12:31'));
      plan();
      await t.outboxIdle(); // whatever the planner made due has gone
      expect(remindersTo(cellMember.id, m)).toEqual([]);
      expect(remindersTo(cellGroup.id, m)).toEqual([]);
      // The other meeting's reminders still come.
      clock().set(at('2026-12-03 14:30'));
      plan();
      await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellMember.id && isReminder(p as SentParams) && String(p.text).includes(`#${kept.id}`));
    }, 30_000);

    it('a series: moving one occurrence, then changing the series time: the moved one keeps its time, the others change, and those told hear of it', async () => {
      const first = schedule(at('2026-12-03 14:30'), { rule: { freq: 'monthly', day: 3 } });
      await announced(first);
      const january = t.services.meetings.between(at('2027-01-01 00:00'), at('2027-02-01 00:00'), [bloc.cell.id], false)[0]!;
      expect(january.startsAt).toEqual(at('2027-01-03 14:30'));

      await type(cellSecretary, `/suahop ${january.id}`, 'Đồng chí muốn sửa nội dung nào của cuộc họp');
      expect(buttonsOf(t.fake.sentMessages(cellSecretary.id).at(-1)!).map((b) => b.text)).toContain('Cả chuỗi lịch (từ nay về sau)');
      await choose(cellSecretary, /^Thời gian$/, 'Thời gian mới?');
      await type(cellSecretary, '9h 5/1/2027', 'Đã cập nhật');
      // Those told about the series hear that this occurrence moved.
      const movedNote = await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellMember.id && String(p.text).includes('chuyển từ 14h30 03/01/2027'));
      expect(String(movedNote.params.text)).toContain('Thứ Ba, 05/01/2027, 9h00–10h30');
      expect(t.services.meetings.get(first.id)!.startsAt).toEqual(at('2026-12-03 14:30'));

      await type(cellSecretary, `/suahop ${first.id}`, 'Đồng chí muốn sửa nội dung nào của cuộc họp');
      await choose(cellSecretary, /Cả chuỗi lịch/, 'Giờ họp mới cho cả chuỗi');
      expect(await type(cellSecretary, '8h00', 'Đã cập nhật chuỗi lịch')).toContain('từ nay về sau');
      const upcoming = t.services.meetings.between(clock().now(), at('2027-02-01 00:00'), [bloc.cell.id], false);
      expect(upcoming.map((m) => m.startsAt)).toEqual([at('2026-12-03 08:00'), at('2027-01-05 09:00')]);
      expect(upcoming[1]!.id).toBe(january.id);
      expect(t.services.meetings.get(first.id)!.status).toBe('cancelled');
      const seriesNote = await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellMember.id && String(p.text).includes('chuyển từ 14h30 03/12/2026'));
      expect(String(seriesNote.params.text)).toContain('Thứ Năm, 03/12/2026, 8h00–9h30');
      await t.settle();
      expect(t.fake.sentMessages(cellMember.id).filter((p) => String(p.text).includes('chuyển từ') && String(p.text).includes('05/01/2027'))).toHaveLength(1);

      // Later occurrences come at the new time.
      clock().set(at('2027-01-10 09:00'));
      plan();
      expect(t.services.meetings.between(at('2027-02-01 00:00'), at('2027-03-01 00:00'), [bloc.cell.id], false).map((m) => m.startsAt)).toEqual([
        at('2027-02-03 08:00'),
      ]);
    });

    it.each(['the service messages', 'a 400 migrate_to_chat_id'])(
      'a group upgraded to a supergroup while its reminder is queued gets that reminder once, and a later update once (%s)',
      async (how) => {
        const upgraded = supergroup(-1001000009300, cellGroup.title);
        /** Waits until nothing of this meeting that is due is still waiting (a group gets one message per 3 s). */
        const drained = async (m: Meeting) => {
          for (let i = 0; i < 200; i++) {
            const now = clock().now().getTime();
            const waiting = t.services.outbox.rowsOf('meeting', m.id, ['pending', 'sending']).filter((r) => r.nextAttemptAt.getTime() <= now);
            if (waiting.length === 0) return;
            await sleep(100);
          }
          throw new Error('the outbox did not drain');
        };
        const m = schedule(at('2026-12-03 14:30'));
        await announced(m); // sent to the basic group
        clock().set(at('2026-12-02 14:28'));
        plan();
        expect(t.services.outbox.rowsOf('meeting', m.id, ['pending']).map((r) => r.chatId)).toContain(cellGroup.id);

        t.fake.migrateChat(cellGroup.id, upgraded.id);
        if (how === 'the service messages') {
          t.fake.pushUpdate(migrateToChatMessage(cellGroup, upgraded.id));
          t.fake.pushUpdate(migrateFromChatMessage(upgraded, cellGroup.id));
          await t.settle();
          expect(t.services.chats.get(upgraded.id)).toMatchObject({ branchId: bloc.cell.id, status: 'active' });
        }
        // The planner runs again and again while the reminder waits, before and after it is due.
        plan();
        clock().set(at('2026-12-02 14:30'));
        plan();
        await t.fake.waitFor('sendMessage', (p) => p.chat_id === upgraded.id && isReminder(p as SentParams));
        for (let i = 0; i < 3; i++) {
          clock().advance(30_000);
          plan();
          await drained(m);
        }
        expect(remindersTo(upgraded.id, m)).toHaveLength(1);
        expect(remindersTo(cellMember.id, m)).toHaveLength(1);
        expect(t.services.chats.get(cellGroup.id)?.status).toBe('migrated');

        // Told under both ids (the announcement before, the reminder after): the move is told once.
        t.services.meetings.move(m.id, at('2026-12-04 15:00'), SYSTEM);
        t.app.sender.wake();
        await t.fake.waitFor('sendMessage', (p) => p.chat_id === upgraded.id && String(p.text).startsWith('🔁'));
        await drained(m);
        expect(t.fake.sentMessages(upgraded.id).filter((p) => String(p.text).startsWith('🔁'))).toHaveLength(1);
        // And the new time's reminder goes once, to the supergroup.
        clock().set(at('2026-12-03 15:00'));
        plan();
        await t.fake.waitFor('sendMessage', (p) => p.chat_id === upgraded.id && isReminder(p as SentParams) && String(p.text).includes('04/12/2026'));
        plan();
        await drained(m);
        expect(remindersTo(upgraded.id, m)).toHaveLength(2);
      },
      40_000,
    );

    it('after downtime, reminders that fell due go out at start-up marked late, once; none for a cancelled or started meeting', async () => {
      const m = schedule(at('2026-12-03 14:30'));
      const cancelled = schedule(at('2026-12-03 15:00'), { title: 'Sẽ bị hủy' });
      const started = schedule(at('2026-12-03 12:45'), { title: 'Đã bắt đầu' });
      await announced(m);
      await announced(cancelled);
      await announced(started);
      t.services.meetings.cancel(cancelled.id, SYSTEM);
      await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellMember.id && String(p.text).startsWith('🗑'));

      await t.app.stop();
      clock().set(at('2026-12-03 13:00')); // both reminders fell due while the bot was down
      const mark = t.fake.mark();
      await t.restart();
      const late = await t.fake.waitForCount('sendMessage', 6, { after: mark, predicate: (p) => isReminder(p as SentParams), timeoutMs: 8000 });
      for (const r of late) {
        expect(String(r.params.text)).toContain(`#${m.id}`);
        expect(String(r.params.text)).toContain('⚠️ Tin nhắc này gửi muộn do hệ thống gián đoạn.');
      }
      expect(late.map((r) => String(r.params.text).match(/còn (1 ngày|2 giờ)/)![1]).sort()).toEqual(['1 ngày', '1 ngày', '1 ngày', '2 giờ', '2 giờ', '2 giờ']);

      await t.restart();
      plan();
      await t.outboxIdle(); // whatever the planner made due has gone
      for (const chatId of [cellGroup.id, cellSecretary.id, cellMember.id]) {
        expect(remindersTo(chatId, m)).toHaveLength(2);
        expect(remindersTo(chatId, cancelled)).toEqual([]);
        expect(remindersTo(chatId, started)).toEqual([]);
      }
    }, 40_000);
  });

  // ---------------------------------------------------------------- /diemdanh

  describe('/diemdanh', () => {
    it('cycles present → excused → unexcused; finishing keeps the rate; three unexcused absences in a year flag the member to the secretary once', async () => {
      const held = ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'].map((d, i) =>
        schedule(at(`${d} 08:00`), { title: `Sinh hoạt chi bộ lần ${i + 1}` }),
      );
      for (const m of held) await announced(m, [cellSecretary.id]);
      clock().set(at('2026-11-28 10:00'));
      expect(await type(member, '/diemdanh', 'dành cho')).toContain('Lệnh /diemdanh dành cho');

      async function takeAttendance(index: number, presses: number, expected: string[]): Promise<string> {
        const list = await type(cellSecretary, '/diemdanh', 'chọn cuộc họp để điểm danh');
        expect(list).toContain('14 ngày qua');
        const day = held[index]!.startsAt;
        const label = new RegExp(`8h00 ${String(day.getUTCDate()).padStart(2, '0')}/11/2026 · Sinh hoạt chi bộ lần ${index + 1}`);
        let mark = t.fake.mark();
        t.fake.pressButton(cellSecretary, lastWithButton(cellSecretary.id, label), label);
        const sheet = await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellSecretary.id && String(p.text).includes('Điểm danh:'), { after: mark });
        const sheetMessage = sheet.response.result as Message;
        expect(String(sheet.params.text)).toContain(`Điểm danh: Sinh hoạt chi bộ lần ${index + 1}</b> (8h00`);
        expect(buttonsOf(sheet.params).map((b) => b.text)).toEqual(['⬜ Hoàng Minh Em', '⬜ Đặng Quốc Đạt', '✔ Hoàn tất điểm danh']);
        const states: string[] = [];
        for (let i = 0; i < presses; i++) {
          mark = t.fake.mark();
          t.fake.pressButton(cellSecretary, sheetMessage, /Hoàng Minh Em/);
          const edit = await t.fake.waitFor('editMessageText', (p) => p.chat_id === cellSecretary.id, { after: mark });
          states.push(buttonsOf(edit.params)[0]!.text);
        }
        expect(states).toEqual(expected);
        mark = t.fake.mark();
        t.fake.pressButton(cellSecretary, sheetMessage, /Hoàn tất/);
        return next(cellSecretary.id, 'Đã lưu điểm danh', mark);
      }

      const first = await takeAttendance(0, 6, ['✅ Hoàng Minh Em', '🟡 Hoàng Minh Em', '🔴 Hoàng Minh Em', '✅ Hoàng Minh Em', '🟡 Hoàng Minh Em', '🔴 Hoàng Minh Em']);
      expect(first).toBe('✅ Đã lưu điểm danh “Sinh hoạt chi bộ lần 1”: có mặt 1/2 (50%).');
      expect(t.services.meetings.get(held[0]!.id)).toMatchObject({ attendanceRate: 50 });
      expect(t.services.meetings.attendanceSheet(held[0]!.id).map((r) => [r.fullName, r.status])).toEqual([
        ['Hoàng Minh Em', 'unexcused'],
        ['Đặng Quốc Đạt', 'present'],
      ]);
      expect(await takeAttendance(1, 3, ['✅ Hoàng Minh Em', '🟡 Hoàng Minh Em', '🔴 Hoàng Minh Em'])).not.toContain('đã báo bí thư');
      const third = await takeAttendance(2, 3, ['✅ Hoàng Minh Em', '🟡 Hoàng Minh Em', '🔴 Hoàng Minh Em']);
      expect(third).toContain('⚠️ Hoàng Minh Em: đã vắng mặt ba lần trở lên trong năm không có lý do chính đáng. Bot đã báo bí thư để chi bộ xem xét theo Điều lệ Đảng.');
      const flag = await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellSecretary.id && String(p.text).includes('vắng mặt 3 lần'));
      expect(String(flag.params.text)).toBe(
        '⚠️ Đồng chí <b>Hoàng Minh Em</b> đã vắng mặt 3 lần trong năm 2026 không có lý do chính đáng. Theo Điều lệ Đảng, chi bộ xem xét trường hợp này.',
      );
      // A fourth one: no second flag.
      expect(await takeAttendance(3, 3, ['✅ Hoàng Minh Em', '🟡 Hoàng Minh Em', '🔴 Hoàng Minh Em'])).not.toContain('đã báo bí thư');
      await t.settle(); // the handlers and the outbox are done: a second flag would have gone
      expect(t.fake.sentMessages(cellSecretary.id).filter((p) => String(p.text).includes('chi bộ xem xét trường hợp này'))).toHaveLength(1);
      expect(t.fake.sentMessages(cellMember.id).filter((p) => String(p.text).includes('chi bộ xem xét'))).toEqual([]);
      // The list marks the ones done.
      expect(await type(cellSecretary, '/diemdanh', 'chọn cuộc họp')).toBeTruthy();
      expect(buttonsOf(t.fake.sentMessages(cellSecretary.id).at(-1)!).filter((b) => b.text.endsWith('✔'))).toHaveLength(4);
    }, 30_000);
  });

  // ---------------------------------------------------------------- /nhacnho

  describe('/nhacnho', () => {
    it('a member turns private reminders off and on; a secretary sets the branch’s reminder times; bad input gets an example', async () => {
      const status = await type(cellMember, '/nhacnho', 'Nhắc lịch họp qua tin nhắn riêng');
      expect(status).toContain('đang bật');
      expect(status).toContain('<b>Chi bộ Công ty TNHH A&amp;B</b> được nhắc trước giờ họp: 1 ngày, 2 giờ.');
      expect(status).not.toContain('Bí thư, phó bí thư đổi bằng');
      expect(await type(cellMember, '/nhacnho tắt', 'Đã tắt')).toContain('vẫn nhận thông báo lịch họp mới');
      expect(t.services.members.getById(bloc.cellMember.id)!.privateReminders).toBe(false);
      expect(await type(cellMember, '/nhacnho', 'Nhắc lịch họp')).toContain('đang tắt');
      expect(await type(cellMember, '/nhacnho 1 ngay', 'Chỉ bí thư')).toContain('/nhacnho tat');

      expect(await type(cellSecretary, '/nhacnho', 'Nhắc lịch họp')).toContain('Bí thư, phó bí thư đổi bằng');
      expect(await type(cellSecretary, '/nhacnho 2 tuần', 'Chưa hiểu')).toContain('<code>/nhacnho 1 ngay, 2 gio</code>');
      expect(await type(cellSecretary, '/nhacnho 20 ngày', 'Chưa hiểu')).toBeTruthy();
      expect(await type(cellSecretary, '/nhacnho 1 ngay, 2 gio, 3 gio, 4 gio, 5 gio', 'Chưa hiểu')).toBeTruthy();
      expect(await type(cellSecretary, '/nhacnho 3 ngày, 30 phút', 'sẽ được nhắc')).toBe(
        '✅ <b>Chi bộ Công ty TNHH A&amp;B</b> sẽ được nhắc trước giờ họp: 3 ngày, 30 phút.',
      );
      expect(t.services.meetingNotifier.reminderOffsets(bloc.cell.id)).toEqual([4320, 30]);
      expect(await type(cellSecretary, '/nhacnho mặc định', 'sẽ được nhắc')).toContain('1 ngày, 2 giờ');
      expect(await type(cellSecretary, '/nhacnho 30 phut', 'sẽ được nhắc')).toContain('30 phút');
      const inGroup = await t.say(cellSecretary, cellGroup, '/nhacnho');
      expect(inGroup).toContain('chỉ dùng khi nhắn riêng');

      // The effect: 30 minutes before, the group and the secretary are reminded; not the member who turned it off.
      const m = schedule(at('2026-12-03 14:30'));
      await announced(m); // announcements still reach the member
      clock().set(at('2026-12-03 14:00'));
      plan();
      for (const chatId of [cellGroup.id, cellSecretary.id]) {
        const r = await t.fake.waitFor('sendMessage', (p) => p.chat_id === chatId && isReminder(p as SentParams));
        expect(String(r.params.text)).toContain('còn 30 phút');
      }
      await t.outboxIdle(); // whatever the planner made due has gone
      expect(remindersTo(cellMember.id)).toEqual([]);
      expect(await type(cellMember, '/nhacnho bật', 'Đã bật')).toBeTruthy();
      expect(t.services.members.getById(bloc.cellMember.id)!.privateReminders).toBe(true);
    });
  });
});
