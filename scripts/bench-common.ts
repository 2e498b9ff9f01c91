/**
 * What the benchmarks share (scripts/bench-lookups.ts, scripts/bench-import-stall.ts): the parent's
 * handle on the bot process they fork (scripts/bench-lookups-bot.ts, compiled and run with plain
 * node as production runs the bot), the scale bloc, the users they play, and how figures are printed.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Translator } from '../src/bot/i18n.js';
import { closeDatabase, openDatabase } from '../src/db/connection.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { commandUpdate, privateChat, textMessage, user } from '../tests/fake-telegram/updates.js';
import type { ToChild, ToParent } from './bench-lookups-bot.js';
import { buildServer } from './build-server.js';
import { generateScale, readScaleMeta, removeDatabase, SCALE_NOW, SCALE_VERSION, type ScaleMeta } from './generate-scale.js';
import { processTree, resetPeaks, sumMemory, type ProcessInfo } from './process-tree.js';

/** The flags between `node` and the script in package.json's start command (e.g. --max-semi-space-size=1). */
export function startNodeFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const words = /\bnode\s+(.*?)\s+\S+\.js\b/.exec(scripts.start ?? '')?.[1]?.split(/\s+/) ?? [];
  return words.filter((w) => w.startsWith('--'));
}

/** Resident memory of a process and everything it started (Linux /proc), bytes. */
export interface TreeMemory {
  rss: number;
  /** The sum of each process's peak (VmHWM) since the last reset. */
  peak: number;
  processes: ProcessInfo[];
}

/** The parent's handle on a bot process. */
export class BotProcess {
  readonly done = new Map<number, number>();
  private waiters: { check: () => boolean; resolve: () => void }[] = [];
  private replies: ((m: ToParent) => void)[] = [];
  /** Replies that came before anyone asked for them (e.g. 'started'). */
  private inbox: ToParent[] = [];
  startingAt = 0;

  private constructor(readonly proc: ChildProcess) {
    proc.on('message', (m: ToParent) => {
      if (m.type === 'done') this.done.set(m.id, m.ms);
      else if (m.type === 'starting') this.startingAt = m.at;
      else {
        const reply = this.replies.shift();
        if (reply) reply(m);
        else this.inbox.push(m);
      }
      this.waiters = this.waiters.filter((w) => (w.check() ? (w.resolve(), false) : true));
    });
    proc.on('exit', (code) => {
      if (code !== 0 && code !== null) console.error(`bot process exited with ${code}`);
    });
  }

  /**
   * Compiles the bot (tsc -b: nothing to do when dist is fresh) and forks it with plain node, without
   * this process's tsx loader, and with the V8 flags `npm start` gives node (the echo bot too, so the
   * two are compared alike).
   */
  static async spawn(role: 'app' | 'echo', env: Record<string, string>, profileDir?: string): Promise<BotProcess> {
    await buildServer();
    const script = join(PROJECT_ROOT, 'dist/scripts/bench-lookups-bot.js');
    // BENCH_NODE_FLAGS: more V8 or node flags for an experiment (e.g. --trace-gc), after the start command's.
    const extra = process.env.BENCH_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? [];
    const execArgv = [...startNodeFlags(), ...extra, ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])];
    return new BotProcess(fork(script, [role], { env: { ...process.env, ...env }, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  }

  private next(): Promise<ToParent> {
    const early = this.inbox.shift();
    if (early) return Promise.resolve(early);
    return new Promise((resolve) => this.replies.push(resolve));
  }

  async started(): Promise<void> {
    const m = await this.next();
    if (m.type !== 'started') throw new Error(`bot process: expected started, got ${m.type}`);
  }

  /** Resolves when every given update has been handled (or rejects after timeoutMs). */
  handled(ids: readonly number[], timeoutMs = 120_000): Promise<void> {
    const check = () => ids.every((id) => this.done.has(id));
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${ids.filter((id) => !this.done.has(id)).length} updates not handled after ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ check, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  /**
   * The bot's process and every process it started, from /proc: what `npm start` would run (it
   * execs node), so a child process the bot came to start would be counted. `reset` starts the
   * peaks again from now.
   */
  memory(reset = false): TreeMemory {
    const processes = processTree(this.proc.pid!);
    if (processes.length === 0) throw new Error('bot process: gone');
    if (reset) resetPeaks(processes);
    return { ...sumMemory(processes), processes };
  }

  async stop(): Promise<void> {
    const reply = this.next();
    const exited = new Promise((resolve) => this.proc.once('exit', resolve));
    this.proc.send({ type: 'stop' } satisfies ToChild);
    await reply;
    await exited;
  }
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export const ERROR_TEXT = new Translator().t('vi', 'error-generic').value;

export function updateFor(userId: number, text: string): ReturnType<typeof textMessage> {
  const from = user(userId, { first_name: `Đảng viên ${userId}` });
  if (!text.startsWith('/')) return textMessage(from, privateChat(from), text);
  const [command, ...args] = text.slice(1).split(' ');
  return commandUpdate(from, privateChat(from), command!, args.join(' ') || undefined);
}

/** Linked plain members (no other role): subcell members first for /lichhop, everyone for the rest. */
export function benchUsers(path: string): { subcell: number[]; all: number[] } {
  const db = openDatabase(path, { migrate: false });
  try {
    const rows = db.$client
      .prepare(
        `select m.telegram_user_id as id, b.kind as kind from members m join branches b on b.id = m.branch_id
         where m.status = 'active' and m.telegram_user_id is not null
           and not exists (select 1 from member_roles r where r.member_id = m.id and r.role <> 'member')
         order by m.id`,
      )
      .all() as { id: number; kind: string }[];
    return { subcell: rows.filter((r) => r.kind === 'subcell').map((r) => r.id), all: rows.map((r) => r.id) };
  } finally {
    closeDatabase(db);
  }
}

/** The scale bloc at `path`, generated when missing or made by another version of the generator. */
export function ensureDatabase(path: string, regenerate: boolean): ScaleMeta {
  const meta = readScaleMeta(path);
  if (!regenerate && meta && meta.version === SCALE_VERSION && meta.now === SCALE_NOW) {
    console.error(`Using the scale bloc in ${path} (generated in ${meta.seconds.toFixed(1)} s; --regenerate to rebuild it)`);
    // Migrations added since it was generated are applied here, once, rather than at every start.
    closeDatabase(openDatabase(path));
    return meta;
  }
  console.error(`Generating the scale bloc in ${path}…`);
  removeDatabase(path);
  const made = generateScale(path, { log: (line) => console.error(line) });
  console.error(`  done in ${made.seconds.toFixed(1)} s`);
  return made;
}
