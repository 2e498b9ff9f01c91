/**
 * Validation Telegram applies to outgoing content: text and caption formatting/length, and the
 * shape of inline keyboards.
 *
 * Models: parse_mode HTML (see html.ts) with lengths measured after entity parsing in UTF-16
 * code units (JS string length) — 4096 for texts, 1024 for captions; "message text is empty"
 * for empty/whitespace-only texts; callback_data limited to 1–64 UTF-8 bytes; every inline
 * button needs a non-empty text and exactly one action field; at most 100 buttons under a message
 * (BUTTONS_TOO_MUCH).
 *
 * ForceReply: `force_reply` must be true, `input_field_placeholder` 1–64 characters.
 *
 * url buttons: http(s) or tg URLs without whitespace, else BUTTON_URL_INVALID. More than 100
 * buttons under one message: BUTTONS_TOO_MUCH.
 *
 * Does not model: MarkdownV2/Markdown parsing (text is taken literally), a url button's length
 * limit, reply (non-inline) keyboard checks, the 8-buttons-a-row limit.
 */
import type { InlineKeyboardMarkup, MessageEntity } from 'grammy/types';
import { parseTelegramHtml } from './html.js';
import { badRequest, isRecord, TG, type ApiResponse, type Params } from './protocol.js';

export const TEXT_LIMIT = 4096;
export const CAPTION_LIMIT = 1024;
export const CALLBACK_DATA_LIMIT = 64;

export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: ApiResponse };

const INLINE_BUTTON_ACTIONS = [
  'url',
  'callback_data',
  'web_app',
  'login_url',
  'switch_inline_query',
  'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat',
  'copy_text',
  'callback_game',
  'pay',
] as const;

/** Applies parse_mode (only HTML is interpreted) or explicit entities to a text. */
export function formatText(
  raw: string,
  parseMode: unknown,
  explicitEntities: unknown,
  strictAmpersand: boolean,
): Checked<FormattedText> {
  if (typeof parseMode === 'string' && parseMode.toLowerCase() === 'html') {
    const parsed = parseTelegramHtml(raw, { strictAmpersand });
    if (!parsed.ok) return { ok: false, error: badRequest(`can't parse entities: ${parsed.error}`) };
    return { ok: true, value: { text: parsed.text, entities: parsed.entities } };
  }
  const entities = Array.isArray(explicitEntities) ? (explicitEntities as MessageEntity[]) : [];
  return { ok: true, value: { text: raw, entities } };
}

/** Text of sendMessage / editMessageText. */
export function checkMessageText(p: Params, strictAmpersand: boolean): Checked<FormattedText> {
  const raw = typeof p.text === 'string' ? p.text : typeof p.text === 'number' ? String(p.text) : '';
  if (raw.trim() === '') return { ok: false, error: badRequest(TG.textEmpty) };
  const formatted = formatText(raw, p.parse_mode, p.entities, strictAmpersand);
  if (!formatted.ok) return formatted;
  if (formatted.value.text.trim() === '') return { ok: false, error: badRequest(TG.textEmpty) };
  if (formatted.value.text.length > TEXT_LIMIT) return { ok: false, error: badRequest(TG.textTooLong) };
  return formatted;
}

/** Caption of media sends / editMessageCaption; undefined when there is no caption. */
export function checkCaption(
  caption: unknown,
  parseMode: unknown,
  entities: unknown,
  strictAmpersand: boolean,
): Checked<FormattedText | undefined> {
  if (typeof caption !== 'string' || caption === '') return { ok: true, value: undefined };
  const formatted = formatText(caption, parseMode, entities, strictAmpersand);
  if (!formatted.ok) return formatted;
  if (formatted.value.text.length > CAPTION_LIMIT) return { ok: false, error: badRequest(TG.captionTooLong) };
  return formatted;
}

/** Validates `reply_markup`; returns an error answer or undefined when acceptable. */
export function checkReplyMarkup(markup: unknown): ApiResponse | undefined {
  if (markup === undefined) return undefined;
  if (typeof markup === 'string') return badRequest("can't parse reply keyboard markup JSON object");
  if (isRecord(markup) && 'force_reply' in markup) return checkForceReply(markup);
  if (!isRecord(markup) || !('inline_keyboard' in markup)) return undefined;
  const rows = markup.inline_keyboard;
  if (!Array.isArray(rows) || rows.some((r) => !Array.isArray(r))) {
    return badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
  }
  for (const row of rows as unknown[][]) {
    for (const button of row) {
      const error = checkInlineButton(button);
      if (error) return error;
    }
  }
  return checkButtonCount(rows as unknown[][]);
}

/** Telegram shows at most 100 inline buttons under a message and refuses the message beyond. */
export const INLINE_BUTTON_LIMIT = 100;

function checkButtonCount(rows: unknown[][]): ApiResponse | undefined {
  const count = rows.reduce((n, row) => n + row.length, 0);
  return count > INLINE_BUTTON_LIMIT ? badRequest('BUTTONS_TOO_MUCH') : undefined;
}

function checkForceReply(markup: Record<string, unknown>): ApiResponse | undefined {
  if (markup.force_reply !== true) return badRequest("can't parse reply keyboard markup JSON object");
  const placeholder = markup.input_field_placeholder;
  if (placeholder !== undefined && (typeof placeholder !== 'string' || placeholder.length === 0 || placeholder.length > 64)) {
    return badRequest('field "input_field_placeholder" must be 1-64 characters long');
  }
  return undefined;
}

function checkInlineButton(button: unknown): ApiResponse | undefined {
  if (!isRecord(button)) return badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
  if (typeof button.text !== 'string') return badRequest('can\'t parse inline keyboard button: Can\'t find field "text"');
  if (button.text.trim() === '') return badRequest('BUTTON_TEXT_INVALID');
  const actions = INLINE_BUTTON_ACTIONS.filter((k) => button[k] !== undefined);
  if (actions.length === 0) return badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
  if (actions.length > 1) {
    return badRequest(
      `can't parse inline keyboard button: exactly one of the optional fields must be used, got ${actions.join(', ')}`,
    );
  }
  if (button.callback_data !== undefined) {
    const data = button.callback_data;
    if (typeof data !== 'string') return badRequest('can\'t parse inline keyboard button: Field "callback_data" must be of type String');
    const bytes = Buffer.byteLength(data, 'utf8');
    if (bytes === 0 || bytes > CALLBACK_DATA_LIMIT) return badRequest(TG.buttonDataInvalid);
  }
  if (button.url !== undefined && !isButtonUrl(button.url)) return badRequest('BUTTON_URL_INVALID');
  if (button.web_app !== undefined && !isWebAppInfo(button.web_app)) return badRequest('BUTTON_URL_INVALID');
  return undefined;
}

/** A url button's address Telegram accepts: http(s) or tg, with no whitespace (a space must be percent-encoded). */
function isButtonUrl(url: unknown): boolean {
  if (typeof url !== 'string' || url === '' || /\s/.test(url)) return false;
  try {
    return ['http:', 'https:', 'tg:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** A WebAppInfo Telegram accepts: an object with an https:// url (Mini Apps are served over HTTPS only). */
export function isWebAppInfo(info: unknown): boolean {
  if (!isRecord(info) || typeof info.url !== 'string') return false;
  try {
    return new URL(info.url).protocol === 'https:';
  } catch {
    return false;
  }
}

/** Whether an inline keyboard has a web_app button: Telegram accepts those in private chats only. */
export function hasWebAppButton(markup: unknown): boolean {
  if (!isRecord(markup) || !Array.isArray(markup.inline_keyboard)) return false;
  return (markup.inline_keyboard as unknown[]).some((row) => Array.isArray(row) && row.some((b) => isRecord(b) && b.web_app !== undefined));
}

/** Markup as it appears in a returned Message: only inline keyboards are echoed. */
export function inlineMarkupOf(markup: unknown): InlineKeyboardMarkup | undefined {
  if (!isRecord(markup) || !Array.isArray(markup.inline_keyboard)) return undefined;
  // Shape already validated by checkReplyMarkup.
  return { inline_keyboard: markup.inline_keyboard as InlineKeyboardMarkup['inline_keyboard'] };
}
