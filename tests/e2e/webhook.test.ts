/**
 * Webhook mode over raw HTTP, as Telegram (or anyone who finds the URL) posts to it. Telegram
 * resends an update until it gets a 2xx and holds back the later ones meanwhile, so what the bot
 * will not handle must still be answered 200.
 */
import { request } from 'node:http';
import type { Update } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeTelegram } from '../fake-telegram/server.js';
import { privateChat, textMessage, user } from '../fake-telegram/updates.js';
import { TestBot, WEBHOOK_SECRET as SECRET, WEBHOOK_URL } from '../helpers/app.js';

const PATH = new URL(WEBHOOK_URL).pathname;

/**
 * POSTs `total` bytes in 64 KB chunks, and stops writing as soon as an answer comes. Resolves with
 * the status and how many bytes were written by then.
 */
function postLarge(
  port: number,
  headers: Record<string, string | number>,
  total: number,
): Promise<{ status: number | undefined; written: number }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: PATH, method: 'POST', headers: { 'content-type': 'application/json', ...headers } });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let written = 0;
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      res.resume();
      resolve({ status: res.statusCode, written });
      req.destroy();
    });
    // The server closes the connection after refusing: writing on may fail once the answer is in.
    req.on('error', (error) => !answered && reject(error));
    const pump = () => {
      while (!answered && written < total) {
        written += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe('the webhook (end to end, raw HTTP)', () => {
  let fake: FakeTelegram;
  let t: TestBot;
  let port: number;
  const warnings = (msg: string) =>
    t.logLines.map((l) => JSON.parse(l) as { msg: string; level: number; update_id?: unknown }).filter((l) => l.msg === msg);

  beforeEach(async () => {
    t = await TestBot.start({ webhook: true });
    fake = t.fake;
    port = t.port!;
  });
  afterEach(async () => {
    await t.stop();
  });

  it('answers 200 to a malformed or unexpected update, logs it, and handles the next update', async () => {
    const bodies = ['{"update_id": 5, "message": ', '[1, 2]', '"hello"', '{"message": {"text": "/start"}}', '{"update_id": "7"}', ''];
    for (const body of bodies) expect((await t.postUpdate(body)).status).toBe(200);
    const dropped = warnings('webhook: not an update, dropped');
    expect(dropped).toHaveLength(bodies.length);
    expect(dropped.every((l) => l.level === 40)).toBe(true);
    expect(dropped.map((l) => l.update_id)).toContain('7');

    const stranger = user(8701);
    const update = { update_id: 8, ...textMessage(stranger, privateChat(stranger), '/start') };
    fake.learn(update);
    expect((await t.postUpdate(update)).status).toBe(200);
    const reply = await fake.waitFor('sendMessage', (p, c) => p.chat_id === stranger.id && c.response.ok);
    expect(String(reply.params.text)).toContain('đường liên kết mời');
  });

  it('answers 200 to an update whose handling fails, and logs it', async () => {
    const bot = t.app.bot;
    const handleUpdate = bot.handleUpdate.bind(bot);
    bot.handleUpdate = (update: Update, envelope?: unknown) =>
      update.update_id === 4242 ? Promise.reject(new Error('handler exploded')) : handleUpdate(update, envelope as never);
    const stranger = user(8702);
    const update = { update_id: 4242, ...textMessage(stranger, privateChat(stranger), '/start') };
    expect((await t.postUpdate(update)).status).toBe(200);
    const failed = warnings('webhook: update failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.update_id).toBe(4242);
    expect(t.logLines.join('')).toContain('handler exploded');
  });

  it('refuses a body over 1 MB as it arrives (413), and a wrong secret before reading the body (401)', async () => {
    const sixtyMegabytes = 60 * 1024 * 1024;
    // Announced by its length: refused before any of it is sent.
    const declared = await postLarge(port, { 'x-telegram-bot-api-secret-token': SECRET, 'content-length': sixtyMegabytes }, sixtyMegabytes);
    expect(declared.status).toBe(413);
    expect(declared.written).toBeLessThan(8 * 1024 * 1024);
    // Sent in chunks without a length: refused once past the limit.
    const streamed = await postLarge(port, { 'x-telegram-bot-api-secret-token': SECRET, 'transfer-encoding': 'chunked' }, sixtyMegabytes);
    expect(streamed.status).toBe(413);
    expect(streamed.written).toBeLessThan(8 * 1024 * 1024);
    expect(warnings('webhook: body too large, refused')).toHaveLength(2);
    // Without the secret nothing is read at all.
    const stranger = await postLarge(port, { 'x-telegram-bot-api-secret-token': 'wrong-secret-0123456789', 'content-length': sixtyMegabytes }, sixtyMegabytes);
    expect(stranger.status).toBe(401);
    expect(stranger.written).toBeLessThan(8 * 1024 * 1024);

    // The server is still there for Telegram.
    expect((await fetch(`${t.origin}/healthz`)).status).toBe(200);
    const u = user(8703);
    const update = { update_id: 9, ...textMessage(u, privateChat(u), '/start') };
    fake.learn(update);
    expect((await t.postUpdate(update)).status).toBe(200);
    await fake.waitFor('sendMessage', (p, c) => p.chat_id === u.id && c.response.ok);
  }, 30_000);
});
