/**
 * The Sender against a scripted Bot API (no HTTP) and a manual clock: what each answer of Telegram
 * makes of a row — its status, its next attempt to the millisecond, its error, the hooks and the
 * counters — and how each kind of message is sent. Fast and exact where tests/delivery/sender.test.ts
 * (the real Api against the fake Bot API, real time) has to use generous bounds.
 */
import { performance } from 'node:perf_hooks';
import { type Api, GrammyError, HttpError } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase } from '../../src/db/connection.js';
import { PRIORITY } from '../../src/db/schema.js';
import { SendBudget } from '../../src/delivery/budget.js';
import { Outbox, type OutboxItem, type OutboxRow } from '../../src/delivery/outbox.js';
import type { PacingLimits } from '../../src/delivery/pacing.js';
import { LATE_NOTE_SEPARATOR, messageParts } from '../../src/delivery/parts.js';
import { Sender } from '../../src/delivery/sender.js';
import { createLogger } from '../../src/logger.js';
import { testDb } from '../helpers/db.js';

const FAST: PacingLimits = { perSecond: 1000, privateIntervalMs: 0, groupIntervalMs: 0 };
const NOW = new Date('2026-11-23T07:00:00Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);

interface Call {
  method: 'sendMessage' | 'sendDocument' | 'sendPhoto';
  chatId: number;
  /** The text, or the file id. */
  content: string;
  other: Record<string, unknown>;
}

type Answer = (call: Call) => Promise<{ message_id: number }> | { message_id: number };

const telegramError = (code: number, description: string, parameters: Record<string, number> = {}) =>
  new GrammyError('Call failed', { ok: false, error_code: code, description, parameters }, 'sendMessage', {});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function harness(options: { maxAttempts?: number; concurrency?: number; failedHook?: boolean; throwingHooks?: boolean } = {}) {
  const t = testDb(NOW.toISOString());
  const outbox = new Outbox(t.db, t.clock);
  const calls: Call[] = [];
  let nextId = 1;
  let answer: Answer = () => ({ message_id: nextId++ });
  const respond = (call: Call) => {
    calls.push(call);
    return Promise.resolve().then(() => answer(call));
  };
  const api = {
    sendMessage: (chatId: number, text: string, other: Record<string, unknown>) => respond({ method: 'sendMessage', chatId, content: text, other }),
    sendDocument: (chatId: number, file: string, other: Record<string, unknown>) => respond({ method: 'sendDocument', chatId, content: file, other }),
    sendPhoto: (chatId: number, file: string, other: Record<string, unknown>) => respond({ method: 'sendPhoto', chatId, content: file, other }),
  } as unknown as Api;
  // Pacing runs on physical time; `skew` jumps it forward past a 429's pause.
  let skew = 0;
  const budget = new SendBudget({ limits: FAST, now: () => performance.now() + skew });
  const hooks = { unreachable: [] as [number, string][], migrated: [] as [number, number][], failed: [] as [string, string][] };
  const logLines: string[] = [];
  const fail = () => {
    throw new Error('hook broke');
  };
  const sender = new Sender({
    outbox,
    api,
    clock: t.clock,
    logger: createLogger({ level: 'debug', secrets: ['x'], destination: { write: (l: string) => logLines.push(l) } }),
    budget,
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    hooks: {
      unreachable: options.throwingHooks ? fail : (chatId, description) => void hooks.unreachable.push([chatId, description]),
      migrated: options.throwingHooks ? fail : (from, to) => void hooks.migrated.push([from, to]),
      ...(options.failedHook === false ? {} : { failed: options.throwingHooks ? fail : (row: OutboxRow, d: string) => void hooks.failed.push([row.dedupeKey, d]) }),
    },
  });
  cleanups.push(async () => {
    await sender.stop();
    closeDatabase(t.db);
  });
  const row = (key: string) => outbox.get(key)!;
  return {
    outbox,
    sender,
    calls,
    hooks,
    logLines,
    budget,
    clock: t.clock,
    row,
    answerWith: (a: Answer) => {
      answer = a;
    },
    skip: (ms: number) => {
      skew += ms;
    },
    enqueue: (...items: OutboxItem[]) => outbox.enqueue(items),
    /** Waits until the row has left 'pending'/'sending' (or reached `status`). */
    settled: (key: string, status?: string) =>
      until(`${key} settles`, () => {
        const r = outbox.get(key);
        return r !== null && (status ? r.status === status : r.status !== 'sending' && (r.status !== 'pending' || r.attempts > 0));
      }),
  };
}

async function until(what: string, probe: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const item = (key: string, chatId: number, extra: Partial<OutboxItem> = {}): OutboxItem => ({ dedupeKey: key, chatId, text: key, ...extra });

describe('Sender: how each kind of message goes', () => {
  const markup = { inline_keyboard: [[{ text: '✅ Đã nhận', callback_data: 'ack:1' }]] };

  it('a text as HTML without link preview, with its buttons; a document and a photo with their caption', async () => {
    const h = harness();
    h.enqueue(
      item('text', 1, { text: '<b>Họp</b>', replyMarkup: markup }),
      item('doc', 2, { kind: 'document', fileId: 'DOC', text: 'Biên bản', replyMarkup: markup }),
      item('photo', 3, { kind: 'photo', fileId: 'PIC', text: '' }),
    );
    h.sender.start();
    await h.settled('text', 'sent');
    await h.settled('doc', 'sent');
    await h.settled('photo', 'sent');
    const byChat = new Map(h.calls.map((c) => [c.chatId, c]));
    expect(byChat.get(1)).toEqual({
      method: 'sendMessage',
      chatId: 1,
      content: '<b>Họp</b>',
      other: { parse_mode: 'HTML', reply_markup: markup, link_preview_options: { is_disabled: true } },
    });
    expect(byChat.get(2)).toEqual({ method: 'sendDocument', chatId: 2, content: 'DOC', other: { caption: 'Biên bản', parse_mode: 'HTML', reply_markup: markup } });
    expect(byChat.get(3)).toEqual({ method: 'sendPhoto', chatId: 3, content: 'PIC', other: { caption: undefined, parse_mode: 'HTML', reply_markup: undefined } });
    expect(h.calls).toHaveLength(3);
    expect(h.row('text')).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(h.row('text').telegramMessageId).toEqual(expect.any(Number));
    expect(h.sender.stats).toMatchObject({ sent: 3, retried: 0, failed: 0, unreachable: 0, tooManyRequests: 0 });
  });

  it('more than a minute after its due time a message carries its late note; at a minute exactly it does not', async () => {
    const h = harness();
    h.enqueue(
      item('late', 1, { dueAt: at(-60_001), lateNote: '<i>(gửi muộn)</i>' }),
      item('on-time', 2, { dueAt: at(-60_000), lateNote: '<i>(gửi muộn)</i>' }),
      item('no-note', 3, { dueAt: at(-3_600_000) }),
      item('late-doc', 4, { kind: 'document', fileId: 'F', text: '', dueAt: at(-120_000), lateNote: 'muộn' }),
    );
    h.sender.start();
    for (const key of ['late', 'on-time', 'no-note', 'late-doc']) await h.settled(key, 'sent');
    const content = (chat: number) => h.calls.find((c) => c.chatId === chat)!;
    expect(content(1).content).toBe(`late${LATE_NOTE_SEPARATOR}<i>(gửi muộn)</i>`);
    expect(content(2).content).toBe('on-time');
    expect(content(3).content).toBe('no-note');
    expect(content(4).other.caption).toBe(`${LATE_NOTE_SEPARATOR}muộn`);
  });

  it('a long text goes in parts, in order; the buttons and the late note under the last only; the last message id is kept', async () => {
    const h = harness();
    const text = Array.from({ length: 1_500 }, (_, i) => `từ${i}`).join(' ');
    const late = '(muộn)';
    const parts = messageParts({ kind: 'text', text, lateNote: late });
    expect(parts.length).toBeGreaterThanOrEqual(3);
    h.enqueue(item('long', 7, { text, replyMarkup: markup, dueAt: at(-120_000), lateNote: late }), item('after', 7));
    h.sender.start();
    await h.settled('after', 'sent');
    const sent = h.calls.filter((c) => c.chatId === 7);
    expect(sent.map((c) => c.content)).toEqual([...parts.slice(0, -1).map((p) => p.text), `${parts.at(-1)!.text}${LATE_NOTE_SEPARATOR}${late}`, 'after']);
    expect(sent.slice(0, parts.length - 1).every((c) => c.other.reply_markup === undefined)).toBe(true);
    expect(sent[parts.length - 1]!.other.reply_markup).toEqual(markup);
    expect(h.row('long')).toMatchObject({ status: 'sent', partsSent: parts.length - 1, telegramMessageId: parts.length });
    expect(h.sender.stats.sent).toBe(parts.length + 1);
  });

  it('a row whose part count is already past the end sends its last part (never an undefined one)', async () => {
    const h = harness();
    h.enqueue(item('odd', 8, { text: 'one part' }));
    h.outbox.markPartSent(h.row('odd').id, 3);
    h.sender.start();
    await h.settled('odd', 'sent');
    expect(h.calls.map((c) => c.content)).toEqual(['one part']);
  });

  it('a message past its expiry is cancelled without a call; one before it goes', async () => {
    const h = harness();
    h.enqueue(item('expired', 1, { expiresAt: NOW }), item('fresh', 2, { expiresAt: at(1) }));
    h.sender.start();
    await h.settled('expired', 'cancelled');
    await h.settled('fresh', 'sent');
    expect(h.row('expired').lastError).toBe('expired');
    expect(h.calls.map((c) => c.chatId)).toEqual([2]);
  });
});

describe('Sender: what each answer does to the row', () => {
  it('429: back to pending until retry_after has passed on the app clock, everything paused, counted', async () => {
    const h = harness();
    h.answerWith(() => {
      throw telegramError(429, 'Too Many Requests: retry after 7', { retry_after: 7 });
    });
    h.enqueue(item('busy', 1));
    h.sender.start();
    await h.settled('busy');
    expect(h.row('busy')).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: at(7_000), lastError: '429: Too Many Requests: retry after 7' });
    expect(h.sender.stats.tooManyRequests).toBe(1);
    expect(h.budget.stats.tooManyRequests).toBe(1);
    expect(h.budget.pushWait(h.budget.now())).toBeGreaterThan(6_000);
  });

  it('429 without retry_after: a second', async () => {
    const h = harness();
    h.answerWith(() => {
      throw telegramError(429, 'Too Many Requests');
    });
    h.enqueue(item('busy', 1));
    h.sender.start();
    await h.settled('busy');
    expect(h.row('busy').nextAttemptAt).toEqual(at(1_000));
    expect(h.budget.pushWait(h.budget.now())).toBeGreaterThan(900);
  });

  it('after a 429 the row goes again once its time has come on both clocks', async () => {
    const h = harness();
    let refused = false;
    h.answerWith((c) => {
      if (!refused) {
        refused = true;
        throw telegramError(429, 'Too Many Requests: retry after 2', { retry_after: 2 });
      }
      return { message_id: c.chatId };
    });
    h.enqueue(item('again', 5));
    h.sender.start();
    await h.settled('again');
    h.clock.advance(2_000);
    h.skip(2_000);
    h.sender.wake();
    await h.settled('again', 'sent');
    expect(h.row('again')).toMatchObject({ attempts: 2, telegramMessageId: 5 });
  });

  it('400 with migrate_to_chat_id: the rows follow the group at once, keeping their place; the hook hears of it', async () => {
    const h = harness();
    h.answerWith((c) => {
      if (c.chatId === -10) throw telegramError(400, 'Bad Request: group chat was upgraded to a supergroup chat', { migrate_to_chat_id: -100_10 });
      return { message_id: 1 };
    });
    h.enqueue(item('g1', -10, { notBefore: at(-5_000) }), item('g2', -10));
    h.sender.start();
    await h.settled('g1', 'sent');
    await h.settled('g2', 'sent');
    expect(h.row('g1')).toMatchObject({ chatId: -100_10, nextAttemptAt: at(-5_000), attempts: 2 });
    expect(h.row('g2')).toMatchObject({ chatId: -100_10, attempts: 1 });
    expect(h.hooks.migrated).toEqual([[-10, -100_10]]);
    expect(h.calls.map((c) => [c.chatId, c.content])).toEqual([
      [-10, 'g1'],
      [-100_10, 'g1'],
      [-100_10, 'g2'],
    ]);
    expect(h.sender.stats).toMatchObject({ failed: 0, sent: 2 });
  });

  it('403: the row and the chat\'s other pending rows become unreachable; the hook gets Telegram\'s words', async () => {
    const h = harness();
    h.answerWith((c) => {
      if (c.chatId === 9) throw telegramError(403, 'Forbidden: bot was blocked by the user');
      return { message_id: 1 };
    });
    h.enqueue(item('b1', 9), item('b2', 9), item('b3', 9, { notBefore: at(60_000) }), item('other', 10));
    h.sender.start();
    await h.settled('b1', 'unreachable');
    await h.settled('other', 'sent');
    for (const key of ['b1', 'b2', 'b3']) expect(h.row(key)).toMatchObject({ status: 'unreachable', lastError: '403: Forbidden: bot was blocked by the user' });
    expect(h.row('b2').attempts).toBe(0);
    expect(h.hooks.unreachable).toEqual([[9, 'Forbidden: bot was blocked by the user']]);
    expect(h.sender.stats).toMatchObject({ unreachable: 1, failed: 0, retried: 0 });
    expect(h.calls.filter((c) => c.chatId === 9)).toHaveLength(1);
  });

  it('a 5xx: retried after a back-off that doubles with each attempt (±25 %), up to five minutes', async () => {
    const cases: [attemptsBefore: number, baseMs: number][] = [
      [0, 1_000],
      [1, 2_000],
      [2, 4_000],
      [10, 300_000],
    ];
    for (const [before, base] of cases) {
      const h = harness({ maxAttempts: 50 });
      h.answerWith(() => {
        throw telegramError(502, 'Bad Gateway');
      });
      h.enqueue(item('flaky', 1));
      const id = h.row('flaky').id;
      for (let i = 0; i < before; i++) {
        h.outbox.claim(id);
        h.outbox.retryAt(id, NOW, 'earlier');
      }
      h.sender.start();
      await until('the attempt is recorded', () => h.row('flaky').attempts === before + 1 && h.row('flaky').status === 'pending');
      const next = h.row('flaky').nextAttemptAt.getTime() - NOW.getTime();
      expect(next).toBeGreaterThanOrEqual(base * 0.75);
      expect(next).toBeLessThanOrEqual(base * 1.25);
      expect(h.row('flaky').lastError).toBe('502: Bad Gateway');
      expect(h.sender.stats).toMatchObject({ retried: 1, failed: 0 });
      await h.sender.stop();
    }
  });

  it('a network error is retried like a 5xx, its message kept', async () => {
    const h = harness();
    h.answerWith(() => {
      throw new HttpError('Network request for \'sendMessage\' failed!', new Error('ECONNRESET'));
    });
    h.enqueue(item('net', 1));
    h.sender.start();
    await until('retried', () => h.row('net').attempts === 1 && h.row('net').status === 'pending');
    expect(h.row('net').lastError).toBe("network: Network request for 'sendMessage' failed!");
    expect(h.row('net').nextAttemptAt.getTime()).toBeGreaterThanOrEqual(NOW.getTime() + 750);
    expect(h.sender.stats.retried).toBe(1);
  });

  it('out of attempts, a 5xx or a network error fails the row and the failed hook hears of it', async () => {
    const h = harness({ maxAttempts: 3 });
    h.answerWith((c) => {
      if (c.chatId === 1) throw telegramError(500, 'Internal Server Error');
      throw new HttpError('down', new Error('ECONNREFUSED'));
    });
    h.enqueue(item('five', 1), item('net', 2));
    for (const key of ['five', 'net']) {
      const id = h.row(key).id;
      for (let i = 0; i < 2; i++) {
        h.outbox.claim(id);
        h.outbox.retryAt(id, NOW, 'earlier');
      }
    }
    h.sender.start();
    await h.settled('five', 'failed');
    await h.settled('net', 'failed');
    expect(h.row('five')).toMatchObject({ attempts: 3, lastError: '500: Internal Server Error' });
    expect(h.row('net')).toMatchObject({ attempts: 3, lastError: 'network: down' });
    expect(h.hooks.failed.sort()).toEqual([
      ['five', '500: Internal Server Error'],
      ['net', 'network: down'],
    ]);
    expect(h.sender.stats).toMatchObject({ failed: 2, retried: 0 });
  });

  it('two attempts short of the limit, a 5xx is still retried', async () => {
    const h = harness({ maxAttempts: 3 });
    h.answerWith(() => {
      throw telegramError(503, 'Service Unavailable');
    });
    h.enqueue(item('x', 1));
    const id = h.row('x').id;
    h.outbox.claim(id);
    h.outbox.retryAt(id, NOW, 'earlier');
    h.sender.start();
    await until('retried', () => h.row('x').attempts === 2 && h.row('x').status === 'pending');
    expect(h.sender.stats).toMatchObject({ retried: 1, failed: 0 });
  });

  it('any other 4xx fails the row at once with Telegram\'s description; the hook and the log hear of it', async () => {
    const h = harness();
    h.answerWith(() => {
      throw telegramError(400, "Bad Request: can't parse entities");
    });
    h.enqueue(item('bad', 1));
    h.sender.start();
    await h.settled('bad', 'failed');
    expect(h.row('bad')).toMatchObject({ attempts: 1, lastError: "400: Bad Request: can't parse entities" });
    expect(h.hooks.failed).toEqual([['bad', "400: Bad Request: can't parse entities"]]);
    expect(h.sender.stats).toMatchObject({ failed: 1, retried: 0 });
    expect(h.logLines.some((l) => l.includes('message refused by Telegram') && l.includes('"chat_id":1'))).toBe(true);
  });

  it('a 499 is not a server error: it fails at once', async () => {
    const h = harness();
    h.answerWith(() => {
      throw telegramError(499, 'Odd');
    });
    h.enqueue(item('odd', 1));
    h.sender.start();
    await h.settled('odd', 'failed');
    expect(h.sender.stats.retried).toBe(0);
  });

  it('an error that is neither Telegram\'s nor the network\'s fails the row with its text, logged', async () => {
    const h = harness({ failedHook: false });
    h.answerWith(() => {
      throw new TypeError('broken payload');
    });
    h.enqueue(item('weird', 1));
    h.sender.start();
    await h.settled('weird', 'failed');
    expect(h.row('weird').lastError).toBe('TypeError: broken payload');
    expect(h.logLines.some((l) => l.includes('message could not be sent'))).toBe(true);
    expect(h.sender.stats.failed).toBe(1);
  });

  it('hooks that throw are logged by name, and the rows still settle', async () => {
    const h = harness({ throwingHooks: true });
    h.answerWith((c) => {
      if (c.chatId === 1) throw telegramError(403, 'Forbidden: bot was kicked');
      if (c.chatId === 2) throw telegramError(400, 'Bad Request: nope');
      if (c.chatId === -3) throw telegramError(400, 'Bad Request: upgraded', { migrate_to_chat_id: -1003 });
      return { message_id: 1 };
    });
    h.enqueue(item('kicked', 1), item('bad', 2), item('moved', -3));
    h.sender.start();
    await h.settled('kicked', 'unreachable');
    await h.settled('bad', 'failed');
    await h.settled('moved', 'sent');
    const failures = h.logLines.filter((l) => l.includes('delivery hook failed'));
    expect(failures.map((l) => JSON.parse(l).hook).sort()).toEqual(['failed', 'migrated', 'unreachable']);
  });
});

describe('Sender: order, concurrency, start and stop', () => {
  it('one message at a time per chat, in order; the next one goes as soon as the first is answered', async () => {
    const h = harness();
    const release: (() => void)[] = [];
    h.answerWith((c) => new Promise((resolve) => release.push(() => resolve({ message_id: c.chatId }))));
    h.enqueue(item('a1', 1), item('a2', 1), item('b1', 2));
    h.sender.start();
    await until('two chats are in flight', () => h.calls.length === 2);
    await pause(20);
    expect(h.calls.map((c) => c.content)).toEqual(['a1', 'b1']);
    release.shift()!();
    await until('a2 goes', () => h.calls.length === 3);
    expect(h.calls[2]!.content).toBe('a2');
    for (const r of release.splice(0)) r();
    for (const key of ['a1', 'a2', 'b1']) await h.settled(key, 'sent');
    expect(h.calls).toHaveLength(3);
  });

  it('never more requests in flight than its concurrency', async () => {
    const h = harness({ concurrency: 3 });
    const release: (() => void)[] = [];
    h.answerWith(() => new Promise((resolve) => release.push(() => resolve({ message_id: 1 }))));
    h.enqueue(...Array.from({ length: 8 }, (_, i) => item(`m${i}`, 100 + i)));
    h.sender.start();
    await until('three in flight', () => h.calls.length === 3);
    await pause(30);
    expect(h.calls).toHaveLength(3);
    release.shift()!();
    await until('a fourth', () => h.calls.length === 4);
    await pause(20);
    expect(h.calls).toHaveLength(4);
    while (h.calls.length < 8 || release.length > 0) {
      release.shift()?.();
      await pause(2);
    }
    for (let i = 0; i < 8; i++) await h.settled(`m${i}`, 'sent');
  });

  it('a look at the outbox that fails is logged and tried again; delivery goes on', async () => {
    const h = harness();
    const due = h.outbox.due.bind(h.outbox);
    let failures = 1;
    h.outbox.due = (...args: Parameters<Outbox['due']>) => {
      if (failures-- > 0) throw new Error('database is locked');
      return due(...args);
    };
    h.enqueue(item('after', 1));
    h.sender.start();
    await h.settled('after', 'sent');
    const line = JSON.parse(h.logLines.find((l) => l.includes('delivery loop failed; retrying'))!) as { level: number; err: { message: string } };
    expect(line.level).toBe(50);
    expect(line.err.message).toBe('database is locked');
    expect(h.calls.map((c) => c.content)).toEqual(['after']);
  });

  it('the most urgent first, then the earliest due', async () => {
    const h = harness({ concurrency: 1 });
    h.enqueue(
      item('bulk', 1, { priority: PRIORITY.bulk }),
      item('notice', 2, { priority: PRIORITY.notice, notBefore: at(-1_000) }),
      item('urgent', 3, { priority: PRIORITY.urgent }),
      item('notice-earlier', 4, { priority: PRIORITY.notice, notBefore: at(-2_000) }),
    );
    h.sender.start();
    await h.settled('bulk', 'sent');
    expect(h.calls.map((c) => c.content)).toEqual(['urgent', 'notice-earlier', 'notice', 'bulk']);
  });

  it('a message enqueued while it idles goes at once, not at the next poll', async () => {
    const h = harness();
    h.sender.start();
    await pause(20);
    const started = Date.now();
    h.enqueue(item('wake', 1));
    await h.settled('wake', 'sent');
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('a message due later goes when the app clock reaches it, not before', async () => {
    const h = harness();
    h.enqueue(item('later', 1, { notBefore: at(60_000) }));
    h.sender.start();
    await pause(30);
    h.clock.advance(59_999);
    h.sender.wake();
    await pause(30);
    expect(h.calls).toHaveLength(0);
    h.clock.advance(1);
    h.sender.wake();
    await h.settled('later', 'sent');
  });

  it('start recovers the rows left sending and says how many; a second start does nothing', async () => {
    const h = harness();
    h.enqueue(item('crashed', 1), item('crashed-2', 2));
    h.outbox.claim(h.row('crashed').id);
    h.outbox.claim(h.row('crashed-2').id);
    h.sender.start();
    h.sender.start();
    await h.settled('crashed', 'sent');
    await h.settled('crashed-2', 'sent');
    const warnings = h.logLines.filter((l) => l.includes('will be sent again'));
    expect(warnings).toHaveLength(1);
    expect(JSON.parse(warnings[0]!).recovered).toBe(2);
    expect(h.calls).toHaveLength(2);
  });

  it('without rows in flight at start, nothing is said', async () => {
    const h = harness();
    h.sender.start();
    await pause(10);
    expect(h.logLines.some((l) => l.includes('will be sent again'))).toBe(false);
  });

  it('after stop, nothing new goes out', async () => {
    const h = harness();
    h.sender.start();
    await h.sender.stop();
    h.enqueue(item('too-late', 1));
    await pause(50);
    expect(h.calls).toHaveLength(0);
    expect(h.row('too-late').status).toBe('pending');
  });
});
