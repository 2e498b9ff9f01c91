/**
 * How meetings read: the card (when, where, topic, documents, RSVP buttons) used in /lichhop,
 * announcements and reminders, and the texts of updates, digests and nudges.
 */
import { InlineKeyboard } from 'grammy';
import type { Locale } from '../../domain/locale.js';
import { formatPeriod, makePeriod, type Quarter } from '../../domain/indicators.js';
import { describeRule, type RecurrenceRule } from '../../domain/recurrence.js';
import { shortenLabel } from '../../domain/text.js';
import { formatDate, formatDateTime, formatTime, localParts } from '../../domain/time.js';
import type { MeetingMessages } from '../../services/meeting-reminders.js';
import type { Meeting, MeetingChange, Series } from '../../services/meetings.js';
import type { RenderedMessage } from '../../services/notices.js';
import { callbackData } from '../callback-data.js';
import type { Translator } from '../i18n.js';
import { type Html, htmlToPlain, joinHtml } from './html.js';
import { pageLabel, pageOf, pagerRow } from './paging.js';

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

/** A /lichhop list: its scope and range travel on its buttons (checked again on every press). */
export interface MeetingListKey {
  /** 0: the chat's own scope (my branch; in a group, the group's; the office without a branch, the bloc). */
  branchId: number;
  /** 0: the next 30 days; otherwise the index of the range phrase + 1. */
  range: number;
}

/** mlp:<branch>:<range>:<page> */
export const MEETING_LIST_PAGE = 'mlp';
/** mlo:<meeting>:<branch>:<range>:<page>: opens the card, and remembers the page to go back to. */
export const MEETING_LIST_OPEN = 'mlo';
export const MEETINGS_PER_PAGE = 10;
/** Characters of a title and of a branch name in a list line (the card has them whole). */
const LIST_TITLE_MAX = 70;
const LIST_BRANCH_MAX = 40;

export interface MeetingListItem {
  meeting: Meeting;
  /** The branch's short name (or name); null for the bloc. */
  branchLabel: string | null;
}

/**
 * One message: the heading, a compact line per meeting of the page (03/12 14h30 · kind · title ·
 * branch), a button per meeting that opens its card, and ◀ ▶ when there is more than one page.
 * Titles and names are shortened, so a page always fits one message.
 */
export function meetingListPage(
  t: T,
  heading: Html,
  items: readonly MeetingListItem[],
  key: MeetingListKey,
  requestedPage: number,
  tz: string,
): { text: Html; keyboard: InlineKeyboard; page: number } {
  const page = pageOf(items, requestedPage, MEETINGS_PER_PAGE);
  // The branch is worth a column only when the list mixes branches.
  const showBranch = new Set(items.map((i) => i.meeting.branchId)).size > 1;
  const keyboard = new InlineKeyboard();
  const lines: Html[] = [joinHtml([heading, pageLabel(t, page)].filter((p) => p !== null), ' ')];
  page.items.forEach(({ meeting: m, branchLabel }, i) => {
    const n = page.offset + i + 1;
    const date = formatDate(m.startsAt, tz).slice(0, 5);
    const time = formatTime(m.startsAt, tz);
    const title = shortenLabel(m.title, LIST_TITLE_MAX);
    const branch = showBranch ? ` · ${shortenLabel(branchLabel ?? htmlToPlain(t('meeting-whole-bloc')), LIST_BRANCH_MAX)}` : '';
    lines.push(t('meetings-list-line', { n, date, time, kind: t(`meeting-kind-short-${m.kind === 'regular' && m.combinedThematic ? 'regular-combined' : m.kind}`), title, branch }));
    keyboard.text(shortenLabel(`${n}. ${date} ${time} · ${m.title}`), callbackData(MEETING_LIST_OPEN, m.id, key.branchId, key.range, page.page)).row();
  });
  lines.push(t('meetings-list-hint'));
  pagerRow(keyboard, t, page, (p) => callbackData(MEETING_LIST_PAGE, key.branchId, key.range, p));
  return { text: joinHtml(lines), keyboard, page: page.page };
}
