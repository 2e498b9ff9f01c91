/**
 * FakeTelegram: an in-process HTTP server speaking the Telegram Bot API, for end-to-end tests
 * that run the real grammY bot against it (`new Bot(fake.token, { client: { apiRoot: fake.apiRoot } })`).
 * It behaves like Telegram by default, strict where Telegram is strict; a test loosens it only on
 * purpose (see "Opting out").
 *
 * Models: the `/bot<token>/<method>` URL scheme (also `/bot<token>/test/<method>`) with 401 for a
 * wrong token and 404 "Not Found" for a method it does not know; JSON, multipart (InputFile
 * uploads), urlencoded and query-string parameters; long polling with offsets, timeouts and 409
 * conflicts; realistic results and error texts for the methods a bot uses (see bot-api.ts);
 * Telegram-style HTML validation; conversations (store.ts): the bot may write only to a private
 * chat its user started and to a group it is in, else 403 "bot can't initiate conversation with a
 * user" or 400 "chat not found"; blocked, kicked, deactivated and migrated chats; callback and
 * inline queries answerable once, within 15 s of the press (`queryAnswerWindowMs`), else 400 "query
 * is too old…"; Telegram's flood limits, on by default (rate-limit.ts: 30/s overall, a private chat
 * a burst of 5 then 1/s, a group 20/min), answered 429 with `parameters.retry_after` and a
 * `Retry-After` header; injected errors, dropped connections, requests that hang and answers lost
 * after the call was performed (faults.ts); latency with jitter; `/file/bot<token>/<file_path>`
 * downloads for uploaded files and files registered with `addFile`.
 *
 * Opting out: `FakeTelegram.start({ rateLimits: false })` for a test or bench that needs raw speed
 * (say why next to it); `knowChats(...)` for chats a test sets up through the services instead of
 * through Telegram (a member linked in the database who, in real life, sent /start).
 *
 * Latency (`setLatency`): each call other than getUpdates gets a latency drawn uniformly in
 * [min, max], split evenly between the request leg (before the call arrives: it is then counted by
 * the rate limiter and performed, and `at` is recorded) and the response leg (before the answer is
 * written). So with jitter, evenly spaced departures from the bot arrive unevenly, as they do at
 * Telegram.
 *
 * Records every call (`calls`) and offers waiting helpers so tests can synchronize with the bot
 * without sleeps. `waitFor` looks at all calls recorded from `after` (default 0 = everything
 * still in `calls`) and then at new ones; use `mark()` to only see calls made after a point.
 *
 * Does not model: webhooks delivering updates (setWebhook is only stored and makes getUpdates
 * answer 409), real network/TLS behaviour, anything listed as unmodelled in the other modules.
 */
import { createServer, type IncomingMessage as HttpRequest, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BotCommandScope, Chat, Message, User, UserFromGetMe } from 'grammy/types';
import { BotApi, isChatBound, isChatLookup, isSendMethod } from './bot-api.js';
import type { BotRights } from './groups.js';
import { FaultInjector, type FailOptions } from './faults.js';
import { BodyParseError, parseRequestParams } from './multipart.js';
import { UpdateQueue } from './polling.js';
import {
  fail,
  getChatId,
  TG,
  tooManyRequests as tooManyResponse,
  type ApiErrorSpec,
  type ApiResponse,
  type Params,
} from './protocol.js';
import { RateLimiter, type RateLimitOptions } from './rate-limit.js';
import { CallRecorder, sameMethod, type RecordedCall } from './recorder.js';
import { FakeStore } from './store.js';
import {
  callbackQuery,
  commandUpdate,
  DEFAULT_BOT_USER,
  guessMimeType,
  textMessage,
  type MemberStatus,
  type NonChannelChat,
  type UpdateWithoutId,
} from './updates.js';

export type { FailOptions } from './faults.js';
export type { ApiErrorSpec, ApiResponse, Params, RecordedFile } from './protocol.js';
export type { RateLimitOptions } from './rate-limit.js';
export type { CallPredicate, FakeStats, RecordedCall, SentParams, UploadedFile, WaitOptions } from './recorder.js';

export const DEFAULT_TOKEN = '123456:TEST-token-abcdefghijklmnopqrstuvwxyz0123';

export interface FakeTelegramOptions {
  token?: string;
  botUser?: Partial<User> & { username: string };
  /**
   * Telegram's flood limits, on by default (`{}` = Telegram's figures). `false` turns them off: only
   * for a test or bench that needs raw speed, with a comment saying why.
   */
  rateLimits?: RateLimitOptions | false;
  /** How long after the press a callback or inline query may be answered (default 15 s). */
  queryAnswerWindowMs?: number;
  /** Reject a bare '&' in HTML (default true; real Telegram keeps it literally). */
  strictHtmlAmpersand?: boolean;
}

export function toFullBotUser(u: FakeTelegramOptions['botUser']): UserFromGetMe {
  return {
    ...DEFAULT_BOT_USER,
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
    ...u,
    is_bot: true,
  };
}

function readBody(req: HttpRequest): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function inlineButtons(message: Message): Array<{ text: string; callback_data?: string }> {
  const rows = message.reply_markup?.inline_keyboard ?? [];
  return rows.flat().map((b) => ('callback_data' in b ? { text: b.text, callback_data: b.callback_data } : { text: b.text }));
}

export class FakeTelegram extends CallRecorder {
  readonly token: string;
  readonly botUser: UserFromGetMe;
  /** When true (default), a bare '&' in HTML is rejected; see html.ts. */
  strictHtmlAmpersand: boolean;

  private readonly server: Server;
  private readonly store: FakeStore;
  private readonly updates = new UpdateQueue();
  private readonly api: BotApi;
  private readonly faults = new FaultInjector();
  private latency = { min: 0, max: 0 };
  private hanging = 0;
  /** Requests received and not yet answered and recorded (long polls and hung requests aside). */
  private working = 0;
  private limiter: RateLimiter | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  private constructor(opts: FakeTelegramOptions) {
    super();
    this.token = opts.token ?? DEFAULT_TOKEN;
    this.botUser = toFullBotUser(opts.botUser);
    this.strictHtmlAmpersand = opts.strictHtmlAmpersand ?? true;
    this.store = new FakeStore(this.botUser.id);
    this.api = new BotApi({
      botUser: this.botUser,
      store: this.store,
      updates: this.updates,
      strictAmpersand: () => this.strictHtmlAmpersand,
      queryAnswerWindowMs: opts.queryAnswerWindowMs ?? 15_000,
    });
    if (opts.rateLimits !== false) this.limiter = new RateLimiter(opts.rateLimits);
    this.updates.onChange(() => this.notifyWaiters());
    this.server = createServer((req, res) => this.onRequest(req, res));
  }

  /** Starts a fake on 127.0.0.1 with a random free port. */
  static async start(opts: FakeTelegramOptions = {}): Promise<FakeTelegram> {
    const fake = new FakeTelegram(opts);
    await new Promise<void>((resolve, reject) => {
      fake.server.once('error', reject);
      fake.server.listen(0, '127.0.0.1', () => resolve());
    });
    return fake;
  }

  /** e.g. `http://127.0.0.1:41234` — pass as grammY's `client.apiRoot`. */
  get apiRoot(): string {
    const address = this.server.address() as AddressInfo | null;
    if (!address) throw new Error('FakeTelegram is not listening');
    return `http://127.0.0.1:${address.port}`;
  }

  /** Answers pending long polls with [], then closes the server and destroys open sockets. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.updates.endPending();
    await new Promise((r) => setImmediate(r)); // let the [] answers be written
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.rejectWaiters(new Error('FakeTelegram was closed while waiting'));
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  // ---------------------------------------------------------------- HTTP

  private onRequest(req: HttpRequest, res: ServerResponse): void {
    // Counted until answered and recorded; a long poll or a hung request is handed off at once.
    this.working++;
    this.handleRequest(req, res)
      .catch((error: unknown) => {
        if (res.headersSent || res.destroyed) res.destroy();
        else this.writeJson(res, fail(500, `${TG.internal}: ${String(error)}`));
      })
      .finally(() => {
        this.working--;
        this.notifyWaiters();
      });
  }

  private async handleRequest(req: HttpRequest, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const body = await readBody(req);
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (file) return this.serveFile(file[1] ?? '', decodeURIComponent(file[2] ?? ''), res);
    const route = /^\/bot([^/]+)\/(?:test\/)?([A-Za-z0-9_]+)$/.exec(url.pathname);
    if (!route) return this.writeJson(res, fail(404, TG.notFound));
    const method = route[2] ?? '';
    const at = Date.now();
    let params: Params;
    try {
      params = parseRequestParams(body, req.headers['content-type'], url.searchParams);
    } catch (e) {
      if (!(e instanceof BodyParseError)) throw e;
      return this.respond(res, { method, params: {}, at, response: fail(400, `Bad Request: ${e.message}`), outcome: 'answered' });
    }
    if (decodeURIComponent(route[1] ?? '') !== this.token) {
      return this.respond(res, { method, params, at, response: fail(401, TG.unauthorized), outcome: 'answered' });
    }
    if (this.faults.takeDrop(method)) {
      this.record({ method, params, at, response: fail(0, 'connection dropped by FakeTelegram'), outcome: 'dropped' });
      req.socket.destroy();
      return;
    }
    if (this.faults.takeHang(method)) return this.leaveHanging(method, params, at, res);
    if (sameMethod(method, 'getUpdates')) return this.handlePoll(method, params, at, res);
    const legMs = this.drawLatency() / 2;
    if (legMs > 0) await this.sleep(legMs);
    const arrived = Date.now();
    const response = this.answer(method, params);
    if (legMs > 0) await this.sleep(legMs);
    if (this.faults.takeLoss(method)) {
      this.record({ method, params, at: arrived, response, outcome: 'lost' });
      req.socket.destroy();
      return;
    }
    this.respond(res, { method, params, at: arrived, response, outcome: 'answered' });
  }

  /** Accepted, never answered: recorded as 'hung' when the client gives up. */
  private leaveHanging(method: string, params: Params, at: number, res: ServerResponse): void {
    this.hanging++;
    res.on('close', () => {
      this.hanging--;
      this.record({ method, params, at, response: fail(0, 'request hung: never answered'), outcome: 'hung' });
    });
    this.notifyWaiters();
  }

  private drawLatency(): number {
    const { min, max } = this.latency;
    return max <= 0 ? 0 : min + Math.random() * (max - min);
  }

  private handlePoll(method: string, params: Params, at: number, res: ServerResponse): void {
    const injected = this.faults.take(method, params);
    if (injected) return this.respond(res, { method, params, at, response: injected, outcome: 'answered' });
    const poll = this.updates.poll(params, this.api.webhookUrl !== '');
    let answered = false;
    res.on('close', () => {
      if (answered) return;
      poll.cancel();
      this.record({ method, params, at, response: fail(0, 'client closed the connection'), outcome: 'aborted' });
    });
    void poll.response.then((response) => {
      answered = true;
      this.respond(res, { method, params, at, response, outcome: 'answered' });
    });
  }

  /** Decides the answer to a non-getUpdates call: injections, chat access, rate limits, then the method. */
  private answer(method: string, params: Params): ApiResponse {
    const injected = this.faults.take(method, params);
    if (injected) return injected;
    const chatId = getChatId(params);
    if (chatId !== undefined && isChatBound(method)) {
      const denied = this.store.accessError(chatId) ?? this.store.unknownChatError(chatId);
      if (denied) return denied;
    }
    if (chatId !== undefined && isChatLookup(method)) {
      const unknown = this.store.unknownChatError(chatId);
      if (unknown) return unknown;
    }
    const limited = this.limiter !== undefined && isSendMethod(method);
    if (limited) {
      const wait = this.limiter?.check(chatId);
      if (wait !== undefined) return tooManyResponse(wait);
    }
    const response = this.api.handle(method, params);
    if (limited && response.ok) this.limiter?.record(chatId);
    return response;
  }

  private respond(res: ServerResponse, call: RecordedCall): void {
    const body = JSON.stringify(call.response);
    this.record(call, body);
    if (!res.destroyed && !res.writableEnded) this.writeJson(res, call.response, body);
  }

  private writeJson(res: ServerResponse, response: ApiResponse, body = JSON.stringify(response)): void {
    const status = response.ok ? 200 : response.error_code || 500;
    const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    // Telegram's flood answers carry the wait twice: in the body and as an HTTP header.
    const retryAfter = response.parameters?.retry_after;
    if (status === 429 && retryAfter !== undefined) headers['retry-after'] = retryAfter;
    res.writeHead(status, headers);
    res.end(body);
  }

  private serveFile(token: string, path: string, res: ServerResponse): void {
    const file = token === this.token ? this.store.fileByPath(path) : undefined;
    if (!file?.data) return this.writeJson(res, fail(404, TG.notFound));
    res.writeHead(200, { 'content-type': file.mime_type ?? 'application/octet-stream', 'content-length': file.data.length });
    res.end(file.data);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  /**
   * Resolves once every pushed update has been delivered in a getUpdates answer (the bot has
   * received it; its handlers may still be running). With `{ confirmed: true }` waits until the
   * bot confirmed them with a later offset instead.
   */
  waitUntilConsumed(timeoutMs = 5000, opts: { confirmed?: boolean } = {}): Promise<void> {
    const done = (): true | undefined =>
      (opts.confirmed ? this.updates.pendingCount() === 0 : this.updates.allDelivered()) ? true : undefined;
    return this.waitUntil(done, timeoutMs, 'waitUntilConsumed').then(() => undefined);
  }

  /** Resolves when a getUpdates long poll is being held open (the bot is idle and listening). */
  waitForPendingPoll(timeoutMs = 5000): Promise<void> {
    const probe = (): true | undefined => (this.updates.hasPendingPoll() ? true : undefined);
    return this.waitUntil(probe, timeoutMs, 'waitForPendingPoll').then(() => undefined);
  }

  /** Calls received and not yet answered and recorded (long polls and hung requests aside). */
  get requestsInProgress(): number {
    return this.working;
  }

  /**
   * Resolves once every call that has reached the fake is answered and recorded (long polls and
   * hung requests aside), e.g. after the bot was killed with requests in flight.
   */
  async waitUntilIdle(timeoutMs = 5000): Promise<void> {
    await new Promise((r) => setImmediate(r)); // requests already received but not yet read
    await this.waitUntil(() => (this.working === 0 ? true : undefined), timeoutMs, 'waitUntilIdle');
  }

  /** Resolves when a request is being left hanging (see hang()). */
  waitForHangingRequest(timeoutMs = 5000): Promise<void> {
    return this.waitUntil(() => (this.hanging > 0 ? true : undefined), timeoutMs, 'waitForHangingRequest').then(() => undefined);
  }

  /** The current state of a message (after edits), or undefined if unknown/deleted. */
  currentMessage(chatId: number, messageId: number): Message | undefined {
    return this.store.getMessage(chatId, messageId);
  }

  // ---------------------------------------------------------------- updates

  /** Queues an update (update_id assigned) and wakes a pending long poll. Returns the update_id. */
  pushUpdate(update: UpdateWithoutId): number {
    this.store.observe(update);
    return this.updates.push(update).update_id;
  }

  /**
   * An update the test hands to the bot itself, as Telegram would post it to a webhook (the fake
   * does not deliver webhooks): the fake learns from it what Telegram would (the chat, the user, the
   * query), without queueing it for getUpdates.
   */
  learn(update: UpdateWithoutId): void {
    this.store.observe(update);
  }

  /** Updates not yet confirmed by the bot (delivered or not). */
  pendingUpdates(): number {
    return this.updates.pendingCount();
  }

  sendText(from: User, chat: NonChannelChat, text: string): number {
    return this.pushUpdate(textMessage(from, chat, text));
  }

  /**
   * The user answers one of the bot's messages with Telegram's reply (as a ForceReply prompt makes
   * the client do): `reply_to_message` is the current stored version of `to`.
   */
  replyTo(from: User, to: Message, text: string): number {
    const current = this.store.getMessage(to.chat.id, to.message_id) ?? to;
    return this.pushUpdate(textMessage(from, current.chat as NonChannelChat, text, { reply_to_message: current }));
  }

  sendCommand(from: User, chat: NonChannelChat, command: string, args?: string): number {
    return this.pushUpdate(commandUpdate(from, chat, command, args));
  }

  /**
   * A user presses an inline button. `message` may be a stale copy (e.g. from
   * sentMessageResults); the current stored version is sent, as Telegram does. Throws if the
   * message has no button with that callback_data, unless `unchecked`.
   */
  press(from: User, message: Message, data: string, opts: { unchecked?: boolean } = {}): number {
    const current = this.store.getMessage(message.chat.id, message.message_id) ?? message;
    if (!opts.unchecked && !inlineButtons(current).some((b) => b.callback_data === data)) {
      throw new Error(
        `Message ${current.message_id} in chat ${current.chat.id} has no button with callback_data ${JSON.stringify(data)}; ` +
          `buttons: ${JSON.stringify(inlineButtons(current))}`,
      );
    }
    return this.pushUpdate(callbackQuery(from, current, data));
  }

  /** Presses the callback button whose text equals (or matches) `label`. */
  pressButton(from: User, message: Message, label: string | RegExp): number {
    const current = this.store.getMessage(message.chat.id, message.message_id) ?? message;
    const buttons = inlineButtons(current);
    const hit = buttons.find((b) => (typeof label === 'string' ? b.text === label : label.test(b.text)));
    if (hit?.callback_data === undefined) {
      throw new Error(`No callback button ${String(label)} on message ${current.message_id}: ${JSON.stringify(buttons)}`);
    }
    return this.pushUpdate(callbackQuery(from, current, hit.callback_data));
  }

  // ---------------------------------------------------------------- state set-up

  /** Registers a downloadable file (for getFile + /file/bot<token>/<path>); use its file_id in updates. */
  addFile(
    content: Buffer | string,
    opts: { file_name?: string; mime_type?: string } = {},
  ): { file_id: string; file_unique_id: string; file_size: number; file_path: string } {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const info: { data: Buffer; file_name?: string; mime_type?: string } = { data };
    if (opts.file_name !== undefined) info.file_name = opts.file_name;
    const mime = opts.mime_type ?? (opts.file_name ? guessMimeType(opts.file_name) : undefined);
    if (mime !== undefined) info.mime_type = mime;
    const { file_id, file_unique_id, file_size, file_path } = this.store.addFile('document', info);
    return { file_id, file_unique_id, file_size, file_path };
  }

  /** Bytes of a file known by id (uploaded by the bot or added with addFile). */
  fileContent(fileId: string): Buffer | undefined {
    return this.store.getFile(fileId)?.data;
  }

  /**
   * Opens conversations the test set up without Telegram: a user id (> 0) as if that user had sent
   * /start, a group id as if the bot had been added. For members linked through the services.
   */
  knowChats(...chatIds: Array<number | User>): void {
    for (const c of chatIds) {
      const id = typeof c === 'number' ? c : c.id;
      if (typeof c !== 'number') this.store.rememberUser(c);
      this.store.openChat(id);
    }
  }

  setMemberStatus(chatId: number, userId: number, status: MemberStatus): void {
    this.store.setMemberStatus(chatId, userId, status);
  }

  /**
   * An administrator of the group changes the bot's status or rights (e.g. makes it an
   * administrator without can_pin_messages): Telegram tells the bot with a my_chat_member update.
   * `notify: false` is an update the bot never got (it was down longer than Telegram keeps them).
   */
  setBotMember(chat: NonChannelChat, status: MemberStatus, rights: BotRights = {}, opts: { by: User; notify?: boolean }): void {
    const before = this.api.groups.botMember(chat.id);
    const after = this.api.groups.setBotMember(chat.id, status, rights);
    if (opts.notify === false) return;
    this.pushUpdate({ my_chat_member: { chat, from: opts.by, date: Math.floor(Date.now() / 1000), old_chat_member: before, new_chat_member: after } });
  }

  /** Opens a topic in a forum supergroup (`is_forum`); returns its message_thread_id. */
  openTopic(chat: Chat.SupergroupChat, name: string, by: User): number {
    return this.api.groups.openTopic(chat, name, by);
  }

  /** Closes (or, with `false`, reopens) a topic: only administrators who manage topics may post there. */
  closeTopic(chatId: number, threadId: number, closed = true): void {
    this.api.groups.closeTopic(chatId, threadId, closed);
  }

  /** Deletes a topic: sends into it are refused with "message thread not found". */
  deleteTopic(chatId: number, threadId: number): void {
    this.api.groups.deleteTopic(chatId, threadId);
  }

  /** The messages pinned in a chat, the latest last. */
  pinnedMessages(chatId: number): number[] {
    return this.api.groups.pinned(chatId);
  }

  commandsFor(scope?: BotCommandScope, languageCode = ''): unknown[] {
    return this.api.commandsFor(scope, languageCode);
  }

  /** The menu button of a private chat, as getChatMenuButton would answer. */
  menuButtonOf(chatId: number): unknown {
    return this.api.menuButtonOf(chatId);
  }

  /** The bot's description set for exactly this language code ('' = the default), as Telegram keeps it. */
  descriptionOf(languageCode = ''): string | undefined {
    return this.api.profileTextOf('description', languageCode);
  }

  /** The bot's short description set for exactly this language code ('' = the default). */
  shortDescriptionOf(languageCode = ''): string | undefined {
    return this.api.profileTextOf('short_description', languageCode);
  }

  /** How many setMyDescription / setMyShortDescription calls Telegram accepted (both are rate-limited hard). */
  get profileWrites(): number {
    return this.api.profileWrites;
  }

  // ---------------------------------------------------------------- failure injection

  /** The next `times` (default 1) calls of `method` ('*' = any but getUpdates), optionally to one chat, fail with `error`. */
  failNext(method: string, error: ApiErrorSpec, opts: FailOptions = {}): void {
    this.faults.failNext(method, error, opts);
  }

  /** 429 'Too Many Requests: retry after N' with parameters.retry_after = N. */
  tooManyRequests(method: string, retryAfterSeconds: number, opts: FailOptions = {}): void {
    this.failNext(
      method,
      {
        error_code: 429,
        description: `Too Many Requests: retry after ${retryAfterSeconds}`,
        parameters: { retry_after: retryAfterSeconds },
      },
      opts,
    );
  }

  serverError(method: string, opts: FailOptions & { status?: 500 | 502 } = {}): void {
    const status = opts.status ?? 500;
    this.failNext(method, { error_code: status, description: status === 502 ? TG.badGateway : TG.internal }, opts);
  }

  blockUser(chatId: number): void {
    this.store.setAccess(chatId, { kind: 'blocked' });
  }

  kickFromChat(chatId: number): void {
    this.store.setAccess(chatId, { kind: 'kicked' });
  }

  deactivateUser(chatId: number): void {
    this.store.setAccess(chatId, { kind: 'deactivated' });
  }

  /** Undoes blockUser/kickFromChat/deactivateUser/migrateChat/leaveChat for a chat. */
  unblock(chatId: number): void {
    this.store.setAccess(chatId, undefined);
  }

  migrateChat(oldId: number, newId: number): void {
    this.store.setAccess(oldId, { kind: 'migrated', to: newId });
    this.store.setAccess(newId, undefined);
    this.store.openChat(newId);
  }

  /** The next `times` calls of `method` get their socket destroyed without an answer. */
  dropConnections(method: string, times = 1): void {
    this.faults.dropConnections(method, times);
  }

  /**
   * Latency of every call except getUpdates: a fixed number of milliseconds, or `{ min, max }` for a
   * latency drawn per call (jitter); half of it before the call is performed, half before the answer.
   */
  setLatency(latency: number | { min: number; max: number }): void {
    const { min, max } = typeof latency === 'number' ? { min: latency, max: latency } : latency;
    if (!(min >= 0 && max >= min)) throw new Error(`setLatency: need 0 <= min <= max, got ${min}-${max}`);
    this.latency = { min, max };
  }

  /**
   * The next `times` calls of `method` are accepted and never answered (the socket stays open until
   * the client gives up): a half-open connection or a proxy that swallows the request. The call is
   * not performed; a hung getUpdates takes no update.
   */
  hang(method: string, times = 1): void {
    this.faults.hang(method, times);
  }

  /**
   * Answers lost on the way back: the call is performed (a message is stored and counts as sent),
   * then the socket is destroyed instead of answering. `times` next calls of `method`, then (with
   * `rate`) each call with that probability.
   */
  loseAnswers(method: string, opts: number | { times?: number; rate?: number } = 1): void {
    const { times = 0, rate = 0 } = typeof opts === 'number' ? { times: opts } : opts;
    this.faults.loseAnswers(method, times, rate);
  }

  /** Replaces the flood limits (they are on from the start unless the fake was started without). */
  enableRateLimits(opts: RateLimitOptions = {}): void {
    this.limiter = new RateLimiter(opts);
  }

  /** Turns the flood limits off: only where a test needs raw speed, with a comment saying why. */
  disableRateLimits(): void {
    this.limiter = undefined;
  }
}
