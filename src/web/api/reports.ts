/**
 * GET /app/api/reports: which organisations in view have reported which indicators due this
 * quarter, with the deadline; POST /app/api/reports/remind (the office): the missing ones'
 * secretaries get the scheduled nudge's message now, through the outbox, once a day per
 * organisation (IndicatorService.remind).
 */
import { formatPeriod, isDueIn, type Period } from '../../domain/indicators.js';
import type { RemindRequest, RemindResponse, ReportsResponse } from '../contract.js';
import { badRequest, forbidden, notFound } from '../http.js';
import { allowQuery, type ApiRequest, REPORTING_KINDS } from '../request.js';
import type { Sheet } from '../sheet.js';

/** The quarter reported now: the current term's, open for reports. */
function reportingPeriod(req: ApiRequest): { period: Period; resolutionId: number | null; open: boolean } {
  const ind = req.services.indicators;
  const period = ind.currentPeriod();
  const resolution = ind.current();
  return { period, resolutionId: resolution?.id ?? null, open: resolution !== null && !resolution.closed && !ind.isOver(resolution) };
}

export function reports(req: ApiRequest): ReportsResponse {
  allowQuery(req.query, ['cluster']);
  req.requireOrganisationView();
  const ind = req.services.indicators;
  const { period, resolutionId, open } = reportingPeriod(req);
  const deadline = ind.deadlineOf(period, req.deps.config.reportDeadlineDay);
  const organisations = req.reportingOrganisations();
  const due = open && resolutionId !== null ? ind.indicatorsOf(resolutionId).filter((i) => isDueIn(i.kind, period)) : [];
  const reported = resolutionId === null ? new Map<number, Set<number>>() : ind.reportedIn(resolutionId, period);
  const reminded = ind.remindedAt(period);
  return {
    period,
    periodLabel: formatPeriod(period, req.locale),
    deadline: deadline.toISOString(),
    deadlineLabel: req.dateTime(deadline),
    indicators: due.map((i) => ({ id: i.id, code: i.code, title: i.title })),
    rows: organisations.map((o) => {
      const done = reported.get(o.id);
      const marks: Record<string, boolean | null> = {};
      for (const i of due) marks[String(i.id)] = done?.has(i.id) ?? false;
      return {
        orgId: o.id,
        orgName: o.name,
        clusterName: o.clusterName,
        reported: marks,
        missing: due.filter((i) => !done?.has(i.id)).length,
        remindedAt: reminded.get(o.id)?.toISOString() ?? null,
      };
    }),
    canRemind: req.scope.view === 'office' && open,
  };
}

function parseRemind(body: unknown): RemindRequest {
  if (typeof body !== 'object' || body === null) throw badRequest();
  const { period, orgIds } = body as Record<string, unknown>;
  if (typeof period !== 'string' || !Array.isArray(orgIds) || orgIds.length === 0 || orgIds.length > 500) throw badRequest();
  if (!orgIds.every((id) => Number.isSafeInteger(id) && (id as number) > 0)) throw badRequest();
  return { period, orgIds: [...new Set(orgIds as number[])] };
}

export function remind(req: ApiRequest): RemindResponse {
  allowQuery(req.query, []);
  req.requireOffice();
  const { period, orgIds } = parseRemind(req.body);
  const current = reportingPeriod(req);
  // Only the quarter under way can be reminded of (the page shows no other).
  if (period !== current.period) throw badRequest();
  if (!current.open) throw forbidden();
  for (const id of orgIds) {
    const branch = req.services.branches.getById(id);
    if (!branch) throw notFound();
    if (!branch.active || !REPORTING_KINDS.includes(branch.kind)) throw badRequest();
  }
  const result = req.services.indicators.remind(current.period, orgIds, req.deps.config.reportDeadlineDay, req.today());
  return { queued: result.queued.length, skipped: result.skipped.map((s) => ({ orgId: s.branchId, reason: s.reason })) };
}

export function reportsSheet(req: ApiRequest, data: ReportsResponse): Sheet {
  const mark = (v: boolean | null | undefined) => (v === null || v === undefined ? '' : req.t(v ? 'dash-yes' : 'dash-no'));
  return {
    name: data.periodLabel,
    fileName: `bao-cao-${data.period.toLowerCase()}.xlsx`,
    columns: [
      { header: req.t('dash-col-organisation'), max: 60 },
      { header: req.t('dash-col-cluster'), max: 40 },
      ...data.indicators.map((i) => ({ header: i.code, max: 16 })),
      { header: req.t('dash-col-missing') },
      { header: req.t('dash-col-reminded'), max: 20 },
    ],
    rows: data.rows.map((r) => [
      r.orgName,
      r.clusterName,
      ...data.indicators.map((i) => mark(r.reported[String(i.id)])),
      r.missing,
      r.remindedAt ? req.dateTime(new Date(r.remindedAt)) : null,
    ]),
  };
}
