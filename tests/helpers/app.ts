/**
 * End-to-end harness: the real App (database, services, bot, runner) against the fake Bot API over
 * HTTP. Tests push updates in and read the Bot API calls that come out.
 */
import { join } from 'node:path';
import { and, eq, lte, or, sql } from 'drizzle-orm';
import type { Chat, Message, User } from 'grammy/types';
import { createApp, type App, type AppOptions } from '../../src/app.js';
import { AdjustableClock, type Clock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { outbox } from '../../src/db/schema.js';
import { SYSTEM } from '../../src/services/actor.js';
import type { Outbox } from '../../src/delivery/outbox.js';
import { createLogger } from '../../src/logger.js';
import { FakeTelegram, type FakeTelegramOptions, type RecordedCall } from '../fake-telegram/server.js';
import { user } from '../fake-telegram/updates.js';
import { type seedSmallBloc, tempDir } from './db.js';
import { freePort } from './net.js';

type NonChannelChat = Chat.PrivateChat | Chat.GroupChat | Chat.SupergroupChat;

/**
 * The fake for tests that script members' conversations at machine speed (a dozen steps a second,
 * where a person takes seconds for each): Telegram's limits hold overall and for groups, but a
 * private chat's own limit (a short burst, then one a second) is lifted, as it would only measure
 * the script's haste and cost a second per step. Tests of delivery and pacing keep every limit.
 */
export const SCRIPTED_MEMBERS: FakeTelegramOptions = { rateLimits: { privateChatLimit: false } };

export interface TestAppOptions {
  fake?: FakeTelegram;
  /** Options of the fake started for this bot when `fake` is not given (Telegram's limits are on). */
  telegram?: FakeTelegramOptions;
  databasePath?: string;
  clock?: Clock;
  adminIds?: number[];
  env?: Record<string, string>;
  /** Transport limits and the long-poll timeout (tests of hung or refused requests shorten them). */
  app?: Pick<AppOptions, 'transport' | 'longPollSeconds'>;
  /** The app's HTTP server (PORT) on a free port of 127.0.0.1: `TestBot.origin`. */
  http?: boolean;
  /**
   * Webhook mode (with `http`): Telegram posts to WEBHOOK_URL (`url`, else WEBHOOK_URL below) with
   * WEBHOOK_SECRET; `TestBot.postUpdate` posts as it does.
   */
  webhook?: boolean | { url: string };
}

export const WEBHOOK_URL = 'https://bot.example.org/tg-hook';
export const WEBHOOK_SECRET = 'webhook-secret-0123456789';

/**
 * For tests of the delivery engine on its own: every chat given to `box` is one the fake knows. In
 * the app the services choose the recipients (members who started the bot, groups it is in).
 */
export function knownRecipients(box: Outbox, fake: FakeTelegram): void {
  const enqueue = box.enqueue.bind(box);
  box.enqueue = (items) => {
    fake.knowChats(...items.map((i) => i.chatId));
    return enqueue(items);
  };
}

export class TestBot {
  readonly logLines: string[] = [];
  private constructor(
    readonly fake: FakeTelegram,
    public app: App,
    readonly databasePath: string,
    readonly clock: Clock,
    private readonly options: TestAppOptions,
    /** The HTTP server's port (options `http`, `webhook`), the same across restarts. */
    readonly port: number | null,
  ) {}

  static async start(options: TestAppOptions = {}): Promise<TestBot> {
    const fake = options.fake ?? (await FakeTelegram.start(options.telegram));
    const databasePath = options.databasePath ?? join(tempDir(), 'bot.sqlite');
    // 14h00 in Hà Nội on a Monday: clear of the 07:00 digest and the 25th's nudges.
    const clock = options.clock ?? new AdjustableClock('2026-11-23T07:00:00Z');
    const port = options.http || options.webhook ? await freePort() : null;
    const webhookUrl = options.webhook ? (options.webhook === true ? WEBHOOK_URL : options.webhook.url) : null;
    const env = {
      ...(port === null ? {} : { PORT: String(port) }),
      ...(webhookUrl === null ? {} : { BOT_MODE: 'webhook', WEBHOOK_URL: webhookUrl, WEBHOOK_SECRET }),
      ...options.env,
    };
    const t = new TestBot(fake, undefined as unknown as App, databasePath, clock, { ...options, env }, port);
    t.app = await t.launch();
    return t;
  }

  private async launch(): Promise<App> {
    const config = loadConfig({
      BOT_TOKEN: this.fake.token,
      TELEGRAM_API_ROOT: this.fake.apiRoot,
      DATABASE_PATH: this.databasePath,
      ADMIN_IDS: (this.options.adminIds ?? []).join(','),
      LOG_LEVEL: 'debug',
      ...this.options.env,
    });
    const logger = createLogger({
      level: 'debug',
      secrets: [config.botToken],
      destination: { write: (line: string) => this.logLines.push(line) },
    });
    const app = createApp(config, { clock: this.clock, logger, ...this.options.app });
    await app.start();
    return app;
  }

  get services() {
    return this.app.services;
  }

  /** Where the app's HTTP server answers, e.g. http://127.0.0.1:40123 (options `http`, `webhook`). */
  get origin(): string {
    if (this.port === null) throw new Error('no HTTP server: start the TestBot with `http` or `webhook`');
    return `http://127.0.0.1:${this.port}`;
  }

  /**
   * POSTs `update` (an object, or a raw body) to the webhook's path as Telegram does, with the
   * secret token header (`secret`, WEBHOOK_SECRET unless given; null: no header).
   */
  postUpdate(update: object | string, secret: string | null = WEBHOOK_SECRET): Promise<Response> {
    const url = this.options.env?.WEBHOOK_URL;
    if (!url) throw new Error('not in webhook mode: start the TestBot with `webhook`');
    return fetch(`${this.origin}${new URL(url).pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret }) },
      body: typeof update === 'string' ? update : JSON.stringify(update),
    });
  }

  /**
   * Links each member to a Telegram user and lets the bot write to them: set up in the database
   * where in real life each opened their invite and sent /start.
   */
  linkMembers(...pairs: [member: { id: number }, tg: User][]): void {
    for (const [member, tg] of pairs) this.services.members.linkTelegram(member.id, { id: tg.id }, SYSTEM);
    this.fake.knowChats(...pairs.map(([, tg]) => tg));
  }

  /** Links the six members of seedSmallBloc to their accounts in smallBlocPeople() (the office is an admin, not a member). */
  linkSmallBloc(bloc: ReturnType<typeof seedSmallBloc>, people: SmallBlocPeople): void {
    this.linkMembers(
      [bloc.secretary, people.secretary],
      [bloc.deputy, people.deputy],
      [bloc.member, people.member],
      [bloc.subMember, people.subMember],
      [bloc.cellSecretary, people.cellSecretary],
      [bloc.cellMember, people.cellMember],
    );
  }

  /** A group the bot is in, linked to a branch: in real life the bot was added and /lienket sent. */
  linkGroup(chat: Chat.GroupChat | Chat.SupergroupChat, branchId: number): void {
    this.services.chats.recordPresent({ id: chat.id, type: chat.type, title: chat.title }, null, SYSTEM);
    this.services.chats.link(chat.id, branchId, SYSTEM);
    this.fake.knowChats(chat.id);
  }

  /** Stops the app (clean shutdown) and starts a new one on the same database and fake API. */
  async restart(): Promise<void> {
    await this.app.stop();
    this.app = await this.launch();
  }

  /** Stops the app and the fake; fails if the bot called a method the fake (or Telegram) does not know. */
  async stop(): Promise<void> {
    await this.app.stop();
    if (!this.options.fake) await this.fake.close();
    const unknown = this.fake.calls.filter((c) => c.response.error_code === 404).map((c) => c.method);
    if (unknown.length > 0) throw new Error(`the bot called methods unknown to the Bot API: ${[...new Set(unknown)].join(', ')}`);
  }

  /**
   * Sends a text as `from` in `chat` and waits for the bot's next message to that chat.
   * Returns the text the bot sent (HTML as sent).
   */
  async say(from: User, chat: NonChannelChat, text: string): Promise<string> {
    const call = await this.sayCall(from, chat, text);
    return String(call.params.text ?? call.params.caption ?? '');
  }

  async sayCall(from: User, chat: NonChannelChat, text: string, method = 'sendMessage'): Promise<RecordedCall> {
    const mark = this.fake.mark();
    this.fake.sendText(from, chat, text);
    return this.fake.waitFor(method, (p) => Number(p.chat_id) === chat.id, { after: mark });
  }

  /**
   * Presses an inline button and waits for the callback answer, which Telegram must have accepted
   * (a query answered twice or too late is refused). `forged` sends data that is not on any button
   * of the message, as a tampering client could.
   */
  async press(from: User, message: Message, data: string, forged = false): Promise<RecordedCall> {
    const mark = this.fake.mark();
    const updateId = this.fake.press(from, message, data, { unchecked: forged });
    const answer = await this.fake.waitFor('answerCallbackQuery', undefined, { after: mark });
    if (!answer.response.ok) {
      throw new Error(`the answer to the press (update ${updateId}) was refused: ${answer.response.description ?? ''}`);
    }
    return answer;
  }

  /**
   * Waits until every pushed update has been handled (the bot confirmed it, its handlers and their
   * paced replies finished) and the outbox has nothing due left to send.
   */
  async settle(timeoutMs = 30_000): Promise<void> {
    // The runner confirms a batch (next getUpdates offset) after handing it to the middleware,
    // where the in-flight tracker counts it at once.
    await this.fake.waitUntilConsumed(timeoutMs, { confirmed: true });
    await this.handlersDone(timeoutMs);
    await this.outboxIdle(timeoutMs);
    await this.handlersDone(timeoutMs);
  }

  private async handlersDone(timeoutMs: number): Promise<void> {
    if (!(await this.app.inFlight.drain(timeoutMs))) throw new Error(`updates were still being handled after ${timeoutMs} ms`);
  }

  /**
   * Waits until the outbox has no row due now (by the bot's clock) and none being sent: a check
   * that something was NOT sent is meaningful only then. Rows due later, or waiting for a retry,
   * do not count.
   */
  async outboxIdle(timeoutMs = 30_000): Promise<void> {
    const busy = () =>
      this.app.db
        .select({ n: sql<number>`count(*)` })
        .from(outbox)
        .where(or(eq(outbox.status, 'sending'), and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, this.clock.now()))))
        .get()!.n;
    const deadline = Date.now() + timeoutMs;
    while (busy() > 0) {
      if (Date.now() > deadline) throw new Error(`the outbox still had ${busy()} messages to send after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** The link's start code from a message that contains an invite link. */
  static inviteCode(text: string): string {
    const match = /\?start=([A-Za-z0-9_-]+)/.exec(text);
    if (!match) throw new Error(`no invite link in: ${text}`);
    return match[1]!;
  }
}

/** The Telegram accounts of seedSmallBloc's people, as the end-to-end tests name them (the office: ADMIN_IDS). */
export function smallBlocPeople() {
  return {
    office: user(9100, { first_name: 'Văn phòng' }),
    secretary: user(9101, { first_name: 'An' }), // DB01 secretary
    deputy: user(9102, { first_name: 'Bình' }), // DB01 deputy
    member: user(9103, { first_name: 'Cường' }), // DB01 member
    subMember: user(9104, { first_name: 'Dung' }), // DB01-01 member
    cellSecretary: user(9105, { first_name: 'Đạt' }), // CB02 secretary
    cellMember: user(9106, { first_name: 'Em' }), // CB02 member
  };
}
export type SmallBlocPeople = ReturnType<typeof smallBlocPeople>;
