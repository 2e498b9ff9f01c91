/**
 * The real process, as `npm start` runs it (`node dist/src/main.js`, and `npm start` itself):
 * configuration errors, start-up against the fake Bot API, an answer to /start, and a clean stop
 * on SIGTERM with nothing left running.
 */
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeTelegram } from '../fake-telegram/server.js';
import { privateChat, user } from '../fake-telegram/updates.js';
import { tempDir } from '../helpers/db.js';
import { startProcess } from '../helpers/process.js';
import { processGroup, processTree } from '../../scripts/process-tree.js';


/** The JSON log lines of a process's stdout. */
function logLines(stdout: string): { level: number; msg: string; [key: string]: unknown }[] {
  return stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { level: number; msg: string });
}

/** A TCP server that accepts connections and never answers: an API root that hangs. */
async function silentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port on which nothing listens: connections are refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const FATAL = 60;

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

  // What `npm start` leaves running is the bot alone (the start script execs node, replacing npm's
  // shell; the prestart build's tsc and esbuild have exited), so a SIGTERM, to the bot or to npm,
  // reaches the bot, and nothing is left behind once npm has exited.
  it.each([
    ['the process npm started', (tree: ReturnType<typeof processTree>) => tree[1]!.pid],
    ['npm itself', (tree: ReturnType<typeof processTree>) => tree[0]!.pid],
  ])('npm start runs the compiled bot as its only process; SIGTERM to %s stops it cleanly and leaves no process', async (_name, target) => {
    const fake = await FakeTelegram.start();
    const p = startProcess({ BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, DATABASE_PATH: join(tempDir(), 'bot.sqlite') }, { npm: true });
    try {
      await p.waitForOutput(/"msg":"bot started"/, 45_000);
      await fake.waitForPendingPoll(10_000);
      const tree = processTree(p.child.pid!);
      expect(tree.map((t) => t.command)).toEqual(['npm start', 'node --max-semi-space-size=4 dist/src/main.js']);
      // A zombie has exited already: the parent that would reap it (e.g. esbuild's) ended first.
      const running = processGroup(p.child.pid!).filter((t) => t.state !== 'Z');
      expect(running.map((t) => t.pid).sort()).toEqual(tree.map((t) => t.pid).sort());
      process.kill(target(tree), 'SIGTERM');
      expect(await p.exited).toBe(0);
      const lines = logLines(p.output().stdout.split('\n').filter((l) => l.startsWith('{')).join('\n'));
      expect(lines.find((l) => l.msg === 'shutting down')).toMatchObject({ signal: 'SIGTERM' });
      expect(lines.at(-1)!.msg).toBe('bot stopped');
      expect(processGroup(p.child.pid!).filter((t) => t.state !== 'Z')).toEqual([]);
    } finally {
      p.killAll();
      await fake.close();
    }
  }, 60_000);

  it('with no office admin, logs one claim link; whoever opens it is the admin, and the next start logs none', async () => {
    const fake = await FakeTelegram.start();
    const env = { BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, DATABASE_PATH: join(tempDir(), 'bot.sqlite') };
    const first = startProcess(env);
    let second: ReturnType<typeof startProcess> | undefined;
    try {
      await first.waitForOutput(/"claimCode"/);
      const claims = logLines(first.output().stdout).filter((l) => 'claimCode' in l);
      expect(claims).toHaveLength(1);
      const code = String(claims[0]!.claimCode);
      expect(claims[0]!.claimLink).toBe(`https://t.me/test_party_bot?start=${code}`);
      expect(claims[0]!.msg).toContain(`https://t.me/test_party_bot?start=${code}`);
      const operator = user(9201, { first_name: 'Lan' });
      fake.sendText(operator, privateChat(operator), `/start ${code}`);
      const reply = await fake.waitFor('sendMessage', (p) => p.chat_id === operator.id, { timeoutMs: 10_000 });
      expect(String(reply.params.text)).toContain('Đồng chí <b>Lan</b> đã được ghi nhận là quản trị viên');
      first.killAll();
      await first.exited;

      second = startProcess(env);
      await second.waitForOutput(/"msg":"bot started"/);
      const welcome = fake.mark();
      fake.sendText(operator, privateChat(operator), '/start');
      const greeting = await fake.waitFor('sendMessage', (p) => p.chat_id === operator.id, { after: welcome, timeoutMs: 10_000 });
      expect(String(greeting.params.text)).toContain('Xin chào đồng chí <b>Lan</b>');
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
      await second.waitForOutput(/"msg":"bot stopped"/);
      expect(second.output().stdout).not.toContain('claimCode');
      expect(second.output().stdout).not.toContain(code);
    } finally {
      first.killAll();
      second?.killAll();
      await fake.close();
    }
  }, 60_000);

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

  it('refuses a second bot on the same database with one line, and a kill -9 leaves no lock behind', async () => {
    const fake = await FakeTelegram.start();
    const databasePath = join(tempDir(), 'bot.sqlite');
    const env = { BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, DATABASE_PATH: databasePath };
    const first = startProcess(env);
    let second: ReturnType<typeof startProcess> | undefined;
    let third: ReturnType<typeof startProcess> | undefined;
    try {
      await first.waitForOutput(/"msg":"bot started"/);
      second = startProcess(env);
      expect(await second.exited).toBe(1);
      const lines = logLines(second.output().stdout);
      expect(lines).toHaveLength(1);
      expect(lines[0]!.level).toBe(FATAL);
      expect(lines[0]!.msg).toMatch(
        new RegExp(`^Another bot process is already running on ${databasePath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(pid \\d+, started [^)]+\\)\\. Stop it first; run exactly one bot per database\\.$`),
      );
      expect(second.output().stderr).toBe('');
      // The second process never reached Telegram: one getMe, one getUpdates stream (the first's).
      expect(fake.callsTo('getMe')).toHaveLength(1);

      first.killAll();
      await first.exited;
      third = startProcess(env);
      await third.waitForOutput(/"msg":"bot started"/);
      const stranger = user(9101);
      fake.sendText(stranger, privateChat(stranger), '/start');
      const reply = await fake.waitFor('sendMessage', (p) => p.chat_id === stranger.id, { timeoutMs: 10_000 });
      expect(String(reply.params.text)).toContain('đường liên kết mời');
      third.child.kill('SIGTERM');
      expect(await third.exited).toBe(0);
    } finally {
      first.killAll();
      second?.killAll();
      third?.killAll();
      await fake.close();
    }
  }, 60_000);

  it.each([
    ['refuses connections', async () => ({ url: `http://127.0.0.1:${await closedPort()}`, close: async () => undefined })],
    ['never answers', silentServer],
  ])('says what it waits for when the API root %s, and stops after STARTUP_TIMEOUT_SECONDS with one line', async (_name, makeRoot) => {
    const root = await makeRoot();
    const p = startProcess(
      {
        BOT_TOKEN: '123456:TEST-token-abcdefghijklmnopqrstuvwxyz0123',
        TELEGRAM_API_ROOT: root.url,
        DATABASE_PATH: join(tempDir(), 'bot.sqlite'),
        STARTUP_TIMEOUT_SECONDS: '4',
      },
    );
    try {
      await p.waitForOutput(/waiting for Telegram/, 10_000);
      // Within the test's 30 s, so well before the default 60 s: the setting is what stopped it.
      expect(await p.exited).toBe(1);
      const { stdout, stderr } = p.output();
      expect(stderr).toBe('');
      const lines = logLines(stdout);
      expect(lines[0]!.msg).toBe(`waiting for Telegram at ${root.url} (getMe)…`);
      const retries = lines.filter((l) => l.msg.startsWith('Telegram did not answer getMe'));
      expect(retries.length).toBeGreaterThanOrEqual(1);
      const fatal = lines.filter((l) => l.level === FATAL);
      expect(fatal).toHaveLength(1);
      expect(fatal[0]!.msg).toMatch(new RegExp(`^Telegram did not answer at ${root.url.replace(/[.]/g, '\\.')} within 4 s \\(getMe, \\d+ attempts?; last: `));
      expect(lines.filter((l) => l.level >= 50)).toEqual(fatal);
      expect(stdout).not.toContain('TEST-token');
    } finally {
      p.killAll();
      await root.close();
    }
  }, 30_000);

  it('a second poller with the same token: the first stops with one structured line and exit code 1, no stack trace', async () => {
    const fake = await FakeTelegram.start();
    const env = (name: string) => ({ BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, DATABASE_PATH: join(tempDir(), name) });
    const first = startProcess(env('first.sqlite'));
    let second: ReturnType<typeof startProcess> | undefined;
    try {
      await first.waitForOutput(/"msg":"bot started"/);
      await fake.waitForPendingPoll(10_000);
      // Another database, same token: the lock cannot see it, Telegram answers the older poll 409.
      second = startProcess(env('second.sqlite'));
      expect(await first.exited).toBe(1);
      const { stdout, stderr } = first.output();
      expect(stderr).toBe('');
      const lines = logLines(stdout);
      const fatal = lines.filter((l) => l.level === FATAL);
      expect(fatal).toHaveLength(1);
      expect(fatal[0]!.msg).toBe(
        'Another process is polling Telegram with this bot token (409 Conflict): stopping. Run exactly one bot per token.',
      );
      expect(lines.at(-1)!.msg).toBe('bot stopped');
    } finally {
      first.killAll();
      second?.killAll();
      await fake.close();
    }
  }, 60_000);
});
