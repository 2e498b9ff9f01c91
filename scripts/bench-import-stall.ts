/**
 * Import stall benchmark: how long members wait for the bot while the office imports the whole
 * bloc with the CLI. The real bot (scripts/bench-lookups-bot.ts: createApp on a copy of the scale
 * bloc) runs against the fake Bot API; members keep sending it updates; meanwhile
 * `npm run cli -- import` (a process of its own, as an operator runs it) imports an export of the
 * whole bloc: 100 branches and 7,000 members.
 *
 *   npm run bench:import-stall [-- --db data/scale.sqlite] [--regenerate] [--readers 6] [--writers 2]
 *                              [--before 3000] [--after 3000] [--only unchanged|changed]
 *
 * Two imports, each on a fresh copy of the bloc: the export as it is (every row unchanged: the
 * import reads and compares everything, and writes next to nothing), and the export with every
 * member's name changed (7,000 updates, each re-indexed for search: the heaviest whole-bloc
 * import). Members, in closed loops (each sends its next update when the previous one is
 * answered): `--readers` ask lookups (/chitieu, /tim, a plain-text search: the bot writes nothing
 * for them) and `--writers` switch their language (/ngonngu en, /ngonngu vi: a write). The wait of
 * an update runs from pushing it to the fake receiving the bot's answer. Reported per kind of
 * update: the updates sent before the import, and those sent while the import process ran
 * (start-up of Node and tsx and reading the workbook included), with their longest wait: the stall.
 * An update that gets the bot's apology, or no answer within 30 s, is a failure (exit code 1).
 */
import { spawn } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { FakeTelegram } from '../tests/fake-telegram/server.js';
import { tempDir } from '../tests/helpers/db.js';
import { benchUsers, BotProcess, ensureDatabase, ERROR_TEXT, fmt, percentile, updateFor } from './bench-common.js';
import { SCALE_NOW } from './generate-scale.js';

const ROOT = resolve(import.meta.dirname, '..');
const ANSWER_TIMEOUT_MS = 30_000;

type Kind = 'lookup' | 'write';

interface Sample {
  kind: Kind;
  text: string;
  /** Pushed at (ms since the epoch, as the fake records calls). */
  at: number;
  waitMs: number;
  problem: string | null;
}

interface ImportRun {
  startedAt: number;
  endedAt: number;
  code: number | null;
  output: string;
}

function options() {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: 'data/scale.sqlite' },
      regenerate: { type: 'boolean', default: false },
      readers: { type: 'string', default: '6' },
      writers: { type: 'string', default: '2' },
      before: { type: 'string', default: '3000' },
      after: { type: 'string', default: '3000' },
      only: { type: 'string' },
    },
  });
  const n = (name: string, v: string | undefined, min = 0) => {
    const x = Number(v);
    if (!Number.isInteger(x) || x < min) throw new Error(`--${name} must be a whole number of at least ${min}`);
    return x;
  };
  if (values.only && values.only !== 'unchanged' && values.only !== 'changed') throw new Error('--only must be unchanged or changed');
  return {
    db: resolve(values.db),
    regenerate: values.regenerate,
    readers: n('readers', values.readers),
    writers: n('writers', values.writers),
    beforeMs: n('before', values.before, 500),
    afterMs: n('after', values.after, 500),
    only: values.only as 'unchanged' | 'changed' | undefined,
  };
}

/** Runs the admin CLI as `npm run cli` does (compiled, plain node), on the given database. */
function cli(databasePath: string, args: string[]): { done: Promise<ImportRun> } {
  const startedAt = Date.now();
  const child = spawn(process.execPath, ['dist/src/cli/main.js', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_PATH: databasePath, TIMEZONE: 'Asia/Ho_Chi_Minh' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return { done: new Promise((done) => child.on('exit', (code) => done({ startedAt, endedAt: Date.now(), code, output }))) };
}

/** The export with every member's name changed: every member row is an update. */
async function withEveryNameChanged(from: string, to: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(from);
  const sheet = workbook.getWorksheet('Đảng viên');
  if (!sheet) throw new Error(`no "Đảng viên" sheet in ${from}`);
  sheet.eachRow((row, n) => {
    if (n > 1) row.getCell(2).value = `${String(row.getCell(2).value)} Mới`;
  });
  await workbook.xlsx.writeFile(to);
}

/** One member in a closed loop: sends, waits for the answer, sends again, until told to stop. */
async function member(fake: FakeTelegram, userId: number, kind: Kind, texts: string[], running: () => boolean, samples: Sample[]): Promise<void> {
  for (let i = 0; running(); i++) {
    const text = texts[i % texts.length]!;
    const mark = fake.mark();
    const at = Date.now();
    fake.pushUpdate(updateFor(userId, text));
    let problem: string | null = null;
    let waitMs: number;
    try {
      const call = await fake.waitFor('sendMessage', (p) => Number(p.chat_id) === userId, { after: mark, timeoutMs: ANSWER_TIMEOUT_MS });
      waitMs = call.at - at;
      if (!call.response.ok) problem = `refused: ${call.response.description}`;
      else if (String(call.params.text).includes(ERROR_TEXT)) problem = 'error reply';
    } catch {
      waitMs = Date.now() - at;
      problem = `no answer in ${ANSWER_TIMEOUT_MS / 1000} s`;
    }
    samples.push({ kind, text, at, waitMs, problem });
  }
}

interface VariantResult {
  name: string;
  run: ImportRun;
  samples: Sample[];
}

async function runVariant(
  name: string,
  scaleDb: string,
  workbook: string,
  opts: ReturnType<typeof options>,
): Promise<VariantResult> {
  const dir = tempDir('bloc-import-stall-');
  const dbPath = join(dir, 'bot.sqlite');
  copyFileSync(scaleDb, dbPath);
  const users = benchUsers(dbPath).all;
  // The waits measured are the database's, not Telegram's limits: the fake's are off.
  const fake = await FakeTelegram.start({ rateLimits: false });
  const bot = await BotProcess.spawn('app', { BENCH_API_ROOT: fake.apiRoot, BENCH_TOKEN: fake.token, BENCH_DB: dbPath, BENCH_NOW: SCALE_NOW });
  try {
    await bot.started();
    const samples: Sample[] = [];
    let running = true;
    const lookups = ['/chitieu', '/tim hoc tap nghi quyet', 'sinh hoat chuyen de'];
    const members = [
      ...Array.from({ length: opts.readers }, (_, i) => member(fake, users[i]!, 'lookup', lookups, () => running, samples)),
      ...Array.from({ length: opts.writers }, (_, i) =>
        member(fake, users[opts.readers + i]!, 'write', ['/ngonngu en', '/ngonngu vi'], () => running, samples),
      ),
    ];
    await new Promise((r) => setTimeout(r, opts.beforeMs));
    console.error(`  ${name}: importing…`);
    const run = await cli(dbPath, ['import', workbook]).done;
    await new Promise((r) => setTimeout(r, opts.afterMs));
    running = false;
    await Promise.all(members);
    // The first updates warm the bot up (first queries, first menus): not counted.
    const warm = samples.filter((s) => s.at >= samples[0]!.at + 1000);
    return { name, run, samples: warm };
  } finally {
    await bot.stop();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function describeWaits(samples: Sample[]): string {
  if (samples.length === 0) return '| 0 | | | |';
  const waits = samples.map((s) => s.waitMs);
  return `| ${fmt(samples.length, 0)} | ${fmt(percentile(waits, 50), 0)} ms | ${fmt(percentile(waits, 99), 0)} ms | ${fmt(Math.max(...waits), 0)} ms |`;
}

async function main(): Promise<void> {
  const opts = options();
  ensureDatabase(opts.db, opts.regenerate);
  const dir = tempDir('bloc-import-stall-');
  const exported = join(dir, 'bloc.xlsx');
  const changed = join(dir, 'bloc-changed.xlsx');
  const copy = join(dir, 'export.sqlite');
  copyFileSync(opts.db, copy);
  const exporting = await cli(copy, ['export', exported]).done;
  if (exporting.code !== 0) throw new Error(`export failed:\n${exporting.output}`);
  await withEveryNameChanged(exported, changed);

  console.log(
    `Whole-bloc CLI import (100 branches, 7,000 members) while ${opts.readers} members ask lookups and ${opts.writers} switch their language, each in a closed loop`,
  );
  const variants: [string, string][] = [
    ['unchanged', exported],
    ['changed', changed],
  ];
  const results: VariantResult[] = [];
  for (const [name, workbook] of variants.filter(([n]) => !opts.only || n === opts.only)) {
    results.push(await runVariant(name, opts.db, workbook, opts));
  }
  rmSync(dir, { recursive: true, force: true });

  console.log('');
  console.log('| import | import process | kind of update | sent before the import | p50 | p99 | max | sent during the import | p50 | p99 | max (the stall) | failed |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  let failures = 0;
  for (const r of results) {
    const label = r.name === 'unchanged' ? 'the export as it is (nothing changes)' : "every member's name changed (7,000 updates)";
    const seconds = `${fmt((r.run.endedAt - r.run.startedAt) / 1000, 1)} s${r.run.code === 0 ? '' : `, exit code ${r.run.code}`}`;
    for (const kind of ['lookup', 'write'] as const) {
      const mine = r.samples.filter((s) => s.kind === kind);
      const before = mine.filter((s) => s.at < r.run.startedAt);
      const during = mine.filter((s) => s.at >= r.run.startedAt && s.at <= r.run.endedAt);
      const failed = mine.filter((s) => s.problem);
      failures += failed.length;
      const kindLabel = kind === 'lookup' ? 'lookups (/chitieu, /tim, text)' : 'language switch (a write)';
      console.log(`| ${label} | ${seconds} | ${kindLabel} ${describeWaits(before)} ${describeWaits(during).slice(2)} ${failed.length} |`);
    }
    if (r.run.code !== 0 || !r.run.output.includes('Đã nhập xong')) {
      console.log(`IMPORT FAILED (${r.name}):\n${r.run.output}`);
      failures++;
    }
  }
  console.log('');
  const problems = results.flatMap((r) => r.samples.filter((s) => s.problem).map((s) => `${r.name}: ${s.text}: ${s.problem}`));
  for (const p of [...new Set(problems)]) console.log(`PROBLEM ${p}`);
  const stall = Math.max(
    ...results.flatMap((r) => r.samples.filter((s) => s.at >= r.run.startedAt && s.at <= r.run.endedAt).map((s) => s.waitMs)),
  );
  console.log(`Longest wait of an update sent during an import: ${fmt(stall, 0)} ms; failed updates: ${failures}`);
  if (failures > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
