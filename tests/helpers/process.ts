/**
 * The bot as a real process, for the tests of start-up, configuration and stopping.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** The compiled bot (tsconfig.build.json; the tests' global setup builds it). */
export const MAIN = join(process.cwd(), 'dist/src/main.js');

/**
 * Starts the bot as `npm start` ends up running it, `node dist/src/main.js`, or with `npm`, through
 * `npm start` itself (its prestart build included). Only PATH, HOME and `env` are in its
 * environment; `cwd` is the project's unless given (a .env file is read from it).
 */
export function startProcess(env: Record<string, string>, { npm = false, cwd = process.cwd() } = {}) {
  const [command, args] = npm ? ['npm', ['start']] : [process.execPath, [MAIN]];
  const child = spawn(command, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A group of its own: the test can find and kill whatever the process started.
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
  const waitForOutput = async (pattern: RegExp, timeoutMs = 15_000) => {
    const until = Date.now() + timeoutMs;
    while (!pattern.test(stdout)) {
      if (Date.now() > until) throw new Error(`no ${pattern} in the output after ${timeoutMs} ms:\n${stdout}\n${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { child, exited, killAll, waitForOutput, output: () => ({ stdout, stderr }) };
}
