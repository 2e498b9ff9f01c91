/**
 * What the fake Telegram "knows": chats and users it has seen, the chats the bot may write to,
 * messages per (chat, message_id) with their current text/caption/markup (for edits and "message is
 * not modified"), files, unanswered callback/inline query ids with the time they were asked, chat
 * member statuses and the bot's access to chats (blocked, deactivated, kicked, left, migrated).
 *
 * Models: everything that arrives through `pushUpdate` is learned (messages, chats, users, files,
 * query ids, my_chat_member transitions, migrate_to_chat_id service messages); messages the bot
 * sends are stored. Stored messages are replaced, never mutated, so recorded responses stay
 * snapshots. A bot can only write where a conversation exists: a private chat is open once its user
 * has written in it (any message, /start included), pressed a button in it, or blocked/unblocked
 * the bot there (my_chat_member); a group once the bot was added (my_chat_member) or any update came
 * from it. An inline query or a message in a group opens no private chat: writing to such a user
 * is 403 "bot can't initiate conversation with a user"; to a user or a group never seen, 400 "chat
 * not found". A query can be answered once, within `queryAnswerWindowMs` of the press (real time).
 *
 * Does not model: message expiry (48 h edit/delete windows), per-user visibility, chat
 * permissions other than the bot's own access, the 5-minute window a join request opens, channels
 * (an `@username` chat id is always reachable).
 */
import type { Chat, Message, Update, User } from 'grammy/types';
import { chatKindOf, fail, TG, type ApiResponse } from './protocol.js';
import { noteMessageId, type MemberStatus } from './updates.js';

export interface StoredFile {
  file_id: string;
  file_unique_id: string;
  file_size: number;
  file_path: string;
  file_name?: string;
  mime_type?: string;
  /** Present for uploads and `addFile`; files only seen by id cannot be downloaded. */
  data?: Buffer;
}

export type Access =
  | { kind: 'blocked' | 'deactivated' | 'kicked' | 'left' }
  | { kind: 'migrated'; to: number };

const MEDIA_FIELDS = ['document', 'video', 'audio', 'animation', 'voice', 'video_note', 'sticker'] as const;

export function messageKey(chatId: number | string, messageId: number): string {
  return `${chatId}:${messageId}`;
}

export class FakeStore {
  private readonly messages = new Map<string, Message>();
  private readonly deleted = new Set<string>();
  private readonly chats = new Map<string, Chat>();
  private readonly users = new Map<number, User>();
  private readonly files = new Map<string, StoredFile>();
  private readonly filesByPath = new Map<string, StoredFile>();
  /** Query id → when it was asked (Date.now()). */
  private readonly openQueries = new Map<string, number>();
  /** Chats the bot may write to (see the module comment). */
  private readonly openChats = new Set<string>();
  private readonly members = new Map<string, MemberStatus>();
  private readonly access = new Map<string, Access>();
  private fileCounter = 0;

  constructor(private readonly botId: number) {}

  // ---- messages ----

  getMessage(chatId: number | string, messageId: number): Message | undefined {
    return this.messages.get(messageKey(chatId, messageId));
  }

  putMessage(message: Message): void {
    const key = messageKey(message.chat.id, message.message_id);
    this.messages.set(key, message);
    this.deleted.delete(key);
    noteMessageId(message.chat.id, message.message_id);
    this.chats.set(String(message.chat.id), message.chat);
  }

  /** Returns 'deleted' if it existed, 'gone' if it was deleted before, 'unknown' otherwise. */
  deleteMessage(chatId: number | string, messageId: number): 'deleted' | 'gone' | 'unknown' {
    const key = messageKey(chatId, messageId);
    if (this.messages.delete(key)) {
      this.deleted.add(key);
      return 'deleted';
    }
    return this.deleted.has(key) ? 'gone' : 'unknown';
  }

  // ---- chats and users ----

  knownChat(chatId: number | string): Chat | undefined {
    return this.chats.get(String(chatId));
  }

  knownUser(userId: number): User | undefined {
    return this.users.get(userId);
  }

  rememberChat(chat: Chat): void {
    this.chats.set(String(chat.id), chat);
  }

  rememberUser(u: User): void {
    this.users.set(u.id, u);
  }

  /** The bot may write to this chat from now on (a user started it, the bot is in the group). */
  openChat(chatId: number | string): void {
    this.openChats.add(String(chatId));
  }

  /**
   * The error Telegram gives for a chat the bot has no conversation with, if any: 403 for a user it
   * has seen who never started it, 400 "chat not found" for anyone or any group it has not seen.
   */
  unknownChatError(chatId: number | string): ApiResponse | undefined {
    if (typeof chatId === 'string' || this.openChats.has(String(chatId))) return undefined;
    if (chatKindOf(chatId) === 'private' && this.users.has(chatId)) return fail(403, TG.cantInitiate);
    return fail(400, `Bad Request: ${TG.chatNotFound}`);
  }

  // ---- files ----

  /** Stores a file; `fileId` given = keep that id (echo), otherwise a new id is minted. */
  addFile(kind: string, info: { fileId?: string; data?: Buffer; file_name?: string; mime_type?: string }): StoredFile {
    const existing = info.fileId === undefined ? undefined : this.files.get(info.fileId);
    if (existing) return existing;
    const n = ++this.fileCounter;
    const file_id = info.fileId ?? `FAKE_${kind.toUpperCase()}_${String(n).padStart(6, '0')}_AgADBAADr6cxG`;
    const ext = info.file_name?.includes('.') ? info.file_name.slice(info.file_name.lastIndexOf('.')) : '';
    const file: StoredFile = {
      file_id,
      file_unique_id: `AQAD${String(n).padStart(6, '0')}`,
      file_size: info.data?.length ?? 0,
      file_path: `${kind}s/file_${n}${ext}`,
    };
    if (info.file_name !== undefined) file.file_name = info.file_name;
    if (info.mime_type !== undefined) file.mime_type = info.mime_type;
    if (info.data !== undefined) file.data = info.data;
    this.files.set(file_id, file);
    this.filesByPath.set(file.file_path, file);
    return file;
  }

  getFile(fileId: string): StoredFile | undefined {
    return this.files.get(fileId);
  }

  fileByPath(path: string): StoredFile | undefined {
    return this.filesByPath.get(path);
  }

  // ---- queries ----

  /** Consumes an open callback/inline query id; false when unknown, already answered or too old. */
  answerQuery(id: string, windowMs: number, now = Date.now()): boolean {
    const askedAt = this.openQueries.get(id);
    this.openQueries.delete(id);
    return askedAt !== undefined && now - askedAt <= windowMs;
  }

  // ---- members ----

  memberStatus(chatId: number | string, userId: number): MemberStatus {
    return this.members.get(`${chatId}:${userId}`) ?? 'member';
  }

  setMemberStatus(chatId: number | string, userId: number, status: MemberStatus): void {
    this.members.set(`${chatId}:${userId}`, status);
  }

  membersOf(chatId: number | string): Array<{ userId: number; status: MemberStatus }> {
    const prefix = `${chatId}:`;
    return [...this.members]
      .filter(([k]) => k.startsWith(prefix))
      .map(([k, status]) => ({ userId: Number(k.slice(prefix.length)), status }));
  }

  // ---- access ----

  setAccess(chatId: number | string, access: Access | undefined): void {
    if (access) this.access.set(String(chatId), access);
    else this.access.delete(String(chatId));
  }

  /** The error Telegram gives for a call aimed at a chat the bot cannot reach, if any. */
  accessError(chatId: number | string): ApiResponse | undefined {
    const access = this.access.get(String(chatId));
    if (!access) return undefined;
    const kind = chatKindOf(chatId);
    switch (access.kind) {
      case 'blocked':
        return fail(403, TG.blocked);
      case 'deactivated':
        return fail(403, TG.deactivated);
      case 'kicked':
        return fail(403, kind === 'group' ? TG.kickedGroup : kind === 'supergroup' ? TG.kickedSupergroup : TG.blocked);
      case 'left':
        return fail(403, kind === 'group' ? TG.notMemberGroup : TG.notMemberSupergroup);
      case 'migrated':
        return fail(400, `Bad Request: ${TG.groupMigrated}`, { migrate_to_chat_id: access.to });
    }
  }

  // ---- learning from pushed updates ----

  observe(update: Omit<Update, 'update_id'>, now = Date.now()): void {
    for (const m of [update.message, update.edited_message, update.channel_post, update.edited_channel_post]) {
      if (m) this.observeMessage(m);
    }
    const cq = update.callback_query;
    if (cq) {
      this.openQueries.set(cq.id, now);
      this.rememberUser(cq.from);
      const m = cq.message;
      if (m) this.openChat(m.chat.id);
      if (m && m.date !== 0 && !this.getMessage(m.chat.id, m.message_id)) this.putMessage(m as Message);
    }
    if (update.inline_query) {
      this.openQueries.set(update.inline_query.id, now);
      this.rememberUser(update.inline_query.from);
    }
    if (update.chosen_inline_result) this.rememberUser(update.chosen_inline_result.from);
    if (update.my_chat_member) this.observeMyChatMember(update.my_chat_member);
    if (update.chat_member) {
      const cm = update.chat_member;
      this.openChat(cm.chat.id);
      this.setMemberStatus(cm.chat.id, cm.new_chat_member.user.id, cm.new_chat_member.status);
    }
  }

  private observeMessage(m: Message): void {
    this.putMessage(m);
    this.openChat(m.chat.id);
    if (m.from) this.rememberUser(m.from);
    if (m.migrate_to_chat_id !== undefined) {
      this.setAccess(m.chat.id, { kind: 'migrated', to: m.migrate_to_chat_id });
      this.openChat(m.migrate_to_chat_id);
    }
    for (const field of MEDIA_FIELDS) {
      const media = m[field];
      if (media) this.observeFile(field, media);
    }
    for (const size of m.photo ?? []) this.observeFile('photo', size);
  }

  private observeFile(kind: string, f: { file_id: string; file_name?: string; mime_type?: string }): void {
    const info: { fileId: string; file_name?: string; mime_type?: string } = { fileId: f.file_id };
    if (f.file_name !== undefined) info.file_name = f.file_name;
    if (f.mime_type !== undefined) info.mime_type = f.mime_type;
    this.addFile(kind, info);
  }

  private observeMyChatMember(u: NonNullable<Update['my_chat_member']>): void {
    this.rememberChat(u.chat);
    this.rememberUser(u.from);
    this.openChat(u.chat.id);
    if (u.new_chat_member.user.id !== this.botId) return;
    const status = u.new_chat_member.status;
    this.setMemberStatus(u.chat.id, this.botId, status);
    if (u.chat.type === 'private') {
      this.setAccess(u.chat.id, status === 'kicked' ? { kind: 'blocked' } : undefined);
    } else if (status === 'left' || status === 'kicked') {
      this.setAccess(u.chat.id, { kind: status });
    } else {
      this.setAccess(u.chat.id, undefined);
    }
  }
}
