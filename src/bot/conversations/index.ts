/**
 * Every conversation, in one composer that createBot mounts before the features: a conversation
 * waiting for an answer sees the member's next update first, so ask() decides what it is (an
 * answer, /huy, another command, a lookup) before any command handler can take it.
 */
import { createConversation } from '@grammyjs/conversations';
import { Composer } from '../composer.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { createInviteConversation, INVITE_CONVERSATION } from '../features/invite.js';
import { createEditMeetingConversation, EDIT_MEETING_CONVERSATION } from '../features/meeting-admin.js';
import { BROADCAST_CONVERSATION, createBroadcastConversation } from './broadcast.js';
import { CREATE_MEETING_CONVERSATION, createMeetingConversation } from './create-meeting.js';
import { createReportConversation, REPORT_CONVERSATION } from './report.js';

export function conversationsComposer(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  // Only registered members are in a conversation; a member who left meets the access gate instead.
  const members = composer.filter((ctx) => ctx.member !== null);
  members.use(createConversation(createBroadcastConversation(deps), BROADCAST_CONVERSATION));
  members.use(createConversation(createMeetingConversation(deps), CREATE_MEETING_CONVERSATION));
  members.use(createConversation(createEditMeetingConversation(deps), EDIT_MEETING_CONVERSATION));
  members.use(createConversation(createReportConversation(deps), REPORT_CONVERSATION));
  members.use(createConversation(createInviteConversation(deps), INVITE_CONVERSATION));
  return composer;
}
