/**
 * What Telegram tells us about chats through errors, handled for every call the bot makes:
 * a group upgraded to a supergroup (400 with migrate_to_chat_id) gets its link moved and the call
 * resent to the new id; a blocked bot (403) marks the member or chat unreachable.
 * Installed on bot.api and, separately, inside conversations (they use their own Api objects).
 */
import type { Transformer } from 'grammy';
import { SYSTEM } from '../services/actor.js';
import type { Services } from '../services/index.js';

export function chatFateTransformer(services: Services): Transformer {
  return async (prev, method, payload, signal) => {
    const res = await prev(method, payload, signal);
    if (res.ok) return res;
    const chatId = payload && typeof payload === 'object' && 'chat_id' in payload ? payload.chat_id : undefined;
    if (typeof chatId !== 'number') return res;
    const migrateTo = res.parameters?.migrate_to_chat_id;
    if (res.error_code === 400 && typeof migrateTo === 'number') {
      services.chats.migrate(chatId, migrateTo, SYSTEM);
      return prev(method, { ...payload, chat_id: migrateTo }, signal);
    }
    if (res.error_code === 403) {
      if (chatId > 0) services.members.markUnreachable(chatId);
      else services.chats.markRemoved(chatId, SYSTEM);
    }
    return res;
  };
}

/**
 * The transformers every Api object of the bot gets. Waiting out 429s and retrying network errors
 * is the transport's job (src/delivery/transport.ts), below the conversations' recorder, so that a
 * replay never waits again.
 */
export function apiTransformers(services: Services): Transformer[] {
  return [chatFateTransformer(services)];
}
