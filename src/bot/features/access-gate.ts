/**
 * Everything past this point is for registered members only. A stranger learns how to get access
 * and nothing else; a button or inline query from a stranger is refused.
 */
import { Composer } from '../composer.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { htmlToPlain } from '../render/html.js';

/** The start parameter of the button a stranger's inline query gets: /start answers it like a bare /start. */
export const INLINE_START = 'inline';

export function accessGateFeature({ services }: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.use(async (ctx, next) => {
    if (ctx.member) return next();
    if (ctx.callbackQuery) {
      await ctx.answerCallbackQuery({ text: ctx.t('access-group-hint').value, show_alert: true });
      return;
    }
    if (ctx.inlineQuery) {
      // No results, and a button above them that opens the private chat, where /start says how to join.
      const button = { text: htmlToPlain(ctx.t('inline-stranger-button')), start_parameter: INLINE_START };
      await ctx.answerInlineQuery([], { cache_time: 0, is_personal: true, button });
      return;
    }
    if (!ctx.message || !ctx.from) return;
    if (ctx.chat?.type === 'private') {
      await ctx.replyHtml(ctx.t('access-how', { bloc: services.bloc.get().name, telegramId: String(ctx.from.id) }));
      return;
    }
    // In groups, answer only commands meant for this bot: ordinary chatter is none of its business.
    const command = ctx.message.entities?.find((e) => e.type === 'bot_command' && e.offset === 0);
    const text = ctx.message.text ?? '';
    const addressee = command ? text.slice(0, command.length).split('@')[1] : undefined;
    if (command && (addressee === undefined || addressee.toLowerCase() === ctx.me.username.toLowerCase())) await ctx.replyHtml(ctx.t('access-group-hint'), { reply_parameters: { message_id: ctx.message.message_id } });
  });
  return composer;
}
