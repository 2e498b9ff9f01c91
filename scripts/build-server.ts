/**
 * Compiles the bot for production (tsconfig.build.json → dist/src, what `npm start` runs), for the
 * tests' global setup and the benchmarks, which run the compiled bot as production does. `npm test`
 * runs two vitest processes at once and tsc writes its files in place, so a lock directory keeps a
 * second build from rewriting a file while the first one's processes read it; the second then finds
 * everything up to date and writes nothing.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../src/paths.js';

const LOCK = join(PROJECT_ROOT, 'dist/.build-lock');
/** A lock older than this was left by a build that died. */
const STALE_MS = 120_000;

export async function buildServer(): Promise<void> {
  mkdirSync(join(PROJECT_ROOT, 'dist'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_MS) rmSync(LOCK, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    await promisify(execFile)(process.execPath, [tsc, '-b', join(PROJECT_ROOT, 'tsconfig.build.json')], { cwd: PROJECT_ROOT });
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
