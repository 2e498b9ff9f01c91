/**
 * The webhook route. Telegram retries every update that is not answered 2xx, and holds back every
 * later update meanwhile, so anything we cannot or will not handle is answered 200 (and logged):
 * a malformed body, something that is not an update, an update whose handling failed. Only a wrong
 * secret (401, body unread) and an oversized body (413, read no further) are refused.
 *
 * At most `concurrency` updates are handled at once, as in polling; the others wait their turn in
 * arrival order (an update waiting is its parsed JSON, a handled one holds far more memory).
 */
import { timingSafeEqual } from 'node:crypto';
import { type Bot, BotError, type Context } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../logger.js';
import { answerAndClose, BodyTooLargeError, readBody, type RouteHandler } from './server.js';

/** Telegram's updates are a few kilobytes; a megabyte leaves room for the largest. */
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

export interface WebhookOptions {
  secret: string;
  logger: Logger;
  maxBodyBytes?: number;
  /** Answer Telegram after this long even if the update is still being handled (default 10 s). */
  answerWithinMs?: number;
  /** Most updates handled at the same time. */
  concurrency: number;
}

export function webhookRoute<C extends Context>(bot: Bot<C>, options: WebhookOptions): RouteHandler {
  const { logger } = options;
  const limit = options.maxBodyBytes ?? WEBHOOK_BODY_LIMIT;
  const answerWithinMs = options.answerWithinMs ?? 10_000;
  const inTurn = taskQueue(options.concurrency);
  return async (req, res) => {
    if (!sameSecret(req.headers['x-telegram-bot-api-secret-token'], options.secret)) {
      answerAndClose(res, 401);
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(req, limit);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      logger.warn({ limit, reason: error.message }, 'webhook: body too large, refused');
      answerAndClose(res, 413);
      return;
    }
    const update = parseUpdate(body);
    if (!update.ok) {
      // Answered 200 so that Telegram drops it rather than retrying it before every later update.
      logger.warn({ update_id: update.updateId, reason: update.reason, bytes: body.length }, 'webhook: not an update, dropped');
      res.writeHead(200).end();
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const late = await Promise.race([
      inTurn(() => handle(bot, update.update, logger)).then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), answerWithinMs))),
    ]);
    clearTimeout(timer);
    // A slow update goes on in the background: Telegram would otherwise send it again.
    if (late) logger.warn({ update_id: update.update.update_id, afterMs: answerWithinMs }, 'webhook: answered before the update was handled');
    res.writeHead(200).end();
  };
}

/** Handles an update; a failure is logged (through the bot's error handler) and never rethrown. */
async function handle<C extends Context>(bot: Bot<C>, update: Update, logger: Logger): Promise<void> {
  try {
    await bot.handleUpdate(update);
  } catch (error) {
    try {
      if (error instanceof BotError) await bot.errorHandler(error);
      else throw error;
    } catch {
      logger.error({ err: error, update_id: update.update_id }, 'webhook: update failed');
    }
  }
}

/** Runs at most `limit` tasks at once; the others start in the order they came. */
function taskQueue(limit: number): (task: () => Promise<void>) => Promise<void> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running < limit) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      await task();
    } finally {
      // The place goes straight to the next task waiting, if any.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

type Parsed = { ok: true; update: Update } | { ok: false; reason: string; updateId?: unknown };

function parseUpdate(body: Buffer): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'not a JSON object' };
  const updateId = (value as { update_id?: unknown }).update_id;
  if (typeof updateId !== 'number' || !Number.isSafeInteger(updateId) || updateId < 0)
    return { ok: false, reason: 'no numeric update_id', updateId };
  return { ok: true, update: value as Update };
}

function sameSecret(given: string | string[] | undefined, secret: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}
