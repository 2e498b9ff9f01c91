/**
 * First run with only a token: with no office admin, start-up logs one claim link; the first person
 * who opens it becomes the office admin and chooses the demo bloc or an empty start. The code works
 * once, expires, is refused once an admin exists, and wrong codes are slowed down like invites.
 * /chibo gives the office (who belong to no branch) the bloc's summary.
 */
import { join } from 'node:path';
import type { Message, User } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import type { AdjustableClock } from '../../src/clock.js';
import { createCliContext } from '../../src/cli/context.js';
import { runCli } from '../../src/cli/main.js';
import { kv } from '../../src/db/schema.js';
import { SYSTEM } from '../../src/services/actor.js';
import { privateChat, user } from '../fake-telegram/updates.js';
import { TestBot, type TestAppOptions } from '../helpers/app.js';
import { seedSmallBloc, tempDir } from '../helpers/db.js';

interface LogLine {
  level: number;
  msg: string;
  claimLink?: string;
  claimCode?: string;
}

const WARN = 40;

describe('first run: the claim link for the first office admin (end to end)', () => {
  const bots: TestBot[] = [];
  const start = async (options: TestAppOptions = {}) => {
    const t = await TestBot.start(options);
    bots.push(t);
    return t;
  };
  afterEach(async () => {
    for (const t of bots.splice(0)) await t.stop();
  });

  const claimLines = (t: TestBot): LogLine[] =>
    t.logLines.map((l) => JSON.parse(l) as LogLine).filter((l) => l.claimCode !== undefined);
  /** The code of the claim line of the latest start. */
  const claimCode = (t: TestBot): string => claimLines(t).at(-1)!.claimCode!;
  const admins = (t: TestBot) => t.services.members.withRole('admin');

  const lan = user(7001, { first_name: 'Lan', last_name: 'Nguyễn Thị' });
  const other = user(7002, { first_name: 'Khách' });

  /** `tg` opens the claim link; returns the bot's answer (the offer, when it worked). */
  const claim = async (t: TestBot, tg: User, code = claimCode(t)) => {
    const call = await t.sayCall(tg, privateChat(tg), `/start ${code}`);
    return { text: String(call.params.text), message: call.response.result as Message };
  };

  it('logs one line with the link and the code when there is no admin, and none when there is', async () => {
    const t = await start();
    const lines = claimLines(t);
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line!.level).toBe(WARN);
    expect(line!.claimCode).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(line!.claimLink).toBe(`https://t.me/test_party_bot?start=${line!.claimCode}`);
    expect(line!.msg).toContain(line!.claimLink);
    // Logged after getMe: the link has the bot's username, and the bot already answers.
    const started = t.logLines.findIndex((l) => l.includes('"msg":"bot started"'));
    expect(t.logLines.findIndex((l) => l.includes('claimCode'))).toBeGreaterThan(started);

    // The database keeps only a hash of the code.
    const stored = t.app.db.select().from(kv).all().map((r) => r.value).join('\n');
    expect(stored).not.toContain(line!.claimCode);

    const withAdmin = await start({ adminIds: [7100] });
    expect(claimLines(withAdmin)).toEqual([]);
  });

  it('logs it in webhook mode too', async () => {
    const t = await start({ webhook: true });
    expect(t.fake.callsTo('setWebhook')).toHaveLength(1);
    expect(claimLines(t)).toHaveLength(1);
    expect(claimLines(t)[0]!.claimLink).toMatch(/^https:\/\/t\.me\/test_party_bot\?start=[A-Za-z0-9_-]{16}$/);
  });

  it('the first person to open it becomes the office admin, with their profile name and language; then never again', async () => {
    const t = await start();
    const code = claimCode(t);
    const english = user(7003, { first_name: 'Lan', last_name: 'Nguyen', language_code: 'en' });
    const { text, message } = await claim(t, english, code);
    expect(text).toContain('Comrade <b>Lan Nguyen</b>, you are now the office admin');
    const buttons = message.reply_markup!.inline_keyboard.flat().map((b) => b.text);
    expect(buttons).toEqual(['🧪 Use demo data', '📄 Start empty']);
    const admin = t.services.members.findByTelegramId(english.id)!;
    expect(admin.roles).toEqual(['admin', 'office']);
    expect(admin.branchId).toBeNull();
    expect(admin.fullName).toBe('Lan Nguyen');
    expect(admin.language).toBe('en');

    // A second use: refused, nobody else is made admin.
    expect((await claim(t, other, code)).text).toContain('không còn hiệu lực: Văn phòng Đảng ủy Khối đã có quản trị viên');
    expect(t.services.members.findByTelegramId(other.id)).toBeNull();
    expect(admins(t).map((m) => m.telegramUserId)).toEqual([english.id]);

    // The code reached no log line but the start-up one (the update's, the claim's, the reply's).
    await t.settle();
    expect(t.logLines.filter((l) => l.includes(code))).toHaveLength(1);

    // A restart with an admin opens no claim, and the old code stays refused.
    await t.restart();
    expect(claimLines(t)).toHaveLength(1);
    expect((await claim(t, other, code)).text).toContain('không còn hiệu lực');
    expect(admins(t)).toHaveLength(1);
  });

  it('an expired code is refused; a restart without an admin logs a new code and the old one stops working', async () => {
    const t = await start();
    const first = claimCode(t);
    (t.clock as AdjustableClock).advance(24 * 3600 * 1000);
    expect((await claim(t, lan, first)).text).toContain('Mã nhận quyền quản trị này đã hết hạn');
    expect(admins(t)).toEqual([]);

    await t.restart();
    const second = claimCode(t);
    expect(claimLines(t)).toHaveLength(2);
    expect(second).not.toBe(first);
    expect((await claim(t, lan, first)).text).toContain('Mã mời không đúng');
    expect((await claim(t, lan, second)).text).toContain('Đồng chí <b>Lan Nguyễn Thị</b> đã được ghi nhận là quản trị viên');
    expect(t.services.members.findByTelegramId(lan.id)!.language).toBe('vi');
  });

  it('is refused once an admin exists: ADMIN_IDS at the next start, or `cli admin add` while the bot runs', async () => {
    const databasePath = join(tempDir(), 'bot.sqlite');
    const first = await start({ databasePath });
    const code = claimCode(first);
    await first.stop();
    bots.splice(bots.indexOf(first), 1);
    const configured = await start({ databasePath, adminIds: [7100] });
    expect(claimLines(configured)).toEqual([]);
    // The claim was closed: the code is now just a wrong code.
    expect((await claim(configured, lan, code)).text).toContain('Mã mời không đúng');
    expect(configured.services.members.findByTelegramId(lan.id)).toBeNull();

    const fresh = await start();
    const open = claimCode(fresh);
    const cli = createCliContext({ env: { DATABASE_PATH: fresh.databasePath }, out: () => undefined, err: () => undefined });
    expect(await runCli(['admin', 'add', '7200', '--name', 'Trần Văn Cơ'], cli)).toBe(0);
    cli.close();
    expect((await claim(fresh, lan, open)).text).toContain('không còn hiệu lực: Văn phòng Đảng ủy Khối đã có quản trị viên');
    expect(fresh.services.members.findByTelegramId(lan.id)).toBeNull();
    expect(admins(fresh).map((m) => m.telegramUserId)).toEqual([7200]);
  });

  it('slows wrong codes down like invites: the same count, the same answers whether a claim is open or not', async () => {
    const open = await start();
    const closed = await start({ adminIds: [7100] });
    const code = claimCode(open);
    const guesses = ['wrongwrongwrong0', 'wrongwrongwrong1', 'wrongwrongwrong2', 'wrongwrongwrong3'];
    for (const guess of guesses) {
      const answers = [(await claim(open, lan, guess)).text, (await claim(closed, lan, guess)).text];
      expect(answers[0]).toContain('Mã mời không đúng');
      expect(answers[1]).toBe(answers[0]);
    }
    // An invite's failure counts too: the fifth wrong code is a wrong invite code, then the right
    // claim code is throttled, and changes nothing.
    expect((await claim(open, lan, 'notAnInviteEither')).text).toContain('Mã mời không đúng');
    expect((await claim(open, lan, code)).text).toContain('thử lại sau 15 phút');
    expect(admins(open)).toEqual([]);
    // A claim's own failures count as well: an expired claim code, four times, then an invite.
    const invite = open.services.invites.createForMember(seedSmallBloc(open.services).member.id, {}, SYSTEM);
    (open.clock as AdjustableClock).advance(24 * 3600 * 1000);
    for (let i = 0; i < 5; i++) expect((await claim(open, other, code)).text).toContain('đã hết hạn');
    expect((await claim(open, other, invite.code)).text).toContain('thử lại sau 15 phút');
    expect(open.services.members.findByTelegramId(other.id)).toBeNull();
  });

  it('a claim attempt after the wait works', async () => {
    const t = await start();
    for (let i = 0; i < 5; i++) await claim(t, lan, `wrongwrongwrong${i}`);
    expect((await claim(t, lan)).text).toContain('thử lại sau 15 phút');
    (t.clock as AdjustableClock).advance(15 * 60 * 1000);
    expect((await claim(t, lan)).text).toContain('đã được ghi nhận là quản trị viên');
  });
});


describe('first run: demo or empty (end to end)', () => {
  let bot: TestBot;
  afterEach(async () => {
    await bot.stop();
  });

  const lan = user(7001, { first_name: 'Lan', last_name: 'Nguyễn Thị' });

  async function claimed(): Promise<Message> {
    bot = await TestBot.start();
    const line = bot.logLines.find((l) => l.includes('claimCode'))!;
    const code = (JSON.parse(line) as { claimCode: string }).claimCode;
    const call = await bot.sayCall(lan, privateChat(lan), `/start ${code}`);
    return call.response.result as Message;
  }
  const branchCount = () => bot.services.branches.list().length;

  it('"Demo" makes the demo bloc once, says what was made and what to try; a second press changes nothing', async () => {
    const offer = await claimed();
    const mark = bot.fake.mark();
    const answer = await bot.press(lan, offer, 'fr:demo');
    expect(answer.params.text).toBeUndefined();
    const done = await bot.fake.waitFor('sendMessage', (p) => p.chat_id === lan.id, { after: mark });
    const branches = bot.services.branches.list();
    const members = bot.services.members.listAll().filter((m) => m.branchId !== null);
    expect(branches.length).toBeGreaterThan(0);
    expect(String(done.params.text)).toContain(`: ${branches.length} tổ chức đảng, ${members.length} đảng viên`);
    expect(String(done.params.text)).toContain('/trogiup');
    expect(String(done.params.text)).toContain(bot.services.bloc.get().name);
    // The buttons are gone from the offer.
    expect(bot.fake.calls.some((c) => c.method === 'editMessageReplyMarkup' && c.params.message_id === offer.message_id)).toBe(true);

    const again = await bot.press(lan, offer, 'fr:demo', true);
    expect(again.params.text).toContain('Cách bắt đầu đã được chọn');
    const empty = await bot.press(lan, offer, 'fr:empty', true);
    expect(empty.params.text).toContain('Cách bắt đầu đã được chọn');
    expect(branchCount()).toBe(branches.length);
    expect(bot.services.members.listAll()).toHaveLength(members.length + 1);
  });

  it('"Empty" makes nothing and says how to begin; "Demo" is refused afterwards', async () => {
    const offer = await claimed();
    const mark = bot.fake.mark();
    await bot.press(lan, offer, 'fr:empty');
    const done = await bot.fake.waitFor('sendMessage', (p) => p.chat_id === lan.id, { after: mark });
    expect(String(done.params.text)).toContain('Đồng chí đã chọn bắt đầu trống');
    expect(String(done.params.text)).toContain('Nhờ người quản lý máy chủ nhập danh sách tổ chức đảng và đảng viên từ tệp Excel');
    expect(String(done.params.text)).toContain('/moi');
    expect(branchCount()).toBe(0);
    expect((await bot.press(lan, offer, 'fr:demo', true)).params.text).toContain('Cách bắt đầu đã được chọn');
    expect(branchCount()).toBe(0);
  });

  it('only an admin may choose, and only while there are no branches', async () => {
    const offer = await claimed();
    // An office member who is not an admin, and a stranger, pressing the admin's buttons (forged).
    const clerk = user(7010, { first_name: 'Văn thư' });
    bot.services.members.create({ fullName: 'Văn thư', branchId: null, roles: ['office'], telegramUserId: clerk.id }, SYSTEM);
    bot.fake.knowChats(clerk);
    expect((await bot.press(clerk, offer, 'fr:demo', true)).params.text).toBe('Chỉ quản trị viên mới chọn được cách bắt đầu.');
    const stranger = user(7011);
    expect((await bot.press(stranger, offer, 'fr:demo', true)).params.text).toBe('Đồng chí chưa được đăng ký sử dụng bot. Đồng chí vui lòng nhắn riêng cho bot để biết cách tham gia.');
    expect(branchCount()).toBe(0);

    // Branches imported meanwhile: the offer no longer applies, and stays open for nothing.
    seedSmallBloc(bot.services);
    const before = branchCount();
    expect((await bot.press(lan, offer, 'fr:demo')).params.text).toContain('Đảng bộ Khối đã có tổ chức đảng');
    expect((await bot.press(lan, offer, 'fr:empty')).params.text).toContain('Đảng bộ Khối đã có tổ chức đảng');
    expect(branchCount()).toBe(before);
  });

  it('an admin made by ADMIN_IDS, never offered the choice, cannot make the demo with a forged press', async () => {
    const admin = user(7100);
    bot = await TestBot.start({ adminIds: [admin.id] });
    const help = await bot.sayCall(admin, privateChat(admin), '/trogiup');
    expect((await bot.press(admin, help.response.result as Message, 'fr:demo', true)).params.text).toContain('Cách bắt đầu đã được chọn');
    expect(branchCount()).toBe(0);
  });
});

describe('/chibo for the office, who belong to no branch (end to end)', () => {
  let bot: TestBot;
  afterEach(async () => {
    await bot.stop();
  });
  const admin = user(7100, { first_name: 'Văn phòng' });

  it('on an empty bloc says so and how to begin', async () => {
    bot = await TestBot.start({ adminIds: [admin.id] });
    const reply = await bot.say(admin, privateChat(admin), '/chibo');
    expect(reply).toContain('<b>Đảng bộ Khối</b> chưa có tổ chức đảng nào');
    expect(reply).toContain('Nhờ người quản lý máy chủ nhập danh sách tổ chức đảng và đảng viên từ tệp Excel');
    expect(reply).not.toContain('chưa thuộc tổ chức đảng nào');
  });

  it("gives the bloc's summary and points to /chibo <code>", async () => {
    bot = await TestBot.start({ adminIds: [admin.id] });
    const bloc = seedSmallBloc(bot.services);
    bot.services.members.linkTelegram(bloc.cellMember.id, { id: 7201 }, SYSTEM);
    bot.services.members.linkTelegram(bloc.secretary.id, { id: 7202 }, SYSTEM);
    bot.services.chats.recordPresent({ id: -7300, type: 'group', title: 'Chi bộ A&B' }, null, SYSTEM);
    bot.services.chats.link(-7300, bloc.cell.id, SYSTEM);
    bot.services.chats.recordPresent({ id: -7301, type: 'group', title: 'Không liên kết' }, null, SYSTEM);
    const reply = await bot.say(admin, privateChat(admin), '/chibo');
    expect(reply).toContain('<b>Đảng bộ Khối</b>');
    expect(reply).toContain('Tổ chức đảng: 3 (1 đảng bộ cơ sở, 1 chi bộ cơ sở, 1 chi bộ trực thuộc)');
    expect(reply).toContain('Khối thi đua: 1');
    expect(reply).toContain('Đảng viên đã liên kết Telegram: 2/6');
    expect(reply).toContain('Nhóm Telegram đã liên kết: 1');
    expect(reply).toContain('<code>/chibo CB02</code>');
    // The pointer works, and a member with a branch still gets their branch's card.
    expect(await bot.say(admin, privateChat(admin), '/chibo CB02')).toContain('<b>Chi bộ Công ty TNHH A&amp;B</b> (CB02)');
    const member = user(7201);
    expect(await bot.say(member, privateChat(member), '/chibo')).toContain('<b>Chi bộ Công ty TNHH A&amp;B</b> (CB02)');
  });

  it('after the demo, in English for an English admin', async () => {
    bot = await TestBot.start();
    const line = bot.logLines.find((l) => l.includes('claimCode'))!;
    const code = (JSON.parse(line) as { claimCode: string }).claimCode;
    const english = user(7400, { first_name: 'Ann', language_code: 'en' });
    const offer = await bot.sayCall(english, privateChat(english), `/start ${code}`);
    const mark = bot.fake.mark();
    await bot.press(english, offer.response.result as Message, 'fr:demo');
    expect(String((await bot.fake.waitFor('sendMessage', (p) => p.chat_id === english.id, { after: mark })).params.text)).toContain('Demo data');
    const branches = bot.services.branches.list({ activeOnly: true }).length;
    const members = bot.services.members.listAll().filter((m) => m.branchId !== null).length;
    const reply = await bot.say(english, privateChat(english), '/branch');
    expect(reply).toContain(`<b>${bot.services.bloc.get().name}</b>`);
    expect(reply).toContain(`Organisations: ${branches} (`);
    expect(reply).toContain(`Members linked to Telegram: 0/${members}`);
    expect(reply).toContain(`e.g. <code>/branch ${bot.services.branches.list({ activeOnly: true })[0]!.code}</code>`);
  });

  it('the summary is for the office only: a stranger, or a member without a branch, never sees it', async () => {
    bot = await TestBot.start({ adminIds: [admin.id] });
    seedSmallBloc(bot.services);
    expect(await bot.say(admin, privateChat(admin), '/chibo')).toContain('Tổ chức đảng: 3 (');
    const stranger = user(7500);
    for (const text of ['/chibo', '/chibo CB02', '/branch']) {
      const reply = await bot.say(stranger, privateChat(stranger), text);
      expect(reply).toContain('đường liên kết mời');
      expect(reply).not.toContain('Tổ chức đảng:');
      expect(reply).not.toContain('A&amp;B');
    }
    const loose = user(7501);
    bot.services.members.create({ fullName: 'Chưa xếp', branchId: null, roles: ['member'], telegramUserId: loose.id }, SYSTEM);
    const reply = await bot.say(loose, privateChat(loose), '/chibo');
    expect(reply).toContain('Đồng chí chưa thuộc tổ chức đảng nào trong danh sách');
    expect(reply).not.toContain('Tổ chức đảng:');
  });
});
