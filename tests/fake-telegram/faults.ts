/**
 * One-shot failure injection for FakeTelegram: queued error answers per method (optionally per
 * chat), connections to drop without an answer, requests that hang, and answers lost on the way
 * back.
 *
 * Models: errors exactly as the caller specifies them (HTTP status = error_code, body
 * `{ ok: false, error_code, description, parameters }`), '*' matching every method except
 * getUpdates, first-queued-first-served when several injections match. A dropped connection is
 * cut before the call is performed; a hung request is accepted and never answered (a half-open
 * connection, a proxy that swallows it: the call is not performed, and a hung getUpdates takes no
 * update); a lost answer is cut after the call was performed (Telegram sent the message, the
 * answer never reached the bot).
 *
 * Does not model: persistent chat states (blocked, kicked, migrated — see store.ts) or rate
 * limits (see rate-limit.ts).
 */
import { fail, getChatId, type ApiErrorSpec, type ApiResponse, type Params } from './protocol.js';
import { sameMethod } from './recorder.js';

export interface FailOptions {
  /** How many calls fail (default 1). */
  times?: number;
  /** Only calls with this chat_id fail. */
  chatId?: number | string;
}

interface Injection {
  method: string;
  chatId?: string;
  remaining: number;
  error: ApiErrorSpec;
}

export class FaultInjector {
  private readonly injections: Injection[] = [];
  private readonly drops = new Map<string, number>();
  private readonly hangs = new Map<string, number>();
  private readonly losses = new Map<string, { times: number; rate: number }>();

  failNext(method: string, error: ApiErrorSpec, opts: FailOptions = {}): void {
    const entry: Injection = { method, remaining: opts.times ?? 1, error };
    if (opts.chatId !== undefined) entry.chatId = String(opts.chatId);
    this.injections.push(entry);
  }

  /** The injected answer for this call, if one is queued (and consumes it). */
  take(method: string, params: Params): ApiResponse | undefined {
    const chat = String(getChatId(params));
    const index = this.injections.findIndex(
      (i) =>
        (sameMethod(i.method, method) || (i.method === '*' && !sameMethod(method, 'getUpdates'))) &&
        (i.chatId === undefined || i.chatId === chat),
    );
    const injection = this.injections[index];
    if (!injection) return undefined;
    if (--injection.remaining <= 0) this.injections.splice(index, 1);
    const { error_code, description, parameters } = injection.error;
    return fail(error_code, description, parameters);
  }

  dropConnections(method: string, times: number): void {
    const key = method.toLowerCase();
    this.drops.set(key, (this.drops.get(key) ?? 0) + times);
  }

  /** True if this call's connection should be destroyed (and consumes one drop). */
  takeDrop(method: string): boolean {
    return take(this.drops, method);
  }

  hang(method: string, times: number): void {
    const key = method.toLowerCase();
    this.hangs.set(key, (this.hangs.get(key) ?? 0) + times);
  }

  /** True if this call should be left hanging (and consumes one). */
  takeHang(method: string): boolean {
    return take(this.hangs, method);
  }

  /** The next `times` answers of `method`, and then each answer with probability `rate`, are lost. */
  loseAnswers(method: string, times: number, rate: number): void {
    const key = method.toLowerCase();
    const current = this.losses.get(key) ?? { times: 0, rate: 0 };
    this.losses.set(key, { times: current.times + times, rate });
  }

  /** True if the answer to this (performed) call should be lost. */
  takeLoss(method: string): boolean {
    const loss = this.losses.get(method.toLowerCase());
    if (!loss) return false;
    if (loss.times > 0) {
      loss.times--;
      return true;
    }
    return loss.rate > 0 && Math.random() < loss.rate;
  }
}

function take(counters: Map<string, number>, method: string): boolean {
  const key = method.toLowerCase();
  const left = counters.get(key) ?? 0;
  if (left <= 0) return false;
  counters.set(key, left - 1);
  return true;
}
