/**
 * Whether the bot may pin in at least one of a notice's groups, so /guithongbao offers to pin only
 * where it can. The rights come from the chats table, kept by my_chat_member updates (Telegram sends
 * one on every change of the bot's status or rights) and by refused pins; Telegram is asked
 * (getChatMember) only for groups whose rights are unknown or older than a day, at most
 * MAX_LOOKUPS per question, and no more once one group allows it. So a bloc-wide notice costs no
 * call when the rights are known, and at most a few the first time.
 */
import type { Api } from 'grammy';
import { BOT_RIGHTS_TTL_MS, botMayPin } from '../domain/pinning.js';
import type { AudienceGroup } from '../services/notices.js';
import type { ChatService } from '../services/chats.js';

const MAX_LOOKUPS = 20;

export async function mayPinInAny(api: Api, botId: number, groups: readonly AudienceGroup[], chats: ChatService, now: Date): Promise<boolean> {
  const fresh = (g: AudienceGroup) => g.botCanPin !== null && g.botRightsAt !== null && now.getTime() - g.botRightsAt.getTime() < BOT_RIGHTS_TTL_MS;
  if (groups.some((g) => fresh(g) && g.botCanPin === true)) return true;
  for (const g of groups.filter((g) => !fresh(g)).slice(0, MAX_LOOKUPS)) {
    try {
      const member = await api.getChatMember(g.telegramChatId, botId);
      const canPin = botMayPin(member);
      chats.recordBotRights(g.telegramChatId, canPin);
      if (canPin) return true;
    } catch {
      // A group Telegram will not tell about (the bot was removed meanwhile): not a place to pin.
    }
  }
  return false;
}
