/**
 * Broadcast benchmark: a bloc-wide private notice to N linked members (default 7,000), sent by the
 * real delivery engine at Telegram's default limits to a fake Bot API that enforces those limits
 * (30/s overall, 1/s per private chat, 20/min per group) and answers 429 when they are exceeded.
 *
 *   npx tsx scripts/bench-broadcast.ts [--recipients 7000] [--latency 40-160] [--lose-answers 0]
 *   npm run bench:broadcast -- --recipients 300
 *
 * Latency is jittered by default: each call takes 40–160 ms (drawn per call), half of it before
 * the fake counts and performs the call, so evenly spaced departures arrive unevenly, as at
 * Telegram. `--latency 0` turns it off, `--latency 100` makes it fixed. `--lose-answers 0.01` loses
 * that share of answers after the message was stored (the engine resends: duplicates are
 * expected, and counted, but not a failure then).
 *
 * The notice goes through NoticeService (create the draft, confirm it), so the real dedupe keys
 * and rendering are used; the Sender runs with TELEGRAM_LIMITS (its rate adapting to the 429s)
 * on the real clock until every outbox row of the notice has settled. Prints throughput, 429s,
 * lost and duplicated chats and memory (the fake Bot API runs in the same process, so RSS
 * includes it), then issue 11's goal (≥ 27 msg/s average, < 0.5 % of sends answered 429, 0 lost,
 * 0 duplicated, with jitter on) and whether this run met it. Exits 1 if any recipient got nothing
 * or (without lost answers) got the notice more than once. With BENCH_TRACE=1 it also prints the adaptive rate every two seconds and the
 * spread of the gaps between departures.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Api } from 'grammy';
import { Translator } from '../src/bot/i18n.js';
import { NoticeRenderer } from '../src/bot/render/notice.js';
import { systemClock } from '../src/clock.js';
import { closeDatabase, openDatabase } from '../src/db/connection.js';
import { TELEGRAM_LIMITS } from '../src/delivery/pacing.js';
import { SendBudget } from '../src/delivery/budget.js';
import { Sender } from '../src/delivery/sender.js';
import { createTransport } from '../src/delivery/transport.js';
import { createLogger } from '../src/logger.js';
import { SYSTEM } from '../src/services/actor.js';
import { createServices } from '../src/services/index.js';
import { NOTICE_SOURCE } from '../src/services/notices.js';
import { FakeTelegram } from '../tests/fake-telegram/server.js';
import { tempDir } from '../tests/helpers/db.js';

const TELEGRAM_CEILING = 30;
/** Issue 11's goal for a whole-bloc broadcast with latency jitter on. */
const GOAL = { rate: 27, tooManyShare: 0.005 };
const FIRST_CHAT = 100_000_001;
const ADMIN_CHAT = 99_000_001;

interface BenchOptions {
  recipients: number;
  latency: { min: number; max: number };
  loseAnswers: number;
}

function options(): BenchOptions {
  const { values } = parseArgs({
    options: {
      recipients: { type: 'string', default: '7000' },
      latency: { type: 'string', default: '40-160' },
      'lose-answers': { type: 'string', default: '0' },
    },
  });
  const recipients = Number(values.recipients);
  const [min = NaN, max = min] = values.latency.split('-').map(Number);
  const loseAnswers = Number(values['lose-answers']);
  if (!Number.isInteger(recipients) || recipients < 1) throw new Error('--recipients must be a positive whole number');
  if (!(min !== undefined && min >= 0 && max >= min)) throw new Error('--latency must be milliseconds ≥ 0, or min-max');
  if (!(loseAnswers >= 0 && loseAnswers < 1)) throw new Error('--lose-answers must be a share between 0 and 1');
  return { recipients, latency: { min, max }, loseAnswers };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<number> {
  const { recipients, latency, loseAnswers } = options();
  const dir = tempDir('bloc-bench-');
  const fake = await FakeTelegram.start(); // Telegram's limits: 30/s, a private chat a burst of 5 then 1/s, 20/min per group
  fake.knowChats(ADMIN_CHAT, ...Array.from({ length: recipients }, (_, i) => FIRST_CHAT + i)); // members who started the bot
  fake.setLatency(latency);
  if (loseAnswers > 0) fake.loseAnswers('sendMessage', { rate: loseAnswers });
  const db = openDatabase(join(dir, 'bot.sqlite'));
  const services = createServices(db, systemClock, { noticeMessages: new NoticeRenderer(new Translator()) });

  // ---- the bloc: one office admin, N linked members in a few branches
  const setupStarted = Date.now();
  const admin = services.members.addAdmin(ADMIN_CHAT, 'Văn phòng Đảng ủy Khối', SYSTEM);
  const branchIds = Array.from(
    { length: 10 },
    (_, b) => services.branches.upsert({ code: `CB${b + 1}`, name: `Chi bộ số ${b + 1}`, kind: 'cell' }, SYSTEM).branch.id,
  );
  db.transaction(() => {
    for (let i = 0; i < recipients; i++) {
      services.members.create(
        {
          code: `DV${String(i + 1).padStart(5, '0')}`,
          fullName: `Đảng viên ${i + 1}`,
          branchId: branchIds[i % branchIds.length]!,
          roles: ['member'],
          telegramUserId: FIRST_CHAT + i,
        },
        SYSTEM,
      );
    }
  });
  const draft = services.notices.createDraft(
    admin,
    {
      kind: 'text',
      body: 'Đề nghị các chi bộ gửi <b>báo cáo quý IV</b> trước ngày 15/12.',
      title: 'Báo cáo quý IV',
      requireAck: true,
      audience: { scope: { type: 'bloc' }, people: 'all', channel: 'private' },
      scheduledAt: null,
    },
    SYSTEM,
  );
  const confirmed = services.notices.confirm(draft.id, admin, SYSTEM);
  if (!confirmed.ok || !confirmed.released) throw new Error(`the notice was not released: ${JSON.stringify(confirmed)}`);
  const queued = services.outbox.counts(NOTICE_SOURCE, draft.id);
  console.error(`set-up: ${queued.pending} messages queued in ${((Date.now() - setupStarted) / 1000).toFixed(1)} s; sending…`);

  // ---- the delivery engine, as the app runs it but at the default pace
  const budget = new SendBudget({ limits: TELEGRAM_LIMITS });
  const transport = createTransport({ budget });
  const sender = new Sender({
    outbox: services.outbox,
    budget,
    api: new Api(fake.token, { apiRoot: fake.apiRoot, fetch: transport.pushFetch as never }),
    clock: systemClock,
    logger: createLogger({ level: 'warn', secrets: [fake.token], destination: process.stderr }),
    hooks: {
      unreachable: (chatId) => services.members.markUnreachable(chatId),
      migrated: (oldId, newId) => void services.chats.migrate(oldId, newId, SYSTEM),
    },
  });
  const departures: number[] = [];
  if (process.env.BENCH_TRACE) {
    const take = budget.take.bind(budget);
    budget.take = (chatId, now) => {
      departures.push(now);
      take(chatId, now);
    };
  }
  let peakRss = process.memoryUsage().rss;
  const started = Date.now();
  sender.start();
  let lastReport = started;
  let lastTrace = started;
  let lastPushes = 0;
  while (!services.outbox.isSettled(NOTICE_SOURCE, draft.id)) {
    await new Promise((r) => setTimeout(r, 250));
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (process.env.BENCH_TRACE && Date.now() - lastTrace >= 2_000) {
      lastTrace = Date.now();
      console.error(`  t=${((lastTrace - started) / 1000).toFixed(0)} rate=${budget.pacer.rate.toFixed(2)} pushes=${budget.stats.pushes} (+${budget.stats.pushes - lastPushes}) 429=${fake.stats().tooMany}`);
      lastPushes = budget.stats.pushes;
    }
    if (Date.now() - lastReport >= 15_000) {
      lastReport = Date.now();
      const c = services.outbox.counts(NOTICE_SOURCE, draft.id);
      const s = (lastReport - started) / 1000;
      console.error(`  ${c.sent}/${c.total} sent after ${s.toFixed(0)} s (${(c.sent / s).toFixed(1)}/s), 429s so far: ${fake.stats().tooMany}`);
    }
  }
  const sendCalls = fake.callsTo('sendMessage');
  const lostAnswers = sendCalls.filter((c) => c.outcome === 'lost').length;
  const lastCall = Math.max(...sendCalls.map((c) => c.at));
  const firstCall = Math.min(...sendCalls.map((c) => c.at));
  const elapsed = (Date.now() - started) / 1000;
  await sender.stop();
  peakRss = Math.max(peakRss, process.memoryUsage().rss);

  // ---- what the recipients got
  const perChat = new Map<number, number>();
  for (const c of sendCalls) {
    const chatId = Number(c.params.chat_id);
    if (c.response.ok && chatId >= FIRST_CHAT) perChat.set(chatId, (perChat.get(chatId) ?? 0) + 1);
  }
  let lost = 0;
  let duplicated = 0;
  for (let i = 0; i < recipients; i++) {
    const n = perChat.get(FIRST_CHAT + i) ?? 0;
    if (n === 0) lost++;
    if (n > 1) duplicated++;
  }
  const delivered = [...perChat.values()].reduce((a, b) => a + b, 0);
  const counts = services.outbox.counts(NOTICE_SOURCE, draft.id);
  const tooMany = fake.stats().tooMany;
  const rate = delivered / elapsed;
  const callSpan = (lastCall - firstCall) / 1000;

  console.log(`recipients:        ${recipients}`);
  console.log(`elapsed:           ${elapsed.toFixed(1)} s (first to last call ${callSpan.toFixed(1)} s)`);
  console.log(`messages/s:        ${rate.toFixed(2)}`);
  console.log(`of the 30/s limit: ${((rate / TELEGRAM_CEILING) * 100).toFixed(1)} %`);
  console.log(`429 answers:       ${tooMany} (${((tooMany / Math.max(1, sendCalls.length)) * 100).toFixed(2)} % of ${sendCalls.length} calls)`);
  console.log(`lost:              ${lost}`);
  console.log(`duplicated:        ${duplicated}`);
  console.log(`outbox:            ${counts.sent} sent, ${counts.failed} failed, ${counts.unreachable} unreachable, ${counts.pending + counts.sending} left`);
  console.log(`sender stats:      ${JSON.stringify(sender.stats)}`);
  console.log(`budget:            ${JSON.stringify(budget.stats)}, rate at the end ${budget.pacer.rate.toFixed(2)}/s`);
  console.log(`RSS:               ${mb(process.memoryUsage().rss)} at the end, ${mb(peakRss)} peak (bot engine + fake Bot API in one process)`);
  console.log(`fake latency:      ${latency.min === latency.max ? `${latency.min} ms` : `${latency.min}–${latency.max} ms (jitter)`}`);
  if (loseAnswers > 0) console.log(`answers lost:      ${lostAnswers} (${((lostAnswers / sendCalls.length) * 100).toFixed(2)} % of calls)`);
  console.log(goalLine({ rate, tooManyShare: tooMany / Math.max(1, sendCalls.length), lost, duplicated, jitter: latency.max > latency.min, loseAnswers }));

  if (departures.length > 1) {
    const gaps = departures.slice(1).map((t, i) => t - departures[i]!).sort((a, b) => a - b);
    const q = (p: number) => gaps[Math.floor(p * (gaps.length - 1))]!.toFixed(1);
    console.error(`gaps between departures, ms: p1 ${q(0.01)} p10 ${q(0.1)} p50 ${q(0.5)} p90 ${q(0.9)} p99 ${q(0.99)} max ${q(1)}; over 60 ms: ${gaps.filter((g) => g > 60).length}`);
  }
  closeDatabase(db);
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
  const ok = lost === 0 && (loseAnswers > 0 || duplicated === 0);
  if (loseAnswers > 0) console.log(ok ? 'OK: every recipient got the notice (duplicates come from lost answers)' : 'FAILED: some recipients got nothing');
  else console.log(ok ? 'OK: every recipient got the notice exactly once' : 'FAILED: some recipients got nothing or more than one copy');
  return ok ? 0 : 1;
}

/**
 * The issue's goal, judged on this run: met only with latency jitter on and no answers lost on
 * purpose (the conditions the goal is set for). Not the exit code: the rate depends on the machine.
 */
function goalLine(run: { rate: number; tooManyShare: number; lost: number; duplicated: number; jitter: boolean; loseAnswers: number }): string {
  const goal = `Goal ≥ ${GOAL.rate} msg/s average, < ${GOAL.tooManyShare * 100} % of sends answered 429, 0 lost, 0 duplicated`;
  if (!run.jitter || run.loseAnswers > 0) return `${goal}: not judged (it is set for latency jitter on and no answers lost)`;
  const misses = [
    run.rate < GOAL.rate && `${run.rate.toFixed(2)} msg/s`,
    run.tooManyShare >= GOAL.tooManyShare && `${(run.tooManyShare * 100).toFixed(2)} % 429`,
    run.lost > 0 && `${run.lost} lost`,
    run.duplicated > 0 && `${run.duplicated} duplicated`,
  ].filter((m): m is string => typeof m === 'string');
  const figures = `${run.rate.toFixed(2)} msg/s, ${(run.tooManyShare * 100).toFixed(2)} % 429, ${run.lost} lost, ${run.duplicated} duplicated`;
  return misses.length === 0 ? `${goal}: met (${figures})` : `${goal}: NOT met (${misses.join(', ')})`;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
