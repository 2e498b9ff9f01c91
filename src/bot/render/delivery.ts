/**
 * How delivery failures read: Telegram's refusal in plain words, and the report to whoever
 * caused a message that could not be delivered.
 */
import type { Locale } from '../../domain/locale.js';
import { formatDateTime } from '../../domain/time.js';
import { type FailureReason, failureReason } from '../../delivery/failure-reason.js';
import type { DeliveryFailureMessages, FailedDelivery } from '../../services/delivery-failures.js';
import type { RenderedMessage } from '../../services/notices.js';
import type { Translate, Translator } from '../i18n.js';
import { type Html, joinHtml } from './html.js';

/** The kinds of message the report can name (services/delivery-failures.ts sendOf); others read "an automatic message". */
const NAMED_KINDS = new Set([
  'meeting-new',
  'meeting-chg',
  'meeting-r',
  'meeting-nodocs',
  'notice-nudge1',
  'notice-nudge2',
  'notice-pin',
  'digest',
  'nudge-regular',
  'thematic-report',
  'absence-flag',
  'report-nudge',
  'report-missing',
]);

/** Telegram's refusal as a person reads it; Telegram's own words only when we have none better. */
export function failureText(t: Translate, description: string, reason: FailureReason = failureReason(description)): Html {
  return t(`delivery-reason-${reason}`, { detail: description });
}

export class DeliveryFailureRenderer implements DeliveryFailureMessages {
  constructor(
    private readonly translator: Translator,
    private readonly timeZone: string,
  ) {}

  failureReport(f: FailedDelivery, locale: Locale): RenderedMessage {
    const t = this.translator.for(locale);
    const what = t(`delivery-failed-what-${NAMED_KINDS.has(f.kind) ? f.kind : 'other'}`, {
      title: f.title ?? '',
      when: f.startsAt ? formatDateTime(f.startsAt, this.timeZone) : '',
    });
    const lines = [
      t('delivery-failed-title'),
      what,
      t('delivery-failed-count', { count: f.count }),
      t('delivery-failed-reason', { reason: failureText(t, f.description, f.reason) }),
    ];
    return { text: joinHtml(lines).value };
  }
}
