/**
 * The Pacer with explicit times (milliseconds on an abstract clock): even spacing, the 1-second
 * window, one message a second per private chat, twenty a minute per group, and 429 pauses.
 */
import { describe, expect, it } from 'vitest';
import { CATCH_UP_MS, Pacer, TELEGRAM_LIMITS, type PacingLimits } from '../../src/delivery/pacing.js';

const TEN_PER_SECOND: PacingLimits = { perSecond: 10, privateIntervalMs: 1000, groupIntervalMs: 3000 };
const PRIVATE = 42;
const GROUP = -4242;
const SUPERGROUP = -1001234567890;

/**
 * Drives a Pacer the way the Sender does: at each step, send the first queued message whose chat
 * may get one now, as soon as the global pace allows. Time moves in whole milliseconds, as
 * Date.now() does. Returns the send times per chat.
 */
function simulate(limits: PacingLimits, queue: number[], horizonMs: number): { at: number; chatId: number }[] {
  const pacer = new Pacer(limits);
  const sent: { at: number; chatId: number }[] = [];
  const pending = [...queue];
  let now = 0;
  while (pending.length > 0 && now <= horizonMs) {
    const global = pacer.globalWait(now);
    if (global > 0) {
      now += Math.ceil(global);
      continue;
    }
    const index = pending.findIndex((chatId) => pacer.chatWait(chatId, now) === 0);
    if (index < 0) {
      now += Math.ceil(Math.min(...pending.map((chatId) => pacer.chatWait(chatId, now))));
      continue;
    }
    const chatId = pending.splice(index, 1)[0]!;
    pacer.record(chatId, now);
    sent.push({ at: now, chatId });
  }
  return sent;
}

/** The largest number of sends inside any window of `spanMs` (a send at t counts in [t, t + span)). */
function maxInWindow(times: number[], spanMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= spanMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

describe('Pacer: global pace', () => {
  it('spaces messages evenly: one every 1000/perSecond ms', () => {
    const pacer = new Pacer(TEN_PER_SECOND);
    expect(pacer.spacingMs).toBe(100);
    expect(pacer.globalWait(5_000)).toBe(0);
    pacer.record(1, 5_000);
    expect(pacer.globalWait(5_000)).toBe(100);
    expect(pacer.globalWait(5_040)).toBe(60);
    expect(pacer.globalWait(5_099)).toBe(1);
    expect(pacer.globalWait(5_100)).toBe(0);
    expect(pacer.globalWait(9_000)).toBe(0);
  });

  it('the spacing does not depend on the chat: two different chats still wait for each other', () => {
    const pacer = new Pacer(TEN_PER_SECOND);
    pacer.record(1, 0);
    expect(pacer.chatWait(2, 10)).toBe(0);
    expect(pacer.globalWait(10)).toBe(90);
  });

  it('the default limits give 29 a second, 34.5 ms apart', () => {
    const pacer = new Pacer(TELEGRAM_LIMITS);
    expect(pacer.spacingMs).toBeCloseTo(1000 / 29, 6);
    const sent = simulate(TELEGRAM_LIMITS, Array.from({ length: 300 }, (_, i) => i + 1), 60_000);
    expect(sent).toHaveLength(300);
    expect(maxInWindow(sent.map((s) => s.at), 1000)).toBeLessThanOrEqual(29);
    // 300 messages at 29/s: the last leaves after 299 gaps of 1000/29 ms (35 ms in whole ms).
    expect(sent.at(-1)!.at).toBeGreaterThanOrEqual((299 * 1000) / 29);
    expect(sent.at(-1)!.at).toBeLessThanOrEqual(299 * 35);
  });

  it('never lets more than perSecond through in a 1-second window, even when sends bunch up', () => {
    const pacer = new Pacer({ perSecond: 5, privateIntervalMs: 0, groupIntervalMs: 0 });
    // A caller that ignored the spacing (or the clock jumped): five sends within 4 ms.
    for (let t = 0; t < 5; t++) pacer.record(100 + t, t);
    // Spacing alone would allow a send at 204; the window holds it until the first send is 1 s old.
    expect(pacer.globalWait(204)).toBe(796);
    expect(pacer.globalWait(999)).toBe(1);
    expect(pacer.globalWait(1_000)).toBe(0);
    pacer.record(200, 1_000);
    // The window still holds the sends made at 1..4 ms, plus this one: full again until 1 001.
    expect(pacer.globalWait(1_000)).toBe(200);
    expect(pacer.globalWait(1_000.5)).toBe(199.5);
  });

  it('the window forgets sends older than one second', () => {
    const pacer = new Pacer({ perSecond: 3, privateIntervalMs: 0, groupIntervalMs: 0 });
    pacer.record(1, 0);
    pacer.record(2, 0);
    pacer.record(3, 0);
    expect(pacer.globalWait(500)).toBe(500);
    expect(pacer.globalWait(1_000)).toBe(0);
    expect(pacer.globalWait(50_000)).toBe(0);
  });
});

describe('Pacer: a high rate with late timers', () => {
  /** Like simulate(), but every wait lasts at least `lateMs`: timers on a busy event loop. */
  function sendAll(perSecond: number, count: number, lateMs: number): number[] {
    const pacer = new Pacer({ perSecond, privateIntervalMs: 0, groupIntervalMs: 0 });
    const sent: number[] = [];
    let now = 0;
    while (sent.length < count) {
      const wait = pacer.globalWait(now);
      if (wait > 0) {
        now += Math.max(lateMs, Math.ceil(wait));
        continue;
      }
      pacer.record(sent.length + 1, now);
      sent.push(now);
    }
    return sent;
  }

  it('at 1000 a second, timers 5 ms late still let about 1000 a second through, never more than 1000 in a second', () => {
    const sent = sendAll(1000, 5_000, 5);
    // One departure per timer would take 25 s (5 ms each); the held-up ones catch up together.
    expect(sent.at(-1)!).toBeLessThan(5_500);
    expect(maxInWindow(sent, 1000)).toBeLessThanOrEqual(1000);
  });

  it('the catch-up is bounded: after a long idle spell, at most 1 + CATCH_UP_MS / spacing go at once', () => {
    const pacer = new Pacer({ perSecond: 1000, privateIntervalMs: 0, groupIntervalMs: 0 });
    pacer.record(1, 0);
    let burst = 0;
    while (pacer.globalWait(60_000) === 0) pacer.record(2 + burst++, 60_000);
    expect(burst).toBe(1 + CATCH_UP_MS);
  });

  it('at Telegram\'s 29 a second the catch-up allows no burst: late timers cost pace, never spacing', () => {
    const sent = sendAll(29, 100, 40);
    const gaps = sent.slice(1).map((t, i) => t - sent[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000 / 29 - 1);
    expect(maxInWindow(sent, 1000)).toBeLessThanOrEqual(29);
  });
});

describe('Pacer: per chat', () => {
  it('a private chat gets at most one message per privateIntervalMs; other chats are not held', () => {
    const pacer = new Pacer(TELEGRAM_LIMITS);
    expect(pacer.chatWait(PRIVATE, 0)).toBe(0);
    pacer.record(PRIVATE, 10_000);
    expect(pacer.chatWait(PRIVATE, 10_000)).toBe(1050);
    expect(pacer.chatWait(PRIVATE, 10_500)).toBe(550);
    expect(pacer.chatWait(PRIVATE, 11_049)).toBe(1);
    expect(pacer.chatWait(PRIVATE, 11_050)).toBe(0);
    expect(pacer.chatWait(PRIVATE + 1, 10_000)).toBe(0);
    expect(pacer.chatWait(GROUP, 10_000)).toBe(0);
  });

  it('groups and supergroups (negative ids) use the group interval', () => {
    const pacer = new Pacer(TELEGRAM_LIMITS);
    pacer.record(GROUP, 0);
    pacer.record(SUPERGROUP, 0);
    expect(pacer.chatWait(GROUP, 1_000)).toBe(2_050);
    expect(pacer.chatWait(SUPERGROUP, 1_000)).toBe(2_050);
    expect(pacer.chatWait(GROUP, 3_050)).toBe(0);
    expect(pacer.chatWait(SUPERGROUP, 3_050)).toBe(0);
  });

  it('a chat waits from its own last message, not from the last message overall', () => {
    const pacer = new Pacer(TELEGRAM_LIMITS);
    pacer.record(PRIVATE, 0);
    pacer.record(7, 500);
    expect(pacer.chatWait(PRIVATE, 600)).toBe(450);
    expect(pacer.chatWait(7, 600)).toBe(950);
  });

  it('with the default limits a private chat never gets 2 in a second and a group never 21 in a minute', () => {
    // One group, one private chat and a crowd of other chats, all queued at once.
    const queue: number[] = [];
    for (let i = 0; i < 60; i++) queue.push(GROUP, PRIVATE, 1_000 + i, 2_000 + i);
    const sent = simulate(TELEGRAM_LIMITS, queue, 10 * 60_000);
    expect(sent).toHaveLength(queue.length);
    const times = (chatId: number) => sent.filter((s) => s.chatId === chatId).map((s) => s.at);
    expect(times(GROUP)).toHaveLength(60);
    expect(maxInWindow(times(GROUP), 60_000)).toBeLessThanOrEqual(20);
    expect(maxInWindow(times(PRIVATE), 1_000)).toBe(1);
    const gaps = (ts: number[]) => ts.slice(1).map((t, i) => t - ts[i]!);
    expect(Math.min(...gaps(times(PRIVATE)))).toBeGreaterThanOrEqual(1050);
    expect(Math.min(...gaps(times(GROUP)))).toBeGreaterThanOrEqual(3050);
    expect(maxInWindow(sent.map((s) => s.at), 1000)).toBeLessThanOrEqual(29);
    // The group's 60 messages take about 3 minutes (60 × 3.05 s), the others are not held back by it.
    expect(times(GROUP).at(-1)!).toBeGreaterThanOrEqual(59 * 3050);
    expect(Math.max(...times(1_059), ...times(2_059))).toBeLessThan(10_000);
  });

  it('forgetting old chats (past 20 000) keeps the ones still inside their interval', () => {
    const pacer = new Pacer({ perSecond: 1000, privateIntervalMs: 1050, groupIntervalMs: 3050 });
    for (let i = 1; i <= 20_000; i++) pacer.record(i, 0);
    pacer.record(GROUP, 9_000);
    pacer.record(PRIVATE, 9_500);
    pacer.record(20_001, 10_000); // size > 20 000: prune
    expect(pacer.chatWait(GROUP, 10_000)).toBe(2_050);
    expect(pacer.chatWait(PRIVATE, 10_000)).toBe(550);
    expect(pacer.chatWait(20_001, 10_000)).toBe(1050);
    expect(pacer.chatWait(1, 10_000)).toBe(0);
  });
});

describe('Pacer: pauseUntil (429)', () => {
  it('holds every send until the given instant', () => {
    const pacer = new Pacer(TEN_PER_SECOND);
    pacer.pauseUntil(5_000);
    expect(pacer.globalWait(1_000)).toBe(4_000);
    expect(pacer.globalWait(4_999)).toBe(1);
    expect(pacer.globalWait(5_000)).toBe(0);
  });

  it('a shorter pause does not cut a longer one short', () => {
    const pacer = new Pacer(TEN_PER_SECOND);
    pacer.pauseUntil(5_000);
    pacer.pauseUntil(2_000);
    expect(pacer.globalWait(3_000)).toBe(2_000);
    pacer.pauseUntil(8_000);
    expect(pacer.globalWait(3_000)).toBe(5_000);
  });

  it('the pause adds to nothing: after it, the usual spacing applies from the last send', () => {
    const pacer = new Pacer(TEN_PER_SECOND);
    pacer.record(1, 0);
    pacer.pauseUntil(50);
    expect(pacer.globalWait(10)).toBe(90); // spacing is the longer wait
    pacer.pauseUntil(1_000);
    expect(pacer.globalWait(10)).toBe(990);
    expect(pacer.globalWait(1_000)).toBe(0);
  });

  it('does not touch the per-chat waits', () => {
    const pacer = new Pacer(TELEGRAM_LIMITS);
    pacer.record(PRIVATE, 0);
    pacer.pauseUntil(10_000);
    expect(pacer.chatWait(PRIVATE, 2_000)).toBe(0);
    expect(pacer.chatWait(PRIVATE + 1, 2_000)).toBe(0);
  });
});
