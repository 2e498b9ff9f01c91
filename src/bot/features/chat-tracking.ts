/**
 * Keeps the chats table true: the bot added to or removed from a group (my_chat_member), and a group
 * upgraded to a supergroup (the service messages on both sides). Runs for every update, registered
 * sender or not: a group exists whoever added the bot. Telegram sends my_chat_member on every change
 * of the bot's own status or rights, so the bot's right to pin is kept from it without asking.
 */
import { Composer } from '../composer.js';
import { botMayPin } from '../../domain/pinning.js';
import type { Actor } from '../../services/actor.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';

const PRESENT = new Set(['member', 'administrator', 'creator', 'restricted']);

function actorOf(ctx: BotContext): Actor {
  return ctx.from ? { source: 'bot', memberId: ctx.member?.id ?? null, telegramUserId: ctx.from.id } : { source: 'system' };
}

export function chatTrackingFeature({ services }: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const groups = composer.chatType(['group', 'supergroup', 'channel']);

  groups.on('my_chat_member', async (ctx, next) => {
    const { chat, new_chat_member: now, old_chat_member: before } = ctx.myChatMember;
    const present = PRESENT.has(now.status) && (now.status !== 'restricted' || now.is_member);
    const wasPresent = PRESENT.has(before.status) && (before.status !== 'restricted' || before.is_member);
    if (present) {
      const title = 'title' in chat ? chat.title : undefined;
      services.chats.recordPresent({ id: chat.id, type: chat.type, title }, ctx.from.id, actorOf(ctx));
      if (chat.type !== 'channel') services.chats.recordBotRights(chat.id, botMayPin(now));
      if (!wasPresent && chat.type !== 'channel') {
        await ctx.api.sendMessage(chat.id, ctx.t('group-welcome', { bloc: services.bloc.get().name }).value, {
          parse_mode: 'HTML',
        });
      }
    } else {
      services.chats.markRemoved(chat.id, actorOf(ctx));
    }
    await next();
  });

  // In a private chat, 'kicked' means the user blocked the bot.
  composer.chatType('private').on('my_chat_member', async (ctx, next) => {
    const status = ctx.myChatMember.new_chat_member.status;
    const member = services.members.findByTelegramId(ctx.from.id);
    if (status === 'kicked') services.members.markUnreachable(ctx.from.id);
    else if (member) services.members.markReachable(member.id);
    await next();
  });

  groups.on('message:migrate_to_chat_id', async (ctx) => {
    services.chats.migrate(ctx.chat.id, ctx.message.migrate_to_chat_id, actorOf(ctx));
  });
  groups.on('message:migrate_from_chat_id', async (ctx) => {
    services.chats.migrate(ctx.message.migrate_from_chat_id, ctx.chat.id, actorOf(ctx));
  });

  // A message in a group we never saw being added to (e.g. added before the bot was upgraded).
  groups.on('message', async (ctx, next) => {
    if (!services.chats.get(ctx.chat.id)) {
      services.chats.recordPresent({ id: ctx.chat.id, type: ctx.chat.type, title: ctx.chat.title }, null, actorOf(ctx));
    }
    await next();
  });

  return composer;
}

export { actorOf };
