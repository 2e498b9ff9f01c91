/**
 * /moi: invites. The office invites anyone; a secretary or deputy invites people of their own
 * branch (and its cells). `/moi DV0001`, `/moi Nguyễn Văn An`, `/moi chibo CB01 [bí thư]`, or
 * plain `/moi` for a short conversation that asks for the same.
 */
import { InlineKeyboard } from 'grammy';
import { Composer } from '../composer.js';
import type { Role } from '../../db/schema.js';
import { isOffice, parseRole } from '../../domain/roles.js';
import { INPUT_LIMITS, inputLength } from '../../domain/limits.js';
import { foldVietnamese, shortenLabel } from '../../domain/text.js';
import { formatDateTime } from '../../domain/time.js';
import type { Actor } from '../../services/actor.js';
import type { Services } from '../../services/index.js';
import type { Member } from '../../services/members.js';
import { callbackData, callbackInts, callbackPattern } from '../callback-data.js';
import type { BotContext, InnerContext } from '../context.js';
import { ask, type Convo, isPlainText } from '../conversations/ask.js';
import type { BotDeps } from '../deps.js';
import { mayManageBranch, refuse, requireLeader } from '../guards.js';
import type { TranslationArgs } from '../i18n.js';
import { html, htmlToPlain } from '../render/html.js';
import { actorOf } from './chat-tracking.js';

const PICK = 'inv';
export const INVITE_CONVERSATION = 'invite';

/** What /moi decided, as plain data: conversations replay it from their log. */
type InvitePlan =
  | { type: 'member'; name: string; branch: string; code: string; expiresAt: number }
  | { type: 'branch'; branch: string; role: Role; code: string; expiresAt: number }
  | { type: 'choose'; query: string; candidates: { id: number; label: string }[] }
  | { type: 'error'; key: string; args: Record<string, string | number> };

const BRANCH_WORDS = new Set(['chibo', 'branch']);

function planInvite(services: Services, member: Member, input: string, actor: Actor): InvitePlan {
  const length = inputLength(input.trim());
  if (length > INPUT_LIMITS.inviteQuery) {
    return { type: 'error', key: 'invite-query-too-long', args: { length, max: INPUT_LIMITS.inviteQuery } };
  }
  const words = input.trim().split(/\s+/).filter(Boolean);
  const first = foldVietnamese(words[0] ?? '');
  const second = foldVietnamese(words[1] ?? '');
  const branchCmd = BRANCH_WORDS.has(first) ? 1 : first === 'chi' && second === 'bo' ? 2 : 0;
  if (branchCmd > 0) return planBranchInvite(services, member, words.slice(branchCmd), actor);
  if (words.length === 0) return { type: 'error', key: 'invite-usage', args: {} };
  return planMemberInvite(services, member, input.trim(), actor);
}

function planBranchInvite(services: Services, member: Member, words: string[], actor: Actor): InvitePlan {
  const [code, ...roleWords] = words;
  if (!code) return { type: 'error', key: 'invite-usage', args: {} };
  const found = services.branches.resolve(code);
  if (!('branch' in found)) return { type: 'error', key: 'branch-not-found', args: { query: code } };
  const branch = found.branch;
  if (!mayManageBranch(services, member, branch.id)) return { type: 'error', key: 'link-not-allowed', args: { branch: branch.name } };
  if (!branch.active) return { type: 'error', key: 'link-inactive', args: { branch: branch.name } };
  const roleText = roleWords.join(' ');
  const role = roleText ? parseRole(foldVietnamese(roleText)) : 'member';
  const allowed: Role[] = isOffice(member) ? ['member', 'secretary', 'deputy'] : ['member'];
  if (!role || !allowed.includes(role)) return { type: 'error', key: 'invite-role-unknown', args: { role: roleText } };
  const invite = services.invites.createForBranch(branch.id, role, { createdBy: member.id }, actor);
  return { type: 'branch', branch: branch.name, role, code: invite.code, expiresAt: invite.expiresAt.getTime() };
}

function planMemberInvite(services: Services, member: Member, query: string, actor: Actor): InvitePlan {
  const scope = isOffice(member) ? null : member.branchId ? services.branches.subtreeIds(member.branchId) : [];
  const visible = (m: Member) => scope === null || (m.branchId !== null && scope.includes(m.branchId));
  const byCode = services.members.getByCode(query);
  const candidates = byCode && byCode.status === 'active' && visible(byCode) ? [byCode] : services.members.findByName(query, scope, 11);
  if (candidates.length === 0) return { type: 'error', key: 'invite-member-not-found', args: { query } };
  if (candidates.length > 1) {
    return {
      type: 'choose',
      query,
      candidates: candidates.slice(0, 10).map((m) => ({
        id: m.id,
        label: `${m.fullName} · ${m.code ?? ''} ${m.branchId ? (services.branches.getById(m.branchId)?.shortName ?? '') : ''}`.trim(),
      })),
    };
  }
  return inviteMember(services, member, candidates[0]!, actor);
}

function inviteMember(services: Services, by: Member, target: Member, actor: Actor): InvitePlan {
  if (target.telegramUserId) return { type: 'error', key: 'invite-member-already-linked', args: { name: target.fullName } };
  const invite = services.invites.createForMember(target.id, { createdBy: by.id }, actor);
  const branch = target.branchId ? (services.branches.getById(target.branchId)?.name ?? '') : '';
  return { type: 'member', name: target.fullName, branch, code: invite.code, expiresAt: invite.expiresAt.getTime() };
}

/** The t.me share page, prefilled with the link and a line saying what it is (one tap to forward it). */
export function shareUrl(link: string, text: string): string {
  return `https://t.me/share/url?url=${encodeURIComponent(link)}&text=${encodeURIComponent(text)}`;
}

async function answerPlan(ctx: InnerContext, plan: InvitePlan, timeZone: string): Promise<void> {
  const url = (code: string) => `https://t.me/${ctx.me.username}?start=${code}`;
  // Tappable, and shown in full so that it can still be copied by hand.
  const link = (code: string) => html`<a href="${url(code)}">${url(code)}</a>`;
  const share = (code: string) => ({
    reply_markup: new InlineKeyboard().url(htmlToPlain(ctx.t('invite-share-button')), shareUrl(url(code), htmlToPlain(ctx.t('invite-share-text')))),
  });
  const expires = (at: number) => formatDateTime(new Date(at), timeZone);
  switch (plan.type) {
    case 'member':
      return ctx.replyHtml(
        ctx.t('invite-member-created', { name: plan.name, branch: plan.branch, expires: expires(plan.expiresAt), link: link(plan.code) }),
        share(plan.code),
      );
    case 'branch':
      return ctx.replyHtml(
        ctx.t('invite-branch-created', {
          branch: plan.branch,
          role: ctx.t(`role-${plan.role}`),
          expires: expires(plan.expiresAt),
          link: link(plan.code),
        }),
        share(plan.code),
      );
    case 'choose': {
      const keyboard = new InlineKeyboard();
      for (const c of plan.candidates) keyboard.text(shortenLabel(c.label), callbackData(PICK, c.id)).row();
      return ctx.replyHtml(ctx.t('invite-member-ambiguous', { count: plan.candidates.length, query: plan.query }), {
        reply_markup: keyboard,
      });
    }
    case 'error':
      return ctx.replyHtml(ctx.t(plan.key, plan.args as TranslationArgs));
  }
}

/** Plain /moi: asks for the same as the command's argument. Registered with the other conversations in createBot. */
export function createInviteConversation(deps: BotDeps) {
  const { services, config } = deps;
  return async function inviteConversation(conversation: Convo, ctx: InnerContext) {
    const question = ctx.t('invite-ask');
    await ctx.replyHtml(question);
    const answer = await ask(conversation, isPlainText, (c) => c.replyHtml(question), {
      clock: deps.clock,
      activity: INVITE_CONVERSATION,
      cancelledKey: 'invite-cancelled',
    });
    const text = answer.message!.text!.trim();
    const plan = await conversation.external((outer) =>
      outer.member ? planInvite(services, outer.member, text, actorOf(outer)) : null,
    );
    if (plan) await answerPlan(answer, plan, config.timeZone);
  };
}

export function inviteFeature(deps: BotDeps): Composer<BotContext> {
  const { services, config } = deps;
  const composer = new Composer<BotContext>();

  const privateChat = composer.chatType('private');

  privateChat.command('moi', async (ctx) => {
    if (!(await requireLeader(ctx, 'moi'))) return;
    const query = ctx.match.trim();
    if (query === '') {
      await ctx.startConversation(INVITE_CONVERSATION);
      return;
    }
    await answerPlan(ctx, planInvite(services, ctx.member!, query, actorOf(ctx)), config.timeZone);
  });

  composer.chatType(['group', 'supergroup']).command('moi', (ctx) => ctx.replyHtml(ctx.t('private-only')));

  privateChat.callbackQuery(callbackPattern(PICK, 1), async (ctx) => {
    const [memberId] = callbackInts(ctx.match) ?? [];
    const target = memberId === undefined ? null : services.members.getById(memberId);
    if (!target || target.status !== 'active') return refuse(ctx, 'button-expired');
    const by = ctx.member!;
    const allowed = isOffice(by) || (target.branchId !== null && mayManageBranch(services, by, target.branchId));
    if (!allowed) return refuse(ctx, 'not-allowed');
    await ctx.answerCallbackQuery();
    await answerPlan(ctx, inviteMember(services, by, target, actorOf(ctx)), config.timeZone);
  });

  return composer;
}
