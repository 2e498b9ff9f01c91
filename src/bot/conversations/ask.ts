/**
 * The one way conversations wait for an answer. Every question:
 * - expires after CONVERSATION_TIMEOUT_MS without an answer: the member's next message or button
 *   ends the conversation with a note, and is then handled as if there had been none;
 * - is cancelled by /huy (/cancel);
 * - does not swallow another command or a text that is plainly a lookup: those pass on to
 *   features/conversation-control.ts, which asks whether to go on or cancel (its "Tiếp tục" button
 *   comes back here and repeats the question);
 * - lets buttons that belong to something else work (the update goes on to the rest of the bot);
 * - repeats itself on anything else.
 */
import type { Conversation } from '@grammyjs/conversations';
import type { Clock } from '../../clock.js';
import { parseVietnameseDateTime } from '../../domain/datetime-parse.js';
import { isPlainLookup } from '../../domain/intent.js';
import { inputLength } from '../../domain/limits.js';
import { formatDateTime } from '../../domain/time.js';
import { callbackInts, callbackPattern } from '../callback-data.js';
import type { BotContext, InnerContext, SessionData } from '../context.js';
import type { Html } from '../render/html.js';

/**
 * How long a question waits. Long enough to look something up in the middle of a step, short
 * enough that tomorrow's "lịch họp tuần này" is never taken as yesterday's meeting place.
 */
export const CONVERSATION_TIMEOUT_MS = 30 * 60_000;

export const CANCEL_COMMAND = /^\/(huy|cancel)(@\w+)?$/i;

/** Callback prefixes of the interruption prompt: go on (repeat the question), or cancel and run what was sent. */
export const RESUME_GO = 'cvg';
export const RESUME_CANCEL = 'cvx';
const goPattern = callbackPattern(RESUME_GO, 1);
const cancelPattern = callbackPattern(RESUME_CANCEL, 1);

/** What the interruption prompt remembers in the chat's session (its id is on the prompt's buttons). */
export type Interruption = NonNullable<SessionData['interrupted']>;

export type Convo = Conversation<BotContext, InnerContext>;

export interface AskOptions {
  clock: Clock;
  /** The conversation's registered name: names what the member is doing (`conversation-doing-<name>`). */
  activity: string;
  /** Locale key of the answer to /huy. */
  cancelledKey: string;
}

/** A text message that is not a command: commands are never taken as answers. */
export const isPlainText = (c: InnerContext): boolean => typeof c.message?.text === 'string' && !c.message.text.startsWith('/');

/** A text that, while a question waits, is plainly something else: another command, or a lookup. */
export function isInterruption(text: string, lookups = true): boolean {
  const trimmed = text.trim();
  if (trimmed.startsWith('/')) return !CANCEL_COMMAND.test(trimmed);
  return lookups && isPlainLookup(trimmed);
}

/** The interruption stored for this chat, if `messageId` is still it. */
export async function storedInterruption(ctx: BotContext, messageId: number): Promise<Interruption | undefined> {
  const session = await ctx.session;
  return session.interrupted?.messageId === messageId ? session.interrupted : undefined;
}

export async function ask(
  conversation: Convo,
  accept: (ctx: InnerContext) => boolean,
  repeat: (ctx: InnerContext) => Promise<unknown>,
  q: AskOptions,
): Promise<InnerContext> {
  // After "Tiếp tục", a text that looks like a lookup is the answer: the member chose to go on.
  let lookupsInterrupt = true;
  for (;;) {
    const askedAt = await conversation.external(() => q.clock.now().getTime());
    const ctx = await conversation.wait();
    const text = ctx.message?.text?.trim();
    const cancel = text !== undefined && CANCEL_COMMAND.test(text);
    if (ctx.message || ctx.callbackQuery) {
      const now = await conversation.external(() => q.clock.now().getTime());
      if (now - askedAt > CONVERSATION_TIMEOUT_MS) {
        await ctx.replyHtml(ctx.t('conversation-expired', { doing: ctx.t(`conversation-doing-${q.activity}`), minutes: CONVERSATION_TIMEOUT_MS / 60_000 }));
        // The message is then handled as if no conversation had been waiting (/huy has nothing left to do).
        return conversation.halt({ next: !cancel });
      }
    }
    if (cancel) {
      await ctx.replyHtml(ctx.t(q.cancelledKey));
      return conversation.halt();
    }
    const data = ctx.callbackQuery?.data ?? '';
    const go = callbackInts(goPattern.exec(data));
    if (go) {
      await ctx.answerCallbackQuery();
      const id = go[0]!;
      await conversation.external(async (outer) => {
        if (await storedInterruption(outer, id)) delete (await outer.session).interrupted;
      });
      await repeat(ctx);
      lookupsInterrupt = false;
      continue;
    }
    const stop = callbackInts(cancelPattern.exec(data));
    if (stop) {
      const valid = await conversation.external(async (outer) => (await storedInterruption(outer, stop[0]!)) !== undefined);
      if (!valid) return conversation.skip({ next: true });
      await ctx.replyHtml(ctx.t(q.cancelledKey));
      // conversation-control answers the button and runs the member's message.
      return conversation.halt({ next: true });
    }
    if (text !== undefined && isInterruption(text, lookupsInterrupt)) return conversation.skip({ next: true });
    if (accept(ctx)) return ctx;
    if (!ctx.message) return conversation.skip({ next: true });
    await repeat(ctx);
  }
}

export interface TimeQuestion extends AskOptions {
  timeZone: string;
  /** Shown again with the refusal: "14h30 26/11, 8h ngày mai…" (made from today). */
  examples: string;
  /** Locale keys: unreadable text ({ $text }, { $examples }), a time already past ({ $at }). */
  invalidKey: string;
  pastKey: string;
}

/**
 * Asks for a date and time typed the Vietnamese way until it names one in the future. Asks the
 * question first; refusals say what was expected and ask again.
 */
export async function askFutureTime(conversation: Convo, ctx: InnerContext, question: Html, q: TimeQuestion): Promise<{ at: number; ctx: InnerContext }> {
  await ctx.replyHtml(question);
  for (;;) {
    const reply = await ask(conversation, isPlainText, (c) => c.replyHtml(question), q);
    const text = reply.message!.text!.trim();
    const now = await conversation.external(() => q.clock.now().getTime());
    const parsed = parseVietnameseDateTime(text, new Date(now), q.timeZone);
    if (!parsed.ok) {
      await reply.replyHtml(reply.t(q.invalidKey, { text, examples: q.examples }));
      continue;
    }
    if (parsed.at.getTime() <= now) {
      await reply.replyHtml(reply.t(q.pastKey, { at: formatDateTime(parsed.at, q.timeZone) }));
      continue;
    }
    return { at: parsed.at.getTime(), ctx: reply };
  }
}

/** At most `max` characters, or `tooLongKey` (with { $length } and { $max }) says so and the question waits again. */
export interface TextLimit {
  max: number;
  tooLongKey: string;
}

/** A typed answer: any text but a command or a plain lookup (see ask), within `limit` when given. */
export async function askText(conversation: Convo, q: AskOptions, ctx: InnerContext, question: Html, limit?: TextLimit) {
  await ctx.replyHtml(question);
  for (;;) {
    const answer = await ask(conversation, isPlainText, (c) => c.replyHtml(question), q);
    const text = answer.message!.text!.trim();
    if (!limit || inputLength(text) <= limit.max) return { text, ctx: answer };
    await answer.replyHtml(answer.t(limit.tooLongKey, { length: inputLength(text), max: limit.max }));
  }
}
