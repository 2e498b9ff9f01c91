/**
 * "Which one did you mean?" after a name that matches several branches (/chibo, /lichhop,
 * /lienket): one message with the codes, a page at a time. A page button looks the name up again,
 * so the list is as it is now; only the member who asked turns its pages.
 */
import { Composer } from '../composer.js';
import type { Branch } from '../../services/branches.js';
import { callbackInts, callbackPattern } from '../callback-data.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { refuse } from '../guards.js';
import { BRANCH_CHOICES_PAGE, renderBranchChoices } from '../render/branch.js';
import { showInPlace } from '../render/paging.js';
import { recallQuery, rememberQuery } from '../paged-queries.js';

export async function replyBranchChoices(ctx: BotContext, query: string, branches: readonly Branch[]): Promise<void> {
  const page = renderBranchChoices(ctx.t, query, branches, 0);
  const sent = await ctx.reply(page.text.value, { parse_mode: 'HTML', reply_markup: page.keyboard, link_preview_options: { is_disabled: true } });
  if (page.pages > 1) await rememberQuery(ctx, { messageId: sent.message_id, memberId: ctx.member!.id, kind: 'branches', query });
}

export function branchChoicesFeature({ services }: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.callbackQuery(callbackPattern(BRANCH_CHOICES_PAGE, 1), async (ctx) => {
    const [page] = callbackInts(ctx.match) ?? [];
    const asked = await recallQuery(ctx, 'branches');
    if (!asked || page === undefined) return refuse(ctx, 'button-expired');
    if (asked.memberId !== ctx.member!.id) return refuse(ctx, 'paging-not-yours');
    const found = services.branches.resolve(asked.query);
    // Renamed or merged since: no longer several to choose from.
    if (!('ambiguous' in found)) return refuse(ctx, 'button-expired');
    const rendered = renderBranchChoices(ctx.t, asked.query, found.ambiguous, page);
    await showInPlace(ctx, rendered.text, rendered.keyboard);
  });
  return composer;
}
