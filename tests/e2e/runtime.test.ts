import { afterEach, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/services/actor.js';
import { FakeTelegram } from '../fake-telegram/server.js';
import { group, privateChat, textMessage, user } from '../fake-telegram/updates.js';
import { TestBot, WEBHOOK_SECRET, WEBHOOK_URL } from '../helpers/app.js';
import { seedSmallBloc } from '../helpers/db.js';

describe('running the bot (end to end)', () => {
  let t: TestBot | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });

  it('registers command menus per scope and language at start-up', async () => {
    t = await TestBot.start();
    const names = (scope: object, lang = '') =>
      (t!.fake.commandsFor(scope as never, lang) as { command: string }[]).map((c) => c.command);
    expect(names({ type: 'all_private_chats' })).toEqual(['chibo', 'lichhop', 'chitieu', 'thongbao', 'tim', 'lichics', 'nhacnho', 'ngonngu', 'trogiup']);
    expect(names({ type: 'all_private_chats' }, 'en')).toEqual(['branch', 'lichhop', 'chitieu', 'thongbao', 'tim', 'lichics', 'nhacnho', 'language', 'help']);
    expect(names({ type: 'all_group_chats' })).toContain('lienket');
    expect(names({ type: 'all_private_chats' })).not.toContain('taolich');
  });

  it('a refusal of the default menus (400, then 429) is logged and start-up goes on; a start without one sets them', async () => {
    const fake = await FakeTelegram.start();
    try {
      const privateMenu = () => fake.commandsFor({ type: 'all_private_chats' }, '') as unknown[];
      const refusals = () => t!.logLines.filter((l) => l.includes('could not set the default command menus'));
      fake.failNext('setMyCommands', { error_code: 400, description: 'Bad Request: BOT_COMMANDS_TOO_MUCH' });
      t = await TestBot.start({ fake, adminIds: [8200] });
      expect(refusals()).toHaveLength(1);
      expect(JSON.parse(refusals()[0]!)).toMatchObject({ level: 40, err: { message: expect.stringContaining('BOT_COMMANDS_TOO_MUCH') } });
      // The bot answers, and a member who writes still gets their own menu.
      const office = user(8200);
      expect(await t.say(office, privateChat(office), '/trogiup')).toContain('/taolich');
      await t.settle();
      expect((fake.commandsFor({ type: 'chat', chat_id: office.id }, '') as { command: string }[]).map((c) => c.command)).toContain('taolich');

      // Too many requests, for longer than start-up waits: the same.
      fake.tooManyRequests('setMyCommands', 3600);
      await t.restart();
      expect(refusals()).toHaveLength(2);
      expect(await t.say(office, privateChat(office), '/trogiup')).toContain('/taolich');
      expect(privateMenu()).toEqual([]);

      await t.restart();
      expect(refusals()).toHaveLength(2);
      expect(privateMenu()).not.toEqual([]);
    } finally {
      await t?.stop();
      t = undefined;
      await fake.close();
    }
  });

  it('gives a secretary their own menu, in both languages, and takes it away when the role goes', async () => {
    t = await TestBot.start();
    const bloc = seedSmallBloc(t.services);
    t.services.members.linkTelegram(bloc.cellSecretary.id, { id: 8001 }, SYSTEM);
    const sec = user(8001);
    // The menu a Telegram client shows in this chat: the chat's own, else the private chats' one.
    const shown = (lang: string) => {
      const own = t!.fake.commandsFor({ type: 'chat', chat_id: sec.id }, lang) as { command: string }[];
      const all = t!.fake.commandsFor({ type: 'all_private_chats' }, lang) as { command: string }[];
      return (own.length > 0 ? own : all).map((c) => c.command);
    };
    expect(shown('')).not.toContain('taolich');
    await t.say(sec, privateChat(sec), '/trogiup');
    await t.settle();
    expect(shown('')).toEqual(expect.arrayContaining(['taolich', 'guithongbao', 'baocao', 'diemdanh', 'moi', 'chibo']));
    expect(shown('en')).toEqual(expect.arrayContaining(['taolich', 'guithongbao', 'baocao', 'diemdanh', 'moi', 'branch']));
    await t.say(sec, privateChat(sec), '/chibo');
    await t.settle();
    expect(shown('')).toContain('taolich');

    t.services.members.setRoles(bloc.cellSecretary.id, ['member'], SYSTEM);
    await t.say(sec, privateChat(sec), '/chibo');
    await t.settle();
    expect(shown('')).not.toContain('taolich');
    expect(shown('en')).not.toContain('taolich');
    expect(shown('')).toContain('chibo');
  });

  it('/trogiup lists commands by role', async () => {
    t = await TestBot.start({ adminIds: [8100] });
    const bloc = seedSmallBloc(t.services);
    t.services.members.linkTelegram(bloc.cellMember.id, { id: 8101 }, SYSTEM);
    const member = await t.say(user(8101), privateChat(user(8101)), '/trogiup');
    expect(member).toContain('/lichhop');
    expect(member).not.toContain('/taolich');
    const office = await t.say(user(8100), privateChat(user(8100)), '/help');
    expect(office).toContain('/taolich');
    expect(office).toContain('Dành cho Văn phòng');
  });

  it('commands without their argument explain themselves, and check the role they need', async () => {
    t = await TestBot.start();
    const bloc = seedSmallBloc(t.services);
    t.services.members.linkTelegram(bloc.cellMember.id, { id: 8201 }, SYSTEM);
    const m = user(8201);
    expect(await t.say(m, privateChat(m), '/tim')).toContain('Đồng chí vui lòng gõ <code>/tim từ-khóa</code>');
    expect(await t.say(m, privateChat(m), '/baocao')).toContain('Lệnh /baocao dành cho bí thư');
  });

  it('survives 403, 429, 5xx and dropped connections, and keeps answering', async () => {
    t = await TestBot.start();
    const bloc = seedSmallBloc(t.services);
    t.services.members.linkTelegram(bloc.cellMember.id, { id: 8301 }, SYSTEM);
    t.services.members.linkTelegram(bloc.member.id, { id: 8302 }, SYSTEM);
    const a = user(8301);
    const b = user(8302);

    t.fake.blockUser(a.id);
    t.fake.sendText(a, privateChat(a), '/chibo');
    const refused = await t.fake.waitFor('sendMessage', (p) => p.chat_id === a.id, { refused: true });
    expect(refused.response.error_code).toBe(403);
    await t.settle();
    expect(t.services.members.getById(bloc.cellMember.id)?.unreachableSince).toBeInstanceOf(Date);
    t.fake.unblock(a.id);

    t.fake.tooManyRequests('sendMessage', 1, { chatId: b.id });
    const started = Date.now();
    const mark = t.fake.mark();
    t.fake.sendText(b, privateChat(b), '/chibo');
    const ok = await t.fake.waitFor('sendMessage', (p, c) => p.chat_id === b.id && c.response.ok, { after: mark });
    expect(String(ok.params.text)).toContain('(DB01)');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    const replies = t.fake.callsTo('sendMessage').filter((c) => c.params.chat_id === b.id);
    expect(replies.map((c) => c.response.error_code ?? 200)).toEqual([429, 200]);

    t.fake.serverError('sendMessage', { chatId: b.id });
    const mark2 = t.fake.mark();
    t.fake.sendText(b, privateChat(b), '/chibo');
    await t.fake.waitFor('sendMessage', (p, c) => p.chat_id === b.id && c.response.ok, { after: mark2 });
    expect(t.fake.callsTo('sendMessage').slice(-2).map((c) => c.response.error_code ?? 200)).toEqual([500, 200]);

    t.fake.dropConnections('sendMessage', 1);
    t.fake.sendText(b, privateChat(b), '/chibo');
    await t.fake.waitFor('sendMessage', (p) => p.chat_id === b.id && t!.fake.callsTo('sendMessage').at(-1)?.outcome === 'answered');

    // Still alive: a member who unblocked the bot is reachable again.
    expect(await t.say(a, privateChat(a), '/chibo')).toContain('(CB02)');
    expect(t.services.members.getById(bloc.cellMember.id)?.unreachableSince).toBeNull();
  }, 30_000);

  it('ignores ordinary group chatter from strangers, answers their commands with a hint', async () => {
    t = await TestBot.start();
    const g = group(-8400, 'Nhóm');
    const stranger = user(8401);
    const mark = t.fake.mark();
    t.fake.pushUpdate(textMessage(stranger, g, 'chào cả nhà'));
    await t.settle();
    expect(t.fake.calls.slice(mark).filter((c) => c.method === 'sendMessage')).toEqual([]);
    t.fake.pushUpdate(textMessage(stranger, g, '/start@some_other_bot'));
    await t.settle();
    expect(t.fake.calls.slice(mark).filter((c) => c.method === 'sendMessage')).toEqual([]);
    expect(await t.say(stranger, g, '/chibo')).toContain('chưa được đăng ký');
  });

  it('serves a webhook that checks the secret token', async () => {
    t = await TestBot.start({ webhook: true });
    const { fake } = t;
    const set = fake.callsTo('setWebhook').at(-1)!;
    expect(set.params).toMatchObject({ url: WEBHOOK_URL, secret_token: WEBHOOK_SECRET });

    const stranger = user(8501);
    const update = { update_id: 1, ...textMessage(stranger, privateChat(stranger), '/start') };
    fake.learn(update); // Telegram posts it to the webhook: it knows the chat
    expect((await t.postUpdate(update, 'wrong-secret')).status).toBe(401);
    expect((await t.postUpdate(update, null)).status).toBe(401);
    expect(fake.callsTo('sendMessage')).toEqual([]);
    expect((await t.postUpdate(update)).status).toBe(200);
    const reply = await fake.waitFor('sendMessage', (p, c) => p.chat_id === stranger.id && c.response.ok);
    expect(String(reply.params.text)).toContain('đường liên kết mời');
    expect((await fetch(`${t.origin}/healthz`)).status).toBe(200);
  });

  it('stops cleanly: an update in flight finishes before the database closes', async () => {
    t = await TestBot.start();
    const bloc = seedSmallBloc(t.services);
    t.services.members.linkTelegram(bloc.cellMember.id, { id: 8601 }, SYSTEM);
    t.fake.setLatency(300);
    const m = user(8601);
    t.fake.sendText(m, privateChat(m), '/chibo');
    while (t.app.inFlight.count === 0) await new Promise((r) => setTimeout(r, 5)); // the update is being handled
    await t.app.stop();
    const reply = t.fake.callsTo('sendMessage').find((c) => c.params.chat_id === m.id);
    expect(reply?.outcome).toBe('answered');
    expect(t.app.db.$client.open).toBe(false);
    await t.fake.close();
    t = undefined;
  });
});
