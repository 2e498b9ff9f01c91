/**
 * One-shot failure injection for FakeTelegram: queued error answers per method (optionally per
 * chat) and connections to drop without an answer.
 *
 * Models: errors exactly as the caller specifies them (HTTP status = error_code, body
 * `{ ok: false, error_code, description, parameters }`), '*' matching every method except
 * getUpdates, first-queued-first-served when several injections match.
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
    const key = method.toLowerCase();
    const left = this.drops.get(key) ?? 0;
    if (left <= 0) return false;
    this.drops.set(key, left - 1);
    return true;
  }
}
