/**
 * Keeps each member's private command menu in step with their role and chosen language:
 * secretaries and the office see their commands, members the default list, in the language the
 * member chose (/ngonngu); the office's and secretaries' chat menu button opens the dashboard when
 * WEBAPP_URL is set (back to the command list when that ends). Set lazily (once per change) when
 * the member writes to the bot, /start included, so start-up does not make a call per member.
 */
import { Composer } from '../composer.js';
import { menuLevel } from '../../domain/roles.js';
import { hasDashboardButton, menuFingerprint, setPrivateMenu } from '../commands.js';
import { htmlToPlain } from '../render/html.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';

export function commandMenuFeature({ services, config }: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.chatType('private').use(async (ctx, next) => {
    await next();
    const member = ctx.member;
    if (!member) return;
    const level = menuLevel(member);
    const language = member.language === 'vi' || member.language === 'en' ? member.language : null;
    const dashboard = hasDashboardButton(level, config.webappUrl);
    const fingerprint = menuFingerprint(level, language, dashboard);
    if (member.commandMenu === fingerprint || (member.commandMenu === null && level === 'member' && language === null)) return;
    try {
      await setPrivateMenu(ctx.api, ctx.chat.id, level, language);
      if (dashboard) {
        const text = htmlToPlain(ctx.t('dashboard-menu-button'));
        await ctx.api.setChatMenuButton({ chat_id: ctx.chat.id, menu_button: { type: 'web_app', text, web_app: { url: config.webappUrl! } } });
      } else if (member.commandMenu?.endsWith(':app')) {
        await ctx.api.setChatMenuButton({ chat_id: ctx.chat.id, menu_button: { type: 'commands' } });
      }
      services.members.setCommandMenu(member.id, fingerprint);
    } catch (error) {
      ctx.log.warn({ err: error }, 'could not set the command menu');
    }
  });
  return composer;
}
