/**
 * The real process, as `npm start` runs it: configuration errors, start-up against the fake Bot API,
 * an answer to /start, and a clean stop on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeTelegram } from '../fake-telegram/server.js';
import { privateChat, user } from '../fake-telegram/updates.js';
import { tempDir } from '../helpers/db.js';

const TSX = join(process.cwd(), 'node_modules/.bin/tsx');

function startProcess(env: Record<string, string>) {
  const child = spawn(TSX, ['src/main.ts'], {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // tsx runs the bot in a child process: a group of its own lets the test kill both.
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const killAll = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  return { child, exited, killAll, output: () => ({ stdout, stderr }) };
}

describe('the bot process', () => {
  it('stops with one line naming the variable when the configuration is wrong', async () => {
    const dir = tempDir();
    const p = startProcess({ DATABASE_PATH: join(dir, 'x.sqlite'), ADMIN_IDS: '1,2' });
    expect(await p.exited).toBe(1);
    const { stderr, stdout } = p.output();
    expect(stderr.trim()).toBe('Configuration error: BOT_TOKEN is required: the token BotFather gave you (digits:letters)');
    expect(stdout).toBe('');
  });

  it('starts, answers /start, never logs the token, and stops cleanly on SIGTERM', async () => {
    const fake = await FakeTelegram.start();
    const dir = tempDir();
    const p = startProcess({
      BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      DATABASE_PATH: join(dir, 'nested', 'bot.sqlite'),
      LOG_LEVEL: 'debug',
    });
    try {
      await fake.waitFor('deleteWebhook', undefined, { timeoutMs: 15_000 });
      const stranger = user(9001);
      fake.sendText(stranger, privateChat(stranger), '/start');
      const reply = await fake.waitFor('sendMessage', (params) => params.chat_id === stranger.id, { timeoutMs: 10_000 });
      expect(String(reply.params.text)).toContain('đường liên kết mời');
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
      const { stdout } = p.output();
      expect(stdout).toContain('"msg":"bot started"');
      expect(stdout).toContain('"msg":"bot stopped"');
      expect(stdout).not.toContain(fake.token.split(':')[1]);
    } finally {
      p.killAll();
      await fake.close();
    }
  }, 30_000);

  it('says clearly when Telegram refuses the token, without printing it', async () => {
    const fake = await FakeTelegram.start();
    const wrong = '999999:WRONG-token-abcdefghijklmnopqrstuvwxyz';
    const p = startProcess({ BOT_TOKEN: wrong, TELEGRAM_API_ROOT: fake.apiRoot, DATABASE_PATH: join(tempDir(), 'b.sqlite') });
    try {
      expect(await p.exited).toBe(1);
      const { stdout } = p.output();
      expect(stdout).toContain('could not start the bot');
      expect(stdout).toContain('401');
      expect(stdout).not.toContain('WRONG-token');
    } finally {
      p.killAll();
      await fake.close();
    }
  }, 30_000);
});
