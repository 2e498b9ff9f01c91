/**
 * Every conversation, in one composer that createBot mounts before the features: a conversation
 * waiting for an answer sees the member's next update first, so ask() decides what it is (an
 * answer, /huy, another command, a lookup) before any command handler can take it.
 *
 * The plugin's middleware of each conversation runs only for a chat where one is waiting. Run for
 * every update, the five of them built a dozen objects each and a third of the garbage of a
 * simple reply. A feature starts a conversation with `ctx.startConversation`, which registers
 * the conversation for the update first when that has not happened (with nothing waiting, the
 * plugin's middleware then only registers it and passes on).
 */
import { createConversation } from '@grammyjs/conversations';
import type { MiddlewareFn } from 'grammy';
import { Composer } from '../composer.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { createInviteConversation, INVITE_CONVERSATION } from '../features/invite.js';
import { createEditMeetingConversation, EDIT_MEETING_CONVERSATION } from '../features/meeting-admin.js';
import { BROADCAST_CONVERSATION, createBroadcastConversation } from './broadcast.js';
import { CREATE_MEETING_CONVERSATION, createMeetingConversation } from './create-meeting.js';
import { createReportConversation, REPORT_CONVERSATION } from './report.js';

export function conversationsComposer(deps: BotDeps): Composer<BotContext> {
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
    const conversation = conversations.get(id);
    if (!conversation) throw new Error(`unknown conversation '${id}'`);
    await this.conversation.exitAll();
    if (!registered.has(this)) {
      registered.add(this);
      for (const middleware of conversations.values()) await middleware(this, noop);
    }
    await this.conversation.enter(id, ...args);
  }

  const composer = new Composer<BotContext>();
  composer.use((ctx, next) => {
    ctx.startConversation = startConversation;
    return next();
  });
  // Only registered members are in a conversation; a member who left meets the access gate instead.
  const waiting = (ctx: BotContext) => ctx.member !== null && Object.keys(ctx.conversation.active()).length > 0;
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
