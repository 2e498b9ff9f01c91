/**
 * /suahop of a meeting's place and of its documents: everyone already told about the meeting (its
 * branch's group and members) gets the update, and nobody who was not; the meeting card in /lichhop
 * shows the new place and the documents, whose button sends them. Against flood limits, every
 * member having started the bot and the group having added it.
 */
import type { Message } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/services/actor.js';
import type { Meeting } from '../../src/services/meetings.js';
import { documentMessage, group, privateChat, user } from '../fake-telegram/updates.js';
import { TestBot } from '../helpers/app.js';
import { seedSmallBloc } from '../helpers/db.js';
import { delivered, joinAndLink, outboxDrained, pressOk, sayOk, startChats, textOf } from '../helpers/strict.js';

const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
const buttonsOf = (p: { reply_markup?: unknown }) =>
  ((p.reply_markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined)?.inline_keyboard ?? []).flat();

describe('/suahop of place and documents (end to end)', () => {
  let t: TestBot;
  let bloc: ReturnType<typeof seedSmallBloc>;
  let meeting: Meeting;
  const secretary = user(9601); // CB02 secretary
  const member = user(9602); // CB02 member
  const newcomer = user(9603); // joins CB02 after the announcement: never told of the meeting
  const outsider = user(9604); // DB01 member
  const cellGroup = group(-9610, 'Nhóm CB02');
  const told = [cellGroup.id, secretary.id, member.id];

  beforeEach(async () => {
    t = await TestBot.start(); // clock: Monday 23/11/2026, 14h00 in Hà Nội
    bloc = seedSmallBloc(t.services);
    t.services.members.linkTelegram(bloc.cellSecretary.id, { id: secretary.id }, SYSTEM);
    t.services.members.linkTelegram(bloc.cellMember.id, { id: member.id }, SYSTEM);
    t.services.members.linkTelegram(bloc.member.id, { id: outsider.id }, SYSTEM);
    await startChats(t, [secretary, member, outsider]);
    await joinAndLink(t, secretary, [[cellGroup, 'CB02']]);
    // Created as /taolich does; its branch's group and members are told.
    const draft = t.services.meetings.createDraft(
      { branchId: bloc.cell.id, kind: 'regular', title: 'Sinh hoạt chi bộ tháng 12', startsAt: at('2026-12-03 14:30'), location: 'Hội trường A&B' },
      bloc.cellSecretary.id,
      SYSTEM,
    );
    const confirmed = t.services.meetings.confirm(draft.id, bloc.cellSecretary.id, SYSTEM);
    if (!confirmed.ok) throw new Error(confirmed.reason);
    meeting = confirmed.meeting;
    await outboxDrained(t);
    for (const chatId of told) expect(t.fake.sentMessages(chatId).some((p) => String(p.text).startsWith('🆕'))).toBe(true);
    t.services.members.create({ code: 'DV030', fullName: 'Người Mới', branchId: bloc.cell.id, roles: ['member'], telegramUserId: newcomer.id }, SYSTEM);
    await startChats(t, [newcomer]);
  }, 60_000);
  afterEach(async () => {
    await t.stop();
  });

  /** The updates (✏️) sent to each chat after `mark`, once the outbox has sent everything. */
  async function updatesAfter(mark: number): Promise<Map<number, { text: string; buttons: string[] }[]>> {
    await outboxDrained(t);
    const out = new Map<number, { text: string; buttons: string[] }[]>();
    for (const c of t.fake.calls.slice(mark)) {
      if (!c.response.ok || c.method !== 'sendMessage' || !String(c.params.text).startsWith('✏️')) continue;
      const chatId = Number(c.params.chat_id);
      out.set(chatId, [...(out.get(chatId) ?? []), { text: textOf(c), buttons: buttonsOf(c.params).map((b) => b.text) }]);
    }
    return out;
  }

  /** The card of the meeting, opened from a member's /lichhop list (in place, in the list's message). */
  async function card(): Promise<{ text: string; message: Message }> {
    let mark = t.fake.mark();
    t.fake.sendText(member, privateChat(member), '/lichhop');
    const list = await delivered(t, 'sendMessage', (p) => p.chat_id === member.id && String(p.text).includes('Lịch họp 30 ngày tới'), mark);
    const message = list.response.result as Message;
    mark = t.fake.mark();
    t.fake.press(member, message, `mlo:${meeting.id}:0:0:0`);
    const call = await delivered(t, 'editMessageText', (p) => p.chat_id === member.id && String(p.text).includes(`#${meeting.id}`), mark);
    return { text: textOf(call), message: t.fake.currentMessage(member.id, message.message_id)! };
  }

  it('a new place: those told get the update with it, nobody else; the card shows it', async () => {
    const chat = privateChat(secretary);
    await sayOk(t, secretary, chat, `/suahop ${meeting.id}`, 'Đồng chí muốn sửa nội dung nào');
    await pressOk(t, secretary, t.fake.lastSentMessage(secretary.id)!, /^Địa điểm$/, 'Địa điểm mới?');
    const mark = t.fake.mark();
    expect(textOf(await sayOk(t, secretary, chat, 'Phòng họp tầng 3, số 5 Lê Lợi', 'Đã cập nhật'))).toBe(
      '✅ Đã cập nhật. Những người đã được báo sẽ nhận thông tin mới.',
    );
    expect(t.services.meetings.get(meeting.id)!.location).toBe('Phòng họp tầng 3, số 5 Lê Lợi');

    const updates = await updatesAfter(mark);
    expect([...updates.keys()].sort((a, b) => a - b)).toEqual([...told].sort((a, b) => a - b));
    for (const chatId of told) {
      const [update] = updates.get(chatId)!;
      expect(update!.text).toContain('✏️ <b>Cập nhật thông tin cuộc họp</b>');
      expect(update!.text).toContain('📍 Phòng họp tầng 3, số 5 Lê Lợi');
      expect(update!.text).not.toContain('Hội trường A&amp;B');
      expect(update!.buttons).toEqual(['✅ Tham dự', '❌ Vắng']);
    }
    const shown = (await card()).text;
    expect(shown).toContain('📍 Phòng họp tầng 3, số 5 Lê Lợi');
    expect(shown).not.toContain('Hội trường');
  }, 60_000);

  it('documents added: those told get the update with them; the card counts them and its button sends them', async () => {
    const chat = privateChat(secretary);
    await sayOk(t, secretary, chat, `/suahop ${meeting.id}`, 'Đồng chí muốn sửa nội dung nào');
    await pressOk(t, secretary, t.fake.lastSentMessage(secretary.id)!, /^Thêm tài liệu$/, 'vui lòng gửi tài liệu');
    let mark = t.fake.mark();
    t.fake.pushUpdate(documentMessage(secretary, chat, { file_id: 'FILE-BIEN-BAN', file_name: 'bien-ban.pdf' }));
    await delivered(t, 'sendMessage', (p) => p.chat_id === secretary.id && String(p.text).includes('Đã nhận 1 tài liệu'), mark);
    mark = t.fake.mark();
    t.fake.pushUpdate(documentMessage(secretary, chat, { file_id: 'FILE-DU-THAO', file_name: 'du-thao-nghi-quyet.docx' }));
    await delivered(t, 'sendMessage', (p) => p.chat_id === secretary.id && String(p.text).includes('Đã nhận 2 tài liệu'), mark);
    mark = t.fake.mark();
    await pressOk(t, secretary, t.fake.lastSentMessage(secretary.id)!, /^Xong$/, 'Đã cập nhật');
    expect(t.services.meetings.get(meeting.id)!.documents.map((d) => d.fileId)).toEqual(['FILE-BIEN-BAN', 'FILE-DU-THAO']);

    const updates = await updatesAfter(mark);
    expect([...updates.keys()].sort((a, b) => a - b)).toEqual([...told].sort((a, b) => a - b));
    for (const chatId of told) {
      const [update] = updates.get(chatId)!;
      expect(update!.text).toContain('✏️ <b>Cập nhật thông tin cuộc họp</b>');
      expect(update!.text).toContain('📎 2 tài liệu');
      expect(update!.buttons).toEqual(['✅ Tham dự', '❌ Vắng', '📎 Tài liệu']);
    }
    const shown = await card();
    expect(shown.text).toContain('📎 2 tài liệu');
    mark = t.fake.mark();
    t.fake.pressButton(member, shown.message, '📎 Tài liệu');
    const files = await t.fake.waitForCount('sendDocument', 2, { after: mark, predicate: (p, c) => c.response.ok && p.chat_id === member.id, timeoutMs: 10_000 });
    expect(files.map((c) => c.params.document)).toEqual(['FILE-BIEN-BAN', 'FILE-DU-THAO']);
  }, 60_000);

  it('nobody who was not told hears of an edit: a member who joined since, another branch', async () => {
    const chat = privateChat(secretary);
    await sayOk(t, secretary, chat, `/suahop ${meeting.id}`, 'Đồng chí muốn sửa nội dung nào');
    await pressOk(t, secretary, t.fake.lastSentMessage(secretary.id)!, /^Địa điểm$/, 'Địa điểm mới?');
    const mark = t.fake.mark();
    await sayOk(t, secretary, chat, 'Hội trường tầng 2', 'Đã cập nhật');
    const updates = await updatesAfter(mark);
    expect(updates.has(newcomer.id)).toBe(false);
    expect(updates.has(outsider.id)).toBe(false);
    expect(updates.size).toBe(told.length);
  }, 60_000);
});
