/**
 * How many updates the bot handles at once (UPDATE_CONCURRENCY), by long polling and by webhook:
 * a burst of updates from many members, several from each, with replies slowed by the Bot API's
 * latency so that they pile up. Never more than the bound in hand at once, every update answered,
 * and each chat's answers in the order its messages came.
 */
import type { Update } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import { UPDATE_CONCURRENCY } from '../../src/app.js';
import { SYSTEM } from '../../src/services/actor.js';
import type { FakeTelegram } from '../fake-telegram/server.js';
import { commandUpdate, privateChat, user } from '../fake-telegram/updates.js';
import { TestBot } from '../helpers/app.js';
import { seedSmallBloc } from '../helpers/db.js';

const MEMBERS = 60;
const PER_MEMBER = 3;
const FIRST_USER = 9_100;

/** Counts the updates being handled at the same moment, from the bot's own entry point. */
function countConcurrent(t: TestBot): { max: () => number; started: () => number } {
  const bot = t.app.bot;
  const handleUpdate = bot.handleUpdate.bind(bot);
  let now = 0;
  let max = 0;
  let started = 0;
  bot.handleUpdate = async (update, envelope) => {
    started++;
    max = Math.max(max, ++now);
    try {
      await handleUpdate(update, envelope);
    } finally {
      now--;
    }
  };
  return { max: () => max, started: () => started };
}

/** MEMBERS linked members of the small bloc, Telegram ids FIRST_USER… */
function linkedMembers(t: TestBot): number[] {
  const bloc = seedSmallBloc(t.services);
  return Array.from({ length: MEMBERS }, (_, i) => {
    const m = t.services.members.create({ code: `DVB${i}`, fullName: `Đảng viên ${i}`, branchId: bloc.cell.id, roles: ['member'] }, SYSTEM);
    t.services.members.linkTelegram(m.id, { id: FIRST_USER + i }, SYSTEM);
    return FIRST_USER + i;
  });
}

/** Each member's searches, in the order they send them: the answer repeats the words searched. */
const queries = (id: number) => Array.from({ length: PER_MEMBER }, (_, k) => `khongco${id}x${k}`);

/** What the bot answered each member, in the order the fake received it. */
function answersByChat(fake: FakeTelegram, ids: number[]): Map<number, string[]> {
  const byChat = new Map<number, string[]>(ids.map((id) => [id, []]));
  for (const c of fake.calls) {
    if (c.method !== 'sendMessage' || !c.response.ok) continue;
    byChat.get(Number(c.params.chat_id))?.push(String(c.params.text));
  }
  return byChat;
}

function expectEveryAnswerInOrder(fake: FakeTelegram, ids: number[]): void {
  const byChat = answersByChat(fake, ids);
  for (const id of ids) {
    const texts = byChat.get(id)!;
    expect(texts, `answers to ${id}`).toHaveLength(PER_MEMBER);
    texts.forEach((text, k) => expect(text).toContain(`“${queries(id)[k]}”`));
  }
}

describe('updates handled at once (end to end)', () => {
  let t: TestBot | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });

  it('long polling: a burst of 180 updates is handled at most UPDATE_CONCURRENCY at a time, each answered, each chat in order', async () => {
    expect(MEMBERS * PER_MEMBER).toBeGreaterThan(2 * UPDATE_CONCURRENCY);
    // Telegram's limits would only pace the replies; the latency makes the updates pile up.
    t = await TestBot.start({ telegram: { rateLimits: false } });
    const ids = linkedMembers(t);
    const counter = countConcurrent(t);
    t.fake.setLatency(30);
    for (let k = 0; k < PER_MEMBER; k++) {
      for (const id of ids) t.fake.pushUpdate(commandUpdate(user(id), privateChat(user(id)), 'tim', queries(id)[k]));
    }
    await t.settle(60_000);
    expect(counter.started()).toBe(MEMBERS * PER_MEMBER);
    expect(counter.max()).toBeLessThanOrEqual(UPDATE_CONCURRENCY);
    // The bound was reached: the burst really was held back by it.
    expect(counter.max()).toBe(UPDATE_CONCURRENCY);
    // getUpdates never asked for more than the bound (the runner's first call would take 100).
    const limits = t.fake.calls.filter((c) => c.method === 'getUpdates').map((c) => Number(c.params.limit ?? 100));
    expect(Math.max(...limits)).toBeLessThanOrEqual(UPDATE_CONCURRENCY);
    expectEveryAnswerInOrder(t.fake, ids);
  }, 90_000);

  it('webhook: 180 updates posted at once are handled at most UPDATE_CONCURRENCY at a time, each answered, each chat in order', async () => {
    t = await TestBot.start({ telegram: { rateLimits: false }, webhook: true });
    const { fake } = t;
    const ids = linkedMembers(t);
    const counter = countConcurrent(t);
    fake.setLatency(30);
    let updateId = 1;
    const updates: Update[][] = ids.map((id) =>
      queries(id).map((q) => {
        const update = { update_id: updateId++, ...commandUpdate(user(id), privateChat(user(id)), 'tim', q) } as Update;
        fake.learn(update);
        return update;
      }),
    );
    const post = (update: Update) => t!.postUpdate(update).then((res) => res.status);
    // Telegram posts a chat's updates one after another (the next once the last is answered), and
    // many chats at once.
    const statuses = await Promise.all(
      updates.map(async (chatUpdates) => {
        const answered: number[] = [];
        for (const update of chatUpdates) answered.push(await post(update));
        return answered;
      }),
    );
    expect(statuses.flat()).toEqual(Array(MEMBERS * PER_MEMBER).fill(200));
    await t.settle(60_000);
    expect(counter.started()).toBe(MEMBERS * PER_MEMBER);
    expect(counter.max()).toBeLessThanOrEqual(UPDATE_CONCURRENCY);
    expect(counter.max()).toBe(UPDATE_CONCURRENCY);
    expectEveryAnswerInOrder(fake, ids);
  }, 90_000);
});
