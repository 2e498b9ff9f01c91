/**
 * Meetings for members: /lichhop (the next 30 days, or a range: "tuần này"), /lichics (a calendar
 * file), the RSVP buttons ("Tham dự" / "Vắng", with the reason asked for by a reply prompt) and the
 * documents button.
 */
import { Composer, InlineKeyboard } from 'grammy';
import { INPUT_LIMITS, inputLength } from '../../domain/limits.js';
import { findRangePhrase, formatDayRange, type RangePhrase, rangeFor } from '../../domain/date-range.js';
import { isOffice } from '../../domain/roles.js';
import { searchWords, shortenLabel } from '../../domain/text.js';
import { formatDateTime } from '../../domain/time.js';
import type { Meeting } from '../../services/meetings.js';
import type { Member } from '../../services/members.js';
import { callbackData, callbackInts, callbackPattern } from '../callback-data.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { mayManageBranch, refuse } from '../guards.js';
import { renderBranchChoices } from '../render/branch.js';
import { htmlToPlain, joinHtml } from '../render/html.js';
import { DOCS, meetingCard, meetingKeyboard, RSVP } from '../render/meeting.js';
import { actorOf } from './chat-tracking.js';

export const MOVE = 'mv';
export const CANCEL = 'mx';
const MAX_CARDS = 10;

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

/**
 * The next 30 days, or the range asked for ("tuần này": Monday to Sunday): my branch, the
 * branches above it and the bloc; in a linked group, that branch's; with a branch named, that
 * branch's (the office, or whoever manages it).
 */
export async function replyUpcoming(deps: BotDeps, ctx: BotContext, query: string, phrase: RangePhrase | null = null): Promise<void> {
  const { services, config } = deps;
  const { meetings } = services;
  const tz = config.timeZone;
  const member = ctx.member!;
  const chatType = ctx.chat?.type ?? 'private';
  const now = deps.clock.now();
  const range = phrase ? rangeFor(phrase, now, tz) : null;
  const listFor = (branchId: number | null) => (range ? meetings.inRangeFor(branchId, range.from, range.to) : meetings.upcomingFor(branchId));
  let list: Meeting[];
  let scope = '';
  if (query) {
    const found = services.branches.resolve(query);
    if ('notFound' in found) return ctx.replyHtml(ctx.t('branch-not-found', { query }));
    if ('ambiguous' in found) return ctx.replyHtml(joinHtml([ctx.t('branch-ambiguous', { query }), renderBranchChoices(found.ambiguous)]));
    const allowed = isOffice(member) || found.branch.id === member.branchId || mayManageBranch(services, member, found.branch.id);
    if (!allowed) return ctx.replyHtml(ctx.t('meetings-not-allowed-branch'));
    list = listFor(found.branch.id);
    scope = `: ${found.branch.name}`;
  } else if (chatType !== 'private') {
    const branchId = services.chats.get(ctx.chat!.id)?.branchId ?? null;
    if (branchId === null) return ctx.replyHtml(ctx.t('branch-group-unlinked'));
    list = listFor(branchId);
    scope = `: ${services.branches.getById(branchId)?.name ?? ''}`;
  } else {
    list = listFor(member.branchId);
  }
  const rangeArgs = range ? { range: ctx.t(`range-${range.phrase}`), dates: formatDayRange(range), scope } : null;
  if (list.length === 0) return ctx.replyHtml(rangeArgs ? ctx.t('meetings-range-none', rangeArgs) : ctx.t('meetings-none'));
  await ctx.replyHtml(rangeArgs ? ctx.t('meetings-range-title', rangeArgs) : ctx.t('meetings-title', { scope }));
  for (const m of list.slice(0, MAX_CARDS)) {
    // A range may hold meetings that have begun: shown, but their buttons would only be refused.
    if (m.startsAt.getTime() <= now.getTime()) {
      const docs = m.documents.length ? new InlineKeyboard().text(htmlToPlain(ctx.t('meeting-button-docs')), callbackData(DOCS, m.id)) : undefined;
      await ctx.replyHtml(meetingCard(ctx.t, m, meetings.branchName(m.branchId), tz, { locale: ctx.locale }), { reply_markup: docs });
      continue;
    }
    // The move and cancel buttons work in private chats only: not offered in a group.
    const manage =
      chatType === 'private' && (m.branchId === null ? isOffice(member) : mayManageBranch(services, member, m.branchId));
    const extra = manage
      ? new InlineKeyboard()
          .text(htmlToPlain(ctx.t('meeting-button-move')), callbackData(MOVE, m.id))
          .text(htmlToPlain(ctx.t('meeting-button-cancel')), callbackData(CANCEL, m.id))
      : undefined;
    const rsvp = manage ? rsvpCounts(meetings, m) : null;
    await ctx.replyHtml(meetingCard(ctx.t, m, meetings.branchName(m.branchId), tz, { locale: ctx.locale, rsvp }), {
      reply_markup: meetingKeyboard(ctx.t, m, extra),
    });
  }
  if (list.length > MAX_CARDS) await ctx.replyHtml(ctx.t('meetings-more', { count: list.length - MAX_CARDS }));
}

function rsvpCounts(meetings: BotDeps['services']['meetings'], m: Meeting) {
  const sheet = meetings.attendanceSheet(m.id);
  return {
    yes: sheet.filter((r) => r.rsvp === 'yes').length,
    no: sheet.filter((r) => r.rsvp === 'no').length,
    none: sheet.filter((r) => r.rsvp === null).length,
  };
}
