/**
 * Column values as drizzle's column modes give them, for the few statements read by hand on hot
 * paths (MeetingService.between, MemberService.findByTelegramId), whose tests compare every field
 * with drizzle's.
 */

/** A nullable `timestamp_ms` column. */
export function dateOrNull(ms: number | null): Date | null {
  return ms === null ? null : new Date(ms);
}
