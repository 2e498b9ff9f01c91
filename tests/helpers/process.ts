/**
 * The bot as a real process, for the tests of start-up, configuration and stopping.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const TSX = join(process.cwd(), 'node_modules/.bin/tsx');
const MAIN = join(process.cwd(), 'src/main.ts');

/**
 * Starts `tsx src/main.ts` as `npm start` does, or with `direct`, `node --import tsx src/main.ts`:
 * the same program without the relaying tsx process (quicker to start), for tests that do not stop
 * it with a signal. Only PATH, HOME and `env` are in its environment; `cwd` is the project's unless
 * given (a .env file is read from it).
 */
export function startProcess(env: Record<string, string>, { direct = false, cwd = process.cwd() } = {}) {
  const [command, args] = direct ? [process.execPath, ['--import', 'tsx', MAIN]] : [TSX, [MAIN]];
  const child = spawn(command, args, {
    cwd,
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
  const waitForOutput = async (pattern: RegExp, timeoutMs = 15_000) => {
    const until = Date.now() + timeoutMs;
    while (!pattern.test(stdout)) {
      if (Date.now() > until) throw new Error(`no ${pattern} in the output after ${timeoutMs} ms:\n${stdout}\n${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { child, exited, killAll, waitForOutput, output: () => ({ stdout, stderr }) };
}
