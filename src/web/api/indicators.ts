/**
 * GET /app/api/indicators, /indicators/:id, /indicators/:id/organisations/:orgId: a term's
 * indicators with the figure of the organisations in view, one indicator over the quarters with a
 * row per organisation, and one organisation's reports. For the office without a filter every
 * figure is the one /chitieu shows (IndicatorService.summarise on the term's display period).
 */
import { formatPeriod, formatTerm, type Period, periodBounds, previousPeriod } from '../../domain/indicators.js';
import type { TranslationArgs } from '../../bot/i18n.js';
import { aggregateFigure, figure, targetText } from '../../bot/render/indicators.js';
import { type Indicator, isPercentKind, type Resolution } from '../../services/indicators.js';
import type { IndicatorCard, IndicatorDetail, IndicatorRow, IndicatorsResponse, OrganisationHistory, ResolutionRef, SeriesPoint } from '../contract.js';
import { notFound, parseId } from '../http.js';
import { allowQuery, type ApiRequest, organisationRef } from '../request.js';
import type { Sheet } from '../sheet.js';

export function resolutionRef(req: ApiRequest, r: Resolution): ResolutionRef {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    termLabel: formatTerm(r.termStartYear, r.termEndYear, req.locale),
    current: r.current,
    closed: r.closed,
  };
}

const shapeOf = (i: Indicator): 'count' | 'percent' => (isPercentKind(i.kind) ? 'percent' : 'count');

function card(req: ApiRequest, indicator: Indicator, period: Period): IndicatorCard {
  const ind = req.services.indicators;
  const s = ind.summariseFor(indicator, period, req.figureScope());
  const reporting = req.reportingOrganisations();
  const inView = new Set(reporting.map((o) => o.id));
  const reported = new Set(ind.figures(indicator.id).filter((f) => f.period === period && inView.has(f.branchId)).map((f) => f.branchId));
  const th = (key: string, args?: TranslationArgs) => req.deps.translator.t(req.locale, key, args);
  return {
    id: indicator.id,
    code: indicator.code,
    title: indicator.title,
    unit: indicator.unit,
    shape: shapeOf(indicator),
    upperBound: indicator.kind === 'upper_bound',
    target: indicator.target,
    targetLabel: targetText(th, indicator, req.locale),
    period,
    periodLabel: formatPeriod(period, req.locale),
    value: s.aggregate.value,
    valueLabel: aggregateFigure(indicator, s.aggregate, req.locale),
    status: s.assessment.status,
    statusLabel: req.t(`status-${s.assessment.status}`),
    reported: reported.size,
    expected: reporting.length,
  };
}

/** ?resolution=ID, else the current term; null when there is none. */
function chosenResolution(req: ApiRequest): Resolution | null {
  const param = req.query.get('resolution');
  if (param === null || param === '') return req.services.indicators.current();
  const found = req.services.indicators.getResolution(parseId(param));
  if (!found) throw notFound();
  return found;
}

export function indicators(req: ApiRequest): IndicatorsResponse {
  allowQuery(req.query, ['resolution', 'cluster']);
  req.requireOrganisationView();
  const ind = req.services.indicators;
  const resolution = chosenResolution(req);
  req.organisations(); // validates ?cluster= before anything is computed
  const resolutions = ind.resolutions().map((r) => resolutionRef(req, r));
  if (!resolution) return { resolutions, resolution: null, readOnly: true, indicators: [] };
  const period = ind.displayPeriod(resolution);
  return {
    resolutions,
    resolution: resolutionRef(req, resolution),
    readOnly: ind.isOver(resolution),
    indicators: ind.indicatorsOf(resolution.id).map((i) => card(req, i, period)),
  };
}

/** The straight pace (counts toward a term or a year's target) or the target line, at a quarter's end. */
function reference(indicator: Indicator, resolution: Resolution, period: Period): number {
  const { year, quarter } = periodBounds(period);
  if (indicator.kind === 'term_count') {
    const total = (resolution.termEndYear - resolution.termStartYear + 1) * 12;
    const elapsed = (year - resolution.termStartYear) * 12 + quarter * 3;
    return (indicator.target * elapsed) / total;
  }
  if (indicator.kind === 'yearly_count') return (indicator.target * quarter) / 4;
  return indicator.target;
}

function rowValue(indicator: Indicator, r: { numerator: number; denominator: number | null } | undefined): number | null {
  if (!r) return null;
  if (isPercentKind(indicator.kind)) return r.denominator ? (r.numerator * 100) / r.denominator : null;
  return r.numerator;
}

function indicatorOf(req: ApiRequest): { indicator: Indicator; resolution: Resolution } {
  const indicator = req.services.indicators.getIndicator(parseId(req.params.id));
  if (!indicator) throw notFound();
  return { indicator, resolution: req.services.indicators.getResolution(indicator.resolutionId)! };
}

export function indicatorDetail(req: ApiRequest): IndicatorDetail {
  allowQuery(req.query, ['cluster']);
  req.requireOrganisationView();
  const ind = req.services.indicators;
  const { indicator, resolution } = indicatorOf(req);
  const period = ind.displayPeriod(resolution);
  const over = ind.isOver(resolution);
  const current = ind.currentPeriod();
  const scope = req.figureScope();
  const series: SeriesPoint[] = ind.quarterly(indicator, period, scope).map((q) => ({
    period: q.period,
    label: formatPeriod(q.period, req.locale),
    value: q.aggregate.value,
    reference: reference(indicator, resolution, q.period),
    partial: !over && q.period === current,
  }));
  const now = new Map(ind.branchBreakdown(indicator, period).map((r) => [r.branchId, r]));
  const before = new Map(ind.branchBreakdown(indicator, previousPeriod(period)).map((r) => [r.branchId, r]));
  const last = ind.lastReports(indicator.id);
  const rows: IndicatorRow[] = req.reportingOrganisations().map((o) => {
    const r = now.get(o.id);
    const value = rowValue(indicator, r);
    const previous = rowValue(indicator, before.get(o.id));
    const lastReport = last.get(o.id);
    return {
      orgId: o.id,
      orgName: o.name,
      clusterName: o.clusterName,
      value,
      valueLabel: r ? figure(indicator, r.numerator, r.denominator, req.locale) : '—',
      lastReportAt: lastReport ? lastReport.reportedAt.toISOString() : null,
      lastReportLabel: lastReport ? `${formatPeriod(lastReport.period, req.locale)} · ${req.dateTime(lastReport.reportedAt)}` : null,
      trend: value === null || previous === null ? null : value > previous ? 'up' : value < previous ? 'down' : 'flat',
    };
  });
  return { resolution: resolutionRef(req, resolution), indicator: card(req, indicator, period), series, rows };
}

export function organisationHistory(req: ApiRequest): OrganisationHistory {
  allowQuery(req.query, []);
  req.requireOrganisationView();
  const { indicator } = indicatorOf(req);
  const organisation = req.organisation('orgId');
  return {
    organisation: organisationRef(organisation),
    indicator: { id: indicator.id, code: indicator.code, title: indicator.title, unit: indicator.unit, shape: shapeOf(indicator) },
    rows: req.services.indicators.reportsOf(indicator.id, organisation.id).map((r) => ({
      period: r.period,
      periodLabel: formatPeriod(r.period as Period, req.locale),
      valueLabel: figure(indicator, r.numerator, r.denominator, req.locale),
      numerator: r.numerator,
      denominator: r.denominator,
      note: r.note,
      reportedAt: r.reportedAt.toISOString(),
    })),
  };
}

// ---- the same tables as workbooks

export function indicatorsSheet(req: ApiRequest, data: IndicatorsResponse): Sheet {
  return {
    name: req.t('dash-col-indicator'),
    fileName: 'chi-tieu.xlsx',
    columns: [
      { header: req.t('dash-col-indicator'), max: 60 },
      { header: req.t('dash-col-target'), max: 30 },
      { header: req.t('dash-col-period') },
      { header: req.t('dash-col-value'), max: 30 },
      { header: req.t('dash-col-status'), max: 30 },
      { header: req.t('dash-col-reported') },
    ],
    rows: data.indicators.map((c) => [`${c.code} · ${c.title}`, c.targetLabel, c.periodLabel, c.valueLabel, c.statusLabel, `${c.reported}/${c.expected}`]),
  };
}

export function indicatorDetailSheet(req: ApiRequest, data: IndicatorDetail): Sheet {
  const trend = (t: IndicatorRow['trend']) => (t === null ? '' : req.t(`dash-trend-${t}`));
  return {
    name: data.indicator.code,
    fileName: `chi-tieu-${asciiName(data.indicator.code)}.xlsx`,
    columns: [
      { header: req.t('dash-col-organisation'), max: 60 },
      { header: req.t('dash-col-cluster'), max: 40 },
      { header: `${req.t('dash-col-value')} (${data.indicator.periodLabel})`, max: 30 },
      { header: req.t('dash-col-last-report'), max: 30 },
      { header: req.t('dash-col-trend') },
    ],
    rows: data.rows.map((r) => [r.orgName, r.clusterName, r.valueLabel, r.lastReportLabel, trend(r.trend)]),
  };
}

export function organisationHistorySheet(req: ApiRequest, data: OrganisationHistory): Sheet {
  return {
    name: data.indicator.code,
    fileName: `chi-tieu-${asciiName(data.indicator.code)}-${asciiName(data.organisation.code)}.xlsx`,
    columns: [
      { header: req.t('dash-col-period') },
      { header: req.t('dash-col-value'), max: 30 },
      { header: req.t('dash-col-numerator') },
      { header: req.t('dash-col-denominator') },
      { header: req.t('dash-col-note'), max: 60 },
      { header: req.t('dash-col-reported-at'), max: 20 },
    ],
    rows: data.rows.map((r) => [r.periodLabel, r.valueLabel, r.numerator, r.denominator, r.note, req.dateTime(new Date(r.reportedAt))]),
  };
}

/** A code as a file name: letters, digits and dashes only. */
export function asciiName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase() || 'bang';
}
