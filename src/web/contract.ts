/**
 * The dashboard's JSON contract: what its API (src/web/api/) answers and its page (src/web/client/)
 * reads. Types only, imported by both sides, so a change to one side that the other does not follow
 * fails the type check.
 *
 * Paths (all under the Mini App's base path `/app/`, which WEBAPP_URL points to):
 *   GET  /app/                          the page (index.html), assets under /app/assets/…
 *   GET  /app/api/me                    → MeResponse
 *   GET  /app/api/indicators[?resolution=ID][&cluster=ID]            → IndicatorsResponse
 *   GET  /app/api/indicators/:id[?cluster=ID]                         → IndicatorDetail
 *   GET  /app/api/indicators/:id/organisations/:orgId                 → OrganisationHistory
 *   GET  /app/api/reports[?cluster=ID]                                → ReportsResponse
 *   POST /app/api/reports/remind        body RemindRequest            → RemindResponse (office only)
 *   GET  /app/api/meetings[?cluster=ID]                               → MeetingsResponse
 *   GET  /app/api/notices[?cluster=ID]                                → NoticesResponse
 *   GET  /app/api/notices/:id[?cluster=ID]                            → NoticeDetail
 *   GET  /app/api/notices/:id/organisations/:orgId                    → NoticeOrganisationDetail
 *   GET  /app/api/coverage[?cluster=ID]                               → CoverageResponse
 *   POST /app/api/downloads             body DownloadRequest          → DownloadResponse
 *   GET  /app/api/download?token=…      the .xlsx of a table (see DownloadRequest)
 *
 * Every /app/api/ call except /download carries `Authorization: tma <init data>` (the raw
 * tgWebAppData launch parameter). Missing, forged or expired (auth_date over a day old) init data,
 * or a user who is not a registered member: 401 with { error: 'unauthorized' } and nothing else.
 * A registered member asking for what their role does not show: 403 { error: 'forbidden' }. A plain
 * member ('member' view) gets 403 from indicators, reports, coverage and a notice's detail (their
 * own notices and meetings come from /notices and /meetings); ?cluster= is the office's only.
 * Unknown ids: 404 { error: 'not_found' }. Bad query or body: 400 { error: 'bad_request' }.
 *
 * Instants are ISO-8601 strings in UTC; every `…Label` is already formatted for the viewer's
 * language by the server (periods "quý IV/2026", dates dd/mm/yyyy, times 14h30, statuses), so the
 * page never formats a domain value itself.
 */

export type Lang = 'vi' | 'en';

/** office: the whole bloc; organisation: a secretary's or deputy's organisation and its sub-cells; member: only their own. */
export type View = 'office' | 'organisation' | 'member';

export interface ApiError {
  error: 'unauthorized' | 'forbidden' | 'not_found' | 'bad_request';
}

export interface OrganisationRef {
  id: number;
  code: string;
  name: string;
  /** 'committee' (đảng bộ cơ sở) or 'cell' (chi bộ), as branches.kind says. */
  kind: string;
  parentId: number | null;
  clusterId: number | null;
  clusterName: string | null;
}

export interface MeResponse {
  name: string;
  language: Lang;
  view: View;
  /** The organisations the viewer may see: all for the office, their subtree for a secretary or deputy, none for a plain member. */
  organisations: OrganisationRef[];
  /** For the office's cluster filter; empty for everyone else. */
  clusters: { id: number; name: string }[];
  /** Today in Asia/Ho_Chi_Minh, yyyy-mm-dd. */
  today: string;
  currentPeriod: string;
  currentPeriodLabel: string;
}

// ---------------------------------------------------------------- indicators

export type IndicatorStatus = 'reached' | 'on_track' | 'behind' | 'pending' | 'missed' | 'no_data';

export interface ResolutionRef {
  id: number;
  code: string;
  name: string;
  /** "nhiệm kỳ 2025–2030" */
  termLabel: string;
  current: boolean;
  closed: boolean;
}

export interface IndicatorCard {
  id: number;
  code: string;
  title: string;
  unit: string;
  /** 'count': a cumulative count over the term (drawn as a line against the straight pace); 'percent': a rate (drawn against the target line). */
  shape: 'count' | 'percent';
  /** true for "at most" targets (lower is better). */
  upperBound: boolean;
  target: number;
  targetLabel: string;
  period: string;
  periodLabel: string;
  /** The figure of the organisations in view (the bloc for the office). */
  value: number | null;
  valueLabel: string;
  status: IndicatorStatus;
  statusLabel: string;
  /** Organisations that reported for `period`, of those expected to. */
  reported: number;
  expected: number;
}

export interface IndicatorsResponse {
  resolutions: ResolutionRef[];
  /** The resolution shown (?resolution=ID, else the current one); null when there is none. */
  resolution: ResolutionRef | null;
  /** A closed term is read-only. */
  readOnly: boolean;
  indicators: IndicatorCard[];
}

export interface SeriesPoint {
  period: string;
  label: string;
  /** The figure at the end of that quarter (cumulative for counts); null before any report. */
  value: number | null;
  /** Counts: the straight pace from 0 at the term's start to the target at its end; percents: the target. */
  reference: number | null;
  /** The current quarter, not yet complete. */
  partial: boolean;
}

export interface IndicatorRow {
  orgId: number;
  orgName: string;
  clusterName: string | null;
  value: number | null;
  valueLabel: string;
  /** The last report's time and its period's label, null if never reported this term. */
  lastReportAt: string | null;
  lastReportLabel: string | null;
  trend: 'up' | 'down' | 'flat' | null;
}

export interface IndicatorDetail {
  resolution: ResolutionRef;
  indicator: IndicatorCard;
  series: SeriesPoint[];
  rows: IndicatorRow[];
}

export interface OrganisationHistory {
  organisation: OrganisationRef;
  indicator: { id: number; code: string; title: string; unit: string; shape: 'count' | 'percent' };
  rows: { period: string; periodLabel: string; valueLabel: string; numerator: number; denominator: number | null; note: string | null; reportedAt: string }[];
}

// ---------------------------------------------------------------- reports

export interface ReportsResponse {
  period: string;
  periodLabel: string;
  deadline: string;
  deadlineLabel: string;
  /** Columns: the indicators due this quarter. */
  indicators: { id: number; code: string; title: string }[];
  rows: {
    orgId: number;
    orgName: string;
    clusterName: string | null;
    /** By indicator id: true reported, false missing, null not due for this organisation. */
    reported: Record<string, boolean | null>;
    missing: number;
    /** When the office last sent this organisation a reminder for this period from the dashboard. */
    remindedAt: string | null;
  }[];
  /** The office may send reminders from here. */
  canRemind: boolean;
}

export interface RemindRequest {
  period: string;
  orgIds: number[];
}

export interface RemindResponse {
  /** Organisations reminded now (each of their reachable secretaries gets the nudge, through the outbox). */
  queued: number;
  /** Organisations skipped: already reminded for this period today, nothing missing, or no reachable secretary. */
  skipped: { orgId: number; reason: 'already_reminded' | 'nothing_missing' | 'no_secretary' }[];
}

// ---------------------------------------------------------------- meetings

export type MeetingMark = 'held' | 'missed' | 'planned' | 'none';

export interface MeetingsResponse {
  /** The last twelve months, oldest first, 'yyyy-mm', with labels "12/2026". */
  months: { month: string; label: string }[];
  quarters: { quarter: string; label: string }[];
  rows: {
    orgId: number;
    orgName: string;
    clusterName: string | null;
    /** One per month of `months`: the regular meeting; docsEarly = documents posted at least a day before (null: no documents or no meeting). */
    months: { regular: MeetingMark; docsEarly: boolean | null; attendanceRate: number | null }[];
    /** One per quarter of `quarters`: the thematic meeting. */
    quarters: { thematic: MeetingMark }[];
    /** Attendance over the twelve months, 0..1, null without recorded attendance. */
    attendanceRate: number | null;
  }[];
  /** Members absent three times or more this year without a reason; empty for a plain member. */
  absentees: { memberId: number; name: string; orgName: string; absences: number }[];
  /** A plain member's own meetings (upcoming and the last twelve months); empty for the others. */
  mine: { id: number; title: string; startsAt: string; whenLabel: string; kindLabel: string; attended: boolean | null }[];
}

// ---------------------------------------------------------------- notices

/**
 * Counts of the recipients in view. For the office without a filter, a notice's delivered and
 * unreachable count every message of the notice (its groups' too) and equal /thongbao N's report
 * ("Đã gửi … · không gửi được …", unreachable and failed together); otherwise, and per
 * organisation, the private messages to the recipients in view.
 */
export interface NoticeCounts {
  recipients: number;
  delivered: number;
  unreachable: number;
  notLinked: number;
  acknowledged: number;
}

export interface NoticeSummary extends NoticeCounts {
  id: number;
  title: string;
  sentAt: string | null;
  sentLabel: string | null;
  authorLabel: string;
  requireAck: boolean;
  /** For a plain member: whether they acknowledged it (null when no acknowledgement is asked). */
  acknowledgedByMe?: boolean | null;
}

export interface NoticesResponse {
  /** The latest 100, newest first. */
  notices: NoticeSummary[];
}

export interface NoticeDetail {
  notice: NoticeSummary;
  /** Counts by organisation (limited to the organisations in view). */
  organisations: ({ orgId: number; orgName: string; clusterName: string | null } & NoticeCounts)[];
  /** Why recipients were unreachable, with counts ('skipped': known unreachable, not tried; else src/delivery/failure-reason.ts's kinds). */
  reasons: { reason: string; label: string; count: number }[];
}

export interface NoticeOrganisationDetail {
  notice: { id: number; title: string };
  organisation: OrganisationRef;
  people: { name: string; delivery: 'delivered' | 'waiting' | 'unreachable' | 'failed' | 'cancelled' | 'not_linked' | 'groups_only'; deliveryLabel: string; acknowledgedAt: string | null }[];
}

// ---------------------------------------------------------------- coverage

export interface CoverageResponse {
  rows: { orgId: number; orgName: string; clusterName: string | null; members: number; linked: number; groups: number }[];
  totals: { members: number; linked: number; groups: number };
}

// ---------------------------------------------------------------- downloads

/**
 * Telegram's webview cannot save a fetched blob: the page asks for a short-lived, single-table
 * download link (bound to the member, valid 5 minutes) and hands it to Telegram's
 * web_app_request_file_download (or opens it). `path` is the table's API path with its query,
 * e.g. "/app/api/reports?cluster=2"; the workbook has the same columns as the table on screen.
 */
export interface DownloadRequest {
  path: string;
}

export interface DownloadResponse {
  url: string;
  fileName: string;
}
