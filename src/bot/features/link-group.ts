/**
 * /lienket <branch>: links the current group to a branch, for that branch's secretary or deputy, or
 * the office. Without an argument a secretary gets a one-tap button for their own branch. The
 * button is checked again when pressed: callback data is input too. In a group with topics (a
 * forum), /lienket typed in a topic links that topic: the branch's messages go there; typed in
 * General, they go to General.
 */
import { InlineKeyboard } from 'grammy';
import { Composer } from '../composer.js';
import { isBranchLeader, isOffice } from '../../domain/roles.js';
import { shortenLabel } from '../../domain/text.js';
import type { Branch } from '../../services/branches.js';
import { callbackData, callbackInts, callbackPattern } from '../callback-data.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { mayManageBranch, refuse } from '../guards.js';
import { replyBranchChoices } from './branch-choices.js';
import { htmlToPlain, joinHtml } from '../render/html.js';
import { actorOf } from './chat-tracking.js';

const LINK = 'lk';

export function linkGroupFeature({ services }: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.chatType('private').command('lienket', (ctx) => ctx.replyHtml(ctx.t('link-private')));

  const groups = composer.chatType(['group', 'supergroup']);

  /** Links and answers; returns false (having answered) when the member may not. */
  const link = async (ctx: BotContext, branch: Branch): Promise<void> => {
    const chat = ctx.chat!;
    if (!mayManageBranch(services, ctx.member, branch.id)) return refuse(ctx, 'link-not-allowed', { branch: branch.name });
    if (!branch.active) return refuse(ctx, 'link-inactive', { branch: branch.name });
    const title = 'title' in chat ? chat.title : undefined;
    const threadId = topicOf(ctx);
    const existing =
      services.chats.get(chat.id) ?? services.chats.recordPresent({ id: chat.id, type: chat.type, title }, null, actorOf(ctx));
    if (existing.branchId === branch.id && existing.threadId === threadId) {
      await ctx.replyHtml(ctx.t(threadId === null ? 'link-already' : 'link-already-topic', { branch: branch.name }));
      return;
    }
    services.chats.link(chat.id, branch.id, actorOf(ctx), threadId);
    const forum = 'is_forum' in chat && chat.is_forum === true;
    const key = threadId !== null ? 'link-done-topic' : forum ? 'link-done-general' : 'link-done';
    await ctx.replyHtml(ctx.t(key, { title: title ?? '', branch: branch.name }));
  };

  groups.command('lienket', async (ctx) => {
    const member = ctx.member!;
    if (!isOffice(member) && !isBranchLeader(member)) return refuse(ctx, 'not-allowed');
    const query = ctx.match.trim();
    if (query === '') {
      const own = member.branchId ? services.branches.getById(member.branchId) : null;
      if (!own || isOffice(member)) return ctx.replyHtml(ctx.t('link-usage'));
      const keyboard = new InlineKeyboard().text(
        shortenLabel(htmlToPlain(ctx.t('link-confirm-button', { branch: own.shortName ?? own.name }))),
        callbackData(LINK, own.id),
      );
      return ctx.replyHtml(ctx.t('link-confirm', { branch: own.name }), { reply_markup: keyboard });
    }
    const found = services.branches.resolve(query);
    if ('notFound' in found) return ctx.replyHtml(joinHtml([ctx.t('branch-not-found', { query }), ctx.t('link-usage')]));
    if ('ambiguous' in found)
      return replyBranchChoices(ctx, query, found.ambiguous);
    await link(ctx, found.branch);
  });

  groups.callbackQuery(callbackPattern(LINK, 1), async (ctx) => {
    const [branchId] = callbackInts(ctx.match) ?? [];
    const branch = branchId === undefined ? null : services.branches.getById(branchId);
    if (!branch) return refuse(ctx, 'button-expired');
    if (!mayManageBranch(services, ctx.member, branch.id)) return refuse(ctx, 'link-not-allowed', { branch: branch.name });
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
    await link(ctx, branch);
  });

  return composer;
}

/**
 * The forum topic an update comes from: a message in a topic (or the bot's prompt there, for a
 * button) carries is_topic_message. A reply thread in a group without topics is not a topic.
 */
function topicOf(ctx: BotContext): number | null {
  const message = ctx.msg;
  return message?.is_topic_message && message.message_thread_id !== undefined ? message.message_thread_id : null;
}
