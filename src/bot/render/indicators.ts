/**
 * How indicators read: figures (91,2% · 860/1.300 người), targets ("từ 90% trở lên", "không có tổ
 * chức nào"), status, progress bar and pace, and the reporting nudges. Periods and terms are
 * written by the domain's formatPeriod and formatTerm, as everywhere else.
 */
import { type Aggregate, type Assessment, formatPeriod, type Period, progressBar, type Status } from '../../domain/indicators.js';
import type { Locale } from '../../domain/locale.js';
import { formatDateTime } from '../../domain/time.js';
import { type BranchRow, isPercentKind, type Indicator, type IndicatorMessages, type Resolution, type YearFigure } from '../../services/indicators.js';
import type { IndicatorChartInput } from './chart.js';
import type { RenderedMessage } from '../../services/notices.js';
import type { Translator } from '../i18n.js';
import { type Html, htmlToPlain, joinHtml } from './html.js';

type T = (key: string, args?: Record<string, string | number | Html>) => Html;

const numberFormats = new Map<string, Intl.NumberFormat>();
export function formatNumber(value: number, locale: Locale, maximumFractionDigits = 1): string {
  const key = `${locale}:${maximumFractionDigits}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits });
    numberFormats.set(key, f);
  }
  return f.format(value);
}

/** A number with its unit: "1.049 đảng viên", "2 tổ chức", "12" (no unit). */
export function quantity(value: number, unit: string, locale: Locale): string {
  return `${formatNumber(value, locale)} ${unit}`.trim();
}

/** A figure with its meaning: "91,2% (456/500)", "860", "0". */
export function figure(indicator: Pick<Indicator, 'kind'>, numerator: number, denominator: number | null, locale: Locale): string {
  if (isPercentKind(indicator.kind)) {
    if (!denominator) return '—';
    return `${formatNumber((numerator / denominator) * 100, locale)}% (${formatNumber(numerator, locale)}/${formatNumber(denominator, locale)})`;
  }
  return formatNumber(numerator, locale);
}

export function aggregateFigure(indicator: Indicator, agg: Aggregate, locale: Locale): string {
  if (agg.value === null) return '—';
  return figure(indicator, agg.numerator, agg.denominator, locale);
}

/** The target in words: "từ 90% trở lên", "1.300 đảng viên", "không có tổ chức nào", "không quá 2 tổ chức". */
export function targetText(t: T, indicator: Indicator, locale: Locale): string {
  const target = formatNumber(indicator.target, locale);
  if (isPercentKind(indicator.kind)) return htmlToPlain(t('ind-target-percent', { target }));
  if (indicator.kind === 'upper_bound') {
    const unit = indicator.unit || htmlToPlain(t('ind-unit-fallback'));
    return htmlToPlain(indicator.target === 0 ? t('ind-target-none', { unit }) : t('ind-target-at-most', { target, unit }));
  }
  return quantity(indicator.target, indicator.unit, locale);
}

/** A status in words with its mark: "✅ Đạt". */
export function statusText(t: T, status: Status): Html {
  return t(`status-${status}`);
}

/** The figure against the target, e.g. "91,3% · chỉ tiêu từ 90% trở lên", "251/1.300 đảng viên". */
export function figureAgainstTarget(t: T, indicator: Indicator, agg: Aggregate, locale: Locale): Html {
  if (agg.value === null) return t('ind-figure-none');
  if (isPercentKind(indicator.kind))
    return t('ind-figure-percent', { value: `${formatNumber(agg.value, locale)}%`, target: targetText(t, indicator, locale) });
  if (indicator.kind === 'upper_bound')
    return t('ind-figure-bound', { value: quantity(agg.value, indicator.unit, locale), target: targetText(t, indicator, locale) });
  return t('ind-figure-count', { value: formatNumber(agg.value, locale), target: quantity(indicator.target, indicator.unit, locale) });
}

/** "còn cần thêm 2 tổ chức trong 49 tháng tới", with "bình quân 22 đảng viên mỗi tháng" when that is at least one. */
export function paceText(t: T, indicator: Indicator, a: Assessment, locale: Locale): Html | null {
  if (!a.pace) return null;
  const args = { remaining: quantity(a.pace.remaining, indicator.unit, locale), months: a.pace.monthsLeft };
  if (a.pace.perMonth === null) return t('ind-pace', args);
  return t('ind-pace-monthly', { ...args, perMonth: quantity(a.pace.perMonth, indicator.unit, locale) });
}

/** Two lines for the overview: the figure against the target with bar and status, and the pace. */
export function statusLines(t: T, indicator: Indicator, agg: Aggregate, a: Assessment, locale: Locale): Html[] {
  const lines = [joinHtml(['   ', figureAgainstTarget(t, indicator, agg, locale), ' ', progressBar(a.progress), ' · ', statusText(t, a.status)], '')];
  const pace = paceText(t, indicator, a, locale);
  if (pace) lines.push(joinHtml(['   ', pace], ''));
  return lines;
}

/**
 * What the chart of an indicator shows: its name (the code is for typing, not for reading), its
 * term and period, each year with the status the text gives it, and the organisations.
 */
export function chartInput(
  t: T,
  locale: Locale,
  d: { indicator: Indicator; resolution: Resolution; period: Period; over: boolean; years: YearFigure[]; breakdown: BranchRow[] },
): IndicatorChartInput {
  const { indicator, resolution } = d;
  return {
    title: indicator.title,
    kind: indicator.kind,
    unit: indicator.unit,
    target: indicator.target,
    targetText: targetText(t, indicator, locale),
    targetYear: indicator.targetYear,
    term: { startYear: resolution.termStartYear, endYear: resolution.termEndYear },
    period: d.period,
    over: d.over,
    years: d.years.map((y) => ({ year: y.year, value: y.aggregate.value, status: y.assessment.status, period: y.period, partial: y.partial })),
    branches: d.breakdown.map((r) => ({ label: r.branchName, value: r.value, status: r.status })),
  };
}

export class IndicatorRenderer implements IndicatorMessages {
  constructor(
    private readonly translator: Translator,
    private readonly timeZone: string,
  ) {}

  reportNudge(branchName: string, period: Period, missing: Indicator[], deadline: Date, locale: Locale): RenderedMessage {
    const t: T = (k, a) => this.translator.t(locale, k, a);
    const list = missing.map((i) => `• ${i.code} · ${i.title}`).join('\n');
    return {
      text: t('report-nudge', {
        period: formatPeriod(period, locale),
        branch: branchName,
        deadline: formatDateTime(deadline, this.timeZone),
        count: missing.length,
        list,
      }).value,
    };
  }

  missingReports(period: Period, branchNames: string[], locale: Locale): RenderedMessage {
    const t: T = (k, a) => this.translator.t(locale, k, a);
    if (branchNames.length === 0) return { text: t('report-missing-none', { period: formatPeriod(period, locale) }).value };
    return {
      text: joinHtml([t('report-missing-title', { period: formatPeriod(period, locale), count: branchNames.length }), ...branchNames.map((n) => `• ${n}`)]).value,
    };
  }
}
