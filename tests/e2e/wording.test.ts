/**
 * The wording a Party office expects, through the real bot: "tổ chức đảng" where a branch may be a
 * grassroots committee, the notice questions in an office's words, one polite register
 * ("Đồng chí vui lòng …"), and button labels cut at a word boundary.
 */
import type { Message, User } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdjustableClock } from '../../src/clock.js';
import { SYSTEM } from '../../src/services/actor.js';
import { privateChat, user } from '../fake-telegram/updates.js';
import { TestBot } from '../helpers/app.js';
import { seedSmallBloc } from '../helpers/db.js';

const buttonsOf = (p: { reply_markup?: unknown }) =>
  ((p.reply_markup as { inline_keyboard?: { text: string }[][] } | undefined)?.inline_keyboard ?? []).flat().map((b) => b.text);

describe('wording (end to end)', () => {
  let t: TestBot;
  let bloc: ReturnType<typeof seedSmallBloc>;
  const committeeSecretary = user(9201); // secretary of DB01, a grassroots committee
  const committeeMember = user(9202); // plain member of DB01
  const cellSecretary = user(9203); // secretary of CB02, a grassroots cell

  beforeEach(async () => {
    t = await TestBot.start();
    bloc = seedSmallBloc(t.services);
    const link = (id: number, tg: User) => t.services.members.linkTelegram(id, { id: tg.id }, SYSTEM);
    link(bloc.secretary.id, committeeSecretary);
    link(bloc.member.id, committeeMember);
    link(bloc.cellSecretary.id, cellSecretary);
    t.fake.knowChats(committeeSecretary, committeeMember, cellSecretary); // linked in the database: in real life through /start
  });
  afterEach(async () => {
    await t.stop();
  });

  it('a grassroots committee is never called "chi bộ": its secretary picks "Tổ chức đảng của tôi", its member is told "tổ chức đảng"', async () => {
    const chat = privateChat(committeeSecretary);
    await t.say(committeeSecretary, chat, '/guithongbao');
    const mark = t.fake.mark();
    t.fake.sendText(committeeSecretary, chat, 'Thông báo lịch sinh hoạt tháng 12');
    const scope = await t.fake.waitFor('sendMessage', (p) => p.chat_id === committeeSecretary.id && Boolean(p.reply_markup), { after: mark });
    expect(String(scope.params.text)).toBe('Gửi đến đối tượng nào?');
    expect(buttonsOf(scope.params)).toEqual(['Tổ chức đảng của tôi', 'Tổ chức đảng của tôi và các chi bộ trực thuộc']);

    const refusal = await t.say(committeeMember, privateChat(committeeMember), '/chibo CB02');
    expect(refusal).toBe('Đồng chí chỉ xem được thông tin tổ chức đảng của mình (gõ /chibo, không kèm mã).');
    const help = await t.say(committeeMember, privateChat(committeeMember), '/trogiup');
    expect(help).toContain('/chibo: thông tin tổ chức đảng của tôi');
    expect(help).not.toContain('chi bộ của tôi');
  });

  it('asks "Gửi đến đối tượng nào?", then "Gửi theo hình thức nào?"', async () => {
    const chat = privateChat(cellSecretary);
    await t.say(cellSecretary, chat, '/guithongbao');
    expect(await t.say(cellSecretary, chat, 'Thông báo thu đảng phí')).toBe('Gửi đến đối tượng nào?');
    const mark = t.fake.mark();
    t.fake.pressButton(cellSecretary, t.fake.lastSentMessage(cellSecretary.id)!, /^Tổ chức đảng của tôi$/);
    const people = await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellSecretary.id, { after: mark });
    expect(String(people.params.text)).toBe('Gửi theo hình thức nào?');
    expect(buttonsOf(people.params)).toEqual([
      'Tin nhắn riêng tới từng đảng viên',
      'Nhóm Telegram của tổ chức đảng',
      'Cả hai',
      'Tin nhắn riêng, chỉ gửi bí thư',
    ]);
  });

  it('speaks in one polite register: "Đồng chí vui lòng …", never "Đề nghị" or a colloquial "là xong"', async () => {
    const stranger = user(9299);
    const welcome = await t.say(stranger, privateChat(stranger), '/start');
    expect(welcome).toContain('Đồng chí vui lòng mở liên kết đó trong Telegram');
    expect(welcome).not.toContain('là xong');

    const wrongCode = await t.say(stranger, privateChat(stranger), '/start ABCDEFGHJKMNPQRS');
    expect(wrongCode).toBe(
      'Mã mời không đúng. Đồng chí vui lòng kiểm tra lại đường liên kết đã nhận (mã mời gồm 16 ký tự chữ và số) hoặc liên hệ người đã gửi lời mời để được gửi lại.',
    );

    const used = t.services.invites.createForMember(bloc.subMember.id, {}, SYSTEM);
    const first = user(9298);
    await t.say(first, privateChat(first), `/start ${used.code}`);
    const again = await t.say(stranger, privateChat(stranger), `/start ${used.code}`);
    expect(again).toMatch(/^Lời mời này đã được sử dụng\..*đồng chí vui lòng liên hệ người đã gửi lời mời/);
    for (const answer of [welcome, wrongCode, again]) expect(answer).not.toMatch(/Đề nghị|đề nghị/);
    // The invite may come from a grassroots committee's secretary: never "bí thư chi bộ" to a stranger.
    for (const answer of [welcome, wrongCode, again]) expect(answer).not.toContain('bí thư chi bộ');
    expect(welcome).toContain('do bí thư tổ chức đảng của đồng chí hoặc Văn phòng Đảng ủy Khối gửi');

    // Who joins a grassroots committee as its secretary is not sent to a "bí thư chi bộ" to correct their name.
    const joining = user(9297);
    const invite = t.services.invites.createForBranch(bloc.committee.id, 'secretary', {}, SYSTEM);
    const joined = await t.say(joining, privateChat(joining), `/start ${invite.code}`);
    expect(joined).toContain('Đồng chí đã được ghi nhận là Bí thư của <b>Đảng bộ Sở &lt;Tài chính&gt;</b>');
    expect(joined).toContain('Nếu họ tên chưa đúng, đồng chí vui lòng báo Văn phòng Đảng ủy Khối để chỉnh sửa.');
    expect(joined).not.toContain('chi bộ');
  });

  it('cuts a long button label at a word boundary with "…", never mid-word', async () => {
    const title = 'Hội nghị học tập, quán triệt Nghị quyết Đại hội Đảng bộ Khối lần thứ IX, nhiệm kỳ 2025–2030';
    const draft = t.services.meetings.createDraft(
      { branchId: bloc.cell.id, kind: 'briefing', title, startsAt: new Date('2026-11-24T01:00:00Z'), location: 'Hội trường' },
      bloc.cellSecretary.id,
      SYSTEM,
    );
    t.services.meetings.confirm(draft.id, bloc.cellSecretary.id, SYSTEM);
    t.services.meetings.rsvp(draft.id, bloc.cellMember.id, 'no', 'Đi công tác', SYSTEM);
    await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellSecretary.id && String(p.text).includes('Lịch họp mới'));
    (t.clock as AdjustableClock).set(new Date('2026-11-24T05:00:00Z'));

    const call = await t.sayCall(cellSecretary, privateChat(cellSecretary), '/diemdanh');
    const [label] = buttonsOf(call.params);
    // Cut at 60 characters, the old label read "… Nghị quyết Đạ".
    expect(label).toBe('8h00 24/11/2026 · Hội nghị học tập, quán triệt Nghị quyết…');
    expect(Array.from(label!).length).toBeLessThanOrEqual(60);
    // The button still opens the sheet.
    const mark = t.fake.mark();
    t.fake.pressButton(cellSecretary, call.response.result as Message, /Nghị quyết…$/);
    const sheet = await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellSecretary.id, { after: mark });
    expect(String(sheet.params.text)).toContain(`<b>Điểm danh: ${title}</b>`);
    // Who said they would be absent is marked in the interface's language, not in code.
    expect(buttonsOf(sheet.params)).toContain('⬜ Hoàng Minh Em (đã báo vắng)');
  });
});
