/**
 * Dashboard API benchmark: the real app (createApp, with WEBAPP_URL, so its HTTP server serves
 * the API) on a copy of the scale bloc (scripts/generate-scale.ts), against the fake Bot API, its
 * clock at SCALE_NOW. Each endpoint is called over HTTP, one call at a time, as the office and as a
 * secretary of a grassroots committee (init data signed with the bot token, as Telegram does):
 * p50 and p99 of the answer time, measured from the request to the last byte. Goal: p99 < 100 ms.
 *
 *   npm run bench:dashboard-api [-- --db data/scale.sqlite] [--regenerate] [--calls 200] [--warmup 20]
 *
 * The generator writes no outbox rows; to give notices delivery figures, the copy gets one 'sent'
 * private message per linked recipient of the latest 200 notices (what the sender would have
 * left). Every answer is checked: 200 and JSON (exit code 1 otherwise). Downloads are timed too:
 * making a link, and fetching the .xlsx of the office's largest table (meetings).
 */
import { copyFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../src/app.js';
import { AdjustableClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { closeDatabase, openDatabase } from '../src/db/connection.js';
import { createLogger } from '../src/logger.js';
import { FakeTelegram } from '../tests/fake-telegram/server.js';
import { tempDir } from '../tests/helpers/db.js';
import { initData } from '../tests/helpers/dashboard.js';
import { freePort } from '../tests/helpers/net.js';
import { ensureDatabase, fmt, percentile } from './bench-common.js';
import { SCALE_NOW } from './generate-scale.js';

const WEBAPP_URL = 'https://dashboard.example.org/app/';
const GOAL_P99_MS = 100;

/** One 'sent' private message per linked recipient of the latest notices, as the sender leaves them. */
function addDeliveries(path: string, notices: number): number {
  const db = openDatabase(path, { migrate: false });
  try {
    return db.$client
      .prepare(
        `insert or ignore into outbox (dedupe_key, chat_id, member_id, kind, text, priority, status, attempts, next_attempt_at, sent_at, source, source_id, created_at)
         select 'notice:' || r.notice_id || ':m:' || m.id, m.telegram_user_id, m.id, 'text', '', 5, 'sent', 1, n.released_at, n.released_at, 'notice', r.notice_id, n.released_at
         from notice_recipients r join members m on m.id = r.member_id join notices n on n.id = r.notice_id
         where m.telegram_user_id is not null and r.notice_id in (select id from notices order by id desc limit ?)`,
      )
      .run(notices).changes;
  } finally {
    closeDatabase(db);
  }
}

/** The Telegram ids the bench plays: an office account and the secretary of the first grassroots committee. */
function players(path: string): { office: number; secretary: number; committee: number } {
  const db = openDatabase(path, { migrate: false });
  try {
    const office = db.$client
      .prepare(`select m.telegram_user_id as id from members m join member_roles r on r.member_id = m.id where r.role = 'office' and m.telegram_user_id is not null order by m.id limit 1`)
      .get() as { id: number };
    const secretary = db.$client
      .prepare(
        `select m.telegram_user_id as id, b.id as branch from members m join member_roles r on r.member_id = m.id join branches b on b.id = m.branch_id
         where r.role = 'secretary' and b.kind = 'committee' and m.telegram_user_id is not null order by b.code limit 1`,
      )
      .get() as { id: number; branch: number };
    return { office: office.id, secretary: secretary.id, committee: secretary.branch };
  } finally {
    closeDatabase(db);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: 'data/scale.sqlite' },
      regenerate: { type: 'boolean', default: false },
      calls: { type: 'string', default: '200' },
      warmup: { type: 'string', default: '20' },
    },
  });
  const calls = Number(values.calls);
  const warmup = Number(values.warmup);
  const source = resolve(values.db!);
  ensureDatabase(source, values.regenerate!);
  const dir = tempDir('bloc-dashboard-');
  const dbPath = join(dir, 'bot.sqlite');
  copyFileSync(source, dbPath);
  const deliveries = addDeliveries(dbPath, 200);
  const who = players(dbPath);

  const fake = await FakeTelegram.start({ rateLimits: false });
  const port = await freePort();
  const config = loadConfig({
    BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    DATABASE_PATH: dbPath,
    WEBAPP_URL,
    PORT: String(port),
    LOG_LEVEL: 'silent',
  });
  const clock = new AdjustableClock(SCALE_NOW);
  const app = createApp(config, { clock, logger: createLogger({ level: 'silent', secrets: [config.botToken] }) });
  await app.start();
  const base = `http://127.0.0.1:${port}`;
  const problems: string[] = [];

  const s = app.services;
  const indicator = s.indicators.indicatorsOf(s.indicators.current()!.id)[0]!;
  const latestNotice = s.dashboard.latestNotices(null, 1)[0]!;
  const secretaryNotice = s.dashboard.latestNotices({ branchIds: s.branches.subtreeIds(who.committee) }, 1)[0]!;
  const cluster = s.branches.listClusters()[0]!;

  async function timed(as: number, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ ms: number; status: number; json: unknown }> {
    const authorization = `tma ${initData({ id: as, first_name: 'Bench' }, config.botToken, clock.now())}`;
    const started = performance.now();
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const ms = performance.now() - started;
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { ms, status: res.status, json };
  }

  async function measure(label: string, as: number, path: string, method: 'GET' | 'POST' = 'GET', body?: unknown): Promise<{ label: string; p50: number; p99: number; bytes: number }> {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < warmup + calls; i++) {
      const r = await timed(as, method, path, body);
      if (r.status !== 200 || r.json === null) {
        problems.push(`${label}: ${r.status} ${JSON.stringify(r.json)}`);
        break;
      }
      bytes = JSON.stringify(r.json).length;
      if (i >= warmup) times.push(r.ms);
    }
    return { label, p50: percentile(times, 50), p99: percentile(times, 99), bytes };
  }

  const endpoints = (committee: number, notice: number) => [
    ['me', '/app/api/me'],
    ['indicators', '/app/api/indicators'],
    ['indicators/:id', `/app/api/indicators/${indicator.id}`],
    ['indicators/:id/organisations/:orgId', `/app/api/indicators/${indicator.id}/organisations/${committee}`],
    ['reports', '/app/api/reports'],
    ['meetings', '/app/api/meetings'],
    ['notices', '/app/api/notices'],
    ['notices/:id', `/app/api/notices/${notice}`],
    ['notices/:id/organisations/:orgId', `/app/api/notices/${notice}/organisations/${committee}`],
    ['coverage', '/app/api/coverage'],
  ];

  const results: { who: string; label: string; p50: number; p99: number; bytes: number }[] = [];
  for (const [label, path] of endpoints(who.committee, latestNotice.id)) results.push({ who: 'office', ...(await measure(label!, who.office, path!)) });
  results.push({ who: 'office', ...(await measure('coverage?cluster=…', who.office, `/app/api/coverage?cluster=${cluster.id}`)) });
  results.push({ who: 'office', ...(await measure('meetings?cluster=…', who.office, `/app/api/meetings?cluster=${cluster.id}`)) });
  for (const [label, path] of endpoints(who.committee, secretaryNotice.id)) results.push({ who: 'secretary', ...(await measure(label!, who.secretary, path!)) });
  results.push({ who: 'office', ...(await measure('POST downloads (meetings)', who.office, '/app/api/downloads', 'POST', { path: '/app/api/meetings' })) });

  // The workbook of the office's largest table, through a link.
  const link = (await timed(who.office, 'POST', '/app/api/downloads', { path: '/app/api/meetings' })).json as { url: string };
  const xlsxTimes: number[] = [];
  for (let i = 0; i < 3 + 20; i++) {
    const started = performance.now();
    const res = await fetch(link.url.replace(WEBAPP_URL, `${base}/app/`));
    const size = (await res.arrayBuffer()).byteLength;
    if (res.status !== 200 || size === 0) problems.push(`download: ${res.status}`);
    if (i >= 3) xlsxTimes.push(performance.now() - started);
  }

  await app.stop();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });

  console.log(`\nDashboard API on the scale bloc (${deliveries.toLocaleString('en-US')} delivered notice messages added), ${calls} calls each after ${warmup} warm-up, one at a time:\n`);
  console.log(`| viewer | endpoint | p50 ms | p99 ms | JSON bytes |`);
  console.log(`| --- | --- | ---: | ---: | ---: |`);
  for (const r of results) console.log(`| ${r.who} | ${r.label} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${r.bytes.toLocaleString('en-US')} |`);
  console.log(`| office | GET download (meetings .xlsx) | ${fmt(percentile(xlsxTimes, 50))} | ${fmt(percentile(xlsxTimes, 99))} | |`);
  const slow = results.filter((r) => r.p99 >= GOAL_P99_MS);
  console.log(`\nGoal p99 < ${GOAL_P99_MS} ms: ${slow.length === 0 ? 'met by every endpoint' : `missed by ${slow.map((r) => `${r.who} ${r.label}`).join(', ')}`}`);
  if (problems.length) {
    console.error(`\nProblems:\n${problems.slice(0, 20).join('\n')}`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
