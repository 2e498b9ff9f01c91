/**
 * Answers to individual Bot API methods (everything except getUpdates, which polling.ts owns),
 * built on the knowledge in store.ts.
 *
 * Models: getMe; sendMessage and the media sends (Message results with per-chat increasing
 * message_id, chat objects by id range, from = bot, reply_to_message, echoed inline keyboards);
 * sendMediaGroup; copyMessage/copyMessages/forwardMessage/forwardMessages; editMessageText /
 * editMessageCaption / editMessageReplyMarkup with "message is not modified"; deleteMessage(s);
 * answerCallbackQuery/answerInlineQuery (each query id answerable once, within the answer window;
 * an inline result's message text is checked like a sent message's); set/get/deleteMyCommands
 * per scope+language (a chat scope needs a chat the bot knows); set/getMyDescription and
 * set/getMyShortDescription per language code (512 / 120 characters; counted in `profileWrites`);
 * an inline answer's `button` (start_parameter or web_app); webhooks; chat menu button;
 * sendChatAction (the action's name, and a chat the bot may write to); getChat; getChatMember(s);
 * leaveChat; getFile; pinChatMessage / unpinChatMessage, the bot's rights and forum topics
 * (groups.ts). Any other method is unknown:
 * 404 "Not Found", as Telegram answers a misspelt method (so a real method the fake does not model
 * shows up at once instead of passing silently; add it here when the bot starts using it).
 *
 * Does not model: inline-message edits beyond answering `true`, polls, payments, stickers
 * sets, forum topic management methods, chat permissions, message effects, business connections.
 */
import type { BotCommandScope, Chat, Message, User, UserFromGetMe } from 'grammy/types';
import {
  checkCaption,
  checkMessageText,
  checkReplyMarkup,
  hasWebAppButton,
  inlineMarkupOf,
  isWebAppInfo,
  type Checked,
  type FormattedText,
} from './checks.js';
import {
  CONTENT_FIELDS,
  MEDIA_GROUP_TYPES,
  MEDIA_METHODS,
  mediaContent,
  resolveInputFile,
  type MediaContent,
  type MediaKind,
} from './media.js';
import type { UpdateQueue } from './polling.js';
import {
  badRequest,
  chatKindOf,
  fail,
  getBoolean,
  getChatId,
  getNumber,
  getString,
  isRecord,
  nowSeconds,
  ok,
  TG,
  type ApiResponse,
  type Params,
} from './protocol.js';
import { GroupState } from './groups.js';
import type { FakeStore } from './store.js';
import { chatMember, nextMessageId, privateChat, user } from './updates.js';

type Handler = (p: Params) => ApiResponse;
type MessageContent = Partial<Omit<Message, 'message_id' | 'chat' | 'date'>>;
type ReplyMessage = NonNullable<Message['reply_to_message']>;
type EditTarget = { kind: 'inline' } | { kind: 'message'; message: Message } | { kind: 'error'; error: ApiResponse };

const CHAT_ACTIONS = new Set([
  'typing', 'upload_photo', 'record_video', 'upload_video', 'record_voice', 'upload_voice',
  'upload_document', 'choose_sticker', 'find_location', 'record_video_note', 'upload_video_note',
]);

/** Methods that post a message (rate-limited and counted as "sends"). */
export function isSendMethod(method: string): boolean {
  const m = method.toLowerCase();
  if (m === 'sendchataction') return false;
  return m.startsWith('send') || m.startsWith('copymessage') || m.startsWith('forwardmessage');
}

/** Methods that only look a chat up by `chat_id` (they need a chat the bot knows, not a conversation). */
export function isChatLookup(method: string): boolean {
  return ['getchat', 'getchatmember', 'getchatadministrators', 'getchatmembercount', 'leavechat', 'setchatmenubutton', 'getchatmenubutton'].includes(
    method.toLowerCase(),
  );
}

/** Methods that act on `chat_id` as a conversation (and so fail for blocked/kicked/migrated chats). */
export function isChatBound(method: string): boolean {
  const m = method.toLowerCase();
  return (
    m.startsWith('send') ||
    m.startsWith('copymessage') ||
    m.startsWith('forwardmessage') ||
    m.startsWith('editmessage') ||
    m.startsWith('deletemessage') ||
    m.includes('chatmessage')
  );
}

/** JSON with sorted keys, for content equality. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, value: unknown) =>
    isRecord(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b))) : value,
  );
}

function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function nonEmpty<T>(list: T[] | undefined): T[] | undefined {
  return list && list.length > 0 ? list : undefined;
}

export interface BotApiOptions {
  botUser: UserFromGetMe;
  store: FakeStore;
  updates: UpdateQueue;
  /** Whether the HTML check rejects a bare '&' (read on every call). */
  strictAmpersand: () => boolean;
  /** How long after the press a callback (or inline) query may be answered. */
  queryAnswerWindowMs: number;
}

export class BotApi {
  webhookUrl = '';
  private readonly commands = new Map<string, unknown[]>();
  private readonly menuButtons = new Map<string, unknown>();
  /** The bot's description and short description, per language code ('' = the default). */
  private readonly profile = { description: new Map<string, string>(), short_description: new Map<string, string>() };
  /** setMyDescription / setMyShortDescription calls Telegram accepted. */
  profileWrites = 0;
  private mediaGroupCounter = 0;
  private readonly handlers: ReadonlyMap<string, Handler>;
  /** Pins, forum topics and the bot's rights. */
  readonly groups: GroupState;

  constructor(private readonly opts: BotApiOptions) {
    this.groups = new GroupState(opts.store, () => this.botAsUser());
    const table: Record<string, Handler> = {
      getMe: () => ok(this.opts.botUser),
      sendMessage: (p) => this.sendMessage(p),
      sendMediaGroup: (p) => this.sendMediaGroup(p),
      copyMessage: (p) => this.copyMessage(p),
      copyMessages: (p) => this.copyMany(p, (one) => this.copyMessage(one)),
      forwardMessage: (p) => this.forwardMessage(p),
      forwardMessages: (p) => this.copyMany(p, (one) => this.forwardMessage(one)),
      editMessageText: (p) => this.editMessageText(p),
      editMessageCaption: (p) => this.editMessageCaption(p),
      editMessageReplyMarkup: (p) => this.editMessageReplyMarkup(p),
      deleteMessage: (p) => this.deleteMessage(p),
      deleteMessages: (p) => this.deleteMessages(p),
      answerCallbackQuery: (p) => this.answerQuery(getString(p, 'callback_query_id')),
      answerInlineQuery: (p) =>
        this.checkInlineResults(p) ?? checkInlineButton(p.button) ?? this.answerQuery(getString(p, 'inline_query_id')),
      setMyCommands: (p) => this.scopeError(p) ?? this.setMyCommands(p),
      deleteMyCommands: (p) => this.scopeError(p) ?? (this.commands.delete(scopeKey(p.scope, p.language_code)), ok(true)),
      getMyCommands: (p) => this.scopeError(p) ?? ok(this.commands.get(scopeKey(p.scope, p.language_code)) ?? []),
      setMyDescription: (p) => this.setProfileText('description', p),
      getMyDescription: (p) => this.getProfileText('description', p),
      setMyShortDescription: (p) => this.setProfileText('short_description', p),
      getMyShortDescription: (p) => this.getProfileText('short_description', p),
      setWebhook: (p) => this.setWebhook(p),
      deleteWebhook: (p) => this.deleteWebhook(p),
      getWebhookInfo: () => ok(this.webhookInfo()),
      setChatMenuButton: (p) => this.setChatMenuButton(p),
      getChatMenuButton: (p) => ok(this.menuButtons.get(String(getChatId(p) ?? '')) ?? { type: 'default' }),
      sendChatAction: (p) => this.sendChatAction(p),
      getChat: (p) => this.getChat(p),
      getChatMember: (p) => this.getChatMember(p),
      getChatAdministrators: (p) => this.getChatAdministrators(p),
      getChatMemberCount: (p) => ok(2 + this.opts.store.membersOf(getChatId(p) ?? '').length),
      leaveChat: (p) => this.leaveChat(p),
      getFile: (p) => this.getFile(p),
      pinChatMessage: (p) => this.inChat(p, (chat) => this.groups.pinChatMessage(p, chat)),
      unpinChatMessage: (p) => this.inChat(p, (chat) => this.groups.unpinChatMessage(p, chat)),
    };
    for (const [method, kind] of Object.entries(MEDIA_METHODS)) table[method] = (p) => this.sendMedia(p, kind);
    this.handlers = new Map(Object.entries(table).map(([k, h]) => [k.toLowerCase(), h]));
  }

  /** Answers one call (method names are case-insensitive, like Telegram's). */
  handle(method: string, p: Params): ApiResponse {
    const handler = this.handlers.get(method.toLowerCase());
    return handler ? handler(p) : fail(404, TG.notFound);
  }

  /** Commands stored for a scope and language (what getMyCommands would return). */
  commandsFor(scope?: BotCommandScope, languageCode = ''): unknown[] {
    return this.commands.get(scopeKey(scope, languageCode)) ?? [];
  }

  /** The chat's menu button (the default one without chat_id): commands, default, or a web_app with text and an https url. */
  private setChatMenuButton(p: Params): ApiResponse {
    const button = p.menu_button === undefined ? { type: 'default' } : p.menu_button;
    if (!isRecord(button)) return badRequest("can't parse menu button json object");
    const chatId = getChatId(p);
    if (chatId !== undefined && this.chatFor(chatId).type !== 'private') return badRequest('chat menu button can be changed only in private chats');
    if (button.type === 'web_app') {
      if (typeof button.text !== 'string' || button.text.trim() === '' || button.text.length > 64) return badRequest('BUTTON_TEXT_INVALID');
      if (!isWebAppInfo(button.web_app)) return badRequest('BUTTON_URL_INVALID');
    } else if (button.type !== 'commands' && button.type !== 'default') {
      return badRequest('unsupported menu button type');
    }
    this.menuButtons.set(String(chatId ?? ''), button.type === 'default' ? { type: 'default' } : button);
    return ok(true);
  }

  /** The menu button last set for a chat (what getChatMenuButton answers). */
  menuButtonOf(chatId: number): unknown {
    return this.menuButtons.get(String(chatId)) ?? { type: 'default' };
  }

  /**
   * setMyDescription / setMyShortDescription: up to 512 / 120 characters per language code (a
   * two-letter code, or none for the default); an empty text removes that language's own one.
   */
  private setProfileText(field: ProfileField, p: Params): ApiResponse {
    const language = languageCodeOf(p);
    if (language === undefined) return badRequest(TG.invalidLanguageCode);
    const text = getString(p, field) ?? '';
    if (text.length > PROFILE_LIMITS[field]) return badRequest(field === 'description' ? TG.descriptionTooLong : TG.shortDescriptionTooLong);
    if (text === '') this.profile[field].delete(language);
    else this.profile[field].set(language, text);
    this.profileWrites++;
    return ok(true);
  }

  /** getMyDescription / getMyShortDescription: the language's own text, else the default one, else ''. */
  private getProfileText(field: ProfileField, p: Params): ApiResponse {
    const language = languageCodeOf(p);
    if (language === undefined) return badRequest(TG.invalidLanguageCode);
    const text = this.profile[field].get(language) ?? this.profile[field].get('') ?? '';
    return ok({ [field]: text });
  }

  /** The description (or short description) stored for exactly this language code ('' = default). */
  profileTextOf(field: ProfileField, languageCode = ''): string | undefined {
    return this.profile[field].get(languageCode);
  }

  // ---- helpers ----

  /** A call on `chat_id` (400 "chat_id is empty" without one). */
  private inChat(p: Params, call: (chat: Chat) => ApiResponse): ApiResponse {
    const chatId = getChatId(p);
    return chatId === undefined ? badRequest(TG.chatIdEmpty) : call(this.chatFor(chatId));
  }

  private get store(): FakeStore {
    return this.opts.store;
  }

  private get strict(): boolean {
    return this.opts.strictAmpersand();
  }

  botAsUser(): User {
    const { id, is_bot, first_name, username } = this.opts.botUser;
    return { id, is_bot, first_name, username };
  }

  /** The chat object Telegram would return for an id. */
  chatFor(chatId: number | string): Chat {
    const known = this.store.knownChat(chatId);
    if (known) return known;
    if (typeof chatId === 'string') {
      const username = chatId.replace(/^@/, '');
      return { id: -1_009_000_000_000 - stableHash(username), type: 'supergroup', title: username, username };
    }
    switch (chatKindOf(chatId)) {
      case 'private':
        return privateChat(this.store.knownUser(chatId) ?? user(chatId));
      case 'group':
        return { id: chatId, type: 'group', title: `Group ${chatId}` };
      case 'supergroup':
        return { id: chatId, type: 'supergroup', title: `Supergroup ${chatId}` };
    }
  }

  private storeNew(chatId: number | string, content: MessageContent): Message {
    const chat = this.chatFor(chatId);
    const message: Message = {
      message_id: nextMessageId(chat.id),
      from: this.botAsUser(),
      chat,
      date: nowSeconds(),
      ...compact(content),
    };
    this.store.putMessage(message);
    return message;
  }

  /** Shared pipeline of all sends: chat id, markup, content, reply target, store. */
  private send(p: Params, content: (chatId: number | string) => Checked<MessageContent>): ApiResponse {
    const chatId = getChatId(p);
    if (chatId === undefined) return badRequest(TG.chatIdEmpty);
    const built = content(chatId);
    if (!built.ok) return built.error;
    const markupError = checkReplyMarkup(p.reply_markup);
    if (markupError) return markupError;
    if (hasWebAppButton(p.reply_markup) && this.chatFor(chatId).type !== 'private') return badRequest('BUTTON_TYPE_INVALID');
    const reply = this.replyTarget(chatId, p);
    if (!reply.ok) return reply.error;
    const thread = this.groups.threadOf(this.chatFor(chatId), p);
    if (!thread.ok) return thread.error;
    return ok(
      this.storeNew(chatId, { ...built.value, ...thread.value, reply_markup: inlineMarkupOf(p.reply_markup), reply_to_message: reply.value }),
    );
  }

  private replyTarget(chatId: number | string, p: Params): Checked<ReplyMessage | undefined> {
    const rp = isRecord(p.reply_parameters) ? p.reply_parameters : {};
    const id = getNumber(rp, 'message_id') ?? getNumber(p, 'reply_to_message_id');
    if (id === undefined) return { ok: true, value: undefined };
    const target = this.store.getMessage(this.chatFor(getChatId(rp) ?? chatId).id, id);
    if (target) {
      const { reply_to_message: _nested, ...withoutNested } = target;
      return { ok: true, value: withoutNested as ReplyMessage };
    }
    if (getBoolean(rp, 'allow_sending_without_reply') || getBoolean(p, 'allow_sending_without_reply')) {
      return { ok: true, value: undefined };
    }
    return { ok: false, error: badRequest(TG.replyNotFound) };
  }

  private caption(p: Params): Checked<MessageContent> {
    const c = checkCaption(p.caption, p.parse_mode, p.caption_entities, this.strict);
    if (!c.ok) return c;
    return { ok: true, value: c.value ? { caption: c.value.text, caption_entities: nonEmpty(c.value.entities) } : {} };
  }

  // ---- sending ----

  private sendMessage(p: Params): ApiResponse {
    return this.send(p, () => {
      const text = checkMessageText(p, this.strict);
      if (!text.ok) return text;
      return { ok: true, value: { text: text.value.text, entities: nonEmpty(text.value.entities) } };
    });
  }

  private sendMedia(p: Params, kind: MediaKind): ApiResponse {
    return this.send(p, () => {
      const caption = this.caption(p);
      if (!caption.ok) return caption;
      const file = resolveInputFile(this.store, kind, p[kind]);
      if (!file.ok) return file;
      return { ok: true, value: { ...mediaContent(kind, file.file, p), ...caption.value } };
    });
  }

  private sendMediaGroup(p: Params): ApiResponse {
    const chatId = getChatId(p);
    if (chatId === undefined) return badRequest(TG.chatIdEmpty);
    const items = Array.isArray(p.media) ? p.media : [];
    if (items.length === 0) return badRequest('parameter "media" is required');
    if (items.length > 10) return badRequest('too many messages to send as an album');
    const contents: MessageContent[] = [];
    for (const item of items) {
      const content = this.mediaGroupItem(item);
      if (!content.ok) return content.error;
      contents.push(content.value);
    }
    const reply = this.replyTarget(chatId, p);
    if (!reply.ok) return reply.error;
    const media_group_id = String(13_000_000_000_000_000 + ++this.mediaGroupCounter);
    return ok(contents.map((c) => this.storeNew(chatId, { ...c, media_group_id, reply_to_message: reply.value })));
  }

  private mediaGroupItem(item: unknown): Checked<MessageContent> {
    if (!isRecord(item) || typeof item.type !== 'string' || !MEDIA_GROUP_TYPES.has(item.type)) {
      return { ok: false, error: badRequest("can't parse InputMedia: media type is invalid") };
    }
    const kind = item.type as MediaKind;
    const caption = this.caption(item);
    if (!caption.ok) return caption;
    const file = resolveInputFile(this.store, kind, item.media);
    if (!file.ok) return file;
    const media: MediaContent = mediaContent(kind, file.file, item);
    return { ok: true, value: { ...media, ...caption.value } };
  }

  private sourceMessage(p: Params, notFound: string): Checked<Message> {
    const from = getChatId(p, 'from_chat_id');
    const id = getNumber(p, 'message_id');
    const src = from === undefined || id === undefined ? undefined : this.store.getMessage(this.chatFor(from).id, id);
    return src ? { ok: true, value: src } : { ok: false, error: badRequest(notFound) };
  }

  private copyMessage(p: Params): ApiResponse {
    const src = this.sourceMessage(p, TG.copyNotFound);
    if (!src.ok) return src.error;
    const response = this.send(p, () => {
      const content = pickContent(src.value);
      if (p.caption === undefined) return { ok: true, value: content };
      const caption = this.caption(p);
      return caption.ok ? { ok: true, value: { ...content, caption: undefined, caption_entities: undefined, ...caption.value } } : caption;
    });
    return response.ok && isRecord(response.result) ? ok({ message_id: response.result.message_id }) : response;
  }

  private forwardMessage(p: Params): ApiResponse {
    const src = this.sourceMessage(p, TG.forwardNotFound);
    if (!src.ok) return src.error;
    const s = src.value;
    const forward_origin: Message['forward_origin'] = s.from
      ? { type: 'user', sender_user: s.from, date: s.date }
      : { type: 'chat', sender_chat: s.chat, date: s.date };
    return this.send({ ...p, reply_markup: undefined }, () => ({
      ok: true,
      value: { ...pickContent(s), forward_origin },
    }));
  }

  private copyMany(p: Params, one: (p: Params) => ApiResponse): ApiResponse {
    const ids = Array.isArray(p.message_ids) ? p.message_ids : [];
    const results: unknown[] = [];
    for (const message_id of ids) {
      const r = one({ ...p, message_id });
      if (!r.ok) return r;
      results.push(isRecord(r.result) ? { message_id: r.result.message_id } : r.result);
    }
    return ok(results);
  }

  private sendChatAction(p: Params): ApiResponse {
    if (getChatId(p) === undefined) return badRequest(TG.chatIdEmpty);
    return CHAT_ACTIONS.has(getString(p, 'action') ?? '') ? ok(true) : badRequest(TG.wrongChatAction);
  }

  // ---- editing and deleting ----

  private editTarget(p: Params): EditTarget {
    if (getString(p, 'inline_message_id')) return { kind: 'inline' };
    const chatId = getChatId(p);
    if (chatId === undefined) return { kind: 'error', error: badRequest(TG.chatIdEmpty) };
    const id = getNumber(p, 'message_id');
    if (id === undefined) return { kind: 'error', error: badRequest('message identifier is not specified') };
    const message = this.store.getMessage(this.chatFor(chatId).id, id);
    if (!message) return { kind: 'error', error: badRequest(TG.editNotFound) };
    if (message.from?.id !== this.opts.botUser.id) return { kind: 'error', error: badRequest(TG.cantEdit) };
    return { kind: 'message', message };
  }

  /** Common tail of all edits: not-modified check, then store and return the new version. */
  private applyEdit(old: Message, changes: MessageContent, p: Params): ApiResponse {
    const markupError = checkReplyMarkup(p.reply_markup);
    if (markupError) return markupError;
    const next = compact({ ...old, ...changes, reply_markup: inlineMarkupOf(p.reply_markup) });
    const { edit_date: _a, ...before } = old;
    const { edit_date: _b, ...after } = next;
    if (canonical(before) === canonical(after)) return badRequest(TG.notModified);
    const edited: Message = { ...next, edit_date: nowSeconds() };
    this.store.putMessage(edited);
    return ok(edited);
  }

  private editMessageText(p: Params): ApiResponse {
    const target = this.editTarget(p);
    if (target.kind === 'error') return target.error;
    const text: Checked<FormattedText> = checkMessageText(p, this.strict);
    if (!text.ok) return text.error;
    if (target.kind === 'inline') return checkReplyMarkup(p.reply_markup) ?? ok(true);
    if (target.message.text === undefined) return badRequest(TG.noTextToEdit);
    return this.applyEdit(target.message, { text: text.value.text, entities: nonEmpty(text.value.entities) }, p);
  }

  private editMessageCaption(p: Params): ApiResponse {
    const target = this.editTarget(p);
    if (target.kind === 'error') return target.error;
    const caption = this.caption(p);
    if (!caption.ok) return caption.error;
    if (target.kind === 'inline') return checkReplyMarkup(p.reply_markup) ?? ok(true);
    const m = target.message;
    if (!(m.photo || m.document || m.video || m.audio || m.animation || m.voice)) return badRequest(TG.noCaptionToEdit);
    return this.applyEdit(m, { caption: undefined, caption_entities: undefined, ...caption.value }, p);
  }

  private editMessageReplyMarkup(p: Params): ApiResponse {
    const target = this.editTarget(p);
    if (target.kind === 'error') return target.error;
    if (target.kind === 'inline') return checkReplyMarkup(p.reply_markup) ?? ok(true);
    return this.applyEdit(target.message, {}, p);
  }

  private deleteMessage(p: Params): ApiResponse {
    const chatId = getChatId(p);
    const id = getNumber(p, 'message_id');
    if (chatId === undefined) return badRequest(TG.chatIdEmpty);
    if (id === undefined) return badRequest('message identifier is not specified');
    return this.store.deleteMessage(this.chatFor(chatId).id, id) === 'gone' ? badRequest(TG.deleteNotFound) : ok(true);
  }

  private deleteMessages(p: Params): ApiResponse {
    const chatId = getChatId(p);
    if (chatId === undefined) return badRequest(TG.chatIdEmpty);
    const ids = Array.isArray(p.message_ids) ? p.message_ids : [];
    for (const id of ids) if (typeof id === 'number') this.store.deleteMessage(this.chatFor(chatId).id, id);
    return ok(true);
  }

  // ---- queries, commands, webhook ----

  /** The text a result would send is checked like a message's (formatting, 4,096 characters). */
  private checkInlineResults(p: Params): ApiResponse | undefined {
    const results = Array.isArray(p.results) ? p.results : [];
    for (const r of results) {
      const content = isRecord(r) && isRecord(r.input_message_content) ? r.input_message_content : undefined;
      if (!content || content.message_text === undefined) continue;
      const text = checkMessageText({ text: content.message_text, parse_mode: content.parse_mode }, this.strict);
      if (!text.ok) return text.error;
    }
    return undefined;
  }

  private answerQuery(id: string | undefined): ApiResponse {
    return id !== undefined && this.store.answerQuery(id, this.opts.queryAnswerWindowMs) ? ok(true) : badRequest(TG.queryTooOld);
  }

  /** A command scope naming a chat needs a chat the bot knows ("chat not found" otherwise). */
  private scopeError(p: Params): ApiResponse | undefined {
    const chatId = isRecord(p.scope) ? getChatId(p.scope) : undefined;
    return chatId === undefined ? undefined : this.store.unknownChatError(chatId);
  }

  private setMyCommands(p: Params): ApiResponse {
    const commands = Array.isArray(p.commands) ? p.commands : undefined;
    if (!commands) return badRequest('parameter "commands" is required');
    if (commands.length > 100) return badRequest(TG.botCommandsTooMuch);
    for (const c of commands) {
      if (!isRecord(c) || typeof c.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(c.command)) {
        return badRequest(TG.botCommandInvalid);
      }
      if (typeof c.description !== 'string' || c.description.trim() === '' || c.description.length > 256) {
        return badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
      }
    }
    this.commands.set(scopeKey(p.scope, p.language_code), commands);
    return ok(true);
  }

  private setWebhook(p: Params): ApiResponse {
    const url = getString(p, 'url') ?? '';
    if (url !== '' && !/^https:\/\//i.test(url)) return badRequest('bad webhook: An HTTPS URL must be provided for webhook');
    this.webhookUrl = url;
    if (getBoolean(p, 'drop_pending_updates')) this.opts.updates.clear();
    return ok(true);
  }

  private deleteWebhook(p: Params): ApiResponse {
    this.webhookUrl = '';
    if (getBoolean(p, 'drop_pending_updates')) this.opts.updates.clear();
    return ok(true);
  }

  private webhookInfo(): Record<string, unknown> {
    return {
      url: this.webhookUrl,
      has_custom_certificate: false,
      pending_update_count: this.opts.updates.pendingCount(),
    };
  }

  // ---- chats and members ----

  private getChat(p: Params): ApiResponse {
    const chatId = getChatId(p);
    if (chatId === undefined) return badRequest(TG.chatIdEmpty);
    const chat = this.chatFor(chatId);
    return ok({
      ...chat,
      ...this.groups.pinnedField(chat.id),
      accent_color_id: 0,
      max_reaction_count: 11,
      accepted_gift_types: { unlimited_gifts: false, limited_gifts: false, unique_gifts: false, premium_subscription: false },
    });
  }

  private userFor(userId: number): User {
    if (userId === this.opts.botUser.id) return this.botAsUser();
    return this.store.knownUser(userId) ?? user(userId);
  }

  private getChatMember(p: Params): ApiResponse {
    const chatId = getChatId(p);
    const userId = getNumber(p, 'user_id');
    if (chatId === undefined) return badRequest(TG.chatIdEmpty);
    if (userId === undefined) return badRequest('user not found');
    if (userId === this.opts.botUser.id) return ok(this.groups.botMember(chatId));
    return ok(chatMember(this.store.memberStatus(chatId, userId), this.userFor(userId)));
  }

  private getChatAdministrators(p: Params): ApiResponse {
    const chatId = getChatId(p);
    if (chatId === undefined) return badRequest(TG.chatIdEmpty);
    const admins = this.store
      .membersOf(chatId)
      .filter((m) => m.status === 'administrator' || m.status === 'creator')
      .map((m) => chatMember(m.status, this.userFor(m.userId)));
    return ok(admins);
  }

  private leaveChat(p: Params): ApiResponse {
    const chatId = getChatId(p);
    if (chatId === undefined) return badRequest(TG.chatIdEmpty);
    if (chatKindOf(chatId) !== 'private') {
      this.store.setAccess(chatId, { kind: 'left' });
      this.store.setMemberStatus(chatId, this.opts.botUser.id, 'left');
    }
    return ok(true);
  }

  private getFile(p: Params): ApiResponse {
    const file = this.store.getFile(getString(p, 'file_id') ?? '');
    if (!file) return badRequest(TG.invalidFileId);
    const { file_id, file_unique_id, file_size, file_path } = file;
    return ok(file_size > 0 ? { file_id, file_unique_id, file_size, file_path } : { file_id, file_unique_id, file_path });
  }
}

type ProfileField = 'description' | 'short_description';

const PROFILE_LIMITS: Record<ProfileField, number> = { description: 512, short_description: 120 };

/** `language_code`: absent or empty for the default, else two lowercase ISO 639-1 letters; undefined when invalid. */
function languageCodeOf(p: Params): string | undefined {
  const code = p.language_code === undefined ? '' : getString(p, 'language_code');
  return code === undefined || (code !== '' && !/^[a-z]{2}$/.test(code)) ? undefined : code;
}

/**
 * answerInlineQuery's `button` (InlineQueryResultsButton): a text and exactly one of
 * `start_parameter` (1–64 of A-Z a-z 0-9 _ -) or `web_app` (an https URL).
 */
function checkInlineButton(button: unknown): ApiResponse | undefined {
  if (button === undefined) return undefined;
  if (!isRecord(button)) return badRequest("can't parse InlineQueryResultsButton JSON object");
  if (typeof button.text !== 'string' || button.text.trim() === '') return badRequest('BUTTON_TEXT_INVALID');
  const start = button.start_parameter;
  if ((start === undefined) === (button.web_app === undefined)) return badRequest("can't parse InlineQueryResultsButton JSON object");
  if (start !== undefined && (typeof start !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(start))) return badRequest('START_PARAM_INVALID');
  if (button.web_app !== undefined && !isWebAppInfo(button.web_app)) return badRequest('BUTTON_URL_INVALID');
  return undefined;
}

function pickContent(m: Message): MessageContent {
  const out: Record<string, unknown> = {};
  for (const field of CONTENT_FIELDS) if (m[field] !== undefined) out[field] = m[field];
  return out as MessageContent;
}

/** Commands are stored per canonical scope JSON + language code. */
export function scopeKey(scope: unknown, languageCode: unknown): string {
  const s = isRecord(scope) ? scope : { type: 'default' };
  const canonicalScope = compact({ type: s.type, chat_id: s.chat_id, user_id: s.user_id });
  return `${JSON.stringify(canonicalScope)}|${typeof languageCode === 'string' ? languageCode : ''}`;
}

function stableHash(s: string): number {
  let h = 0;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) % 1_000_000_000;
  return h;
}
