/**
 * Environment → typed configuration, validated once at start-up. A bad value stops the process with
 * one line that names the variable and says what is expected; the token's value is never echoed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { isTimeZone } from './domain/time.js';

const TOKEN_PATTERN = /^\d{3,20}:[A-Za-z0-9_-]{30,}$/;

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const envSchema = z
  .object({
    BOT_TOKEN: z
      .string({ error: 'is required: the token BotFather gave you (digits:letters)' })
      .trim()
      .regex(TOKEN_PATTERN, { error: 'must look like 123456789:AA… (the token BotFather gave you)' }),
    DATABASE_PATH: z.string().trim().min(1).default('./data/bot.sqlite'),
    TELEGRAM_API_ROOT: z
      .url({ error: 'must be a URL such as https://api.telegram.org' })
      .default('https://api.telegram.org')
      .transform((v) => v.replace(/\/+$/, '')),
    TIMEZONE: z
      .string()
      .default('Asia/Ho_Chi_Minh')
      .refine(isTimeZone, { error: 'must be an IANA time zone such as Asia/Ho_Chi_Minh' }),
    ADMIN_IDS: z
      .string()
      .default('')
      .transform((v, ctx) => {
        const parts = v.split(/[\s,;]+/).filter(Boolean);
        const ids: number[] = [];
        for (const part of parts) {
          if (!/^\d{1,15}$/.test(part)) {
            ctx.addIssue({ code: 'custom', message: `must be Telegram user ids separated by commas (got "${part}")` });
            return z.NEVER;
          }
          ids.push(Number(part));
        }
        return ids;
      }),
    BOT_MODE: z.enum(['polling', 'webhook'], { error: 'must be polling or webhook' }).default('polling'),
    WEBHOOK_URL: optionalString.pipe(z.url({ error: 'must be the public https URL of the webhook' }).optional()),
    WEBHOOK_SECRET: optionalString.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{16,256}$/, { error: 'must be 16–256 characters of A-Z, a-z, 0-9, _ or -' })
        .optional(),
    ),
    WEBAPP_URL: optionalString.pipe(
      z
        .url({ protocol: /^https$/, error: 'must be the public https:// address of the dashboard (e.g. https://bot.example.org/app/)' })
        .transform((v) => (v.endsWith('/') ? v : `${v}/`))
        .optional(),
    ),
    PUBLIC_URL: optionalString.pipe(
      z
        .url({ protocol: /^https$/, error: "must be the public https:// address at which the bot's PORT is reached (e.g. https://bot.example.org/)" })
        .refine((v) => !v.includes('?') && !v.includes('#'), { error: 'must be an address without ? or #' })
        .transform((v) => (v.endsWith('/') ? v : `${v}/`))
        .optional(),
    ),
    PORT: z.coerce
      .number({ error: 'must be a port number' })
      .int()
      .min(1, { error: 'must be a port number between 1 and 65535' })
      .max(65535, { error: 'must be a port number between 1 and 65535' })
      .default(8080),
    ACK_NUDGE_HOURS: z.coerce
      .number({ error: 'must be a number of hours' })
      .positive({ error: 'must be a positive number of hours' })
      .max(24 * 30, { error: 'must be at most 720 hours' })
      .default(24),
    DELIVERY_RATE: z.coerce
      .number({ error: 'must be messages per second' })
      .int({ error: 'must be a whole number of messages per second' })
      .min(1, { error: 'must be between 1 and 1000 messages per second' })
      .max(1000, { error: 'must be between 1 and 1000 messages per second' })
      .default(29),
    REPORT_DEADLINE_DAY: z.coerce
      .number({ error: 'must be a day of the month' })
      .int({ error: 'must be a day of the month (1–28)' })
      .min(1, { error: 'must be a day of the month (1–28)' })
      .max(28, { error: 'must be a day of the month (1–28)' })
      .default(20),
    REPORT_NUDGE_DAYS: z.coerce
      .number({ error: 'must be a number of days' })
      .int({ error: 'must be a whole number of days (0–20)' })
      .min(0, { error: 'must be a whole number of days (0–20)' })
      .max(20, { error: 'must be a whole number of days (0–20)' })
      .default(3),
    STARTUP_TIMEOUT_SECONDS: z.coerce
      .number({ error: 'must be a number of seconds' })
      .int({ error: 'must be a whole number of seconds (1–3600)' })
      .min(1, { error: 'must be a whole number of seconds (1–3600)' })
      .max(3600, { error: 'must be a whole number of seconds (1–3600)' })
      .default(60),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        error: 'must be one of fatal, error, warn, info, debug, trace, silent',
      })
      .default('info'),
  })
  .superRefine((env, ctx) => {
    if (env.BOT_MODE !== 'webhook') return;
    if (!env.WEBHOOK_URL) ctx.addIssue({ code: 'custom', path: ['WEBHOOK_URL'], message: 'is required when BOT_MODE=webhook' });
    if (!env.WEBHOOK_SECRET)
      ctx.addIssue({ code: 'custom', path: ['WEBHOOK_SECRET'], message: 'is required when BOT_MODE=webhook' });
  });

export interface Config {
  botToken: string;
  databasePath: string;
  telegramApiRoot: string;
  timeZone: string;
  adminIds: number[];
  botMode: 'polling' | 'webhook';
  webhookUrl?: string;
  webhookSecret?: string;
  /** The dashboard's public https address (its page and API are served on PORT); without it, no dashboard. Ends with '/'. */
  webappUrl?: string;
  /**
   * The public https address at which PORT is reached (ends with '/'): members' calendar
   * subscriptions are served under it (`<PUBLIC_URL>calendar/<token>.ics`); without it, /lichics
   * offers the file only.
   */
  publicUrl?: string;
  port: number;
  /** Delay before non-acknowledgers are reminded; twice it, their secretary gets the list. */
  ackNudgeHours: number;
  /** Messages per second the delivery engine allows itself (Telegram: about 30). */
  deliveryRate: number;
  /** Indicator reports are due on this day of the last month of each quarter. */
  reportDeadlineDay: number;
  /** Secretaries who have not reported are nudged this many days before the deadline. */
  reportNudgeDays: number;
  /** How long start-up waits for Telegram to answer getMe before the process stops. */
  startupTimeoutSeconds: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the given environment (default: process.env). Throws ConfigError with a one-line message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    // zod's default messages can quote the received value; for the token we only ever use ours.
    throw new ConfigError(`Configuration error: ${variable} ${issue.message}`);
  }
  const e = parsed.data;
  return {
    botToken: e.BOT_TOKEN,
    databasePath: e.DATABASE_PATH,
    telegramApiRoot: e.TELEGRAM_API_ROOT,
    timeZone: e.TIMEZONE,
    adminIds: e.ADMIN_IDS,
    botMode: e.BOT_MODE,
    webhookUrl: e.WEBHOOK_URL,
    webhookSecret: e.WEBHOOK_SECRET,
    webappUrl: e.WEBAPP_URL,
    publicUrl: e.PUBLIC_URL,
    port: e.PORT,
    ackNudgeHours: e.ACK_NUDGE_HOURS,
    deliveryRate: e.DELIVERY_RATE,
    reportDeadlineDay: e.REPORT_DEADLINE_DAY,
    reportNudgeDays: e.REPORT_NUDGE_DAYS,
    startupTimeoutSeconds: e.STARTUP_TIMEOUT_SECONDS,
    logLevel: e.LOG_LEVEL,
  };
}

/**
 * Loads ./.env (or the given file) into process.env without overriding what is already set. A line
 * that is not NAME=value stops the start (ConfigError) with its number, never its text (it may hold
 * the token): Node's parser would take it as the start of the next line's name, and that variable
 * would be lost without a word.
 */
export function loadEnvFile(path = '.env'): void {
  if (!existsSync(path)) return;
  const bad = malformedEnvLine(readFileSync(path, 'utf8'));
  if (bad !== null) throw new ConfigError(`Configuration error: ${path} line ${bad} is not NAME=value (a comment starts with #)`);
  process.loadEnvFile(path);
}

/**
 * The number of the first line of a .env text that is neither blank, a comment, nor
 * `[export ]NAME=value` (a quoted value may go on over several lines), or null when all are.
 */
export function malformedEnvLine(text: string): number | null {
  let openQuote: string | null = null;
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    if (openQuote !== null) {
      if (line.includes(openQuote)) openQuote = null;
      continue;
    }
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const assignment = /^(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*=\s*(.*)$/.exec(trimmed);
    if (!assignment) return i + 1;
    const value = assignment[1]!;
    const quote = value[0];
    if ((quote === '"' || quote === "'" || quote === '`') && !value.slice(1).includes(quote)) openQuote = quote;
  }
  return null;
}
