import type { Context, MiddlewareFn } from 'grammy';

/**
 * Counts updates being handled so shutdown can wait for them: the runner stops fetching at once but
 * does not wait for middleware already running.
 */
export class InFlightTracker {
  #count = 0;
  #waiters: Array<() => void> = [];

  get count(): number {
    return this.#count;
  }

  middleware<C extends Context>(): MiddlewareFn<C> {
    return async (_ctx, next) => {
      this.#count++;
      try {
        await next();
      } finally {
        this.#count--;
        if (this.#count === 0) this.#waiters.splice(0).forEach((w) => w());
      }
    };
  }

  /** Resolves true when nothing is in flight, false if `timeoutMs` passed first. */
  drain(timeoutMs: number): Promise<boolean> {
    if (this.#count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.#waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
