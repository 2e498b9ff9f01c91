/**
 * Meetings for members: /lichhop (the next 30 days, or a range: "tuần này"), one message with a
 * line and a button per meeting, a page at a time, the button opening the meeting's card; the RSVP
 * buttons ("Tham dự" / "Vắng", with the reason asked for by a reply prompt) and the documents
 * button. /lichics is in calendar.ts.
 */
import { InlineKeyboard } from 'grammy';
import { Composer } from '../composer.js';
import { INPUT_LIMITS, inputLength } from '../../domain/limits.js';
import { findRangePhrase, formatDayRange, RANGE_PHRASES, type RangePhrase, rangeFor } from '../../domain/date-range.js';
import { isOffice } from '../../domain/roles.js';
import { searchWords, shortenLabel } from '../../domain/text.js';
import { formatDateTime } from '../../domain/time.js';
import type { Meeting } from '../../services/meetings.js';
import type { Member } from '../../services/members.js';
import { callbackData, callbackInts, callbackPattern } from '../callback-data.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { mayManageBranch, refuse } from '../guards.js';
import { type Html, htmlToPlain, splitMessage } from '../render/html.js';
import {
  DOCS,
  MEETING_LIST_OPEN,
  MEETING_LIST_PAGE,
  meetingCard,
  meetingKeyboard,
  meetingListPage,
  type MeetingListItem,
  type MeetingListKey,
  RSVP,
} from '../render/meeting.js';
import { showInPlace } from '../render/paging.js';
import { replyBranchChoices } from './branch-choices.js';
import { actorOf } from './chat-tracking.js';

export const MOVE = 'mv';
export const CANCEL = 'mx';

export function meetingsFeature(deps: BotDeps): Composer<BotContext> {
  const { services, config } = deps;
  const { meetings } = services;
  const tz = config.timeZone;
  const composer = new Composer<BotContext>();

  /** Whether this member is expected at (or may see) this meeting. */
  const concerns = (member: Member, m: Meeting): boolean => {
    if (isOffice(member)) return true;
    if (m.branchId === null) return true;
    if (member.branchId === null) return false;
    return services.branches.ancestry(member.branchId).some((b) => b.id === m.branchId) || mayManageBranch(services, member, m.branchId);
  };

  /** A member may open a meeting they are expected at, or one of the list a linked group shows. */
  const visibleHere = (ctx: BotContext, m: Meeting): boolean => {
    if (concerns(ctx.member!, m)) return true;
    if (!ctx.chat || ctx.chat.type === 'private') return false;
    const groupBranch = services.chats.get(ctx.chat.id)?.branchId ?? null;
    return groupBranch !== null && services.branches.ancestry(groupBranch).some((b) => b.id === m.branchId);
  };

  composer.callbackQuery(callbackPattern(MEETING_LIST_PAGE, 3), async (ctx) => {
    const [branchId, range, page] = callbackInts(ctx.match) ?? [];
    if (branchId === undefined || range === undefined || page === undefined) return refuse(ctx, 'button-expired');
    await showList(deps, ctx, { branchId, range }, page);
  });

  composer.callbackQuery(callbackPattern(MEETING_LIST_OPEN, 4), async (ctx) => {
    const [id, branchId, range, page] = callbackInts(ctx.match) ?? [];
    if (id === undefined || branchId === undefined || range === undefined || page === undefined) return refuse(ctx, 'button-expired');
    const m = meetings.get(id);
    if (!m || m.status === 'draft') return refuse(ctx, 'button-expired');
    if (!visibleHere(ctx, m)) return refuse(ctx, 'meeting-rsvp-not-member');
    const key = { branchId, range };
    // Cancelled since the list was shown: the list is shown again as it is now.
    if (m.status === 'cancelled') return showList(deps, ctx, key, page, htmlToPlain(ctx.t('meetings-list-gone')));
    const card = meetingCardFor(deps, ctx, m);
    // In a group the list is everyone's, and a card too long for one message (from before the
    // limits) comes in parts: then the card is a message of its own.
    if (ctx.chat?.type !== 'private' || splitMessage(card.text.value).length > 1) {
      await ctx.answerCallbackQuery();
      return ctx.replyHtml(card.text, { reply_markup: card.keyboard });
    }
    card.keyboard.row().text(htmlToPlain(ctx.t('meetings-list-back')), callbackData(MEETING_LIST_PAGE, branchId, range, page));
    await showInPlace(ctx, card.text, card.keyboard);
  });

  composer.command('lichhop', (ctx) => {
    const arg = ctx.match.trim();
    const phrase = rangeArgument(arg);
    return phrase ? replyUpcoming(deps, ctx, '', phrase) : replyUpcoming(deps, ctx, arg);
  });



  composer.callbackQuery(callbackPattern(RSVP, 2), async (ctx) => {
    const [id, yes] = callbackInts(ctx.match) ?? [];
    const member = ctx.member!;
    const m = meetings.get(id!);
    if (!m || m.status === 'draft') return refuse(ctx, 'button-expired');
    if (!concerns(member, m)) return refuse(ctx, 'meeting-rsvp-not-member');
    if (m.status === 'cancelled' || m.startsAt.getTime() <= deps.clock.now().getTime()) return refuse(ctx, 'meeting-rsvp-closed');
    meetings.rsvp(m.id, member.id, yes === 1 ? 'yes' : 'no', null, actorOf(ctx));
    await ctx.answerCallbackQuery({ text: htmlToPlain(ctx.t(yes === 1 ? 'meeting-rsvp-yes' : 'meeting-rsvp-no')) });
    if (yes !== 1) {
      // Ask for the reason privately, wherever the button was pressed; only a reply to this prompt is the reason.
      // The prompt cannot be split (its id is what a reply names): a title from before the limit is shortened.
      const title = shortenLabel(m.title, INPUT_LIMITS.meetingTitle);
      const text = ctx.t('meeting-rsvp-ask-reason', { title, when: formatDateTime(m.startsAt, tz) });
      const placeholder = htmlToPlain(ctx.t('meeting-rsvp-reason-placeholder'));
      const prompt = await ctx.api
        .sendMessage(ctx.from.id, text.value, { parse_mode: 'HTML', reply_markup: { force_reply: true, input_field_placeholder: placeholder } })
        .catch(() => null);
      if (prompt) meetings.setReasonPrompt(m.id, member.id, prompt.message_id);
    }
  });

  composer.callbackQuery(callbackPattern(DOCS, 1), async (ctx) => {
    const [id] = callbackInts(ctx.match) ?? [];
    const m = meetings.get(id!);
    if (!m || m.status === 'draft') return refuse(ctx, 'button-expired');
    if (!concerns(ctx.member!, m)) return refuse(ctx, 'meeting-rsvp-not-member');
    if (m.documents.length === 0) return refuse(ctx, 'meeting-docs-none');
    await ctx.answerCallbackQuery();
    for (const d of m.documents) {
      // A photo's name is the caption it came with, which a Premium client may make longer than a bot may send.
      if (d.kind === 'photo') await ctx.replyWithPhoto(d.fileId, { caption: d.name ? shortenLabel(d.name, PHOTO_NAME_MAX) : undefined });
      else await ctx.replyWithDocument(d.fileId);
    }
  });

  return composer;
}

/** Code points: at most twice as many UTF-16 units, within Telegram's 1,024 for a caption. */
const PHOTO_NAME_MAX = 500;

/**
 * The reason for an absence: a reply to the prompt sent after "❌ Vắng", and nothing else. Mounted
 * before conversations, so such a reply is never taken as the answer to a conversation's question.
 */
export function absenceReasonFeature(deps: BotDeps): Composer<BotContext> {
  const { meetings } = deps.services;
  const composer = new Composer<BotContext>();
  composer.chatType('private').on('message:text', async (ctx, next) => {
    const promptId = ctx.message.reply_to_message?.message_id;
    const member = ctx.member;
    if (promptId === undefined || !member || ctx.message.text.startsWith('/')) return next();
    const meeting = meetings.absenceForPrompt(member.id, promptId);
    if (!meeting) return next();
    const reason = ctx.message.text.trim();
    const max = INPUT_LIMITS.absenceReason;
    if (inputLength(reason) > max) return ctx.replyHtml(ctx.t('meeting-rsvp-reason-too-long', { length: inputLength(reason), max }));
    meetings.rsvp(meeting.id, member.id, 'no', reason, actorOf(ctx));
    await ctx.replyHtml(ctx.t('meeting-rsvp-reason-saved', { reason, title: meeting.title }));
  });
  return composer;
}

/** "/lichhop tuần này": an argument that is only a range phrase names a range, not a branch. */
function rangeArgument(arg: string): RangePhrase | null {
  const words = searchWords(arg);
  const phrase = findRangePhrase(words.join(' '));
  return phrase && words.length <= 3 ? phrase : null;
}

/** The range phrase a list key names: null for the next 30 days, undefined for a forged number. */
const rangeOfKey = (range: number): RangePhrase | null | undefined => (range === 0 ? null : RANGE_PHRASES[range - 1]);
const keyOfRange = (phrase: RangePhrase | null): number => (phrase ? RANGE_PHRASES.indexOf(phrase) + 1 : 0);

interface Listing {
  heading: Html;
  empty: Html;
  items: MeetingListItem[];
}

/**
 * The meetings a /lichhop list names, for whoever asks or presses now: the next 30 days, or the
 * range ("tuần này": Monday to Sunday); my branch, the branches above it and the bloc; in a
 * linked group, that branch's; with a branch named, that branch's (the office, or whoever manages
 * it). The office without a branch of its own gets the whole bloc. Rights are checked here, so
 * a page button is checked as the command was.
 */
function listing(deps: BotDeps, ctx: BotContext, key: MeetingListKey): Listing | { refusal: string } {
  const { services, config } = deps;
  const { meetings } = services;
  const member = ctx.member!;
  const phrase = rangeOfKey(key.range);
  if (phrase === undefined) return { refusal: 'button-expired' };
  const now = deps.clock.now();
  const range = phrase ? rangeFor(phrase, now, config.timeZone) : null;
  const from = range?.from ?? now;
  const to = range?.to ?? new Date(now.getTime() + 30 * 86_400_000);
  const listFor = (branchId: number | null) => (range ? meetings.inRangeFor(branchId, range.from, range.to) : meetings.upcomingFor(branchId));
  let list: Meeting[];
  let scope = '';
  if (key.branchId !== 0) {
    const branch = services.branches.getById(key.branchId);
    if (!branch) return { refusal: 'button-expired' };
    const allowed = isOffice(member) || branch.id === member.branchId || mayManageBranch(services, member, branch.id);
    if (!allowed) return { refusal: 'meetings-not-allowed-branch' };
    list = listFor(branch.id);
    scope = `: ${branch.name}`;
  } else if ((ctx.chat?.type ?? 'private') !== 'private') {
    const branchId = services.chats.get(ctx.chat!.id)?.branchId ?? null;
    if (branchId === null) return { refusal: 'branch-group-unlinked' };
    list = listFor(branchId);
    scope = `: ${services.branches.getById(branchId)?.name ?? ''}`;
  } else if (isOffice(member) && member.branchId === null) {
    list = blocFirst(meetings.between(from, to, null));
    scope = `: ${htmlToPlain(ctx.t('meeting-whole-bloc'))}`;
  } else {
    list = listFor(member.branchId);
  }
  const labels = new Map<number, string | null>();
  const branchLabel = (id: number | null) => {
    if (id === null) return null;
    if (!labels.has(id)) {
      const b = services.branches.getById(id);
      labels.set(id, b ? (b.shortName ?? b.name) : null);
    }
    return labels.get(id)!;
  };
  const rangeArgs = range ? { range: ctx.t(`range-${range.phrase}`), dates: formatDayRange(range), scope } : null;
  return {
    heading: rangeArgs ? ctx.t('meetings-range-title', rangeArgs) : ctx.t('meetings-title', { scope }),
    empty: rangeArgs ? ctx.t('meetings-range-none', rangeArgs) : ctx.t('meetings-none'),
    items: list.map((meeting) => ({ meeting, branchLabel: branchLabel(meeting.branchId) })),
  };
}

/**
 * The office's view of the whole bloc: the bloc's own meetings (those the office calls and
 * attends) first, then every branch's, each in time order; otherwise the bloc's few meetings
 * would sink among a month of cell meetings, pages down.
 */
function blocFirst(list: Meeting[]): Meeting[] {
  return [...list.filter((m) => m.branchId === null), ...list.filter((m) => m.branchId !== null)];
}

/**
 * /lichhop and "lịch họp tuần này": one message, a line and a button per meeting, a page at a time.
 * `query` names a branch (the office, or whoever manages it).
 */
export async function replyUpcoming(deps: BotDeps, ctx: BotContext, query: string, phrase: RangePhrase | null = null): Promise<void> {
  let branchId = 0;
  if (query) {
    const found = deps.services.branches.resolve(query);
    if ('notFound' in found) return ctx.replyHtml(ctx.t('branch-not-found', { query }));
    if ('ambiguous' in found) return replyBranchChoices(ctx, query, found.ambiguous);
    branchId = found.branch.id;
  }
  const key = { branchId, range: keyOfRange(phrase) };
  const found = listing(deps, ctx, key);
  if ('refusal' in found) return ctx.replyHtml(ctx.t(found.refusal));
  if (found.items.length === 0) return ctx.replyHtml(found.empty);
  const page = meetingListPage(ctx.t, found.heading, found.items, key, 0, deps.config.timeZone);
  await ctx.replyHtml(page.text, { reply_markup: page.keyboard });
}

/** Shows the page of the list a button names, in the message it is under (`toast`: why it changed). */
async function showList(deps: BotDeps, ctx: BotContext, key: MeetingListKey, page: number, toast?: string): Promise<void> {
  const found = listing(deps, ctx, key);
  if ('refusal' in found) return refuse(ctx, found.refusal);
  const rendered = found.items.length
    ? meetingListPage(ctx.t, found.heading, found.items, key, page, deps.config.timeZone)
    : { text: found.empty, keyboard: new InlineKeyboard() };
  await showInPlace(ctx, rendered.text, rendered.keyboard, toast);
}

/**
 * A meeting's card with its buttons: RSVP and documents; for those who manage its branch, in a
 * private chat, the reply counts and "Dời lịch" / "Hủy họp". A meeting that has begun gets the
 * documents button only (replies would be refused).
 */
function meetingCardFor(deps: BotDeps, ctx: BotContext, m: Meeting): { text: Html; keyboard: InlineKeyboard } {
  const { services, config } = deps;
  const { meetings } = services;
  const member = ctx.member!;
  const branchName = meetings.branchName(m.branchId);
  if (m.startsAt.getTime() <= deps.clock.now().getTime()) {
    const docs = new InlineKeyboard();
    if (m.documents.length) docs.text(htmlToPlain(ctx.t('meeting-button-docs')), callbackData(DOCS, m.id));
    return { text: meetingCard(ctx.t, m, branchName, config.timeZone, { locale: ctx.locale }), keyboard: docs };
  }
  // The move and cancel buttons work in private chats only: not offered in a group.
  const manage = ctx.chat?.type === 'private' && (m.branchId === null ? isOffice(member) : mayManageBranch(services, member, m.branchId));
  const extra = manage
    ? new InlineKeyboard()
        .text(htmlToPlain(ctx.t('meeting-button-move')), callbackData(MOVE, m.id))
        .text(htmlToPlain(ctx.t('meeting-button-cancel')), callbackData(CANCEL, m.id))
    : undefined;
  const rsvp = manage ? rsvpCounts(meetings, m) : null;
  return {
    text: meetingCard(ctx.t, m, branchName, config.timeZone, { locale: ctx.locale, rsvp }),
    keyboard: meetingKeyboard(ctx.t, m, extra),
  };
}

function rsvpCounts(meetings: BotDeps['services']['meetings'], m: Meeting) {
  const sheet = meetings.attendanceSheet(m.id);
  return {
    yes: sheet.filter((r) => r.rsvp === 'yes').length,
    no: sheet.filter((r) => r.rsvp === 'no').length,
    none: sheet.filter((r) => r.rsvp === null).length,
  };
}
