/**
 * The update queue behind `getUpdates` long polling.
 *
 * Models: increasing update_id; confirmation by `offset` (updates with a lower id are dropped;
 * a negative offset keeps only the last |offset| updates); `limit` (1–100, default 100);
 * `timeout` (hold the request until an update arrives or the timeout passes, then `[]`);
 * `allowed_updates` which, like Telegram, is remembered between calls when omitted and reset by
 * an empty list (updates of other types are dropped when a poll sees them); the 409 Conflict
 * answered to the *older* of two concurrent polls; a client hanging up while its poll is pending.
 *
 * Does not model: Telegram's default exclusion of chat_member / message_reaction /
 * message_reaction_count (here an empty allowed_updates delivers every type), the 24-hour
 * expiry of unconfirmed updates, the 50-second cap on timeout.
 */
import type { Update } from 'grammy/types';
import { fail, ok, TG, type ApiResponse, type Params } from './protocol.js';

export type UpdateType = Exclude<keyof Update, 'update_id'>;

interface Queued {
  update: Update;
  delivered: boolean;
}

interface PendingPoll {
  limit: number;
  answer: (response: ApiResponse) => void;
  timer: NodeJS.Timeout;
}

/** A getUpdates request in progress: its eventual answer, and a way to abandon it. */
export interface PollHandle {
  response: Promise<ApiResponse>;
  /** The client went away: forget this poll without answering. */
  cancel(): void;
}

export function updateTypeOf(update: Partial<Update>): UpdateType | undefined {
  return (Object.keys(update) as Array<keyof Update>).find((k): k is UpdateType => k !== 'update_id');
}

export class UpdateQueue {
  private queue: Queued[] = [];
  private nextId = 100_000_001;
  private pending: PendingPoll | undefined;
  private allowed: Set<string> | undefined;
  private wakeScheduled = false;
  private readonly listeners = new Set<() => void>();

  /** Queues an update and wakes a pending poll (batched, so synchronous pushes arrive together). */
  push(partial: Omit<Update, 'update_id'>): Update {
    const update = { update_id: this.nextId++, ...partial } as Update;
    this.queue.push({ update, delivered: false });
    this.scheduleWake();
    return update;
  }

  poll(params: Params, webhookActive: boolean): PollHandle {
    this.conflictPending();
    if (webhookActive) return { response: Promise.resolve(fail(409, TG.conflictWebhook)), cancel: () => undefined };
    this.confirm(params.offset);
    this.setAllowed(params.allowed_updates);
    const limit = clamp(typeof params.limit === 'number' ? params.limit : 100, 1, 100);
    const timeout = typeof params.timeout === 'number' ? Math.max(0, params.timeout) : 0;
    const ready = this.take(limit);
    if (ready.length > 0 || timeout === 0) return { response: Promise.resolve(ok(ready)), cancel: () => undefined };

    let answer!: (r: ApiResponse) => void;
    const response = new Promise<ApiResponse>((resolve) => (answer = resolve));
    const poll: PendingPoll = {
      limit,
      answer,
      timer: setTimeout(() => this.finish(poll, ok([])), timeout * 1000),
    };
    this.pending = poll;
    this.notify();
    return { response, cancel: () => this.finish(poll, undefined) };
  }

  /** Number of updates not yet confirmed by an offset. */
  pendingCount(): number {
    return this.queue.length;
  }

  /** True while a long poll is being held open. */
  hasPendingPoll(): boolean {
    return this.pending !== undefined;
  }

  allDelivered(): boolean {
    return this.queue.every((q) => q.delivered);
  }

  /** Drops all queued updates (deleteWebhook with drop_pending_updates). */
  clear(): void {
    this.queue = [];
    this.notify();
  }

  /** Answers a pending poll with [] (used on shutdown). */
  endPending(): void {
    if (this.pending) this.finish(this.pending, ok([]));
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private conflictPending(): void {
    if (this.pending) this.finish(this.pending, fail(409, TG.conflictPolling));
  }

  private finish(poll: PendingPoll, response: ApiResponse | undefined): void {
    clearTimeout(poll.timer);
    if (this.pending === poll) {
      this.pending = undefined;
      this.notify();
    }
    if (response) poll.answer(response);
  }

  private confirm(offset: unknown): void {
    if (typeof offset !== 'number' || offset === 0) return;
    const before = this.queue.length;
    if (offset < 0) this.queue = this.queue.slice(Math.max(0, this.queue.length + offset));
    else this.queue = this.queue.filter((q) => q.update.update_id >= offset);
    if (this.queue.length !== before) this.notify();
  }

  private setAllowed(allowed: unknown): void {
    if (!Array.isArray(allowed)) return;
    const types = allowed.filter((t): t is string => typeof t === 'string');
    this.allowed = types.length === 0 ? undefined : new Set(types);
  }

  /** Takes up to `limit` deliverable updates, dropping queued updates of types not allowed. */
  private take(limit: number): Update[] {
    const allowed = this.allowed;
    if (allowed) {
      this.queue = this.queue.filter((q) => q.delivered || allowed.has(updateTypeOf(q.update) ?? ''));
    }
    const batch = this.queue.slice(0, limit);
    for (const q of batch) q.delivered = true;
    if (batch.length > 0) this.notify();
    return batch.map((q) => q.update);
  }

  private scheduleWake(): void {
    if (this.wakeScheduled) return;
    this.wakeScheduled = true;
    setImmediate(() => {
      this.wakeScheduled = false;
      const poll = this.pending;
      if (!poll) return;
      const ready = this.take(poll.limit);
      if (ready.length > 0) this.finish(poll, ok(ready));
    });
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, n));
}
