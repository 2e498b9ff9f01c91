/**
 * The whole application wired together: database, services, bot, and how updates arrive (long
 * polling through the runner, or a webhook). main.ts adds only the process around it; tests start
 * the same App against a fake Bot API.
 */
import type { RunnerHandle } from '@grammyjs/runner';
import { Api } from 'grammy';
import { type Clock, systemClock } from './clock.js';
import type { Config } from './config.js';
import { closeDatabase, type Db, openDatabase } from './db/connection.js';
import { acquireInstanceLock } from './db/instance-lock.js';
import { HttpServer } from './http/server.js';
import { mountCalendarFeeds } from './http/calendar-feed.js';
import { webhookRoute } from './http/webhook.js';
import { mountDashboard } from './web/index.js';
import { createStaticHandler } from './web/static.js';
import { startPolling } from './polling.js';
import { waitForTelegram } from './startup.js';
import { KV_CACHE_SIZE, KvWriteBehind, SqliteStorage } from './db/kv-storage.js';
import { registerDefaultMenus } from './bot/commands.js';
import { botProfileTexts, updateBotProfile } from './bot/profile.js';
import type { BotContext } from './bot/context.js';
import type { BotDeps } from './bot/deps.js';
import { Translator } from './bot/i18n.js';
import { NoticeProgress } from './bot/notice-progress.js';
import { DeliveryFailureRenderer } from './bot/render/delivery.js';
import { IndicatorRenderer } from './bot/render/indicators.js';
import { MeetingRenderer } from './bot/render/meeting.js';
import { NoticeRenderer } from './bot/render/notice.js';
import { SendBudget } from './delivery/budget.js';
import { Sender } from './delivery/sender.js';
import { TELEGRAM_LIMITS } from './delivery/pacing.js';
import { type ChatFate, createTransport, type TransportTimings } from './delivery/transport.js';
import { overloadNotice } from './bot/overload-notice.js';
import { Scheduler } from './scheduler/index.js';
import { appJobs } from './scheduler/jobs.js';
import { ALLOWED_UPDATES, createBot } from './bot/index.js';
import type { Logger } from './logger.js';
import { SYSTEM } from './services/actor.js';
import { CLAIM_HOURS } from './services/claim.js';
import { createServices, type Services } from './services/index.js';
import type { InFlightTracker } from './bot/middlewares/in-flight.js';
import type { Bot } from 'grammy';

export interface AppOptions {
  clock?: Clock;
  logger: Logger;
  /** How long shutdown waits for updates in flight (default 10 s). */
  drainTimeoutMs?: number;
  /** Polling ended by itself (409 from another poller, 401): already logged; the process should stop. */
  onFatal?: (error: Error) => void;
  /** The transport's time limits and retry bounds (tests shorten them). */
  transport?: Partial<TransportTimings>;
  /** getUpdates long-poll timeout in seconds (default 30; a hung poll is given up this + a margin). */
  longPollSeconds?: number;
}

export interface App {
  config: Config;
  db: Db;
  services: Services;
  bot: Bot<BotContext>;
  sender: Sender;
  scheduler: Scheduler;
  /** Updates being handled right now (shutdown and tests wait for them). */
  inFlight: InFlightTracker;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The longest start-up waits for the default menus, then the bot's description, to be set (Telegram may answer 429 for a while). */
const PROFILE_TIMEOUT_MS = 20_000;

/**
 * Most updates handled at the same time (polling and webhook alike). Each one being handled holds
 * its context, session and conversation state and its replies in flight; the runner's default of
 * 500 let a burst grow the bot past 600 MB. See the README's "Footprint: memory" for the measurements.
 */
export const UPDATE_CONCURRENCY = 50;

export function createApp(config: Config, options: AppOptions): App {
  const clock = options.clock ?? systemClock;
  const logger = options.logger;
  // One bot per database (src/db/instance-lock.ts), taken before the database is opened or migrated.
  const lock = acquireInstanceLock(config.databasePath, { role: 'bot', startedAt: clock.now().toISOString() });
  let db: Db;
  try {
    db = openDatabase(config.databasePath);
  } catch (error) {
    lock.release();
    throw error;
  }
  const translator = new Translator();
  // The sender needs the services' outbox, and the services wake the sender: bound once both exist.
  let wakeSender = () => undefined as void;
  const services = createServices(db, clock, {
    noticeMessages: new NoticeRenderer(translator),
    meetingMessages: new MeetingRenderer(translator, config.timeZone),
    indicatorMessages: new IndicatorRenderer(translator, config.timeZone),
    deliveryFailureMessages: new DeliveryFailureRenderer(translator, config.timeZone),
    timeZone: config.timeZone,
    onEnqueue: () => wakeSender(),
  });
  services.members.ensureAdmins(config.adminIds, SYSTEM);

  // ---- delivery: one budget for every message the bot sends, one transport under every Api object.
  const budget = new SendBudget({ limits: { ...TELEGRAM_LIMITS, perSecond: config.deliveryRate } });
  let tellOverloaded = (_chatId: number) => undefined as void;
  // What a refusal says of a chat, for the bot's calls (the transport) and the outbox's (the Sender).
  const chatFate: ChatFate = {
    unreachable: (chatId) => {
      if (chatId > 0) services.members.markUnreachable(chatId);
      else services.chats.markRemoved(chatId, SYSTEM);
    },
    migrated: (oldChatId, newChatId) => void services.chats.migrate(oldChatId, newChatId, SYSTEM),
  };
  const transport = createTransport({
    budget,
    timings: options.transport,
    logger: logger.child({ component: 'transport' }),
    gaveUp: (chatId) => tellOverloaded(chatId),
    chatFate,
  });
  // The delivery engine has its own Api object: it paces, retries and records each message itself.
  const sender = new Sender({
    outbox: services.outbox,
    api: new Api(config.botToken, {
      apiRoot: config.telegramApiRoot,
      fetch: transport.pushFetch as never,
      timeoutSeconds: transport.timeoutSeconds,
    }),
    budget,
    clock,
    logger: logger.child({ component: 'delivery' }),
    hooks: {
      unreachable: chatFate.unreachable,
      migrated: chatFate.migrated,
      failed: (row, description) => void services.deliveryFailures.report(row, description),
      topicRefused: (row, description) => services.chats.topicRefused(row.chatId, row.threadId!, description, row.id),
      pinRefused: (chatId) => services.chats.recordBotRights(chatId, false),
    },
  });
  wakeSender = () => sender.wake();
  tellOverloaded = overloadNotice(services, translator, clock, () => sender.wake());
  // Sessions and conversation state: written together once per turn of the event loop (src/db/kv-storage.ts).
  const kvWriter = new KvWriteBehind(db, (error, queued) =>
    logger.error({ err: error, queued }, 'sessions and conversation state could not be saved; trying again in a second'),
  );
  const deps: BotDeps = {
    config,
    services,
    translator,
    clock,
    logger,
    storage: <T>(prefix: string) => new SqliteStorage<T>(db, clock, prefix, KV_CACHE_SIZE, kvWriter),
    wakeDelivery: () => sender.wake(),
    transport,
  };
  const { bot, inFlight } = createBot(deps);
  const progress = new NoticeProgress(bot.api, services, translator, logger);
  const scheduler = new Scheduler(
    appJobs({ services, config, progress, wakeDelivery: () => sender.wake() }),
    logger.child({ component: 'scheduler' }),
    config.timeZone,
  );
  let runner: RunnerHandle | undefined;
  let server: HttpServer | undefined;
  let stopped = false;

  return {
    config,
    db,
    services,
    bot,
    sender,
    scheduler,
    inFlight,
    async start() {
      await waitForTelegram(bot, {
        token: config.botToken,
        apiRoot: config.telegramApiRoot,
        timeoutMs: config.startupTimeoutSeconds * 1000,
        logger,
      });
      services.bloc.setBotUsername(bot.botInfo.username);
      // Like the profile: a refusal or a slow Telegram never stops start-up.
      await registerDefaultMenus(bot.api, { logger, signal: AbortSignal.timeout(PROFILE_TIMEOUT_MS) });
      // Before anyone presses Start (an invite link opens on it); never holds start-up for long.
      await updateBotProfile(bot.api, botProfileTexts(translator, services.bloc.get().name), {
        storage: new SqliteStorage<string>(db, clock, 'bot-profile:'),
        logger,
        signal: AbortSignal.timeout(PROFILE_TIMEOUT_MS),
      });
      sender.start();
      scheduler.start();
      // One HTTP server on PORT for the webhook, the dashboard and the calendar feeds, whichever are configured.
      if (config.botMode === 'webhook' || config.webappUrl || config.publicUrl) {
        server = new HttpServer(logger);
        if (config.webappUrl) {
          mountDashboard(server, { services, translator, config, clock }, { logger: logger.child({ component: 'dashboard' }), page: createStaticHandler() });
        }
        if (config.publicUrl) {
          mountCalendarFeeds(server, config.publicUrl, { services, translator, clock, logger: logger.child({ component: 'calendar' }) });
        }
        if (config.botMode === 'webhook') {
          const route = webhookRoute(bot, { secret: config.webhookSecret!, logger, concurrency: UPDATE_CONCURRENCY });
          server.route('POST', new URL(config.webhookUrl!).pathname, route);
        }
        await server.listen(config.port);
        logger.info({ port: config.port, dashboard: config.webappUrl ?? null, calendars: config.publicUrl ?? null }, 'HTTP server listening');
      }
      if (config.botMode === 'webhook') {
        await startWebhook(bot, config, logger);
      } else {
        await bot.api.deleteWebhook();
        runner = startPolling(bot, {
          allowedUpdates: ALLOWED_UPDATES,
          longPollSeconds: options.longPollSeconds ?? 30,
          concurrency: UPDATE_CONCURRENCY,
          logger,
          onFatal: (error) => options.onFatal?.(error),
        });
      }
      logger.info({ mode: config.botMode, username: bot.botInfo.username }, 'bot started');
      // A new installation: the operator becomes the office admin by opening this link. The only
      // place the code is ever written out (the database keeps its hash).
      const claim = services.claim.openIfNoAdmin(SYSTEM);
      if (claim) {
        const link = services.invites.link(bot.botInfo.username, claim);
        logger.warn(
          { claimLink: link, claimCode: claim.code, expiresAt: claim.expiresAt.toISOString() },
          `No office admin yet: the first person to open ${link} (or to send /start ${claim.code} to @${bot.botInfo.username}) becomes the office admin. The code works once, for ${CLAIM_HOURS} hours; a restart without an admin makes a new one.`,
        );
      }
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await runner?.stop();
      await server?.close();
      const drained = await inFlight.drain(options.drainTimeoutMs ?? 10_000);
      if (!drained) logger.warn({ inFlight: inFlight.count }, 'stopping with updates still in flight');
      budget.close(); // replies still waiting for a slot give up now
      await scheduler.stop();
      await sender.stop();
      await transport.close(); // whatever outlived the drain ends here, with its sockets
      kvWriter.close();
      closeDatabase(db);
      lock.release();
      logger.info('bot stopped');
    },
  };
}

/** Webhook mode: Telegram posts updates to WEBHOOK_URL's path on the process's HTTP server (routed above). */
async function startWebhook(bot: Bot<BotContext>, config: Config, logger: Logger): Promise<void> {
  const url = new URL(config.webhookUrl!);
  await bot.api.setWebhook(url.href, {
    secret_token: config.webhookSecret,
    allowed_updates: [...ALLOWED_UPDATES],
  });
  logger.info({ port: config.port, path: url.pathname }, 'webhook listening');
}
