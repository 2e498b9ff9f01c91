import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdjustableClock } from '../../src/clock.js';
import { SYSTEM } from '../../src/services/actor.js';
import { privateChat, user } from '../fake-telegram/updates.js';
import { TestBot } from '../helpers/app.js';
import { seedSmallBloc } from '../helpers/db.js';

describe('access and invites (end to end)', () => {
  let t: TestBot;
  let bloc: ReturnType<typeof seedSmallBloc>;
  beforeEach(async () => {
    t = await TestBot.start();
    bloc = seedSmallBloc(t.services);
  });
  afterEach(async () => {
    await t.stop();
    expect(t.logLines.join('')).not.toContain(t.fake.token.split(':')[1]);
  });

  it('tells a stranger how to get access and shows nothing else', async () => {
    const stranger = user(5001, { first_name: 'Khách' });
    const chat = privateChat(stranger);
    const reply = await t.say(stranger, chat, '/start');
    expect(reply).toContain('đường liên kết mời');
    expect(reply).toContain('5001');
    for (const text of ['/chibo', '/chibo CB02', 'xin chào', '/moi DV003']) {
      const answer = await t.say(stranger, chat, text);
      expect(answer).toContain('đường liên kết mời');
      expect(answer).not.toContain('A&amp;B');
      expect(answer).not.toContain('Nguyễn');
    }
  });

  it('an invite link links the account, then /chibo shows the branch, escaped', async () => {
    const invite = t.services.invites.createForMember(bloc.cellMember.id, {}, SYSTEM);
    const tg = user(5002, { first_name: 'Em' });
    const chat = privateChat(tg);
    const linked = await t.say(tg, chat, `/start ${invite.code}`);
    expect(linked).toContain('Đã liên kết tài khoản Telegram với đảng viên <b>Hoàng Minh Em</b>');
    expect(t.services.members.findByTelegramId(5002)?.id).toBe(bloc.cellMember.id);

    const card = await t.say(tg, chat, '/chibo');
    expect(card).toContain('<b>Chi bộ Công ty TNHH A&amp;B</b> (CB02)');
    expect(card).toContain('Bí thư: Đặng Quốc Đạt');
    expect(card).toContain('Đảng viên đã liên kết Telegram: 1/2');
    expect(card).toContain('Khối thi đua: Khối các cơ quan Đảng');
    expect(card).toContain('Cuộc họp tới: chưa có lịch');
  });

  it('a member sees only their own branch; the office sees any', async () => {
    t.services.members.linkTelegram(bloc.cellMember.id, { id: 5003 }, SYSTEM);
    const tg = user(5003);
    expect(await t.say(tg, privateChat(tg), '/chibo DB01')).toContain('chỉ xem được thông tin tổ chức đảng của mình');
    const office = t.services.members.addAdmin(5004, 'Văn phòng', SYSTEM);
    expect(office.roles).toContain('office');
    const admin = user(5004);
    const card = await t.say(admin, privateChat(admin), '/chibo DB01');
    expect(card).toContain('Đảng bộ Sở &lt;Tài chính&gt;');
    expect(card).toContain('Chi bộ trực thuộc: 1');
  });

  it('answers a wrong, used or expired code clearly, and slows down guessing', async () => {
    const tg = user(5005);
    const chat = privateChat(tg);
    expect(await t.say(tg, chat, '/start notARealCode123')).toContain('Mã mời không đúng');
    const invite = t.services.invites.createForMember(bloc.member.id, { days: 1 }, SYSTEM);
    (t.clock as AdjustableClock).advance(25 * 3600 * 1000);
    expect(await t.say(tg, chat, `/start ${invite.code}`)).toContain('đã hết hạn');
    // The first wrong code is outside the 15-minute window by now; the expired one counts.
    for (let i = 0; i < 4; i++) await t.say(tg, chat, `/start wrongwrongwrong${i}`);
    expect(await t.say(tg, chat, '/start anotherwrongcode')).toContain('thử lại sau 15 phút');
    expect(t.services.members.findByTelegramId(5005)).toBeNull();
  });
});
