/**
 * The context type every feature sees, with every plugin flavour in one place.
 */
import type { ConversationFlavor } from '@grammyjs/conversations';
import type { Api, Context, LazySessionFlavor } from 'grammy';
import type { InlineKeyboardMarkup, Update } from 'grammy/types';
import type { MessageKind } from '../db/schema.js';
import type { Logger } from '../logger.js';
import type { Member } from '../services/members.js';
import type { Locale, Translate } from './i18n.js';
import type { Html } from './render/html.js';

/**
 * Per-chat scratch state for features (stored in SQLite, read lazily). Durable business data lives
 * in the services' tables, never here.
 */
export interface SessionData {
  /** A command or lookup sent while a conversation waited: run if the member chooses to cancel. */
  interrupted?: { messageId: number; update: Update };
  /** The words behind the chat's latest paged answers (src/bot/paged-queries.ts). */
  pagedQueries?: PagedQuery[];
}

/** What a paged answer was asked for: the page buttons under message `messageId` find it here. */
export interface PagedQuery {
  messageId: number;
  /** Who asked: in a group, only they turn the pages of their answer. */
  memberId: number;
  kind: 'search' | 'branches';
  query: string;
}

export interface OutgoingMessage {
  kind: MessageKind;
  /** Telegram HTML: the text, or the caption of the file. */
  text: string;
  fileId?: string | null;
  replyMarkup?: InlineKeyboardMarkup;
}

export type ReplyOptions = Omit<NonNullable<Parameters<Api['sendMessage']>[2]>, 'parse_mode'>;

export interface AppFlavor {
  /** The registered, active member behind ctx.from, or null. */
  member: Member | null;
  locale: Locale;
  t: Translate;
  log: Logger;
  /** Replies with HTML, split into balanced parts when over Telegram's 4,096 characters; buttons under the last. */
  replyHtml(text: Html, options?: ReplyOptions): Promise<void>;
  /**
   * Replies with a message exactly as the outbox delivers it (a notice, its preview): a file with
   * its caption or a text, in as many parts as it needs (src/delivery/parts.ts).
   */
  replyMessage(message: OutgoingMessage): Promise<void>;
}

/** The context inside conversations (no session or conversation controls there). */
export type InnerContext = Context & AppFlavor;

/** The context in the main middleware tree. */
export type BotContext = ConversationFlavor<InnerContext & LazySessionFlavor<SessionData> & ConversationStarter>;

export interface ConversationStarter {
  /** Ends any conversation of the chat and enters conversation `id` with `args` (src/bot/conversations/index.ts). */
  startConversation(id: string, ...args: unknown[]): Promise<void>;
}
