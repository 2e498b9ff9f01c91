import type { Message } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/services/actor.js';
import { group, privateChat, user } from '../fake-telegram/updates.js';
import { TestBot } from '../helpers/app.js';
import { seedSmallBloc } from '../helpers/db.js';

describe('/moi (end to end)', () => {
  let t: TestBot;
  let bloc: ReturnType<typeof seedSmallBloc>;
  const admin = user(7001, { first_name: 'Văn phòng' });
  const secretary = user(7002, { first_name: 'Đạt' });
  const plain = user(7003, { first_name: 'Em' });

  beforeEach(async () => {
    t = await TestBot.start({ adminIds: [admin.id] });
    bloc = seedSmallBloc(t.services);
    t.services.members.linkTelegram(bloc.cellSecretary.id, { id: secretary.id }, SYSTEM);
    t.services.members.linkTelegram(bloc.cellMember.id, { id: plain.id }, SYSTEM);
  });
  afterEach(async () => {
    await t.stop();
  });

  it('the office invites a member by code; the link lets that person in', async () => {
    const reply = await t.say(admin, privateChat(admin), '/moi DV003');
    expect(reply).toContain('Lời mời cho <b>Lê Văn Cường</b> (Đảng bộ Sở &lt;Tài chính&gt;)');
    expect(reply).toContain('https://t.me/test_party_bot?start=');
    const code = TestBot.inviteCode(reply);
    const newcomer = user(7010);
    expect(await t.say(newcomer, privateChat(newcomer), `/start ${code}`)).toContain('Lê Văn Cường');
    expect(t.services.members.findByTelegramId(7010)?.code).toBe('DV003');
  });

  it('the office creates a branch invite with a role', async () => {
    const reply = await t.say(admin, privateChat(admin), '/moi chibo CB02 bí thư');
    expect(reply).toContain('Lời mời chung cho <b>Chi bộ Công ty TNHH A&amp;B</b> (vai trò: Bí thư)');
    const code = TestBot.inviteCode(reply);
    const newcomer = user(7011, { first_name: 'Mới', last_name: 'Vào' });
    expect(await t.say(newcomer, privateChat(newcomer), `/start ${code}`)).toContain('Bí thư của <b>Chi bộ Công ty TNHH A&amp;B</b>');
    expect(t.services.members.findByTelegramId(7011)).toMatchObject({ fullName: 'Mới Vào', roles: ['secretary', 'member'] });
  });

  it('a secretary invites only within their branch, and only as member', async () => {
    expect(await t.say(secretary, privateChat(secretary), '/moi DV003')).toContain('Không tìm thấy đảng viên “DV003”');
    expect(await t.say(secretary, privateChat(secretary), '/moi chibo DB01')).toContain('Chỉ bí thư, phó bí thư của');
    expect(await t.say(secretary, privateChat(secretary), '/moi chibo CB02 bí thư')).toContain('Vai trò “bí thư” không hợp lệ');
    const own = await t.say(secretary, privateChat(secretary), '/moi chibo CB02');
    expect(own).toContain('vai trò: Đảng viên');
    expect(t.services.invites.listActive()).toHaveLength(1);
  });

  it('a plain member may not invite; /moi in a group points to the private chat', async () => {
    expect(await t.say(plain, privateChat(plain), '/moi DV006')).toContain('Lệnh /moi dành cho bí thư');
    expect(await t.say(admin, group(-7100, 'Nhóm'), '/moi DV003')).toContain('nhắn riêng');
    expect(t.services.invites.listActive()).toHaveLength(0);
  });

  it('an ambiguous name offers buttons; the button re-checks the role', async () => {
    t.services.members.create({ code: 'DV007', fullName: 'Lê Văn Cường', branchId: bloc.cell.id, roles: ['member'] }, SYSTEM);
    const call = await t.sayCall(admin, privateChat(admin), '/moi le van cuong');
    expect(String(call.params.text)).toContain('Có 2 đảng viên khớp');
    const buttons = (call.params.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard.flat();
    expect(buttons).toHaveLength(2);
    const message = call.response.result as Message;
    const mark = t.fake.mark();
    await t.press(admin, message, buttons[0]!.callback_data);
    const created = await t.fake.waitFor('sendMessage', (p) => p.chat_id === admin.id, { after: mark });
    expect(String(created.params.text)).toContain('Lời mời cho <b>Lê Văn Cường</b>');
    // A member pressing a forged button for the same member is refused.
    const refused = await t.press(plain, { ...message, chat: privateChat(plain) }, buttons[1]!.callback_data, true);
    expect(String(refused.params.text)).toContain('không có quyền');
    expect(t.services.invites.listActive()).toHaveLength(1);
  });

  it('the /moi conversation survives a restart in the middle', async () => {
    const chat = privateChat(admin);
    expect(await t.say(admin, chat, '/moi')).toContain('Đồng chí vui lòng gõ mã đảng viên');
    await t.restart();
    const reply = await t.say(admin, chat, 'DV004');
    expect(reply).toContain('Lời mời cho <b>Phạm Thị Dung</b>');
    // The conversation is over: the next text is a lookup, not an answer.
    expect(await t.say(admin, chat, 'DV005')).toContain('Kết quả cho “DV005”');
  });

  it('the conversation can be cancelled; another command asks whether to go on, and runs once the member cancels', async () => {
    const chat = privateChat(admin);
    await t.say(admin, chat, '/moi');
    expect(await t.say(admin, chat, '/huy')).toContain('Đã hủy');
    await t.say(admin, chat, '/moi');
    const asked = await t.sayCall(admin, chat, '/chibo CB02');
    expect(String(asked.params.text)).toContain('Đồng chí đang tạo lời mời dở. Tiếp tục hay hủy?');
    const mark = t.fake.mark();
    t.fake.pressButton(admin, asked.response.result as Message, /Hủy/);
    await t.fake.waitFor('sendMessage', (p) => p.chat_id === admin.id && String(p.text).includes('Đã hủy tạo lời mời'), { after: mark });
    await t.fake.waitFor('sendMessage', (p) => p.chat_id === admin.id && String(p.text).includes('(CB02)'), { after: mark });
    expect(t.services.invites.listActive()).toHaveLength(0);
  });
});
