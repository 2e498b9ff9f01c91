/**
 * The iCalendar text of a list of meetings, for the /lichics file and the subscription feed alike:
 * one event per meeting, times in UTC (every calendar shows them in its own zone). The `ics` library
 * writes the events; its lines are then folded again at 75 octets. Pure: the same meetings give the
 * same text (DTSTAMP is when a meeting last changed, not "now"), so a feed's ETag is stable.
 */
import { createEvents, type EventAttributes } from 'ics';
import { refoldIcal } from './ical-fold.js';

export interface CalendarEvent {
  meeting: { id: number; startsAt: Date; durationMinutes: number; title: string; location: string; updatedAt: Date };
  /** Plain text: the kind, the branch, the agenda. */
  description: string;
}

export interface CalendarOptions {
  /** The right-hand side of every UID (the bot's username): the same meeting keeps its UID in the file and the feed. */
  uidDomain: string;
  calendarName: string;
}

export function meetingCalendar(events: readonly CalendarEvent[], options: CalendarOptions): string {
  const attributes: EventAttributes[] = events.map(({ meeting: m, description }) => {
    const s = m.startsAt;
    return {
      uid: `meeting-${m.id}@${options.uidDomain}`,
      start: [s.getUTCFullYear(), s.getUTCMonth() + 1, s.getUTCDate(), s.getUTCHours(), s.getUTCMinutes()],
      startInputType: 'utc',
      startOutputType: 'utc',
      duration: { minutes: m.durationMinutes },
      timestamp: m.updatedAt.getTime(),
      title: m.title,
      location: m.location || undefined,
      description: description || undefined,
    };
  });
  // The header goes apart from the events, so that an empty calendar still has its name.
  const { error, value } = createEvents(attributes, { productId: 'bloc-office-bot', calName: options.calendarName });
  if (error || !value) throw error ?? new Error('calendar could not be built');
  return refoldIcal(value);
}
