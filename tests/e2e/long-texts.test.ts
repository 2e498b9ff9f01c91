/**
 * Long texts end to end (issue 11), through the real bot against the fake Bot API, which refuses
 * what Telegram refuses (unbalanced HTML, more than 4,096 characters of text or 1,024 of caption):
 * input over its limit is refused and changes nothing; long meeting cards and announcements go in
 * balanced parts with their buttons under the last; a caption over 1,024 characters goes under the
 * file as far as it fits and the rest right after; a message Telegram will not take is reported
 * once to whoever caused it, in plain words.
 */
import type { Message, User } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdjustableClock } from '../../src/clock.js';
import { SYSTEM } from '../../src/services/actor.js';
import { FAILURE_REPORT_DELAY_MS } from '../../src/services/delivery-failures.js';
import type { Meeting } from '../../src/services/meetings.js';
import { parseTelegramHtml } from '../fake-telegram/html.js';
import type { RecordedCall } from '../fake-telegram/server.js';
import { documentMessage, group, inlineQuery, privateChat, user } from '../fake-telegram/updates.js';
import { SCRIPTED_MEMBERS, smallBlocPeople, TestBot } from '../helpers/app.js';
import { confirmMeeting, seedSmallBloc } from '../helpers/db.js';

const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const buttonsOf = (p: { reply_markup?: unknown }) =>
  ((p.reply_markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined)?.inline_keyboard ?? []).flat();
/** What a recipient reads (tags gone, entities decoded), as the fake's port of Telegram's parser sees it. */
const visible = (html: unknown) => {
  const r = parseTelegramHtml(String(html ?? ''));
  if (!r.ok) throw new Error(r.error);
  return r.text;
};
const words = (text: string) => text.split(/\s+/).filter(Boolean);

/** A topic of numbered words as long as one Telegram message can carry (4,096 characters): its card line is longer. */
function longTitle(): string {
  const out: string[] = [];
  while (out.join(' ').length < 4080) out.push(`chủđề${out.length}`);
  const title = out.join(' ');
  return `${title} chủđề${'9'.repeat(4096 - title.length - 6)}`;
}

describe('long texts (end to end)', () => {
  let t: TestBot;
  let bloc: ReturnType<typeof seedSmallBloc>;
  const { office, secretary, member, cellSecretary, cellMember } = smallBlocPeople();
  const cellGroup = group(-9300, 'Nhóm CB02');
  const clock = () => t.clock as AdjustableClock;

  beforeEach(async () => {
    // Conversations scripted at machine speed: a private chat's own flood limit is lifted (see SCRIPTED_MEMBERS).
    t = await TestBot.start({ adminIds: [office.id], telegram: SCRIPTED_MEMBERS }); // Monday 23/11/2026, 14h00 in Hà Nội
    bloc = seedSmallBloc(t.services);
    t.linkMembers([bloc.secretary, secretary], [bloc.member, member], [bloc.cellSecretary, cellSecretary], [bloc.cellMember, cellMember]);
    t.linkGroup(cellGroup, bloc.cell.id);
  });
  afterEach(async () => {
    await t.stop();
  });

  /** Types a text in a private chat and waits for the answer containing `expected`; returns its text. */
  async function type(from: User, text: string, expected: string): Promise<string> {
    const mark = t.fake.mark();
    t.fake.sendText(from, privateChat(from), text);
    const call = await t.fake.waitFor('sendMessage', (p) => p.chat_id === from.id && String(p.text).includes(expected), { after: mark });
    return String(call.params.text);
  }

  function lastWithButton(chatId: number, label: RegExp): Message {
    for (const sent of t.fake.sentMessageResults(chatId).reverse()) {
      if ((sent.reply_markup?.inline_keyboard ?? []).flat().some((b) => label.test(b.text))) return sent;
    }
    throw new Error(`no message to ${chatId} with a button ${String(label)}`);
  }

  async function choose(from: User, label: RegExp, expected: string): Promise<string> {
    const mark = t.fake.mark();
    t.fake.pressButton(from, lastWithButton(from.id, label), label);
    const call = await t.fake.waitFor('sendMessage', (p) => p.chat_id === from.id && String(p.text).includes(expected), { after: mark });
    return String(call.params.text);
  }

  /** A meeting confirmed through the service, as if created before input had limits. */
  function schedule(o: { title?: string; agenda?: string; by?: number } = {}): Meeting {
    const by = o.by ?? bloc.cellSecretary.id;
    return confirmMeeting(t.services, {
        branchId: bloc.cell.id,
        kind: 'regular',
        title: o.title ?? 'Sinh hoạt chi bộ tháng 12',
        startsAt: at('2026-12-03 14:30'),
        location: 'Hội trường A&B',
        agenda: o.agenda ?? 'Kiểm điểm công tác tháng 11',
      }, by);
  }

  /** Waits until every message about `m` has gone, or failed. */
  async function announced(m: Meeting): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (t.services.outbox.rowsOf('meeting', m.id, ['pending', 'sending']).length > 0) {
      if (Date.now() > deadline) throw new Error(`the messages about meeting ${m.id} are still going`);
      await sleep(50);
    }
  }

  /** Every successful send to a chat from the call at `mark` on, oldest first. */
  const sendsTo = (chatId: number, mark = 0): RecordedCall[] =>
    t.fake.calls.slice(mark).filter((c) => c.response.ok && /^send(Message|Document|Photo)$/.test(c.method) && Number(c.params.chat_id) === chatId);

  describe('input over its limit is refused and changes nothing', () => {
    it('/taolich: a 4,000-character topic, a long place and a long agenda are refused with the limits; within them the preview reaches the confirm button', async () => {
      await type(cellSecretary, '/taolich', 'Đồng chí vui lòng chọn loại cuộc họp:');
      await choose(cellSecretary, /^Sinh hoạt chi bộ định kỳ$/, 'Thời gian họp?');
      await type(cellSecretary, '14h30 3/12', 'Thời lượng?');
      await choose(cellSecretary, /^\d+ phút$/, 'Địa điểm họp?');
      expect(await type(cellSecretary, 'Hội trường '.repeat(30), 'Địa điểm quá dài')).toBe(
        'Địa điểm quá dài: 329 ký tự, tối đa 200 ký tự. Đồng chí vui lòng gõ lại địa điểm ngắn gọn hơn.',
      );
      await type(cellSecretary, `Hội trường <tầng 2> & ${'x'.repeat(170)}`, 'Chủ đề');
      const topic = 'x'.repeat(4000);
      expect(await type(cellSecretary, topic, 'Chủ đề quá dài')).toContain('Chủ đề quá dài: 4.000 ký tự, tối đa 200 ký tự.');
      await type(cellSecretary, `Học tập nghị quyết <Đại hội> & ${'y'.repeat(160)}`, 'Chương trình');
      expect(await type(cellSecretary, 'z'.repeat(3001), 'Chương trình quá dài')).toContain('3.001 ký tự, tối đa 3.000 ký tự');
      // The longest agenda, full of characters that HTML escapes: far over 4,096 characters of HTML.
      const agenda = '<A&B> '.repeat(500);
      await type(cellSecretary, agenda, 'vui lòng gửi tài liệu');
      await choose(cellSecretary, /Không có tài liệu/, 'Cuộc họp có lặp lại không?');
      const mark = t.fake.mark();
      t.fake.pressButton(cellSecretary, lastWithButton(cellSecretary.id, /Không lặp lại/), /Không lặp lại/);
      const card = await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellSecretary.id && buttonsOf(p).some((b) => b.callback_data?.startsWith('mk:')), {
        after: mark,
      });
      expect(visible(card.params.text)).toContain('Học tập nghị quyết <Đại hội> & yyy');
      // Nothing over a limit was stored: the draft has what was accepted.
      const draftId = Number(buttonsOf(card.params).find((b) => b.callback_data?.startsWith('mk:'))!.callback_data!.split(':')[1]);
      const draft = t.services.meetings.get(draftId)!;
      expect(draft.title.length).toBeLessThanOrEqual(200);
      expect(draft.location.length).toBeLessThanOrEqual(200);
      expect(draft.agenda).toBe(agenda.trim());
    });

    it('/suahop: a place over 200 characters is refused and the meeting keeps its place', async () => {
      const m = schedule();
      await type(cellSecretary, `/suahop ${m.id}`, 'Đồng chí muốn sửa nội dung nào của cuộc họp');
      await choose(cellSecretary, /^Địa điểm$/, 'Địa điểm mới?');
      expect(await type(cellSecretary, 'p'.repeat(201), 'Địa điểm quá dài')).toContain('201 ký tự, tối đa 200 ký tự');
      expect(t.services.meetings.get(m.id)!.location).toBe('Hội trường A&B');
      await type(cellSecretary, 'Phòng họp số 3', 'Đã cập nhật');
      expect(t.services.meetings.get(m.id)!.location).toBe('Phòng họp số 3');
    });

    it('an absence reason over 500 characters is refused and not recorded; a shorter reply to the same prompt is', async () => {
      const m = schedule();
      const card = await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellMember.id && String(p.text).includes(`#${m.id}`));
      let mark = t.fake.mark();
      await t.press(cellMember, card.response.result as Message, `rv:${m.id}:0`);
      const prompt = await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellMember.id && String(p.text).includes('lý do vắng'), { after: mark });
      mark = t.fake.mark();
      t.fake.replyTo(cellMember, prompt.response.result as Message, 'r'.repeat(501));
      const refused = await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellMember.id, { after: mark });
      expect(String(refused.params.text)).toBe(
        'Lý do quá dài: 501 ký tự, tối đa 500 ký tự, nên chưa được ghi nhận. Đồng chí vui lòng trả lời lại tin nhắn hỏi lý do bằng một lý do ngắn gọn hơn.',
      );
      expect(t.services.meetings.rsvpOf(m.id, bloc.cellMember.id)).toEqual({ response: 'no', reason: null });
      mark = t.fake.mark();
      t.fake.replyTo(cellMember, prompt.response.result as Message, 'Đi công tác');
      await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellMember.id && String(p.text).includes('Đã ghi nhận lý do vắng'), { after: mark });
      expect(t.services.meetings.rsvpOf(m.id, bloc.cellMember.id)).toEqual({ response: 'no', reason: 'Đi công tác' });
    });

    it('/baocao: a note over 500 characters is refused and nothing is saved; a shorter one goes on to the confirm screen', async () => {
      const ind = t.services.indicators;
      const res = ind.upsertResolution(
        { code: 'NQ-2025', name: 'Nghị quyết Đại hội 2025–2030', level: 'bloc', termStartYear: 2025, termEndYear: 2030, current: true, closed: false },
        SYSTEM,
      );
      const admissions = ind.upsertIndicator(
        { resolutionId: res.id, code: 'KN-DV', title: 'Kết nạp đảng viên mới', unit: 'đảng viên', kind: 'term_count', target: 1300, sort: 1 },
        SYSTEM,
      );
      ind.report(admissions.id, bloc.cell.id, '2026-Q2', { numerator: 12, denominator: null, note: null }, null, SYSTEM);
      await type(cellSecretary, '/baocao', 'chọn chỉ tiêu');
      await choose(cellSecretary, /KN-DV/, 'Kết nạp đảng viên mới');
      await type(cellSecretary, '10', 'thấp hơn lần báo cáo trước (12)');
      expect(await type(cellSecretary, 'n'.repeat(501), 'Ghi chú quá dài')).toBe(
        'Ghi chú quá dài: 501 ký tự, tối đa 500 ký tự. Đồng chí vui lòng gõ lại ghi chú ngắn gọn hơn, hoặc gõ /huy để thôi.',
      );
      expect(ind.history(admissions.id, bloc.cell.id, '2026-Q4')).toEqual([]);
      expect(await type(cellSecretary, 'Kỳ trước cộng nhầm hai đồng chí', 'Đồng chí vui lòng kiểm tra')).toContain('10');
    });

    it('/moi with a query over 100 characters is refused and creates no invite', async () => {
      const before = t.services.invites.listActive().length;
      expect(await type(office, `/moi ${'Nguyễn '.repeat(20)}`, 'quá dài')).toContain('Nội dung gõ quá dài: 139 ký tự, tối đa 100 ký tự.');
      expect(t.services.invites.listActive().length).toBe(before);
    });
  });

  describe('long messages go in balanced parts', () => {
    it('a meeting with a 4,096-character topic (from before the limit): its card opened from /lichhop and the /suahop question come in parts with the buttons under the last', async () => {
      const title = longTitle(); // about 4,000 characters
      const m = schedule({ title });
      await announced(m);
      let mark = t.fake.mark();
      t.fake.sendText(cellMember, privateChat(cellMember), '/lichhop');
      // The list is one message, the title shortened on its line; the card cannot be shown in its place.
      const list = await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellMember.id && String(p.text).includes('Lịch họp 30 ngày tới'), { after: mark });
      expect(visible(list.params.text).length).toBeLessThan(1000);
      mark = t.fake.mark();
      t.fake.press(cellMember, list.response.result as Message, `mlo:${m.id}:0:0:0`);
      const withButtons = await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellMember.id && buttonsOf(p).some((b) => b.callback_data === `rv:${m.id}:1`), {
        after: mark,
      });
      const parts = sendsTo(cellMember.id, mark).filter((c) => c.params.text !== undefined && String(c.params.text).includes('chủđề'));
      expect(parts.length).toBe(2);
      expect(String(parts[0]!.params.text)).toMatch(/<b>[^<]*<\/b>$/);
      expect(String(parts[1]!.params.text)).toMatch(/^<b>/);
      expect(parts[1]).toBe(withButtons);
      expect(parts[0]!.params.reply_markup).toBeUndefined();
      expect(words(parts.map((p) => visible(p.params.text)).join(' ')).filter((w) => w.startsWith('chủđề'))).toEqual(words(title));

      mark = t.fake.mark();
      t.fake.sendText(cellSecretary, privateChat(cellSecretary), `/suahop ${m.id}`);
      const question = await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellSecretary.id && buttonsOf(p).some((b) => b.callback_data === 'ed:place'), {
        after: mark,
      });
      expect(visible(question.params.text)).toContain(words(title).at(-1));
    });

    it("a meeting photo whose caption (its name) is longer than a bot may send goes with a shortened caption", async () => {
      const draft = t.services.meetings.createDraft(
        {
          branchId: bloc.cell.id,
          kind: 'regular',
          title: 'Sinh hoạt chi bộ tháng 12',
          startsAt: at('2026-12-03 14:30'),
          documents: [{ fileId: 'PHOTO-1', name: 'Sơ đồ hội trường '.repeat(120), kind: 'photo' }],
        },
        bloc.cellSecretary.id,
        SYSTEM,
      );
      const m = t.services.meetings.confirm(draft.id, bloc.cellSecretary.id, SYSTEM);
      expect(m.ok).toBe(true);
      const card = await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellMember.id && buttonsOf(p).some((b) => b.callback_data === `doc:${draft.id}`));
      const mark = t.fake.mark();
      await t.press(cellMember, card.response.result as Message, `doc:${draft.id}`);
      const photo = await t.fake.waitFor('sendPhoto', (p) => p.chat_id === cellMember.id, { after: mark });
      expect(photo.response.ok, JSON.stringify(photo.response)).toBe(true);
      expect(String(photo.params.caption)).toMatch(/^Sơ đồ hội trường .*…$/);
    });

    it('shared inline, a meeting card too long for one message is cut (balanced) and marked "…"', async () => {
      const title = longTitle();
      const m = schedule({ title: `Hội nghị quán triệt ${title}`, agenda: 'Kiểm điểm '.repeat(300) });
      const mark = t.fake.mark();
      t.fake.pushUpdate(inlineQuery(cellMember, 'hoi nghi quan triet'));
      const answer = await t.fake.waitFor('answerInlineQuery', undefined, { after: mark });
      expect(answer.response.ok, JSON.stringify(answer.response)).toBe(true);
      const results = answer.params.results as { id: string; input_message_content: { message_text: string } }[];
      const shared = results.find((r) => r.id === `meeting:${m.id}`)!.input_message_content.message_text;
      expect(shared.endsWith('</b>…')).toBe(true);
      expect(visible(shared).length).toBeLessThanOrEqual(4096);
    });

    it('a meeting with a long topic and agenda: its announcement reaches the group and every member in balanced parts, RSVP buttons under the last', async () => {
      const title = longTitle();
      const agenda = Array.from({ length: 500 }, (_, i) => `mục${i} <A&B>`).join('\n');
      const m = schedule({ title, agenda });
      // A group takes a message every 3 seconds.
      await announced(m);
      for (const chatId of [cellGroup.id, cellSecretary.id, cellMember.id]) {
        const last = t.fake.calls.find((c) => c.response.ok && c.params.chat_id === chatId && buttonsOf(c.params).some((b) => b.callback_data === `rv:${m.id}:1`))!;
        const parts = sendsTo(chatId).filter((c) => t.fake.calls.indexOf(c) <= t.fake.calls.indexOf(last));
        expect(parts.length).toBeGreaterThanOrEqual(3);
        expect(parts.slice(0, -1).every((p) => p.params.reply_markup === undefined)).toBe(true);
        expect(visible(parts[0]!.params.text)).toMatch(/^🆕 Lịch họp mới/);
        const read = parts.map((p) => visible(p.params.text)).join('\n');
        expect(words(read).filter((w) => w.startsWith('chủđề'))).toEqual(words(title));
        expect(read).toContain('mục0 <A&B>');
        expect(read).toContain('mục499 <A&B>');
      }
      const rows = t.services.outbox.rowsOf('meeting', m.id, ['sent', 'failed', 'pending', 'sending']);
      expect(rows.map((r) => [r.status, r.lastError])).toEqual(rows.map(() => ['sent', null]));
    });
  });

  it('a notice with a caption over 1,024 characters: the file with the start of it and the rest right after, in the preview and for every recipient', async () => {
    const chat = privateChat(office);
    const caption = Array.from({ length: 300 }, (_, i) => `câu${i}`).join(' '); // about 2,000 characters
    expect(await t.say(office, chat, '/guithongbao')).toContain('Đồng chí vui lòng gửi nội dung thông báo');
    let mark = t.fake.mark();
    const update = documentMessage(office, chat, { file_id: 'FILE-KH', file_name: 'ke-hoach.pdf', caption });
    // Bold across what will be the cut: it must be closed and reopened.
    update.message!.caption_entities = [{ type: 'bold', offset: 500, length: 1000 }];
    t.fake.pushUpdate(update);
    await t.fake.waitFor('sendMessage', (p) => p.chat_id === office.id && String(p.text).includes('Gửi đến đối tượng nào?'), { after: mark });
    await choose(office, /Chọn tổ chức đảng/, 'Đồng chí vui lòng gõ mã các tổ chức đảng');
    await type(office, 'CB02', 'chi bộ trực thuộc');
    await choose(office, /^Không$/, 'Gửi theo hình thức nào?');
    await choose(office, /^Tin nhắn riêng tới/, 'Đã nhận');
    await choose(office, /yêu cầu xác nhận/, 'Gửi khi nào?');
    mark = t.fake.mark();
    await choose(office, /Gửi ngay/, 'Kiểm tra trước khi gửi');
    // The preview: the document with what fits under it, the rest as a text, the button under it.
    const preview = sendsTo(office.id, mark).filter((c) => c.method === 'sendDocument' || String(c.params.text ?? '').includes('câu'));
    expect(preview.map((c) => c.method)).toEqual(['sendDocument', 'sendMessage']);
    expect(visible(preview[0]!.params.caption).length).toBeLessThanOrEqual(1024);
    expect(buttonsOf(preview[1]!.params).map((b) => b.text)).toEqual(['✅ Đã nhận']);

    mark = t.fake.mark();
    t.fake.pressButton(office, lastWithButton(office.id, /Xác nhận gửi/), /Xác nhận gửi/);
    for (const tg of [cellSecretary, cellMember]) {
      await t.fake.waitFor('sendMessage', (p) => p.chat_id === tg.id && buttonsOf(p).some((b) => b.callback_data?.startsWith('ack:')), { after: mark });
      const got = sendsTo(tg.id, mark);
      expect(got.map((c) => c.method)).toEqual(['sendDocument', 'sendMessage']);
      expect(got[0]!.params.document).toBe('FILE-KH');
      expect(got[0]!.params.reply_markup).toBeUndefined();
      expect(got.map((c) => c.params.caption ?? c.params.text)).toEqual(preview.map((c) => c.params.caption ?? c.params.text));
      const read = got.map((c) => visible(c.params.caption ?? c.params.text)).join(' ');
      expect(words(read).filter((w) => w.startsWith('câu'))).toEqual(words(caption));
      // Bold goes on across the cut: the text part opens with it.
      const entities = parseTelegramHtml(String(got[1]!.params.text));
      expect(entities.ok && entities.entities.some((e) => e.type === 'bold')).toBe(true);
    }
  });

  describe('a message Telegram will not take is reported to whoever caused it', () => {
    const notFound = { error_code: 400, description: 'Bad Request: chat not found' };

    it('a meeting announcement refused for two members: its creator is told once, with the count and the reason in plain words; the recipients are not', async () => {
      // The secretary of DB01 creates a meeting of DB01; two of its members' announcements fail for good.
      t.fake.failNext('sendMessage', notFound, { chatId: member.id });
      const draft = t.services.meetings.createDraft(
        { branchId: bloc.committee.id, kind: 'regular', title: 'Sinh hoạt tháng 12', startsAt: at('2026-12-03 14:30'), location: 'Phòng 1' },
        bloc.secretary.id,
        SYSTEM,
      );
      // Linked in the database (an import) but never opened the bot: Telegram does not know the chat.
      const other = user(9107, { first_name: 'Giang' });
      const third = t.services.members.create({ code: 'DV099', fullName: 'Vũ Thị Giang', branchId: bloc.committee.id, roles: ['member'] }, SYSTEM);
      t.services.members.linkTelegram(third.id, { id: other.id }, SYSTEM);
      const m = t.services.meetings.confirm(draft.id, bloc.secretary.id, SYSTEM);
      expect(m.ok).toBe(true);
      await t.fake.waitFor('sendMessage', (p) => p.chat_id === secretary.id && String(p.text).startsWith('🆕'));
      await t.outboxIdle();
      expect(t.services.outbox.rowsOf('meeting', draft.id, ['failed']).map((r) => r.chatId).sort()).toEqual([member.id, other.id].sort());
      // Nothing yet: the report waits a minute for more failures of the same kind.
      expect(t.fake.sentMessages(secretary.id).filter((p) => String(p.text).includes('không gửi được'))).toEqual([]);
      clock().advance(FAILURE_REPORT_DELAY_MS + 1000);
      t.app.sender.wake();
      const report = await t.fake.waitFor('sendMessage', (p) => p.chat_id === secretary.id && String(p.text).includes('không gửi được'));
      expect(String(report.params.text)).toBe(
        [
          '⚠️ <b>Có tin nhắn không gửi được</b>',
          'Thông báo lịch họp mới “Sinh hoạt tháng 12” (14h30 03/12/2026)',
          'Không gửi được tới: 2 người nhận (cá nhân hoặc nhóm Telegram).',
          'Lý do: Telegram không tìm thấy cuộc trò chuyện: người nhận chưa mở bot, hoặc nhóm không còn.',
        ].join('\n'),
      );
      await t.outboxIdle();
      const reports = (chatId: number) => t.fake.sentMessages(chatId).filter((p) => String(p.text).includes('không gửi được'));
      expect(reports(secretary.id)).toHaveLength(1);
      expect(reports(member.id)).toEqual([]);
      expect(reports(other.id)).toEqual([]);
      expect(reports(office.id)).toEqual([]);
    });

    it('when the creator is the one it failed for, the branch secretary hears, in their language', async () => {
      t.services.members.setLanguage(bloc.cellSecretary.id, 'en', SYSTEM);
      t.fake.failNext('sendMessage', notFound, { chatId: cellMember.id });
      const m = schedule({ by: bloc.cellMember.id });
      await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellSecretary.id && String(p.text).includes(`#${m.id}`));
      await t.outboxIdle(); // the failure is recorded before the clock jumps
      clock().advance(FAILURE_REPORT_DELAY_MS + 1000);
      t.app.sender.wake();
      const report = await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellSecretary.id && String(p.text).includes('could not be delivered'));
      expect(String(report.params.text)).toContain('The announcement of the meeting “Sinh hoạt chi bộ tháng 12”');
      expect(String(report.params.text)).toContain('Reason: Telegram does not know the chat');
      expect(t.fake.sentMessages(cellMember.id).filter((p) => String(p.text).includes('không gửi được'))).toEqual([]);
    });

    it("a notice's failures are in its delivery report, in plain words, and in no other message", async () => {
      t.fake.failNext('sendMessage', notFound, { chatId: cellMember.id });
      const chat = privateChat(cellSecretary);
      await t.say(cellSecretary, chat, '/guithongbao');
      await type(cellSecretary, 'Họp chi bộ sáng mai', 'Gửi đến đối tượng nào?');
      await choose(cellSecretary, /^Tổ chức đảng của tôi$/, 'Gửi theo hình thức nào?');
      await choose(cellSecretary, /^Tin nhắn riêng tới/, 'Đã nhận');
      await choose(cellSecretary, /Không cần/, 'Gửi khi nào?');
      await choose(cellSecretary, /Gửi ngay/, 'Kiểm tra trước khi gửi');
      t.fake.pressButton(cellSecretary, lastWithButton(cellSecretary.id, /Xác nhận gửi/), /Xác nhận gửi/);
      const report = await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellSecretary.id && String(p.text).includes('Kết quả gửi thông báo'), {
        timeoutMs: 10_000,
      });
      expect(String(report.params.text)).toContain('Gửi lỗi: 1\n  • Hoàng Minh Em: Telegram không tìm thấy cuộc trò chuyện');
      expect(String(report.params.text)).not.toContain('Bad Request');
      clock().advance(FAILURE_REPORT_DELAY_MS + 1000);
      t.app.sender.wake();
      await t.outboxIdle();
      expect(t.fake.sentMessages(cellSecretary.id).filter((p) => String(p.text).includes('không gửi được'))).toEqual([]);
    });
  });
});
