/**
 * The transport's rules on a scripted HTTP client (no server, no real pauses beyond a few
 * milliseconds): which calls are sends, which chat a send is for (JSON or multipart), what a 429
 * costs when it lasts past the longest wait, how many attempts network errors and 5xx get and
 * within what window, the time limit of each kind of call, and how request bodies are read.
 * tests/delivery/transport.test.ts has the same rules end to end against the fake Bot API.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BudgetWaitError, SendBudget } from '../../src/delivery/budget.js';
import { createTransport, isSendMethod, type TransportTimings } from '../../src/delivery/transport.js';
import { createLogger } from '../../src/logger.js';

const URL_ROOT = 'https://api.telegram.org/bot123:abc';

interface Seen {
  url: string;
  method: string | undefined;
  body: unknown;
}

/** An HTTP client that answers from a script, one entry per request; the last entry repeats. */
function scripted(...answers: (number | { status: number; body: unknown } | { status: number; raw: string } | Error | 'hang')[]) {
  const seen: Seen[] = [];
  const fetch = (async (url: string, init: { method?: string; body?: unknown; signal?: AbortSignal }) => {
    seen.push({ url, method: init.method, body: init.body });
    const answer = answers[Math.min(seen.length - 1, answers.length - 1)]!;
    if (answer === 'hang') {
      return new Promise<Response>((_, reject) => init.signal!.addEventListener('abort', () => reject(new Error('aborted'))));
    }
    if (answer instanceof Error) throw answer;
    if (typeof answer === 'object' && 'raw' in answer) return new Response(answer.raw, { status: answer.status });
    const { status, body } = typeof answer === 'number' ? { status: answer, body: { ok: answer < 300, result: true } } : answer;
    return new Response(JSON.stringify(body), { status });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, seen };
}

const tooMany = (retryAfter?: number) => ({
  status: 429,
  body: { ok: false, error_code: 429, description: 'Too Many Requests', ...(retryAfter === undefined ? {} : { parameters: { retry_after: retryAfter } }) },
});

const budgets: SendBudget[] = [];
afterEach(() => {
  for (const b of budgets.splice(0)) b.close();
});

function setup(client: ReturnType<typeof scripted>, timings: Partial<TransportTimings> = {}) {
  const budget = new SendBudget();
  budgets.push(budget);
  const gaveUp: [number, string][] = [];
  const logs: Record<string, unknown>[] = [];
  const transport = createTransport({
    budget,
    fetch: client.fetch,
    timings: { backoffMs: 1, networkWindowMs: 5_000, ...timings },
    gaveUp: (chatId, method) => gaveUp.push([chatId, method]),
    logger: createLogger({ level: 'debug', secrets: ['123:abc'], destination: { write: (l: string) => logs.push(JSON.parse(l) as Record<string, unknown>) } }),
  });
  return { transport, gaveUp, budget, logs };
}

const post = (body: unknown, signal?: AbortSignal) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body, signal });
const json = (value: object) => JSON.stringify(value);

describe('isSendMethod', () => {
  it('the methods that post a message, whatever their case; not a chat action, not an edit', () => {
    for (const m of ['sendMessage', 'sendPhoto', 'SENDDOCUMENT', 'copyMessage', 'copyMessages', 'forwardMessage', 'forwardMessages']) {
      expect(isSendMethod(m), m).toBe(true);
    }
    for (const m of ['sendChatAction', 'SendChatAction', 'editMessageText', 'answerCallbackQuery', 'getUpdates', 'deleteMessage', 'resend']) {
      expect(isSendMethod(m), m).toBe(false);
    }
  });
});

describe('a 429 past the longest wait', () => {
  const cases: [string, unknown, number | undefined][] = [
    ['a numeric chat_id in JSON', json({ chat_id: -1001234, text: 'x' }), -1001234],
    ['a chat_id written as digits in JSON', json({ chat_id: '-1001234', text: 'x' }), -1001234],
    ['a channel username in JSON', json({ chat_id: '@kenh', text: 'x' }), undefined],
    ['a body that is not JSON', 'chat_id=5', undefined],
    ['a multipart body', Buffer.from('--b\r\ncontent-disposition: form-data; name="chat_id"\r\n\r\n-42\r\n--b--\r\n'), -42],
    ['a multipart body without a chat', Buffer.from('--b\r\ncontent-disposition: form-data; name="caption"\r\n\r\n7\r\n--b--\r\n'), undefined],
  ];
  it.each(cases)('is given up at once and told for the chat of the send: %s', async (_, body, chat) => {
    const client = scripted(tooMany(5));
    const { transport, gaveUp } = setup(client, { maxWaitMs: 2_000 });
    const res = await transport.fetch(`${URL_ROOT}/sendMessage`, post(body));
    expect(res.status).toBe(429);
    expect(await res.json()).toEqual(tooMany(5).body);
    expect(client.seen).toHaveLength(1);
    expect(gaveUp).toEqual(chat === undefined ? [] : [[chat, 'sendMessage']]);
    expect(transport.stats).toMatchObject({ calls: 1, tooManyRequests: 1, gaveUp: 1, retries: 0 });
  });

  it('without retry_after, a second is assumed: past a half-second longest wait it gives up', async () => {
    const client = scripted(tooMany());
    const { transport, gaveUp } = setup(client, { maxWaitMs: 500 });
    const res = await transport.fetch(`${URL_ROOT}/sendMessage`, post(json({ chat_id: 9 })));
    expect(res.status).toBe(429);
    expect(gaveUp).toEqual([[9, 'sendMessage']]);
  });

  it('an answer that is not JSON counts as a second', async () => {
    const client = scripted({ status: 429, raw: 'Too Many Requests' });
    const { transport, gaveUp } = setup(client, { maxWaitMs: 500 });
    const res = await transport.fetch(`${URL_ROOT}/sendMessage`, post(json({ chat_id: 9 })));
    expect(res.status).toBe(429);
    expect(await res.text()).toBe('Too Many Requests');
    expect(gaveUp).toEqual([[9, 'sendMessage']]);
  });

  it('the giving up is logged with the method, the chat, the wait and the reason', async () => {
    const { transport, logs } = setup(scripted(tooMany(5)), { maxWaitMs: 2_000 });
    await transport.fetch(`${URL_ROOT}/sendMessage`, post(json({ chat_id: 9 })));
    const line = logs.find((l) => l.msg === 'a direct send gave up waiting')!;
    expect(line).toMatchObject({ level: 40, method: 'sendMessage', chat_id: 9, reason: '429 past the longest wait' });
    expect(line.waited_ms).toBeGreaterThanOrEqual(0);
    expect(line.waited_ms).toBeLessThan(1_000);
  });

  it('a call that is not a send waits out a short 429 itself and goes again', async () => {
    const client = scripted({ ...tooMany(0.05) }, 200);
    const { transport, gaveUp } = setup(client, { maxWaitMs: 2_000 });
    const res = await transport.fetch(`${URL_ROOT}/editMessageText`, post(json({ chat_id: 9, message_id: 1, text: 'x' })));
    expect(res.status).toBe(200);
    expect(client.seen).toHaveLength(2);
    expect(gaveUp).toEqual([]);
    expect(transport.stats).toMatchObject({ calls: 2, tooManyRequests: 1, gaveUp: 0 });
  });
});

describe('no sending slot', () => {
  it('a send that gets no slot within the longest wait gives up without a call, with a 429 of its own, told and logged', async () => {
    const client = scripted(200);
    const { transport, gaveUp, budget, logs } = setup(client, { maxWaitMs: 40 });
    budget.tooManyRequests(undefined, 5); // Telegram paused everything for 5 s
    const res = await transport.fetch(`${URL_ROOT}/sendMessage`, post(json({ chat_id: 7, text: 'x' })));
    expect(res.status).toBe(429);
    expect(await res.json()).toEqual({ ok: false, error_code: 429, description: 'Too Many Requests: no sending slot within 1 s', parameters: { retry_after: 1 } });
    expect(client.seen).toEqual([]);
    expect(gaveUp).toEqual([[7, 'sendMessage']]);
    const line = logs.find((l) => l.msg === 'a direct send gave up waiting')!;
    expect(line).toMatchObject({ method: 'sendMessage', chat_id: 7, reason: 'no sending slot in time' });
    expect(line.waited_ms).toBeGreaterThanOrEqual(30);
  });

  it('the longest wait rounds up to whole seconds in that answer', async () => {
    const { transport, budget } = setup(scripted(200), { maxWaitMs: 1_001 });
    budget.tooManyRequests(undefined, 5);
    const started = performance.now();
    const res = await transport.fetch(`${URL_ROOT}/sendMessage`, post(json({ chat_id: 7, text: 'x' })));
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect(((await res.json()) as { description: string }).description).toBe('Too Many Requests: no sending slot within 2 s');
  });

  it('a send whose caller gives up while it waits stops waiting: no call, nobody told', async () => {
    const client = scripted(200);
    const { transport, gaveUp, budget } = setup(client, { maxWaitMs: 10_000 });
    budget.tooManyRequests(undefined, 5);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const error = await transport.fetch(`${URL_ROOT}/sendMessage`, post(json({ chat_id: 7, text: 'x' }), controller.signal)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BudgetWaitError);
    expect((error as BudgetWaitError).reason).toBe('aborted');
    expect(client.seen).toEqual([]);
    expect(gaveUp).toEqual([]);
  });
});

describe('network errors and 5xx', () => {
  it('a dropped connection and a 502 are retried, and the call answered once', async () => {
    const client = scripted(new Error('ECONNRESET'), 502, 200);
    const { transport } = setup(client, { networkRetries: 3 });
    const res = await transport.fetch(`${URL_ROOT}/sendMessage`, post(json({ chat_id: 1, text: 'x' })));
    expect(res.status).toBe(200);
    expect(client.seen).toHaveLength(3);
    expect(transport.stats).toMatchObject({ calls: 3, retries: 2 });
  });

  it('each retry is logged at debug level with its attempt, back-off and error', async () => {
    const { transport, logs } = setup(scripted(new Error('ECONNRESET'), 502, 200), { networkRetries: 3, backoffMs: 2 });
    await transport.fetch(`${URL_ROOT}/sendMessage`, post(json({ chat_id: 1, text: 'x' })));
    expect(logs.filter((l) => l.msg === 'retrying a Bot API call').map(({ level, method, chat_id, attempt, backoff_ms, error }) => ({ level, method, chat_id, attempt, backoff_ms, error }))).toEqual([
      { level: 20, method: 'sendMessage', chat_id: 1, attempt: 1, backoff_ms: 2, error: 'Error: ECONNRESET' },
      { level: 20, method: 'sendMessage', chat_id: 1, attempt: 2, backoff_ms: 4, error: '502' },
    ]);
  });

  it('exactly networkRetries attempts after the first: then a network error is thrown, a 5xx returned', async () => {
    const down = scripted(new Error('ECONNREFUSED'));
    const first = setup(down, { networkRetries: 2 });
    await expect(first.transport.fetch(`${URL_ROOT}/sendMessage`, post(json({ chat_id: 1 })))).rejects.toThrow('ECONNREFUSED');
    expect(down.seen).toHaveLength(3);
    expect(first.transport.stats.retries).toBe(2);

    const failing = scripted(503);
    const second = setup(failing, { networkRetries: 1 });
    const res = await second.transport.fetch(`${URL_ROOT}/getMe`, post(undefined));
    expect(res.status).toBe(503);
    expect(failing.seen).toHaveLength(2);
  });

  it('no retry once the next back-off would end past the window', async () => {
    // Back-offs of 40 then 80 ms: the second would end past 100 ms from the first attempt.
    const client = scripted(500);
    const { transport } = setup(client, { networkRetries: 10, backoffMs: 40, networkWindowMs: 100 });
    const res = await transport.fetch(`${URL_ROOT}/getMe`, post(undefined));
    expect(res.status).toBe(500);
    expect(client.seen).toHaveLength(2);
    expect(transport.stats.retries).toBe(1);
  });

  it('a 4xx other than 429 is returned at once', async () => {
    const client = scripted({ status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: chat not found' } });
    const { transport } = setup(client, { networkRetries: 3 });
    const res = await transport.fetch(`${URL_ROOT}/sendMessage`, post(json({ chat_id: 1 })));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ description: 'Bad Request: chat not found' });
    expect(client.seen).toHaveLength(1);
  });

  it('a request the caller aborted is not retried', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    const client = scripted(new Error('ECONNRESET'));
    const { transport } = setup(client, { networkRetries: 3 });
    await expect(transport.fetch(`${URL_ROOT}/getMe`, post(undefined, controller.signal))).rejects.toThrow();
    expect(client.seen.length).toBeLessThanOrEqual(1);
    expect(transport.stats.retries).toBe(0);
  });
});

describe('time limits', () => {
  it('getUpdates: its own long-poll timeout plus the margin, one attempt, even on a 5xx', async () => {
    const hung = scripted('hang');
    const { transport } = setup(hung, { pollMarginMs: 30, networkRetries: 3 });
    await expect(transport.fetch(`${URL_ROOT}/getUpdates`, post(json({ timeout: 0.05, offset: 1 })))).rejects.toThrow(
      "Request to 'getUpdates' got no answer within 80 ms",
    );
    expect(hung.seen).toHaveLength(1);
    expect(transport.stats.timeouts).toBe(1);
    // No usable timeout in the body: the margin alone.
    await expect(transport.fetch(`${URL_ROOT}/getUpdates`, post(json({ timeout: -1 })))).rejects.toThrow('within 30 ms');
    await expect(transport.fetch(`${URL_ROOT}/getUpdates`, post('not json'))).rejects.toThrow('within 30 ms');

    const failing = scripted(502);
    const other = setup(failing, { networkRetries: 3 });
    expect((await other.transport.fetch(`${URL_ROOT}/getUpdates`, post(json({ timeout: 0 })))).status).toBe(502);
    expect(failing.seen).toHaveLength(1);
  });

  it('a call: the call limit; an upload (a body that is not text): the upload limit', async () => {
    const client = scripted('hang');
    const { transport } = setup(client, { callTimeoutMs: 20, uploadTimeoutMs: 60, networkRetries: 0 });
    await expect(transport.fetch(`${URL_ROOT}/getChat`, post(json({ chat_id: 1 })))).rejects.toThrow(
      "Request to 'getChat' got no answer within 20 ms",
    );
    await expect(transport.fetch(`${URL_ROOT}/getChat`, post(new Uint8Array([1, 2])))).rejects.toThrow("Request to 'getChat' got no answer within 60 ms");
    expect(transport.stats.timeouts).toBe(2);
  });

  it('pushFetch: one attempt with its limit, the answer as it came', async () => {
    const client = scripted(502, 200);
    const { transport } = setup(client, { networkRetries: 3 });
    const res = await transport.pushFetch(`${URL_ROOT}/sendMessage?x=1`, post(json({ chat_id: 1 })));
    expect(res.status).toBe(502);
    expect(client.seen).toHaveLength(1);
    const hung = scripted('hang');
    const second = setup(hung, { callTimeoutMs: 20 });
    await expect(second.transport.pushFetch(`${URL_ROOT}/sendMessage?x=1`, post(json({ chat_id: 1 })))).rejects.toThrow(
      "Request to 'sendMessage' got no answer within 20 ms",
    );
  });

  it('grammY\'s own limit on a call covers every wait of the transport', () => {
    const budget = new SendBudget();
    budgets.push(budget);
    const transport = createTransport({ budget, fetch: scripted(200).fetch });
    expect(transport.timeoutSeconds).toBe((3 * 60_000 + 30_000 + 2 * 120_000) / 1000);
    expect(createTransport({ budget, timings: { maxWaitMs: 1_000, networkWindowMs: 500, uploadTimeoutMs: 1_100 } }).timeoutSeconds).toBe(4);
    expect(transport.timings).toMatchObject({ pollMarginMs: 15_000, callTimeoutMs: 30_000, uploadTimeoutMs: 120_000, maxWaitMs: 180_000, networkRetries: 3 });
  });
});

describe('request bodies', () => {
  it('a stream is read once and sent whole on every attempt; text and bytes as they are; no body stays none', async () => {
    const client = scripted(new Error('ECONNRESET'), 200);
    const { transport } = setup(client, { networkRetries: 2 });
    async function* stream() {
      yield 'phần một, ';
      yield new TextEncoder().encode('phần hai');
    }
    await transport.fetch(`${URL_ROOT}/sendDocument`, post(stream()));
    expect(client.seen.map((s) => Buffer.isBuffer(s.body) && s.body.toString())).toEqual(['phần một, phần hai', 'phần một, phần hai']);

    const plain = scripted(200);
    const other = setup(plain);
    await other.transport.fetch(`${URL_ROOT}/sendMessage`, post('{"chat_id":1}'));
    await other.transport.fetch(`${URL_ROOT}/sendPhoto`, post(new Uint8Array([104, 105])));
    await other.transport.fetch(`${URL_ROOT}/getMe`, post(null));
    expect(plain.seen.map((s) => s.body)).toEqual(['{"chat_id":1}', Buffer.from('hi'), undefined]);
    expect(plain.seen.map((s) => s.method)).toEqual(['POST', 'POST', 'POST']);
  });

  it('a body of another type is refused before any request', async () => {
    const client = scripted(200);
    const { transport } = setup(client);
    await expect(transport.fetch(`${URL_ROOT}/getMe`, post(42))).rejects.toThrow('cannot send a request body of type number');
    expect(client.seen).toEqual([]);
  });
});

describe('what a refusal says of the chat (ChatFate)', () => {
  const migrate = (to: number) => ({ status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: group chat was upgraded to a supergroup chat', parameters: { migrate_to_chat_id: to } } });

  function withFate(client: ReturnType<typeof scripted>) {
    const budget = new SendBudget();
    budgets.push(budget);
    const told: string[] = [];
    const transport = createTransport({
      budget,
      fetch: client.fetch,
      timings: { backoffMs: 1 },
      chatFate: { unreachable: (id) => told.push(`unreachable ${id}`), migrated: (from, to) => told.push(`migrated ${from} ${to}`) },
    });
    return { transport, told };
  }

  it('a 403 marks the chat; a 400 migrate_to_chat_id moves it and sends the call once more, to the supergroup only', async () => {
    const blocked = scripted({ status: 403, body: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' } });
    const a = withFate(blocked);
    const refused = await a.transport.fetch(`${URL_ROOT}/sendMessage`, post(json({ chat_id: 42, text: 'x' })));
    expect(refused.status).toBe(403);
    expect(a.told).toEqual(['unreachable 42']);

    const upgraded = scripted(migrate(-1004001), 200);
    const b = withFate(upgraded);
    const sent = await b.transport.fetch(`${URL_ROOT}/sendMessage`, post(json({ chat_id: -4001, text: 'Lịch họp' })));
    expect(sent.status).toBe(200);
    expect(b.told).toEqual(['migrated -4001 -1004001']);
    expect(upgraded.seen.map((s) => JSON.parse(String(s.body)).chat_id)).toEqual([-4001, -1004001]);

    // A supergroup that says it moved again is not followed a second time.
    const loop = scripted(migrate(-1004001), migrate(-4001));
    const c = withFate(loop);
    const answer = await c.transport.fetch(`${URL_ROOT}/editMessageText`, post(json({ chat_id: -4001, message_id: 5, text: 'x' })));
    expect(answer.status).toBe(400);
    expect(loop.seen).toHaveLength(2);
    expect(c.told).toEqual(['migrated -4001 -1004001']);
  });
});
