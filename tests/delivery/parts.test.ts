/**
 * Long messages through the delivery engine: a row whose text is longer than a Telegram message
 * goes as several messages, in order, with the buttons under the last; a caption longer than a
 * file allows goes partly under the file and the rest right after it; a retry of a part resumes
 * there and nothing else to the chat lands between the parts; the `failed` hook hears of every
 * message given up. The fake Bot API checks every part: balanced HTML, 4,096 / 1,024 characters.
 */
import { Api } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { htmlToPlain, Html } from '../../src/bot/render/html.js';
import { systemClock } from '../../src/clock.js';
import { closeDatabase } from '../../src/db/connection.js';
import { PRIORITY } from '../../src/db/schema.js';
import { Outbox, type OutboxItem, type OutboxRow } from '../../src/delivery/outbox.js';
import type { PacingLimits } from '../../src/delivery/pacing.js';
import { messageParts } from '../../src/delivery/parts.js';
import { Sender } from '../../src/delivery/sender.js';
import { createLogger } from '../../src/logger.js';
import { FakeTelegram, type SentParams } from '../fake-telegram/server.js';
import { parseTelegramHtml } from '../fake-telegram/html.js';
import { knownRecipients } from '../helpers/app.js';
import { testDb } from '../helpers/db.js';

const FAST: PacingLimits = { perSecond: 500, privateIntervalMs: 0, groupIntervalMs: 0 };
const open: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of open.splice(0).reverse()) await close();
});

async function harness(limits = FAST, maxAttempts?: number) {
  // The Sender's pace here is the test's, not Telegram's: these tests are about the parts.
  const fake = await FakeTelegram.start({ rateLimits: false });
  const { db } = testDb();
  const outbox = new Outbox(db, systemClock);
  knownRecipients(outbox, fake);
  const failed: [OutboxRow, string][] = [];
  const sender = new Sender({
    outbox,
    api: new Api(fake.token, { apiRoot: fake.apiRoot }),
    clock: systemClock,
    logger: createLogger({ level: 'silent', secrets: [fake.token] }),
    limits,
    ...(maxAttempts === undefined ? {} : { maxAttempts }),
    hooks: { unreachable: () => undefined, migrated: () => undefined, failed: (row, description) => void failed.push([row, description]) },
  });
  open.push(async () => {
    await sender.stop();
    closeDatabase(db);
    await fake.close();
  });
  return { fake, outbox, sender, failed };
}

async function until(what: string, probe: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A notice-like text: `words` numbered words in bold, so every part opens inside the <b>. */
function longText(tag: string, words: number): string {
  return `📢 <b>${Array.from({ length: words }, (_, i) => `${tag}${i}`).join(' ')}</b>\nA&amp;B &lt;cuối&gt;`;
}

const visible = (html: string) => {
  const r = parseTelegramHtml(html);
  if (!r.ok) throw new Error(r.error);
  return r.text;
};
const wordsOf = (sent: SentParams[]) => sent.flatMap((p) => visible(String(p.text ?? p.caption ?? '')).split(/\s+/));
const ack = { inline_keyboard: [[{ text: '✅ Đã nhận', callback_data: 'ack:1' }]] };

describe('messageParts', () => {
  it('a message that fits is one part, as written', () => {
    expect(messageParts({ kind: 'text', text: '<b>x</b>' })).toEqual([{ kind: 'text', text: '<b>x</b>', last: true }]);
    expect(messageParts({ kind: 'document', text: '' })).toEqual([{ kind: 'document', text: '', last: true }]);
  });

  it('a long caption: the file with what fits under it, the rest as texts', () => {
    const parts = messageParts({ kind: 'photo', text: longText('w', 1400) });
    expect(parts.map((p) => p.kind)).toEqual(['photo', 'text', 'text']);
    expect(visible(parts[0]!.text).length).toBeLessThanOrEqual(1024);
    for (const p of parts.slice(1)) expect(visible(p.text).length).toBeLessThanOrEqual(4096);
    expect(parts.map((p) => p.last)).toEqual([false, false, true]);
  });

  it('markup with nothing visible, too long to fit: a file goes without caption; a text goes as written, in one part', () => {
    expect(messageParts({ kind: 'document', text: '<b></b>'.repeat(200) })).toEqual([{ kind: 'document', text: '', last: true }]);
    const empty = '<i></i>'.repeat(700);
    expect(messageParts({ kind: 'text', text: empty })).toEqual([{ kind: 'text', text: empty, last: true }]);
  });

  it('keeps room for the late note in every part', () => {
    const lateNote = '<i>(Tin nhắc này gửi muộn do hệ thống gián đoạn.)</i>';
    const parts = messageParts({ kind: 'text', text: longText('w', 1000), lateNote });
    const room = 4096 - htmlToPlain(new Html(lateNote)).length - 2;
    for (const p of parts) expect(visible(p.text).length).toBeLessThanOrEqual(room);
  });
});

describe('long messages through the sender', () => {
  it('a text of three messages arrives in order, each valid, with the buttons under the last only', async () => {
    const h = await harness();
    const text = longText('w', 2000); // about 11,000 characters
    h.outbox.enqueue([{ dedupeKey: 'long', chatId: 501, text, replyMarkup: ack }]);
    h.sender.start();
    await until('the row is settled', () => ['sent', 'failed'].includes(h.outbox.get('long')!.status));
    const row = h.outbox.get('long')!;
    expect(row.status, String(row.lastError)).toBe('sent');
    const sent = h.fake.sentMessages(501);
    expect(sent.length).toBe(3);
    expect(sent.map((p) => p.reply_markup === undefined)).toEqual([true, true, false]);
    expect(wordsOf(sent).join(' ')).toBe(visible(text).split(/\s+/).join(' '));
    expect(row.telegramMessageId).toBe(h.fake.lastSentMessage(501)!.message_id);
  });

  it('a document with a caption over 1,024 characters: the file with the start, then the rest right after it', async () => {
    const h = await harness();
    const caption = longText('c', 400); // about 2,100 characters
    h.outbox.enqueue([{ dedupeKey: 'doc', chatId: 502, kind: 'document', fileId: 'FILE-1', text: caption, replyMarkup: ack }]);
    h.sender.start();
    await until('the row is settled', () => ['sent', 'failed'].includes(h.outbox.get('doc')!.status));
    expect(h.outbox.get('doc')!.status, String(h.outbox.get('doc')!.lastError)).toBe('sent');
    const calls = h.fake.calls.filter((c) => c.response.ok && /^send(Document|Message)$/.test(c.method));
    expect(calls.map((c) => c.method)).toEqual(['sendDocument', 'sendMessage']);
    expect(visible(String(calls[0]!.params.caption)).length).toBeLessThanOrEqual(1024);
    expect(calls.map((c) => c.params.reply_markup === undefined)).toEqual([true, false]);
    expect(wordsOf(calls.map((c) => c.params as SentParams)).join(' ')).toBe(visible(caption).split(/\s+/).join(' '));
  });

  it('a part that meets a 500 is sent again there, and nothing else to the chat lands between the parts', async () => {
    // One message a second per chat leaves time to see the first part and break the second.
    const h = await harness({ perSecond: 500, privateIntervalMs: 400, groupIntervalMs: 400 });
    const items: OutboxItem[] = [
      { dedupeKey: 'A', chatId: 503, text: longText('a', 2000) },
      { dedupeKey: 'B', chatId: 503, text: longText('b', 1000) },
    ];
    h.outbox.enqueue(items);
    h.sender.start();
    await h.fake.waitFor('sendMessage', (p) => p.chat_id === 503);
    h.fake.serverError('sendMessage', { chatId: 503 });
    // An urgent message for the same chat while the first one is half sent.
    h.outbox.enqueue([{ dedupeKey: 'R', chatId: 503, text: 'Nhắc họp khẩn', priority: PRIORITY.urgent }]);
    h.sender.wake();
    await until('everything is settled', () => ['A', 'B', 'R'].every((k) => h.outbox.get(k)!.status === 'sent'));
    const failedCalls = h.fake.callsTo('sendMessage').filter((c) => !c.response.ok);
    expect(failedCalls.length).toBe(1);
    const firstWords = h.fake.sentMessages(503).map((p) => visible(String(p.text)).replace(/^📢 /, '').split(/\s/)[0]);
    expect(firstWords).toEqual(['a0', expect.stringMatching(/^a\d+$/), expect.stringMatching(/^a\d+$/), 'Nhắc', 'b0', expect.stringMatching(/^b\d+$/)]);
    expect(wordsOf(h.fake.sentMessages(503).slice(0, 3)).join(' ')).toBe(visible(items[0]!.text).split(/\s+/).join(' '));
  });

  it('a late reminder of several parts carries its late note under the last part, and every part fits', async () => {
    const h = await harness();
    const lateNote = '<i>(Gửi muộn do hệ thống gián đoạn.)</i>';
    const due = new Date(Date.now() - 10 * 60_000);
    h.outbox.enqueue([{ dedupeKey: 'late', chatId: 504, text: longText('r', 1000), dueAt: due, notBefore: due, lateNote }]);
    h.sender.start();
    await until('the row is settled', () => ['sent', 'failed'].includes(h.outbox.get('late')!.status));
    expect(h.outbox.get('late')!.status, String(h.outbox.get('late')!.lastError)).toBe('sent');
    const sent = h.fake.sentMessages(504);
    expect(sent.length).toBe(2);
    expect(String(sent[0]!.text)).not.toContain('Gửi muộn');
    expect(String(sent[1]!.text).endsWith(`\n\n${lateNote}`)).toBe(true);
  });

  it('the failed hook hears of a message refused with a 400 and of one out of attempts, once each', async () => {
    const h = await harness(FAST, 2);
    h.fake.failNext('sendMessage', { error_code: 400, description: 'Bad Request: chat not found' }, { chatId: 505 });
    h.fake.serverError('sendMessage', { chatId: 506, times: 5 });
    h.outbox.enqueue([
      { dedupeKey: 'x', chatId: 505, text: 'một' },
      { dedupeKey: 'y', chatId: 506, text: 'hai' },
    ]);
    h.sender.start();
    // The hook is called as the row is marked failed, and a failed row is never tried again.
    await until('both failed', () => h.outbox.get('x')!.status === 'failed' && h.outbox.get('y')!.status === 'failed');
    expect(h.failed.map(([row, d]) => [row.dedupeKey, d]).sort()).toEqual([
      ['x', '400: Bad Request: chat not found'],
      ['y', '500: Internal Server Error'],
    ]);
  });
});
