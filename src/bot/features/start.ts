/**
 * /start: the door. With an invite code it links the Telegram account; without one it greets a
 * member, or tells a stranger politely how to get access. On a new installation the code may be
 * the first-admin claim (src/services/claim.ts): its claimant is then offered the demo bloc or an
 * empty start.
 */
import { InlineKeyboard } from 'grammy';
import { Composer } from '../composer.js';
import { createDemoBloc } from '../../demo/index.js';
import { isAdmin } from '../../domain/roles.js';
import type { ClaimResult, FirstRunChoice } from '../../services/claim.js';
import type { RedeemResult } from '../../services/invites.js';
import type { Member, TelegramIdentity } from '../../services/members.js';
import { callbackData } from '../callback-data.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { clientLocale, DEFAULT_LOCALE } from '../i18n.js';
import type { Html } from '../render/html.js';
import { html, htmlToPlain } from '../render/html.js';
import { INLINE_START } from './access-gate.js';
import { actorOf } from './chat-tracking.js';

const FIRST_RUN = 'fr';
const FIRST_RUN_CHOICE = /^fr:(demo|empty)$/;

export function startFeature(deps: BotDeps): Composer<BotContext> {
  const { services, clock } = deps;
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
    const identity: TelegramIdentity = {
      id: ctx.from.id,
      username: ctx.from.username,
      firstName: ctx.from.first_name,
      lastName: ctx.from.last_name,
      languageCode: ctx.from.language_code,
    };
    // The claim first: a code that is not the claim goes on as an invite (so a guess is answered and
    // counted the same whether a claim is open or not), and so does a throttled user.
    const claim = services.claim.redeem(code, identity, actorOf(ctx));
    if (claim.ok || (claim.reason !== 'not_claim' && claim.reason !== 'throttled')) {
      ctx.log.info({ outcome: claim.ok ? 'admin' : claim.reason }, 'admin claim');
      if (!claim.ok) return ctx.replyHtml(claimFailure(ctx, claim));
      ctx.member = claim.member;
      rememberLanguage(ctx, claim.member);
      const keyboard = new InlineKeyboard()
        .text(htmlToPlain(ctx.t('claim-button-demo')), callbackData(FIRST_RUN, 'demo'))
        .text(htmlToPlain(ctx.t('claim-button-empty')), callbackData(FIRST_RUN, 'empty'));
      return ctx.replyHtml(ctx.t('claim-welcome', { name: claim.member.fullName }), { reply_markup: keyboard });
    }
    const result = services.invites.redeem(code, identity, actorOf(ctx));
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

  // The first-run offer. Callback data is input: only an admin's press counts, strangers are left
  // to the access gate, and the service takes the choice once, while the bloc has no branches.
  privateChat.callbackQuery(FIRST_RUN_CHOICE, async (ctx, next) => {
    const member = ctx.member;
    if (!member) return next();
    if (!isAdmin(member)) return ctx.answerCallbackQuery({ text: ctx.t('claim-admin-only').value, show_alert: true });
    const choice = ctx.match[1] as FirstRunChoice;
    const actor = actorOf(ctx);
    const refusedKey = (reason: 'gone' | 'not_empty') => (reason === 'gone' ? 'claim-offer-gone' : 'claim-offer-not-empty');
    const early = services.claim.choiceRefused();
    if (early) return ctx.answerCallbackQuery({ text: ctx.t(refusedKey(early)).value, show_alert: true });
    // The demo takes a few seconds to make: the button is answered first (Telegram waits for it
    // only so long), and the member sees "typing…" meanwhile.
    await ctx.answerCallbackQuery();
    await ctx.replyWithChatAction('typing').catch(() => undefined);
    const result = services.claim.choose(choice, () => (choice === 'demo' ? createDemoBloc(services, clock, actor) : null), actor);
    // Chosen meanwhile by a second press: the first one's answer is on its way.
    if (!result.ok) return ctx.replyHtml(ctx.t(refusedKey(result.reason)));
    ctx.log.info({ choice }, 'first-run choice');
    await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
    const made = result.value;
    if (made === null) return ctx.replyHtml(ctx.t('claim-empty-done'));
    await ctx.replyHtml(ctx.t('claim-demo-done', { bloc: services.bloc.get().name, branches: made.branches, members: made.members }));
  });

  return composer;
}

function claimFailure(ctx: BotContext, result: Extract<ClaimResult, { reason: 'expired' | 'used' | 'closed' }>): Html {
  switch (result.reason) {
    case 'expired':
      return ctx.t('claim-expired');
    case 'used':
    case 'closed':
      return ctx.t('claim-closed');
  }
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
