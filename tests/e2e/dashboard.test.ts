/**
 * /bangdieukhien (/dashboard) through the real bot: a web_app button in a private chat, a link to
 * the private chat in a group (then /start dashboard), a clear answer when the dashboard is not
 * set up, and the dashboard as the office's and secretaries' chat menu button (not a member's).
 */
import type { InlineKeyboardMarkup, User } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/services/actor.js';
import { group, privateChat, user } from '../fake-telegram/updates.js';
import { SCRIPTED_MEMBERS, TestBot } from '../helpers/app.js';
import { seedSmallBloc } from '../helpers/db.js';
import { WEBAPP_URL } from '../helpers/dashboard.js';

const buttons = (markup: unknown) => (markup as InlineKeyboardMarkup | undefined)?.inline_keyboard.flat() ?? [];

describe('/bangdieukhien (end to end)', () => {
  let t: TestBot;
  const office = user(9700);
  const secretary = user(9701);
  const member = user(9702);
  const english = user(9703, { language_code: 'en' });

  async function start(webapp: boolean): Promise<void> {
    t = await TestBot.start({ adminIds: [office.id], telegram: SCRIPTED_MEMBERS, http: webapp, env: webapp ? { WEBAPP_URL } : {} });
    const bloc = seedSmallBloc(t.services);
    const link = (id: number, tg: User) => t.services.members.linkTelegram(id, { id: tg.id }, SYSTEM);
    link(bloc.secretary.id, secretary);
    link(bloc.member.id, member);
    link(bloc.cellSecretary.id, english);
    t.fake.knowChats(office, secretary, member, english);
  }
  afterEach(async () => {
    await t.stop();
  });

  it('in a private chat: a button that opens the dashboard at WEBAPP_URL (English clients: /dashboard)', async () => {
    await start(true);
    const call = await t.sayCall(secretary, privateChat(secretary), '/bangdieukhien');
    expect(call.response.ok).toBe(true);
    expect(String(call.params.text)).toContain('<b>Bảng điều khiển</b>');
    expect(buttons(call.params.reply_markup)).toEqual([{ text: '📊 Mở bảng điều khiển', web_app: { url: WEBAPP_URL } }]);
    // A plain member may open it too (they see their own meetings and notices there).
    expect(buttons((await t.sayCall(member, privateChat(member), '/bangdieukhien')).params.reply_markup)[0]).toHaveProperty('web_app');
    const en = await t.sayCall(english, privateChat(english), '/dashboard');
    expect(buttons(en.params.reply_markup)).toEqual([{ text: '📊 Open the dashboard', web_app: { url: WEBAPP_URL } }]);
  });

  it('in a group: a link to the private chat, where /start dashboard answers with the button', async () => {
    await start(true);
    const chat = group(-7300, 'Chi bộ A&B');
    const call = await t.sayCall(secretary, chat, '/bangdieukhien');
    expect(call.response.ok).toBe(true);
    const username = t.app.bot.botInfo.username;
    expect(buttons(call.params.reply_markup)).toEqual([{ text: '🔒 Mở trong cuộc trò chuyện riêng', url: `https://t.me/${username}?start=dashboard` }]);
    const opened = await t.sayCall(secretary, privateChat(secretary), '/start dashboard');
    expect(buttons(opened.params.reply_markup)).toEqual([{ text: '📊 Mở bảng điều khiển', web_app: { url: WEBAPP_URL } }]);
    // A stranger following the link learns how to get access, as with /start.
    const stranger = user(9799);
    expect(await t.say(stranger, privateChat(stranger), '/start dashboard')).toContain(String(stranger.id));
  });

  it('without WEBAPP_URL: says the dashboard is not set up and whom to ask, with no button', async () => {
    await start(false);
    const call = await t.sayCall(office, privateChat(office), '/bangdieukhien');
    expect(String(call.params.text)).toContain('Bảng điều khiển chưa được cài đặt cho bot này');
    expect(String(call.params.text)).toContain('quản trị viên');
    expect(call.params.reply_markup).toBeUndefined();
    expect(await t.say(secretary, group(-7301, 'Nhóm'), '/bangdieukhien')).toContain('chưa được cài đặt');
    await t.settle();
    expect(t.fake.calls.filter((c) => c.method === 'setChatMenuButton')).toEqual([]);
  });

  it('the office and secretaries get it as their chat menu button (once); plain members keep the default', async () => {
    await start(true);
    await t.say(secretary, privateChat(secretary), '/start');
    await t.say(office, privateChat(office), '/trogiup');
    await t.say(member, privateChat(member), '/start');
    await t.settle();
    const expected = { type: 'web_app', text: 'Bảng điều khiển', web_app: { url: WEBAPP_URL } };
    expect(t.fake.menuButtonOf(secretary.id)).toEqual(expected);
    expect(t.fake.menuButtonOf(office.id)).toEqual(expected);
    expect(t.fake.menuButtonOf(member.id)).toEqual({ type: 'default' });
    // Not set again on every message.
    const mark = t.fake.mark();
    await t.say(secretary, privateChat(secretary), '/trogiup');
    await t.settle();
    expect(t.fake.calls.slice(mark).filter((c) => c.method === 'setChatMenuButton')).toEqual([]);
    // /trogiup lists the command for leaders, and the leaders' command menu has it.
    expect(await t.say(secretary, privateChat(secretary), '/trogiup')).toContain('/bangdieukhien');
    const menu = t.fake.commandsFor({ type: 'chat', chat_id: secretary.id }) as { command: string }[];
    expect(menu.map((c) => c.command)).toContain('bangdieukhien');
    // A secretary who loses the role gets the default button back.
    t.services.members.setRoles(t.services.members.findByTelegramId(secretary.id)!.id, ['member'], SYSTEM);
    await t.say(secretary, privateChat(secretary), '/trogiup');
    await t.settle();
    expect(t.fake.menuButtonOf(secretary.id)).toEqual({ type: 'commands' });
  });

  it('the fake refuses what Telegram refuses: a web_app menu button without an https address, a web_app button in a group', async () => {
    await start(true);
    const api = t.app.bot.api;
    await expect(api.setChatMenuButton({ chat_id: secretary.id, menu_button: { type: 'web_app', text: 'x', web_app: { url: 'http://insecure.example.org/' } } })).rejects.toThrow(
      /BUTTON_URL_INVALID/,
    );
    t.fake.knowChats(-7302);
    await expect(api.sendMessage(-7302, 'x', { reply_markup: { inline_keyboard: [[{ text: 'x', web_app: { url: WEBAPP_URL } }]] } })).rejects.toThrow(/BUTTON_TYPE_INVALID/);
  });
});
