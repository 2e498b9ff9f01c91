/**
 * Role checks shared by commands and buttons. Each answers the user when it refuses, so a handler
 * can simply `if (!(await guard(ctx))) return;`.
 */
import { isBranchLeader, isOffice } from '../domain/roles.js';
import { shortenLabel } from '../domain/text.js';
import type { Member } from '../services/members.js';
import type { InnerContext } from './context.js';
import type { TranslationArgs } from './i18n.js';
import { htmlToPlain } from './render/html.js';

export type MemberContext = InnerContext & { member: Member };

/** Tells the user they may not; as a toast for buttons, as a reply for commands. */
export async function refuse(ctx: InnerContext, key = 'not-allowed', args?: TranslationArgs): Promise<void> {
  if (ctx.callbackQuery) {
    await ctx.answerCallbackQuery({ text: shortenLabel(htmlToPlain(ctx.t(key, args)), 200), show_alert: true });
  } else {
    await ctx.replyHtml(ctx.t(key, args));
  }
}

export async function requireLeader(ctx: InnerContext, command: string): Promise<boolean> {
  if (ctx.member && (isOffice(ctx.member) || isBranchLeader(ctx.member))) return true;
  await refuse(ctx, 'not-allowed-command', { command, who: ctx.t('who-leaders') });
  return false;
}

export async function requireOffice(ctx: InnerContext, command: string): Promise<boolean> {
  if (ctx.member && isOffice(ctx.member)) return true;
  await refuse(ctx, 'not-allowed-command', { command, who: ctx.t('who-office') });
  return false;
}

// The rule is shared with the dashboard (services/access.ts); re-exported for the features.
export { mayManageBranch } from '../services/access.js';
