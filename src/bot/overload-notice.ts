/**
 * A direct reply that could not get through Telegram's limits in time (the transport gave up
 * waiting): the chat is told so, once an hour at most, through the durable outbox, which keeps
 * trying on its own. The member then knows to send the request again instead of waiting.
 */
import type { Clock } from '../clock.js';
import { PRIORITY } from '../db/schema.js';
import type { Services } from '../services/index.js';
import { negotiateLocale, type Translator } from './i18n.js';

export function overloadNotice(
  services: Services,
  translator: Translator,
  clock: Clock,
  wakeDelivery: () => void,
): (chatId: number) => void {
  return (chatId) => {
    const hour = clock.now().toISOString().slice(0, 13);
    const member = chatId > 0 ? services.members.findByTelegramId(chatId) : null;
    const text = translator.t(negotiateLocale(member?.language, undefined), 'delivery-overloaded').value;
    const added = services.outbox.enqueue([
      { dedupeKey: `overloaded:${chatId}:${hour}`, chatId, memberId: member?.id ?? null, text, priority: PRIORITY.urgent },
    ]);
    if (added > 0) wakeDelivery();
  };
}
