/**
 * The import stall benchmark as the README runs it (scripts/bench-import-stall.ts), shortened: it
 * must generate the scale bloc, export it with the CLI, import it back with the CLI while the real
 * bot answers members, and print the waits. The figures are not asserted (they depend on the
 * machine); the table, the import's success and the exit code are.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
let dir: string;
let run: { code: number | null; stdout: string; stderr: string };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bench-import-stall-'));
  run = await new Promise((done) => {
    const args = ['--db', join(dir, 'scale.sqlite'), '--only', 'unchanged', '--readers', '2', '--writers', '1', '--before', '1500', '--after', '500'];
    // A process group of its own, so that a timeout also stops the bot and CLI processes it started.
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench-import-stall.ts', ...args], { cwd: ROOT, detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 150_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}, 160_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run bench:import-stall', () => {
  it('imports the whole bloc with the CLI while the bot answers, and prints the waits before and during the import', () => {
    expect(run.stderr).not.toMatch(/Error|PROBLEM|FAILED/);
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toContain('Whole-bloc CLI import (100 branches, 7,000 members) while 2 members ask lookups and 1 switch their language');
    for (const kind of ['lookups \\(/chitieu, /tim, text\\)', 'language switch \\(a write\\)']) {
      expect(out).toMatch(
        new RegExp(`^\\| the export as it is \\(nothing changes\\) \\| [\\d.]+ s \\| ${kind} \\| [\\d,]+ \\| \\d[\\d,]* ms \\| [\\d,]+ ms \\| [\\d,]+ ms \\| [1-9][\\d,]* \\| [\\d,]+ ms \\| [\\d,]+ ms \\| [\\d,]+ ms \\| 0 \\|$`, 'm'),
      );
    }
    expect(out).toMatch(/^Longest wait of an update sent during an import: [\d,]+ ms; failed updates: 0$/m);
  });
});
