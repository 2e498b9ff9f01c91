/**
 * The words behind a paged answer (a search, the branches matching a name) are too long for
 * callback data (64 bytes), so its page buttons find them in the chat's session by the message
 * they are under. Only the latest few are kept: an older answer's buttons have expired.
 */
import type { BotContext, PagedQuery } from './context.js';

const KEPT = 10;

export async function rememberQuery(ctx: BotContext, query: PagedQuery): Promise<void> {
  const session = await ctx.session;
  session.pagedQueries = [...(session.pagedQueries ?? []).filter((q) => q.messageId !== query.messageId), query].slice(-KEPT);
}

/** The query of the answer the pressed button is under, if it is of this kind and still kept. */
export async function recallQuery(ctx: BotContext, kind: PagedQuery['kind']): Promise<PagedQuery | undefined> {
  const messageId = ctx.callbackQuery?.message?.message_id;
  if (messageId === undefined) return undefined;
  const session = await ctx.session;
  return session.pagedQueries?.find((q) => q.messageId === messageId && q.kind === kind);
}
