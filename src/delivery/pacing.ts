/**
 * Telegram's broadcast limits, kept on our side so we rarely hear a 429: about 30 messages a second
 * overall, one a second to a private chat, twenty a minute to a group. Sends are spaced evenly
 * (no bursts) with a little headroom, because Telegram counts arrivals, not departures.
 */
export interface PacingLimits {
  /** Messages per second across all chats. */
  perSecond: number;
  /** Minimum gap between two messages to one private chat. */
  privateIntervalMs: number;
  /** Minimum gap between two messages to one group. */
  groupIntervalMs: number;
}

/** Telegram's published limits (30/s, 1/s per chat, 20/min per group), less a small margin. */
export const TELEGRAM_LIMITS: PacingLimits = { perSecond: 29, privateIntervalMs: 1050, groupIntervalMs: 3050 };

export class Pacer {
  #lastGlobal = -Infinity;
  #window: number[] = [];
  #lastByChat = new Map<number, number>();
  #pausedUntil = -Infinity;

  constructor(private readonly limits: PacingLimits) {}

  get spacingMs(): number {
    return 1000 / this.limits.perSecond;
  }

  /** Milliseconds until the next message may go (to any chat); 0 when it may go now. */
  globalWait(now: number): number {
    while (this.#window.length > 0 && this.#window[0]! <= now - 1000) this.#window.shift();
    const bySpacing = this.#lastGlobal + this.spacingMs - now;
    const byWindow = this.#window.length >= this.limits.perSecond ? this.#window[0]! + 1000 - now : 0;
    return Math.max(0, bySpacing, byWindow, this.#pausedUntil - now);
  }

  /** Milliseconds until this chat may get its next message. */
  chatWait(chatId: number, now: number): number {
    const last = this.#lastByChat.get(chatId);
    if (last === undefined) return 0;
    const interval = chatId > 0 ? this.limits.privateIntervalMs : this.limits.groupIntervalMs;
    return Math.max(0, last + interval - now);
  }

  record(chatId: number, now: number): void {
    this.#lastGlobal = now;
    this.#window.push(now);
    this.#lastByChat.set(chatId, now);
    if (this.#lastByChat.size > 20_000) this.prune(now);
  }

  /** Telegram asked us to wait (429): nothing goes out before then. */
  pauseUntil(at: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, at);
  }

  private prune(now: number): void {
    const horizon = Math.max(this.limits.privateIntervalMs, this.limits.groupIntervalMs);
    for (const [chat, at] of this.#lastByChat) if (at < now - horizon) this.#lastByChat.delete(chat);
  }
}
