/**
 * The acknowledgement report of `/thongbao N` for the author and the office: one message with the
 * overall rate and a line per organisation (lowest rate first, a page at a time), a button per
 * organisation with someone still to confirm, which opens who that is (a page at a time), and a
 * button for the full list as a workbook. Every page fits one Telegram message.
 */
import { InlineKeyboard } from 'grammy';
import { shortenLabel } from '../../domain/text.js';
import type { DeliveryCounts } from '../../delivery/outbox.js';
import type { BranchAckCount, Notice } from '../../services/notices.js';
import { callbackData } from '../callback-data.js';
import { type Html, htmlToPlain, joinHtml, TELEGRAM_TEXT_LIMIT } from './html.js';
import { clampPage, pageCount, pagerRow } from './paging.js';

/** nrp:<notice>:<page> */
export const ACK_REPORT = 'nrp';
/** nrb:<notice>:<branch, 0 for none>:<page> */
export const ACK_BRANCH = 'nrb';
/** nrx:<notice> */
export const ACK_EXPORT = 'nrx';

export const BRANCHES_PER_PAGE = 20;
export const NAMES_PER_PAGE = 40;
/** How long names in report lines may be (with the code), tried in turn until the page fits a message. */
const NAME_LIMITS = [80, 56, 40, 28, 20];

type T = (key: string, args?: Record<string, string | number | Html>) => Html;

export interface RenderedPage {
  text: Html;
  keyboard: InlineKeyboard;
}

/** Rounded, but never 100 % while someone is missing, nor 0 % once someone has acknowledged. */
function rateOf(acknowledged: number, total: number): number {
  if (total === 0 || acknowledged === 0) return 0;
  if (acknowledged === total) return 100;
  return Math.min(99, Math.max(1, Math.round((acknowledged / total) * 100)));
}
const branchArg = (branchId: number | null) => branchId ?? 0;

/**
 * "Chi bộ Công ty A&B (CB02)": names of one kind often share their first words ("Chi bộ Công ty Cổ
 * phần …"), so once shortened only the code tells them apart. Buttons use the short name if any.
 */
function branchLabel(t: T, b: Pick<BranchAckCount, 'code' | 'name' | 'shortName'>, max: number, short = false): string {
  const name = (short ? (b.shortName ?? b.name) : b.name) ?? htmlToPlain(t('notices-ack-no-branch'));
  if (b.code === null) return shortenLabel(name, max);
  return `${shortenLabel(name, max - b.code.length - 3)} (${b.code})`;
}

/** The page with names as long as fits one message: they are shortened further only when needed. */
function fitting(build: (nameMax: number) => Html): Html {
  for (const max of NAME_LIMITS) {
    const text = build(max);
    if (text.value.length <= TELEGRAM_TEXT_LIMIT) return text;
  }
  return build(NAME_LIMITS.at(-1)!);
}

/** The report's first message (and its other pages): overall figures, organisations, buttons. */
export function ackReportPage(
  t: T,
  notice: Pick<Notice, 'id' | 'title' | 'requireAck'>,
  counts: readonly BranchAckCount[],
  delivery: DeliveryCounts,
  requestedPage: number,
): RenderedPage {
  const keyboard = new InlineKeyboard();
  const deliveryLine = t('notices-delivery', {
    sent: delivery.sent,
    waiting: delivery.pending + delivery.sending,
    failed: delivery.failed + delivery.unreachable,
  });
  const exportButton = () => keyboard.text(htmlToPlain(t('notices-export-button')), callbackData(ACK_EXPORT, notice.id)).row();
  if (!notice.requireAck) {
    exportButton();
    return { text: joinHtml([t('notices-ack-not-required', { id: String(notice.id), title: notice.title }), deliveryLine]), keyboard };
  }
  const total = counts.reduce((s, b) => s + b.total, 0);
  const acked = counts.reduce((s, b) => s + b.acknowledged, 0);
  const pages = pageCount(counts.length, BRANCHES_PER_PAGE);
  const page = clampPage(requestedPage, pages);
  const shown = counts.slice(page * BRANCHES_PER_PAGE, (page + 1) * BRANCHES_PER_PAGE);
  const pending = shown.filter((b) => b.acknowledged < b.total);
  const text = fitting((nameMax) =>
    joinHtml([
      t('notices-ack-summary', { id: String(notice.id), title: notice.title, acked, total, rate: rateOf(acked, total) }),
      t('notices-ack-branches-title', { page: page + 1, pages }),
      ...shown.map((b) =>
        t('notices-ack-branch', { branch: branchLabel(t, b, nameMax), acked: b.acknowledged, total: b.total, rate: rateOf(b.acknowledged, b.total) }),
      ),
      deliveryLine,
      pending.length ? t('notices-ack-hint') : null,
    ].filter((l) => l !== null)),
  );
  pending.forEach((b, i) => {
    const label = htmlToPlain(t('notices-ack-branch-button', { branch: branchLabel(t, b, 40, true), missing: b.total - b.acknowledged }));
    keyboard.text(label, callbackData(ACK_BRANCH, notice.id, branchArg(b.branchId), 0));
    if (i % 2 === 1) keyboard.row();
  });
  if (pending.length % 2 === 1) keyboard.row();
  pagerRow(keyboard, t, { page, pages }, (p) => callbackData(ACK_REPORT, notice.id, p));
  exportButton();
  return { text, keyboard };
}

/** One organisation's people who have not acknowledged, a page at a time, with the way back. */
export function notAcknowledgedPage(
  t: T,
  notice: Pick<Notice, 'id' | 'title'>,
  branch: BranchAckCount,
  list: { total: number; people: { fullName: string; code: string | null; linked: boolean }[] },
  page: number,
  reportPage: number,
): RenderedPage {
  const keyboard = new InlineKeyboard();
  const back = () => keyboard.text(htmlToPlain(t('notices-ack-back-button')), callbackData(ACK_REPORT, notice.id, reportPage)).row();
  if (list.total === 0) {
    back();
    const text = t('notices-ack-all-done', { branch: branchLabel(t, branch, NAME_LIMITS[0]!), id: String(notice.id), title: notice.title, total: branch.total });
    return { text, keyboard };
  }
  const pages = pageCount(list.total, NAMES_PER_PAGE);
  const text = fitting((nameMax) =>
    joinHtml([
      t('notices-ack-missing-title', {
        branch: branchLabel(t, branch, nameMax),
        id: String(notice.id),
        title: notice.title,
        missing: list.total,
        total: branch.total,
        page: page + 1,
        pages,
      }),
      ...list.people.map((p, i) =>
        t('notices-ack-missing-line', {
          n: page * NAMES_PER_PAGE + i + 1,
          name: shortenLabel(p.fullName, nameMax),
          code: p.code ? ` (${shortenLabel(p.code, 20)})` : '',
          unlinked: p.linked ? '' : t('notices-ack-missing-unlinked'),
        }),
      ),
    ]),
  );
  pagerRow(keyboard, t, { page, pages }, (p) => callbackData(ACK_BRANCH, notice.id, branchArg(branch.branchId), p));
  back();
  return { text, keyboard };
}
