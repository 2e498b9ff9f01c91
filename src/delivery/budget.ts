/**
 * One sending budget for every message the bot sends: direct replies (through the transport) and
 * the outbox's pushes (through the Sender) share Telegram's limits, so neither can use up what the
 * other needs and a 429 slows both. Replies come first: while one waits for its slot, the Sender
 * takes none. Replies heed only the overall pace and a chat's own 429 pause (Telegram tolerates a
 * short burst to one chat, such as a title and its cards); pushes also keep each chat's interval.
 */
import { performance } from 'node:perf_hooks';
import { type CongestionScope, Pacer, type PacingLimits, type RateAdaptation, TELEGRAM_LIMITS } from './pacing.js';

/** A reply gave up waiting for its slot. */
export class BudgetWaitError extends Error {
  constructor(readonly reason: 'deadline' | 'aborted' | 'closed') {
    super(`no sending slot: ${reason}`);
    this.name = 'BudgetWaitError';
  }
}

export interface SendBudgetOptions {
  limits?: PacingLimits;
  adaptation?: Partial<RateAdaptation>;
  /** Milliseconds on a monotonic clock (default performance.now()): pacing is physical time. */
  now?: () => number;
}

interface Waiter {
  chatId: number | undefined;
  resolve(): void;
  reject(error: BudgetWaitError): void;
}

export class SendBudget {
  readonly pacer: Pacer;
  readonly now: () => number;
  #replies: Waiter[] = [];
  #timer: NodeJS.Timeout | undefined;
  #closed = false;
  /** Counters since start, for benchmarks and the log. */
  readonly stats = { replies: 0, repliesQueued: 0, pushes: 0, tooManyRequests: 0, overallCongestions: 0 };

  constructor(options: SendBudgetOptions = {}) {
    this.pacer = new Pacer(options.limits ?? TELEGRAM_LIMITS, options.adaptation);
    this.now = options.now ?? (() => performance.now());
  }

  /** Waits for a direct reply's slot, ahead of every push. Rejects at `deadline` or on `signal`. */
  acquire(chatId: number | undefined, options: { deadline?: number; signal?: AbortSignal } = {}): Promise<void> {
    if (this.#closed) return Promise.reject(new BudgetWaitError('closed'));
    const now = this.now();
    if (this.#replies.length === 0 && this.replyWait(chatId, now) === 0) {
      this.pacer.record(chatId, now);
      this.stats.replies++;
      return Promise.resolve();
    }
    this.stats.repliesQueued++;
    return new Promise<void>((resolve, reject) => {
      const { deadline, signal } = options;
      let timer: NodeJS.Timeout | undefined;
      const settle = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.#replies = this.#replies.filter((w) => w !== waiter);
      };
      const waiter: Waiter = {
        chatId,
        resolve: () => {
          settle();
          resolve();
        },
        reject: (error) => {
          settle();
          reject(error);
          this.schedule(0); // a waiter gone may let the others (or the Sender) go
        },
      };
      const onAbort = () => waiter.reject(new BudgetWaitError('aborted'));
      if (signal?.aborted) return reject(new BudgetWaitError('aborted'));
      signal?.addEventListener('abort', onAbort);
      if (deadline !== undefined) {
        timer = setTimeout(() => waiter.reject(new BudgetWaitError('deadline')), Math.max(0, deadline - this.now()));
        timer.unref();
      }
      this.#replies.push(waiter);
      this.schedule(0);
    });
  }

  /**
   * For the Sender: milliseconds until a push may go (0 = now). Never 0 while a reply waits for a
   * slot it can take.
   */
  pushWait(now: number): number {
    const wait = this.pacer.globalWait(now);
    if (wait > 0) return wait;
    return this.#replies.some((w) => this.replyWait(w.chatId, now) === 0) ? Math.max(1, this.pacer.spacingMs) : 0;
  }

  /** For the Sender: milliseconds until this chat may get a push. */
  chatWait(chatId: number, now: number): number {
    return this.pacer.chatWait(chatId, now);
  }

  /** The Sender took a slot for a push. */
  take(chatId: number, now: number): void {
    this.pacer.record(chatId, now);
    this.stats.pushes++;
  }

  /** Telegram answered 429 to a message for this chat (a reply or a push). */
  tooManyRequests(chatId: number | undefined, retryAfterSeconds: number | undefined): CongestionScope {
    this.stats.tooManyRequests++;
    const scope = this.pacer.tooManyRequests(chatId, (retryAfterSeconds ?? 1) * 1000, this.now());
    if (scope === 'overall') this.stats.overallCongestions++;
    this.schedule(0);
    return scope;
  }

  /** Replies still waiting are refused (shutdown). */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    for (const w of [...this.#replies]) w.reject(new BudgetWaitError('closed'));
  }

  private replyWait(chatId: number | undefined, now: number): number {
    const global = this.pacer.globalWait(now);
    return chatId === undefined ? global : Math.max(global, this.pacer.chatPauseWait(chatId, now));
  }

  /** Lets waiting replies go, first come first served, skipping chats that are paused. */
  private drain(): void {
    this.#timer = undefined;
    while (this.#replies.length > 0) {
      const now = this.now();
      const global = this.pacer.globalWait(now);
      if (global > 0) return this.schedule(global);
      const next = this.#replies.find((w) => w.chatId === undefined || this.pacer.chatPauseWait(w.chatId, now) === 0);
      if (!next) {
        const soonest = Math.min(...this.#replies.map((w) => this.pacer.chatPauseWait(w.chatId!, now)));
        return this.schedule(soonest);
      }
      this.pacer.record(next.chatId, now);
      this.stats.replies++;
      next.resolve();
    }
  }

  private schedule(ms: number): void {
    if (this.#replies.length === 0 || this.#closed) return;
    if (this.#timer !== undefined) {
      if (ms > 0) return; // a drain is already due; it reschedules itself
      clearTimeout(this.#timer);
    }
    this.#timer = setTimeout(() => this.drain(), Math.max(0, Math.ceil(ms)));
  }
}
