/**
 * /start: the door. With an invite code it links the Telegram account; without one it greets a
 * member, or tells a stranger politely how to get access.
 */
import { Composer } from 'grammy';
import type { RedeemResult } from '../../services/invites.js';
import type { Member } from '../../services/members.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { clientLocale, DEFAULT_LOCALE } from '../i18n.js';
import type { Html } from '../render/html.js';
import { html } from '../render/html.js';
import { INLINE_START } from './access-gate.js';
import { actorOf } from './chat-tracking.js';

export function startFeature(deps: BotDeps): Composer<BotContext> {
  const { services } = deps;
  const composer = new Composer<BotContext>();
  const privateChat = composer.chatType('private');

  const branchLine = (ctx: BotContext, member: Member): Html => {
    const branch = member.branchId ? services.branches.getById(member.branchId) : null;
    const roles = member.roles.filter((r) => r !== 'member').map((r) => ctx.t(`role-${r}`).value);
    return html`${branch ? branch.name : ''}${roles.length ? ` · ${roles.join(', ')}` : ''}`;
  };

  /** The client's language becomes the member's until they choose one (/ngonngu): pushes then speak it too. */
  const rememberLanguage = (ctx: BotContext, member: Member) => {
    if (member.language !== null) return;
    const language = clientLocale(ctx.from?.language_code);
    services.members.setLanguage(member.id, language, actorOf(ctx));
    member.language = language;
  };

  // Members linked before languages were stored have none, so their pushes are Vietnamese: the
  // first private message from an English client stores English (Vietnamese needs no write).
  privateChat.use(async (ctx, next) => {
    if (ctx.member && clientLocale(ctx.from.language_code) !== DEFAULT_LOCALE) rememberLanguage(ctx, ctx.member);
    await next();
  });

  privateChat.command('start', async (ctx) => {
    const code = ctx.match.trim();
    if (code === '' || code === INLINE_START) {
      if (ctx.member) {
        rememberLanguage(ctx, ctx.member);
        await ctx.replyHtml(ctx.t('start-welcome', { name: ctx.member.fullName, branch: branchLine(ctx, ctx.member) }));
      } else {
        await ctx.replyHtml(ctx.t('access-how', { bloc: services.bloc.get().name, telegramId: String(ctx.from.id) }));
      }
      return;
    }
    const result = services.invites.redeem(
      code,
      {
        id: ctx.from.id,
        username: ctx.from.username,
        firstName: ctx.from.first_name,
        lastName: ctx.from.last_name,
        languageCode: ctx.from.language_code,
      },
      actorOf(ctx),
    );
    ctx.log.info({ outcome: result.ok ? 'linked' : result.reason }, 'invite redeemed');
    if (result.ok) {
      ctx.member = result.member;
      const member = result.member;
      rememberLanguage(ctx, member);
      if (result.created) {
        const branch = member.branchId ? services.branches.getById(member.branchId) : null;
        const role = member.roles.find((r) => r !== 'member') ?? 'member';
        await ctx.replyHtml(
          ctx.t('start-joined', { name: member.fullName, branch: branch?.name ?? '', role: ctx.t(`role-${role}`) }),
        );
      } else {
        await ctx.replyHtml(ctx.t('start-linked', { name: member.fullName, branch: branchLine(ctx, member) }));
      }
      return;
    }
    await ctx.replyHtml(failureMessage(ctx, result));
  });

  return composer;
}

function failureMessage(ctx: BotContext, result: Exclude<RedeemResult, { ok: true }>): Html {
  switch (result.reason) {
    case 'throttled':
      return ctx.t('invite-throttled', { minutes: Math.max(1, Math.ceil(result.retryAfterMs / 60_000)) });
    case 'already_linked':
      return ctx.t('start-already-linked', { name: result.member.fullName });
    case 'expired':
      return ctx.t('invite-expired');
    case 'used':
      return ctx.t('invite-used');
    case 'revoked':
      return ctx.t('invite-revoked');
    case 'member_taken':
      return ctx.t('invite-member-taken');
    case 'member_left':
      return ctx.t('invite-member-left');
    case 'branch_inactive':
      return ctx.t('invite-branch-inactive');
    case 'unknown':
      return ctx.t('invite-unknown');
  }
}
