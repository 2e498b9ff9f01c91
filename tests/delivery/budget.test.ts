/**
 * The shared sending budget on an explicit clock: the rate that follows Telegram's 429s (down on a
 * 429, back up after quiet spells), a chat's own 429 against the overall one, and direct replies
 * going ahead of the outbox's pushes.
 */
import { describe, expect, it } from 'vitest';
import { BudgetWaitError, SendBudget } from '../../src/delivery/budget.js';
import { DEFAULT_ADAPTATION, Pacer, TELEGRAM_LIMITS } from '../../src/delivery/pacing.js';

const PRIVATE = 42;

/** A budget on a clock the test moves by hand. */
function budgetAt(start = 0) {
  let now = start;
  const budget = new SendBudget({ limits: TELEGRAM_LIMITS, now: () => now });
  return { budget, advance: (ms: number) => (now += ms), at: () => now };
}

describe('Pacer: the rate follows the 429s', () => {
  it('an overall 429 pauses everything for retry_after and lowers the rate by the decrease factor', () => {
    const pacer = new Pacer(TELEGRAM_LIMITS);
    expect(pacer.rate).toBe(29);
    pacer.record(1, 0);
    expect(pacer.tooManyRequests(2, 1_000, 100)).toBe('overall');
    expect(pacer.rate).toBeCloseTo(29 * DEFAULT_ADAPTATION.decrease, 6);
    expect(pacer.globalWait(100)).toBe(1_000);
    expect(pacer.globalWait(1_099)).toBe(1);
    expect(pacer.globalWait(1_100)).toBe(0);
    // Other chats are held too: it is the overall limit.
    expect(pacer.chatWait(3, 500)).toBe(0);
    expect(pacer.globalWait(500)).toBe(600);
  });

  it('the 429s of one episode (messages already on their way) lower the rate once', () => {
    const pacer = new Pacer(TELEGRAM_LIMITS);
    const factor = DEFAULT_ADAPTATION.decrease;
    pacer.tooManyRequests(1, 1_000, 0);
    pacer.tooManyRequests(2, 1_000, 40);
    pacer.tooManyRequests(3, 1_000, 90);
    expect(pacer.rate).toBeCloseTo(29 * factor, 6);
    // A new episode later lowers it again.
    pacer.tooManyRequests(4, 1_000, 1_500);
    expect(pacer.rate).toBeCloseTo(29 * factor * factor, 6);
  });

  it('never goes below its floor', () => {
    const pacer = new Pacer(TELEGRAM_LIMITS);
    for (let i = 0; i < 200; i++) pacer.tooManyRequests(i, 1_000, i * 1_000);
    expect(pacer.rate).toBeCloseTo(29 * DEFAULT_ADAPTATION.floor, 6);
  });

  it('creeps back up after quiet spells: quickly to 98 % of the rate that earned the 429, slowly beyond, never above perSecond', () => {
    const pacer = new Pacer({ ...TELEGRAM_LIMITS, perSecond: 20 }, { decrease: 0.5, quietMs: 1_000, recoverStep: 2, probeStep: 0.1 });
    pacer.tooManyRequests(1, 1_000, 0);
    expect(pacer.rate).toBe(10);
    pacer.globalWait(999);
    expect(pacer.rate).toBe(10); // not quiet long enough
    pacer.globalWait(1_000);
    expect(pacer.rate).toBe(12);
    // Recovery steps while below 98 % of 20 (19.6): 12, 14, 16, 18, then 20 (capped at perSecond).
    pacer.globalWait(4_000);
    expect(pacer.rate).toBe(18);
    pacer.globalWait(5_000);
    expect(pacer.rate).toBe(20);
    pacer.globalWait(60_000);
    expect(pacer.rate).toBe(20);
  });

  it('beyond 98 % of the rate that earned the last 429, it probes in small steps', () => {
    const pacer = new Pacer({ ...TELEGRAM_LIMITS, perSecond: 30 }, { decrease: 0.9, quietMs: 1_000, recoverStep: 1, probeStep: 0.1 });
    // Congestion at 30 → 27, then recovery steps of 1 each second.
    pacer.tooManyRequests(1, 1_000, 0);
    pacer.globalWait(2_000);
    expect(pacer.rate).toBeCloseTo(29, 6);
    // A second 429 at 29 → 26.1; recovery steps while below 98 % of 29 (28.42): 27.1, 28.1, 29.1.
    pacer.tooManyRequests(1, 1_000, 2_500);
    expect(pacer.rate).toBeCloseTo(26.1, 6);
    pacer.globalWait(4_500);
    expect(pacer.rate).toBeCloseTo(28.1, 6); // two quiet seconds: two steps
    pacer.globalWait(5_500);
    expect(pacer.rate).toBeCloseTo(29.1, 6);
    // Now above 28.42: probing steps of 0.1.
    pacer.globalWait(6_500);
    expect(pacer.rate).toBeCloseTo(29.2, 6);
    pacer.globalWait(8_500);
    expect(pacer.rate).toBeCloseTo(29.4, 6);
  });

  it('a 429 right after a burst to one private chat is that chat\'s: only it waits, the rate stays', () => {
    const pacer = new Pacer(TELEGRAM_LIMITS);
    pacer.record(PRIVATE, 0);
    pacer.record(PRIVATE, 40); // a reply in two parts
    expect(pacer.tooManyRequests(PRIVATE, 1_000, 120)).toBe('chat');
    expect(pacer.rate).toBe(29);
    expect(pacer.globalWait(120)).toBe(0);
    expect(pacer.chatPauseWait(PRIVATE, 120)).toBe(1_000);
    expect(pacer.chatWait(PRIVATE, 120)).toBe(1_000);
    expect(pacer.chatPauseWait(PRIVATE + 1, 120)).toBe(0);
    expect(pacer.chatPauseWait(PRIVATE, 1_120)).toBe(0);
  });

  it('a 429 for a group that just had its twenty messages of the minute is that group\'s', () => {
    const pacer = new Pacer(TELEGRAM_LIMITS);
    const group = -100;
    for (let i = 0; i < 19; i++) pacer.record(group, i * 3_050);
    expect(pacer.tooManyRequests(group, 5_000, 19 * 3_050)).toBe('overall');
    pacer.record(group, 20 * 3_050);
    expect(pacer.tooManyRequests(group, 5_000, 20 * 3_050 + 10)).toBe('chat');
  });
});

describe('SendBudget: direct replies first', () => {
  it('a reply takes a free slot at once; the next one waits for the spacing', async () => {
    const { budget, advance } = budgetAt();
    await budget.acquire(PRIVATE);
    expect(budget.stats).toMatchObject({ replies: 1, repliesQueued: 0 });
    let second = false;
    const granted = budget.acquire(PRIVATE + 1).then(() => (second = true));
    await new Promise((r) => setTimeout(r, 5)); // a slot granted at once would be by now
    expect(second).toBe(false);
    advance(35);
    await granted; // the budget's own timer lets it go (the test times out otherwise)
    expect(budget.stats).toMatchObject({ replies: 2, repliesQueued: 1 });
  });

  it('while a reply waits for its slot, the Sender gets none', async () => {
    const { budget, advance, at } = budgetAt();
    budget.take(1, at());
    const reply = budget.acquire(PRIVATE);
    advance(35);
    // The slot is free, but it is the reply's.
    expect(budget.pushWait(at())).toBeGreaterThan(0);
    await reply;
    advance(35);
    expect(budget.pushWait(at())).toBe(0);
  });

  it('a reply to a chat that Telegram paused waits for it, without holding replies to other chats', async () => {
    const { budget, advance } = budgetAt();
    await budget.acquire(PRIVATE);
    advance(40);
    await budget.acquire(PRIVATE);
    budget.tooManyRequests(PRIVATE, 3);
    expect(budget.pacer.rate).toBe(29); // the chat's 429, not the overall one
    const order: number[] = [];
    const paused = budget.acquire(PRIVATE).then(() => order.push(PRIVATE));
    advance(40);
    await budget.acquire(7).then(() => order.push(7));
    expect(order).toEqual([7]);
    advance(3_000);
    await paused;
    expect(order).toEqual([7, PRIVATE]);
  });

  it('a reply that cannot get a slot by its deadline is refused, and so is every reply after close()', async () => {
    const { budget, at } = budgetAt();
    budget.tooManyRequests(undefined, 60);
    await expect(budget.acquire(PRIVATE, { deadline: at() + 20 })).rejects.toEqual(new BudgetWaitError('deadline'));
    const waiting = budget.acquire(PRIVATE + 1);
    budget.close();
    await expect(waiting).rejects.toMatchObject({ reason: 'closed' });
    await expect(budget.acquire(PRIVATE + 2)).rejects.toMatchObject({ reason: 'closed' });
  });

  it('an aborted request stops waiting', async () => {
    const { budget } = budgetAt();
    budget.tooManyRequests(undefined, 60);
    const controller = new AbortController();
    const waiting = budget.acquire(PRIVATE, { signal: controller.signal });
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ reason: 'aborted' });
  });
});
