/**
 * Telegram's broadcast limits, kept on our side so we rarely hear a 429: about 30 messages a second
 * overall, one a second to a private chat, twenty a minute to a group.
 *
 * Telegram counts arrivals, not departures: with network jitter, evenly spaced departures arrive
 * bunched, so a fixed rate just under 30 still earns 429s. The overall rate therefore adapts to what
 * Telegram says (AIMD): a 429 pauses everything for retry_after and lowers the rate; a quiet spell
 * lets it creep back up, quickly to just below the rate that last earned a 429, slowly beyond it.
 * Times are milliseconds on any monotonic clock the caller chooses.
 */
export interface PacingLimits {
  /** Messages per second across all chats: the most the adaptive rate ever allows. */
  perSecond: number;
  /** Minimum gap between two messages to one private chat. */
  privateIntervalMs: number;
  /** Minimum gap between two messages to one group. */
  groupIntervalMs: number;
}

/** Telegram's published limits (30/s, 1/s per chat, 20/min per group), less a small margin. */
export const TELEGRAM_LIMITS: PacingLimits = { perSecond: 29, privateIntervalMs: 1050, groupIntervalMs: 3050 };

/** How the overall rate follows Telegram's 429s. */
export interface RateAdaptation {
  /** The rate is multiplied by this on a 429 that is not one chat's own (at most once a second). */
  decrease: number;
  /** The lowest rate, as a share of perSecond. */
  floor: number;
  /** A step up after this long without a 429. */
  quietMs: number;
  /** Step (messages/s) while below 98 % of the rate that last earned a 429. */
  recoverStep: number;
  /** Step beyond it: probing for more, slowly, since every probe too far costs a pause. */
  probeStep: number;
}

export const DEFAULT_ADAPTATION: RateAdaptation = {
  decrease: 0.97,
  floor: 0.25,
  quietMs: 2_000,
  recoverStep: 0.25,
  probeStep: 0.01,
};

/**
 * How far behind its schedule the overall pace may run and catch up at once (see record()): longer
 * than a late timer under load, shorter than Telegram's spacing (34.5 ms at 29/s).
 */
export const CATCH_UP_MS = 25;

/** The window of recent departures kept per chat: enough to tell whose 429 it was. */
const GROUP_PER_MINUTE = 20;

/** Whose limit a 429 was about. */
export type CongestionScope = 'chat' | 'overall';

export class Pacer {
  readonly limits: PacingLimits;
  readonly #adapt: RateAdaptation;
  #rate: number;
  /** The rate that last earned an overall 429. */
  #congestedAt: number;
  #lastCongestion = -Infinity;
  #lastIncrease = -Infinity;
  /** Earliest instant the next departure may go (a schedule, so late timers do not slow the pace). */
  #next = -Infinity;
  #window: number[] = [];
  #recentByChat = new Map<number, number[]>();
  #pausedUntil = -Infinity;
  #chatPausedUntil = new Map<number, number>();

  constructor(limits: PacingLimits, adaptation: Partial<RateAdaptation> = {}) {
    this.limits = limits;
    this.#adapt = { ...DEFAULT_ADAPTATION, ...adaptation };
    this.#rate = limits.perSecond;
    this.#congestedAt = limits.perSecond;
  }

  /** The overall rate allowed now (messages per second). */
  get rate(): number {
    return this.#rate;
  }

  get spacingMs(): number {
    return 1000 / this.#rate;
  }

  /** Milliseconds until the next message may go (to any chat); 0 when it may go now. */
  globalWait(now: number): number {
    this.creep(now);
    while (this.#window.length > 0 && this.#window[0]! <= now - 1000) this.#window.shift();
    const cap = Math.ceil(this.#rate);
    const byWindow = this.#window.length >= cap ? this.#window[this.#window.length - cap]! + 1000 - now : 0;
    return Math.max(0, this.#next - now, byWindow, this.#pausedUntil - now);
  }

  /** Milliseconds until this chat may get its next pushed message (its interval, or its 429 pause). */
  chatWait(chatId: number, now: number): number {
    const last = this.#recentByChat.get(chatId)?.at(-1);
    const interval = chatId > 0 ? this.limits.privateIntervalMs : this.limits.groupIntervalMs;
    return Math.max(0, last === undefined ? 0 : last + interval - now, this.chatPauseWait(chatId, now));
  }

  /** Milliseconds until a 429 for this chat alone has run out (direct replies heed only this). */
  chatPauseWait(chatId: number, now: number): number {
    const until = this.#chatPausedUntil.get(chatId);
    if (until === undefined) return 0;
    if (until <= now) this.#chatPausedUntil.delete(chatId);
    return Math.max(0, until - now);
  }

  record(chatId: number | undefined, now: number): void {
    // A departure a little late (a timer, a busy loop) keeps its place in the schedule, so the pace
    // holds; later than that, the schedule moves on. At a high rate the schedule may also lag by
    // whole spacings within CATCH_UP_MS: the departures held up by a late timer then go together
    // (a token bucket of 1 + CATCH_UP_MS / spacing), where one per timer would cap the rate at
    // what timers can do (~300/s). At Telegram's 29/s a spacing is longer: no burst, as before.
    const spacing = this.spacingMs;
    const slack = spacing / 4 + spacing * Math.floor(CATCH_UP_MS / spacing);
    const base = Number.isFinite(this.#next) ? Math.max(this.#next, now - slack) : now;
    this.#next = base + this.spacingMs;
    this.#window.push(now);
    if (chatId === undefined) return;
    const recent = this.#recentByChat.get(chatId) ?? [];
    recent.push(now);
    if (recent.length > (chatId > 0 ? 2 : GROUP_PER_MINUTE)) recent.shift();
    this.#recentByChat.set(chatId, recent);
    if (this.#recentByChat.size > 20_000) this.prune(now);
  }

  /** Telegram asked us to wait (429): nothing goes out before then. */
  pauseUntil(at: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, at);
  }

  /**
   * Telegram answered 429 for a message to this chat. When the chat itself had just had as many
   * messages as its own limit allows, the 429 is that chat's: it alone waits. Otherwise it is the
   * overall rate's: everything waits, and the rate goes down.
   */
  tooManyRequests(chatId: number | undefined, retryAfterMs: number, now: number): CongestionScope {
    const until = now + retryAfterMs;
    if (chatId !== undefined && this.chatWasBusy(chatId, now)) {
      this.#chatPausedUntil.set(chatId, Math.max(this.#chatPausedUntil.get(chatId) ?? 0, until));
      return 'chat';
    }
    this.pauseUntil(until);
    // The 429s of the messages already on their way belong to the same episode: one decrease.
    if (now - this.#lastCongestion >= 1000) {
      this.#congestedAt = this.#rate;
      this.#rate = Math.max(this.limits.perSecond * this.#adapt.floor, this.#rate * this.#adapt.decrease);
    }
    this.#lastCongestion = now;
    return 'overall';
  }

  private chatWasBusy(chatId: number, now: number): boolean {
    const recent = this.#recentByChat.get(chatId) ?? [];
    if (chatId > 0) return recent.length >= 2 && now - recent[0]! < 2 * this.limits.privateIntervalMs;
    return recent.length >= GROUP_PER_MINUTE && now - recent[0]! < 60_000 + this.limits.groupIntervalMs;
  }

  /** Additive increase: one step per quiet spell since the last 429 or the last step. */
  private creep(now: number): void {
    const { quietMs, recoverStep, probeStep } = this.#adapt;
    const max = this.limits.perSecond;
    let since = Math.max(this.#lastCongestion, this.#lastIncrease);
    while (this.#rate < max && now - since >= quietMs) {
      since = Number.isFinite(since) ? since + quietMs : now;
      const step = this.#rate < this.#congestedAt * 0.98 ? recoverStep : probeStep;
      this.#rate = Math.min(max, this.#rate + step);
      this.#lastIncrease = since;
    }
  }

  /** Forgets chats whose last message is older than anything their limits look at. */
  private prune(now: number): void {
    const { privateIntervalMs, groupIntervalMs } = this.limits;
    for (const [chat, recent] of this.#recentByChat) {
      const horizon = chat > 0 ? 2 * privateIntervalMs : 60_000 + groupIntervalMs;
      if (recent.at(-1)! < now - horizon) this.#recentByChat.delete(chat);
    }
  }
}
