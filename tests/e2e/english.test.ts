/**
 * English-speaking members, beyond what tests/e2e/language.test.ts covers (a notice, its first
 * nudge, a meeting announcement and reminder, /start, /trogiup, /ngonngu): replies to commands,
 * the whole /guithongbao conversation with its preview, the progress message and the delivery
 * report, the acknowledgement report and the secretary's list of non-acknowledgers, the office's
 * 07:00 digest, a meeting update, and the secretaries' nudges. A Vietnamese member of the same
 * branch gets the same pushes in Vietnamese. Against flood limits, every member having started the bot.
 */
import type { Message, User } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdjustableClock } from '../../src/clock.js';
import { SYSTEM } from '../../src/services/actor.js';
import { privateChat, user } from '../fake-telegram/updates.js';
import { TestBot } from '../helpers/app.js';
import { seedSmallBloc } from '../helpers/db.js';
import { delivered, outboxDrained, pressOk, sayOk, startChats, textOf } from '../helpers/strict.js';

const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);

describe('an English-speaking member (end to end)', () => {
  let t: TestBot;
  let bloc: ReturnType<typeof seedSmallBloc>;
  const office = user(9800, { first_name: 'Office', language_code: 'en' });
  // CB02's secretary has a Vietnamese client and chose English with /ngonngu en: the choice must win.
  const secretary = user(9801, { first_name: 'Đạt', language_code: 'vi' });
  const member = user(9802, { first_name: 'Em', language_code: 'en-GB' }); // CB02 member, English client
  const vietnamese = user(9803, { first_name: 'Giang' }); // CB02 member, Vietnamese
  const clock = () => t.clock as AdjustableClock;

  beforeEach(async () => {
    t = await TestBot.start({ adminIds: [office.id] }); // clock: Monday 23/11/2026, 14h00 in Hà Nội
    bloc = seedSmallBloc(t.services);
    t.services.members.linkTelegram(bloc.cellSecretary.id, { id: secretary.id }, SYSTEM);
    t.services.members.linkTelegram(bloc.cellMember.id, { id: member.id }, SYSTEM);
    t.services.members.create({ code: 'DV020', fullName: 'Vũ Thị Giang', branchId: bloc.cell.id, roles: ['member'], telegramUserId: vietnamese.id }, SYSTEM);
    await startChats(t, [office, secretary, member, vietnamese]);
    expect(textOf(await sayOk(t, secretary, privateChat(secretary), '/ngonngu en'))).toContain('speaks English with you');
    await outboxDrained(t);
  }, 30_000);
  afterEach(async () => {
    await t.stop();
  });

  /** The next accepted message to `to` after `mark` that contains `text`. */
  const next = async (to: User, text: string, mark: number) =>
    textOf(await delivered(t, 'sendMessage', (p) => p.chat_id === to.id && String(p.text).includes(text), mark, 15_000));

  it('replies to commands, and the whole /guithongbao with its preview, progress and report, are in English', async () => {
    const chat = privateChat(secretary);
    expect(textOf(await sayOk(t, secretary, chat, '/chibo'))).toContain('Secretary: Đặng Quốc Đạt');
    expect(textOf(await sayOk(t, secretary, chat, '/lichhop'))).toBe('No meetings in the next 30 days.');
    expect(textOf(await sayOk(t, secretary, chat, '/tim cong ty'))).toContain('🔎 Results for “cong ty”:');
    expect(textOf(await sayOk(t, secretary, chat, '/thongbao'))).toContain('No notices have been sent to you yet.');

    expect(textOf(await sayOk(t, secretary, chat, '/guithongbao'))).toContain('Please send the notice');
    expect(textOf(await sayOk(t, secretary, chat, 'Kế hoạch tổng kết năm'))).toContain('Who should receive it?');
    const last = () => t.fake.lastSentMessage(secretary.id)!;
    expect(textOf(await pressOk(t, secretary, last(), 'My branch', 'How should it be sent?'))).toContain('How should it be sent?');
    await pressOk(t, secretary, last(), 'Private message to each member', 'Ask recipients to press');
    await pressOk(t, secretary, last(), 'Yes, ask for confirmation', 'When should it be sent?');
    let mark = t.fake.mark();
    t.fake.pressButton(secretary, last(), 'Send now');
    expect(await next(secretary, 'Preview, exactly as recipients will see it:', mark)).toBeTruthy();
    expect(await next(secretary, '📢', mark)).toContain('📢 <b>NOTICE</b> · Chi bộ Công ty TNHH A&amp;B');
    const summary = await delivered(t, 'sendMessage', (p) => p.chat_id === secretary.id && String(p.text).includes('Check before sending'), mark);

    mark = t.fake.mark();
    t.fake.pressButton(secretary, summary.response.result as Message, '✅ Confirm and send');
    const edits = async (text: string) =>
      String((await delivered(t, 'editMessageText', (p) => p.chat_id === secretary.id && String(p.text).includes(text), mark, 15_000)).params.text);
    expect(await edits('Confirmed. Sending…')).toBeTruthy();
    expect(await edits('Finished sending the notice')).toContain('3/3 messages');
    const report = await next(secretary, 'Delivery of the notice', mark);
    expect(report).toContain('📊 <b>Delivery of the notice “Kế hoạch tổng kết năm”</b>');
    expect(report).toContain('Delivered: 3');
    expect(await next(member, '📢', mark)).toContain('📢 <b>NOTICE</b>');
    expect(await next(vietnamese, '📢', mark)).toContain('📢 <b>THÔNG BÁO</b>');

    // The acknowledgement report, and two days later the list of those who have not acknowledged.
    const id = t.services.notices.authoredBy(t.services.members.findByTelegramId(secretary.id)!)[0]!.id;
    expect(textOf(await sayOk(t, secretary, chat, `/thongbao ${id}`))).toContain('Confirmed: 0/3 (0%)');
    clock().advance(48 * 3_600_000 + 60_000);
    mark = t.fake.mark();
    expect(t.services.notices.nudge(24 * 3_600_000)).toEqual({ reminded: 3, digests: 1 });
    t.app.sender.wake();
    const digest = await next(secretary, '📋', mark);
    expect(digest).toContain('📋 Notice “Kế hoạch tổng kết năm”: 3 members of <b>Chi bộ Công ty TNHH A&amp;B</b> have not confirmed');
    expect(digest).toContain('Vũ Thị Giang');
  }, 90_000);

  it("the office's 07:00 digest, a meeting update, and the secretaries' nudges are in English", async () => {
    const draft = t.services.meetings.createDraft(
      { branchId: bloc.cell.id, kind: 'regular', title: 'Họp chi bộ tháng 11', startsAt: at('2026-11-25 14:30'), location: 'Hội trường A' },
      bloc.cellSecretary.id,
      SYSTEM,
    );
    t.services.meetings.confirm(draft.id, bloc.cellSecretary.id, SYSTEM);
    await outboxDrained(t);

    // /suahop, in English, and the update to those told: English for the English member, Vietnamese for the other.
    const chat = privateChat(secretary);
    expect(textOf(await sayOk(t, secretary, chat, `/suahop ${draft.id}`))).toContain('What would you like to change in “Họp chi bộ tháng 11”?');
    await pressOk(t, secretary, t.fake.lastSentMessage(secretary.id)!, 'Place', 'New place?');
    let mark = t.fake.mark();
    expect(textOf(await sayOk(t, secretary, chat, 'Phòng họp tầng 3', 'Updated'))).toBe('✅ Updated. Everyone already told will get the new details.');
    const update = await next(member, '✏️', mark);
    expect(update).toContain('✏️ <b>Meeting details updated</b>');
    expect(update).toContain('📍 Phòng họp tầng 3');
    expect(await next(vietnamese, '✏️', mark)).toContain('✏️ <b>Cập nhật thông tin cuộc họp</b>');
    expect(await next(secretary, '✏️', mark)).toContain('Meeting details updated');

    // 07:00 on the day of the meeting: the office's digest.
    clock().set(at('2026-11-25 07:00'));
    mark = t.fake.mark();
    expect(t.services.meetingNotifier.dailyDigest()).toBe(1);
    const digest = await next(office, '☀️', mark);
    expect(digest).toContain("☀️ <b>Today's meetings, 25/11/2026</b>");
    expect(digest).toContain('14h30 · Chi bộ Công ty TNHH A&amp;B · Họp chi bộ tháng 11 · 📍 Phòng họp tầng 3');

    // From the 25th at 08:00: no regular meeting set for December.
    clock().set(at('2026-11-25 08:00'));
    mark = t.fake.mark();
    expect(t.services.meetingNotifier.nudgeNextMonth()).toBe(1);
    expect(await next(secretary, 'has no regular meeting', mark)).toBe(
      '📅 <b>Chi bộ Công ty TNHH A&amp;B</b> has no regular meeting scheduled for 12/2026. Please schedule it with /taolich.',
    );

    // Three days before the quarter's deadline: the report nudge.
    const res = t.services.indicators.upsertResolution(
      { code: 'NQ', name: 'Nghị quyết 2025–2030', level: 'bloc', termStartYear: 2025, termEndYear: 2030, current: true, closed: false },
      SYSTEM,
    );
    t.services.indicators.upsertIndicator({ resolutionId: res.id, code: 'KN-DV', title: 'Kết nạp đảng viên mới', unit: 'đảng viên', kind: 'term_count', target: 1300 }, SYSTEM);
    clock().set(at('2026-12-17 09:00'));
    mark = t.fake.mark();
    expect(t.services.indicators.nudge(20, 3).nudged).toBe(1);
    const nudge = await next(secretary, '📊', mark);
    expect(nudge).toContain('📊 Reminder: the indicator figures of <b>Chi bộ Công ty TNHH A&amp;B</b>');
    expect(nudge).toContain('Please type /baocao to report.');
  }, 90_000);
});
