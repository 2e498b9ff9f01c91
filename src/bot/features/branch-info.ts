/**
 * /chibo (/branch): my branch: name, parent, cluster, secretary, how many members linked Telegram,
 * linked groups, next meeting. In a linked group: that group's branch. The office may name any branch;
 * office staff without a branch get the whole bloc's summary.
 */
import { Composer } from '../composer.js';
import { isOffice } from '../../domain/roles.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { renderBlocSummary, renderBranchCard } from '../render/branch.js';
import { replyBranchChoices } from './branch-choices.js';
import { html } from '../render/html.js';
import { formatDateTime } from '../../domain/time.js';

export function branchInfoFeature({ services, config }: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.command(['chibo', 'branch'], async (ctx) => {
    const member = ctx.member!;
    const query = ctx.match.trim();
    let branchId: number | null;
    if (query !== '') {
      const found = services.branches.resolve(query);
      if ('notFound' in found) return ctx.replyHtml(ctx.t('branch-not-found', { query }));
      if ('ambiguous' in found)
        return replyBranchChoices(ctx, query, found.ambiguous);
      const own = found.branch.id === member.branchId;
      const groupBranch = ctx.chat.type !== 'private' ? services.chats.get(ctx.chat.id)?.branchId : undefined;
      if (!own && !isOffice(member) && found.branch.id !== groupBranch) return ctx.replyHtml(ctx.t('branch-only-own'));
      branchId = found.branch.id;
    } else if (ctx.chat.type !== 'private') {
      branchId = services.chats.get(ctx.chat.id)?.branchId ?? null;
      if (branchId === null) return ctx.replyHtml(ctx.t('branch-group-unlinked'));
    } else {
      branchId = member.branchId;
      if (branchId === null && isOffice(member))
        return ctx.replyHtml(renderBlocSummary(ctx.t, services.bloc.get().name, services.branches.blocSummary()));
      if (branchId === null) return ctx.replyHtml(ctx.t('branch-no-branch'));
    }
    const summary = services.branches.summary(branchId)!;
    const next = services.meetings.nextFor(branchId);
    const nextLine = next ? html`${formatDateTime(next.startsAt, config.timeZone)} · ${next.title}` : null;
    await ctx.replyHtml(renderBranchCard(ctx.t, summary, nextLine));
  });

  return composer;
}
