/**
 * The delivery engine end to end: a durable Outbox on a temp database, the Sender, and a real grammY
 * Api talking HTTP to FakeTelegram. Time is real (the Sender paces on physical time), so assertions
 * on timing are lower bounds; due times follow an AdjustableClock that a test may jump. A check that
 * something was NOT sent waits until the Sender has looked at the outbox after the moment in
 * question (`lookedAfter`), never for a fixed time.
 */
import { eq, inArray } from 'drizzle-orm';
import { Api } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { AdjustableClock, systemClock } from '../../src/clock.js';
import { closeDatabase, openDatabase } from '../../src/db/connection.js';
import { outbox as outboxTable, PRIORITY } from '../../src/db/schema.js';
import { Outbox, type OutboxItem, type OutboxRow } from '../../src/delivery/outbox.js';
import { TELEGRAM_LIMITS, type PacingLimits } from '../../src/delivery/pacing.js';
import { Sender, type DeliveryHooks, type SenderOptions } from '../../src/delivery/sender.js';
import { createLogger } from '../../src/logger.js';
import { FakeTelegram, type RecordedCall } from '../fake-telegram/server.js';
import { knownRecipients } from '../helpers/app.js';
import { testDb } from '../helpers/db.js';

/** Fast enough that pacing plays no part. */
const FAST: PacingLimits = { perSecond: 500, privateIntervalMs: 0, groupIntervalMs: 0 };

interface Harness {
  fake: FakeTelegram;
  clock: AdjustableClock;
  outbox: Outbox;
  sender: Sender;
  db: ReturnType<typeof testDb>['db'];
  hookCalls: { unreachable: [number, string][]; migrated: [number, number][] };
  logLines: string[];
  rows(): OutboxRow[];
  row(dedupeKey: string): OutboxRow;
  /** Every row has reached a final state (nothing pending or sending). */
  settled(): boolean;
  /** Successful sendMessage calls, or all sendMessage calls to one chat. */
  sends(): RecordedCall[];
  callsTo(chatId: number): RecordedCall[];
  /**
   * Jumps the clock by `ms` (0: no jump), then waits until the Sender has sent a message due at the
   * new time and has nothing in flight: anything due by then has been tried.
   */
  lookedAfter(ms: number): Promise<void>;
}

/** The chat of the sentinel messages of `lookedAfter`. */
const SENTINEL_CHAT = 99_999;

const open: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const close of open.splice(0).reverse()) await close();
});

async function harness(
  options: Partial<Pick<SenderOptions, 'limits' | 'concurrency' | 'maxAttempts'>> & {
    hooks?: Partial<DeliveryHooks>;
    fake?: FakeTelegram;
  } = {},
): Promise<Harness> {
  const limits = options.limits ?? FAST;
  // Telegram's limits hold where the Sender paces like the bot; a test of its bookkeeping at a FAST
  // pace turns them off (the tests about Telegram's limits start their own fake).
  const fake = options.fake ?? (await FakeTelegram.start(limits === TELEGRAM_LIMITS ? {} : { rateLimits: false }));
  const { db } = testDb();
  const clock = new AdjustableClock();
  const outbox = new Outbox(db, clock);
  knownRecipients(outbox, fake);
  const hookCalls: Harness['hookCalls'] = { unreachable: [], migrated: [] };
  const logLines: string[] = [];
  const sender = new Sender({
    outbox,
    api: new Api(fake.token, { apiRoot: fake.apiRoot }),
    clock,
    logger: createLogger({ level: 'debug', secrets: [fake.token], destination: { write: (l: string) => logLines.push(l) } }),
    limits,
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
    hooks: {
      unreachable: (chatId, description) => {
        hookCalls.unreachable.push([chatId, description]);
        options.hooks?.unreachable?.(chatId, description);
      },
      migrated: (oldId, newId) => {
        hookCalls.migrated.push([oldId, newId]);
        options.hooks?.migrated?.(oldId, newId);
      },
    },
  });
  open.push(async () => {
    await sender.stop();
    closeDatabase(db);
    await fake.close();
  });
  const rows = () => db.select().from(outboxTable).orderBy(outboxTable.id).all();
  let sentinels = 0;
  return {
    fake,
    clock,
    outbox,
    sender,
    db,
    hookCalls,
    logLines,
    rows,
    row: (key) => {
      const r = outbox.get(key);
      if (!r) throw new Error(`no outbox row ${key}`);
      return r;
    },
    settled: () => rows().every((r) => r.status !== 'pending' && r.status !== 'sending'),
    sends: () => fake.callsTo('sendMessage').filter((c) => c.response.ok),
    callsTo: (chatId) => fake.callsTo('sendMessage').filter((c) => Number(c.params.chat_id) === chatId),
    lookedAfter: async (ms) => {
      clock.advance(ms);
      const key = `sentinel:${++sentinels}`;
      outbox.enqueue([item(key, SENTINEL_CHAT, { notBefore: clock.now(), priority: PRIORITY.bulk })]);
      await until(`the Sender sent ${key} and has nothing in flight`, () => {
        const all = rows();
        return all.some((r) => r.dedupeKey === key && r.status === 'sent') && all.every((r) => r.status !== 'sending');
      });
    },
  };
}

function item(key: string, chatId: number, extra: Partial<OutboxItem> = {}): OutboxItem {
  return { dedupeKey: key, chatId, text: key, ...extra };
}

async function until(what: string, probe: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The largest number of calls whose arrival falls inside any window of `spanMs`. */
function maxInWindow(calls: RecordedCall[], spanMs: number): number {
  const times = calls.map((c) => c.at).sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= spanMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

function gaps(calls: RecordedCall[]): number[] {
  return calls.slice(1).map((c, i) => c.at - calls[i]!.at);
}

describe('Sender: exactly once', () => {
  it('delivers every message once, each chat in the order enqueued, and records the message id', async () => {
    const h = await harness();
    const items: OutboxItem[] = [];
    for (let i = 0; i < 100; i++) items.push(item(`solo:${i}`, 10_000 + i));
    for (let n = 0; n < 10; n++) for (let c = 0; c < 5; c++) items.push(item(`multi:${c}:${n}`, 20_000 + c));
    expect(h.outbox.enqueue(items)).toBe(150);
    h.sender.start();
    await until('all 150 are sent', h.settled);

    const sends = h.sends();
    expect(sends).toHaveLength(150);
    expect(h.fake.callsTo('sendMessage')).toHaveLength(150);
    expect(new Set(sends.map((c) => c.params.text)).size).toBe(150);
    for (const r of h.rows()) {
      expect(r.status).toBe('sent');
      expect(r.attempts).toBe(1);
      expect(r.telegramMessageId).toEqual(expect.any(Number));
      expect(r.sentAt).toBeInstanceOf(Date);
    }
    for (let c = 0; c < 5; c++) {
      const texts = h.fake.sentMessages(20_000 + c).map((m) => m.text);
      expect(texts).toEqual(Array.from({ length: 10 }, (_, n) => `multi:${c}:${n}`));
    }
    expect(h.sender.stats).toMatchObject({ sent: 150, retried: 0, tooManyRequests: 0, failed: 0, unreachable: 0 });
    expect(h.fake.sentMessages(20_000)[0]).toMatchObject({ parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
  });

  it('the same dedupe key enqueued twice is sent once', async () => {
    const h = await harness();
    expect(h.outbox.enqueue([item('notice:1:m:7', 777)])).toBe(1);
    expect(h.outbox.enqueue([item('notice:1:m:7', 777, { text: 'a second copy' }), item('notice:1:m:8', 888)])).toBe(1);
    h.sender.start();
    await until('both chats are served', h.settled);
    // Enqueuing again after it was sent is still ignored.
    expect(h.outbox.enqueue([item('notice:1:m:7', 777)])).toBe(0);
    await h.lookedAfter(0);
    expect(h.callsTo(777)).toHaveLength(1);
    expect(h.fake.lastText(777)).toBe('notice:1:m:7');
    expect(h.callsTo(888)).toHaveLength(1);
    expect(h.rows().filter((r) => r.chatId !== SENTINEL_CHAT)).toHaveLength(2);
  });

  it('sends rows left in "sending" by a crash when it starts, and says so in the log', async () => {
    const h = await harness();
    h.outbox.enqueue([item('a', 1), item('b', 2), item('c', 3)]);
    h.db.update(outboxTable).set({ status: 'sending', attempts: 1 }).where(inArray(outboxTable.dedupeKey, ['a', 'b'])).run();
    h.sender.start();
    await until('all are sent', h.settled);
    expect(h.rows().map((r) => [r.dedupeKey, r.status, r.attempts])).toEqual([
      ['a', 'sent', 2],
      ['b', 'sent', 2],
      ['c', 'sent', 1],
    ]);
    for (const chat of [1, 2, 3]) expect(h.callsTo(chat)).toHaveLength(1);
    expect(h.logLines.some((l) => l.includes('"recovered":2'))).toBe(true);
  });

  it('stop() lets requests in flight finish and record their result, and starts no new ones', async () => {
    const h = await harness({ concurrency: 3 });
    h.fake.setLatency(600);
    h.outbox.enqueue(Array.from({ length: 10 }, (_, i) => item(`m${i}`, 100 + i)));
    h.sender.start();
    await until('three requests are in flight', () => h.rows().filter((r) => r.status === 'sending').length === 3);
    expect(h.fake.callsTo('sendMessage')).toHaveLength(0); // the fake records a call when it answers
    const started = Date.now();
    await h.sender.stop();
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    const byStatus = (s: string) => h.rows().filter((r) => r.status === s).length;
    expect(byStatus('sending')).toBe(0);
    expect(byStatus('sent')).toBe(3);
    expect(byStatus('pending')).toBe(7);
    expect(h.sends()).toHaveLength(3);
    expect(h.sender.stats.sent).toBe(3);
    // Stopped, it never looks again: longer than its idle poll (1 s), nothing more is claimed or sent.
    await sleep(1_100);
    expect(byStatus('pending')).toBe(7);
    expect(h.fake.callsTo('sendMessage')).toHaveLength(3);
    // Started again, it finishes the rest.
    h.fake.setLatency(0);
    h.sender.start();
    await until('the rest is sent', h.settled);
    expect(h.sends()).toHaveLength(10);
    expect(new Set(h.sends().map((c) => c.params.chat_id)).size).toBe(10);
  });
});

describe('Sender: Telegram errors', () => {
  it('429 retry_after=1 pauses all sending for a second, then delivers; the 429 is counted', async () => {
    // 5/s (200 ms apart), so the 429 comes back before the next message would leave.
    const h = await harness({ limits: { perSecond: 5, privateIntervalMs: 0, groupIntervalMs: 0 } });
    h.fake.tooManyRequests('sendMessage', 1);
    h.outbox.enqueue(Array.from({ length: 6 }, (_, i) => item(`m${i}`, 500 + i)));
    h.sender.start();
    await until('all are sent', h.settled);

    const calls = h.fake.callsTo('sendMessage');
    expect(calls).toHaveLength(7);
    const refused = calls[0]!;
    expect(refused.response.error_code).toBe(429);
    expect(Number(refused.params.chat_id)).toBe(500);
    // Nothing at all went out during the pause, and the refused message went again after it.
    for (const c of calls.slice(1)) expect(c.at - refused.at).toBeGreaterThanOrEqual(990);
    expect(h.callsTo(500).filter((c) => c.response.ok)).toHaveLength(1);
    for (let i = 0; i < 6; i++) expect(h.fake.sentMessages(500 + i)).toHaveLength(1);
    expect(h.sender.stats.tooManyRequests).toBe(1);
    expect(h.fake.stats().tooMany).toBe(1);
    expect(h.row('m0')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('a 500 and a dropped connection are retried with back-off and delivered once', async () => {
    const h = await harness();
    h.fake.dropConnections('sendMessage', 1);
    h.fake.serverError('sendMessage', { chatId: 601 });
    h.outbox.enqueue([item('dropped', 600), item('err500', 601), item('fine', 602)]);
    h.sender.start();
    await until('all are sent', h.settled, 15_000);

    const outcomes = (chat: number) => h.callsTo(chat).map((c) => (c.outcome === 'dropped' ? 'dropped' : String(c.response.error_code ?? 'ok')));
    expect(outcomes(600)).toEqual(['dropped', 'ok']);
    expect(outcomes(601)).toEqual(['500', 'ok']);
    expect(outcomes(602)).toEqual(['ok']);
    // The retry waits for the back-off (1 s ± 25 %).
    for (const chat of [600, 601]) {
      const [first, second] = h.callsTo(chat);
      expect(second!.at - first!.at).toBeGreaterThanOrEqual(700);
    }
    expect(h.row('dropped')).toMatchObject({ status: 'sent', attempts: 2 });
    expect(h.row('err500')).toMatchObject({ status: 'sent', attempts: 2 });
    expect(h.sender.stats).toMatchObject({ sent: 3, retried: 2, failed: 0 });
    expect(h.sends()).toHaveLength(3);
  });

  it('gives up as failed after maxAttempts', async () => {
    const h = await harness({ maxAttempts: 2 });
    h.fake.serverError('sendMessage', { chatId: 700, times: 10, status: 502 });
    h.outbox.enqueue([item('doomed', 700)]);
    h.sender.start();
    await until('it is settled', h.settled, 10_000);
    await h.lookedAfter(2_600); // past the next back-off: no third attempt
    expect(h.callsTo(700)).toHaveLength(2);
    expect(h.row('doomed')).toMatchObject({ status: 'failed', attempts: 2, lastError: '502: Bad Gateway' });
    expect(h.sender.stats).toMatchObject({ retried: 1, failed: 1 }); // (sent: the sentinel only)
  });

  it('403: the row and everything else pending for that chat become unreachable, the hook hears of it, no retry', async () => {
    const h = await harness();
    h.fake.blockUser(801);
    h.fake.kickFromChat(-802);
    h.outbox.enqueue([
      item('blocked:1', 801),
      item('blocked:2', 801),
      item('later', 801, { notBefore: new Date(Date.now() + 60_000) }),
      item('kicked', -802),
      item('other', 803),
    ]);
    h.sender.start();
    await until('the due rows are settled', () =>
      h.rows().every((r) => r.status !== 'sending' && (r.status !== 'pending' || r.dedupeKey === 'later')),
    );
    await h.lookedAfter(1_500); // past a first back-off: nothing is retried

    expect(h.callsTo(801)).toHaveLength(1);
    expect(h.callsTo(-802)).toHaveLength(1);
    expect(h.row('blocked:1')).toMatchObject({ status: 'unreachable', lastError: '403: Forbidden: bot was blocked by the user' });
    expect(h.row('blocked:2')).toMatchObject({ status: 'unreachable', attempts: 0 });
    expect(h.row('later')).toMatchObject({ status: 'unreachable', attempts: 0 });
    expect(h.row('kicked')).toMatchObject({ status: 'unreachable', lastError: '403: Forbidden: bot was kicked from the group chat' });
    expect(h.row('other').status).toBe('sent');
    expect(h.hookCalls.unreachable).toEqual(
      expect.arrayContaining([
        [801, 'Forbidden: bot was blocked by the user'],
        [-802, 'Forbidden: bot was kicked from the group chat'],
      ]),
    );
    expect(h.hookCalls.unreachable).toHaveLength(2);
    expect(h.sender.stats).toMatchObject({ unreachable: 2, retried: 0 });
  });

  it('400 migrate_to_chat_id: the hook hears of it, rows follow the group, and are delivered to the new id', async () => {
    const h = await harness();
    const oldId = -900;
    const newId = -1_000_000_000_900;
    h.fake.migrateChat(oldId, newId);
    h.outbox.enqueue([item('g1', oldId), item('g2', oldId)]);
    h.sender.start();
    await until('both are sent', h.settled);

    expect(h.hookCalls.migrated).toEqual([[oldId, newId]]);
    expect(h.callsTo(oldId)).toHaveLength(1);
    expect(h.callsTo(oldId)[0]!.response).toMatchObject({ error_code: 400, parameters: { migrate_to_chat_id: newId } });
    expect(h.fake.sentMessages(newId).map((m) => m.text)).toEqual(['g1', 'g2']);
    expect(h.row('g1')).toMatchObject({ status: 'sent', chatId: newId });
    expect(h.row('g2')).toMatchObject({ status: 'sent', chatId: newId, attempts: 1 });
    expect(h.sender.stats).toMatchObject({ sent: 2, failed: 0 });
  });

  it('any other 400 fails the row with Telegram\'s description after exactly one call', async () => {
    const h = await harness();
    h.outbox.enqueue([item('bad', 1_100, { text: '<b>x' }), item('good', 1_101)]);
    h.sender.start();
    await until('both are settled', h.settled);
    await h.lookedAfter(1_500); // past a first back-off: nothing is retried
    expect(h.callsTo(1_100)).toHaveLength(1);
    const row = h.row('bad');
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(1);
    expect(row.lastError).toMatch(/^400: Bad Request: can't parse entities: /);
    expect(row.lastError).toBe(`400: ${h.callsTo(1_100)[0]!.response.description}`);
    expect(h.row('good').status).toBe('sent');
    expect(h.sender.stats).toMatchObject({ failed: 1, retried: 0 });
    expect(h.logLines.some((l) => l.includes('message refused by Telegram'))).toBe(true);
  });

  it('a hook that throws neither stops delivery nor leaves the row stuck in "sending"', async () => {
    const h = await harness({
      hooks: {
        migrated: () => {
          throw new Error('chat registry unavailable');
        },
        unreachable: () => {
          throw new Error('member registry unavailable');
        },
      },
    });
    h.fake.migrateChat(-950, -1_000_000_000_950);
    h.fake.blockUser(951);
    h.outbox.enqueue([item('moved', -950), item('blocked', 951), item('fine', 952)]);
    h.sender.start();
    await until('all are settled', h.settled);
    expect(h.row('moved')).toMatchObject({ status: 'sent', chatId: -1_000_000_000_950 });
    expect(h.row('blocked').status).toBe('unreachable');
    expect(h.row('fine').status).toBe('sent');
    expect(h.logLines.filter((l) => l.includes('delivery hook failed'))).toHaveLength(2);
  });
  it('a message that went out but could not be recorded is not marked failed, and delivery goes on', async () => {
    const h = await harness();
    const markSent = h.outbox.markSent.bind(h.outbox);
    let broken = true;
    h.outbox.markSent = (id, messageId) => {
      if (broken) {
        broken = false;
        throw new Error('SQLITE_BUSY: database is locked');
      }
      markSent(id, messageId);
    };
    h.outbox.enqueue([item('unlucky', 1_200), item('next', 1_201)]);
    h.sender.start();
    await until('the second is sent', () => h.row('next').status === 'sent');
    await until('the failure to record the first is handled', () => h.logLines.some((l) => l.includes('could not record the outcome of a message')));
    // Like a message in flight at a crash: 'sending' until the next start, never 'failed'.
    expect(h.row('unlucky')).toMatchObject({ status: 'sending', lastError: null });
    expect(h.sender.stats.failed).toBe(0);
    expect(h.logLines.some((l) => l.includes('could not record the outcome of a message'))).toBe(true);
    expect(h.callsTo(1_200)).toHaveLength(1);
  });
});

describe('Sender: order and pace', () => {
  it('an urgent message overtakes a broadcast in progress at 29/s', async () => {
    const h = await harness({ limits: TELEGRAM_LIMITS });
    h.outbox.enqueue(Array.from({ length: 300 }, (_, i) => item(`bulk:${i}`, 30_000 + i, { priority: PRIORITY.bulk })));
    h.sender.start();
    await h.fake.waitForCount('sendMessage', 20, { timeoutMs: 10_000 }); // the broadcast is under way
    const bulkAtEnqueue = h.sends().length;
    h.outbox.enqueue([item('urgent', 42, { priority: PRIORITY.urgent })]);
    const urgent = await h.fake.waitFor('sendMessage', (p) => Number(p.chat_id) === 42, { timeoutMs: 10_000 });
    expect(urgent.response.ok).toBe(true);
    // It went ahead of the rest of the broadcast: next, not after the ~280 bulk messages still waiting
    // (a few already on their way when it was enqueued may land first).
    const bulkBefore = h.sends().filter((c) => c.at <= urgent.at && Number(c.params.chat_id) !== 42);
    expect(bulkBefore.length).toBeGreaterThanOrEqual(20);
    expect(bulkBefore.length - bulkAtEnqueue).toBeLessThanOrEqual(5);
    // Bulk messages went in enqueue order.
    const bulkChats = bulkBefore.map((c) => Number(c.params.chat_id));
    expect(bulkChats).toEqual([...bulkChats].sort((a, b) => a - b));
  });

  it('a chat with a long backlog does not hold up the other chats', async () => {
    const h = await harness({ limits: { perSecond: 500, privateIntervalMs: 1050, groupIntervalMs: 3050 } });
    h.outbox.enqueue(Array.from({ length: 250 }, (_, i) => item(`backlog:${i}`, 77, { priority: PRIORITY.reminder })));
    h.outbox.enqueue([item('x', 78), item('y', 79), item('z', -80)]);
    h.sender.start();
    await until('the other chats are served', () => ['x', 'y', 'z'].every((k) => h.row(k).status === 'sent'));
    // Served at once, not after the backlog: at most the backlog's first message and those its
    // 1-a-second pace allowed meanwhile (the machine may be slow) went before the last of them.
    const lastOther = Math.max(...[78, 79, -80].map((chat) => h.callsTo(chat)[0]!.at));
    const backlog = h.callsTo(77).filter((c) => c.at <= lastOther);
    expect(backlog.length).toBeLessThanOrEqual(1 + Math.floor((lastOther - (backlog[0]?.at ?? lastOther)) / 1_000));
    expect(backlog.length).toBeLessThan(250);
  });

  it('against Telegram\'s limits: 90 chats at the default pace get no 429 and take over 3 s', async () => {
    const h = await harness({ limits: TELEGRAM_LIMITS }); // and the fake with Telegram's limits
    h.outbox.enqueue(Array.from({ length: 90 }, (_, i) => item(`n${i}`, 40_000 + i)));
    h.sender.start();
    await until('all are sent', h.settled, 15_000);
    const calls = h.fake.callsTo('sendMessage');
    expect(calls).toHaveLength(90);
    expect(h.fake.stats().tooMany).toBe(0);
    expect(h.sender.stats.tooManyRequests).toBe(0);
    expect(calls.at(-1)!.at - calls[0]!.at).toBeGreaterThanOrEqual(3_000);
    expect(maxInWindow(calls, 1_000)).toBeLessThanOrEqual(30);
    expect(new Set(calls.map((c) => c.params.chat_id)).size).toBe(90);
  });

  it('against Telegram\'s limits: one private chat gets 1 a second, one group 1 every 3 s', async () => {
    const h = await harness({ limits: TELEGRAM_LIMITS }); // and the fake with Telegram's limits
    const group = -1_000_000_000_123;
    h.outbox.enqueue([1, 2, 3].flatMap((n) => [item(`p${n}`, 4_242), item(`g${n}`, group)]));
    h.sender.start();
    await until('all are sent', h.settled, 15_000);
    const toPrivate = h.callsTo(4_242);
    const toGroup = h.callsTo(group);
    expect(toPrivate).toHaveLength(3);
    expect(toGroup).toHaveLength(3);
    for (const gap of gaps(toPrivate)) expect(gap).toBeGreaterThanOrEqual(1_000);
    for (const gap of gaps(toGroup)) expect(gap).toBeGreaterThanOrEqual(3_000);
    expect(h.fake.stats().tooMany).toBe(0);
    expect(h.fake.sentMessages(group).map((m) => m.text)).toEqual(['g1', 'g2', 'g3']);
  });
});

describe('Sender: two senders on one database file', () => {
  it('each message is claimed by one of them: every chat gets it once', async () => {
    const fake = await FakeTelegram.start({ rateLimits: false }); // both senders at a FAST pace: this is about claims
    fake.knowChats(...Array.from({ length: 400 }, (_, i) => 50_000 + i));
    const { db, path } = testDb();
    const other = openDatabase(path);
    const logger = createLogger({ level: 'silent', secrets: [fake.token] });
    const noHooks = { unreachable: () => undefined, migrated: () => undefined };
    const senders = [db, other].map(
      (connection) =>
        new Sender({
          outbox: new Outbox(connection, systemClock),
          api: new Api(fake.token, { apiRoot: fake.apiRoot }),
          clock: systemClock,
          logger,
          limits: FAST,
          hooks: noHooks,
        }),
    );
    open.push(async () => {
      for (const sender of senders) await sender.stop();
      closeDatabase(other);
      closeDatabase(db);
      await fake.close();
    });
    for (const sender of senders) sender.start();
    const outbox = new Outbox(db, systemClock);
    outbox.enqueue(Array.from({ length: 400 }, (_, i) => item(`m${i}`, 50_000 + i)));
    for (const sender of senders) sender.wake();
    const rows = () => db.select().from(outboxTable).all();
    await until('all are sent', () => rows().every((r) => r.status === 'sent'), 20_000);
    const perChat = new Map<number, number>();
    for (const c of fake.callsTo('sendMessage')) perChat.set(Number(c.params.chat_id), (perChat.get(Number(c.params.chat_id)) ?? 0) + 1);
    expect(perChat.size).toBe(400);
    expect([...perChat.values()].every((n) => n === 1)).toBe(true);
    expect(rows().every((r) => r.attempts === 1)).toBe(true);
    // Both took part.
    expect(senders.map((s) => s.stats.sent).every((n) => n > 0)).toBe(true);
    expect(senders[0]!.stats.sent + senders[1]!.stats.sent).toBe(400);
  });

  it('Outbox.claim: of two connections that read the same pending row, only one gets it', () => {
    const { db, path } = testDb();
    const other = openDatabase(path);
    try {
      const a = new Outbox(db, systemClock);
      const b = new Outbox(other, systemClock);
      a.enqueue([item('only-once', 1)]);
      const [seenByA] = a.due(new Date(Date.now() + 1_000), 10);
      const [seenByB] = b.due(new Date(Date.now() + 1_000), 10);
      expect(seenByA!.id).toBe(seenByB!.id);
      expect(b.claim(seenByB!.id)).toMatchObject({ status: 'sending', attempts: 1 });
      expect(a.claim(seenByA!.id)).toBeNull();
      expect(a.get('only-once')).toMatchObject({ status: 'sending', attempts: 1 });
    } finally {
      closeDatabase(other);
      closeDatabase(db);
    }
  });
});

describe('Sender: lost answers', () => {
  it('an answer lost after Telegram stored the message makes the Sender send it again: one duplicate per lost answer', async () => {
    const h = await harness();
    h.fake.loseAnswers('sendMessage', 5);
    h.outbox.enqueue(Array.from({ length: 50 }, (_, i) => item(`l${i}`, 60_000 + i)));
    h.sender.start();
    await until('all are sent', h.settled, 20_000);
    const copies = Array.from({ length: 50 }, (_, i) => h.fake.sentMessages(60_000 + i).length);
    expect(copies.filter((n) => n === 0)).toHaveLength(0);
    expect(copies.filter((n) => n === 2)).toHaveLength(5);
    expect(copies.filter((n) => n > 2)).toHaveLength(0);
    expect(h.sender.stats).toMatchObject({ sent: 50, retried: 5 });
  });
});

describe('Outbox bookkeeping the Sender relies on', () => {
  it('cancelled rows are never sent; counts and isSettled follow the rows', async () => {
    const h = await harness();
    h.outbox.enqueue([
      item('n:1', 1, { source: 'notice', sourceId: 5 }),
      item('n:2', 2, { source: 'notice', sourceId: 5, notBefore: new Date(Date.now() + 60_000) }),
    ]);
    expect(h.outbox.isSettled('notice', 5)).toBe(false);
    expect(h.outbox.cancelPending('notice', 5)).toBe(2);
    expect(h.outbox.isSettled('notice', 5)).toBe(true);
    h.sender.start();
    await h.lookedAfter(60_000); // both would be due by now
    expect(h.callsTo(1)).toEqual([]);
    expect(h.callsTo(2)).toEqual([]);
    expect(h.outbox.counts('notice', 5)).toMatchObject({ cancelled: 2, total: 2 });
    expect(h.db.select().from(outboxTable).where(eq(outboxTable.status, 'cancelled')).all()).toHaveLength(2);
  });
});
