/**
 * The lookup benchmark as the README runs it (scripts/bench-lookups.ts), on a few updates per
 * scenario: it must generate the scale bloc the issue describes, drive the real bot and the echo
 * bot over HTTP, check every answer, and print the figures the README quotes. The figures
 * themselves are not asserted (they depend on the machine); their presence and the exit code are.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/db/connection.js';

const ROOT = resolve(import.meta.dirname, '../..');
let dir: string;
let run: { code: number | null; stdout: string; stderr: string };

/** Runs the bench in its own process group, so that a timeout also stops the bot processes it forked. */
function bench(args: string[], timeoutMs: number): Promise<typeof run> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench-lookups.ts', ...args], { cwd: ROOT, detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bench-lookups-'));
  run = await bench(['--db', join(dir, 'scale.sqlite'), '--warmup', '3', '--sequential', '10', '--burst', '20', '--bursts', '1'], 170_000);
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run bench:lookups', () => {
  it('runs every lookup through the real bot and the echo bot, checks the answers and prints the figures', () => {
    expect(run.stderr).not.toMatch(/Error|PROBLEMS/);
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toMatch(/Scale bloc: 100 branches, 7,000 members \([\d,]+ linked\), [\d,]+ meetings, 22 indicators with [\d,]+ reports, 10,000 notices/);
    expect(out).toMatch(/Start-up, createApp → first getUpdates held by the fake: [\d,]+ ms/);
    // npm start's processes but npm's client: the compiled bot alone, and nothing left after SIGTERM.
    expect(out).toMatch(/^npm start, every process it runs but npm's own client \(node [^)]*?: [\d.]+ MB\): [\d.]+ MB idle after start-up .*SIGTERM to the process npm started: all stopped in [\d,]+ ms, nothing left running$/m);
    expect(out).toMatch(/Bot process tree RSS \(1 process, compiled, plain node\): [\d.]+ MB idle after start-up, [\d.]+ MB peak under load/);
    for (const scenario of ['/lichhop', '/chitieu', '/tim hoc tap nghi quyet', 'text "lịch họp tuần này"', 'text "sinh hoat chuyen de"', '/trogiup']) {
      // name | calls | p50 | p99 | max | in bot p50 | in bot p99 | updates/s | echo bot alongside | of echo | …
      expect(out).toMatch(
        new RegExp(`^\\| ${scenario.replace(/[/"]/g, '\\$&')}[^|]* \\| [\\d–]+ \\| \\d+ ms \\| \\d+ ms \\| \\d+ ms \\| [\\d.]+ ms \\| [\\d.]+ ms \\| [\\d,]+ \\| [\\d,]+ \\| [\\d.]+ % \\|`, 'm'),
      );
      expect(out).toMatch(new RegExp(`^Bot CPU per update in the bursts, ${scenario.replace(/[/"]/g, '\\$&')}.*?: [\\d.]+ ms \\(echo bot alongside: [\\d.]+ ms`, 'm'));
    }
    // The echo bot's own phase: its figures, and its rate over the bursts alongside the scenarios.
    expect(out).toMatch(/^\| bare grammY echo bot \(its own phase; alongside the scenarios: [\d,]+\) \| [\d–]+ \| \d+ ms \| \d+ ms \| \d+ ms \| [\d.]+ ms \| [\d.]+ ms \| [\d,]+ \| \| \|/m);
    expect(out).toMatch(/Goal p99 < 20 ms one at a time, every lookup: (met|NOT met) \(highest: \d+ ms/);
    expect(out).toMatch(/Goal ≥ 30 % of the echo bot's updates\/s \(its bursts alongside\), every lookup: (met|NOT met) \(lowest: [\d.]+ %, .+; highest: [\d.]+ %/);
    expect(out).toMatch(/Goal ≥ 80 % of the echo bot's updates\/s \(its bursts alongside\), \/trogiup.*: (met|NOT met) \([\d.]+ %\)/);
    // /trogiup against a bare grammY bot sending the very same reply (the bench checks it is the same).
    expect(out).toMatch(/^\/trogiup.* against a bare grammY bot sending the same reply \(text, HTML, button\), their bursts alternating: [\d,]+ against [\d,]+ updates\/s, [\d.]+ %/m);
    // The scale bloc starts with nothing due: no reminder or nudge slipped into the figures.
    expect(out).toContain('Other Bot API calls during the runs (reminders, nudges…): none');
  });

  it('generated the bloc the issue asks for', () => {
    const db = openDatabase(join(dir, 'scale.sqlite'), { migrate: false });
    try {
      const one = <T>(sql: string) => db.$client.prepare(sql).get() as T;
      expect(one<{ n: number }>('select count(*) as n from branches').n).toBe(100);
      expect(one<{ n: number }>('select count(*) as n from members where branch_id is not null').n).toBe(7000);
      expect(one<{ n: number }>("select count(*) as n from notices where status = 'sent'").n).toBe(10_000);
      // Ten years of monthly meetings for every branch: the fewest months with a meeting, over all branches.
      const months = one<{ least: number }>(
        `select min(n) as least from (select b.id, count(distinct strftime('%Y-%m', m.starts_at / 1000, 'unixepoch')) as n
           from branches b left join meetings m on m.branch_id = b.id and m.series_id is not null group by b.id)`,
      );
      expect(months.least).toBeGreaterThanOrEqual(120);
      // Two terms, each with reports for every quarter it has run through.
      const terms = db.$client
        .prepare(
          `select r.id, count(distinct ir.period) as periods, count(distinct ir.branch_id) as branches
             from resolutions r join indicators i on i.resolution_id = r.id join indicator_reports ir on ir.indicator_id = i.id group by r.id`,
        )
        .all() as { periods: number; branches: number }[];
      expect(terms).toHaveLength(2);
      for (const t of terms) {
        expect(t.periods).toBeGreaterThanOrEqual(4);
        expect(t.branches).toBe(80);
      }
      // Everything is in the search index the lookups use.
      expect(one<{ n: number }>("select count(*) as n from search_index where kind = 'notice'").n).toBe(10_000);
    } finally {
      closeDatabase(db);
    }
  });
});
