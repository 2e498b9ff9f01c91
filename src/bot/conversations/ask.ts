/**
 * The one way conversations wait for an answer. Buttons that belong to something else keep working
 * (the update goes on to the rest of the bot), /huy cancels, another command leaves the conversation
 * and runs, anything else repeats the question.
 */
import type { Conversation } from '@grammyjs/conversations';
import type { BotContext, InnerContext } from '../context.js';

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
