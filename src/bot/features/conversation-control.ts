/**
 * What a waiting conversation lets through (see conversations/ask.ts): another command or a plain
 * lookup gets "Đồng chí đang … dở. Tiếp tục hay hủy?" instead of being swallowed or silently ending
 * the conversation; "Hủy" then runs what the member had sent. /huy with nothing to cancel says so.
 * Mounted right after the conversations plugin, so it sees these messages before any feature.
 */
import { InlineKeyboard } from 'grammy';
import { Composer } from '../composer.js';
import type { Update } from 'grammy/types';
import { callbackData, callbackInts, callbackPattern } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { isInterruption, RESUME_CANCEL, RESUME_GO, storedInterruption } from '../conversations/ask.js';
import { refuse } from '../guards.js';
import { htmlToPlain } from '../render/html.js';

/** Hands an update to the bot again, as if it had just arrived (after the current one of this chat). */
export type Redispatch = (update: Update) => void;

export function conversationControlFeature(redispatch: Redispatch): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const privateChat = composer.chatType('private');

  privateChat.on('message:text', async (ctx, next) => {
    // No conversation object: the plugin did not run, nothing waits in this chat (conversations/index.ts).
    const waiting = ctx.conversation === undefined ? [] : Object.keys(ctx.conversation.active());
    if (!ctx.member || waiting.length === 0 || !isInterruption(ctx.message.text)) return next();
    const messageId = ctx.message.message_id;
    (await ctx.session).interrupted = { messageId, update: ctx.update };
    const keyboard = new InlineKeyboard()
      .text(htmlToPlain(ctx.t('conversation-continue-button')), callbackData(RESUME_GO, messageId))
      .text(htmlToPlain(ctx.t('conversation-cancel-button')), callbackData(RESUME_CANCEL, messageId));
    await ctx.replyHtml(ctx.t('conversation-interrupted', { doing: ctx.t(`conversation-doing-${waiting[0]}`) }), { reply_markup: keyboard });
  });

  // "Hủy": the conversation has ended (conversations/ask.ts) or had expired; run the member's message.
  privateChat.callbackQuery(callbackPattern(RESUME_CANCEL, 1), async (ctx) => {
    const [messageId] = callbackInts(ctx.match) ?? [];
    const stored = messageId === undefined ? undefined : await storedInterruption(ctx, messageId);
    if (!stored) return refuse(ctx, 'button-expired');
    delete (await ctx.session).interrupted;
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
    redispatch(stored.update);
  });

  // "Tiếp tục" reaches here only when no conversation waits any more.
  privateChat.callbackQuery(callbackPattern(RESUME_GO, 1), (ctx) => refuse(ctx, 'conversation-none'));

  composer.command(['huy', 'cancel'], (ctx, next) => (ctx.member ? ctx.replyHtml(ctx.t('conversation-nothing-to-cancel')) : next()));

  return composer;
}
