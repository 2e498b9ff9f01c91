/**
 * Long lists in one message, through the real bot against the fake Bot API: /lichhop (a line and
 * a button per meeting, ◀ ▶ editing the same message, the card opened in place), the office's
 * whole-bloc view, forged and stale buttons, the /diemdanh sheet beyond 100 buttons, search
 * results, the branches matching a name, and the branch picker of /guithongbao.
 */
import type { Chat, InlineKeyboardButton, Message, User } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdjustableClock } from '../../src/clock.js';
import type { MeetingKind } from '../../src/db/schema.js';
import { SYSTEM } from '../../src/services/actor.js';
import type { Meeting } from '../../src/services/meetings.js';
import type { RecordedCall } from '../fake-telegram/server.js';
import { group, privateChat, user } from '../fake-telegram/updates.js';
import { SCRIPTED_MEMBERS, TestBot } from '../helpers/app.js';
import { confirmMeeting, seedSmallBloc } from '../helpers/db.js';

/** A local wall time in Hà Nội (UTC+7), e.g. at('2026-12-03 14:30'). */
const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
const buttonsOf = (m: { reply_markup?: unknown }) =>
  ((m.reply_markup as { inline_keyboard?: InlineKeyboardButton.CallbackButton[][] } | undefined)?.inline_keyboard ?? []).flat();
const labels = (m: { reply_markup?: unknown }) => buttonsOf(m).map((b) => b.text);
/** What Telegram counts: the visible text, in UTF-16 code units. */
const visibleLength = (html: string) =>
  html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&').length;

describe('long lists in one message (end to end)', () => {
  let t: TestBot;
  let bloc: ReturnType<typeof seedSmallBloc>;
  const office = user(9400, { first_name: 'Văn phòng' }); // no branch
  const secretary = user(9401); // DB01 secretary
  const member = user(9403); // DB01 member
  const cellSecretary = user(9405); // CB02 secretary
  const cellMember = user(9406); // CB02 member
  const cellGroup = group(-9450, 'Nhóm CB02');
  const clock = () => t.clock as AdjustableClock;

  beforeEach(async () => {
    t = await TestBot.start({ adminIds: [office.id], telegram: SCRIPTED_MEMBERS }); // Monday 23/11/2026, 14h00 in Hà Nội
    bloc = seedSmallBloc(t.services);
    t.linkMembers([bloc.secretary, secretary], [bloc.member, member], [bloc.cellSecretary, cellSecretary], [bloc.cellMember, cellMember]);
    t.fake.knowChats(office); // in real life through /start
  });
  afterEach(async () => {
    await t.stop();
  });

  /** A confirmed meeting, as /taolich makes it (CB02's by its secretary unless said otherwise). */
  function schedule(startsAt: Date, o: { branchId?: number | null; title?: string; kind?: MeetingKind; by?: number } = {}): Meeting {
    const by = o.by ?? bloc.cellSecretary.id;
    return confirmMeeting(t.services, {
        branchId: o.branchId === undefined ? bloc.cell.id : o.branchId,
        kind: o.kind ?? 'regular',
        title: o.title ?? 'Sinh hoạt chi bộ',
        startsAt,
        location: 'Hội trường A&B',
        agenda: 'Kiểm điểm công tác',
      }, by);
  }

  /** Sends a command and returns every message the bot sent to that chat for it (handlers and outbox done). */
  async function answersTo(from: User, chatId: number, text: string, chat: Chat.PrivateChat | Chat.GroupChat = privateChat(from)): Promise<RecordedCall[]> {
    await t.settle(); // announcements of the meetings made above have gone
    const mark = t.fake.mark();
    t.fake.sendText(from, chat, text);
    await t.fake.waitFor('sendMessage', (p) => p.chat_id === chatId, { after: mark });
    await t.settle();
    return t.fake.calls.slice(mark).filter((c) => c.method === 'sendMessage' && c.params.chat_id === chatId && c.response.ok);
  }

  /** Presses the button labelled `label` on `message` (its current version); returns the edit it brought. */
  async function pressEdit(from: User, message: Message, label: RegExp): Promise<RecordedCall> {
    const mark = t.fake.mark();
    t.fake.pressButton(from, message, label);
    const edit = await t.fake.waitFor('editMessageText', (p) => p.chat_id === message.chat.id && p.message_id === message.message_id, { after: mark });
    expect(edit.response.ok).toBe(true);
    return edit;
  }

  const current = (m: Message) => t.fake.currentMessage(m.chat.id, m.message_id)!;

  describe('/lichhop', () => {
    it('answers in one message: a line and a button per meeting, ten a page; ◀ ▶ edit that message; a button opens the card in place and comes back', async () => {
      // 23 meetings of CB02 over the next days, with titles as long as allowed and full of markup characters.
      const long = (i: number) => `${String(i).padStart(2, '0')} Sinh hoạt <chuyên đề> & kiểm điểm `.padEnd(200, 'x&<');
      const made = Array.from({ length: 23 }, (_, i) => schedule(at(`2026-12-${String(i + 1).padStart(2, '0')} 14:30`), { title: long(i + 1) }));

      const sent = await answersTo(cellMember, cellMember.id, '/lichhop');
      expect(sent).toHaveLength(1);
      const since = t.fake.mark();
      const list = sent[0]!.response.result as Message;
      const text = String(sent[0]!.params.text);
      expect(text).toContain('<b>Lịch họp 30 ngày tới</b> (trang 1/3)');
      expect(text).toContain('1. <b>01/12 14h30</b> · Định kỳ · 01 Sinh hoạt &lt;chuyên đề&gt; &amp; kiểm điểm');
      expect(text).toContain('10. <b>10/12 14h30</b>');
      expect(text).not.toContain('11. ');
      expect(visibleLength(text)).toBeLessThanOrEqual(4096);
      const buttons = buttonsOf(sent[0]!.params);
      expect(buttons).toHaveLength(11);
      expect(buttons.slice(0, 10).map((b) => b.callback_data)).toEqual(made.slice(0, 10).map((m) => `mlo:${m.id}:0:0:0`));
      expect(buttons[0]!.text).toMatch(/^1\. 01\/12 14h30 · 01 Sinh hoạt <chuyên đề>/);
      expect(buttons[10]!.text).toBe('Trang sau ▶');
      for (const b of buttons) expect(Buffer.byteLength(b.callback_data, 'utf8')).toBeLessThanOrEqual(64);

      // ▶ twice, then ◀: the same message, edited.
      let edit = await pressEdit(cellMember, list, /Trang sau/);
      expect(String(edit.params.text)).toContain('(trang 2/3)');
      expect(String(edit.params.text)).toContain('11. <b>11/12 14h30</b>');
      expect(labels(edit.params).slice(-2)).toEqual(['◀ Trang trước', 'Trang sau ▶']);
      edit = await pressEdit(cellMember, list, /Trang sau/);
      expect(String(edit.params.text)).toContain('(trang 3/3)');
      // 22 of them: the 23rd, 23/12 14h30, is beyond the 30 days.
      expect(buttonsOf(edit.params)).toHaveLength(3); // 2 meetings and ◀
      edit = await pressEdit(cellMember, list, /Trang trước/);
      expect(String(edit.params.text)).toContain('(trang 2/3)');

      // The 12th meeting's button: its card, in place, with RSVP and the way back to page 2.
      edit = await pressEdit(cellMember, list, /^12\. /);
      expect(String(edit.params.text)).toContain(`#${made[11]!.id}`);
      expect(String(edit.params.text)).toContain('📍 Hội trường A&amp;B');
      expect(labels(edit.params)).toEqual(['✅ Tham dự', '❌ Vắng', '◀ Danh sách cuộc họp']);
      const rsvp = await t.press(cellMember, current(list), `rv:${made[11]!.id}:1`);
      expect(String(rsvp.params.text)).toContain('sẽ tham dự');
      expect(t.services.meetings.rsvpOf(made[11]!.id, bloc.cellMember.id)).toEqual({ response: 'yes', reason: null });
      edit = await pressEdit(cellMember, list, /Danh sách cuộc họp/);
      expect(String(edit.params.text)).toContain('(trang 2/3)');
      // Nothing but edits since the list: no card came as a message of its own.
      await t.settle();
      expect(t.fake.calls.slice(since).filter((c) => c.method === 'sendMessage' && c.params.chat_id === cellMember.id)).toEqual([]);

      // The secretary's card has the counts and the move and cancel buttons, which work from there.
      const mine = (await answersTo(cellSecretary, cellSecretary.id, '/lichhop'))[0]!.response.result as Message;
      const card = await pressEdit(cellSecretary, mine, /^1\. /);
      expect(String(card.params.text)).toContain('Đã đăng ký: 0 tham dự · 0 vắng · 2 chưa trả lời');
      expect(labels(card.params)).toEqual(['✅ Tham dự', '❌ Vắng', '🔁 Dời lịch', '🗑 Hủy họp', '◀ Danh sách cuộc họp']);
      const mark = t.fake.mark();
      t.fake.pressButton(cellSecretary, current(mine), /Hủy họp/);
      await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellSecretary.id && String(p.text).includes('Hủy cuộc họp “01 Sinh hoạt'), { after: mark });
    }, 40_000);

    it('a range ("tuần này") and a named branch page the same way; in a group the card comes as its own message', async () => {
      for (let i = 0; i < 12; i++) schedule(at(`2026-11-${24 + (i % 6)} ${String(8 + i).padStart(2, '0')}:00`), { title: `Họp tuần này ${i + 1}` });
      const week = (await answersTo(cellMember, cellMember.id, 'lịch họp tuần này'))[0]!;
      expect(String(week.params.text)).toContain('<b>Lịch họp tuần này (23/11–29/11/2026)</b> (trang 1/2)');
      const edit = await pressEdit(cellMember, week.response.result as Message, /Trang sau/);
      expect(String(edit.params.text)).toContain('<b>Lịch họp tuần này (23/11–29/11/2026)</b> (trang 2/2)');
      expect(buttonsOf(edit.params).map((b) => b.callback_data)).toContain('mlp:0:3:0');

      const named = (await answersTo(office, office.id, '/lichhop CB02'))[0]!;
      expect(String(named.params.text)).toContain('<b>Lịch họp 30 ngày tới</b>: Chi bộ Công ty TNHH A&amp;B (trang 1/2)');
      expect(buttonsOf(named.params).at(-1)!.callback_data).toBe(`mlp:${bloc.cell.id}:0:1`);

      t.services.chats.recordPresent({ id: cellGroup.id, type: 'group', title: cellGroup.title }, null, SYSTEM);
      t.services.chats.link(cellGroup.id, bloc.cell.id, SYSTEM);
      t.fake.knowChats(cellGroup.id);
      const inGroup = (await answersTo(cellMember, cellGroup.id, '/lichhop', cellGroup))[0]!;
      const list = inGroup.response.result as Message;
      expect(String(inGroup.params.text)).toContain(': Chi bộ Công ty TNHH A&amp;B (trang 1/2)');
      const mark = t.fake.mark();
      // Someone of another branch in the group opens a card of the group's list: it comes as a message.
      t.fake.pressButton(member, list, /^1\. /);
      const card = await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellGroup.id, { after: mark });
      expect(String(card.params.text)).toContain('Họp tuần này 1');
      expect(labels(card.params)).toEqual(['✅ Tham dự', '❌ Vắng']);
      expect(current(list).text).toContain('(trang 1/2)'); // the list stays for everyone
    }, 40_000);

    it('every press is checked again: another branch’s meeting or list by forged data is refused, a page out of range answered, a cancelled meeting drops out', async () => {
      const cellMeetings = Array.from({ length: 12 }, (_, i) => schedule(at(`2026-12-${String(i + 1).padStart(2, '0')} 08:00`), { title: `Chi bộ A&B lần ${i + 1}` }));
      const list = (await answersTo(cellMember, cellMember.id, '/lichhop'))[0]!.response.result as Message;

      // A DB01 member forging buttons of CB02.
      const probe = (await answersTo(member, member.id, '/trogiup'))[0]!.response.result as Message;
      const forged = async (data: string) => String((await t.press(member, probe, data, true)).params.text);
      expect(await forged(`mlo:${cellMeetings[0]!.id}:0:0:0`)).toContain('Cuộc họp này không thuộc tổ chức đảng của đồng chí');
      expect(await forged(`mlp:${bloc.cell.id}:0:0`)).toContain('Đồng chí chỉ xem được lịch họp của tổ chức đảng mình');
      expect(await forged('mlp:0:9:0')).toContain('Nút này đã hết hiệu lực');
      expect(await forged('mlo:999999:0:0:0')).toContain('Nút này đã hết hiệu lực');
      await t.settle();
      expect(t.fake.calls.filter((c) => c.method === 'editMessageText' && c.params.chat_id === member.id)).toEqual([]);

      // A page beyond the end (a shortened list, or forged): the last page, answered.
      const mark = t.fake.mark();
      await t.press(cellMember, list, 'mlp:0:0:99', true);
      const last = await t.fake.waitFor('editMessageText', (p) => p.chat_id === cellMember.id, { after: mark });
      expect(String(last.params.text)).toContain('(trang 2/2)');

      // Cancelled since the list was drawn: the press says so and the list is drawn again without it.
      t.services.meetings.cancel(cellMeetings[10]!.id, SYSTEM);
      const mark2 = t.fake.mark();
      t.fake.pressButton(cellMember, current(list), /^11\. /);
      const answer = await t.fake.waitFor('answerCallbackQuery', undefined, { after: mark2 });
      expect(String(answer.params.text)).toContain('Cuộc họp này đã bị hủy');
      const redrawn = await t.fake.waitFor('editMessageText', (p) => p.chat_id === cellMember.id, { after: mark2 });
      expect(String(redrawn.params.text)).not.toContain('lần 11');
      expect(String(redrawn.params.text)).toContain('Chi bộ A&amp;B lần 12');
      // Pressed twice: the message already shows that page; answered, nothing breaks.
      await t.press(cellMember, current(list), buttonsOf(current(list)).find((b) => b.text.startsWith('◀'))!.callback_data);
      await t.press(cellMember, current(list), buttonsOf(current(list)).find((b) => b.text.startsWith('◀'))!.callback_data, true);
      await t.settle();
      expect(t.logLines.join('')).not.toContain('"level":50');
    }, 40_000);

    it('the office without a branch sees the whole bloc, the bloc’s own meetings first', async () => {
      for (let i = 0; i < 9; i++) schedule(at(`2026-11-${25 + (i % 5)} ${String(8 + i).padStart(2, '0')}:00`), { title: `Chi bộ A&B ${i + 1}` });
      for (let i = 0; i < 4; i++) schedule(at(`2026-12-0${i + 1} 08:00`), { branchId: bloc.committee.id, by: bloc.secretary.id, title: `Đảng ủy Sở ${i + 1}` });
      const conference = schedule(at('2026-12-20 08:00'), { branchId: null, kind: 'briefing', title: 'Hội nghị quán triệt nghị quyết', by: bloc.cellSecretary.id });
      const sent = await answersTo(office, office.id, '/lichhop');
      expect(sent).toHaveLength(1);
      const text = String(sent[0]!.params.text);
      expect(text).toContain('<b>Lịch họp 30 ngày tới</b>: Toàn Đảng bộ Khối (trang 1/2)');
      expect(text).toContain('1. <b>20/12 8h00</b> · Quán triệt nghị quyết · Hội nghị quán triệt nghị quyết · Toàn Đảng bộ Khối');
      expect(text).toContain('2. <b>25/11 8h00</b> · Định kỳ · Chi bộ A&amp;B 1 · A&amp;B');
      expect(buttonsOf(sent[0]!.params)[0]!.callback_data).toBe(`mlo:${conference.id}:0:0:0`);
      const edit = await pressEdit(office, sent[0]!.response.result as Message, /Trang sau/);
      expect(String(edit.params.text)).toContain('Đảng ủy Sở 4 · Đảng bộ Sở &lt;Tài chính&gt;');
    }, 40_000);
  });

  describe('/diemdanh', () => {
    it('with 120 members the sheet pages (never over 100 buttons) and records a member of page 2', async () => {
      for (let i = 1; i <= 118; i++) {
        t.services.members.create({ code: `DV9${String(i).padStart(3, '0')}`, fullName: `Thành viên ${String(i).padStart(3, '0')}`, branchId: bloc.cell.id, roles: ['member'] }, SYSTEM);
      }
      const held = schedule(at('2026-11-24 08:00'), { title: 'Sinh hoạt chi bộ tháng 11' });
      clock().set(at('2026-11-25 10:00'));
      const choice = (await answersTo(cellSecretary, cellSecretary.id, '/diemdanh'))[0]!.response.result as Message;
      const mark = t.fake.mark();
      t.fake.pressButton(cellSecretary, choice, /Sinh hoạt chi bộ tháng 11/);
      const opened = await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellSecretary.id && String(p.text).includes('Điểm danh:'), { after: mark });
      expect(opened.response.ok).toBe(true);
      const sheet = opened.response.result as Message;
      expect(String(opened.params.text)).toContain('(trang 1/3)');
      expect(String(opened.params.text)).toContain('Đã đánh dấu 0/120 đồng chí.');
      expect(buttonsOf(opened.params)).toHaveLength(52); // 50 names, ▶, finish
      expect(labels(opened.params).slice(-2)).toEqual(['Trang sau ▶', '✔ Hoàn tất điểm danh']);

      const page2 = await pressEdit(cellSecretary, sheet, /Trang sau/);
      expect(String(page2.params.text)).toContain('(trang 2/3)');
      const target = buttonsOf(page2.params)[9]!; // the 60th name (Hoàng Minh Em is the first)
      expect(target.text).toBe('⬜ Thành viên 059');
      const memberId = Number(target.callback_data.split(':')[2]);
      const marked = await pressEdit(cellSecretary, sheet, /^⬜ Thành viên 059$/);
      // Still page 2, with the mark.
      expect(String(marked.params.text)).toContain('(trang 2/3)');
      expect(String(marked.params.text)).toContain('Đã đánh dấu 1/120 đồng chí.');
      expect(labels(marked.params)[9]).toBe('✅ Thành viên 059');
      await pressEdit(cellSecretary, sheet, /^✅ Thành viên 059$/);
      expect(t.services.meetings.attendanceSheet(held.id).find((r) => r.memberId === memberId)?.status).toBe('excused');
      // Page 3 holds the last 20, among them the branch's own two.
      const page3 = await pressEdit(cellSecretary, sheet, /Trang sau/);
      expect(buttonsOf(page3.params)).toHaveLength(22);
      const doneMark = t.fake.mark();
      t.fake.pressButton(cellSecretary, current(sheet), /Hoàn tất/);
      const done = await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellSecretary.id && String(p.text).includes('Đã lưu điểm danh'), { after: doneMark });
      expect(String(done.params.text)).toContain('có mặt 119/120');
      // Every keyboard Telegram was asked to show was accepted.
      expect(t.fake.calls.filter((c) => c.params.chat_id === cellSecretary.id && !c.response.ok)).toEqual([]);
    }, 40_000);
  });

  describe('search', () => {
    it('/tim pages its results in one message; in a group only the member who searched turns the pages', async () => {
      for (let i = 0; i < 19; i++) schedule(at(`2026-12-${String(i + 1).padStart(2, '0')} 08:00`), { kind: 'thematic', title: `Chuyên đề học tập số ${i + 1}` });
      const sent = await answersTo(cellMember, cellMember.id, '/tim chuyen de hoc tap');
      expect(sent).toHaveLength(1);
      const results = sent[0]!.response.result as Message;
      expect(String(sent[0]!.params.text)).toContain('🔎 Kết quả cho “chuyen de hoc tap”: (trang 1/3)');
      expect(buttonsOf(sent[0]!.params).filter((b) => b.callback_data.startsWith('op:'))).toHaveLength(8);
      const page2 = await pressEdit(cellMember, results, /Trang sau/);
      expect(String(page2.params.text)).toContain('(trang 2/3)');
      const page2Titles = labels(page2.params).filter((l) => l.startsWith('📅'));
      expect(page2Titles).toHaveLength(8);
      expect(labels(sent[0]!.params).filter((l) => page2Titles.includes(l))).toEqual([]);
      // A result button still opens the item.
      const mark = t.fake.mark();
      t.fake.pressButton(cellMember, current(results), /^📅/);
      const card = await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellMember.id, { after: mark });
      expect(String(card.params.text)).toContain('Chuyên đề học tập số');

      t.services.chats.recordPresent({ id: cellGroup.id, type: 'group', title: cellGroup.title }, null, SYSTEM);
      t.fake.knowChats(cellGroup.id);
      const inGroup = (await answersTo(cellMember, cellGroup.id, '/tim chuyen de hoc tap', cellGroup))[0]!.response.result as Message;
      const refused = await t.press(cellSecretary, inGroup, 'sp:1');
      expect(String(refused.params.text)).toContain('Danh sách này là của người đã hỏi');
      await pressEdit(cellMember, inGroup, /Trang sau/);
      // A page button under a message whose search is not remembered (forged, or long gone) has expired.
      const old = await t.press(cellMember, (await answersTo(cellMember, cellMember.id, '/trogiup'))[0]!.response.result as Message, 'sp:1', true);
      expect(String(old.params.text)).toContain('Nút này đã hết hiệu lực');
    }, 40_000);
  });

  describe('branch pickers', () => {
    beforeEach(() => {
      for (let i = 10; i < 35; i++) t.services.branches.upsert({ code: `CB${i}`, name: `Chi bộ Trường số ${i}`, kind: 'cell', clusterId: bloc.cluster.id }, SYSTEM);
    });

    it('the branches matching a name are one message, a page at a time', async () => {
      const sent = await answersTo(office, office.id, '/chibo truong so');
      expect(sent).toHaveLength(1);
      expect(String(sent[0]!.params.text)).toContain('Có nhiều tổ chức đảng khớp với “truong so”. Đồng chí vui lòng gõ lại bằng mã: (trang 1/2)');
      expect(String(sent[0]!.params.text)).toContain('• <code>CB29</code> Chi bộ Trường số 29');
      expect(String(sent[0]!.params.text)).not.toContain('CB30');
      const page2 = await pressEdit(office, sent[0]!.response.result as Message, /Trang sau/);
      expect(String(page2.params.text)).toContain('• <code>CB34</code> Chi bộ Trường số 34');
      expect(String(page2.params.text)).not.toContain('CB29');
    });

    it('/taolich: a committee secretary with many cells picks one on a paged list (a forged choice redraws the page)', async () => {
      for (let i = 2; i <= 13; i++) {
        t.services.branches.upsert({ code: `DB01-${String(i).padStart(2, '0')}`, name: `Chi bộ Phòng số ${i}`, kind: 'subcell', parentId: bloc.committee.id, clusterId: bloc.cluster.id }, SYSTEM);
      }
      const chat = privateChat(secretary);
      expect(await t.say(secretary, chat, '/taolich')).toContain('Đồng chí vui lòng chọn loại cuộc họp:');
      let mark = t.fake.mark();
      t.fake.pressButton(secretary, t.fake.lastSentMessage(secretary.id)!, /kết hợp chuyên đề/);
      const pickerCall = await t.fake.waitFor('sendMessage', (p) => p.chat_id === secretary.id, { after: mark });
      const picker = pickerCall.response.result as Message;
      // The committee and its 13 cells, ten a page.
      expect(String(pickerCall.params.text)).toContain('Cuộc họp của tổ chức đảng nào? (trang 1/2)');
      expect(labels(pickerCall.params)[0]).toBe('Đảng bộ Sở <Tài chính>');
      expect(labels(pickerCall.params).at(-1)).toBe('Trang sau ▶');
      const page2 = await pressEdit(secretary, picker, /Trang sau/);
      expect(labels(page2.params)).toContain('Chi bộ Phòng số 13');
      // Another branch's id, forged: the page is drawn again, nothing chosen.
      mark = t.fake.mark();
      t.fake.press(secretary, current(picker), `tl:br:${bloc.cell.id}`, { unchecked: true });
      await t.fake.waitFor('answerCallbackQuery', undefined, { after: mark });
      await t.settle();
      expect(t.fake.calls.slice(mark).some((c) => c.method === 'sendMessage' && c.params.chat_id === secretary.id)).toBe(false);
      mark = t.fake.mark();
      t.fake.pressButton(secretary, current(picker), /Phòng số 13/);
      await t.fake.waitFor('sendMessage', (p) => p.chat_id === secretary.id && String(p.text).includes('Thời gian họp?'), { after: mark });
      await t.say(secretary, chat, '/huy');
    });

    it('/guithongbao: the office ticks branches on a paged list (◀ ▶ edit it), a branch of page 3 included', async () => {
      const chat = privateChat(office);
      expect(await t.say(office, chat, '/guithongbao')).toContain('Đồng chí vui lòng gửi nội dung thông báo');
      expect(await t.say(office, chat, 'Kế hoạch kiểm điểm cuối năm')).toContain('Gửi đến đối tượng nào?');
      let mark = t.fake.mark();
      t.fake.pressButton(office, t.fake.lastSentMessage(office.id)!, /Chọn tổ chức đảng/);
      const pickerCall = await t.fake.waitFor('sendMessage', (p) => p.chat_id === office.id, { after: mark });
      const picker = pickerCall.response.result as Message;
      // 27 grassroots organisations (the cell under DB01 is reached with "and their cells"), ten a page.
      expect(String(pickerCall.params.text)).toContain('(trang 1/3)');
      expect(labels(pickerCall.params).slice(0, 2)).toEqual(['☐ CB02 · A&B', '☐ CB10 · Chi bộ Trường số 10']);
      expect(labels(pickerCall.params).slice(-2)).toEqual(['Trang sau ▶', '✔ Xong (đã chọn 0)']);
      await pressEdit(office, picker, /^☐ CB02/);
      await pressEdit(office, picker, /Trang sau/);
      const page3 = await pressEdit(office, picker, /Trang sau/);
      expect(String(page3.params.text)).toContain('(trang 3/3)');
      const ticked = await pressEdit(office, picker, /^☐ DB01/);
      expect(labels(ticked.params)).toContain('☑ DB01 · Đảng bộ Sở <Tài chính>');
      expect(labels(ticked.params).at(-1)).toBe('✔ Xong (đã chọn 2)');
      mark = t.fake.mark();
      t.fake.pressButton(office, current(picker), /Xong/);
      const sub = await t.fake.waitFor('sendMessage', (p) => p.chat_id === office.id, { after: mark });
      expect(String(sub.params.text)).toContain('chi bộ trực thuộc');
      mark = t.fake.mark();
      t.fake.pressButton(office, sub.response.result as Message, /^Không$/);
      await t.fake.waitFor('sendMessage', (p) => p.chat_id === office.id && String(p.text).includes('Gửi theo hình thức nào?'), { after: mark });
      mark = t.fake.mark();
      t.fake.pressButton(office, t.fake.lastSentMessage(office.id)!, /^Tin nhắn riêng tới/);
      await t.fake.waitFor('sendMessage', (p) => p.chat_id === office.id && String(p.text).includes('Đã nhận'), { after: mark });
      mark = t.fake.mark();
      t.fake.pressButton(office, t.fake.lastSentMessage(office.id)!, /yêu cầu xác nhận/);
      await t.fake.waitFor('sendMessage', (p) => p.chat_id === office.id && String(p.text).includes('Gửi khi nào?'), { after: mark });
      mark = t.fake.mark();
      t.fake.pressButton(office, t.fake.lastSentMessage(office.id)!, /Gửi ngay/);
      const summary = await t.fake.waitFor('sendMessage', (p) => p.chat_id === office.id && String(p.text).includes('Kiểm tra trước khi gửi'), { after: mark });
      expect(String(summary.params.text)).toContain('Chi bộ Công ty TNHH A&amp;B');
      expect(String(summary.params.text)).toContain('Đảng bộ Sở &lt;Tài chính&gt;');
      expect(String(summary.params.text)).toContain('Người nhận: 5 đồng chí');
    }, 40_000);
  });
});
