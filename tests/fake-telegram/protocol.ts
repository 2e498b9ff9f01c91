/**
 * Wire-level vocabulary shared by the fake Telegram Bot API server: the response envelope,
 * recorded parameters, Telegram's exact error descriptions and small typed accessors for
 * loosely-typed request parameters.
 *
 * Models: the `{ ok, result | error_code, description, parameters }` envelope of
 * https://core.telegram.org/bots/api#making-requests and the error texts real Telegram sends.
 * Does not model: localized/variant error texts, or errors the fake never produces.
 */
import type { ResponseParameters } from 'grammy/types';

/** Parameters of one Bot API call after body parsing and normalization. */
export type Params = Record<string, unknown>;

/** What the fake stores in `params` for an uploaded (multipart) file. */
export interface RecordedFile {
  filename: string;
  size: number;
}

/** The JSON envelope of every Bot API answer. */
export interface ApiResponse {
  ok: boolean;
  result?: unknown;
  error_code?: number;
  description?: string;
  parameters?: ResponseParameters;
}

/** An error answer, as passed to `failNext`. */
export interface ApiErrorSpec {
  error_code: number;
  description: string;
  parameters?: ResponseParameters;
}

export function ok(result: unknown): ApiResponse {
  return { ok: true, result };
}

export function fail(error_code: number, description: string, parameters?: ResponseParameters): ApiResponse {
  return parameters === undefined ? { ok: false, error_code, description } : { ok: false, error_code, description, parameters };
}

export function badRequest(what: string): ApiResponse {
  return fail(400, `Bad Request: ${what}`);
}

/** Error descriptions exactly as Telegram words them. */
export const TG = {
  unauthorized: 'Unauthorized',
  notFound: 'Not Found',
  conflictPolling: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
  conflictWebhook: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
  textEmpty: 'message text is empty',
  textTooLong: 'message is too long',
  captionTooLong: 'message caption is too long',
  notModified:
    'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
  editNotFound: 'message to edit not found',
  cantEdit: "message can't be edited",
  noTextToEdit: 'there is no text in the message to edit',
  noCaptionToEdit: 'there is no caption in the message to edit',
  deleteNotFound: 'message to delete not found',
  copyNotFound: 'message to copy not found',
  forwardNotFound: 'message to forward not found',
  replyNotFound: 'message to be replied not found',
  chatIdEmpty: 'chat_id is empty',
  chatNotFound: 'chat not found',
  buttonDataInvalid: 'BUTTON_DATA_INVALID',
  queryTooOld: 'query is too old and response timeout expired or query ID is invalid',
  invalidFileId: 'invalid file_id',
  botCommandInvalid: 'BOT_COMMAND_INVALID',
  botCommandsTooMuch: 'BOT_COMMANDS_TOO_MUCH',
  wrongChatAction: 'wrong parameter action in request',
  invalidLanguageCode: 'invalid language code specified',
  // The Bot API documents the limits (512 and 120 characters), not the wording of the refusal.
  descriptionTooLong: 'description is too long',
  shortDescriptionTooLong: 'short description is too long',
  groupMigrated: 'group chat was upgraded to a supergroup chat',
  blocked: 'Forbidden: bot was blocked by the user',
  cantInitiate: "Forbidden: bot can't initiate conversation with a user",
  deactivated: 'Forbidden: user is deactivated',
  kickedGroup: 'Forbidden: bot was kicked from the group chat',
  kickedSupergroup: 'Forbidden: bot was kicked from the supergroup chat',
  notMemberGroup: 'Forbidden: bot is not a member of the group chat',
  notMemberSupergroup: 'Forbidden: bot is not a member of the supergroup chat',
  internal: 'Internal Server Error',
  badGateway: 'Bad Gateway',
  pinRights: 'not enough rights to manage pinned messages in the chat',
  pinNotFound: 'message to pin not found',
  unpinNotFound: 'message to unpin not found',
  threadNotFound: 'message thread not found',
  topicClosed: 'TOPIC_CLOSED',
} as const;

export function tooManyRequests(retryAfter: number): ApiResponse {
  return fail(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
}

// ---- typed accessors for unknown params ----

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function getString(p: Params, key: string): string | undefined {
  const v = p[key];
  return typeof v === 'string' ? v : undefined;
}

export function getNumber(p: Params, key: string): number | undefined {
  const v = p[key];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  return undefined;
}

export function getBoolean(p: Params, key: string): boolean {
  return p[key] === true || p[key] === 'true';
}

/** `chat_id` as a number, or as a string for `@username` targets. */
export function getChatId(p: Params, key = 'chat_id'): number | string | undefined {
  const n = getNumber(p, key);
  if (n !== undefined) return n;
  const s = getString(p, key);
  return s === undefined || s === '' ? undefined : s;
}

export function isRecordedFile(v: unknown): v is RecordedFile {
  return isRecord(v) && typeof v.filename === 'string' && typeof v.size === 'number';
}

export type ChatKind = 'private' | 'group' | 'supergroup';

/** Telegram's id ranges: users > 0, basic groups > -1e12, supergroups/channels <= -1e12 (-100…). */
export function chatKindOf(chatId: number | string): ChatKind {
  if (typeof chatId === 'string') return 'supergroup';
  if (chatId > 0) return 'private';
  return chatId <= -1_000_000_000_000 ? 'supergroup' : 'group';
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
