/**
 * How indicators read: figures (91,2% · 860/1.300 người), status, progress bar and pace, the
 * /chitieu overview and detail, and the reporting nudges.
 */
import { type Aggregate, type Assessment, type Period, periodBounds, progressBar } from '../../domain/indicators.js';
import type { Locale } from '../../domain/locale.js';
import { formatDateTime } from '../../domain/time.js';
import { isPercentKind, type Indicator, type IndicatorMessages } from '../../services/indicators.js';
import type { RenderedMessage } from '../../services/notices.js';
import type { Translator } from '../i18n.js';
import { type Html, joinHtml } from './html.js';

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

/** "Q3/2026" */
export function periodLabel(p: Period): string {
  const { quarter, year } = periodBounds(p);
  return `Q${quarter}/${year}`;
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

/** "≥ 90%", "1.300 người", "tối đa 0" */
export function targetText(t: T, indicator: Indicator, locale: Locale): string {
  if (isPercentKind(indicator.kind)) return `≥ ${formatNumber(indicator.target, locale)}%`;
  if (indicator.kind === 'upper_bound') return `≤ ${formatNumber(indicator.target, locale)} ${indicator.unit}`.trim();
  return `${formatNumber(indicator.target, locale)} ${indicator.unit}`.trim();
}

/** Two lines for the overview: the figure against the target with bar and status, and the pace. */
export function statusLines(t: T, indicator: Indicator, agg: Aggregate, a: Assessment, locale: Locale): Html[] {
  const status = t(`status-${a.status}`);
  let fig: Html;
  if (agg.value === null) fig = t('ind-figure-none');
  else if (isPercentKind(indicator.kind))
    fig = t('ind-figure-percent', { value: `${formatNumber(agg.value, locale)}%`, op: '≥', target: formatNumber(indicator.target, locale) });
  else if (indicator.kind === 'upper_bound')
    fig = t('ind-figure-bound', { value: formatNumber(agg.value, locale), unit: indicator.unit, target: formatNumber(indicator.target, locale) });
  else fig = t('ind-figure-count', { value: formatNumber(agg.value, locale), target: formatNumber(indicator.target, locale), unit: indicator.unit });
  const lines = [joinHtml(['   ', fig, ' ', progressBar(a.progress), ' · ', status], '')];
  if (a.pace) {
    lines.push(
      joinHtml(
        ['   ', t('ind-pace', { remaining: formatNumber(a.pace.remaining, locale), months: a.pace.monthsLeft, perMonth: formatNumber(a.pace.perMonth, locale) })],
        '',
      ),
    );
  }
  return lines;
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
        period: periodLabel(period),
        branch: branchName,
        deadline: formatDateTime(deadline, this.timeZone),
        count: missing.length,
        list,
      }).value,
    };
  }

  missingReports(period: Period, branchNames: string[], locale: Locale): RenderedMessage {
    const t: T = (k, a) => this.translator.t(locale, k, a);
    if (branchNames.length === 0) return { text: t('report-missing-none', { period: periodLabel(period) }).value };
    return {
      text: joinHtml([t('report-missing-title', { period: periodLabel(period), count: branchNames.length }), ...branchNames.map((n) => `• ${n}`)]).value,
    };
  }
}
