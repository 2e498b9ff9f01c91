/**
 * How notices read: for recipients (the same function makes the author's preview, so the preview
 * is exactly what recipients get), reminders, secretaries' digests and the author's report.
 */
import { InlineKeyboard } from 'grammy';
import type { Locale } from '../../domain/locale.js';
import type { DeliveryReport, Notice, NoticeMessages, RenderedMessage } from '../../services/notices.js';
import { callbackData } from '../callback-data.js';
import { failureText } from './delivery.js';
import type { Translator } from '../i18n.js';
import { Html, htmlToPlain, joinHtml } from './html.js';

export const ACK = 'ack';

export function ackKeyboard(t: Translator, locale: Locale, noticeId: number): InlineKeyboard {
  return new InlineKeyboard().text(htmlToPlain(t.t(locale, 'notice-ack-button')), callbackData(ACK, noticeId));
}

/** The header every recipient sees above the notice. */
export function noticeHeader(t: Translator, locale: Locale, author: string): Html {
  return t.t(locale, 'notice-header', { from: author || t.t(locale, 'notice-from-office') });
}

export class NoticeRenderer implements NoticeMessages {
  constructor(private readonly t: Translator) {}

  notice(n: Pick<Notice, 'id' | 'body' | 'requireAck'>, author: string, locale: Locale): RenderedMessage {
    const text = joinHtml([noticeHeader(this.t, locale, author), new Html(n.body)], '\n\n').value;
    return { text, replyMarkup: n.requireAck ? ackKeyboard(this.t, locale, n.id) : undefined };
  }

  ackReminder(n: Notice, locale: Locale): RenderedMessage {
    return { text: this.t.t(locale, 'notice-reminder', { title: n.title }).value, replyMarkup: ackKeyboard(this.t, locale, n.id) };
  }

  secretaryDigest(n: Notice, branchName: string, names: string[], locale: Locale): RenderedMessage {
    return {
      text: this.t.t(locale, 'notice-digest', { title: n.title, branch: branchName, count: names.length, names: names.join(', ') }).value,
    };
  }

  deliveryReport(n: Notice, r: DeliveryReport, locale: Locale): RenderedMessage {
    const t = (key: string, args?: Record<string, string | number | Html>) => this.t.t(locale, key, args);
    const lines: Html[] = [t('notice-report-title', { title: n.title }), t('notice-report-sent', { sent: r.counts.sent })];
    if (r.unreachable.length) {
      lines.push(t('notice-report-unreachable', { count: r.unreachable.length }));
      for (const u of r.unreachable.slice(0, 50)) {
        const reason = u.skipped ? t(u.skipped === 'member' ? 'notice-report-skipped-member' : 'notice-report-skipped-group') : failureText(t, u.reason);
        lines.push(joinHtml(['  • ', u.label, ': ', reason], ''));
      }
    }
    if (r.failed.length) {
      lines.push(t('notice-report-failed', { count: r.failed.length }));
      for (const f of r.failed.slice(0, 50)) lines.push(joinHtml(['  • ', f.label, ': ', failureText(t, f.reason)], ''));
    }
    if (r.notLinked) lines.push(t('notice-report-not-linked', { count: r.notLinked }));
    if (n.requireAck) lines.push(t('notice-report-ack', { id: String(n.id) }));
    return { text: joinHtml(lines).value };
  }
}
