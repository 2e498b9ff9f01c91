/**
 * Keeps each member's private command menu in step with their role and chosen language:
 * secretaries and the office see their commands, members the default list, in the language the
 * member chose (/ngonngu). Set lazily (once per change) when the member writes to the bot, so
 * start-up does not make a call per member.
 */
import { Composer } from 'grammy';
import { menuLevel } from '../../domain/roles.js';
import { menuFingerprint, setPrivateMenu } from '../commands.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';

export function commandMenuFeature({ services }: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.chatType('private').use(async (ctx, next) => {
    await next();
    const member = ctx.member;
    if (!member) return;
    const level = menuLevel(member);
    const language = member.language === 'vi' || member.language === 'en' ? member.language : null;
    const fingerprint = menuFingerprint(level, language);
    if (member.commandMenu === fingerprint || (member.commandMenu === null && level === 'member' && language === null)) return;
    try {
      await setPrivateMenu(ctx.api, ctx.chat.id, level, language);
      services.members.setCommandMenu(member.id, fingerprint);
    } catch (error) {
      ctx.log.warn({ err: error }, 'could not set the command menu');
    }
  });
  return composer;
}
