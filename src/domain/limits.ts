/**
 * How long what members type may be, in characters as Telegram counts them (UTF-16 code units).
 * Long enough for what each thing is; short enough that the messages built from them (a meeting
 * card: title, place and agenda together; a confirmation echoing a reason) stay within one
 * Telegram message. Longer input is refused with these figures, and nothing is changed.
 */
export const INPUT_LIMITS = {
  meetingTitle: 200,
  meetingLocation: 200,
  meetingAgenda: 3000,
  absenceReason: 500,
  reportNote: 500,
  /** A member code or a full name to invite, or "chibo CB01 bí thư". */
  inviteQuery: 100,
} as const;

/** The length Telegram counts for a plain text. */
export const inputLength = (text: string): number => text.length;
