/**
 * Notices in the bot: /guithongbao (the conversation), its confirm and cancel buttons, the
 * "Đã nhận" button, and /thongbao (my notices; for authors and the office, who acknowledged: a
 * summary per organisation with buttons for each one's list and for the workbook).
 * Every button checks who presses it against the stored notice.
 */
import { InlineKeyboard, InputFile } from 'grammy';
import { Composer } from '../composer.js';
import { isOffice } from '../../domain/roles.js';
import { shortenLabel } from '../../domain/text.js';
import { formatDate, formatDateTime } from '../../domain/time.js';
import { exportNoticeRecipientsXlsx } from '../../services/notice-export.js';
import type { Notice } from '../../services/notices.js';
import { callbackData, callbackInts, callbackPattern } from '../callback-data.js';
import { withChatAction } from '../chat-action.js';
import type { BotContext } from '../context.js';
import {
  BROADCAST_CONVERSATION,
  CONFIRM,
  DISCARD,
} from '../conversations/broadcast.js';
import type { BotDeps } from '../deps.js';
import { refuse, requireLeader } from '../guards.js';
import { Html, htmlToPlain, joinHtml } from '../render/html.js';
import { ACK, NoticeRenderer } from '../render/notice.js';
import { clampPage, pageCount, showInPlace } from '../render/paging.js';
import {
  ACK_BRANCH,
  ACK_EXPORT,
  ACK_REPORT,
  ackReportPage,
  BRANCHES_PER_PAGE,
  NAMES_PER_PAGE,
  notAcknowledgedPage,
  type RenderedPage,
} from '../render/notice-report.js';
import { actorOf } from './chat-tracking.js';

const CANCEL_SCHEDULED = 'ncx';

export function noticesFeature(deps: BotDeps): Composer<BotContext> {
  const { wakeDelivery } = deps;
  const { services, config, translator } = deps;
  const notices = services.notices;
  const renderer = new NoticeRenderer(translator);
  const composer = new Composer<BotContext>();
  const privateChat = composer.chatType('private');
  const tz = config.timeZone;

  privateChat.command('guithongbao', async (ctx) => {
    if (!(await requireLeader(ctx, 'guithongbao'))) return;
    await ctx.startConversation(BROADCAST_CONVERSATION);
  });
  composer.chatType(['group', 'supergroup']).command('guithongbao', (ctx) => ctx.replyHtml(ctx.t('private-only')));

  privateChat.callbackQuery(callbackPattern(CONFIRM, 1), async (ctx) => {
    const [id] = callbackInts(ctx.match) ?? [];
    const member = ctx.member!;
    const result = notices.confirm(id!, member, actorOf(ctx));
    if (!result.ok) {
      const key = {
        not_found: 'button-expired',
        not_author: 'broadcast-not-author',
        not_allowed: 'broadcast-not-author',
        not_draft: 'broadcast-not-draft',
        past: 'broadcast-past',
        empty: 'broadcast-nobody',
      }[result.reason];
      return refuse(ctx, key);
    }
    await ctx.answerCallbackQuery();
    if (result.released) {
      wakeDelivery();
      const text = ctx.t('broadcast-confirmed-now');
      await ctx.editMessageText(text.value, { parse_mode: 'HTML' });
      notices.setProgressMessage(result.notice.id, ctx.chat.id, ctx.callbackQuery.message!.message_id);
    } else {
      const at = formatDateTime(result.notice.scheduledAt!, tz);
      await ctx.editMessageText(ctx.t('broadcast-confirmed-later', { at }).value, { parse_mode: 'HTML' });
    }
  });

  privateChat.callbackQuery(callbackPattern(DISCARD, 1), async (ctx) => {
    const [id] = callbackInts(ctx.match) ?? [];
    const notice = notices.get(id!);
    if (!notice || notice.authorMemberId !== ctx.member!.id) return refuse(ctx, 'broadcast-not-author');
    const result = notices.cancel(id!, ctx.member!, actorOf(ctx));
    if (!result.ok) return refuse(ctx, 'broadcast-not-draft');
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t('broadcast-draft-cancelled').value, { parse_mode: 'HTML' });
  });

  privateChat.callbackQuery(callbackPattern(CANCEL_SCHEDULED, 1), async (ctx) => {
    const [id] = callbackInts(ctx.match) ?? [];
    const result = notices.cancel(id!, ctx.member!, actorOf(ctx));
    if (!result.ok) {
      return refuse(ctx, result.reason === 'already_sent' ? 'broadcast-already-sent' : result.reason === 'not_found' ? 'button-expired' : 'not-allowed');
    }
    await ctx.answerCallbackQuery();
    await ctx.replyHtml(ctx.t('broadcast-scheduled-cancelled', { title: notices.get(id!)!.title }));
  });

  // "Đã nhận": in a private chat or in a group, whoever presses it acknowledges for themselves.
  composer.callbackQuery(callbackPattern(ACK, 1), async (ctx) => {
    const [id] = callbackInts(ctx.match) ?? [];
    const member = ctx.member!;
    const notice = notices.get(id!);
    if (notice?.status === 'draft') {
      await ctx.answerCallbackQuery({ text: htmlToPlain(ctx.t('notice-ack-preview')) });
      return;
    }
    const result = notices.acknowledge(id!, member, actorOf(ctx));
    if (result.ok) {
      await ctx.answerCallbackQuery({ text: htmlToPlain(ctx.t('notice-ack-done', { at: formatDateTime(result.at, tz) })) });
      return;
    }
    const text =
      result.reason === 'already'
        ? ctx.t('notice-ack-already', { at: formatDateTime(result.at, tz) })
        : result.reason === 'no_ack'
          ? ctx.t('notice-ack-not-needed')
          : result.reason === 'not_recipient'
            ? ctx.t('notice-ack-not-recipient')
            : ctx.t('button-expired');
    await ctx.answerCallbackQuery({ text: htmlToPlain(text), show_alert: result.reason !== 'already' });
  });

  composer.command('thongbao', async (ctx) => {
    const member = ctx.member!;
    const arg = ctx.match.trim().replace(/^#/, '');
    if (arg === '') return listNotices(ctx);
    if (!/^\d{1,9}$/.test(arg)) return ctx.replyHtml(ctx.t('notices-usage'));
    const id = Number(arg);
    const notice = notices.get(id);
    const isAuthor = notice?.authorMemberId === member.id;
    const visible = notice && notice.status !== 'draft' && notice.status !== 'cancelled';
    if (!notice || !visible || (!isAuthor && !isOffice(member) && !notices.isRecipient(id, member.id))) {
      return ctx.replyHtml(ctx.t('notices-not-found', { id: arg }));
    }
    if (notices.reportVisibleTo(notice, member)) {
      const page = reportPage(ctx, notice, 0);
      return ctx.replyHtml(page.text, { reply_markup: page.keyboard });
    }
    // A recipient sees the notice again, with the button if still unacknowledged.
    const m = renderer.notice(notice, notices.authorLabel(notice), ctx.locale);
    const acked = notices.forMember(member.id, 50).find((n) => n.id === id)?.acknowledgedAt;
    await ctx.replyMessage({ kind: notice.kind, fileId: notice.fileId, text: m.text, replyMarkup: acked ? undefined : m.replyMarkup });
  });

  function listNotices(ctx: BotContext): Promise<void> {
    const member = ctx.member!;
    const mine = notices.forMember(member.id, 10);
    const authored = isOffice(member) || member.roles.includes('secretary') || member.roles.includes('deputy') ? notices.authoredBy(member, 10) : [];
    const parts: Html[] = [];
    // "Nothing sent to you" above a list of what one sent reads as a contradiction: said only when both are empty.
    if (mine.length === 0) {
      if (authored.length === 0) parts.push(ctx.t('notices-none'));
    } else {
      parts.push(ctx.t('notices-title'));
      for (const n of mine) {
        const mark = !n.requireAck ? '•' : n.acknowledgedAt ? '✅' : '⏳';
        parts.push(ctx.t('notices-line', { mark, date: formatDate(n.releasedAt ?? n.createdAt, tz), title: n.title, id: String(n.id) }));
      }
    }
    const keyboard = new InlineKeyboard();
    if (authored.length) {
      if (parts.length) parts.push(new Html(''));
      parts.push(ctx.t('notices-authored-title'));
      for (const n of authored) {
        const status =
          n.status === 'scheduled'
            ? ctx.t('notices-status-scheduled', { at: formatDateTime(n.scheduledAt!, tz) })
            : ctx.t(n.status === 'sending' ? 'notices-status-sending' : 'notices-status-sent');
        parts.push(ctx.t('notices-authored-line', { status, date: formatDate(n.createdAt, tz), title: n.title, id: String(n.id) }));
        if (n.status === 'scheduled') {
          keyboard.text(shortenLabel(htmlToPlain(ctx.t('notices-cancel-button', { id: String(n.id), title: n.title }))), callbackData(CANCEL_SCHEDULED, n.id)).row();
        }
      }
    }
    return ctx.replyHtml(joinHtml(parts), keyboard.inline_keyboard.length ? { reply_markup: keyboard } : {});
  }

  function reportPage(ctx: BotContext, notice: Notice, page: number): RenderedPage {
    return ackReportPage(ctx.t, notice, notices.ackCounts(notice.id), notices.progress(notice.id), page);
  }

  /** The notice of a report button, when whoever presses it may still see its report. */
  async function reportNotice(ctx: BotContext, id: number | undefined): Promise<Notice | null> {
    const notice = id === undefined ? null : notices.get(id);
    if (!notice) {
      await refuse(ctx, 'button-expired');
      return null;
    }
    if (!notices.reportVisibleTo(notice, ctx.member!)) {
      await refuse(ctx, 'not-allowed');
      return null;
    }
    return notice;
  }

  const show = (ctx: BotContext, page: RenderedPage) => showInPlace(ctx, page.text, page.keyboard);

  composer.callbackQuery(callbackPattern(ACK_REPORT, 2), async (ctx) => {
    const [id, page] = callbackInts(ctx.match) ?? [];
    const notice = await reportNotice(ctx, id);
    if (notice) await show(ctx, reportPage(ctx, notice, page ?? 0));
  });

  composer.callbackQuery(callbackPattern(ACK_BRANCH, 3), async (ctx) => {
    const [id, branchArg, requestedPage] = callbackInts(ctx.match) ?? [];
    const notice = await reportNotice(ctx, id);
    if (!notice) return;
    // The branch comes from the button: only one this notice went to is listed.
    const counts = notices.ackCounts(notice.id);
    const index = counts.findIndex((b) => (b.branchId ?? 0) === branchArg);
    if (index < 0) return refuse(ctx, 'button-expired');
    const branch = counts[index]!;
    const pages = pageCount(branch.total - branch.acknowledged, NAMES_PER_PAGE);
    const page = clampPage(requestedPage ?? 0, pages);
    const list = notices.notAcknowledged(notice.id, branch.branchId, page * NAMES_PER_PAGE, NAMES_PER_PAGE);
    await show(ctx, notAcknowledgedPage(ctx.t, notice, branch, list, page, Math.floor(index / BRANCHES_PER_PAGE)));
  });

  composer.callbackQuery(callbackPattern(ACK_EXPORT, 1), async (ctx) => {
    const [id] = callbackInts(ctx.match) ?? [];
    const notice = await reportNotice(ctx, id);
    if (!notice) return;
    await ctx.answerCallbackQuery();
    await withChatAction(ctx, 'upload_document', async () => {
      const recipients = notices.recipientStatuses(notice.id);
      const file = await exportNoticeRecipientsXlsx(notice, recipients, { timeZone: tz });
      await ctx.replyWithDocument(new InputFile(file, `thong-bao-${notice.id}.xlsx`), {
        caption: ctx.t('notices-export-caption', { id: String(notice.id), title: notice.title, count: recipients.length }).value,
        parse_mode: 'HTML',
      });
    });
  });

  return composer;
}
