/**
 * Sliding-window model of Telegram's broadcast limits
 * (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this):
 * about 30 messages per second overall, 1 message per second to one private chat and
 * 20 messages per minute to one group. A refused send gets `retry_after` = whole seconds until
 * the oldest message leaves the full window (at least 1).
 *
 * Does not model: Telegram's real, undocumented token buckets, paid broadcasts, separate limits
 * for edits/callback answers, or the longer retry_after Telegram hands out to bots that keep
 * ignoring 429s.
 */
import { chatKindOf } from './protocol.js';

export interface RateLimitOptions {
  /** All sends, all chats, per 1 s sliding window. Default 30. */
  perSecond?: number;
  /** Sends to one private chat per 1 s sliding window. Default 1. */
  perChatPerSecond?: number;
  /** Sends to one group/supergroup per 60 s sliding window. Default 20. */
  perGroupPerMinute?: number;
}

interface Window {
  limit: number;
  spanMs: number;
  stamps: number[];
}

export class RateLimiter {
  private readonly perSecond: number;
  private readonly perChatPerSecond: number;
  private readonly perGroupPerMinute: number;
  private readonly global: Window;
  private readonly perChat = new Map<string, Window>();

  constructor(options: RateLimitOptions = {}) {
    this.perSecond = options.perSecond ?? 30;
    this.perChatPerSecond = options.perChatPerSecond ?? 1;
    this.perGroupPerMinute = options.perGroupPerMinute ?? 20;
    this.global = { limit: this.perSecond, spanMs: 1000, stamps: [] };
  }

  /** Seconds the caller must wait before this send is allowed, or undefined if allowed now. */
  check(chatId: number | string | undefined, now = Date.now()): number | undefined {
    const windows = [this.global];
    if (chatId !== undefined) windows.push(this.chatWindow(chatId));
    let wait: number | undefined;
    for (const w of windows) {
      const ms = waitMs(w, now);
      if (ms !== undefined) wait = Math.max(wait ?? 0, ms);
    }
    return wait === undefined ? undefined : Math.max(1, Math.ceil(wait / 1000));
  }

  /** Counts an accepted send. */
  record(chatId: number | string | undefined, now = Date.now()): void {
    this.global.stamps.push(now);
    if (chatId !== undefined) this.chatWindow(chatId).stamps.push(now);
  }

  private chatWindow(chatId: number | string): Window {
    const key = String(chatId);
    let w = this.perChat.get(key);
    if (!w) {
      w =
        chatKindOf(chatId) === 'private'
          ? { limit: this.perChatPerSecond, spanMs: 1000, stamps: [] }
          : { limit: this.perGroupPerMinute, spanMs: 60_000, stamps: [] };
      this.perChat.set(key, w);
    }
    return w;
  }
}

/** Milliseconds until the window has room, or undefined when it has room now. */
function waitMs(w: Window, now: number): number | undefined {
  while (w.stamps.length > 0 && (w.stamps[0] ?? 0) <= now - w.spanMs) w.stamps.shift();
  if (w.stamps.length < w.limit) return undefined;
  // The window frees up when the stamp that makes it full slides out.
  const blocking = w.stamps[w.stamps.length - w.limit] ?? now;
  return blocking + w.spanMs - now;
}
