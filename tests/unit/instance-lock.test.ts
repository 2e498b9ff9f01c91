import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireInstanceLock, InstanceLockedError } from '../../src/db/instance-lock.js';
import { tempDir } from '../helpers/db.js';

describe('the one-bot-per-database lock', () => {
  it('is refused at once while held, says by whom, and is free again once released', () => {
    const path = join(tempDir(), 'nested', 'bot.sqlite');
    const first = acquireInstanceLock(path, { role: 'bot', startedAt: '2026-12-05T08:00:00.000Z' });
    const started = performance.now();
    let refused: unknown;
    try {
      acquireInstanceLock(path, { role: 'bot', startedAt: '2026-12-05T09:00:00.000Z' });
    } catch (error) {
      refused = error;
    }
    // Not after SQLite's 5-second busy wait (half of it as the bound: the machine may be loaded).
    expect(performance.now() - started).toBeLessThan(2_500);
    expect(refused).toBeInstanceOf(InstanceLockedError);
    expect((refused as InstanceLockedError).holder).toEqual({ role: 'bot', pid: process.pid, startedAt: '2026-12-05T08:00:00.000Z' });
    expect((refused as Error).message).toBe(
      `Another bot process is already running on ${path} (pid ${process.pid}, started 2026-12-05T08:00:00.000Z). Stop it first; run exactly one bot per database.`,
    );
    first.release();
    const again = acquireInstanceLock(path, { role: 'restore', startedAt: '2026-12-05T10:00:00.000Z' });
    expect(() => acquireInstanceLock(path, { role: 'bot', startedAt: '2026-12-05T10:01:00.000Z' })).toThrow(
      `A restore of ${path} is in progress (pid ${process.pid}, started 2026-12-05T10:00:00.000Z). Start the bot when it has finished.`,
    );
    again.release();
  });

  it('is not needed for an in-memory database: nothing to share, never refused', () => {
    const a = acquireInstanceLock(':memory:', { role: 'bot', startedAt: '2026-12-05T08:00:00.000Z' });
    expect(() => acquireInstanceLock(':memory:', { role: 'bot', startedAt: '2026-12-05T08:00:00.000Z' }).release()).not.toThrow();
    a.release();
  });
});
