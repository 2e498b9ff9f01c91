/**
 * GET /app/api/meetings: for each organisation in view, the last twelve months of branch meetings
 * (the regular meeting of each month, the thematic one of each quarter, documents a day ahead,
 * attendance) and the members absent three times this year without a reason; for a plain member,
 * their own meetings only.
 */
import { formatPeriod, type Period, periodOf } from '../../domain/indicators.js';
import { zonedWallTimeToUtc } from '../../domain/datetime-parse.js';
import { localParts } from '../../domain/time.js';
import type { Meeting } from '../../services/meetings.js';
import type { MeetingMark, MeetingsResponse } from '../contract.js';
import { allowQuery, type ApiRequest } from '../request.js';
import type { Sheet } from '../sheet.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Members this many times absent without a reason in a year are considered for removal (DOMAIN.md). */
const ABSENCE_THRESHOLD = 3;

interface Month {
  key: string;
  year: number;
  month: number;
  start: Date;
  end: Date;
}

/** The last twelve months, oldest first, the current one last. */
function lastTwelveMonths(req: ApiRequest): Month[] {
  const now = localParts(req.deps.clock.now(), req.timeZone);
  const out: Month[] = [];
  for (let back = 11; back >= 0; back--) {
    const index = now.year * 12 + (now.month - 1) - back;
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    const next = index + 1;
    out.push({
      key: `${year}-${String(month).padStart(2, '0')}`,
      year,
      month,
      start: zonedWallTimeToUtc({ year, month, day: 1 }, 0, 0, req.timeZone),
      end: zonedWallTimeToUtc({ year: Math.floor(next / 12), month: (next % 12) + 1, day: 1 }, 0, 0, req.timeZone),
    });
  }
  return out;
}

const isRegular = (m: Meeting) => m.kind === 'regular';
const isThematic = (m: Meeting) => m.kind === 'thematic' || (m.kind === 'regular' && m.combinedThematic);

/** held: one took place; planned: one is scheduled later in the span; missed: the span is over without one; none: not yet. */
function mark(found: readonly Meeting[], spanEnd: Date, now: number): { mark: MeetingMark; meeting: Meeting | null } {
  const held = found.find((m) => m.startsAt.getTime() <= now);
  if (held) return { mark: 'held', meeting: held };
  if (found[0]) return { mark: 'planned', meeting: found[0] };
  return { mark: spanEnd.getTime() <= now ? 'missed' : 'none', meeting: null };
}

export function meetings(req: ApiRequest): MeetingsResponse {
  allowQuery(req.query, ['cluster']);
  const months = lastTwelveMonths(req);
  const from = months[0]!.start;
  const to = months.at(-1)!.end;
  const now = req.deps.clock.now().getTime();
  const quarterKeys = [...new Set(months.map((m) => periodOf(m)))];
  const base = {
    months: months.map((m) => ({ month: m.key, label: `${String(m.month).padStart(2, '0')}/${m.year}` })),
    quarters: quarterKeys.map((q) => ({ quarter: q, label: formatPeriod(q, req.locale) })),
  };
  if (req.scope.view === 'member') {
    req.organisations(); // a plain member's ?cluster= is refused like everyone else's
    return { ...base, rows: [], absentees: [], mine: mine(req, from) };
  }

  const organisations = req.organisations();
  const dashboard = req.services.dashboard;
  const all = req.services.meetings.between(from, to, organisations.map((o) => o.id), false);
  const byBranch = new Map<number, Meeting[]>();
  for (const m of all) {
    if (m.branchId === null) continue;
    let list = byBranch.get(m.branchId);
    if (!list) byBranch.set(m.branchId, (list = []));
    list.push(m);
  }
  const posted = dashboard.documentsPostedAt(all);
  const attendance = dashboard.attendanceByMeeting(from, to);
  const quarterEnd = (q: Period) => months.filter((m) => periodOf(m) === q).at(-1)!.end;
  const docsEarly = (m: Meeting | null): boolean | null => {
    const at = m ? posted.get(m.id) : undefined;
    return m && at ? at.getTime() <= m.startsAt.getTime() - DAY_MS : null;
  };
  const rate = (m: Meeting | null) => {
    const a = m ? attendance.get(m.id) : undefined;
    return a && a.total > 0 ? a.present / a.total : null;
  };

  const rows = organisations.map((o) => {
    const list = byBranch.get(o.id) ?? [];
    let present = 0;
    let total = 0;
    for (const m of list) {
      const a = attendance.get(m.id);
      if (!a) continue;
      present += a.present;
      total += a.total;
    }
    return {
      orgId: o.id,
      orgName: o.name,
      clusterName: o.clusterName,
      months: months.map((month) => {
        const found = list.filter((m) => isRegular(m) && m.startsAt >= month.start && m.startsAt < month.end);
        const { mark: regular, meeting } = mark(found, month.end, now);
        return { regular, docsEarly: docsEarly(meeting), attendanceRate: rate(meeting) };
      }),
      quarters: quarterKeys.map((q) => {
        const start = months.find((m) => periodOf(m) === q)!.start;
        const end = quarterEnd(q);
        return { thematic: mark(list.filter((m) => isThematic(m) && m.startsAt >= start && m.startsAt < end), end, now).mark };
      }),
      attendanceRate: total > 0 ? present / total : null,
    };
  });

  const year = localParts(req.deps.clock.now(), req.timeZone).year;
  const inView = new Map(organisations.map((o) => [o.id, o]));
  const absentees = dashboard
    .absentees(zonedWallTimeToUtc({ year, month: 1, day: 1 }, 0, 0, req.timeZone), zonedWallTimeToUtc({ year: year + 1, month: 1, day: 1 }, 0, 0, req.timeZone), ABSENCE_THRESHOLD)
    .filter((a) => a.branchId !== null && inView.has(a.branchId))
    .map((a) => ({ memberId: a.memberId, name: a.name, orgName: inView.get(a.branchId!)!.name, absences: a.absences }));
  return { ...base, rows, absentees, mine: [] };
}

/** A plain member's meetings: their branch's, the branches' above it and the bloc's, from `from` to 60 days ahead. */
function mine(req: ApiRequest, from: Date): MeetingsResponse['mine'] {
  const until = new Date(req.deps.clock.now().getTime() + 60 * DAY_MS);
  const list = req.services.meetings.inRangeFor(req.member.branchId, from, until);
  const attended = req.services.dashboard.attendanceOf(req.member.id, list.map((m) => m.id));
  return list.map((m) => ({
    id: m.id,
    title: m.title,
    startsAt: m.startsAt.toISOString(),
    whenLabel: req.dateTime(m.startsAt),
    kindLabel: req.t(m.kind === 'regular' && m.combinedThematic ? 'meeting-kind-regular-combined' : `meeting-kind-${m.kind}`),
    attended: attended.get(m.id) ?? null,
  }));
}

export function meetingsSheet(req: ApiRequest, data: MeetingsResponse): Sheet {
  // One translation per mark, not per cell (a bloc's grid has a couple of thousand cells).
  const marks = new Map((['held', 'missed', 'planned', 'none'] as const).map((m) => [m, req.t(`dash-mark-${m}`)]));
  const markText = (m: MeetingMark) => marks.get(m)!;
  const percent = (r: number | null) => (r === null ? null : `${Math.round(r * 100)}%`);
  if (req.scope.view === 'member') {
    return {
      name: req.t('dash-col-meeting'),
      fileName: 'sinh-hoat.xlsx',
      columns: [
        { header: req.t('dash-col-meeting'), max: 60 },
        { header: req.t('dash-col-when'), max: 20 },
        { header: req.t('dash-col-kind'), max: 40 },
        { header: req.t('dash-col-attended') },
      ],
      rows: data.mine.map((m) => [m.title, m.whenLabel, m.kindLabel, m.attended === null ? null : req.t(m.attended ? 'dash-yes' : 'dash-no')]),
    };
  }
  return {
    name: req.t('dash-col-meeting'),
    fileName: 'sinh-hoat.xlsx',
    columns: [
      { header: req.t('dash-col-organisation'), max: 60 },
      { header: req.t('dash-col-cluster'), max: 40 },
      ...data.months.map((m) => ({ header: m.label, max: 16 })),
      ...data.quarters.map((q) => ({ header: req.t('dash-col-thematic', { quarter: q.label }), max: 22 })),
      { header: req.t('dash-col-attendance') },
    ],
    rows: data.rows.map((r) => [
      r.orgName,
      r.clusterName,
      ...r.months.map((m) => markText(m.regular)),
      ...r.quarters.map((q) => markText(q.thematic)),
      percent(r.attendanceRate),
    ]),
  };
}
