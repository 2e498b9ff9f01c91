import type { MiddlewareFn } from 'grammy';
import type { Services } from '../../services/index.js';
import type { InnerContext, OutgoingMessage, ReplyOptions } from '../context.js';
import { negotiateLocale, type Translator } from '../i18n.js';
import { messageParts } from '../../delivery/parts.js';
import { type Html, splitMessage } from '../render/html.js';

/**
 * Loads the member behind the update (marking them reachable again when they write privately) and
 * sets locale, translation and the HTML reply helpers.
 * Installed in the main tree and again inside conversations (which build fresh context objects).
 * The helpers are shared methods (`this` is the context), not closures made for every update.
 */
export function appContext<C extends InnerContext>(services: Services, translator: Translator): MiddlewareFn<C> {
  return async (ctx, next) => {
    ctx.member = ctx.from && !ctx.from.is_bot ? services.members.findByTelegramId(ctx.from.id) : null;
    // A member who writes to the bot privately (even just /start) can be reached again.
    if (ctx.member?.unreachableSince && ctx.chat?.type === 'private') {
      services.members.markReachable(ctx.member.id);
      ctx.member.unreachableSince = null;
    }
    ctx.locale = negotiateLocale(ctx.member?.language, ctx.from?.language_code);
    ctx.t = translator.for(ctx.locale);
    ctx.replyHtml = replyHtml;
    ctx.replyMessage = replyMessage;
    await next();
  };
}

async function replyHtml(this: InnerContext, text: Html, options: ReplyOptions = {}): Promise<void> {
  const chunks = splitMessage(text.value);
  const { reply_markup, ...rest } = options;
  for (const [i, chunk] of chunks.entries()) {
    // Buttons belong under the last part only.
    const markup = i === chunks.length - 1 ? { reply_markup } : {};
    await this.reply(chunk, { link_preview_options: { is_disabled: true }, ...rest, ...markup, parse_mode: 'HTML' });
  }
}

async function replyMessage(this: InnerContext, message: OutgoingMessage): Promise<void> {
  for (const part of messageParts(message)) {
    const options = { parse_mode: 'HTML' as const, reply_markup: part.last ? message.replyMarkup : undefined };
    if (part.kind === 'document') await this.replyWithDocument(message.fileId!, { ...options, caption: part.text || undefined });
    else if (part.kind === 'photo') await this.replyWithPhoto(message.fileId!, { ...options, caption: part.text || undefined });
    else await this.reply(part.text, { ...options, link_preview_options: { is_disabled: true } });
  }
}
