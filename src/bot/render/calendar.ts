/**
 * The .ics file of /lichics: one event per meeting, times in UTC (every calendar shows them in its
 * own zone). The `ics` library writes the events; its lines are then folded again at 75 octets.
 */
import { createEvents, type EventAttributes } from 'ics';
import { refoldIcal } from '../../domain/ical-fold.js';
import type { Meeting } from '../../services/meetings.js';

export interface CalendarEvent {
  meeting: Pick<Meeting, 'id' | 'startsAt' | 'durationMinutes' | 'title' | 'location'>;
  /** Plain text: the kind, the branch, the agenda. */
  description: string;
}

export function meetingCalendar(events: readonly CalendarEvent[], options: { uidDomain: string; calendarName: string }): string {
  const attributes: EventAttributes[] = events.map(({ meeting: m, description }) => {
    const s = m.startsAt;
    return {
      uid: `meeting-${m.id}@${options.uidDomain}`,
      start: [s.getUTCFullYear(), s.getUTCMonth() + 1, s.getUTCDate(), s.getUTCHours(), s.getUTCMinutes()],
      startInputType: 'utc',
      startOutputType: 'utc',
      duration: { minutes: m.durationMinutes },
      title: m.title,
      location: m.location || undefined,
      description: description || undefined,
      productId: 'bloc-office-bot',
      calName: options.calendarName,
    };
  });
  const { error, value } = createEvents(attributes);
  if (error || !value) throw error ?? new Error('calendar could not be built');
  return refoldIcal(value);
}
