/**
 * Long polling through the runner, with its failures in the structured log. The runner prints
 * fetch errors to the console and, on a 409 (another process polling with this token) or a 401,
 * ends its task with a rejection that nobody awaits: the process died with a raw stack trace.
 * Here a failed getUpdates is one warning, and the end of polling is one fatal line and a call to
 * `onFatal`, so the process can stop cleanly.
 *
 * At most `concurrency` updates are handled at once; the rest wait at Telegram, since getUpdates
 * asks for no more than the free places (the runner's first call would otherwise take 100).
 *
 * The runner gets the bot through its BotAdapter, with a getUpdates of its own, rather than a
 * transformer on bot.api: grammY installs bot.api's transformers again on the Api of every update,
 * and every call of every update would pass through this one.
 */
import { run, type RunnerHandle } from '@grammyjs/runner';
import { type Bot, type BotError, type Context, GrammyError } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from './logger.js';

type GetUpdatesArgs = { offset: number; limit: number; timeout: number };

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
  const getUpdates = async (args: GetUpdatesArgs, signal: Parameters<Bot['api']['getUpdates']>[1]) => {
    try {
      return await bot.api.getUpdates({ ...args, limit: Math.min(args.limit, options.concurrency) }, signal);
    } catch (error) {
      if (error instanceof GrammyError) {
        if (error.error_code !== 409 && error.error_code !== 401)
          logger.warn({ code: error.error_code, description: error.description }, 'getUpdates refused; the runner tries again');
      } else if (!signal?.aborted) {
        logger.warn({ reason: (error as Error).message }, 'getUpdates failed; the runner tries again');
      }
      throw error;
    }
  };
  const adapter: Parameters<typeof run<Update, BotError<C>>>[0] = {
    init: () => bot.init(),
    handleUpdate: (update) => bot.handleUpdate(update),
    errorHandler: (error) => bot.errorHandler(error),
    api: { getUpdates },
  };
  const runner = run(adapter, {
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
