/**
 * What one outbox row sends. A text longer than a Telegram message goes as several messages; a
 * caption longer than a file allows goes partly under the file and the rest as text messages right
 * after it (the reader sees the whole notice in the chat, formatted, without opening a second file).
 * The parts are worked out again from the row's text at each send, the same every time, so the row
 * only needs to count how many have gone (`partsSent`); the buttons go under the last part.
 */
import { splitMessage, TELEGRAM_CAPTION_LIMIT, TELEGRAM_TEXT_LIMIT } from '../bot/render/html.js';
import { htmlVisibleLength } from '../bot/render/entities.js';
import type { MessageKind } from '../db/schema.js';

export interface MessagePart {
  /** The file's kind for the first part of a file message; 'text' for every other part. */
  kind: MessageKind;
  /** Text, or the caption under the file ('' for none). */
  text: string;
  last: boolean;
}

/** Separates the late note from the message it is added to. */
export const LATE_NOTE_SEPARATOR = '\n\n';

/**
 * The parts of a message, in order. `lateNote`, when the message may carry one, has room kept for
 * it in every part, so adding it to the last part at send time never makes that part too long
 * and the parts are the same whether it is late or not.
 */
export function messageParts(message: { kind: MessageKind; text: string; lateNote?: string | null }): MessagePart[] {
  const reserve = message.lateNote ? htmlVisibleLength(message.lateNote) + LATE_NOTE_SEPARATOR.length : 0;
  const first = (message.kind === 'text' ? TELEGRAM_TEXT_LIMIT : TELEGRAM_CAPTION_LIMIT) - reserve;
  const rest = TELEGRAM_TEXT_LIMIT - reserve;
  // The HTML is never shorter than what Telegram counts: a message that fits as written needs no look.
  const texts = message.text.length <= first ? [message.text] : splitMessage(message.text, { first, rest });
  if (texts.length === 0) texts.push(message.kind === 'text' ? message.text : '');
  return texts.map((text, i) => ({ kind: i === 0 ? message.kind : 'text', text, last: i === texts.length - 1 }));
}
