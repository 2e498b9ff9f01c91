/**
 * Telegram's flood limits (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this):
 * about 30 messages per second overall, 20 messages per minute to one group, and in one private
 * chat "avoid sending more than one message per second. We may allow short bursts that go over this
 * limit, but eventually you'll begin receiving 429 errors".
 *
 * Models: the overall and group limits as sliding windows (1 s and 60 s); a private chat as a token
 * bucket that holds `privateBurst` messages (default 5, our assumption: Telegram publishes no figure)
 * and refills at `perChatPerSecond` (default 1), so a short answer of a few messages goes through at
 * once while a sustained flood to one member is refused. A refused send gets `retry_after` = whole
 * seconds until it would be allowed (at least 1).
 *
 * Does not model: Telegram's real, undocumented buckets, paid broadcasts, separate limits for
 * edits and callback answers, the lower limits for long messages, or the longer retry_after Telegram
 * hands out to bots that keep ignoring 429s.
 */
import { chatKindOf } from './protocol.js';

export interface RateLimitOptions {
  /** All sends, all chats, per 1 s sliding window. Default 30. */
  perSecond?: number;
  /** Sustained sends to one private chat per second (the bucket's refill). Default 1. */
  perChatPerSecond?: number;
  /** Sends to one private chat that may go at once after a quiet spell (the bucket's size). Default 5. */
  privateBurst?: number;
  /** Sends to one group/supergroup per 60 s sliding window. Default 20. */
  perGroupPerMinute?: number;
  /**
   * false lifts a private chat's own limit (the overall and group limits stay): for tests that
   * script members' conversations at machine speed. Default true.
   */
  privateChatLimit?: boolean;
}

interface Window {
  limit: number;
  spanMs: number;
  stamps: number[];
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly perChatPerSecond: number;
  private readonly privateBurst: number;
  private readonly perGroupPerMinute: number;
  private readonly privateChatLimit: boolean;
  private readonly global: Window;
  private readonly groups = new Map<string, Window>();
  private readonly privates = new Map<string, Bucket>();

  constructor(options: RateLimitOptions = {}) {
    this.perChatPerSecond = options.perChatPerSecond ?? 1;
    this.privateBurst = options.privateBurst ?? 5;
    this.perGroupPerMinute = options.perGroupPerMinute ?? 20;
    this.privateChatLimit = options.privateChatLimit ?? true;
    this.global = { limit: options.perSecond ?? 30, spanMs: 1000, stamps: [] };
  }

  /** Seconds the caller must wait before this send is allowed, or undefined if allowed now. */
  check(chatId: number | string | undefined, now = Date.now()): number | undefined {
    const waits = [windowWait(this.global, now)];
    if (chatId !== undefined && chatKindOf(chatId) !== 'private') waits.push(windowWait(this.groupWindow(chatId), now));
    else if (chatId !== undefined && this.privateChatLimit) waits.push(this.bucketWait(this.bucket(chatId, now)));
    const wait = Math.max(...waits);
    return wait <= 0 ? undefined : Math.max(1, Math.ceil(wait / 1000));
  }

  /** Counts an accepted send. */
  record(chatId: number | string | undefined, now = Date.now()): void {
    this.global.stamps.push(now);
    if (chatId === undefined) return;
    if (chatKindOf(chatId) !== 'private') this.groupWindow(chatId).stamps.push(now);
    else if (this.privateChatLimit) this.bucket(chatId, now).tokens -= 1;
  }

  /** The chat's bucket, refilled up to now. */
  private bucket(chatId: number | string, now: number): Bucket {
    const key = String(chatId);
    const b = this.privates.get(key) ?? { tokens: this.privateBurst, at: now };
    b.tokens = Math.min(this.privateBurst, b.tokens + ((now - b.at) / 1000) * this.perChatPerSecond);
    b.at = now;
    this.privates.set(key, b);
    return b;
  }

  /** Milliseconds until the bucket holds a whole message (0 when it does now). */
  private bucketWait(b: Bucket): number {
    return b.tokens >= 1 ? 0 : ((1 - b.tokens) / this.perChatPerSecond) * 1000;
  }

  private groupWindow(chatId: number | string): Window {
    const key = String(chatId);
    let w = this.groups.get(key);
    if (!w) {
      w = { limit: this.perGroupPerMinute, spanMs: 60_000, stamps: [] };
      this.groups.set(key, w);
    }
    return w;
  }
}

/** Milliseconds until the window has room (0 when it has room now). */
function windowWait(w: Window, now: number): number {
  while (w.stamps.length > 0 && (w.stamps[0] ?? 0) <= now - w.spanMs) w.stamps.shift();
  if (w.stamps.length < w.limit) return 0;
  // The window frees up when the stamp that makes it full slides out.
  const blocking = w.stamps[w.stamps.length - w.limit] ?? now;
  return blocking + w.spanMs - now;
}
