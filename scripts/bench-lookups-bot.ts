/**
 * The bot process of scripts/bench-lookups.ts and scripts/bench-import-stall.ts, which fork it (not
 * run by hand): the real app (`app`: createApp on BENCH_DB, LOG_LEVEL silent, the sending budget lifted
 * to BENCH_DELIVERY_RATE messages a second, an AdjustableClock set to BENCH_NOW) or a bare grammY bot that only echoes (`echo`: Bot + the runner,
 * nothing else loaded), both against the fake
 * Bot API at BENCH_API_ROOT. Tells the parent when it starts, how long bot.handleUpdate took for
 * each update. The parent compiles it (tsconfig.build.json) and runs dist/scripts/bench-lookups-bot.js
 * with plain node, and reads its memory from /proc (bench-common.ts).
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { run } from '@grammyjs/runner';
import { Bot } from 'grammy';

export type ToParent =
  | { type: 'starting'; at: number }
  | { type: 'started'; at: number }
  | { type: 'done'; id: number; ms: number }
  | { type: 'stopped' };
export type ToChild = { type: 'stop' };

/** Messages a second the bench's sending budget allows: far above what one process can send. */
const BENCH_DELIVERY_RATE = 1_000_000;

const send = (message: ToParent, then: () => void = () => undefined) => process.send!(message, then);

/** Times every update from the moment the runner hands it over until its middleware has finished. */
function timeUpdates(bot: Pick<Bot, 'handleUpdate'>): void {
  const handle = bot.handleUpdate.bind(bot);
  bot.handleUpdate = async (update, envelope) => {
    const started = performance.now();
    try {
      await handle(update, envelope);
    } finally {
      send({ type: 'done', id: update.update_id, ms: performance.now() - started });
    }
  };
}

async function startApp(apiRoot: string, token: string): Promise<() => Promise<void>> {
  const [{ createApp }, { AdjustableClock }, { loadConfig }, { createLogger }] = await Promise.all([
    import('../src/app.js'),
    import('../src/clock.js'),
    import('../src/config.js'),
    import('../src/logger.js'),
  ]);
  // The fake enforces no limits here, and the bench measures the bot's own cost per update: the
  // sending budget (29 messages a second against Telegram) would otherwise be all it measured. Even
  // the configuration's highest rate (DELIVERY_RATE=1000) was: /trogiup answered exactly 1,000
  // updates a second. So the bench lifts the rate past anything the bot can reach, after the
  // validation that keeps production at 1–1000; every reply still goes through the budget (its
  // cost is measured), it just never waits. The pacer copes: a spacing of 1 µs, and its one-second
  // window never fills.
  const config = {
    ...loadConfig({ BOT_TOKEN: token, TELEGRAM_API_ROOT: apiRoot, DATABASE_PATH: process.env.BENCH_DB!, LOG_LEVEL: 'silent' }),
    deliveryRate: BENCH_DELIVERY_RATE,
  };
  const logger = createLogger({ level: config.logLevel, secrets: [config.botToken] });
  send({ type: 'starting', at: Date.now() });
  const app = createApp(config, { clock: new AdjustableClock(process.env.BENCH_NOW!), logger });
  timeUpdates(app.bot);
  await app.start();
  return () => app.stop();
}

/**
 * The echo bot. With BENCH_ECHO_REPLY (JSON: text and the other sendMessage parameters), it answers
 * every message with that reply instead of the message's own text: a bare grammY bot sending exactly
 * what the app sends, so the two differ only in what the app does to get there.
 */
async function startEcho(apiRoot: string, token: string): Promise<() => Promise<void>> {
  send({ type: 'starting', at: Date.now() });
  const bot = new Bot(token, { client: { apiRoot } });
  const fixed = process.env.BENCH_ECHO_REPLY ? (JSON.parse(process.env.BENCH_ECHO_REPLY) as { text: string } & Record<string, unknown>) : undefined;
  if (fixed) {
    const { text, ...other } = fixed;
    bot.on('message:text', (ctx) => ctx.reply(text, other));
  } else {
    bot.on('message:text', (ctx) => ctx.reply(ctx.message.text));
  }
  timeUpdates(bot);
  await bot.init();
  const runner = run(bot, { runner: { fetch: { allowed_updates: ['message'] } } });
  return () => runner.stop();
}

/**
 * With BENCH_ALLOC_PROFILE=<dir>: samples every allocation from now on, including the objects the
 * garbage collector has since collected (node's --heap-prof keeps only what is still alive, which
 * says nothing of the garbage an update leaves). The returned function writes
 * `<dir>/<role>.heapprofile` (open it in Chrome's DevTools, Memory tab).
 */
async function startAllocationProfile(role: string): Promise<() => Promise<void>> {
  const dir = process.env.BENCH_ALLOC_PROFILE;
  if (!dir) return async () => undefined;
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 16_384,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  } as never);
  return async () => {
    const { profile } = await session.post('HeapProfiler.stopSampling');
    await writeFile(join(dir, `${role}.heapprofile`), JSON.stringify(profile));
    session.disconnect();
  };
}

async function main(role: string | undefined): Promise<void> {
  if (role !== 'app' && role !== 'echo') throw new Error('usage: bench-lookups-bot.ts app|echo (forked by bench-lookups.ts)');
  const apiRoot = process.env.BENCH_API_ROOT!;
  const token = process.env.BENCH_TOKEN!;
  const stopBot = role === 'app' ? await startApp(apiRoot, token) : await startEcho(apiRoot, token);
  const stopProfile = await startAllocationProfile(role);
  send({ type: 'started', at: Date.now() });
  process.on('message', (message: ToChild) => {
    if (message.type !== 'stop') return;
    // Exit once stopped: keep-alive sockets to the fake would otherwise hold the process.
    void stopProfile()
      .then(stopBot)
      .then(() => send({ type: 'stopped' }, () => process.exit(0)));
  });
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
