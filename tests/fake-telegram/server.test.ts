import { run } from '@grammyjs/runner';
import { Bot, GrammyError, HttpError, InlineKeyboard, InputFile } from 'grammy';
import type { Message } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SendBudget } from '../../src/delivery/budget.js';
import { createTransport } from '../../src/delivery/transport.js';
import { RateLimiter } from './rate-limit.js';
import { DEFAULT_TOKEN, FakeTelegram, type ApiResponse } from './server.js';
import {
  documentMessage,
  group,
  inlineQuery,
  migrateToChatMessage,
  myChatMember,
  privateChat,
  supergroup,
  textMessage,
  user,
} from './updates.js';

const alice = user(1001, { first_name: 'Lan', last_name: 'Nguyễn', username: 'lan_ng' });
const bob = user(1002, { first_name: 'Minh' });
const aliceChat = privateChat(alice);
const partyGroup = group(-4001234567, 'Chi bộ Văn phòng');
const blocGroup = supergroup(-1001234567890, 'Đảng ủy Khối');

let fake: FakeTelegram;
const bots: Bot[] = [];

function makeBot(f: FakeTelegram = fake): Bot {
  const bot = new Bot(f.token, { client: { apiRoot: f.apiRoot } });
  bots.push(bot);
  return bot;
}

/** Raw Bot API call with fetch (JSON body unless `init` overrides). */
async function raw(method: string, params: Record<string, unknown> = {}, init: RequestInit = {}) {
  const res = await fetch(`${fake.apiRoot}/bot${fake.token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
    ...init,
  });
  return { status: res.status, body: (await res.json()) as ApiResponse };
}

async function apiError(promise: Promise<unknown>): Promise<GrammyError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof GrammyError) return e;
    throw e;
  }
  throw new Error('expected the call to fail with a GrammyError');
}

beforeEach(async () => {
  fake = await FakeTelegram.start();
  // Most tests here are about other things than who may be written to: these chats are open.
  fake.knowChats(alice, bob, partyGroup.id, blocGroup.id);
});

afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => (b.isRunning() ? b.stop() : undefined)));
  await fake.close();
});

describe('basics', () => {
  it('serves getMe to grammY bot.init()', async () => {
    const bot = makeBot();
    await bot.init();
    expect(bot.botInfo).toMatchObject({
      id: 123456,
      is_bot: true,
      first_name: 'Bot Đảng ủy Khối',
      username: 'test_party_bot',
      can_join_groups: true,
    });
    expect(fake.callsTo('getMe')).toHaveLength(1);
    expect(fake.apiRoot).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(fake.token).toBe(DEFAULT_TOKEN);
  });

  it('accepts a custom token and bot user', async () => {
    const other = await FakeTelegram.start({ token: '42:abc', botUser: { id: 42, username: 'other_bot' } });
    try {
      const bot = makeBot(other);
      await bot.init();
      expect(bot.botInfo).toMatchObject({ id: 42, username: 'other_bot', first_name: 'Bot Đảng ủy Khối' });
    } finally {
      await other.close();
    }
  });

  it('records each answer as the client received it, and keeps it when the message is edited later', async () => {
    const sent = await raw('sendMessage', { chat_id: alice.id, text: '<b>Họp</b> chi bộ', parse_mode: 'HTML' });
    const result = sent.body.result as Message.TextMessage;
    await raw('editMessageText', { chat_id: alice.id, message_id: result.message_id, text: 'Hoãn họp' });
    fake.pushUpdate(textMessage(alice, aliceChat, 'xin chào'));
    const polled = await raw('getUpdates', { timeout: 0 });
    const [send, edit, poll] = fake.calls;
    expect(send?.response).toEqual(sent.body);
    expect((send?.response.result as Message.TextMessage).text).toBe('Họp chi bộ');
    expect((edit?.response.result as Message.TextMessage).text).toBe('Hoãn họp');
    expect(poll?.response).toEqual(polled.body);
    expect(poll?.response).toBe(poll?.response); // parsed once, then kept
  });

  it('answers 401 Unauthorized for a wrong token, like Telegram', async () => {
    const res = await fetch(`${fake.apiRoot}/bot1:wrong/getMe`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ ok: false, error_code: 401, description: 'Unauthorized' });
    const bot = new Bot('1:wrong', { client: { apiRoot: fake.apiRoot } });
    const err = await apiError(bot.init());
    expect(err.error_code).toBe(401);
  });

  it('answers 404 for unknown paths and missing files', async () => {
    expect((await fetch(`${fake.apiRoot}/nothing`)).status).toBe(404);
    expect((await fetch(`${fake.apiRoot}/file/bot${fake.token}/documents/nope.csv`)).status).toBe(404);
  });

  it('answers unknown methods with 404 Not Found, like Telegram, and records every call', async () => {
    const { status, body } = await raw('sendMesage', { chat_id: alice.id, text: 'x' });
    expect(status).toBe(404);
    expect(body).toEqual({ ok: false, error_code: 404, description: 'Not Found' });
    expect(fake.calls.at(-1)).toMatchObject({
      method: 'sendMesage',
      params: { chat_id: alice.id, text: 'x' },
      response: { ok: false, error_code: 404 },
      outcome: 'answered',
    });
    expect(typeof fake.calls.at(-1)?.at).toBe('number');
    const bot = makeBot();
    expect((await apiError(bot.api.raw.setMyName({ name: 'x' }))).error_code).toBe(404);
  });

  it('accepts query-string and urlencoded parameters and coerces ids', async () => {
    await fetch(`${fake.apiRoot}/bot${fake.token}/sendMessage?chat_id=1001&text=Xin%20ch%C3%A0o`);
    await fetch(`${fake.apiRoot}/bot${fake.token}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        chat_id: '1002',
        text: '42',
        disable_notification: 'true',
        reply_markup: JSON.stringify({ inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] }),
      }),
    });
    const [first, second] = fake.sentMessages();
    expect(first).toMatchObject({ chat_id: 1001, text: 'Xin chào' });
    expect(second).toEqual({
      chat_id: 1002,
      text: '42',
      disable_notification: true,
      reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] },
    });
  });
});

describe('sendMessage results', () => {
  it('returns realistic Messages with per-chat increasing ids and chat types by id', async () => {
    const bot = makeBot();
    const m1 = await bot.api.sendMessage(alice.id, 'một');
    const m2 = await bot.api.sendMessage(alice.id, 'hai');
    const g = await bot.api.sendMessage(partyGroup.id, 'nhóm');
    const sg = await bot.api.sendMessage(blocGroup.id, 'siêu nhóm');
    expect(m2.message_id).toBeGreaterThan(m1.message_id);
    expect(m1).toMatchObject({ chat: { id: alice.id, type: 'private' }, from: { id: 123456, is_bot: true }, text: 'một' });
    expect(Math.abs(m1.date - Date.now() / 1000)).toBeLessThan(5);
    expect(g.chat.type).toBe('group');
    expect(sg.chat.type).toBe('supergroup');
    expect(fake.lastText(alice.id)).toBe('hai');
    expect(fake.sentMessageResults(alice.id).map((m) => m.text)).toEqual(['một', 'hai']);
  });

  it('uses chats learned from pushed updates', async () => {
    fake.pushUpdate(textMessage(alice, aliceChat, 'hi'));
    const bot = makeBot();
    const m = await bot.api.sendMessage(alice.id, 'x');
    expect(m.chat).toMatchObject({ first_name: 'Lan', last_name: 'Nguyễn', username: 'lan_ng' });
    const chat = await bot.api.getChat(partyGroup.id);
    expect(chat).toMatchObject({ id: partyGroup.id, type: 'group' });
  });

  it('rejects empty and too long texts and captions', async () => {
    const bot = makeBot();
    expect((await apiError(bot.api.sendMessage(alice.id, '   '))).description).toBe('Bad Request: message text is empty');
    expect((await apiError(bot.api.sendMessage(alice.id, 'x'.repeat(4097)))).description).toBe(
      'Bad Request: message is too long',
    );
    await bot.api.sendMessage(alice.id, 'x'.repeat(4096));
    // The limit applies after HTML parsing: tags do not count.
    await bot.api.sendMessage(alice.id, `<b>${'x'.repeat(4096)}</b>`, { parse_mode: 'HTML' });
    const captionError = await apiError(bot.api.sendDocument(alice.id, 'FILE_ID', { caption: 'c'.repeat(1025) }));
    expect(captionError.description).toBe('Bad Request: message caption is too long');
  });

  it('replies only to known messages', async () => {
    const bot = makeBot();
    const err = await apiError(bot.api.sendMessage(alice.id, 'x', { reply_parameters: { message_id: 999 } }));
    expect(err.description).toBe('Bad Request: message to be replied not found');
    const incoming = textMessage(alice, aliceChat, 'câu hỏi');
    fake.pushUpdate(incoming);
    const reply = await bot.api.sendMessage(alice.id, 'trả lời', {
      reply_parameters: { message_id: incoming.message.message_id },
    });
    expect(reply.reply_to_message?.text).toBe('câu hỏi');
  });

  it('checks ForceReply markup and lets the test answer a prompt with a reply', async () => {
    const bot = makeBot();
    const bad = await raw('sendMessage', { chat_id: alice.id, text: 'x', reply_markup: { force_reply: false } });
    expect(bad.body.description).toBe("Bad Request: can't parse reply keyboard markup JSON object");
    const long = await raw('sendMessage', { chat_id: alice.id, text: 'x', reply_markup: { force_reply: true, input_field_placeholder: 'x'.repeat(65) } });
    expect(long.status).toBe(400);
    const prompt = await bot.api.sendMessage(alice.id, 'Lý do?', { reply_markup: { force_reply: true, input_field_placeholder: 'Lý do vắng mặt' } });
    // Telegram's Message carries inline keyboards only; the recorded call keeps what was sent.
    expect(prompt.reply_markup).toBeUndefined();
    expect(fake.sentMessages(alice.id).at(-1)?.reply_markup).toEqual({ force_reply: true, input_field_placeholder: 'Lý do vắng mặt' });
    const replies: (number | undefined)[] = [];
    bot.on('message:text', (ctx) => void replies.push(ctx.message.reply_to_message?.message_id));
    void bot.start();
    fake.replyTo(alice, prompt, 'Đi công tác');
    fake.sendText(alice, aliceChat, 'không trả lời');
    await fake.waitUntilConsumed();
    for (let i = 0; i < 100 && replies.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    expect(replies).toEqual([prompt.message_id, undefined]);
  });
});

describe('HTML validation', () => {
  it('accepts escaped text and returns the parsed text with entities', async () => {
    const bot = makeBot();
    const m = await bot.api.sendMessage(alice.id, '<b>A&amp;B &lt;x&gt;</b>', { parse_mode: 'HTML' });
    expect(m.text).toBe('A&B <x>');
    expect(m.entities).toEqual([{ type: 'bold', offset: 0, length: 7 }]);
    expect(fake.lastText(alice.id)).toBe('<b>A&amp;B &lt;x&gt;</b>');
  });

  it.each([
    ['<b>A&B</b>', /^Bad Request: can't parse entities: Unescaped "&"/],
    ['Chi bộ <Tài chính>', /^Bad Request: can't parse entities: Unsupported start tag "tài" at byte offset 9$/],
    ['<b>open', /^Bad Request: can't parse entities: Can't find end tag/],
  ])('rejects %j', async (text, expected) => {
    const bot = makeBot();
    const err = await apiError(bot.api.sendMessage(alice.id, text, { parse_mode: 'HTML' }));
    expect(err.error_code).toBe(400);
    expect(err.description).toMatch(expected);
    expect(fake.sentMessages(alice.id)).toHaveLength(0);
  });

  it('does not interpret text without parse_mode', async () => {
    const bot = makeBot();
    const m = await bot.api.sendMessage(alice.id, 'Chi bộ <Tài chính> & co');
    expect(m.text).toBe('Chi bộ <Tài chính> & co');
  });

  it('validates captions and edits too', async () => {
    const bot = makeBot();
    const err = await apiError(bot.api.sendPhoto(alice.id, 'PHOTO_ID', { caption: '<i>x', parse_mode: 'HTML' }));
    expect(err.description).toMatch(/can't parse entities/);
    const m = await bot.api.sendMessage(alice.id, 'ok');
    const editErr = await apiError(bot.api.editMessageText(alice.id, m.message_id, '1 < 2', { parse_mode: 'HTML' }));
    expect(editErr.description).toMatch(/can't parse entities/);
  });
});

describe('inline keyboards', () => {
  it('rejects callback_data over 64 UTF-8 bytes', async () => {
    const bot = makeBot();
    const data = 'đ'.repeat(33); // 33 characters but 66 bytes
    const err = await apiError(
      bot.api.sendMessage(alice.id, 'x', { reply_markup: new InlineKeyboard().text('Chọn', data) }),
    );
    expect(err.description).toBe('Bad Request: BUTTON_DATA_INVALID');
    await bot.api.sendMessage(alice.id, 'x', { reply_markup: new InlineKeyboard().text('Chọn', 'đ'.repeat(32)) });
  });

  it('refuses more than 100 buttons under a message (BUTTONS_TOO_MUCH), on a send as on an edit', async () => {
    const bot = makeBot();
    const keyboard = (n: number) => {
      const kb = new InlineKeyboard();
      for (let i = 0; i < n; i++) kb.text(`Nút ${i}`, `b:${i}`).row();
      return kb;
    };
    const err = await apiError(bot.api.sendMessage(alice.id, 'x', { reply_markup: keyboard(101) }));
    expect(err.description).toBe('Bad Request: BUTTONS_TOO_MUCH');
    const m = await bot.api.sendMessage(alice.id, 'x', { reply_markup: keyboard(100) });
    const editErr = await apiError(bot.api.editMessageText(alice.id, m.message_id, 'y', { reply_markup: keyboard(101) }));
    expect(editErr.description).toBe('Bad Request: BUTTONS_TOO_MUCH');
  });

  it('requires exactly one action per button', async () => {
    const none = await raw('sendMessage', { chat_id: alice.id, text: 'x', reply_markup: { inline_keyboard: [[{ text: 'A' }]] } });
    expect(none.status).toBe(400);
    const two = await raw('sendMessage', {
      chat_id: alice.id,
      text: 'x',
      reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a', url: 'https://example.com' }]] },
    });
    expect(two.body.description).toMatch(/exactly one of the optional fields/);
    const ok = await raw('sendMessage', {
      chat_id: alice.id,
      text: 'x',
      reply_markup: { inline_keyboard: [[{ text: 'A', switch_inline_query: '' }]] },
    });
    expect(ok.status).toBe(200);
  });

  it('accepts url buttons with an http(s) or tg address, percent-encoded', async () => {
    const send = (url: string) => raw('sendMessage', { chat_id: alice.id, text: 'x', reply_markup: { inline_keyboard: [[{ text: 'A', url }]] } });
    expect((await send('https://t.me/share/url?url=https%3A%2F%2Ft.me%2Fbot%3Fstart%3Dabc&text=L%E1%BB%9Di%20m%E1%BB%9Di')).status).toBe(200);
    expect((await send('tg://resolve?domain=bot')).status).toBe(200);
    for (const bad of ['t.me/bot', 'https://t.me/share/url?text=Lời mời', 'javascript:alert(1)']) {
      expect((await send(bad)).body.description).toBe('Bad Request: BUTTON_URL_INVALID');
    }
  });

  it('lets the test press buttons of sent messages and the bot edit them', async () => {
    const bot = makeBot();
    bot.command('menu', (ctx) =>
      ctx.reply('Chọn chi bộ', { reply_markup: new InlineKeyboard().text('Chi bộ 1', 'branch:1').text('Chi bộ 2', 'branch:2') }),
    );
    bot.callbackQuery(/^branch:(\d+)$/, async (ctx) => {
      await ctx.answerCallbackQuery();
      await ctx.editMessageText(`Đã chọn chi bộ ${ctx.match[1]}`);
    });
    void bot.start();
    fake.sendCommand(alice, aliceChat, 'menu');
    await fake.waitFor('sendMessage');
    const [menu] = fake.sentMessageResults(alice.id);
    if (!menu) throw new Error('menu not sent');
    expect(() => fake.press(alice, menu, 'branch:9')).toThrow(/no button/);
    fake.pressButton(alice, menu, 'Chi bộ 2');
    const edit = await fake.waitFor('editMessageText');
    expect(edit.response.ok).toBe(true);
    const now = fake.currentMessage(alice.id, menu.message_id);
    expect(now?.text).toBe('Đã chọn chi bộ 2');
    expect(now?.reply_markup).toBeUndefined();
    const answer = fake.callsTo('answerCallbackQuery')[0];
    expect(answer?.response.ok).toBe(true);
    const again = await raw('answerCallbackQuery', { callback_query_id: answer?.params.callback_query_id });
    expect(again.body.description).toBe(
      'Bad Request: query is too old and response timeout expired or query ID is invalid',
    );
  });
});

describe('editing', () => {
  it('answers "message is not modified" for identical content and markup', async () => {
    const bot = makeBot();
    const kb = new InlineKeyboard().text('A', 'a');
    const m = await bot.api.sendMessage(alice.id, '<b>x</b>', { parse_mode: 'HTML', reply_markup: kb });
    const err = await apiError(
      bot.api.editMessageText(alice.id, m.message_id, '<b>x</b>', { parse_mode: 'HTML', reply_markup: kb }),
    );
    expect(err.description).toBe(
      'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
    );
    // Same text without formatting is a change (entities differ); so is dropping the keyboard.
    const plain = await bot.api.editMessageText(alice.id, m.message_id, 'x', { reply_markup: kb });
    expect(plain).toMatchObject({ text: 'x', edit_date: expect.any(Number) as number });
    await bot.api.editMessageText(alice.id, m.message_id, 'x');
    const markupErr = await apiError(bot.api.editMessageReplyMarkup(alice.id, m.message_id));
    expect(markupErr.description).toMatch(/message is not modified/);
  });

  it('refuses to edit unknown, foreign or deleted messages', async () => {
    const bot = makeBot();
    expect((await apiError(bot.api.editMessageText(alice.id, 4242, 'x'))).description).toBe(
      'Bad Request: message to edit not found',
    );
    const incoming = textMessage(alice, aliceChat, 'của người dùng');
    fake.pushUpdate(incoming);
    expect((await apiError(bot.api.editMessageText(alice.id, incoming.message.message_id, 'x'))).description).toBe(
      "Bad Request: message can't be edited",
    );
    const m = await bot.api.sendMessage(alice.id, 'tạm');
    expect(await bot.api.deleteMessage(alice.id, m.message_id)).toBe(true);
    expect((await apiError(bot.api.deleteMessage(alice.id, m.message_id))).description).toBe(
      'Bad Request: message to delete not found',
    );
    expect((await apiError(bot.api.editMessageText(alice.id, m.message_id, 'x'))).description).toMatch(/not found/);
  });

  it('copies and forwards known messages', async () => {
    const bot = makeBot();
    const incoming = textMessage(alice, aliceChat, 'báo cáo');
    fake.pushUpdate(incoming);
    const copy = await bot.api.copyMessage(partyGroup.id, alice.id, incoming.message.message_id);
    expect(Object.keys(copy)).toEqual(['message_id']);
    const fwd = await bot.api.forwardMessage(partyGroup.id, alice.id, incoming.message.message_id);
    expect(fwd).toMatchObject({ text: 'báo cáo', forward_origin: { type: 'user', sender_user: { id: alice.id } } });
    expect(fake.currentMessage(partyGroup.id, copy.message_id)?.text).toBe('báo cáo');
    expect((await apiError(bot.api.copyMessage(partyGroup.id, alice.id, 999_999))).description).toBe(
      'Bad Request: message to copy not found',
    );
  });
});

describe('long polling', () => {
  it('delivers a pushed command to a bot started with bot.start(), and bot.stop() is quick', async () => {
    const bot = makeBot();
    bot.command('start', (ctx) => ctx.reply(`Xin chào, ${ctx.from?.first_name ?? ''}!`));
    const running = bot.start();
    await fake.waitForPendingPoll();
    fake.sendText(alice, aliceChat, '/start');
    const sent = await fake.waitFor('sendMessage', (p) => p.chat_id === alice.id);
    expect(sent.params.text).toBe('Xin chào, Lan!');
    const t0 = Date.now();
    await bot.stop();
    await running;
    // Not held for the rest of grammY's 30-second long poll (a generous bound: the machine may be loaded).
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect(fake.pendingUpdates()).toBe(0); // stop() confirmed the offset
  });

  it('works with @grammyjs/runner, which stops quickly too', async () => {
    const bot = makeBot();
    bot.on('message:text', (ctx) => ctx.reply(`Đã nhận: ${ctx.message.text}`));
    const runner = run(bot);
    fake.sendText(alice, aliceChat, 'một');
    fake.sendText(bob, privateChat(bob), 'hai');
    const replies = await fake.waitForCount('sendMessage', 2);
    expect(replies.map((c) => c.params.text).sort()).toEqual(['Đã nhận: hai', 'Đã nhận: một']);
    const t0 = Date.now();
    await runner.stop();
    expect(Date.now() - t0).toBeLessThan(15_000); // not held for the rest of the 30-second long poll
  });

  it('matches /cmd@botname in groups', async () => {
    const bot = makeBot();
    bot.command('help', (ctx) => ctx.reply('Trợ giúp'));
    void bot.start();
    fake.sendCommand(bob, partyGroup, 'help');
    fake.pushUpdate(textMessage(bob, partyGroup, '/help@test_party_bot'));
    await fake.waitForCount('sendMessage', 2);
    expect(fake.sentMessages(partyGroup.id).map((p) => p.text)).toEqual(['Trợ giúp', 'Trợ giúp']);
  });

  it('confirms updates by offset and redelivers unconfirmed ones', async () => {
    const id1 = fake.sendText(alice, aliceChat, 'một');
    const id2 = fake.sendText(alice, aliceChat, 'hai');
    expect(id2).toBe(id1 + 1);
    const first = await raw('getUpdates', {});
    expect((first.body.result as Array<{ update_id: number }>).map((u) => u.update_id)).toEqual([id1, id2]);
    expect(fake.pendingUpdates()).toBe(2);
    await fake.waitUntilConsumed(100); // delivered is enough
    const again = await raw('getUpdates', { offset: id1 + 1, limit: 5 });
    expect((again.body.result as Array<{ update_id: number }>).map((u) => u.update_id)).toEqual([id2]);
    expect(fake.pendingUpdates()).toBe(1);
    await raw('getUpdates', { offset: id2 + 1 });
    expect(fake.pendingUpdates()).toBe(0);
    await fake.waitUntilConsumed(100, { confirmed: true });
  });

  it('honours limit and allowed_updates, remembering allowed_updates between calls', async () => {
    fake.sendText(alice, aliceChat, 'a');
    fake.pushUpdate(inlineQuery(alice, 'tìm'));
    fake.sendText(alice, aliceChat, 'b');
    const limited = await raw('getUpdates', { limit: 1 });
    expect(limited.body.result).toHaveLength(1);
    const onlyInline = await raw('getUpdates', { allowed_updates: ['inline_query'] });
    // The first message update was already delivered, so it is kept; the undelivered message is dropped.
    const types = (onlyInline.body.result as Array<Record<string, unknown>>).map((u) => Object.keys(u).find((k) => k !== 'update_id'));
    expect(types).toEqual(['message', 'inline_query']);
    fake.sendText(alice, aliceChat, 'c');
    const later = await raw('getUpdates', {});
    expect((later.body.result as unknown[]).length).toBe(2); // 'c' filtered out, setting remembered
  });

  it('holds a poll until an update arrives, or answers [] after the timeout', async () => {
    const t0 = Date.now();
    const empty = await raw('getUpdates', { timeout: 1 });
    expect(empty.body).toEqual({ ok: true, result: [] });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);

    const t1 = Date.now();
    const pending = raw('getUpdates', { timeout: 20 });
    await fake.waitForPendingPoll();
    fake.sendText(alice, aliceChat, 'ping');
    const woke = await pending;
    expect(woke.body.result).toHaveLength(1);
    expect(Date.now() - t1).toBeLessThan(10_000); // answered by the update, not by the 20-second timeout
  });

  it('answers the older of two concurrent polls with 409 Conflict', async () => {
    const older = raw('getUpdates', { timeout: 20 });
    await fake.waitForPendingPoll();
    const newer = raw('getUpdates', { timeout: 1 });
    const conflict = await older;
    expect(conflict.status).toBe(409);
    expect(conflict.body).toEqual({
      ok: false,
      error_code: 409,
      description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
    });
    expect((await newer).body.ok).toBe(true);
  });

  it('makes the first of two running grammY bots fail with 409', async () => {
    const first = makeBot();
    const firstRun = first.start().then(
      () => undefined,
      (e: unknown) => e,
    );
    await fake.waitForPendingPoll();
    const second = makeBot();
    void second.start();
    const error = await firstRun;
    expect(error).toBeInstanceOf(GrammyError);
    expect((error as GrammyError).error_code).toBe(409);
  });

  it('drops a pending poll whose client hung up, without losing updates', async () => {
    const controller = new AbortController();
    const aborted = raw('getUpdates', { timeout: 20 }, { signal: controller.signal }).catch((e: unknown) => e);
    await fake.waitForPendingPoll();
    controller.abort();
    await aborted;
    await fake.waitFor('getUpdates', (_p, c) => c.outcome === 'aborted');
    fake.sendText(alice, aliceChat, 'still here');
    const next = await raw('getUpdates', {});
    expect(next.body.result).toHaveLength(1);
    // The abandoned poll was forgotten: it was not answered with a 409 by the next poll.
    const outcomes = fake.callsTo('getUpdates').map((c) => (c.outcome === 'answered' ? (c.response.error_code ?? 'ok') : c.outcome));
    expect(outcomes).toEqual(['aborted', 'ok']);
  });

  it('answers getUpdates with 409 while a webhook is set', async () => {
    await raw('setWebhook', { url: 'https://example.com/hook' });
    expect((await raw('getUpdates', {})).status).toBe(409);
    expect((await raw('getWebhookInfo')).body.result).toMatchObject({ url: 'https://example.com/hook' });
    await raw('deleteWebhook', { drop_pending_updates: true });
    expect((await raw('getUpdates', {})).status).toBe(200);
  });

  it('close() does not hang while a long poll is pending', async () => {
    const pending = raw('getUpdates', { timeout: 30 }).catch((e: unknown) => e);
    await fake.waitForPendingPoll();
    const t0 = Date.now();
    await fake.close();
    await pending;
    expect(Date.now() - t0).toBeLessThan(15_000); // not held for the 30-second poll
  });
});

describe('failure injection', () => {
  it('failNext 429 reaches grammY as GrammyError with retry_after', async () => {
    const bot = makeBot();
    fake.tooManyRequests('sendMessage', 7);
    const err = await apiError(bot.api.sendMessage(alice.id, 'x'));
    expect(err.error_code).toBe(429);
    expect(err.description).toBe('Too Many Requests: retry after 7');
    expect(err.parameters.retry_after).toBe(7);
    await bot.api.sendMessage(alice.id, 'x'); // only the next one failed
    expect(fake.stats().tooMany).toBe(1);
  });

  it('is Telegram-shaped enough for the bot\'s transport to wait out retry_after and retry', async () => {
    const transport = createTransport({ budget: new SendBudget() });
    const bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot, fetch: transport.fetch as never } });
    fake.tooManyRequests('sendMessage', 1);
    const t0 = Date.now();
    await bot.api.sendMessage(alice.id, 'x');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(fake.callsTo('sendMessage').map((c) => c.response.ok)).toEqual([false, true]);
  });

  it('failNext honours times and chatId', async () => {
    const bot = makeBot();
    fake.failNext('sendMessage', { error_code: 400, description: 'Bad Request: chat not found' }, { times: 2, chatId: bob.id });
    await bot.api.sendMessage(alice.id, 'a');
    await apiError(bot.api.sendMessage(bob.id, 'b'));
    await apiError(bot.api.sendMessage(bob.id, 'b'));
    await bot.api.sendMessage(bob.id, 'b');
  });

  it('serverError gives 500 or 502', async () => {
    fake.serverError('getMe', { status: 502 });
    const res = await raw('getMe');
    expect(res).toEqual({ status: 502, body: { ok: false, error_code: 502, description: 'Bad Gateway' } });
  });

  it('migrated groups answer 400 with migrate_to_chat_id', async () => {
    const bot = makeBot();
    fake.migrateChat(partyGroup.id, blocGroup.id);
    const err = await apiError(bot.api.sendMessage(partyGroup.id, 'x'));
    expect(err.error_code).toBe(400);
    expect(err.description).toBe('Bad Request: group chat was upgraded to a supergroup chat');
    expect(err.parameters.migrate_to_chat_id).toBe(blocGroup.id);
    await bot.api.sendMessage(blocGroup.id, 'x');
  });

  it('a pushed migrate_to_chat_id service message migrates the chat as well', async () => {
    fake.pushUpdate(migrateToChatMessage(partyGroup, blocGroup.id));
    expect((await raw('sendMessage', { chat_id: partyGroup.id, text: 'x' })).body.parameters).toEqual({
      migrate_to_chat_id: blocGroup.id,
    });
  });

  it('blocked, deactivated and kicked chats answer 403', async () => {
    const bot = makeBot();
    fake.blockUser(alice.id);
    const blocked = await apiError(bot.api.sendMessage(alice.id, 'x'));
    expect([blocked.error_code, blocked.description]).toEqual([403, 'Forbidden: bot was blocked by the user']);
    fake.unblock(alice.id);
    await bot.api.sendMessage(alice.id, 'x');
    fake.deactivateUser(bob.id);
    expect((await apiError(bot.api.sendMessage(bob.id, 'x'))).description).toBe('Forbidden: user is deactivated');
    fake.kickFromChat(partyGroup.id);
    fake.kickFromChat(blocGroup.id);
    expect((await apiError(bot.api.sendMessage(partyGroup.id, 'x'))).description).toBe(
      'Forbidden: bot was kicked from the group chat',
    );
    expect((await apiError(bot.api.sendDocument(blocGroup.id, 'F'))).description).toBe(
      'Forbidden: bot was kicked from the supergroup chat',
    );
  });

  it('a pushed my_chat_member "kicked" in a private chat means blocked', async () => {
    fake.pushUpdate(myChatMember(alice, aliceChat, 'member', 'kicked'));
    expect((await raw('sendMessage', { chat_id: alice.id, text: 'x' })).status).toBe(403);
    fake.pushUpdate(myChatMember(alice, aliceChat, 'kicked', 'member'));
    expect((await raw('sendMessage', { chat_id: alice.id, text: 'x' })).status).toBe(200);
  });

  it('dropConnections makes grammY see a network error', async () => {
    const bot = makeBot();
    fake.dropConnections('sendMessage', 1);
    await expect(bot.api.sendMessage(alice.id, 'x')).rejects.toBeInstanceOf(HttpError);
    expect(fake.calls.at(-1)?.outcome).toBe('dropped');
    await bot.api.sendMessage(alice.id, 'x');
  });

  it('setLatency delays answers', async () => {
    const bot = makeBot();
    fake.setLatency(150);
    const t0 = Date.now();
    await bot.api.sendMessage(alice.id, 'x');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('setLatency with jitter: half of each call\'s latency comes before it is performed (and recorded as arriving)', async () => {
    const bot = makeBot();
    fake.disableRateLimits(); // eight messages to one chat in about a second: this test is about latency only
    fake.setLatency({ min: 100, max: 300 });
    const sentAt: number[] = [];
    const answeredAt: number[] = [];
    for (let i = 0; i < 8; i++) {
      sentAt.push(Date.now());
      await bot.api.sendMessage(alice.id, `${i}`);
      answeredAt.push(Date.now());
    }
    const calls = fake.callsTo('sendMessage');
    // Both legs take at least half the smallest latency: the call is performed in between.
    calls.forEach((c, i) => {
      expect(c.at - sentAt[i]!).toBeGreaterThanOrEqual(45);
      expect(answeredAt[i]! - c.at).toBeGreaterThanOrEqual(45);
    });
    // Drawn per call: not all the same.
    expect(new Set(calls.map((c, i) => Math.round((answeredAt[i]! - sentAt[i]!) / 10))).size).toBeGreaterThan(1);
    expect(() => fake.setLatency({ min: 50, max: 10 })).toThrow(/min <= max/);
  });

  it('hang: the request is accepted and never answered, nothing is performed, and it is recorded when the client gives up', async () => {
    fake.hang('sendMessage');
    const controller = new AbortController();
    const pending = fetch(`${fake.apiRoot}/bot${fake.token}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: alice.id, text: 'x' }),
      signal: controller.signal,
    }).catch((e: unknown) => e);
    await fake.waitForHangingRequest();
    expect(fake.callsTo('sendMessage')).toEqual([]);
    controller.abort();
    expect(await pending).toBeInstanceOf(Error);
    const [hung] = await fake.waitForCount('sendMessage', 1, { refused: true });
    expect(hung!.outcome).toBe('hung');
    expect(fake.sentMessages(alice.id)).toEqual([]);
    expect((await raw('sendMessage', { chat_id: alice.id, text: 'y' })).status).toBe(200); // only the next one hung
  });

  it('a hung getUpdates takes no update and is no 409 for the next poll', async () => {
    fake.hang('getUpdates');
    const controller = new AbortController();
    const hung = raw('getUpdates', { timeout: 30 }, { signal: controller.signal }).catch((e: unknown) => e);
    await fake.waitForHangingRequest();
    fake.sendText(alice, aliceChat, 'chào');
    controller.abort();
    await hung;
    const next = await raw('getUpdates', { timeout: 0 });
    expect(next.status).toBe(200);
    expect((next.body.result as { message: { text: string } }[]).map((u) => u.message.text)).toEqual(['chào']);
  });

  it('loseAnswers: the message is stored, then the socket is destroyed (grammY sees a network error)', async () => {
    const bot = makeBot();
    fake.loseAnswers('sendMessage', 1);
    await expect(bot.api.sendMessage(alice.id, 'đã gửi')).rejects.toBeInstanceOf(HttpError);
    const [lost] = fake.callsTo('sendMessage');
    expect(lost).toMatchObject({ outcome: 'lost', response: { ok: true } });
    expect(fake.sentMessages(alice.id).map((m) => m.text)).toEqual(['đã gửi']);
    await bot.api.sendMessage(alice.id, 'tiếp');
    expect(fake.callsTo('sendMessage').at(-1)?.outcome).toBe('answered');
  });
});

describe('flood limits (on by default)', () => {
  it('are on unless turned off: a flood to one private chat is refused with 429', async () => {
    const bot = makeBot();
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => bot.api.sendMessage(alice.id, `tin ${i}`)));
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as GrammyError);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused[0]).toMatchObject({ error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    expect(fake.stats()).toMatchObject({ sends: 20 - refused.length, tooMany: refused.length });
    expect(fake.callsTo('sendMessage')).toHaveLength(20); // refused calls are recorded too
  });

  it('answers 429 with a Retry-After header as well as parameters.retry_after, injected or earned', async () => {
    fake.tooManyRequests('sendMessage', 7);
    const post = (params: Record<string, unknown>) =>
      fetch(`${fake.apiRoot}/bot${fake.token}/sendMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(params),
      });
    const injected = await post({ chat_id: alice.id, text: 'x' });
    expect(injected.status).toBe(429);
    expect(injected.headers.get('retry-after')).toBe('7');
    expect(await injected.json()).toEqual({
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 7',
      parameters: { retry_after: 7 },
    });
    fake.enableRateLimits({ perGroupPerMinute: 1 });
    expect((await post({ chat_id: partyGroup.id, text: '1' })).status).toBe(200);
    const earned = await post({ chat_id: partyGroup.id, text: '2' });
    const body = (await earned.json()) as ApiResponse;
    expect(earned.status).toBe(429);
    expect(earned.headers.get('retry-after')).toBe(String(body.parameters?.retry_after));
    expect(Number(earned.headers.get('retry-after'))).toBeGreaterThan(50);
    // Other answers carry no such header.
    expect((await fetch(`${fake.apiRoot}/bot${fake.token}/getMe`)).headers.get('retry-after')).toBeNull();
  });

  it('can be turned off, for a test or bench that needs raw speed', async () => {
    const unlimited = await FakeTelegram.start({ rateLimits: false });
    try {
      unlimited.knowChats(alice);
      const bot = makeBot(unlimited);
      await Promise.all(Array.from({ length: 40 }, (_, i) => bot.api.sendMessage(alice.id, `${i}`)));
      expect(unlimited.stats()).toMatchObject({ sends: 40, tooMany: 0 });
    } finally {
      await unlimited.close();
    }
  });
});

describe('RateLimiter (time given explicitly)', () => {
  const T = 1_000_000;
  const send = (limiter: RateLimiter, chat: number, at: number): number | undefined => {
    const wait = limiter.check(chat, at);
    if (wait === undefined) limiter.record(chat, at);
    return wait;
  };

  it('a private chat: a burst of 5 at once, then one a second as the bucket refills', () => {
    const limiter = new RateLimiter();
    expect([0, 1, 2, 3, 4, 5].map((i) => send(limiter, alice.id, T + i))).toEqual([undefined, undefined, undefined, undefined, undefined, 1]);
    expect(send(limiter, alice.id, T + 900)).toBe(1);
    expect(send(limiter, alice.id, T + 1000)).toBeUndefined();
    expect(send(limiter, alice.id, T + 1500)).toBe(1);
    expect(send(limiter, alice.id, T + 2000)).toBeUndefined();
    // After a quiet spell the whole burst is back, and no more.
    expect(Array.from({ length: 6 }, (_, i) => send(limiter, alice.id, T + 60_000 + i))).toEqual([undefined, undefined, undefined, undefined, undefined, 1]);
    // A three-message answer (title and two cards) to another member goes at once.
    expect([0, 1, 2].map((i) => send(limiter, bob.id, T + i))).toEqual([undefined, undefined, undefined]);
  });

  it('30 a second overall: the 31st within a second is refused, in any chat', () => {
    const limiter = new RateLimiter();
    for (let i = 0; i < 30; i++) expect(send(limiter, 10_000 + i, T + i * 10)).toBeUndefined();
    expect(send(limiter, 20_000, T + 400)).toBe(1);
    expect(send(limiter, 20_000, T + 1000)).toBeUndefined(); // the first has left the window
  });

  it('privateChatLimit: false lifts a private chat\'s own limit only', () => {
    const limiter = new RateLimiter({ privateChatLimit: false, perGroupPerMinute: 1 });
    expect(Array.from({ length: 30 }, (_, i) => send(limiter, alice.id, T + i))).toEqual(Array.from({ length: 30 }, () => undefined));
    expect(send(limiter, bob.id, T + 100)).toBe(1); // the overall 30 a second still holds
    expect(send(limiter, partyGroup.id, T + 2_000)).toBeUndefined();
    expect(send(limiter, partyGroup.id, T + 2_001)).toBe(60); // and a group's limit
  });

  it('20 a minute to one group, with retry_after until the oldest leaves the window', () => {
    const limiter = new RateLimiter();
    for (let i = 0; i < 20; i++) expect(send(limiter, partyGroup.id, T + i * 100)).toBeUndefined();
    expect(send(limiter, partyGroup.id, T + 5_000)).toBe(55);
    expect(send(limiter, blocGroup.id, T + 5_000)).toBeUndefined();
    expect(send(limiter, partyGroup.id, T + 60_000)).toBeUndefined();
  });
});

describe('who the bot may write to', () => {
  const carol = user(1003, { first_name: 'Hoa' });
  const otherGroup = group(-4009999999, 'Chi bộ khác');

  it('a user the bot has seen who never started it: 403; a user or a group never seen: 400 chat not found', async () => {
    const bot = makeBot();
    fake.pushUpdate(textMessage(carol, partyGroup, 'chào cả nhóm')); // seen in a group: no private chat
    const cannot = await apiError(bot.api.sendMessage(carol.id, 'x'));
    expect([cannot.error_code, cannot.description]).toEqual([403, "Forbidden: bot can't initiate conversation with a user"]);
    const stranger = await apiError(bot.api.sendMessage(999_001, 'x'));
    expect([stranger.error_code, stranger.description]).toEqual([400, 'Bad Request: chat not found']);
    const unknownGroup = await apiError(bot.api.sendMessage(otherGroup.id, 'x'));
    expect([unknownGroup.error_code, unknownGroup.description]).toEqual([400, 'Bad Request: chat not found']);
    // Looking a chat up needs a known chat too, and so does a command menu for one chat.
    expect((await apiError(bot.api.getChat(otherGroup.id))).description).toBe('Bad Request: chat not found');
    expect(
      (await apiError(bot.api.setMyCommands([{ command: 'help', description: 'Trợ giúp' }], { scope: { type: 'chat', chat_id: 999_001 } })))
        .description,
    ).toBe('Bad Request: chat not found');
    expect(fake.sentMessages()).toEqual([]);
  });

  it('a private message (/start or anything), a press in the private chat or my_chat_member opens the chat; an inline query does not', async () => {
    const [dan, em, phuong, quang] = [2001, 2002, 2003, 2004].map((id) => user(id));
    fake.pushUpdate(inlineQuery(dan!, 'lịch họp'));
    expect((await raw('sendMessage', { chat_id: dan!.id, text: 'x' })).status).toBe(403);
    fake.pushUpdate(textMessage(dan!, privateChat(dan!), '/start'));
    expect((await raw('sendMessage', { chat_id: dan!.id, text: 'x' })).status).toBe(200);
    fake.pushUpdate(myChatMember(em!, privateChat(em!), 'kicked', 'member')); // unblocked the bot
    expect((await raw('sendMessage', { chat_id: em!.id, text: 'x' })).status).toBe(200);
    const card = (await raw('sendMessage', {
      chat_id: alice.id,
      text: 'thẻ',
      reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] },
    })).body.result as Message;
    fake.press(phuong!, { ...card, chat: privateChat(phuong!) }, 'a', { unchecked: true }); // a press in their own chat
    expect((await raw('sendMessage', { chat_id: phuong!.id, text: 'x' })).status).toBe(200);
    fake.knowChats(quang!); // set up by a test through the services, as if quang had sent /start
    expect((await raw('sendMessage', { chat_id: quang!.id, text: 'x' })).status).toBe(200);
  });

  it('a group becomes known when the bot is added or any update comes from it', async () => {
    const g1 = group(-4000000001, 'A');
    const g2 = supergroup(-1000000000002, 'B');
    fake.pushUpdate(myChatMember(alice, g1, 'left', 'member'));
    fake.pushUpdate(textMessage(alice, g2, 'xin chào'));
    expect((await raw('sendMessage', { chat_id: g1.id, text: 'x' })).status).toBe(200);
    expect((await raw('sendMessage', { chat_id: g2.id, text: 'x' })).status).toBe(200);
    // Removed from it again: 403, as before.
    fake.pushUpdate(myChatMember(alice, g1, 'member', 'left'));
    expect((await raw('sendMessage', { chat_id: g1.id, text: 'x' })).body.description).toBe('Forbidden: bot is not a member of the group chat');
  });
});

describe('callback queries', () => {
  async function pressed(f: FakeTelegram): Promise<string> {
    const card = (await raw('sendMessage', { chat_id: alice.id, text: 'thẻ', reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] } }))
      .body.result as Message;
    f.press(alice, card, 'a');
    const res = await fetch(`${f.apiRoot}/bot${f.token}/getUpdates`, { method: 'POST' });
    const update = ((await res.json()) as { result: Array<{ callback_query: { id: string } }> }).result.at(-1); // the latest press
    return update!.callback_query.id;
  }

  it('are answered once: a second answer is refused', async () => {
    const id = await pressed(fake);
    expect((await raw('answerCallbackQuery', { callback_query_id: id })).status).toBe(200);
    const again = await raw('answerCallbackQuery', { callback_query_id: id });
    expect(again.status).toBe(400);
    expect(again.body.description).toBe('Bad Request: query is too old and response timeout expired or query ID is invalid');
  });

  it('expire: an answer later than the window after the press (real time, 15 s by default) is refused', async () => {
    const quick = await FakeTelegram.start({ queryAnswerWindowMs: 150 });
    const previous = fake;
    fake = quick; // raw() talks to `fake`
    try {
      quick.knowChats(alice);
      const late = await pressed(quick);
      const inTime = await pressed(quick);
      expect(inTime).not.toBe(late);
      expect((await raw('answerCallbackQuery', { callback_query_id: inTime })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 200));
      const refused = await raw('answerCallbackQuery', { callback_query_id: late });
      expect(refused.body).toEqual({
        ok: false,
        error_code: 400,
        description: 'Bad Request: query is too old and response timeout expired or query ID is invalid',
      });
    } finally {
      fake = previous;
      await quick.close();
    }
  });
});

describe('files', () => {
  it('parses a multipart sendDocument with an InputFile from a Buffer', async () => {
    const bot = makeBot();
    const csv = Buffer.from('ho_ten,chi_bo\nNguyễn Lan,Văn phòng\n', 'utf8');
    const m = await bot.api.sendDocument(blocGroup.id, new InputFile(csv, 'danh-sach.csv'), {
      caption: '<b>Danh sách</b>',
      parse_mode: 'HTML',
      reply_markup: new InlineKeyboard().text('OK', 'ok'),
    });
    const call = fake.callsTo('sendDocument')[0];
    expect(call?.params).toEqual({
      chat_id: blocGroup.id,
      document: { filename: 'danh-sach.csv', size: csv.length },
      caption: '<b>Danh sách</b>',
      parse_mode: 'HTML',
      reply_markup: { inline_keyboard: [[{ text: 'OK', callback_data: 'ok' }]] },
    });
    expect(m.document).toMatchObject({ file_name: 'danh-sach.csv', file_size: csv.length, mime_type: 'text/csv' });
    expect(m.caption).toBe('Danh sách');
    expect(fake.lastText(blocGroup.id)).toBe('<b>Danh sách</b>');
    expect(fake.uploadedFiles('sendDocument')[0]?.data.toString('utf8')).toBe(csv.toString('utf8'));

    const file = await bot.api.getFile(m.document?.file_id ?? '');
    const download = await fetch(`${fake.apiRoot}/file/bot${fake.token}/${file.file_path ?? ''}`);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(csv)).toBe(true);
  });

  it('echoes a file_id given as a string', async () => {
    const bot = makeBot();
    const m = await bot.api.sendPhoto(alice.id, 'AgACAgIAAxkBAAIB');
    expect(m.photo?.at(-1)?.file_id).toBe('AgACAgIAAxkBAAIB');
    const d = await bot.api.sendDocument(alice.id, 'BQACAgIAAxkBAAIC');
    expect(d.document?.file_id).toBe('BQACAgIAAxkBAAIC');
  });

  it('serves files added by the test for documents the user sends', async () => {
    const bot = makeBot();
    const added = fake.addFile('a,b\n1,2\n', { file_name: 'nhap.csv' });
    fake.pushUpdate(documentMessage(alice, aliceChat, { file_id: added.file_id, file_name: 'nhap.csv' }));
    const file = await bot.api.getFile(added.file_id);
    const res = await fetch(`${fake.apiRoot}/file/bot${fake.token}/${file.file_path ?? ''}`);
    expect(await res.text()).toBe('a,b\n1,2\n');
    expect((await apiError(bot.api.getFile('nope'))).description).toBe('Bad Request: invalid file_id');
  });

  it('sends media groups with uploads', async () => {
    const bot = makeBot();
    const msgs: Message[] = await bot.api.sendMediaGroup(alice.id, [
      { type: 'document', media: new InputFile(Buffer.from('1'), 'a.txt'), caption: 'A' },
      { type: 'document', media: 'EXISTING_ID' },
    ]);
    expect(msgs).toHaveLength(2);
    expect(msgs[0]?.media_group_id).toBe(msgs[1]?.media_group_id);
    expect(msgs[0]?.document?.file_name).toBe('a.txt');
    expect(msgs[1]?.document?.file_id).toBe('EXISTING_ID');
    const media = fake.callsTo('sendMediaGroup')[0]?.params.media;
    expect(media).toEqual([
      { type: 'document', media: { filename: 'a.txt', size: 1 }, caption: 'A' },
      { type: 'document', media: 'EXISTING_ID' },
    ]);
  });
});

describe('other methods', () => {
  it('stores commands per scope and language', async () => {
    const bot = makeBot();
    await bot.api.setMyCommands([{ command: 'start', description: 'Bắt đầu' }]);
    await bot.api.setMyCommands([{ command: 'admin', description: 'Quản trị' }], {
      scope: { type: 'chat', chat_id: alice.id },
      language_code: 'vi',
    });
    expect(await bot.api.getMyCommands()).toEqual([{ command: 'start', description: 'Bắt đầu' }]);
    expect(await bot.api.getMyCommands({ scope: { type: 'chat', chat_id: alice.id }, language_code: 'vi' })).toEqual([
      { command: 'admin', description: 'Quản trị' },
    ]);
    expect(fake.commandsFor({ type: 'chat', chat_id: alice.id }, 'vi')).toHaveLength(1);
    await bot.api.deleteMyCommands();
    expect(await bot.api.getMyCommands()).toEqual([]);
    expect((await apiError(bot.api.setMyCommands([{ command: 'Bad Command', description: 'x' }]))).description).toBe(
      'Bad Request: BOT_COMMAND_INVALID',
    );
  });

  it('reports chat members, settable per chat', async () => {
    const bot = makeBot();
    expect((await bot.api.getChatMember(partyGroup.id, bob.id)).status).toBe('member');
    fake.setMemberStatus(partyGroup.id, bob.id, 'administrator');
    expect((await bot.api.getChatMember(partyGroup.id, bob.id)).status).toBe('administrator');
    expect(await bot.api.getChatAdministrators(partyGroup.id)).toHaveLength(1);
    await bot.api.leaveChat(partyGroup.id);
    expect((await apiError(bot.api.sendMessage(partyGroup.id, 'x'))).description).toBe(
      'Forbidden: bot is not a member of the group chat',
    );
  });

  it('validates chat actions: the action\'s name, and a chat the bot may write to', async () => {
    const bot = makeBot();
    expect(await bot.api.sendChatAction(alice.id, 'typing')).toBe(true);
    expect(await bot.api.sendChatAction(partyGroup.id, 'upload_document')).toBe(true);
    expect((await raw('sendChatAction', { chat_id: alice.id, action: 'dancing' })).body.description).toBe(
      'Bad Request: wrong parameter action in request',
    );
    expect((await raw('sendChatAction', { chat_id: 424242, action: 'typing' })).body.description).toBe('Bad Request: chat not found');
    fake.blockUser(alice.id);
    expect((await raw('sendChatAction', { chat_id: alice.id, action: 'typing' })).status).toBe(403);
  });

  it('keeps the description and short description per language, within their limits', async () => {
    const bot = makeBot();
    await bot.api.setMyDescription('Trợ lý của Đảng bộ Khối');
    await bot.api.setMyDescription('The bloc\'s assistant', { language_code: 'en' });
    await bot.api.setMyShortDescription('Lịch họp, thông báo', { language_code: 'vi' });
    expect(fake.profileWrites).toBe(3);
    expect(await bot.api.getMyDescription({ language_code: 'en' })).toEqual({ description: 'The bloc\'s assistant' });
    // A language without its own text gets the default one.
    expect(await bot.api.getMyDescription({ language_code: 'fr' })).toEqual({ description: 'Trợ lý của Đảng bộ Khối' });
    expect(await bot.api.getMyShortDescription()).toEqual({ short_description: '' });
    expect(fake.descriptionOf('en')).toBe('The bloc\'s assistant');
    expect(fake.shortDescriptionOf('vi')).toBe('Lịch họp, thông báo');

    expect(await bot.api.setMyDescription('x'.repeat(512), { language_code: 'vi' })).toBe(true);
    expect((await apiError(bot.api.setMyDescription('x'.repeat(513)))).description).toBe('Bad Request: description is too long');
    expect((await apiError(bot.api.setMyShortDescription('x'.repeat(121)))).description).toBe('Bad Request: short description is too long');
    for (const language_code of ['vie', 'EN', 'en-US']) {
      expect((await raw('setMyDescription', { description: 'x', language_code })).body.description).toBe('Bad Request: invalid language code specified');
    }
    expect(fake.profileWrites).toBe(4);
    // An empty text removes that language's own one.
    await bot.api.setMyDescription('', { language_code: 'en' });
    expect(fake.descriptionOf('en')).toBeUndefined();
  });

  it('checks an inline answer\'s button: a text and a valid start parameter or web app', async () => {
    const bot = makeBot();
    const answer = async (button: unknown) => {
      const mark = fake.mark();
      fake.pushUpdate(inlineQuery(alice, 'hop'));
      const updates = await bot.api.getUpdates({ offset: -1 });
      const id = updates.at(-1)!.inline_query!.id;
      await raw('answerInlineQuery', { inline_query_id: id, results: [], button });
      return fake.calls.slice(mark).find((c) => c.method === 'answerInlineQuery')!.response;
    };
    expect((await answer({ text: 'Bắt đầu', start_parameter: 'inline' })).ok).toBe(true);
    expect((await answer({ text: 'Mở', web_app: { url: 'https://example.org/app/' } })).ok).toBe(true);
    expect((await answer({ start_parameter: 'inline' })).description).toBe('Bad Request: BUTTON_TEXT_INVALID');
    expect((await answer({ text: 'Bắt đầu', start_parameter: 'có dấu' })).description).toBe('Bad Request: START_PARAM_INVALID');
    expect((await answer({ text: 'Bắt đầu', start_parameter: 'x'.repeat(65) })).description).toBe('Bad Request: START_PARAM_INVALID');
    expect((await answer({ text: 'Bắt đầu' })).ok).toBe(false);
  });
});

describe('waiting helpers', () => {
  it('waitFor sees earlier calls unless `after` is used', async () => {
    const bot = makeBot();
    await bot.api.sendMessage(alice.id, 'cũ');
    expect((await fake.waitFor('sendMessage')).params.text).toBe('cũ');
    const mark = fake.mark();
    const next = fake.waitFor('sendMessage', undefined, { after: mark });
    await bot.api.sendMessage(alice.id, 'mới');
    expect((await next).params.text).toBe('mới');
  });

  it('waitFor times out with a list of recent calls', async () => {
    await raw('getMe');
    await expect(fake.waitFor('sendMessage', undefined, 50)).rejects.toThrow(/timed out after 50 ms[\s\S]*#0 getMe \{\}/);
  });

  it('waitFor passes over refused sends (the member saw nothing) unless asked for them', async () => {
    fake.tooManyRequests('sendMessage', 1);
    await raw('sendMessage', { chat_id: alice.id, text: 'bị từ chối' });
    await raw('sendMessage', { chat_id: 999_001, text: 'không ai nhận' }); // chat not found
    await raw('sendMessage', { chat_id: alice.id, text: 'đã đến' });
    expect((await fake.waitFor('sendMessage')).params.text).toBe('đã đến');
    expect((await fake.waitFor('sendMessage', undefined, { refused: true })).response.error_code).toBe(429);
    expect(await fake.waitForCount('sendMessage', 1)).toHaveLength(1);
    expect(await fake.waitForCount('sendMessage', 3, { refused: true })).toHaveLength(3);
    // Other methods match whatever the answer.
    await raw('answerCallbackQuery', { callback_query_id: 'không có' });
    expect((await fake.waitFor('answerCallbackQuery')).response.ok).toBe(false);
  });

  it('waitUntilIdle resolves once every call that reached the fake is answered and recorded', async () => {
    fake.setLatency(200);
    const pending = raw('sendMessage', { chat_id: alice.id, text: 'x' });
    while (fake.requestsInProgress === 0) await new Promise((r) => setTimeout(r, 5));
    expect(fake.callsTo('sendMessage')).toHaveLength(0); // received, still in its latency
    await fake.waitUntilIdle();
    expect(fake.callsTo('sendMessage')).toHaveLength(1);
    await pending;
  });

  it('waitForCount resolves with the first n matching calls', async () => {
    const bot = makeBot();
    const waiting = fake.waitForCount('sendMessage', 2, { predicate: (p) => p.chat_id === bob.id });
    await bot.api.sendMessage(bob.id, '1');
    await bot.api.sendMessage(alice.id, 'x');
    await bot.api.sendMessage(bob.id, '2');
    expect((await waiting).map((c) => c.params.text)).toEqual(['1', '2']);
  });

  it('press() uses the current version of an edited message', async () => {
    const bot = makeBot();
    const m: Message = await bot.api.sendMessage(alice.id, 'v1', { reply_markup: new InlineKeyboard().text('A', 'a') });
    await bot.api.editMessageReplyMarkup(alice.id, m.message_id, { reply_markup: new InlineKeyboard().text('B', 'b') });
    expect(() => fake.press(alice, m, 'a')).toThrow(/no button/);
    fake.press(alice, m, 'b');
    const res = await raw('getUpdates', {});
    const [update] = res.body.result as Array<{ callback_query: { message: Message } }>;
    expect(update?.callback_query.message.reply_markup).toEqual({ inline_keyboard: [[{ text: 'B', callback_data: 'b' }]] });
  });
});

describe('pins, the bot rights and forum topics', () => {
  const admin = user(1009, { first_name: 'Quản trị' });
  const forum = { ...supergroup(-1001234567999, 'Diễn đàn'), is_forum: true } as const;
  const body = async (method: string, params: Record<string, unknown>) => (await raw(method, params)).body;

  it('pins only as an administrator with can_pin_messages; getChat shows the latest pin', async () => {
    fake.setBotMember(blocGroup, 'member', {}, { by: admin });
    const sent = (await body('sendMessage', { chat_id: blocGroup.id, text: 'Thông báo' })).result as Message;
    const member = await body('pinChatMessage', { chat_id: blocGroup.id, message_id: sent.message_id });
    expect(member).toMatchObject({ ok: false, error_code: 400, description: 'Bad Request: not enough rights to manage pinned messages in the chat' });
    fake.setBotMember(blocGroup, 'administrator', { can_pin_messages: false }, { by: admin });
    expect((await body('pinChatMessage', { chat_id: blocGroup.id, message_id: sent.message_id })).ok).toBe(false);
    expect((await body('getChatMember', { chat_id: blocGroup.id, user_id: fake.botUser.id })).result).toMatchObject({ status: 'administrator', can_pin_messages: false });
    fake.setBotMember(blocGroup, 'administrator', {}, { by: admin });
    expect((await body('pinChatMessage', { chat_id: blocGroup.id, message_id: 999 })).description).toBe('Bad Request: message to pin not found');
    expect((await body('pinChatMessage', { chat_id: blocGroup.id, message_id: sent.message_id, disable_notification: true })).ok).toBe(true);
    expect(((await body('getChat', { chat_id: blocGroup.id })).result as { pinned_message?: Message }).pinned_message?.message_id).toBe(sent.message_id);
    expect((await body('unpinChatMessage', { chat_id: blocGroup.id, message_id: sent.message_id })).ok).toBe(true);
    expect(fake.pinnedMessages(blocGroup.id)).toEqual([]);
    // Each change of the bot's rights reached the bot as a my_chat_member update.
    expect(fake.pendingUpdates()).toBe(3);
  });

  it('sends into open topics only; General has no thread id; a non-forum supergroup needs a real thread', async () => {
    fake.setBotMember(forum, 'member', {}, { by: admin });
    const topic = fake.openTopic(forum, 'Thông báo', admin);
    expect(topic).toBeGreaterThan(1);
    const inTopic = await body('sendMessage', { chat_id: forum.id, text: 'a', message_thread_id: topic });
    expect(inTopic.result).toMatchObject({ message_thread_id: topic, is_topic_message: true });
    expect((await body('sendMessage', { chat_id: forum.id, text: 'b', message_thread_id: 1 })).description).toBe('Bad Request: message thread not found');
    fake.closeTopic(forum.id, topic);
    expect((await body('sendMessage', { chat_id: forum.id, text: 'c', message_thread_id: topic })).description).toBe('Bad Request: TOPIC_CLOSED');
    fake.deleteTopic(forum.id, topic);
    expect((await body('sendMessage', { chat_id: forum.id, text: 'd', message_thread_id: topic })).description).toBe('Bad Request: message thread not found');
    const general = await body('sendMessage', { chat_id: forum.id, text: 'e' });
    expect((general.result as Message).message_thread_id).toBeUndefined();
    fake.knowChats(blocGroup.id);
    expect((await body('sendMessage', { chat_id: blocGroup.id, text: 'f', message_thread_id: 424242 })).description).toBe('Bad Request: message thread not found');
  });
});
