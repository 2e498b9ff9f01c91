import type { Context } from 'grammy';

/**
 * The key of a chat's sequence, session and conversation state: updates of one chat are handled
 * one at a time, in order; different chats run in parallel.
 */
export function chatSequenceKey(ctx: Context): string | undefined {
  return ctx.chat?.id.toString() ?? ctx.from?.id.toString();
}
