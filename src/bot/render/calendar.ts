/**
 * A member's meetings as calendar text, in the member's language: the /lichics file and the
 * subscription feed (src/http/calendar-feed.ts) read the same. The writer itself is src/domain/ical.ts.
 */
import { type CalendarOptions, meetingCalendar } from '../../domain/ical.js';
import type { Meeting } from '../../services/meetings.js';
import type { Translate } from '../i18n.js';
import { htmlToPlain } from './html.js';
import { kindLabel } from './meeting.js';

export function memberCalendar(
  t: Translate,
  list: readonly Meeting[],
  names: { branchName(branchId: number | null): string | null },
  options: CalendarOptions,
): string {
  return meetingCalendar(
    list.map((m) => ({
      meeting: m,
      description: [htmlToPlain(kindLabel(t, m)), names.branchName(m.branchId) ?? '', m.agenda].filter(Boolean).join('\n'),
    })),
    options,
  );
}
