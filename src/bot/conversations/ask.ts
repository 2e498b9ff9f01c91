/**
 * The one way conversations wait for an answer. Buttons that belong to something else keep working
 * (the update goes on to the rest of the bot), /huy cancels, another command leaves the conversation
 * and runs, anything else repeats the question.
 */
import type { Conversation } from '@grammyjs/conversations';
import type { Clock } from '../../clock.js';
import { parseVietnameseDateTime } from '../../domain/datetime-parse.js';
import { formatDateTime } from '../../domain/time.js';
import type { BotContext, InnerContext } from '../context.js';
import type { Html } from '../render/html.js';

export const CANCEL_COMMAND = /^\/huy(@\w+)?$/i;

export type Convo = Conversation<BotContext, InnerContext>;

/** A text message that is not a command: commands are never taken as answers. */
export const isPlainText = (c: InnerContext): boolean => typeof c.message?.text === 'string' && !c.message.text.startsWith('/');

export async function ask(
  conversation: Convo,
  accept: (ctx: InnerContext) => boolean,
  repeat: (ctx: InnerContext) => Promise<unknown>,
  cancelledKey: string,
): Promise<InnerContext> {
  for (;;) {
    const ctx = await conversation.wait();
    if (accept(ctx)) return ctx;
    const text = ctx.message?.text?.trim();
    if (text && CANCEL_COMMAND.test(text)) {
      await ctx.replyHtml(ctx.t(cancelledKey));
      return conversation.halt();
    }
    if (text?.startsWith('/')) return conversation.halt({ next: true });
    if (!ctx.message) return conversation.skip({ next: true });
    await repeat(ctx);
  }
}

export interface TimeQuestion {
  clock: Clock;
  timeZone: string;
  /** Shown again with the refusal: "14h30 3/12, 8h ngày mai…". */
  examples: string;
  /** Locale keys: unreadable text ({ $text }, { $examples }), a time already past ({ $at }). */
  invalidKey: string;
  pastKey: string;
  cancelledKey: string;
}

/**
 * Asks for a date and time typed the Vietnamese way until it names one in the future. Asks the
 * question first; refusals say what was expected and ask again.
 */
export async function askFutureTime(conversation: Convo, ctx: InnerContext, question: Html, q: TimeQuestion): Promise<{ at: number; ctx: InnerContext }> {
  await ctx.replyHtml(question);
  for (;;) {
    const reply = await ask(conversation, isPlainText, (c) => c.replyHtml(question), q.cancelledKey);
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
