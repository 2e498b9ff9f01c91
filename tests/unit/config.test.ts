import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const TOKEN = '123456:TEST-token-abcdefghijklmnopqrstuvwxyz0123';

function errorOf(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a configuration error');
}

describe('loadConfig', () => {
  it('applies defaults', () => {
    const c = loadConfig({ BOT_TOKEN: TOKEN });
    expect(c).toMatchObject({
      botToken: TOKEN,
      databasePath: './data/bot.sqlite',
      telegramApiRoot: 'https://api.telegram.org',
      timeZone: 'Asia/Ho_Chi_Minh',
      adminIds: [],
      botMode: 'polling',
      port: 8080,
      startupTimeoutSeconds: 60,
      logLevel: 'info',
    });
  });

  it('parses admin ids and trims the API root', () => {
    const c = loadConfig({ BOT_TOKEN: TOKEN, ADMIN_IDS: '111, 222;333', TELEGRAM_API_ROOT: 'http://127.0.0.1:9000/' });
    expect(c.adminIds).toEqual([111, 222, 333]);
    expect(c.telegramApiRoot).toBe('http://127.0.0.1:9000');
  });

  it('names the missing token in one line', () => {
    const message = errorOf({});
    expect(message).toMatch(/^Configuration error: BOT_TOKEN is required/);
    expect(message).not.toContain('\n');
  });

  it('never echoes a malformed token', () => {
    const message = errorOf({ BOT_TOKEN: 'secret-but-wrong-value' });
    expect(message).toMatch(/BOT_TOKEN must look like/);
    expect(message).not.toContain('secret-but-wrong-value');
  });

  it.each([
    [{ ADMIN_IDS: '12,abc' }, /ADMIN_IDS must be Telegram user ids/],
    [{ TIMEZONE: 'Mars/Olympus' }, /TIMEZONE must be an IANA time zone/],
    [{ BOT_MODE: 'carrier-pigeon' }, /BOT_MODE must be polling or webhook/],
    [{ PORT: '70000' }, /PORT must be a port number/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ STARTUP_TIMEOUT_SECONDS: '0' }, /STARTUP_TIMEOUT_SECONDS must be a whole number of seconds \(1–3600\)/],
    [{ TELEGRAM_API_ROOT: 'not a url' }, /TELEGRAM_API_ROOT must be a URL/],
    [{ BOT_MODE: 'webhook' }, /WEBHOOK_URL is required when BOT_MODE=webhook/],
    [{ BOT_MODE: 'webhook', WEBHOOK_URL: 'https://bot.example.org/tg' }, /WEBHOOK_SECRET is required/],
    [{ WEBHOOK_SECRET: 'short' }, /WEBHOOK_SECRET must be 16–256 characters/],
    [{ WEBAPP_URL: 'http://bot.example.org/app/' }, /WEBAPP_URL must be the public https:\/\/ address of the dashboard/],
    [{ WEBAPP_URL: 'bot.example.org/app' }, /WEBAPP_URL must be the public https:\/\/ address/],
  ])('rejects %o', (extra, expected) => {
    expect(errorOf({ BOT_TOKEN: TOKEN, ...extra })).toMatch(expected);
  });

  it('accepts a complete webhook configuration', () => {
    const c = loadConfig({
      BOT_TOKEN: TOKEN,
      BOT_MODE: 'webhook',
      WEBHOOK_URL: 'https://bot.example.org/tg',
      WEBHOOK_SECRET: 'abcdefghijklmnop',
      PORT: '3000',
    });
    expect(c).toMatchObject({ botMode: 'webhook', webhookUrl: 'https://bot.example.org/tg', port: 3000 });
  });

  it('takes WEBAPP_URL as the address of the dashboard, ending with a slash; empty means no dashboard', () => {
    expect(loadConfig({ BOT_TOKEN: TOKEN, WEBAPP_URL: 'https://bot.example.org/app' }).webappUrl).toBe('https://bot.example.org/app/');
    expect(loadConfig({ BOT_TOKEN: TOKEN, WEBAPP_URL: 'https://bot.example.org/app/' }).webappUrl).toBe('https://bot.example.org/app/');
    expect(loadConfig({ BOT_TOKEN: TOKEN, WEBAPP_URL: '' }).webappUrl).toBeUndefined();
  });
});
