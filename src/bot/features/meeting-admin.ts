/**
 * Meetings for secretaries and the office: /taolich (and its confirm button), /suahop and the
 * "Dời lịch" button, /huyhop and the "Hủy họp" button, and /diemdanh. Every command and button
 * checks that the member manages the meeting's branch (the office manages all).
 */
import { InlineKeyboard } from 'grammy';
import { Composer } from '../composer.js';
import type { AttendanceStatus } from '../../db/schema.js';
import { describeExamples, parseVietnameseDateTime } from '../../domain/datetime-parse.js';
import { INPUT_LIMITS } from '../../domain/limits.js';
import { isOffice } from '../../domain/roles.js';
import { shortenLabel } from '../../domain/text.js';
import { formatDateTime, localParts } from '../../domain/time.js';
import type { Meeting } from '../../services/meetings.js';
import type { Member } from '../../services/members.js';
import { callbackData, callbackInts, callbackPattern } from '../callback-data.js';
import type { BotContext, InnerContext } from '../context.js';
import { ask, type AskOptions, askText, type Convo, isPlainText } from '../conversations/ask.js';
import {
  askDocuments,
  CONFIRM_MEETING,
  CREATE_MEETING_CONVERSATION,
  DISCARD_MEETING,
  LOCATION_LIMIT,
} from '../conversations/create-meeting.js';
import type { BotDeps } from '../deps.js';
import { mayManageBranch, refuse, requireLeader } from '../guards.js';
import { type Html, htmlToPlain, joinHtml } from '../render/html.js';
import { pageLabel, pageOf, pageOfIndex, pagerRow, showInPlace } from '../render/paging.js';
import { actorOf } from './chat-tracking.js';
import { CANCEL, MOVE } from './meetings.js';

export const EDIT_MEETING_CONVERSATION = 'edit-meeting';
const CANCEL_CONFIRM = 'mxy';
const CANCEL_KEEP = 'mxn';
const ATT_OPEN = 'ad';
const ATT_MARK = 'at';
const ATT_FINISH = 'af';
const ATT_PAGE = 'ap';
const ATT_LIST = 'al';
const ATT_MEETINGS_PER_PAGE = 10;
/**
 * Members a page of the sheet: most cells fit on one; a large committee's sheet pages (a keyboard
 * of a hundred names is hard to scroll on a phone, and Telegram refuses more than 100 buttons).
 */
const ATT_PER_PAGE = 50;
const NEXT_STATUS: Record<AttendanceStatus | 'none', AttendanceStatus> = {
  none: 'present',
  present: 'excused',
  excused: 'unexcused',
  unexcused: 'present',
};
const ICON: Record<AttendanceStatus | 'none', string> = { none: '⬜', present: '✅', excused: '🟡', unexcused: '🔴' };

export function meetingAdminFeature(deps: BotDeps): Composer<BotContext> {
  const { services, config } = deps;
  const { meetings } = services;
  const tz = config.timeZone;
  const composer = new Composer<BotContext>();
  const privateChat = composer.chatType('private');

  const manages = (member: Member | null, m: Meeting) =>
    member !== null && (m.branchId === null ? isOffice(member) : mayManageBranch(services, member, m.branchId));

  /** The meeting named by a command argument or button, if this member manages it; answers otherwise. */
  async function managedMeeting(ctx: InnerContext, id: number | undefined): Promise<Meeting | null> {
    const m = id === undefined ? null : meetings.get(id);
    if (!m || m.status === 'draft') {
      await refuse(ctx, 'meeting-not-found', { id: String(id ?? '') });
      return null;
    }
    if (!manages(ctx.member, m)) {
      await refuse(ctx, 'edit-not-allowed');
      return null;
    }
    if (m.status === 'cancelled' || m.startsAt.getTime() <= deps.clock.now().getTime()) {
      await refuse(ctx, 'edit-past');
      return null;
    }
    return m;
  }

  // /taolich

  privateChat.command('taolich', async (ctx) => {
    if (!(await requireLeader(ctx, 'taolich'))) return;
    await ctx.startConversation(CREATE_MEETING_CONVERSATION);
  });

  privateChat.callbackQuery(callbackPattern(CONFIRM_MEETING, 1), async (ctx) => {
    const [id] = callbackInts(ctx.match) ?? [];
    const draft = meetings.get(id!);
    if (!draft) return refuse(ctx, 'button-expired');
    if (draft.createdByMemberId !== ctx.member!.id || !manages(ctx.member, draft)) return refuse(ctx, 'create-not-author');
    const result = meetings.confirm(draft.id, ctx.member!.id, actorOf(ctx));
    if (!result.ok) return refuse(ctx, result.reason === 'past' ? 'create-past' : result.reason === 'not_draft' ? 'create-not-draft' : 'create-not-author');
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
    await ctx.replyHtml(ctx.t('create-confirmed'));
  });

  privateChat.callbackQuery(callbackPattern(DISCARD_MEETING, 1), async (ctx) => {
    const [id] = callbackInts(ctx.match) ?? [];
    const draft = meetings.get(id!);
    if (!draft || draft.status !== 'draft') return refuse(ctx, 'create-not-draft');
    if (draft.createdByMemberId !== ctx.member!.id) return refuse(ctx, 'create-not-author');
    meetings.discardDraft(draft.id, actorOf(ctx));
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
    await ctx.replyHtml(ctx.t('create-discarded'));
  });

  // /suahop and "Dời lịch"

  privateChat.command('suahop', async (ctx) => {
    if (!(await requireLeader(ctx, 'suahop'))) return;
    const arg = ctx.match.trim().replace(/^#/, '');
    if (!/^\d{1,9}$/.test(arg)) return ctx.replyHtml(ctx.t('edit-usage'));
    const m = await managedMeeting(ctx, Number(arg));
    if (!m) return;
    await ctx.startConversation(EDIT_MEETING_CONVERSATION, m.id);
  });

  privateChat.callbackQuery(callbackPattern(MOVE, 1), async (ctx) => {
    const [id] = callbackInts(ctx.match) ?? [];
    const m = await managedMeeting(ctx, id);
    if (!m) return;
    await ctx.answerCallbackQuery();
    await ctx.startConversation(EDIT_MEETING_CONVERSATION, m.id);
  });

  // /huyhop and "Hủy họp"

  async function askCancel(ctx: InnerContext, m: Meeting) {
    const kb = new InlineKeyboard()
      .text(htmlToPlain(ctx.t('cancel-confirm-button')), callbackData(CANCEL_CONFIRM, m.id))
      .text(htmlToPlain(ctx.t('cancel-keep-button')), callbackData(CANCEL_KEEP, m.id));
    await ctx.replyHtml(ctx.t('cancel-confirm', { title: m.title, when: formatDateTime(m.startsAt, tz) }), { reply_markup: kb });
  }

  privateChat.command('huyhop', async (ctx) => {
    if (!(await requireLeader(ctx, 'huyhop'))) return;
    const arg = ctx.match.trim().replace(/^#/, '');
    if (!/^\d{1,9}$/.test(arg)) return ctx.replyHtml(ctx.t('edit-usage'));
    const m = await managedMeeting(ctx, Number(arg));
    if (m) await askCancel(ctx, m);
  });

  privateChat.callbackQuery(callbackPattern(CANCEL, 1), async (ctx) => {
    const [id] = callbackInts(ctx.match) ?? [];
    const m = await managedMeeting(ctx, id);
    if (!m) return;
    await ctx.answerCallbackQuery();
    await askCancel(ctx, m);
  });

  privateChat.callbackQuery(callbackPattern(CANCEL_CONFIRM, 1), async (ctx) => {
    const [id] = callbackInts(ctx.match) ?? [];
    const m = await managedMeeting(ctx, id);
    if (!m) return;
    meetings.cancel(m.id, actorOf(ctx));
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t('cancel-done').value, { parse_mode: 'HTML' });
  });

  privateChat.callbackQuery(callbackPattern(CANCEL_KEEP, 1), async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t('cancel-kept').value, { parse_mode: 'HTML' });
  });

  // /diemdanh

  privateChat.command('diemdanh', async (ctx) => {
    if (!(await requireLeader(ctx, 'diemdanh'))) return;
    const list = attendanceList(ctx, 0);
    if (!list) return ctx.replyHtml(ctx.t('att-none'));
    await ctx.replyHtml(list.text, { reply_markup: list.keyboard });
  });

  /** The meetings of the last 14 days this member may take attendance for, a page at a time. */
  function attendanceList(ctx: InnerContext, requestedPage: number): { text: Html; keyboard: InlineKeyboard } | null {
    const member = ctx.member!;
    const scope = isOffice(member) ? null : member.branchId ? services.branches.subtreeIds(member.branchId) : [];
    const recent = meetings.recentlyEnded(scope).filter((m) => manages(member, m));
    if (recent.length === 0) return null;
    const page = pageOf(recent, requestedPage, ATT_MEETINGS_PER_PAGE);
    const kb = new InlineKeyboard();
    for (const m of page.items) {
      const label = `${formatDateTime(m.startsAt, tz)} · ${m.title}${m.attendanceTakenAt ? ' ✔' : ''}`;
      kb.text(shortenLabel(label), callbackData(ATT_OPEN, m.id)).row();
    }
    pagerRow(kb, ctx.t, page, (p) => callbackData(ATT_LIST, p));
    const text = joinHtml([ctx.t('att-usage'), pageLabel(ctx.t, page)].filter((l) => l !== null), ' ');
    return { text, keyboard: kb };
  }

  privateChat.callbackQuery(callbackPattern(ATT_LIST, 1), async (ctx) => {
    if (!(await requireLeader(ctx, 'diemdanh'))) return;
    const [page] = callbackInts(ctx.match) ?? [];
    const list = attendanceList(ctx, page ?? 0);
    if (!list) return refuse(ctx, 'att-none');
    await showInPlace(ctx, list.text, list.keyboard);
  });

  /**
   * The sheet: a button per member showing their state, a page at a time (Telegram shows at most
   * 100 buttons under a message); each press changes it and redraws that member's page.
   */
  function sheet(ctx: InnerContext, m: Meeting, requestedPage: number): { text: Html; keyboard: InlineKeyboard } {
    const rows = meetings.attendanceSheet(m.id);
    const page = pageOf(rows, requestedPage, ATT_PER_PAGE);
    const kb = new InlineKeyboard();
    for (const r of page.items) {
      const state = r.status ?? 'none';
      const hint = r.rsvp === 'no' ? ` ${htmlToPlain(ctx.t('att-rsvp-no-hint'))}` : '';
      kb.text(shortenLabel(`${ICON[state]} ${r.fullName}${hint}`), callbackData(ATT_MARK, m.id, r.memberId)).row();
    }
    pagerRow(kb, ctx.t, page, (p) => callbackData(ATT_PAGE, m.id, p));
    kb.text(htmlToPlain(ctx.t('att-finish')), callbackData(ATT_FINISH, m.id));
    // The sheet is edited in place, never split: a title from before the limit is shortened.
    const title = shortenLabel(m.title, INPUT_LIMITS.meetingTitle);
    const heading = joinHtml([ctx.t('att-title', { title, when: formatDateTime(m.startsAt, tz) }), pageLabel(ctx.t, page)].filter((l) => l !== null), ' ');
    const marked = rows.filter((r) => r.status !== null).length;
    const counts = page.pages > 1 ? ctx.t('att-marked', { marked, total: rows.length }) : null;
    const text = joinHtml([heading, counts, ctx.t('att-help')].filter((l) => l !== null));
    return { text, keyboard: kb };
  }

  /** A meeting this member may take attendance for (it has begun, and they manage its branch). */
  async function attendanceMeeting(ctx: InnerContext, id: number | undefined): Promise<Meeting | null> {
    const m = id === undefined ? null : meetings.get(id);
    if (!m || m.status !== 'scheduled' || m.branchId === null) {
      await refuse(ctx, 'button-expired');
      return null;
    }
    if (!manages(ctx.member, m)) {
      await refuse(ctx, 'edit-not-allowed');
      return null;
    }
    if (m.startsAt.getTime() > deps.clock.now().getTime()) {
      await refuse(ctx, 'att-not-started');
      return null;
    }
    return m;
  }

  privateChat.callbackQuery(callbackPattern(ATT_OPEN, 1), async (ctx) => {
    const [id] = callbackInts(ctx.match) ?? [];
    const m = await attendanceMeeting(ctx, id);
    if (!m) return;
    await ctx.answerCallbackQuery();
    const s = sheet(ctx, m, 0);
    await ctx.replyHtml(s.text, { reply_markup: s.keyboard });
  });

  privateChat.callbackQuery(callbackPattern(ATT_MARK, 2), async (ctx) => {
    const [id, memberId] = callbackInts(ctx.match) ?? [];
    const m = await attendanceMeeting(ctx, id);
    if (!m) return;
    const rows = meetings.attendanceSheet(m.id);
    const index = rows.findIndex((r) => r.memberId === memberId);
    if (index < 0) return refuse(ctx, 'button-expired');
    const row = rows[index]!;
    meetings.setAttendance(m.id, row.memberId, NEXT_STATUS[row.status ?? 'none'], ctx.member!.id, actorOf(ctx));
    const s = sheet(ctx, m, pageOfIndex(index, ATT_PER_PAGE));
    await showInPlace(ctx, s.text, s.keyboard);
  });

  privateChat.callbackQuery(callbackPattern(ATT_PAGE, 2), async (ctx) => {
    const [id, page] = callbackInts(ctx.match) ?? [];
    const m = await attendanceMeeting(ctx, id);
    if (!m) return;
    const s = sheet(ctx, m, page ?? 0);
    await showInPlace(ctx, s.text, s.keyboard);
  });

  privateChat.callbackQuery(callbackPattern(ATT_FINISH, 1), async (ctx) => {
    const [id] = callbackInts(ctx.match) ?? [];
    const m = await attendanceMeeting(ctx, id);
    if (!m) return;
    const result = meetings.finishAttendance(m.id, ctx.member!.id, actorOf(ctx));
    services.meetingNotifier.flagAbsences(m, result.flagged);
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
    const lines = [ctx.t('att-done', { title: m.title, present: result.present, total: result.total, rate: result.rate })];
    if (result.flagged.length) lines.push(ctx.t('att-flagged', { names: result.flagged.map((f) => f.fullName).join(', ') }));
    await ctx.replyHtml(joinHtml(lines));
  });

  return composer;
}

/**
 * /suahop and "Dời lịch": what to change (time, place, documents, or the series from now on), then
 * the new value. Registered with the other conversations in createBot.
 */
export function createEditMeetingConversation(deps: BotDeps) {
  const { meetings } = deps.services;
  const tz = deps.config.timeZone;
  const editing: AskOptions = { clock: deps.clock, activity: EDIT_MEETING_CONVERSATION, cancelledKey: 'edit-cancelled' };

  return async function editMeeting(conversation: Convo, ctx: InnerContext, id: number) {
    const m = await conversation.external(() => {
      const row = meetings.get(id);
      return row ? { id: row.id, title: row.title, seriesId: row.seriesId, documents: row.documents } : null;
    });
    if (!m) return;
    const kb = new InlineKeyboard()
      .text(htmlToPlain(ctx.t('edit-what-time')), callbackData('ed', 'time'))
      .text(htmlToPlain(ctx.t('edit-what-location')), callbackData('ed', 'place'))
      .row()
      .text(htmlToPlain(ctx.t('edit-what-documents')), callbackData('ed', 'docs'));
    if (m.seriesId) kb.row().text(htmlToPlain(ctx.t('edit-what-series')), callbackData('ed', 'series'));
    const question = ctx.t('edit-ask-what', { title: m.title });
    await ctx.replyHtml(question, { reply_markup: kb });
    const answer = await ask(conversation, (c) => /^ed:\w+$/.test(c.callbackQuery?.data ?? ''), (c) => c.replyHtml(question, { reply_markup: kb }), editing);
    await answer.answerCallbackQuery();
    const what = answer.callbackQuery!.data!.slice(3);
    ctx = answer;
    if (what === 'time') {
      // Not through conversation.external: text only, and no new replay step (see create-meeting.ts).
      const examples = describeExamples(deps.clock.now(), tz).join(', ');
      for (;;) {
        const q = ctx.t('edit-ask-new-time', { examples });
        await ctx.replyHtml(q);
        const reply = await ask(conversation, isPlainText, (c) => c.replyHtml(q), editing);
        ctx = reply;
        const now = await conversation.external(() => deps.clock.now().getTime());
        const parsed = parseVietnameseDateTime(reply.message!.text!, new Date(now), tz);
        if (!parsed.ok) {
          await ctx.replyHtml(ctx.t('create-time-invalid', { text: reply.message!.text!, examples }));
          continue;
        }
        const at = parsed.at.getTime();
        const moved = await conversation.external((outer) => meetings.move(id, new Date(at), actorOf(outer)).ok);
        if (!moved) {
          await ctx.replyHtml(ctx.t('create-time-past', { at: formatDateTime(parsed.at, tz) }));
          continue;
        }
        break;
      }
    } else if (what === 'place') {
      const reply = await askText(conversation, editing, ctx, ctx.t('edit-ask-new-location'), LOCATION_LIMIT);
      ctx = reply.ctx;
      const location = reply.text;
      await conversation.external((outer) => void meetings.edit(id, { location }, actorOf(outer)));
    } else if (what === 'docs') {
      const added = await askDocuments(conversation, editing, ctx);
      ctx = added.ctx;
      await conversation.external((outer) => void meetings.edit(id, { documents: [...m.documents, ...added.docs] }, actorOf(outer)));
    } else if (what === 'series' && m.seriesId) {
      for (;;) {
        const q = ctx.t('edit-series-ask-time');
        await ctx.replyHtml(q);
        const reply = await ask(conversation, isPlainText, (c) => c.replyHtml(q), editing);
        ctx = reply;
        const now = await conversation.external(() => deps.clock.now().getTime());
        const parsed = parseVietnameseDateTime(reply.message!.text!, new Date(now), tz);
        if (!parsed.ok) {
          await ctx.replyHtml(ctx.t('create-time-invalid', { text: reply.message!.text!, examples: '14h00, 8h30' }));
          continue;
        }
        const p = localParts(parsed.at, tz);
        const seriesId = m.seriesId;
        const count = await conversation.external((outer) => meetings.editSeries(seriesId, { hour: p.hour, minute: p.minute }, actorOf(outer)));
        await ctx.replyHtml(ctx.t('edit-series-done', { count }));
        return;
      }
    }
    await ctx.replyHtml(ctx.t('edit-done'));
  };
}
