import { Composer } from '../composer.js';
import type { BotContext } from '../context.js';

/** Last in line: a private message nobody handled gets a pointer to /trogiup; groups stay quiet. */
export function unhandledFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.chatType('private').on('message', (ctx) => ctx.replyHtml(ctx.t('unhandled-private')));
  composer.on('callback_query', (ctx) => ctx.answerCallbackQuery({ text: ctx.t('button-expired').value }));
  return composer;
}
