/** A CLI over a fresh temporary database, with captured output, for in-process command tests. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { ManualClock } from '../../src/clock.js';
import { createCliContext, type CliContext } from '../../src/cli/context.js';
import { runCli } from '../../src/cli/main.js';

export const FIXTURES = resolve(import.meta.dirname, '../fixtures');
/** 10h00 on 30/06/2025 in Hanoi. */
export const NOW = '2025-06-30T03:00:00Z';

export interface TestCli {
  dir: string;
  dbPath: string;
  clock: ManualClock;
  ctx: CliContext;
  /** Runs one command line; output of this run only. */
  run(...argv: string[]): Promise<{ code: number; out: string; err: string }>;
  /** The database and services, opened by the context (closed again by the next run). */
  open(): ReturnType<CliContext['open']>;
  path(name: string): string;
  cleanup(): void;
}

export function makeCli(env: Record<string, string> = {}): TestCli {
  const dir = mkdtempSync(join(tmpdir(), 'cli-test-'));
  const dbPath = join(dir, 'bot.sqlite');
  const clock = new ManualClock(NOW);
  let out: string[] = [];
  let err: string[] = [];
  const ctx = createCliContext({
    env: { DATABASE_PATH: dbPath, TIMEZONE: 'Asia/Ho_Chi_Minh', ...env },
    clock,
    actor: { source: 'cli', user: 'test' },
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  return {
    dir,
    dbPath,
    clock,
    ctx,
    async run(...argv) {
      out = [];
      err = [];
      const code = await runCli(argv, ctx);
      return { code, out: out.join('\n'), err: err.join('\n') };
    },
    open: () => ctx.open(),
    path: (name) => join(dir, name),
    cleanup() {
      ctx.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes an .xlsx with the given sheets (first row of each = headers). */
export async function writeWorkbook(path: string, sheets: Record<string, (string | number | null)[][]>): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = workbook.addWorksheet(name);
    for (const row of rows) ws.addRow(row);
  }
  await workbook.xlsx.writeFile(path);
}

/** Writes a CSV file (UTF-8 with BOM unless told otherwise) and returns its path. */
export function writeCsvFile(path: string, lines: string[], options: { bom?: boolean } = {}): string {
  const text = `${lines.join('\n')}\n`;
  writeFileSync(path, options.bom === false ? text : `\ufeff${text}`, 'utf8');
  return path;
}
