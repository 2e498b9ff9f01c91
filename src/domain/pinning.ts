/**
 * Telegram's rule for pinning, applied to what the bot knows of its own membership: in a group or a
 * supergroup the bot must be an administrator with the can_pin_messages right (Bot API,
 * pinChatMessage). Basic groups follow the same rule: their administrators carry the right too,
 * and a plain member may not pin through the Bot API even where the group lets members pin.
 */
export interface BotMembership {
  status: string;
  can_pin_messages?: boolean;
}

export function botMayPin(member: BotMembership): boolean {
  if (member.status === 'creator') return true;
  return member.status === 'administrator' && member.can_pin_messages === true;
}

/** Rights learnt this long ago are asked again before a notice offers to pin (they change by update anyway). */
export const BOT_RIGHTS_TTL_MS = 24 * 3600_000;
