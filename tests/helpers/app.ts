/**
 * End-to-end harness: the real App (database, services, bot, runner) against the fake Bot API over
 * HTTP. Tests push updates in and read the Bot API calls that come out.
 */
import { join } from 'node:path';
import type { Chat, Message, User } from 'grammy/types';
import { createApp, type App, type AppOptions } from '../../src/app.js';
import { AdjustableClock, type Clock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { FakeTelegram, type RecordedCall } from '../fake-telegram/server.js';
import { tempDir } from './db.js';

type NonChannelChat = Chat.PrivateChat | Chat.GroupChat | Chat.SupergroupChat;

export interface TestAppOptions {
  fake?: FakeTelegram;
  databasePath?: string;
  clock?: Clock;
  adminIds?: number[];
  env?: Record<string, string>;
  /** Transport limits and the long-poll timeout (tests of hung or refused requests shorten them). */
  app?: Pick<AppOptions, 'transport' | 'longPollSeconds'>;
}

export class TestBot {
  readonly logLines: string[] = [];
  private constructor(
    readonly fake: FakeTelegram,
    public app: App,
    readonly databasePath: string,
    readonly clock: Clock,
    private readonly options: TestAppOptions,
  ) {}

  static async start(options: TestAppOptions = {}): Promise<TestBot> {
    const fake = options.fake ?? (await FakeTelegram.start());
    const databasePath = options.databasePath ?? join(tempDir(), 'bot.sqlite');
    // 14h00 in Hà Nội on a Monday: clear of the 07:00 digest and the 25th's nudges.
    const clock = options.clock ?? new AdjustableClock('2026-11-23T07:00:00Z');
    const t = new TestBot(fake, undefined as unknown as App, databasePath, clock, options);
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

  /** Stops the app (clean shutdown) and starts a new one on the same database and fake API. */
  async restart(): Promise<void> {
    await this.app.stop();
    this.app = await this.launch();
  }

  async stop(): Promise<void> {
    await this.app.stop();
    if (!this.options.fake) await this.fake.close();
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
   * Presses an inline button and waits for the callback answer. `forged` sends data that is not on
   * any button of the message, as a tampering client could.
   */
  async press(from: User, message: Message, data: string, forged = false): Promise<RecordedCall> {
    const mark = this.fake.mark();
    this.fake.press(from, message, data, { unchecked: forged });
    return this.fake.waitFor('answerCallbackQuery', undefined, { after: mark });
  }

  /** Waits until every pushed update has been handled (delivered and the handlers finished). */
  async settle(): Promise<void> {
    await this.fake.waitUntilConsumed(5000);
    // The runner hands updates to middleware asynchronously; give it a moment to finish.
    for (let i = 0; i < 50; i++) {
      await new Promise((r) => setTimeout(r, 20));
      if (this.fake.pendingUpdates() === 0) break;
    }
    // Replies are paced by the sending budget: a handler may still be sending its last messages.
    await this.app.inFlight.drain(30_000);
    await new Promise((r) => setTimeout(r, 50));
  }

  /** The link's start code from a message that contains an invite link. */
  static inviteCode(text: string): string {
    const match = /\?start=([A-Za-z0-9_-]+)/.exec(text);
    if (!match) throw new Error(`no invite link in: ${text}`);
    return match[1]!;
  }
}
