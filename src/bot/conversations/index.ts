/**
 * The conversations plugin and every conversation, in one composer that createBot mounts before
 * the features: a conversation waiting for an answer sees the member's next update first, so ask()
 * decides what it is (an answer, /huy, another command, a lookup) before any command handler can
 * take it.
 *
 * The plugin, and the middleware of each conversation, run only for a chat where a conversation is
 * waiting (its state is stored: the plugin deletes it when the last one ends). Run for every
 * update, they built some twenty objects each time, a large share of the garbage of a simple
 * reply. A feature starts a conversation with `ctx.startConversation`, which runs the plugin
 * around the start when it has not run for the update, and registers the conversations first when
 * that has not happened (with nothing waiting, a conversation's middleware only registers it and
 * passes on).
 */
import { conversations as conversationsPlugin, createConversation } from '@grammyjs/conversations';
import type { MiddlewareFn } from 'grammy';
import { chatSequenceKey } from '../chat-key.js';
import { Composer } from '../composer.js';
import type { BotContext, InnerContext } from '../context.js';
import { appContext } from '../middlewares/app-context.js';
import type { BotDeps } from '../deps.js';
import { createInviteConversation, INVITE_CONVERSATION } from '../features/invite.js';
import { createEditMeetingConversation, EDIT_MEETING_CONVERSATION } from '../features/meeting-admin.js';
import { BROADCAST_CONVERSATION, createBroadcastConversation } from './broadcast.js';
import { CREATE_MEETING_CONVERSATION, createMeetingConversation } from './create-meeting.js';
import { createReportConversation, REPORT_CONVERSATION } from './report.js';

export function conversationsComposer(deps: BotDeps): Composer<BotContext> {
  const { services, translator, logger } = deps;
  const storage = deps.storage<never>('conversation:');
  const plugin = conversationsPlugin<BotContext, InnerContext>({
    storage: { type: 'key', adapter: storage, getStorageKey: chatSequenceKey },
    plugins: [
      async (ctx, next) => {
        // Conversations build their own Api objects; what Telegram's refusals say of a chat is the
        // transport's, under every one of them (src/delivery/transport.ts, ChatFate).
        ctx.log = logger.child({ update_id: ctx.update.update_id, conversation: true });
        await next();
      },
      appContext(services, translator),
    ],
  });
  const hasState = (ctx: BotContext) => {
    const key = chatSequenceKey(ctx);
    return key !== undefined && storage.has(key);
  };
  const conversations = new Map<string, MiddlewareFn<BotContext>>([
    [BROADCAST_CONVERSATION, createConversation(createBroadcastConversation(deps), BROADCAST_CONVERSATION)],
    [CREATE_MEETING_CONVERSATION, createConversation(createMeetingConversation(deps), CREATE_MEETING_CONVERSATION)],
    [EDIT_MEETING_CONVERSATION, createConversation(createEditMeetingConversation(deps), EDIT_MEETING_CONVERSATION)],
    [REPORT_CONVERSATION, createConversation(createReportConversation(deps), REPORT_CONVERSATION)],
    [INVITE_CONVERSATION, createConversation(createInviteConversation(deps), INVITE_CONVERSATION)],
  ]);
  /** The updates for which every conversation's middleware has run (they may not run twice). */
  const registered = new WeakSet<BotContext>();
  const noop = async () => undefined;

  async function startConversation(this: BotContext, id: string, ...args: unknown[]): Promise<void> {
    if (!conversations.has(id)) throw new Error(`unknown conversation '${id}'`);
    // The plugin has not run for this update (nothing was waiting in the chat): around the start, then.
    if (this.conversation === undefined) await plugin(this, () => start(this, id, args));
    else await start(this, id, args);
  }

  async function start(ctx: BotContext, id: string, args: unknown[]): Promise<void> {
    await ctx.conversation.exitAll();
    if (!registered.has(ctx)) {
      registered.add(ctx);
      for (const middleware of conversations.values()) await middleware(ctx, noop);
    }
    await ctx.conversation.enter(id, ...args);
  }

  const composer = new Composer<BotContext>();
  composer.use((ctx, next) => {
    ctx.startConversation = startConversation;
    return next();
  });
  composer.filter(hasState, plugin);
  // Only registered members are in a conversation; a member who left meets the access gate instead.
  const waiting = (ctx: BotContext) => ctx.member !== null && hasState(ctx);
  composer.filter(
    waiting,
    (ctx, next) => {
      registered.add(ctx);
      return next();
    },
    ...conversations.values(),
  );
  return composer;
}
