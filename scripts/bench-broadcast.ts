/**
 * Broadcast benchmark: a bloc-wide private notice to N linked members (default 7,000), sent by the
 * real delivery engine at Telegram's default limits to a fake Bot API that enforces those limits
 * (30/s overall, 1/s per private chat, 20/min per group) and answers 429 when they are exceeded.
 *
 *   npx tsx scripts/bench-broadcast.ts [--recipients 7000] [--latency 0]
 *   npm run bench:broadcast -- --recipients 300
 *
 * The notice goes through NoticeService (create the draft, confirm it), so the real dedupe keys
 * and rendering are used; the Sender runs with TELEGRAM_LIMITS on the real clock until every
 * outbox row of the notice has settled. Prints throughput, 429s, lost and duplicated chats and
 * memory (the fake Bot API runs in the same process, so RSS includes it). Exits 1 if any
 * recipient got nothing or got the notice more than once.
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
import { Sender } from '../src/delivery/sender.js';
import { createLogger } from '../src/logger.js';
import { SYSTEM } from '../src/services/actor.js';
import { createServices } from '../src/services/index.js';
import { NOTICE_SOURCE } from '../src/services/notices.js';
import { FakeTelegram } from '../tests/fake-telegram/server.js';
import { tempDir } from '../tests/helpers/db.js';

const TELEGRAM_CEILING = 30;
const FIRST_CHAT = 100_000_001;
const ADMIN_CHAT = 99_000_001;

function options(): { recipients: number; latencyMs: number } {
  const { values } = parseArgs({
    options: { recipients: { type: 'string', default: '7000' }, latency: { type: 'string', default: '0' } },
  });
  const recipients = Number(values.recipients);
  const latencyMs = Number(values.latency);
  if (!Number.isInteger(recipients) || recipients < 1) throw new Error('--recipients must be a positive whole number');
  if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new Error('--latency must be milliseconds ≥ 0');
  return { recipients, latencyMs };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<number> {
  const { recipients, latencyMs } = options();
  const dir = tempDir('bloc-bench-');
  const fake = await FakeTelegram.start();
  fake.enableRateLimits(); // Telegram's defaults: 30/s, 1/s per private chat, 20/min per group
  fake.setLatency(latencyMs);
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
  const sender = new Sender({
    outbox: services.outbox,
    api: new Api(fake.token, { apiRoot: fake.apiRoot }),
    clock: systemClock,
    logger: createLogger({ level: 'warn', secrets: [fake.token], destination: process.stderr }),
    limits: TELEGRAM_LIMITS,
    hooks: {
      unreachable: (chatId) => services.members.markUnreachable(chatId),
      migrated: (oldId, newId) => void services.chats.migrate(oldId, newId, SYSTEM),
    },
  });
  let peakRss = process.memoryUsage().rss;
  const started = Date.now();
  sender.start();
  let lastReport = started;
  while (!services.outbox.isSettled(NOTICE_SOURCE, draft.id)) {
    await new Promise((r) => setTimeout(r, 100));
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (Date.now() - lastReport >= 15_000) {
      lastReport = Date.now();
      const c = services.outbox.counts(NOTICE_SOURCE, draft.id);
      const s = (lastReport - started) / 1000;
      console.error(`  ${c.sent}/${c.total} sent after ${s.toFixed(0)} s (${(c.sent / s).toFixed(1)}/s), 429s so far: ${fake.stats().tooMany}`);
    }
  }
  const sendCalls = fake.callsTo('sendMessage');
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
  console.log(`RSS:               ${mb(process.memoryUsage().rss)} at the end, ${mb(peakRss)} peak (bot engine + fake Bot API in one process)`);
  if (latencyMs > 0) console.log(`fake latency:      ${latencyMs} ms`);

  closeDatabase(db);
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
  const ok = lost === 0 && duplicated === 0;
  console.log(ok ? 'OK: every recipient got the notice exactly once' : 'FAILED: some recipients got nothing or more than one copy');
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
