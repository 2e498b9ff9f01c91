/**
 * Long polling through the runner, with its failures in the structured log. The runner prints
 * fetch errors to the console and, on a 409 (another process polling with this token) or a 401,
 * ends its task with a rejection that nobody awaits: the process died with a raw stack trace.
 * Here a failed getUpdates is one warning, and the end of polling is one fatal line and a call to
 * `onFatal`, so the process can stop cleanly.
 *
 * At most `concurrency` updates are handled at once; the rest wait at Telegram, since getUpdates
 * asks for no more than the free places (the runner's first call would otherwise take 100).
 */
import { run, type RunnerHandle } from '@grammyjs/runner';
import { type Bot, type Context, GrammyError } from 'grammy';
import type { Logger } from './logger.js';

export interface PollingOptions {
  allowedUpdates: readonly string[];
  /** getUpdates long-poll timeout in seconds (the transport gives up on a hung poll at this + a margin). */
  longPollSeconds: number;
  /** Most updates handled at the same time. */
  concurrency: number;
  logger: Logger;
  /** Polling has ended by itself (409, 401, or retries exhausted): the process should stop. */
  onFatal(error: Error): void;
}

export function startPolling<C extends Context>(bot: Bot<C>, options: PollingOptions): RunnerHandle {
  const { logger } = options;
  // Outermost transformer: it sees what is left after the other transformers' own retries.
  bot.api.config.use(async (prev, method, payload, signal) => {
    if (method !== 'getUpdates') return prev(method, payload, signal);
    const limit = Math.min((payload as { limit?: number }).limit ?? 100, options.concurrency);
    try {
      const res = await prev(method, { ...payload, limit } as typeof payload, signal);
      if (!res.ok && res.error_code !== 409 && res.error_code !== 401)
        logger.warn({ code: res.error_code, description: res.description }, 'getUpdates refused; the runner tries again');
      return res;
    } catch (error) {
      if (!signal?.aborted) logger.warn({ reason: (error as Error).message }, 'getUpdates failed; the runner tries again');
      throw error;
    }
  });
  const runner = run(bot, {
    sink: { concurrency: options.concurrency },
    runner: {
      fetch: { allowed_updates: [...options.allowedUpdates] as never, timeout: options.longPollSeconds },
      // Waits grow by 0.1 s per failed poll in a row: doubling would leave the bot deaf for as long
      // as the outage lasted once the network is back.
      retryInterval: 'quadratic',
      silent: true,
    },
  });
  runner.task()?.catch((error: unknown) => {
    const err = error instanceof Error ? error : new Error(String(error));
    if (err instanceof GrammyError && err.error_code === 409) {
      logger.fatal(
        { code: 409, description: err.description },
        'Another process is polling Telegram with this bot token (409 Conflict): stopping. Run exactly one bot per token.',
      );
    } else if (err instanceof GrammyError) {
      logger.fatal({ code: err.error_code, description: err.description }, `Telegram refused getUpdates (${err.error_code}): stopping`);
    } else {
      logger.fatal({ reason: err.message }, `polling stopped (${err.message}): stopping`);
    }
    options.onFatal(err);
  });
  return runner;
}
