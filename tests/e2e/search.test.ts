import type { Message } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdjustableClock } from '../../src/clock.js';
import { SYSTEM } from '../../src/services/actor.js';
import { inlineQuery, privateChat, user } from '../fake-telegram/updates.js';
import { TestBot } from '../helpers/app.js';
import { seedSmallBloc } from '../helpers/db.js';

describe('lookups (end to end)', () => {
  let t: TestBot;
  let bloc: ReturnType<typeof seedSmallBloc>;
  const member = user(9701); // CB02 member
  const secretary = user(9702); // CB02 secretary
  const other = user(9703); // DB01 member
  const office = user(9704);

  beforeEach(async () => {
    t = await TestBot.start({ adminIds: [office.id] });
    bloc = seedSmallBloc(t.services);
    t.services.members.linkTelegram(bloc.cellMember.id, { id: member.id }, SYSTEM);
    t.services.members.linkTelegram(bloc.cellSecretary.id, { id: secretary.id }, SYSTEM);
    t.services.members.linkTelegram(bloc.member.id, { id: other.id }, SYSTEM);
    t.fake.knowChats(member, secretary, other); // linked in the database: in real life through /start
    const draft = t.services.meetings.createDraft(
      { branchId: bloc.cell.id, kind: 'thematic', title: 'Sinh hoạt chuyên đề: Học tập và làm theo tư tưởng Hồ Chí Minh', startsAt: new Date('2026-12-03T07:30:00Z'), location: 'Hội trường Đông Á' },
      bloc.cellSecretary.id,
      SYSTEM,
    );
    t.services.meetings.confirm(draft.id, bloc.cellSecretary.id, SYSTEM);
    // Let the announcement reach the branch first, so it does not interleave with the answers below.
    for (const tg of [member, secretary]) {
      await t.fake.waitFor('sendMessage', (p) => p.chat_id === tg.id && String(p.text).includes('Lịch họp mới'));
    }
    const res = t.services.indicators.upsertResolution(
      { code: 'NQ', name: 'Nghị quyết 2025–2030', level: 'bloc', termStartYear: 2025, termEndYear: 2030, current: true, closed: false },
      SYSTEM,
    );
    t.services.indicators.upsertIndicator({ resolutionId: res.id, code: 'KN-DV', title: 'Kết nạp đảng viên mới', unit: 'đảng viên', kind: 'term_count', target: 1300 }, SYSTEM);
  });
  afterEach(async () => {
    await t.stop();
  });

  it('/tim finds with or without diacritics, đ as d, and by word prefix', async () => {
    const chat = privateChat(member);
    for (const q of ['sinh hoạt chuyên đề', 'sinh hoat chuyen de', 'SINH HOAT CHUYEN', 'hoi truong dong a', 'tu tuong ho chi']) {
      expect(await t.say(member, chat, `/tim ${q}`)).toContain('📅 Sinh hoạt chuyên đề: Học tập và làm theo tư tưởng Hồ Chí Minh');
    }
    expect(await t.say(member, chat, '/tim dang bo so')).toContain('🏛 Đảng bộ Sở &lt;Tài chính&gt;');
    expect(await t.say(member, chat, '/tim ket nap')).toContain('📊 KN-DV (2025–2030) · Kết nạp đảng viên mới');
  });

  it('a result button opens the full item', async () => {
    const call = await t.sayCall(member, privateChat(member), '/tim chuyen de');
    const mark = t.fake.mark();
    t.fake.pressButton(member, call.response.result as Message, /Sinh hoạt chuyên đề/);
    const card = await t.fake.waitFor('sendMessage', (p) => p.chat_id === member.id, { after: mark });
    expect(String(card.params.text)).toContain('📍 Hội trường Đông Á');
    expect(JSON.stringify(card.params.reply_markup)).toContain('rv:');
  });

  it('finds nothing a member may not see: names only for secretaries and the office, other branches\' meetings not at all', async () => {
    expect(await t.say(member, privateChat(member), '/tim Hoang Minh Em')).toContain('Không tìm thấy kết quả');
    expect(await t.say(secretary, privateChat(secretary), '/tim Hoang Minh Em')).toContain('👤 Hoàng Minh Em');
    expect(await t.say(secretary, privateChat(secretary), '/tim Le Van Cuong')).toContain('Không tìm thấy kết quả');
    expect(await t.say(office, privateChat(office), '/tim Le Van Cuong')).toContain('👤 Lê Văn Cường');
    expect(await t.say(other, privateChat(other), '/tim chuyen de')).toContain('Không tìm thấy kết quả');
    // A forged button for a hidden item is refused.
    const call = await t.sayCall(other, privateChat(other), '/tim dang bo so');
    const meeting = t.services.meetings.between(new Date(0), new Date('2100-01-01'), null)[0]!;
    const refused = await t.press(other, call.response.result as Message, `op:2:${meeting.id}`, true);
    expect(String(refused.params.text)).toContain('không xem được');
  });

  it('answers bad input clearly, never with a search engine error', async () => {
    const chat = privateChat(member);
    expect(await t.say(member, chat, '/tim')).toContain('Đồng chí vui lòng gõ <code>/tim từ-khóa</code>');
    expect(await t.say(member, chat, `/tim ${'a'.repeat(4000)}`)).toContain('Câu tìm kiếm quá dài');
    for (const q of ['"', 'NEAR(a b)', '* - ( ) ^', 'chuyên OR -đề', '😀🎉', '中文 ký tự']) {
      const answer = await t.say(member, chat, `/tim ${q}`);
      expect(answer).toMatch(/Không tìm thấy|không có chữ hay số|Kết quả cho/);
    }
    expect(t.logLines.join('')).not.toContain('"level":50');
  });

  it('plain messages are answered like the command they are about', async () => {
    const chat = privateChat(member);
    const list = await t.say(member, chat, 'lịch họp');
    expect(list).toContain('Lịch họp 30 ngày tới');
    expect(list).toContain('1. <b>03/12 14h30</b> · Chuyên đề · Sinh hoạt chuyên đề: Học tập và làm theo tư tưởng Hồ Chí Minh');
    expect(await t.say(member, chat, 'chỉ tiêu kết nạp')).toContain('KN-DV · Kết nạp đảng viên mới');
    expect(await t.say(member, chat, 'hoi truong dong a')).toContain('Kết quả cho');
    expect(await t.say(member, chat, 'xin chào')).toContain('Tôi chưa hiểu câu hỏi');
  });

  it('a lookup that names a range answers that range: today, tomorrow, this or next week (Monday–Sunday), this or next month', async () => {
    // Eight lookups of up to six messages each within seconds, which no member types: a private
    // chat's own flood limit is lifted for this one (the overall and group limits stay).
    t.fake.enableRateLimits({ privateChatLimit: false });
    // The clock: Monday 23/11/2026, 14h00 in Hà Nội. The thematic meeting of beforeEach is on 03/12.
    const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
    const titles = { today: 'Họp hôm nay', tomorrow: 'Họp ngày mai', sunday: 'Họp Chủ nhật', nextWeek: 'Họp tuần sau' };
    for (const [title, when] of [
      [titles.today, '2026-11-23 15:00'],
      [titles.tomorrow, '2026-11-24 08:00'],
      [titles.sunday, '2026-11-29 08:00'],
      [titles.nextWeek, '2026-11-30 08:00'],
    ] as const) {
      const draft = t.services.meetings.createDraft({ branchId: bloc.cell.id, kind: 'regular', title, startsAt: at(when) }, bloc.cellSecretary.id, SYSTEM);
      t.services.meetings.confirm(draft.id, bloc.cellSecretary.id, SYSTEM);
      await t.fake.waitFor('sendMessage', (p) => p.chat_id === member.id && String(p.text).includes('Lịch họp mới') && String(p.text).includes(title));
    }
    await t.settle();
    const chat = privateChat(member);
    /** The answer to a text: one message, its heading and the meeting titles on its lines. */
    const lookup = async (text: string) => {
      const mark = t.fake.mark();
      t.fake.sendText(member, chat, text);
      await t.fake.waitFor('sendMessage', (p) => p.chat_id === member.id, { after: mark });
      await t.settle();
      const answer = t.fake.calls.slice(mark).filter((c) => c.method === 'sendMessage' && c.response.ok && c.params.chat_id === member.id);
      expect(answer).toHaveLength(1);
      const [title, ...lines] = String(answer[0]!.params.text).split('\n');
      return {
        title: title!,
        meetings: lines.map((l) => /^\d+\. <b>.*?<\/b> · .*? · (.*)$/.exec(l)?.[1]).filter((m) => m !== undefined),
        message: answer[0]!.response.result as Message,
      };
    };
    const thematic = 'Sinh hoạt chuyên đề: Học tập và làm theo tư tưởng Hồ Chí Minh';

    expect(await lookup('lịch họp tuần này')).toMatchObject({
      title: '<b>Lịch họp tuần này (23/11–29/11/2026)</b>',
      meetings: [titles.today, titles.tomorrow, titles.sunday],
    });
    expect(await lookup('Lịch họp tuần sau?')).toMatchObject({ title: '<b>Lịch họp tuần sau (30/11–06/12/2026)</b>', meetings: [titles.nextWeek, thematic] });
    expect(await lookup('họp chi bộ ngày mai')).toMatchObject({ title: '<b>Lịch họp ngày mai (24/11/2026)</b>', meetings: [titles.tomorrow] });
    expect(await lookup('lich hop thang nay')).toMatchObject({
      title: '<b>Lịch họp tháng này (01/11–30/11/2026)</b>',
      meetings: [titles.today, titles.tomorrow, titles.sunday, titles.nextWeek],
    });
    expect(await lookup('lịch họp tháng sau')).toMatchObject({ title: '<b>Lịch họp tháng sau (01/12–31/12/2026)</b>', meetings: [thematic] });
    expect((await lookup('/lichhop tuần này')).title).toBe('<b>Lịch họp tuần này (23/11–29/11/2026)</b>');
    // Today's meeting once it has begun: still listed, without answer buttons that would be refused.
    (t.clock as AdjustableClock).set(at('2026-11-23 16:00'));
    const today = await lookup('lịch họp hôm nay');
    expect(today).toMatchObject({ title: '<b>Lịch họp hôm nay (23/11/2026)</b>', meetings: [titles.today] });
    const mark = t.fake.mark();
    t.fake.pressButton(member, today.message, /Họp hôm nay/);
    const card = await t.fake.waitFor('editMessageText', (p) => p.chat_id === member.id, { after: mark });
    expect(String(card.params.text)).toContain('📅 <b>Họp hôm nay</b>');
    expect(JSON.stringify(card.params.reply_markup)).not.toContain('rv:');
    (t.clock as AdjustableClock).set(at('2026-11-25 09:00'));
    expect((await lookup('lịch họp ngày mai')).title).toBe('Không có cuộc họp nào ngày mai (26/11/2026).');
  });

  it('inline mode offers shareable cards to members, nothing to strangers', async () => {
    let mark = t.fake.mark();
    t.fake.pushUpdate(inlineQuery(member, 'chuyen de'));
    let answer = await t.fake.waitFor('answerInlineQuery', undefined, { after: mark });
    const results = answer.params.results as { id: string; title: string; description: string; input_message_content: { message_text: string } }[];
    expect(results.map((r) => r.title)).toContain('Sinh hoạt chuyên đề: Học tập và làm theo tư tưởng Hồ Chí Minh');
    // The line under the title says what the result is, not just an icon.
    expect(results.find((r) => r.id.startsWith('meeting:'))!.description).toBe('📅 Cuộc họp lúc 14h30 03/12/2026');
    expect(results[0]!.input_message_content.message_text).toContain('Hội trường Đông Á');
    expect(answer.params.is_personal).toBe(true);

    for (const [query, description] of [
      ['dang bo so', '🏛 Đảng bộ cơ sở'],
      ['ket nap', '📊 Chỉ tiêu nghị quyết'],
    ]) {
      mark = t.fake.mark();
      t.fake.pushUpdate(inlineQuery(member, query!));
      answer = await t.fake.waitFor('answerInlineQuery', undefined, { after: mark });
      expect((answer.params.results as { description: string }[]).map((r) => r.description)).toEqual([description]);
    }

    mark = t.fake.mark();
    t.fake.pushUpdate(inlineQuery(user(9799), 'chuyen de'));
    answer = await t.fake.waitFor('answerInlineQuery', undefined, { after: mark });
    expect(answer.params.results).toEqual([]);
  });
});
