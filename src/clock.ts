/**
 * The one source of "now". Everything that needs the time takes a Clock, so tests can set it.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock the caller moves by hand (tests, simulations). */
export class ManualClock implements Clock {
  #ms: number;
  constructor(start: Date | string | number) {
    this.#ms = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#ms);
  }
  set(at: Date | string | number): void {
    this.#ms = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.#ms += ms;
  }
}

/**
 * Real time shifted by an offset the caller can move: time flows (so pacing and timers work)
 * and tests can still jump to "tomorrow at 8h".
 */
export class AdjustableClock implements Clock {
  #offset: number;
  constructor(start: Date | string | number = Date.now()) {
    this.#offset = new Date(start).getTime() - Date.now();
  }
  now(): Date {
    return new Date(Date.now() + this.#offset);
  }
  set(at: Date | string | number): void {
    this.#offset = new Date(at).getTime() - Date.now();
  }
  advance(ms: number): void {
    this.#offset += ms;
  }
}
