/**
 * How meetings read: the card (when, where, topic, documents, RSVP buttons) used in /lichhop,
 * announcements and reminders, and the texts of updates, digests and nudges.
 */
import { InlineKeyboard } from 'grammy';
import type { Locale } from '../../domain/locale.js';
import { formatPeriod, makePeriod, type Quarter } from '../../domain/indicators.js';
import { describeRule, type RecurrenceRule } from '../../domain/recurrence.js';
import { formatDate, formatDateTime, formatTime, localParts } from '../../domain/time.js';
import type { MeetingMessages } from '../../services/meeting-reminders.js';
import type { Meeting, MeetingChange, Series } from '../../services/meetings.js';
import type { RenderedMessage } from '../../services/notices.js';
import { callbackData } from '../callback-data.js';
import type { Translator } from '../i18n.js';
import { type Html, htmlToPlain, joinHtml } from './html.js';

export const RSVP = 'rv';
export const DOCS = 'doc';

type T = (key: string, args?: Record<string, string | number | Html>) => Html;

export function kindLabel(t: T, m: Pick<Meeting, 'kind' | 'combinedThematic'>): Html {
  return t(m.kind === 'regular' && m.combinedThematic ? 'meeting-kind-regular-combined' : `meeting-kind-${m.kind}`);
}

/** "1 ngày", "2 giờ", "30 phút" */
export function offsetLabel(t: T, minutes: number): Html {
  if (minutes % 1440 === 0) return t('duration-days', { n: minutes / 1440 });
  if (minutes % 60 === 0) return t('duration-hours', { n: minutes / 60 });
  return t('duration-minutes', { n: minutes });
}

export function whenLine(t: T, m: Pick<Meeting, 'startsAt' | 'durationMinutes'>, tz: string): Html {
  const end = new Date(m.startsAt.getTime() + m.durationMinutes * 60_000);
  return t('meeting-card-when', {
    weekday: t(`weekday-${localParts(m.startsAt, tz).weekday}`),
    date: formatDate(m.startsAt, tz),
    start: formatTime(m.startsAt, tz),
    end: formatTime(end, tz),
  });
}

export interface CardOptions {
  series?: Series | null;
  rsvp?: { yes: number; no: number; none: number } | null;
  locale: Locale;
}

/** The meeting card: what a member needs to know. The meeting number is given for /suahop. */
export function meetingCard(t: T, m: Meeting, branchName: string | null, tz: string, options: CardOptions): Html {
  const lines: Html[] = [
    joinHtml([t('meeting-card-title', { title: m.title }), ` · #${m.id}`], ''),
    t('meeting-card-who', { kind: kindLabel(t, m), branch: branchName ?? t('meeting-whole-bloc') }),
    whenLine(t, m, tz),
  ];
  if (m.location) lines.push(t('meeting-card-where', { location: m.location }));
  if (m.agenda) lines.push(t('meeting-card-agenda', { agenda: m.agenda }));
  if (m.documents.length) lines.push(t('meeting-card-docs', { count: m.documents.length }));
  if (options.series) lines.push(t('meeting-card-repeat', { rule: describeRule(options.series.rule as RecurrenceRule, options.locale) }));
  if (options.rsvp) lines.push(t('meeting-card-rsvp', options.rsvp));
  return joinHtml(lines);
}

/** RSVP buttons, and the documents button when there are documents. */
export function meetingKeyboard(t: T, m: Meeting, extra?: InlineKeyboard): InlineKeyboard {
  const kb = new InlineKeyboard()
    .text(htmlToPlain(t('meeting-button-yes')), callbackData(RSVP, m.id, 1))
    .text(htmlToPlain(t('meeting-button-no')), callbackData(RSVP, m.id, 0));
  if (m.documents.length) kb.row().text(htmlToPlain(t('meeting-button-docs')), callbackData(DOCS, m.id));
  if (extra) for (const row of extra.inline_keyboard) kb.row(...row);
  return kb;
}

export class MeetingRenderer implements MeetingMessages {
  constructor(
    private readonly translator: Translator,
    private readonly timeZone: string,
  ) {}

  private t(locale: Locale): T {
    return (key, args) => this.translator.t(locale, key, args);
  }

  announce(m: Meeting, branchName: string | null, series: Series | null, locale: Locale): RenderedMessage {
    const t = this.t(locale);
    const text = joinHtml([t('meeting-new'), meetingCard(t, m, branchName, this.timeZone, { series, locale })]).value;
    return { text, replyMarkup: meetingKeyboard(t, m) };
  }

  reminder(m: Meeting, branchName: string | null, offsetMinutes: number, locale: Locale): RenderedMessage {
    const t = this.t(locale);
    const text = joinHtml([t('meeting-reminder', { in: offsetLabel(t, offsetMinutes) }), meetingCard(t, m, branchName, this.timeZone, { locale })]).value;
    return { text, replyMarkup: meetingKeyboard(t, m) };
  }

  lateNote(locale: Locale): string {
    return this.t(locale)('meeting-late-note').value;
  }

  changed(m: Meeting, branchName: string | null, change: MeetingChange, locale: Locale): RenderedMessage {
    const t = this.t(locale);
    if (change.type === 'cancelled') {
      return { text: t('meeting-cancelled', { title: m.title, when: formatDateTime(m.startsAt, this.timeZone) }).value };
    }
    const head = change.type === 'moved' ? t('meeting-moved', { from: formatDateTime(change.from, this.timeZone) }) : t('meeting-edited');
    return { text: joinHtml([head, meetingCard(t, m, branchName, this.timeZone, { locale })]).value, replyMarkup: meetingKeyboard(t, m) };
  }

  dailyDigest(items: { meeting: Meeting; branchName: string | null }[], date: Date, locale: Locale): RenderedMessage {
    const t = this.t(locale);
    const lines: Html[] = [t('meeting-digest-title', { date: formatDate(date, this.timeZone) })];
    if (items.length === 0) lines.push(t('meeting-digest-none'));
    for (const { meeting, branchName } of items) {
      lines.push(
        t('meeting-digest-line', {
          time: formatTime(meeting.startsAt, this.timeZone),
          branch: branchName ?? t('meeting-whole-bloc'),
          title: meeting.title,
          location: meeting.location ? ` · 📍 ${meeting.location}` : '',
        }),
      );
    }
    return { text: joinHtml(lines).value };
  }

  noRegularMeeting(branchName: string, month: { month: number; year: number }, locale: Locale): RenderedMessage {
    const label = `${String(month.month).padStart(2, '0')}/${month.year}`;
    return { text: this.t(locale)('meeting-no-regular', { branch: branchName, month: label }).value };
  }

  noThematicMeeting(branchNames: string[], quarter: { quarter: number; year: number }, locale: Locale): RenderedMessage {
    const t = this.t(locale);
    const period = formatPeriod(makePeriod(quarter.year, quarter.quarter as Quarter), locale);
    const q = { period: period.charAt(0).toUpperCase() + period.slice(1) };
    if (branchNames.length === 0) return { text: t('meeting-no-thematic-none', q).value };
    return {
      text: joinHtml([t('meeting-no-thematic-title', { ...q, count: branchNames.length }), ...branchNames.map((n) => `• ${n}`)]).value,
    };
  }

  noDocuments(m: Meeting, _branchName: string | null, locale: Locale): RenderedMessage {
    return {
      text: this.t(locale)('meeting-no-documents', { title: m.title, when: formatDateTime(m.startsAt, this.timeZone), id: String(m.id) }).value,
    };
  }

  absenceFlag(fullName: string, count: number, year: number, locale: Locale): RenderedMessage {
    return { text: this.t(locale)('meeting-absence-flag', { name: fullName, count, year: String(year) }).value };
  }
}
