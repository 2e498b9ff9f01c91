/**
 * Call recording and waiting for FakeTelegram: every Bot API call is kept with its parameters,
 * arrival time and answer; tests wait for calls instead of sleeping, and query what the bot sent.
 *
 * Semantics: `waitFor(method, predicate?, { after, timeoutMs })` resolves with the first matching
 * call whose index is >= `after` (default 0, i.e. also calls recorded before waitFor was called),
 * otherwise waits for new calls. `mark()` returns the current length for use as `after`. A send
 * (sendMessage, sendDocument, …) that Telegram refused (429, 400, 403, …) is passed over unless
 * `refused: true`: what a test waits for is what the member saw. Other methods match answered or not.
 * Timeouts reject with an Error listing the last 10 calls. Calls are recorded when they are
 * answered (after any latency), refused calls (429, 4xx, dropped, aborted) included.
 *
 * Does not model: anything on the wire — this is bookkeeping only.
 */
import type { Message } from 'grammy/types';
import { isSendMethod } from './bot-api.js';
import { uploadedBytes } from './multipart.js';
import { isRecord, isRecordedFile, type ApiResponse, type Params, type RecordedFile } from './protocol.js';

export interface RecordedCall {
  method: string;
  params: Params;
  /**
   * Date.now() when the call arrived: after the request leg of the latency, when it was counted by
   * the rate limiter and performed.
   */
  at: number;
  /**
   * The answer (snapshot). For dropped/aborted/hung calls: error_code 0 and an explanation; for a
   * lost answer, the answer that was lost (the call was performed).
   */
  response: ApiResponse;
  /**
   * 'dropped' = socket destroyed before the call (dropConnections); 'aborted' = client hung up
   * first; 'hung' = accepted and never answered until the client gave up (hang); 'lost' = performed,
   * then the socket was destroyed instead of answering (loseAnswers).
   */
  outcome: 'answered' | 'dropped' | 'aborted' | 'hung' | 'lost';
}

export interface WaitOptions {
  /** Only consider calls with index >= after (see mark()). Default 0. */
  after?: number;
  timeoutMs?: number;
  /** Also match sends Telegram refused (default false: only sends that went through). */
  refused?: boolean;
}

export type CallPredicate = (params: Params, call: RecordedCall) => boolean;

/** Parameters of a successfully sent message, as the bot passed them. */
export type SentParams = Params & {
  chat_id: number | string;
  text?: string;
  caption?: string;
  parse_mode?: string;
  reply_markup?: unknown;
};

export interface FakeStats {
  calls: number;
  sends: number;
  tooMany: number;
  perMethod: Record<string, number>;
}

export interface UploadedFile {
  method: string;
  field: string;
  file: RecordedFile;
  data: Buffer;
}

const SENT_METHODS = new Set(['sendmessage', 'senddocument', 'sendphoto', 'sendvideo', 'sendaudio', 'sendanimation', 'sendvoice']);

export function sameMethod(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * The call as recorded: its answer frozen as JSON when it was recorded (the store may change the
 * objects later, e.g. an edited message), parsed the first time someone reads it. The server
 * passes the JSON it writes to the wire, so an answer is serialised once, and most (a bench's
 * thousands of getUpdates batches) are never parsed back.
 */
function frozen(call: RecordedCall, json: string): RecordedCall {
  let response: ApiResponse | undefined;
  return {
    method: call.method,
    params: call.params,
    at: call.at,
    outcome: call.outcome,
    get response(): ApiResponse {
      return (response ??= JSON.parse(json) as ApiResponse);
    },
  };
}

export class CallRecorder {
  readonly calls: RecordedCall[] = [];
  private counters: FakeStats = { calls: 0, sends: 0, tooMany: 0, perMethod: {} };
  private readonly waiters = new Map<() => void, (e: Error) => void>();

  /**
   * Stores a call (its answer frozen: `json` is the answer as written to the client, when the
   * caller has it), updates stats and wakes waiters.
   */
  protected record(call: RecordedCall, json: string = JSON.stringify(call.response)): void {
    this.calls.push(frozen(call, json));
    const c = this.counters;
    c.calls++;
    c.perMethod[call.method] = (c.perMethod[call.method] ?? 0) + 1;
    if (call.response.error_code === 429) c.tooMany++;
    if (call.response.ok && isSendMethod(call.method)) c.sends++;
    this.notifyWaiters();
  }

  protected notifyWaiters(): void {
    for (const check of [...this.waiters.keys()]) check();
  }

  /** Index to pass as `after` so that only calls recorded from now on are considered. */
  mark(): number {
    return this.calls.length;
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => sameMethod(c.method, method));
  }

  /** Forgets recorded calls (indices from mark() become meaningless). Does not reset stats(). */
  clearCalls(): void {
    this.calls.length = 0;
  }

  private matching(method: string, predicate: CallPredicate | undefined, after: number, refused = false): RecordedCall[] {
    const sends = isSendMethod(method);
    return this.calls
      .slice(after)
      .filter(
        (c) =>
          sameMethod(c.method, method) &&
          (refused || !sends || c.response.ok) &&
          (predicate === undefined || predicate(c.params, c)),
      );
  }

  /** First call of `method` (matching `predicate`) with index >= after; waits if there is none yet. */
  waitFor(method: string, predicate?: CallPredicate, opts: WaitOptions | number = {}): Promise<RecordedCall> {
    const { after = 0, timeoutMs = 5000, refused } = typeof opts === 'number' ? { timeoutMs: opts } : opts;
    return this.waitUntil(() => this.matching(method, predicate, after, refused)[0], timeoutMs, `waitFor('${method}')`);
  }

  /** Resolves with the first `n` matching calls once there are that many. */
  waitForCount(
    method: string,
    n: number,
    opts: WaitOptions & { predicate?: CallPredicate } = {},
  ): Promise<RecordedCall[]> {
    const { after = 0, timeoutMs = 5000, predicate, refused } = opts;
    return this.waitUntil(
      () => {
        const found = this.matching(method, predicate, after, refused);
        return found.length >= n ? found.slice(0, n) : undefined;
      },
      timeoutMs,
      () => `waitForCount('${method}', ${n}) (found ${this.matching(method, predicate, after, refused).length})`,
    );
  }

  /** Resolves with the first non-undefined value of `probe`, re-checked after every call/state change. */
  protected waitUntil<T>(probe: () => T | undefined, timeoutMs: number, label: string | (() => string)): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const first = probe();
      if (first !== undefined) return resolve(first);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      const check = (): void => {
        const value = probe();
        if (value === undefined) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        const what = typeof label === 'string' ? label : label();
        reject(new Error(`FakeTelegram ${what} timed out after ${timeoutMs} ms.\n${this.describeRecent()}`));
      }, timeoutMs);
      this.waiters.set(check, (e) => {
        cleanup();
        reject(e);
      });
    });
  }

  private describeRecent(): string {
    const recent = this.calls.slice(-10);
    if (recent.length === 0) return 'No calls recorded.';
    const start = this.calls.length - recent.length;
    const lines = recent.map((c, i) => {
      const params = JSON.stringify(c.params);
      const answer = c.response.ok ? 'ok' : `${c.response.error_code ?? '?'} ${c.response.description ?? ''}`;
      return `  #${start + i} ${c.method} ${params.length > 300 ? `${params.slice(0, 300)}…` : params} → ${answer}`;
    });
    return `Last ${recent.length} calls:\n${lines.join('\n')}`;
  }

  // ---- sent messages ----

  private succeeded(methods: (m: string) => boolean, chatId?: number | string): RecordedCall[] {
    return this.calls.filter(
      (c) =>
        c.response.ok &&
        methods(c.method.toLowerCase()) &&
        (chatId === undefined || String(c.params.chat_id) === String(chatId)),
    );
  }

  /** Params of successful sendMessage/sendDocument/sendPhoto/… calls (text or caption), oldest first. */
  sentMessages(chatId?: number | string): SentParams[] {
    return this.succeeded((m) => SENT_METHODS.has(m), chatId).map((c) => c.params as SentParams);
  }

  /** Text (or caption) of the last message successfully sent to a chat, as the bot passed it. */
  lastText(chatId: number | string): string | undefined {
    const last = this.sentMessages(chatId).at(-1);
    return last?.text ?? last?.caption;
  }

  /** The Message objects returned for successful sends (incl. media groups), oldest first. */
  sentMessageResults(chatId?: number | string): Message[] {
    return this.succeeded((m) => SENT_METHODS.has(m) || m === 'sendmediagroup', chatId).flatMap((c) =>
      (Array.isArray(c.response.result) ? c.response.result : [c.response.result]) as Message[],
    );
  }

  lastSentMessage(chatId: number | string): Message | undefined {
    return this.sentMessageResults(chatId).at(-1);
  }

  /** Files uploaded via multipart, with their bytes. */
  uploadedFiles(method?: string): UploadedFile[] {
    const out: UploadedFile[] = [];
    for (const c of this.calls) {
      if (method !== undefined && !sameMethod(c.method, method)) continue;
      const fields: Array<[string, unknown]> = Object.entries(c.params);
      if (Array.isArray(c.params.media)) c.params.media.forEach((m, i) => isRecord(m) && fields.push([`media[${i}]`, m.media]));
      for (const [field, value] of fields) {
        const data = isRecordedFile(value) ? uploadedBytes(value) : undefined;
        if (isRecordedFile(value) && data) out.push({ method: c.method, field, file: value, data });
      }
    }
    return out;
  }

  /** Rejects every pending wait (used when the server closes). */
  protected rejectWaiters(error: Error): void {
    for (const reject of [...this.waiters.values()]) reject(error);
  }

  /** Counters since start (or resetStats); clearCalls() does not reset them. */
  stats(): FakeStats {
    return { ...this.counters, perMethod: { ...this.counters.perMethod } };
  }

  resetStats(): void {
    this.counters = { calls: 0, sends: 0, tooMany: 0, perMethod: {} };
  }
}
