/**
 * Commands whose features arrive in later releases. Registered now so the menus stay stable; each
 * still checks the role its real version will require.
 */
import { Composer } from 'grammy';
import type { BotContext } from '../context.js';

const MEMBER_COMMANDS = ['tim'];

export function plannedFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command(MEMBER_COMMANDS, (ctx) => ctx.replyHtml(ctx.t('coming-soon', { command: commandName(ctx) })));
  return composer;
}

function commandName(ctx: BotContext): string {
  const entity = ctx.message?.entities?.find((e) => e.type === 'bot_command' && e.offset === 0);
  const text = ctx.message?.text ?? '';
  return entity ? text.slice(1, entity.length).split('@')[0]! : '';
}
