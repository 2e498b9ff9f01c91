import { Composer } from '../composer.js';
import { isBranchLeader, isOffice } from '../../domain/roles.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { joinHtml } from '../render/html.js';
import { otherLanguageButton } from './language.js';

/** /trogiup (/help): the commands this member may use, by role. */
export function helpFeature({ services, translator }: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command(['trogiup', 'help'], async (ctx) => {
    const member = ctx.member!;
    const parts = [ctx.t('help-header', { bloc: services.bloc.get().name })];
    if (ctx.chat.type === 'private') {
      parts.push(ctx.t('help-member'));
      if (isBranchLeader(member) || isOffice(member)) parts.push(ctx.t('help-leader'));
      if (isOffice(member)) parts.push(ctx.t('help-office'));
      // The language switch: a member's language is theirs to choose (features/language.ts).
      return ctx.replyHtml(joinHtml(parts, '\n\n'), { reply_markup: otherLanguageButton(translator, ctx.locale) });
    }
    parts.push(ctx.t('help-group'));
    await ctx.replyHtml(joinHtml(parts, '\n\n'));
  });
  return composer;
}
