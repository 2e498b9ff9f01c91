/**
 * Conversations end to end: a question left unanswered expires (the clock is the TestBot's
 * AdjustableClock, which tests jump), a command or a plain lookup while a question waits asks
 * whether to go on or cancel, /huy and /cancel end every conversation, and a reply to the absence
 * prompt is never taken as a conversation's answer.
 */
import type { Message, User } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdjustableClock } from '../../src/clock.js';
import { SYSTEM } from '../../src/services/actor.js';
import type { RecordedCall } from '../fake-telegram/server.js';
import { privateChat, user } from '../fake-telegram/updates.js';
import { SCRIPTED_MEMBERS, TestBot } from '../helpers/app.js';
import { seedSmallBloc } from '../helpers/db.js';

const MINUTE = 60_000;
const EXPIRED = 'Thao tác tạo lịch họp trước đó đã hết hạn vì quá 30 phút không có trả lời; đồng chí vui lòng bắt đầu lại nếu cần.';
const buttonsOf = (m: { reply_markup?: unknown }) =>
  ((m.reply_markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined)?.inline_keyboard ?? []).flat();

describe('conversations (end to end)', () => {
  let t: TestBot;
  let bloc: ReturnType<typeof seedSmallBloc>;
  const secretary = user(9501, { first_name: 'Đạt' }); // CB02 secretary
  const clock = () => t.clock as AdjustableClock;

  beforeEach(async () => {
    // Conversations scripted at machine speed: a private chat's own flood limit is lifted (see SCRIPTED_MEMBERS).
    t = await TestBot.start({ telegram: SCRIPTED_MEMBERS }); // clock: Monday 23/11/2026, 14h00 in Hà Nội
    bloc = seedSmallBloc(t.services);
    t.services.members.linkTelegram(bloc.cellSecretary.id, { id: secretary.id }, SYSTEM);
    t.fake.knowChats(secretary); // linked in the database: in real life through /start
  });
  afterEach(async () => {
    await t.stop();
  });

  /** Sends a text and waits for the bot's message containing `expected`. */
  async function type(from: User, text: string, expected: string): Promise<RecordedCall> {
    const mark = t.fake.mark();
    t.fake.sendText(from, privateChat(from), text);
    return t.fake.waitFor('sendMessage', (p) => p.chat_id === from.id && String(p.text).includes(expected), { after: mark });
  }

  /** Presses the button labelled `label` on `message`; waits for the bot's message containing `expected`. */
  async function press(from: User, message: Message, label: RegExp, expected: string): Promise<RecordedCall> {
    const mark = t.fake.mark();
    t.fake.pressButton(from, message, label);
    return t.fake.waitFor('sendMessage', (p) => p.chat_id === from.id && String(p.text).includes(expected), { after: mark });
  }

  const sent = (call: RecordedCall) => call.response.result as Message;
  const textsTo = (chatId: number, mark: number) =>
    t.fake.calls.slice(mark).filter((c) => c.method === 'sendMessage' && c.response.ok && c.params.chat_id === chatId).map((c) => String(c.params.text));

  /** /taolich up to "Địa điểm họp?". */
  async function toPlaceQuestion(): Promise<void> {
    const kinds = await type(secretary, '/taolich', 'chọn loại cuộc họp');
    await press(secretary, sent(kinds), /^Sinh hoạt chi bộ định kỳ$/, 'Thời gian họp?');
    const duration = await type(secretary, '14h30 3/12', 'Thời lượng?');
    await press(secretary, sent(duration), /^90 phút$/, 'Địa điểm họp?');
    // The conversation notes when it asked just after sending the question: let it finish before the clock jumps.
    await t.settle();
  }

  it('a question left unanswered for over 30 minutes expires: the next message hears it once and is then handled as usual', async () => {
    await toPlaceQuestion();
    // Within 30 minutes the answer is taken.
    clock().advance(29 * MINUTE);
    await type(secretary, 'Hội trường tầng 3', 'Chủ đề');
    // The member goes away; the waiting state is in SQLite, so a restart changes nothing.
    await t.restart();
    clock().advance(2 * 24 * 60 * MINUTE);
    let mark = t.fake.mark();
    await type(secretary, 'lịch họp tuần này', EXPIRED);
    // The lookup is then answered, not taken as the meeting's topic.
    await t.fake.waitFor('sendMessage', (p) => p.chat_id === secretary.id && /Lịch họp tuần này|Không có cuộc họp nào tuần này/.test(String(p.text)), {
      after: mark,
    });
    await t.settle();
    // Told once: the conversation is over, the next text is a lookup again.
    mark = t.fake.mark();
    await type(secretary, 'xin chào', 'Tôi chưa hiểu');
    expect(textsTo(secretary.id, mark).filter((x) => x.includes('hết hạn'))).toEqual([]);
    expect(t.services.meetings.between(new Date(0), new Date('2100-01-01'), null)).toEqual([]);

    // /huy after the expiry: only the note, no second "nothing to cancel".
    await toPlaceQuestion();
    clock().advance(31 * MINUTE);
    mark = t.fake.mark();
    await type(secretary, '/huy', EXPIRED);
    await t.settle();
    expect(textsTo(secretary.id, mark)).toEqual([EXPIRED]);
    // A button of the expired conversation: the note, then the button is refused as expired.
    await toPlaceQuestion();
    const durationQuestion = t.fake
      .sentMessageResults(secretary.id)
      .reverse()
      .find((m) => buttonsOf(m).some((b) => b.text === '90 phút'))!;
    clock().advance(31 * MINUTE);
    mark = t.fake.mark();
    t.fake.pressButton(secretary, durationQuestion, /^90 phút$/);
    const answer = await t.fake.waitFor('answerCallbackQuery', undefined, { after: mark });
    expect(String(answer.params.text)).toContain('Nút này đã hết hiệu lực');
    expect(textsTo(secretary.id, mark)).toEqual([EXPIRED]);
  });

  it('a lookup or another command while a question waits asks whether to go on: "Tiếp tục" repeats the question, "Hủy" runs what was sent', async () => {
    await toPlaceQuestion();
    // The case: this is a lookup, not a place.
    const asked = await type(secretary, 'lịch họp tuần này', 'Đồng chí đang tạo lịch họp dở. Tiếp tục hay hủy?');
    expect(buttonsOf(asked.params).map((b) => b.text)).toEqual(['▶️ Tiếp tục', '✖️ Hủy']);
    await press(secretary, sent(asked), /Tiếp tục/, 'Địa điểm họp?');
    // Once the member went on, that prompt's "Hủy" is spent: refused, the question still waits.
    let mark = t.fake.mark();
    t.fake.pressButton(secretary, sent(asked), /Hủy/);
    expect(String((await t.fake.waitFor('answerCallbackQuery', undefined, { after: mark })).params.text)).toContain('Nút này đã hết hiệu lực');
    // A place is an answer, never an interruption.
    await type(secretary, 'Hội trường tầng 3', 'Chủ đề');
    // A topic that looks like a lookup: after "Tiếp tục", the same text is the answer.
    const again = await type(secretary, 'Lịch họp tuần này', 'Tiếp tục hay hủy?');
    await press(secretary, sent(again), /Tiếp tục/, 'Chủ đề');
    await type(secretary, 'Lịch họp tuần này', 'Chương trình');
    // A forged "Hủy" for another message is refused and the question still waits.
    mark = t.fake.mark();
    t.fake.press(secretary, sent(again), 'cvx:99999', { unchecked: true });
    expect(String((await t.fake.waitFor('answerCallbackQuery', undefined, { after: mark })).params.text)).toContain('Nút này đã hết hiệu lực');

    // Another command: "Hủy" ends the conversation and runs the command.
    const command = await type(secretary, '/chibo', 'Đồng chí đang tạo lịch họp dở');
    mark = t.fake.mark();
    t.fake.pressButton(secretary, sent(command), /Hủy/);
    await t.fake.waitFor('sendMessage', (p) => p.chat_id === secretary.id && String(p.text).includes('(CB02)'), { after: mark });
    expect(textsTo(secretary.id, mark)[0]).toBe('Đã thôi tạo lịch họp.');
    // The conversation is over: a text is a lookup again, and the prompt's buttons are spent.
    await type(secretary, 'Kiểm điểm công tác tháng 11', 'Tôi chưa hiểu');
    mark = t.fake.mark();
    const spent = buttonsOf(command.params).find((b) => /Hủy/.test(b.text))!.callback_data!;
    t.fake.press(secretary, sent(command), spent, { unchecked: true });
    expect(String((await t.fake.waitFor('answerCallbackQuery', undefined, { after: mark })).params.text)).toContain('Nút này đã hết hiệu lực');
    mark = t.fake.mark();
    t.fake.pressButton(secretary, sent(asked), /Tiếp tục/);
    expect(String((await t.fake.waitFor('answerCallbackQuery', undefined, { after: mark })).params.text)).toContain('Không còn thao tác nào');
    expect(t.services.meetings.between(new Date(0), new Date('2100-01-01'), null)).toEqual([]);
  });

  it('/huy and /cancel end every conversation; with nothing in progress /huy says so; both are in the menu', async () => {
    const res = t.services.indicators.upsertResolution(
      { code: 'NQ', name: 'Nghị quyết 2025–2030', level: 'bloc', termStartYear: 2025, termEndYear: 2030, current: true, closed: false },
      SYSTEM,
    );
    t.services.indicators.upsertIndicator({ resolutionId: res.id, code: 'KN-DV', title: 'Kết nạp đảng viên mới', unit: 'đảng viên', kind: 'term_count', target: 1300 }, SYSTEM);
    const draft = t.services.meetings.createDraft({ branchId: bloc.cell.id, kind: 'regular', title: 'Họp tháng 12', startsAt: new Date('2026-12-03T07:30:00Z') }, bloc.cellSecretary.id, SYSTEM);
    t.services.meetings.confirm(draft.id, bloc.cellSecretary.id, SYSTEM);

    const cases: [string, string, string, string][] = [
      ['/taolich', 'chọn loại cuộc họp', '/huy', 'Đã thôi tạo lịch họp.'],
      ['/guithongbao', 'gửi nội dung thông báo', '/cancel', 'Đã hủy soạn thông báo.'],
      ['/baocao', 'Báo cáo số liệu quý', '/cancel', 'Đã thôi báo cáo.'],
      ['/moi', 'gõ mã đảng viên', '/cancel', 'Đã hủy tạo lời mời.'],
      [`/suahop ${draft.id}`, 'muốn sửa nội dung nào', '/cancel', 'Đã thôi sửa cuộc họp.'],
    ];
    for (const [start, question, cancel, cancelled] of cases) {
      await type(secretary, start, question);
      await type(secretary, cancel, cancelled);
      await type(secretary, cancel, 'Không có thao tác nào đang dở để hủy.');
    }
    const menu = (lang: string) =>
      (t.fake.commandsFor({ type: 'chat', chat_id: secretary.id } as never, lang) as { command: string }[]).map((c) => c.command);
    expect(menu('')).toContain('huy');
    expect(menu('en')).toContain('cancel');
  });

  it('a reply to the absence prompt records the reason and leaves a waiting question alone', async () => {
    const draft = t.services.meetings.createDraft({ branchId: bloc.cell.id, kind: 'regular', title: 'Họp tháng 12', startsAt: new Date('2026-12-03T07:30:00Z') }, bloc.cellSecretary.id, SYSTEM);
    const meeting = t.services.meetings.confirm(draft.id, bloc.cellSecretary.id, SYSTEM);
    if (!meeting.ok) throw new Error(meeting.reason);
    const card = (await t.fake.waitFor('sendMessage', (p) => p.chat_id === secretary.id && String(p.text).startsWith('🆕'))).response.result as Message;
    let mark = t.fake.mark();
    t.fake.press(secretary, card, `rv:${draft.id}:0`);
    const prompt = await t.fake.waitFor('sendMessage', (p) => p.chat_id === secretary.id && String(p.text).includes('lý do vắng'), { after: mark });
    await toPlaceQuestion();
    mark = t.fake.mark();
    t.fake.replyTo(secretary, sent(prompt), 'Đi công tác');
    await t.fake.waitFor('sendMessage', (p) => p.chat_id === secretary.id && String(p.text).includes('Đã ghi nhận lý do vắng'), { after: mark });
    expect(t.services.meetings.rsvpOf(draft.id, bloc.cellSecretary.id)).toEqual({ response: 'no', reason: 'Đi công tác' });
    // The place question still waits.
    await type(secretary, 'Hội trường tầng 3', 'Chủ đề');
  });
});
