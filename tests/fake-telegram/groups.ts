/**
 * What the fake knows of groups beyond membership: the bot's administrator rights, pinned messages,
 * and forum topics.
 *
 * Models (Bot API): pinChatMessage / unpinChatMessage — in a private chat anyone may pin; in a group
 * or a supergroup the bot must be the creator or an administrator with can_pin_messages, else 400
 * "not enough rights to manage pinned messages in the chat"; a message the chat does not have is
 * 400 "message to pin not found" ("message to unpin not found"); unpinning without message_id
 * unpins the latest; a pin without disable_notification is still a pin (Telegram's service message
 * "pinned" is stored either way). getChat shows the latest pinned message (`pinned_message`).
 * getChatMember for the bot answers its status with its rights (an administrator has every right a
 * test did not take away). Forum supergroups (`is_forum`): a topic's id is the message_id of its
 * forum_topic_created service message; a send with message_thread_id goes into an open topic (the
 * message carries message_thread_id and is_topic_message), a deleted or unknown one is 400 "message
 * thread not found", a closed one 400 "TOPIC_CLOSED" unless the bot may manage topics; General has
 * no id (message_thread_id 1 is refused, as Telegram does). In a supergroup without topics a
 * message_thread_id names a reply thread: it must be a message of the chat, else "message thread not
 * found". In a basic group or a private chat the fake ignores it (an assumption: Telegram's answer
 * there is not documented).
 *
 * Does not model: per-topic pinned lists (pins are per chat), unpinAllChatMessages, topic icons,
 * creating topics through the Bot API (tests open them with `openTopic`).
 */
import type { Chat, ChatMember, ChatMemberAdministrator, Message, User } from 'grammy/types';
import type { Checked } from './checks.js';
import { badRequest, chatKindOf, getNumber, nowSeconds, ok, TG, type ApiResponse, type Params } from './protocol.js';
import type { FakeStore } from './store.js';
import { chatMember, nextMessageId, noteMessageId, type MemberStatus } from './updates.js';

/** The administrator rights a test may take away from (or give back to) the bot. */
export type BotRights = Partial<Pick<ChatMemberAdministrator, 'can_pin_messages' | 'can_manage_topics'>>;

interface Topic {
  name: string;
  closed: boolean;
}

export class GroupState {
  private readonly rights = new Map<string, BotRights>();
  private readonly pins = new Map<string, number[]>();
  private readonly topics = new Map<string, Map<number, Topic>>();

  constructor(
    private readonly store: FakeStore,
    private readonly bot: () => User,
  ) {}

  // ---- the bot's membership and rights ----

  setBotMember(chatId: number, status: MemberStatus, rights: BotRights = {}): ChatMember {
    this.store.setMemberStatus(chatId, this.bot().id, status);
    this.rights.set(String(chatId), rights);
    return this.botMember(chatId);
  }

  /** The bot's ChatMember in a chat, as getChatMember answers it. */
  botMember(chatId: number | string): ChatMember {
    const member = chatMember(this.store.memberStatus(chatId, this.bot().id), this.bot());
    return member.status === 'administrator' ? { ...member, ...this.rights.get(String(chatId)) } : member;
  }

  private mayPin(chatId: number | string): boolean {
    if (chatKindOf(chatId) === 'private') return true;
    const member = this.botMember(chatId);
    return member.status === 'creator' || (member.status === 'administrator' && member.can_pin_messages === true);
  }

  // ---- pins ----

  pinChatMessage(p: Params, chat: Chat): ApiResponse {
    const id = getNumber(p, 'message_id');
    if (id === undefined) return badRequest('message identifier is not specified');
    if (!this.mayPin(chat.id)) return badRequest(TG.pinRights);
    if (!this.store.getMessage(chat.id, id)) return badRequest(TG.pinNotFound);
    const list = (this.pins.get(String(chat.id)) ?? []).filter((m) => m !== id);
    list.push(id);
    this.pins.set(String(chat.id), list);
    // Telegram posts "… pinned a message" in groups; disable_notification only makes it silent.
    if (chat.type !== 'private') {
      const pinned = this.store.getMessage(chat.id, id)!;
      const { reply_to_message: _r, ...inaccessible } = pinned;
      this.store.putMessage({
        message_id: nextMessageId(chat.id),
        date: nowSeconds(),
        chat,
        from: this.bot(),
        pinned_message: inaccessible as Message,
      } as Message);
    }
    return ok(true);
  }

  unpinChatMessage(p: Params, chat: Chat): ApiResponse {
    if (!this.mayPin(chat.id)) return badRequest(TG.pinRights);
    const list = this.pins.get(String(chat.id)) ?? [];
    const id = getNumber(p, 'message_id') ?? list.at(-1);
    if (id === undefined) return ok(true);
    if (!this.store.getMessage(chat.id, id)) return badRequest(TG.unpinNotFound);
    this.pins.set(
      String(chat.id),
      list.filter((m) => m !== id),
    );
    return ok(true);
  }

  /** Pinned message ids of a chat, the latest last. */
  pinned(chatId: number): number[] {
    return [...(this.pins.get(String(chatId)) ?? [])];
  }

  /** The field getChat adds: the latest pinned message. */
  pinnedField(chatId: number | string): { pinned_message?: Message } {
    const id = this.pins.get(String(chatId))?.at(-1);
    const message = id === undefined ? undefined : this.store.getMessage(chatId, id);
    return message ? { pinned_message: message } : {};
  }

  // ---- forum topics ----

  /** Opens a topic in a forum supergroup; its id is the id of its creation message. */
  openTopic(chat: Chat.SupergroupChat, name: string, creator: User): number {
    if (!chat.is_forum) throw new Error(`chat ${chat.id} is not a forum (is_forum)`);
    // Message 1 of a forum is General's: its id is never a topic's (Telegram refuses thread 1).
    noteMessageId(chat.id, 1);
    const threadId = nextMessageId(chat.id);
    this.store.putMessage({
      message_id: threadId,
      message_thread_id: threadId,
      is_topic_message: true,
      date: nowSeconds(),
      chat,
      from: creator,
      forum_topic_created: { name, icon_color: 0x6fb9f0 },
    } as Message);
    const topics = this.topics.get(String(chat.id)) ?? new Map<number, Topic>();
    topics.set(threadId, { name, closed: false });
    this.topics.set(String(chat.id), topics);
    return threadId;
  }

  closeTopic(chatId: number, threadId: number, closed = true): void {
    const topic = this.topics.get(String(chatId))?.get(threadId);
    if (!topic) throw new Error(`no topic ${threadId} in chat ${chatId}`);
    topic.closed = closed;
  }

  deleteTopic(chatId: number, threadId: number): void {
    this.topics.get(String(chatId))?.delete(threadId);
  }

  /**
   * Where a send with these parameters lands: the fields its message gets (message_thread_id,
   * is_topic_message), or Telegram's refusal.
   */
  threadOf(chat: Chat, p: Params): Checked<Pick<Message, 'message_thread_id' | 'is_topic_message'>> {
    const threadId = getNumber(p, 'message_thread_id');
    if (threadId === undefined || chat.type === 'private' || chat.type === 'group') return { ok: true, value: {} };
    if (chat.type === 'supergroup' && chat.is_forum) {
      const topic = this.topics.get(String(chat.id))?.get(threadId);
      if (!topic) return { ok: false, error: badRequest(TG.threadNotFound) };
      const member = this.botMember(chat.id);
      const manages = member.status === 'creator' || (member.status === 'administrator' && member.can_manage_topics === true);
      if (topic.closed && !manages) return { ok: false, error: badRequest(TG.topicClosed) };
      return { ok: true, value: { message_thread_id: threadId, is_topic_message: true } };
    }
    if (!this.store.getMessage(chat.id, threadId)) return { ok: false, error: badRequest(TG.threadNotFound) };
    return { ok: true, value: { message_thread_id: threadId } };
  }
}
