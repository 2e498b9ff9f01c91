/**
 * Set-up steps as a real office goes through them, for tests against the (strict by default) fake
 * Bot API: members write /start first, groups are joined through a my_chat_member update and linked
 * with /lienket, so nothing is made known to the fake behind the bot's back.
 */
import type { Chat, Message, User } from 'grammy/types';
import { expect } from 'vitest';
import type { CallPredicate, RecordedCall } from '../fake-telegram/server.js';
import { myChatMember, privateChat } from '../fake-telegram/updates.js';
import type { TestBot } from './app.js';

type GroupChat = Chat.GroupChat | Chat.SupergroupChat;
type AnyChat = Chat.PrivateChat | GroupChat;

/** The first call of `method` after `mark` that Telegram accepted and that matches (waitFor passes over refused attempts). */
export function delivered(t: TestBot, method: string, predicate: CallPredicate, after: number, timeoutMs = 10_000): Promise<RecordedCall> {
  return t.fake.waitFor(method, predicate, { after, timeoutMs });
}

/** Sends a text and returns the bot's next message to that chat that Telegram accepted (containing `expected`, if given). */
export async function sayOk(t: TestBot, from: User, chat: AnyChat, text: string, expected?: string): Promise<RecordedCall> {
  const mark = t.fake.mark();
  t.fake.sendText(from, chat, text);
  return delivered(t, 'sendMessage', (p) => p.chat_id === chat.id && (expected === undefined || String(p.text).includes(expected)), mark);
}

/** Presses the button labelled `label` on `message` and returns the next accepted message to `from` containing `expected`. */
export async function pressOk(t: TestBot, from: User, message: Message, label: string | RegExp, expected: string): Promise<RecordedCall> {
  const mark = t.fake.mark();
  t.fake.pressButton(from, message, label);
  return delivered(t, 'sendMessage', (p) => p.chat_id === from.id && String(p.text).includes(expected), mark);
}

/** The text of a recorded send (its caption for a file). */
export const textOf = (call: RecordedCall): string => String(call.params.text ?? call.params.caption ?? '');

/** Each user writes /start in their private chat; waits until every one of them has been answered. */
export async function startChats(t: TestBot, users: readonly User[], timeoutMs = 20_000): Promise<void> {
  const mark = t.fake.mark();
  for (const u of users) t.fake.sendText(u, privateChat(u), '/start');
  for (const u of users) await delivered(t, 'sendMessage', (p) => p.chat_id === u.id, mark, timeoutMs);
}

/**
 * `by` adds the bot to each group (my_chat_member), then links each to its branch with /lienket.
 * All groups at once: the bot paces each group on its own (one message every 3 s).
 */
export async function joinAndLink(t: TestBot, by: User, links: readonly (readonly [GroupChat, string])[]): Promise<void> {
  let mark = t.fake.mark();
  for (const [chat] of links) t.fake.pushUpdate(myChatMember(by, chat, 'left', 'member'));
  for (const [chat] of links) await delivered(t, 'sendMessage', (p) => p.chat_id === chat.id, mark);
  mark = t.fake.mark();
  for (const [chat, code] of links) t.fake.sendText(by, chat, `/lienket ${code}`);
  for (const [chat] of links) {
    const done = await delivered(t, 'sendMessage', (p) => p.chat_id === chat.id, mark);
    expect(textOf(done)).toContain('Đã liên kết');
  }
}

/** Waits until the outbox has nothing pending or being sent (every push has gone or been given up). */
export async function outboxDrained(t: TestBot, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  const busy = t.app.db.$client.prepare<[], number>("select count(*) from outbox where status in ('pending', 'sending')").pluck();
  while (busy.get()! > 0) {
    if (Date.now() > until) throw new Error(`the outbox still has ${busy.get()} messages to send after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
