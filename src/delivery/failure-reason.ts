/**
 * Telegram's refusals, sorted into the few kinds a person can act on, so that reports say what
 * happened in plain words ("the recipient blocked the bot") rather than "403: Forbidden: …".
 */
export const FAILURE_REASONS = [
  'too-long',
  'bad-markup',
  'empty',
  'bad-file',
  'bad-button',
  'chat-not-found',
  'not-started',
  'blocked',
  'deactivated',
  'removed-from-group',
  'unavailable',
  'no-pin-rights',
  'other',
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

const PATTERNS: [RegExp, FailureReason][] = [
  [/message is too long|caption is too long|text is too long/i, 'too-long'],
  [/can't parse entities|unsupported start tag|can't find end tag/i, 'bad-markup'],
  [/message text is empty|text must be non-empty/i, 'empty'],
  [/file_id|file identifier|wrong type of the web page content|failed to get http url content/i, 'bad-file'],
  [/button|reply markup|inline keyboard/i, 'bad-button'],
  [/chat not found|user not found|peer_id_invalid|chat_id is empty/i, 'chat-not-found'],
  [/can't initiate conversation/i, 'not-started'],
  [/blocked by the user/i, 'blocked'],
  [/user is deactivated/i, 'deactivated'],
  [/kicked|not a member|chat was deleted|group chat was deactivated/i, 'removed-from-group'],
  [/^(5\d\d|network)\b|internal server error|bad gateway|timed out/i, 'unavailable'],
  [/not enough rights to (manage pinned messages|pin)/i, 'no-pin-rights'],
];

/** The kind of a recorded failure (`lastError`, e.g. "400: Bad Request: message is too long"). */
export function failureReason(description: string): FailureReason {
  return PATTERNS.find(([pattern]) => pattern.test(description))?.[1] ?? 'other';
}
