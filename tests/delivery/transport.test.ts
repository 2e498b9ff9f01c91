/**
 * The transport under every Api object of the bot, against the fake Bot API over HTTP: time limits
 * on every attempt (a hung request is given up), 429s waited out without a limit on attempts but
 * with a bounded total wait, network errors and 5xx retried a bounded number of times, uploads
 * re-sent intact, and what a lost answer costs (a duplicate).
 */
import { Api, GrammyError, HttpError, InputFile } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { SendBudget } from '../../src/delivery/budget.js';
import { createTransport, type TransportOptions, type TransportTimings } from '../../src/delivery/transport.js';
import { FakeTelegram } from '../fake-telegram/server.js';

const open: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of open.splice(0).reverse()) await close();
});

/** Quick retries, so that the bounds are reached in a test's time. */
const QUICK: Partial<TransportTimings> = { backoffMs: 50, networkWindowMs: 5_000, callTimeoutMs: 2_000, pollMarginMs: 300 };

/** The chats these tests write to: members who started the bot. */
const CHATS = [7, 8, 9, 10, 11, 12, 13, ...Array.from({ length: 10 }, (_, i) => 100 + i)];

async function setup(timings: Partial<TransportTimings> = {}, extra: Partial<TransportOptions> = {}) {
  const fake = await FakeTelegram.start();
  fake.knowChats(...CHATS);
  const budget = new SendBudget();
  const gaveUp: number[] = [];
  const transport = createTransport({ budget, timings: { ...QUICK, ...timings }, gaveUp: (chatId) => gaveUp.push(chatId), ...extra });
  const api = new Api(fake.token, { apiRoot: fake.apiRoot, fetch: transport.fetch as never, timeoutSeconds: transport.timeoutSeconds });
  open.push(async () => {
    budget.close();
    await transport.close();
    await fake.close();
  });
  return { fake, budget, transport, api, gaveUp };
}

describe('transport: time limits', () => {
  it('gives up a getUpdates that hangs after its long-poll timeout plus the margin, and the next poll works', async () => {
    const { fake, api, transport } = await setup();
    fake.hang('getUpdates');
    const error = await api.getUpdates({ timeout: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(String((error as HttpError).error)).toContain("Request to 'getUpdates' got no answer within 1300 ms");
    const [hung] = await fake.waitForCount('getUpdates', 1);
    expect(hung!.outcome).toBe('hung');
    expect(transport.stats.timeouts).toBe(1);
    fake.sendText({ id: 5, is_bot: false, first_name: 'A' }, { id: 5, type: 'private', first_name: 'A' }, 'xin chào');
    const updates = await api.getUpdates({ timeout: 1 });
    expect(updates.map((u) => u.message?.text)).toEqual(['xin chào']);
  });

  it('a long poll ends at once when its signal aborts (the runner stopping), and Telegram sees the bot leave', async () => {
    const { fake, api } = await setup();
    const controller = new AbortController();
    const poll = api.getUpdates({ timeout: 30 }, controller.signal as never).catch((e: unknown) => e);
    await fake.waitForPendingPoll();
    const started = Date.now();
    controller.abort();
    expect(await poll).toBeInstanceOf(HttpError);
    expect(Date.now() - started).toBeLessThan(1_000);
    const [left] = await fake.waitForCount('getUpdates', 1);
    expect(left!.outcome).toBe('aborted');
  });

  it('close() ends a request still going, without trying it again, and the transport takes no more', async () => {
    const { fake, api, transport } = await setup({ callTimeoutMs: 20_000 });
    fake.hang('sendMessage');
    const send = api.sendMessage(7, 'mãi không trả lời').catch((e: unknown) => e);
    await fake.waitForHangingRequest();
    const started = Date.now();
    await transport.close();
    expect(await send).toBeInstanceOf(HttpError);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(transport.stats.retries).toBe(0);
    expect(await api.sendMessage(7, 'sau khi đóng').catch((e: unknown) => e)).toBeInstanceOf(HttpError);
    expect(fake.callsTo('sendMessage').filter((c) => c.outcome === 'answered')).toEqual([]);
  });

  it('a hung send is given up after the call time limit and sent again', async () => {
    const { fake, api } = await setup({ callTimeoutMs: 300 });
    fake.hang('sendMessage');
    const message = await api.sendMessage(7, 'một lần');
    expect(message.text).toBe('một lần');
    expect(fake.callsTo('sendMessage').map((c) => c.outcome)).toEqual(['hung', 'answered']);
  });
});

describe('transport: 429', () => {
  it('a direct send answered 429 five times in a row is still delivered, once', async () => {
    const { fake, api, gaveUp, budget } = await setup();
    fake.tooManyRequests('sendMessage', 1, { chatId: 7, times: 5 });
    const message = await api.sendMessage(7, 'trả lời');
    expect(message.text).toBe('trả lời');
    const outcomes = fake.callsTo('sendMessage').map((c) => c.response.error_code ?? 200);
    expect(outcomes).toEqual([429, 429, 429, 429, 429, 200]);
    // Each retry waited for retry_after (1 s) after the 429 it answers.
    const calls = fake.callsTo('sendMessage');
    for (let i = 1; i < calls.length; i++) expect(calls[i]!.at - calls[i - 1]!.at).toBeGreaterThanOrEqual(950);
    expect(fake.sentMessages(7)).toHaveLength(1);
    expect(gaveUp).toEqual([]);
    expect(budget.stats.tooManyRequests).toBe(5);
  }, 20_000);

  it('past the longest wait it gives up, says so once for the chat, and grammY sees the 429', async () => {
    const { fake, api, gaveUp } = await setup({ maxWaitMs: 1_500 });
    fake.tooManyRequests('sendMessage', 1, { chatId: 8, times: 50 });
    const error = await api.sendMessage(8, 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect((error as GrammyError).error_code).toBe(429);
    expect(gaveUp).toEqual([8]);
    // 1 s apart within 1.5 s: two attempts, not fifty.
    expect(fake.callsTo('sendMessage')).toHaveLength(2);
  });

  it('a chat action answered 429 is neither waited out nor sent again: late, it would show after the reply', async () => {
    const { fake, api } = await setup();
    fake.tooManyRequests('sendChatAction', 1);
    const error = await api.sendChatAction(9, 'typing').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect((error as GrammyError).error_code).toBe(429);
    expect(fake.callsTo('sendChatAction')).toHaveLength(1);
  });

  it('a call that is not a send (an edit) waits out its 429 too', async () => {
    const { fake, api } = await setup();
    const sent = await api.sendMessage(9, 'trước');
    fake.tooManyRequests('editMessageText', 1);
    await api.editMessageText(9, sent.message_id, 'sau');
    expect(fake.callsTo('editMessageText').map((c) => c.response.error_code ?? 200)).toEqual([429, 200]);
    expect(fake.currentMessage(9, sent.message_id)?.text).toBe('sau');
  });
});

describe('transport: network errors and 5xx', () => {
  it('retries a dropped connection and a 500, and delivers once', async () => {
    const { fake, api } = await setup();
    fake.dropConnections('sendMessage', 1);
    fake.serverError('sendMessage');
    await api.sendMessage(10, 'đến nơi');
    expect(fake.callsTo('sendMessage').map((c) => (c.outcome === 'dropped' ? 'dropped' : String(c.response.error_code ?? 200)))).toEqual([
      'dropped',
      '500',
      '200',
    ]);
    expect(fake.sentMessages(10)).toHaveLength(1);
  });

  it('gives up after a bounded number of attempts when the network stays down', async () => {
    const { fake, api, transport } = await setup({ networkRetries: 3 });
    fake.dropConnections('sendMessage', 100);
    await expect(api.sendMessage(11, 'x')).rejects.toBeInstanceOf(HttpError);
    expect(fake.callsTo('sendMessage')).toHaveLength(4);
    expect(transport.stats.retries).toBe(3);
  });

  it('gives up once the retry window is spent, whatever the count', async () => {
    const { fake, api } = await setup({ networkRetries: 100, backoffMs: 200, networkWindowMs: 1_000 });
    fake.serverError('sendMessage', { times: 100 });
    const error = await api.sendMessage(12, 'x').catch((e: unknown) => e);
    expect((error as GrammyError).error_code).toBe(500);
    // Back-offs of ~200, ~400 ms fit in 1 s; the next (~800 ms) does not.
    expect(fake.callsTo('sendMessage').length).toBeGreaterThanOrEqual(2);
    expect(fake.callsTo('sendMessage').length).toBeLessThanOrEqual(4);
  });

  it('re-sends a multipart upload intact after a dropped connection', async () => {
    const { fake, api } = await setup();
    const content = Buffer.from('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n'.repeat(200));
    fake.dropConnections('sendDocument', 1);
    await api.sendDocument(13, new InputFile(content, 'lich-hop.ics'), { caption: 'Lịch họp' });
    // Both attempts carried the whole file (the fake reads the body before it drops a connection).
    const uploads = fake.uploadedFiles('sendDocument');
    expect(uploads).toHaveLength(2);
    for (const upload of uploads) expect(upload.data.equals(content)).toBe(true);
    expect(fake.sentMessageResults(13).map((m) => m.document?.file_name)).toEqual(['lich-hop.ics']);
    expect(fake.callsTo('sendDocument').map((c) => c.outcome)).toEqual(['dropped', 'answered']);
  });
});

describe('transport: lost answers', () => {
  it('an answer lost after Telegram performed the send makes it send again: one duplicate per lost answer, nothing lost', async () => {
    const { fake, api } = await setup();
    for (let chat = 100; chat < 110; chat++) {
      if (chat % 3 === 0) fake.loseAnswers('sendMessage', 1); // chats 102, 105, 108
      await api.sendMessage(chat, `tin ${chat}`);
    }
    const copies = Array.from({ length: 10 }, (_, i) => fake.sentMessages(100 + i).length);
    expect(copies).toEqual([1, 1, 2, 1, 1, 2, 1, 1, 2, 1]);
    expect(fake.callsTo('sendMessage').filter((c) => c.outcome === 'lost')).toHaveLength(3);
  });
});
