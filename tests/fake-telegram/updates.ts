/**
 * Builders for realistic incoming updates to feed `FakeTelegram.pushUpdate`.
 *
 * Models: users/chats with Telegram's id ranges (users > 0, groups < 0, supergroups
 * <= -1e12), message ids that increase per chat and are shared with the messages the fake
 * server sends (one allocator, so a user message never reuses a bot message's id), dates in
 * Unix seconds, the `bot_command` entity grammY needs to match `/cmd` and `/cmd@botname`,
 * callback queries, inline queries, my_chat_member transitions, group→supergroup migration
 * service messages, document and photo messages, forum supergroups and messages in their topics
 * (`message_thread_id` with `is_topic_message`).
 *
 * Does not model: other automatic entities (mentions, URLs, hashtags), business messages, channel
 * posts, media groups, reply chains beyond one level.
 */
import type {
  CallbackQuery,
  Chat,
  ChatMember,
  InlineQuery,
  Message,
  MessageEntity,
  PhotoSize,
  Update,
  User,
} from 'grammy/types';
import { nowSeconds } from './protocol.js';

/** The bot user the fake server answers getMe with unless told otherwise. */
export const DEFAULT_BOT_USER = {
  id: 123456,
  is_bot: true,
  first_name: 'Bot Đảng ủy Khối',
  username: 'test_party_bot',
} as const satisfies User;

export type NonChannelChat = Chat.PrivateChat | Chat.GroupChat | Chat.SupergroupChat;
/** A message as it arrives in `update.message` (never a channel post, always has `from`). */
export type IncomingMessage = Message & Update.NonChannel;
export type UpdateWithoutId = Omit<Update, 'update_id'>;

export interface MessageUpdate {
  message: IncomingMessage;
}
export interface CallbackQueryUpdate {
  callback_query: CallbackQuery;
}
export interface InlineQueryUpdate {
  inline_query: InlineQuery;
}
export interface MyChatMemberUpdate {
  my_chat_member: NonNullable<Update['my_chat_member']>;
}

export interface MessageOptions {
  message_id?: number;
  date?: number;
  reply_to_message?: Message;
  /** A topic of a forum supergroup (from FakeTelegram.openTopic): the message is a topic message. */
  message_thread_id?: number;
}

// ---- id allocation (shared with the fake server) ----

const lastMessageId = new Map<string, number>();
let lastQueryId = 0;

/** Next message id in a chat; the fake server uses this for the messages the bot sends. */
export function nextMessageId(chatId: number | string): number {
  const id = (lastMessageId.get(String(chatId)) ?? 0) + 1;
  lastMessageId.set(String(chatId), id);
  return id;
}

/** Tells the allocator that `messageId` exists in `chatId`, so later ids are higher. */
export function noteMessageId(chatId: number | string, messageId: number): void {
  const key = String(chatId);
  if ((lastMessageId.get(key) ?? 0) < messageId) lastMessageId.set(key, messageId);
}

function nextQueryId(): string {
  lastQueryId++;
  return `${4_000_000_000_000_000 + lastQueryId}`;
}

// ---- users and chats ----

export interface UserOptions {
  first_name?: string;
  last_name?: string;
  username?: string;
  /** Default 'vi'. */
  language_code?: string;
  is_bot?: boolean;
}

export function user(id: number, opts: UserOptions = {}): User {
  if (!Number.isInteger(id) || id <= 0) throw new Error(`user id must be a positive integer, got ${id}`);
  const u: User = { id, is_bot: opts.is_bot ?? false, first_name: opts.first_name ?? `Người dùng ${id}` };
  if (opts.last_name !== undefined) u.last_name = opts.last_name;
  if (opts.username !== undefined) u.username = opts.username;
  u.language_code = opts.language_code ?? 'vi';
  return u;
}

export function privateChat(u: User): Chat.PrivateChat {
  const chat: Chat.PrivateChat = { id: u.id, type: 'private', first_name: u.first_name };
  if (u.last_name !== undefined) chat.last_name = u.last_name;
  if (u.username !== undefined) chat.username = u.username;
  return chat;
}

/** A basic group; `id` must be negative and above -1e12 (e.g. -4001234567). */
export function group(id: number, title: string): Chat.GroupChat {
  if (!(id < 0 && id > -1_000_000_000_000)) throw new Error(`basic group ids are in (-1e12, 0), got ${id}`);
  return { id, type: 'group', title };
}

/** A supergroup with topics (a forum); open topics with FakeTelegram.openTopic. */
export function forumSupergroup(id: number, title: string): Chat.SupergroupChat {
  return { ...supergroup(id, title), is_forum: true };
}

/** A supergroup; `id` must be <= -1e12 (the -100… form, e.g. -1001234567890). */
export function supergroup(id: number, title: string): Chat.SupergroupChat {
  if (!(id <= -1_000_000_000_000)) throw new Error(`supergroup ids are <= -1e12 (-100…), got ${id}`);
  return { id, type: 'supergroup', title };
}

// ---- messages ----

function baseMessage(from: User, chat: NonChannelChat, opts: MessageOptions): IncomingMessage {
  const message_id = opts.message_id ?? nextMessageId(chat.id);
  noteMessageId(chat.id, message_id);
  const msg: IncomingMessage = { message_id, date: opts.date ?? nowSeconds(), chat, from };
  if (opts.reply_to_message) msg.reply_to_message = { ...opts.reply_to_message, reply_to_message: undefined };
  if (opts.message_thread_id !== undefined) {
    if (!(chat.type === 'supergroup' && chat.is_forum)) throw new Error(`topics exist only in forum supergroups, not in chat ${chat.id}`);
    msg.message_thread_id = opts.message_thread_id;
    msg.is_topic_message = true;
  }
  return msg;
}

/** The bot_command entity Telegram adds when a text starts with '/'. */
export function commandEntities(text: string): MessageEntity[] {
  const match = /^\/[^\s]+/.exec(text);
  return match ? [{ type: 'bot_command', offset: 0, length: match[0].length }] : [];
}

/** `message` update with a text; adds the bot_command entity when the text starts with '/'. */
export function textMessage(from: User, chat: NonChannelChat, text: string, opts: MessageOptions = {}): MessageUpdate {
  const message = baseMessage(from, chat, opts);
  message.text = text;
  const entities = commandEntities(text);
  if (entities.length > 0) message.entities = entities;
  return { message };
}

/**
 * `/command args` as a message update. `command` may include the slash; `botUsername` appends
 * `@botname` (how commands look in groups).
 */
export function commandUpdate(
  from: User,
  chat: NonChannelChat,
  command: string,
  args?: string,
  opts: MessageOptions & { botUsername?: string } = {},
): MessageUpdate {
  const name = command.startsWith('/') ? command.slice(1) : command;
  const target = opts.botUsername ? `@${opts.botUsername}` : '';
  const text = `/${name}${target}${args ? ` ${args}` : ''}`;
  return textMessage(from, chat, text, opts);
}

export interface DocumentOptions extends MessageOptions {
  file_id: string;
  file_name: string;
  caption?: string;
  mime_type?: string;
  file_size?: number;
  file_unique_id?: string;
}

export function documentMessage(from: User, chat: NonChannelChat, doc: DocumentOptions): MessageUpdate {
  const message = baseMessage(from, chat, doc);
  message.document = {
    file_id: doc.file_id,
    file_unique_id: doc.file_unique_id ?? `u-${doc.file_id}`,
    file_name: doc.file_name,
    mime_type: doc.mime_type ?? guessMimeType(doc.file_name),
    file_size: doc.file_size ?? 1024,
  };
  if (doc.caption !== undefined) message.caption = doc.caption;
  return { message };
}

export interface PhotoOptions extends MessageOptions {
  file_id: string;
  caption?: string;
  width?: number;
  height?: number;
}

export function photoMessage(from: User, chat: NonChannelChat, photo: PhotoOptions): MessageUpdate {
  const message = baseMessage(from, chat, photo);
  message.photo = photoSizes(photo.file_id, photo.width ?? 1280, photo.height ?? 960);
  if (photo.caption !== undefined) message.caption = photo.caption;
  return { message };
}

/** Photo sizes as Telegram returns them: small thumbnail first, the given file_id last (largest). */
export function photoSizes(fileId: string, width: number, height: number): PhotoSize[] {
  const scale = Math.min(1, 320 / Math.max(width, height));
  return [
    {
      file_id: `${fileId}-m`,
      file_unique_id: `u-${fileId}-m`,
      width: Math.round(width * scale),
      height: Math.round(height * scale),
      file_size: 20_000,
    },
    { file_id: fileId, file_unique_id: `u-${fileId}`, width, height, file_size: 120_000 },
  ];
}

export function guessMimeType(fileName: string): string {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  const types: Record<string, string> = {
    csv: 'text/csv',
    txt: 'text/plain',
    pdf: 'application/pdf',
    json: 'application/json',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    xls: 'application/vnd.ms-excel',
    docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    png: 'image/png',
    zip: 'application/zip',
  };
  return types[ext] ?? 'application/octet-stream';
}

// ---- service messages: migration ----

/** The service message in the old basic group announcing the upgrade to `newId`. */
export function migrateToChatMessage(
  oldChat: Chat.GroupChat,
  newId: number,
  opts: MessageOptions & { from?: User } = {},
): MessageUpdate {
  const message = baseMessage(opts.from ?? user(777000, { first_name: 'Telegram' }), oldChat, opts);
  message.migrate_to_chat_id = newId;
  return { message };
}

/** The first service message in the new supergroup, pointing back at the old group id. */
export function migrateFromChatMessage(
  newChat: Chat.SupergroupChat,
  oldId: number,
  opts: MessageOptions & { from?: User } = {},
): MessageUpdate {
  const message = baseMessage(opts.from ?? user(777000, { first_name: 'Telegram' }), newChat, opts);
  message.migrate_from_chat_id = oldId;
  return { message };
}

// ---- queries ----

/** Deterministic per-chat chat_instance (Telegram's is an opaque signed 64-bit number). */
export function chatInstanceOf(chatId: number): string {
  return `${chatId < 0 ? '-' : ''}${Math.abs(chatId) * 31 + 7_000_000_000_000_000}`;
}

export function callbackQuery(
  from: User,
  message: Message,
  data: string,
  opts: { id?: string; chat_instance?: string } = {},
): CallbackQueryUpdate {
  return {
    callback_query: {
      id: opts.id ?? nextQueryId(),
      from,
      message,
      chat_instance: opts.chat_instance ?? chatInstanceOf(message.chat.id),
      data,
    },
  };
}

export function inlineQuery(
  from: User,
  query: string,
  opts: { id?: string; offset?: string; chat_type?: InlineQuery['chat_type'] } = {},
): InlineQueryUpdate {
  const q: InlineQuery = { id: opts.id ?? nextQueryId(), from, query, offset: opts.offset ?? '' };
  if (opts.chat_type !== undefined) q.chat_type = opts.chat_type;
  return { inline_query: q };
}

// ---- membership ----

export type MemberStatus = ChatMember['status'];

/** A complete ChatMember object for a status (administrator gets typical bot-admin rights). */
export function chatMember(status: MemberStatus, member: User): ChatMember {
  switch (status) {
    case 'creator':
      return { status, user: member, is_anonymous: false };
    case 'administrator':
      return {
        status,
        user: member,
        can_be_edited: false,
        is_anonymous: false,
        can_manage_chat: true,
        can_delete_messages: true,
        can_manage_video_chats: false,
        can_restrict_members: true,
        can_promote_members: false,
        can_change_info: false,
        can_invite_users: true,
        can_post_stories: false,
        can_edit_stories: false,
        can_delete_stories: false,
        can_pin_messages: true,
        can_send_welcome_messages: false,
      };
    case 'member':
      return { status, user: member };
    case 'restricted':
      return {
        status,
        user: member,
        is_member: true,
        can_send_messages: false,
        can_send_audios: false,
        can_send_documents: false,
        can_send_photos: false,
        can_send_videos: false,
        can_send_video_notes: false,
        can_send_voice_notes: false,
        can_send_polls: false,
        can_send_other_messages: false,
        can_add_web_page_previews: false,
        can_react_to_messages: false,
        can_change_info: false,
        can_invite_users: false,
        can_edit_tag: false,
        can_pin_messages: false,
        can_manage_topics: false,
        until_date: 0,
      };
    case 'left':
      return { status, user: member };
    case 'kicked':
      return { status, user: member, until_date: 0 };
  }
}

/**
 * The bot's own membership changed. Added to a group: 'left' → 'member' | 'administrator';
 * removed: 'member' → 'left' | 'kicked'. In a private chat 'member' → 'kicked' means the user
 * blocked the bot (and 'kicked' → 'member' unblocked it).
 */
export function myChatMember(
  from: User,
  chat: NonChannelChat,
  oldStatus: MemberStatus,
  newStatus: MemberStatus,
  opts: { bot?: User; date?: number } = {},
): MyChatMemberUpdate {
  const bot = opts.bot ?? DEFAULT_BOT_USER;
  return {
    my_chat_member: {
      chat,
      from,
      date: opts.date ?? nowSeconds(),
      old_chat_member: chatMember(oldStatus, bot),
      new_chat_member: chatMember(newStatus, bot),
    },
  };
}
