/**
 * The real process reading its configuration from a .env file in its working directory: the values
 * are used, the environment wins over the file, a bad value or a malformed line stops it with one
 * line, and the token is never printed.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeTelegram } from '../fake-telegram/server.js';
import { privateChat, user } from '../fake-telegram/updates.js';
import { tempDir } from '../helpers/db.js';
import { startProcess } from '../helpers/process.js';


function dirWithEnvFile(lines: string[]): string {
  const dir = tempDir();
  writeFileSync(join(dir, '.env'), `${lines.join('\n')}\n`);
  return dir;
}

describe('configuration from a .env file (the real process)', () => {
  it('reads the token, API root and admins from .env; the environment wins over it for the database and a bad value', async () => {
    const fake = await FakeTelegram.start();
    const dir = dirWithEnvFile([
      '# Bot configuration',
      `BOT_TOKEN=${fake.token}`,
      `TELEGRAM_API_ROOT=${fake.apiRoot}`,
      'DATABASE_PATH=./from-env-file.sqlite',
      'ADMIN_IDS=9911',
      'ACK_NUDGE_HOURS=not-a-number',
      'LOG_LEVEL=debug',
    ]);
    const p = startProcess({ DATABASE_PATH: join(dir, 'from-environment.sqlite'), ACK_NUDGE_HOURS: '6' }, { cwd: dir });
    try {
      await fake.waitFor('deleteWebhook', undefined, { timeoutMs: 15_000 });
      // ADMIN_IDS came from the file: user 9911 is greeted as a member, not told how to get access.
      const admin = user(9911);
      fake.sendText(admin, privateChat(admin), '/start');
      // (The wall clock may be past 07:00: the office's digest can come first.)
      const reply = await fake.waitFor('sendMessage', (params) => params.chat_id === admin.id && String(params.text).startsWith('Xin chào'), {
        timeoutMs: 10_000,
      });
      expect(String(reply.params.text)).toContain('Xin chào đồng chí');
      expect(String(reply.params.text)).not.toContain('đường liên kết mời');
      expect(existsSync(join(dir, 'from-environment.sqlite'))).toBe(true);
      expect(existsSync(join(dir, 'from-env-file.sqlite'))).toBe(false);
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
      const { stdout, stderr } = p.output();
      expect(stdout).toContain('"msg":"bot started"');
      expect(stdout + stderr).not.toContain(fake.token.split(':')[1]);
    } finally {
      p.killAll();
      await fake.close();
    }
  }, 30_000);

  it('a bad value in .env stops the process with one line naming the variable', async () => {
    const dir = dirWithEnvFile(['BOT_TOKEN=123456:TEST-token-abcdefghijklmnopqrstuvwxyz0123', 'ACK_NUDGE_HOURS=not-a-number']);
    const p = startProcess({}, { cwd: dir });
    expect(await p.exited).toBe(1);
    expect(p.output()).toEqual({ stdout: '', stderr: 'Configuration error: ACK_NUDGE_HOURS must be a number of hours\n' });
  }, 30_000);

  it('a malformed token in .env is named, never printed', async () => {
    const dir = dirWithEnvFile(['BOT_TOKEN=this-secret-is-not-a-token-at-all']);
    const p = startProcess({ DATABASE_PATH: join(dir, 'x.sqlite') }, { cwd: dir });
    expect(await p.exited).toBe(1);
    const { stdout, stderr } = p.output();
    expect(stderr).toBe('Configuration error: BOT_TOKEN must look like 123456789:AA… (the token BotFather gave you)\n');
    expect(stdout + stderr).not.toContain('this-secret');
  }, 30_000);

  it('a malformed line in .env stops the process with its line number, not its text (it may hold the token)', async () => {
    const secret = 'TEST-token-abcdefghijklmnopqrstuvwxyz0123';
    const dir = dirWithEnvFile(['# Bot configuration', `BOT_TOKEN 123456:${secret}`, 'ADMIN_IDS=9911']);
    const p = startProcess({ DATABASE_PATH: join(dir, 'x.sqlite') }, { cwd: dir });
    expect(await p.exited).toBe(1);
    const { stdout, stderr } = p.output();
    expect(stderr).toBe('Configuration error: .env line 2 is not NAME=value (a comment starts with #)\n');
    expect(stdout + stderr).not.toContain(secret);
    expect(existsSync(join(dir, 'x.sqlite'))).toBe(false);
  }, 30_000);
});
