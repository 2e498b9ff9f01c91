/**
 * The first contact with Telegram at start-up (getMe), said in the log and bounded in time: a bot
 * that cannot reach its API root stops with one line, so that its supervisor sees it, instead of
 * retrying silently for ever. grammY's own bot.init() retries network errors without end and
 * without a word, so getMe goes through an Api object of its own here: its attempts, timeouts and
 * waits are ours, and each one is logged.
 */
import { Api, type Bot, type Context, GrammyError, HttpError } from 'grammy';
import type { Logger } from './logger.js';

export interface WaitForTelegramOptions {
  token: string;
  apiRoot: string;
  /** Give up after this long (STARTUP_TIMEOUT_SECONDS). */
  timeoutMs: number;
  logger: Logger;
  /**
   * One getMe that has not answered after this long is abandoned and tried again (default: a
   * quarter of the time allowed, between 1 and 10 s, so a hanging server is tried a few times).
   */
  attemptTimeoutMs?: number;
}

/** Telegram did not answer getMe in time: the process should stop with this message. */
export class TelegramUnreachableError extends Error {
  override name = 'TelegramUnreachableError';
}

/** Telegram answered getMe with a refusal that retrying cannot fix (401: a wrong token). */
export class TelegramRefusedError extends Error {
  override name = 'TelegramRefusedError';
  constructor(
    message: string,
    readonly code: number,
    readonly description: string,
  ) {
    super(message);
  }
}

const FIRST_RETRY_MS = 1_000;
const LONGEST_RETRY_MS = 10_000;

/**
 * Fetches the bot's own user (getMe) and sets bot.botInfo, retrying network errors, timeouts, 5xx
 * and 429 with a growing pause. Throws TelegramUnreachableError after `timeoutMs`, and
 * TelegramRefusedError at once on any other refusal.
 */
export async function waitForTelegram<C extends Context>(bot: Bot<C>, options: WaitForTelegramOptions): Promise<void> {
  if (bot.isInited()) return;
  const { apiRoot, logger, timeoutMs } = options;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? Math.min(10_000, Math.max(1_000, timeoutMs / 4));
  const api = new Api(options.token, { apiRoot });
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  logger.info({ apiRoot, timeoutSeconds: timeoutMs / 1000 }, `waiting for Telegram at ${apiRoot} (getMe)…`);
  let pause = FIRST_RETRY_MS;
  for (let attempt = 1; ; attempt++) {
    const budget = Math.min(attemptTimeoutMs, timeoutMs - elapsed());
    let reason: string;
    let wait = pause;
    try {
      // grammY types its signal with the abort-controller shim; a standard AbortSignal is what it gets at run time.
      bot.botInfo = await api.getMe(AbortSignal.timeout(Math.max(1, Math.round(budget))) as Parameters<Api['getMe']>[0]);
      if (attempt > 1) logger.info({ apiRoot, attempt, afterMs: Math.round(elapsed()) }, 'Telegram answered getMe');
      return;
    } catch (error) {
      if (error instanceof GrammyError && error.error_code < 500 && error.error_code !== 429) {
        throw new TelegramRefusedError(
          `Telegram refused getMe at ${apiRoot}: ${error.error_code} ${error.description}${error.error_code === 401 ? ' (check BOT_TOKEN)' : ''}`,
          error.error_code,
          error.description,
        );
      }
      if (error instanceof GrammyError) {
        reason = `${error.error_code} ${error.description}`;
        const retryAfter = error.parameters.retry_after;
        if (typeof retryAfter === 'number') wait = retryAfter * 1000;
      } else if (error instanceof HttpError) {
        reason = describeHttpError(error, budget);
      } else {
        throw error;
      }
    }
    const left = timeoutMs - elapsed();
    if (left <= wait) {
      throw new TelegramUnreachableError(
        `Telegram did not answer at ${apiRoot} within ${formatSeconds(timeoutMs)} (getMe, ${attempt} attempt${attempt === 1 ? '' : 's'}; last: ${reason}). Check the network and TELEGRAM_API_ROOT; stopping.`,
      );
    }
    logger.warn({ apiRoot, attempt, reason, retryInMs: wait }, `Telegram did not answer getMe (${reason}); trying again in ${formatSeconds(wait)}`);
    await new Promise((resolve) => setTimeout(resolve, wait));
    pause = Math.min(LONGEST_RETRY_MS, pause * 2);
  }
}

/** "connection refused", "no answer after 10 s", … from grammY's HttpError and its cause. */
function describeHttpError(error: HttpError, budgetMs: number): string {
  const cause = error.error as { name?: string; code?: string; cause?: { code?: string }; message?: string } | undefined;
  if (cause?.name === 'TimeoutError' || cause?.name === 'AbortError') return `no answer after ${formatSeconds(budgetMs)}`;
  const code = cause?.code ?? cause?.cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  return code ?? cause?.message ?? error.message;
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}
