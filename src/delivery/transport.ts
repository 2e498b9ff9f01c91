/**
 * The one way the bot reaches the Bot API: a `fetch` installed in the client options of every Api
 * object (bot.api, each update's ctx.api, each conversation's Api, the Sender's). It sits below
 * grammY's transformers and below the conversations plugin's recorder, so a conversation that
 * replays gets its recorded answers and never waits or retries again. What a refusal of a direct
 * call says of its chat (403, 400 migrate_to_chat_id) is handled here too (ChatFate).
 *
 * Every attempt has a time limit (a long poll: its own timeout plus a margin), so a request that
 * hangs is abandoned and the runner polls again. Direct sends (replies) take a slot from the shared
 * SendBudget, ahead of the outbox; a 429 tells the budget and the send waits and goes again, with
 * no limit on attempts but a bounded total wait, after which `gaveUp` is told (the member hears of
 * it once). Network errors and 5xx are retried a few times, bounded in count and time. Bodies are
 * buffered first (a multipart upload is a stream) so that a retry can send them again.
 *
 * A retry after an answer that never came back may repeat a call Telegram already performed: the
 * Bot API has no idempotency key, so such a message arrives twice.
 *
 * The HTTP client underneath is node:http on keep-alive sockets: the global fetch (undici, web
 * streams, a Request and a Response per call) cost more CPU than all the bot's own work on a
 * simple reply (README, "Footprint: per-update cost").
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Logger } from '../logger.js';
import { BudgetWaitError, type SendBudget } from './budget.js';

export interface TransportTimings {
  /** Added to a getUpdates long poll's own `timeout` (default 15 s). */
  pollMarginMs: number;
  /** One attempt of any other call (default 30 s). */
  callTimeoutMs: number;
  /** One attempt of a multipart upload (default 120 s). */
  uploadTimeoutMs: number;
  /** Longest a direct send waits in all for its slot and through 429s (default 3 min). */
  maxWaitMs: number;
  /** Network errors and 5xx: attempts after the first (default 3)… */
  networkRetries: number;
  /** …within this much time from the first attempt (default 30 s). */
  networkWindowMs: number;
  /** The first back-off, doubled each time (default 1 s). */
  backoffMs: number;
}

export const DEFAULT_TIMINGS: TransportTimings = {
  pollMarginMs: 15_000,
  callTimeoutMs: 30_000,
  uploadTimeoutMs: 120_000,
  maxWaitMs: 3 * 60_000,
  networkRetries: 3,
  networkWindowMs: 30_000,
  backoffMs: 1_000,
};

export interface TransportOptions {
  budget: SendBudget;
  timings?: Partial<TransportTimings>;
  logger?: Logger;
  /** A direct send to this chat gave up after waiting `maxWaitMs`. */
  gaveUp?: (chatId: number, method: string) => void;
  /** The HTTP client underneath (default node:http on keep-alive sockets; tests script their own). */
  fetch?: typeof fetch;
  /** What a direct call's refusal says of its chat (the push path's Sender handles its own). */
  chatFate?: ChatFate;
}

/**
 * What Telegram tells of a chat through a refusal: 403 (a member blocked the bot, a group removed
 * it) and 400 with migrate_to_chat_id (a group became a supergroup). Here, below every Api object
 * of the bot (bot.api, each update's, each conversation's), once: as a transformer it was installed
 * again on the fresh Api of every update and every conversation.
 */
export interface ChatFate {
  unreachable(chatId: number): void;
  migrated(oldChatId: number, newChatId: number): void;
}

/** What grammY passes to its fetch (node-fetch flavoured; only these fields matter here). */
interface FetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal | null;
}

/** What the transport answers: grammY reads json() only; status and text() are for tests and logs. */
export interface TransportResponse {
  readonly status: number;
  readonly ok: boolean;
  json(): Promise<unknown>;
  text(): Promise<string>;
}

type GrammyFetch = (url: string, init: FetchInit) => Promise<TransportResponse>;

/**
 * One HTTP request with a body already in memory: the status and the whole answer as text. It
 * rejects with `signal`'s reason when that aborts, and with a TimedOut after `timeoutMs` from the
 * start to the last byte of the answer.
 */
interface Requester {
  (
    url: string,
    init: { method?: string; headers?: Record<string, string>; body?: string | Buffer; signal: AbortSignal | undefined; timeoutMs: number },
  ): Promise<Answer>;
  /** Ends every request still going and closes the sockets. */
  close(): Promise<void>;
}

/** What a Requester rejects with when its time ran out. */
class TimedOut extends Error {}

export interface Transport {
  /** For the bot's Api objects: budget, retries and time limits. */
  fetch: GrammyFetch;
  /** For the Sender's Api: one attempt with a time limit; the Sender paces and retries itself. */
  pushFetch: GrammyFetch;
  /** grammY's own limit on a whole call, above every wait of the transport. */
  timeoutSeconds: number;
  readonly timings: TransportTimings;
  readonly stats: { calls: number; retries: number; tooManyRequests: number; timeouts: number; gaveUp: number };
  /** Ends every request still going (the app stops: what was in flight has had its time), closes the sockets, takes no more. */
  close(): Promise<void>;
}

/** Methods that post a message: they take a slot from the budget (as in Telegram's limits). */
export function isSendMethod(method: string): boolean {
  const m = method.toLowerCase();
  if (m === 'sendchataction') return false;
  return m.startsWith('send') || m.startsWith('copymessage') || m.startsWith('forwardmessage');
}

class AttemptTimeout extends Error {
  constructor(method: string, ms: number) {
    super(`Request to '${method}' got no answer within ${ms} ms`);
    this.name = 'AttemptTimeout';
  }
}

interface Answer {
  status: number;
  text: string;
}

/** One direct call, for its retries and its giving up. */
interface Call {
  method: string;
  chatId: number | undefined;
  started: number;
  signal: AbortSignal | undefined;
  /** Network errors and 5xx so far. */
  failures: number;
  /** The next back-off, doubled after each. */
  backoff: number;
}

export function createTransport(options: TransportOptions): Transport {
  const timings: TransportTimings = { ...DEFAULT_TIMINGS, ...options.timings };
  const { budget, logger } = options;
  const inner: Requester = options.fetch ? fromFetch(options.fetch) : nodeRequester();
  const stats = { calls: 0, retries: 0, tooManyRequests: 0, timeouts: 0, gaveUp: 0 };
  /** Once closed, no request goes out and a failed attempt is not tried again. */
  let closed = false;

  /** One request, bounded in time from sending it to the last byte of the answer. */
  async function attempt(url: string, init: FetchInit, method: string, limitMs: number): Promise<Answer> {
    if (closed) throw new Error('the Bot API transport is closed');
    stats.calls++;
    try {
      return await inner(url, { method: init.method, headers: init.headers, body: init.body as string | Buffer | undefined, signal: init.signal ?? undefined, timeoutMs: limitMs });
    } catch (error) {
      if (error instanceof TimedOut) {
        stats.timeouts++;
        throw new AttemptTimeout(method, limitMs);
      }
      throw error;
    }
  }

  function limitFor(method: string, body: string | Buffer | undefined, multipart: boolean): number {
    if (method.toLowerCase() === 'getupdates') return pollTimeoutSeconds(body) * 1000 + timings.pollMarginMs;
    return multipart ? timings.uploadTimeoutMs : timings.callTimeoutMs;
  }

  /**
   * The answer of a direct call, after what a refusal says of its chat (options.chatFate): a 403
   * marks the chat; a 400 with migrate_to_chat_id moves the chat's link and sends the call again to
   * the supergroup, whose answer is the one returned (once: a call already moved is not moved again).
   */
  async function settle(url: string, init: FetchInit, body: string | Buffer | undefined, answer: Answer, moved: boolean): Promise<TransportResponse> {
    const fate = options.chatFate;
    if (!fate || (answer.status !== 400 && answer.status !== 403)) return toResponse(answer);
    const chatId = chatIdOf(body);
    if (chatId === undefined) return toResponse(answer);
    if (answer.status === 403) {
      fate.unreachable(chatId);
      return toResponse(answer);
    }
    const migrateTo = migrateToOf(answer.text);
    const movedBody = migrateTo === undefined || moved ? undefined : withChatId(body, chatId, migrateTo);
    if (migrateTo === undefined || movedBody === undefined) return toResponse(answer);
    fate.migrated(chatId, migrateTo);
    return directCall(url, { ...init, body: movedBody }, true);
  }

  function giveUp(call: Call, reason: string): void {
    stats.gaveUp++;
    logger?.warn({ method: call.method, chat_id: call.chatId, waited_ms: Math.round(budget.now() - call.started), reason }, 'a direct send gave up waiting');
    if (call.chatId !== undefined) options.gaveUp?.(call.chatId, call.method);
  }

  /** Network errors and 5xx: true when another attempt is allowed (after its back-off). */
  async function mayRetry(call: Call, what: string): Promise<boolean> {
    call.failures++;
    if (call.failures > timings.networkRetries || budget.now() + call.backoff - call.started > timings.networkWindowMs) return false;
    stats.retries++;
    logger?.debug({ method: call.method, chat_id: call.chatId, attempt: call.failures, backoff_ms: call.backoff, error: what }, 'retrying a Bot API call');
    await sleep(call.backoff * (0.75 + Math.random() / 2), call.signal);
    call.backoff *= 2;
    return true;
  }

  const pushFetch: GrammyFetch = async (url, init) => {
    const method = methodOf(url);
    const body = await bufferBody(init.body);
    const answer = await attempt(url, { ...init, body }, method, limitFor(method, body, typeof body !== 'string'));
    return toResponse(answer);
  };

  const directFetch: GrammyFetch = (url, init) => directCall(url, init, false);

  /** A direct call; `moved`: already sent again to a supergroup (settle). */
  async function directCall(url: string, init: FetchInit, moved: boolean): Promise<TransportResponse> {
    const method = methodOf(url);
    const body = await bufferBody(init.body);
    const request = { ...init, body };
    const signal = init.signal ?? undefined;
    const limit = limitFor(method, body, typeof body !== 'string');
    // getUpdates is the runner's: one bounded attempt, and the runner polls again.
    if (method.toLowerCase() === 'getupdates') return toResponse(await attempt(url, request, method, limit));
    // A chat action is a courtesy: waited out or sent again, it would only show after the reply.
    if (method.toLowerCase() === 'sendchataction') return settle(url, init, body, await attempt(url, request, method, limit), moved);
    const send = isSendMethod(method);
    const chatId = send ? chatIdOf(body) : undefined;
    const started = budget.now();
    const deadline = started + timings.maxWaitMs;
    // What the rare paths (a retry, giving up) need: one object, not closures made for every call.
    const call: Call = { method, chatId, started, signal, failures: 0, backoff: timings.backoffMs };
    let refused: Answer | undefined;
    for (;;) {
      if (send) {
        try {
          await budget.acquire(chatId, { deadline, signal });
        } catch (error) {
          if (!(error instanceof BudgetWaitError) || error.reason !== 'deadline') throw error;
          giveUp(call, 'no sending slot in time');
          return toResponse(refused ?? tooManyAnswer(Math.ceil(timings.maxWaitMs / 1000)));
        }
      }
      let answer: Answer;
      try {
        answer = await attempt(url, request, method, limit);
      } catch (error) {
        if (signal?.aborted || closed) throw error;
        if (await mayRetry(call, String(error))) continue;
        throw error;
      }
      if (answer.status === 429) {
        stats.tooManyRequests++;
        refused = answer;
        const retryAfter = retryAfterOf(answer.text);
        if (send) budget.tooManyRequests(chatId, retryAfter);
        if (budget.now() + retryAfter * 1000 > deadline) {
          giveUp(call, '429 past the longest wait');
          return toResponse(answer);
        }
        // A send waits in the budget (which now knows of the pause); anything else waits here.
        if (!send) await sleep(retryAfter * 1000, signal);
        continue;
      }
      if (answer.status >= 500 && (await mayRetry(call, `${answer.status}`))) continue;
      return settle(url, init, body, answer, moved);
    }
  }

  return {
    fetch: directFetch,
    pushFetch,
    timeoutSeconds: Math.ceil((timings.maxWaitMs + timings.networkWindowMs + 2 * timings.uploadTimeoutMs) / 1000),
    timings,
    stats,
    close: () => {
      closed = true;
      return inner.close();
    },
  };
}

function methodOf(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1).split('?')[0] ?? '';
}

/** A multipart upload arrives as a stream: read it once so every attempt can send it. */
async function bufferBody(body: unknown): Promise<string | Buffer | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || Buffer.isBuffer(body)) return body;
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    const chunks: Buffer[] = [];
    for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
    return Buffer.concat(chunks);
  }
  throw new Error(`cannot send a request body of type ${typeof body}`);
}

/** grammY writes `chat_id` first (`{ chat_id, text, ...other }`). */
const LEADING_CHAT_ID = '{"chat_id":';

/** The chat a send goes to: from the JSON body, or the chat_id field of a multipart body. */
export function chatIdOf(body: string | Buffer | undefined): number | undefined {
  if (body === undefined) return undefined;
  if (typeof body === 'string') {
    const leading = body.startsWith(LEADING_CHAT_ID) ? leadingInteger(body, LEADING_CHAT_ID.length) : undefined;
    if (leading !== undefined) return leading;
    try {
      const chatId = (JSON.parse(body) as { chat_id?: unknown }).chat_id;
      return typeof chatId === 'number' ? chatId : typeof chatId === 'string' && /^-?\d+$/.test(chatId) ? Number(chatId) : undefined;
    } catch {
      return undefined;
    }
  }
  const head = body.subarray(0, 4096).toString('latin1');
  const match = /name="chat_id"\r\n\r\n(-?\d+)/.exec(head);
  return match ? Number(match[1]) : undefined;
}

/**
 * The integer written at `from` in `text` (a JSON number, or a string of digits), when a `,` or `}`
 * follows it: read without parsing the rest of the body. Undefined for anything else.
 */
function leadingInteger(text: string, from: number): number | undefined {
  let i = from;
  const quoted = text.charCodeAt(i) === 34; // "
  if (quoted) i++;
  const start = i;
  if (text.charCodeAt(i) === 45) i++; // -
  const digits = i;
  while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  if (i === digits || i - digits > 16) return undefined;
  const end = i;
  if (quoted && text.charCodeAt(i++) !== 34) return undefined;
  const next = text.charCodeAt(i);
  if (next !== 44 && next !== 125) return undefined; // , }
  return Number(text.slice(start, end));
}

/** The supergroup a refused call's group became (400 with parameters.migrate_to_chat_id). */
function migrateToOf(text: string): number | undefined {
  try {
    const to = (JSON.parse(text) as { parameters?: { migrate_to_chat_id?: unknown } }).parameters?.migrate_to_chat_id;
    return typeof to === 'number' ? to : undefined;
  } catch {
    return undefined;
  }
}

/** The body with chat `from` replaced by chat `to`, JSON or multipart; undefined when it is not found. */
export function withChatId(body: string | Buffer | undefined, from: number, to: number): string | Buffer | undefined {
  if (body === undefined) return undefined;
  if (typeof body === 'string') {
    try {
      const payload = JSON.parse(body) as Record<string, unknown>;
      if (Number(payload.chat_id) !== from) return undefined;
      // chat_id stays the first field, as grammY writes it (chatIdOf reads it there).
      const { chat_id: _old, ...rest } = payload;
      return JSON.stringify({ chat_id: to, ...rest });
    } catch {
      return undefined;
    }
  }
  const field = (id: number) => Buffer.from(`name="chat_id"\r\n\r\n${id}\r\n`, 'latin1');
  const old = field(from);
  const at = body.indexOf(old);
  if (at < 0) return undefined;
  return Buffer.concat([body.subarray(0, at), field(to), body.subarray(at + old.length)]);
}

function pollTimeoutSeconds(body: string | Buffer | undefined): number {
  if (typeof body !== 'string') return 0;
  try {
    const timeout = (JSON.parse(body) as { timeout?: unknown }).timeout;
    return typeof timeout === 'number' && timeout > 0 ? timeout : 0;
  } catch {
    return 0;
  }
}

function retryAfterOf(text: string): number {
  try {
    const retryAfter = (JSON.parse(text) as { parameters?: { retry_after?: unknown } }).parameters?.retry_after;
    return typeof retryAfter === 'number' && retryAfter > 0 ? retryAfter : 1;
  } catch {
    return 1;
  }
}

function tooManyAnswer(seconds: number): Answer {
  const text = JSON.stringify({
    ok: false,
    error_code: 429,
    description: `Too Many Requests: no sending slot within ${seconds} s`,
    parameters: { retry_after: 1 },
  });
  return { status: 429, text };
}

/** The answer as grammY reads it (it only calls json()); the body was read within the time limit. */
class BufferedResponse implements TransportResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly #text: string;

  constructor(answer: Answer) {
    this.status = answer.status;
    this.ok = answer.status >= 200 && answer.status < 300;
    this.#text = answer.text;
  }

  json(): Promise<unknown> {
    try {
      return Promise.resolve(JSON.parse(this.#text) as unknown);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  text(): Promise<string> {
    return Promise.resolve(this.#text);
  }
}

function toResponse(answer: Answer): TransportResponse {
  return new BufferedResponse(answer);
}

/** A fetch-shaped client (the tests' scripted ones) as a Requester. */
function fromFetch(fetch: typeof globalThis.fetch): Requester {
  const request = async (url: string, init: Parameters<Requester>[1]): Promise<Answer> => {
    const controller = new AbortController();
    const outer = init.signal;
    const onAbort = () => controller.abort(outer?.reason);
    if (outer?.aborted) onAbort();
    outer?.addEventListener('abort', onAbort);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, init.timeoutMs);
    try {
      // A buffered upload is sent as is; the DOM types only miss that a Buffer is a body.
      const res = await fetch(url, { method: init.method, headers: init.headers, body: init.body as string | undefined, signal: controller.signal });
      return { status: res.status, text: await res.text() };
    } catch (error) {
      throw timedOut ? new TimedOut() : error;
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    }
  };
  return Object.assign(request, { close: async () => undefined });
}

/** Where a request goes, without its path: parsed once per Bot API root, not per call. */
interface Origin {
  secure: boolean;
  hostname: string;
  port: number | undefined;
}

/**
 * The default Requester: node:http(s) on keep-alive sockets of its own (as many as there are
 * requests at once; idle ones do not hold the process), the answer read whole. The time limit and
 * `signal` end the request themselves (one timer, one listener): no AbortController per call, whose
 * signal node:http would watch with listeners of its own.
 */
function nodeRequester(): Requester {
  const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
  const origins = new Map<string, Origin>();
  const originOf = (root: string): Origin => {
    let origin = origins.get(root);
    if (!origin) {
      const parsed = new URL(root);
      origin = { secure: parsed.protocol === 'https:', hostname: parsed.hostname.replace(/^\[|\]$/g, ''), port: parsed.port ? Number(parsed.port) : undefined };
      origins.set(root, origin);
    }
    return origin;
  };
  const request = (url: string, init: Parameters<Requester>[1]): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const { signal } = init;
      if (signal?.aborted) return reject(signal.reason as Error);
      const slash = url.indexOf('/', url.indexOf('//') + 2);
      const origin = originOf(slash < 0 ? url : url.slice(0, slash));
      const headers: Record<string, string | number> = { ...init.headers, 'content-length': init.body === undefined ? 0 : Buffer.byteLength(init.body) };
      let failure: Error | undefined;
      const end = (error: Error) => {
        failure ??= error;
        req.destroy(failure);
      };
      const timer = setTimeout(() => end(new TimedOut()), init.timeoutMs);
      const onAbort = () => end(signal!.reason as Error);
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const fail = (error: Error) => {
        settle();
        reject(failure ?? error);
      };
      const onResponse = (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          settle();
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', fail);
        res.on('aborted', () => fail(new Error('the answer was cut off')));
      };
      const options = {
        method: init.method ?? 'GET',
        hostname: origin.hostname,
        port: origin.port,
        path: slash < 0 ? '/' : url.slice(slash),
        headers,
        agent: origin.secure ? agents.https : agents.http,
      };
      const req = origin.secure ? httpsRequest(options, onResponse) : httpRequest(options, onResponse);
      req.on('error', fail);
      req.end(init.body);
    });
  const close = async () => {
    // Destroys the sockets in use too: their requests fail, as after a network error.
    agents.http.destroy();
    agents.https.destroy();
  };
  return Object.assign(request, { close });
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
