/**
 * /bangdieukhien (English clients: /dashboard): the dashboard, a Telegram Mini App at WEBAPP_URL.
 * Web-app buttons work only in private chats: there the command answers with one; in a group, with
 * a link that opens the bot privately (t.me/<bot>?start=dashboard), where /start dashboard answers
 * with the button. Without WEBAPP_URL it says the dashboard is not set up and whom to ask.
 * The office's and secretaries' chat menu button opens it too (features/command-menu.ts).
 */
import { InlineKeyboard } from 'grammy';
import { Composer } from '../composer.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { htmlToPlain } from '../render/html.js';

/** The start parameter of the group's link. */
export const DASHBOARD_START = 'dashboard';

async function replyPrivate(ctx: BotContext, webappUrl: string | undefined): Promise<void> {
  if (!webappUrl) return void (await ctx.replyHtml(ctx.t('dashboard-not-configured')));
  const keyboard = new InlineKeyboard().webApp(htmlToPlain(ctx.t('dashboard-button')), webappUrl);
  await ctx.replyHtml(ctx.t('dashboard-open'), { reply_markup: keyboard });
}

/** /start dashboard, from the group's link: mounted before /start's invite codes. */
export function dashboardStartFeature({ config, services }: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.chatType('private').command('start', async (ctx, next) => {
    if (ctx.match.trim() !== DASHBOARD_START) return next();
    if (!ctx.member) {
      return void (await ctx.replyHtml(ctx.t('access-how', { bloc: services.bloc.get().name, telegramId: String(ctx.from.id) })));
    }
    await replyPrivate(ctx, config.webappUrl);
  });
  return composer;
}

export function dashboardFeature({ config }: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.chatType('private').command(['bangdieukhien', 'dashboard'], (ctx) => replyPrivate(ctx, config.webappUrl));
  composer.chatType(['group', 'supergroup']).command(['bangdieukhien', 'dashboard'], async (ctx) => {
    if (!config.webappUrl) return void (await ctx.replyHtml(ctx.t('dashboard-not-configured')));
    const link = `https://t.me/${ctx.me.username}?start=${DASHBOARD_START}`;
    await ctx.replyHtml(ctx.t('dashboard-group'), { reply_markup: new InlineKeyboard().url(htmlToPlain(ctx.t('dashboard-group-button')), link) });
  });
  return composer;
}
