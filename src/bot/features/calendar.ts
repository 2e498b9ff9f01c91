/**
 * /lichics: the member's meetings as an .ics file and, when PUBLIC_URL is set, a personal
 * subscription address that calendar apps refresh (served by src/http/calendar-feed.ts). The
 * address is shown once, in the private chat only; `/lichics huy` (or the button) revokes it.
 */
import { InlineKeyboard, InputFile } from 'grammy';
import { Composer } from '../composer.js';
import { isOffice } from '../../domain/roles.js';
import { searchWords } from '../../domain/text.js';
import { formatDateTime } from '../../domain/time.js';
import { feedUrls } from '../../http/calendar-feed.js';
import { callbackPattern } from '../callback-data.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { refuse } from '../guards.js';
import { memberCalendar } from '../render/calendar.js';
import { type Html, htmlToPlain, joinHtml } from '../render/html.js';
import { actorOf } from './chat-tracking.js';

/** Buttons: show (or make) my subscription address, make a new one, revoke it. */
export const CALENDAR_SUBSCRIBE = 'cal';
export const CALENDAR_RENEW = 'caln';
export const CALENDAR_REVOKE = 'calx';
/** The file holds the coming three months: an imported file cannot follow later changes anyway. */
const FILE_DAYS = 90;
const DAY_MS = 86_400_000;
/** `/lichics huy` (typed with or without diacritics), `/lichics cancel` for English speakers. */
const REVOKE_WORDS = new Set(['huy', 'cancel', 'revoke']);

export function calendarFeature(deps: BotDeps): Composer<BotContext> {
  const { services, config } = deps;
  const { calendar } = services;
  const composer = new Composer<BotContext>();

  composer.command('lichics', async (ctx) => {
    const words = searchWords(ctx.match);
    if (words.length === 0) return sendFile(ctx);
    if (words.length === 1 && REVOKE_WORDS.has(words[0]!)) return revoke(ctx);
    await ctx.replyHtml(ctx.t('calendar-usage'));
  });

  async function sendFile(ctx: BotContext): Promise<void> {
    const member = ctx.member!;
    const now = deps.clock.now();
    const list = calendar.meetingsFor(member, now, new Date(now.getTime() + FILE_DAYS * DAY_MS));
    // The subscription is personal: offered in the private chat only.
    const subscription = ctx.chat?.type === 'private' ? subscriptionOffer(ctx) : { note: null, keyboard: undefined };
    const withNote = (text: Html) => (subscription.note ? joinHtml([text, subscription.note], '\n\n') : text);
    if (list.length === 0) return ctx.replyHtml(withNote(ctx.t('meeting-ics-none')), { reply_markup: subscription.keyboard });
    // "Sending a file…" while it is made; a refused chat action changes nothing.
    await ctx.replyWithChatAction('upload_document').catch(() => undefined);
    const value = memberCalendar(ctx.t, list, services.meetings, { uidDomain: ctx.me.username, calendarName: services.bloc.get().name });
    await ctx.replyWithDocument(new InputFile(Buffer.from(value, 'utf8'), 'lich-hop.ics'), {
      caption: withNote(ctx.t('meeting-ics-caption', { count: list.length })).value,
      parse_mode: 'HTML',
      reply_markup: subscription.keyboard,
    });
  }

  /** The button to subscribe, or, without PUBLIC_URL, a word that it is not enabled (to the office: what to set). */
  function subscriptionOffer(ctx: BotContext) {
    if (!config.publicUrl) {
      return { note: ctx.t(isOffice(ctx.member!) ? 'calendar-sub-disabled-office' : 'calendar-sub-disabled'), keyboard: undefined };
    }
    return { note: null, keyboard: new InlineKeyboard().text(htmlToPlain(ctx.t('calendar-button-subscribe')), CALENDAR_SUBSCRIBE) };
  }

  async function revoke(ctx: BotContext): Promise<void> {
    const removed = calendar.revoke(ctx.member!.id, actorOf(ctx));
    if (ctx.callbackQuery) await ctx.answerCallbackQuery();
    await ctx.replyHtml(ctx.t(removed ? 'calendar-sub-revoked' : 'calendar-sub-none'));
  }

  /** Makes a new address (replacing any) and shows it with the how-to. */
  async function sendNew(ctx: BotContext, publicUrl: string): Promise<void> {
    const token = calendar.issue(ctx.member!, actorOf(ctx));
    const urls = feedUrls(publicUrl, token);
    await ctx.answerCallbackQuery();
    await ctx.replyHtml(ctx.t('calendar-sub-new', { https: urls.https, webcal: urls.webcal }), {
      reply_markup: new InlineKeyboard().text(htmlToPlain(ctx.t('calendar-button-revoke')), CALENDAR_REVOKE),
      // A preview would have Telegram fetch the address; it is nobody's business but the member's.
      link_preview_options: { is_disabled: true },
    });
  }

  const privateOnly = composer.chatType('private');
  const mustBePrivate = composer.chatType(['group', 'supergroup', 'channel']);
  // Callback data is input: a press forged in a group is refused, the address never goes there.
  mustBePrivate.callbackQuery([callbackPattern(CALENDAR_SUBSCRIBE, 0), callbackPattern(CALENDAR_RENEW, 0)], (ctx) =>
    refuse(ctx, 'calendar-private-only'),
  );

  privateOnly.callbackQuery(callbackPattern(CALENDAR_SUBSCRIBE, 0), async (ctx) => {
    if (!config.publicUrl) return refuse(ctx, 'calendar-sub-disabled');
    const current = calendar.subscriptionOf(ctx.member!.id);
    if (!current) return sendNew(ctx, config.publicUrl);
    // The address is not kept (only its hash): it is in the message that gave it; a new one replaces it.
    await ctx.answerCallbackQuery();
    await ctx.replyHtml(ctx.t('calendar-sub-exists', { since: formatDateTime(current.createdAt, config.timeZone) }), {
      reply_markup: new InlineKeyboard()
        .text(htmlToPlain(ctx.t('calendar-button-renew')), CALENDAR_RENEW)
        .row()
        .text(htmlToPlain(ctx.t('calendar-button-revoke')), CALENDAR_REVOKE),
    });
  });

  privateOnly.callbackQuery(callbackPattern(CALENDAR_RENEW, 0), (ctx) => {
    if (!config.publicUrl) return refuse(ctx, 'calendar-sub-disabled');
    return sendNew(ctx, config.publicUrl);
  });

  composer.callbackQuery(callbackPattern(CALENDAR_REVOKE, 0), (ctx) => revoke(ctx));

  return composer;
}
