/**
 * An indicator's figure over the quarters of the term, drawn with uPlot: the figure as a solid line
 * (dashed into the current, unfinished quarter) against its reference, the straight pace to the
 * target for counts or the target itself for percentages. Colours come from the theme's CSS
 * variables, so the chart is redrawn when Telegram's theme changes.
 */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { IndicatorCard, SeriesPoint } from '../../contract.js';
import { useApp } from './common.js';

export function SeriesChart({ indicator, series, themeKey }: { indicator: IndicatorCard; series: SeriesPoint[]; themeKey: string }) {
  const { t } = useApp();
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element || series.length === 0) return;
    const css = getComputedStyle(element);
    const colour = (name: string) => css.getPropertyValue(name).trim() || '#888';
    const partialAt = series.findIndex((p) => p.partial);
    const xs = series.map((_, i) => i);
    // The solid line stops at the last complete quarter; the dashed one joins it to the partial one.
    const complete = series.map((p, i) => (partialAt >= 0 && i >= partialAt ? null : p.value));
    const partial = series.map((p, i) => (partialAt >= 0 && (i === partialAt || i === partialAt - 1) ? p.value : null));
    const reference = series.map((p) => p.reference);
    const width = () => Math.max(280, Math.floor(element.clientWidth));
    const axis = { stroke: colour('--text-hint'), grid: { stroke: colour('--grid'), width: 1 }, ticks: { stroke: colour('--grid'), width: 1 }, font: '11px system-ui, sans-serif' };
    const plot = new uPlot(
      {
        width: width(),
        height: 220,
        legend: { show: false },
        cursor: { drag: { x: false, y: false }, points: { size: 6 } },
        scales: { x: { time: false }, y: { range: (_u, min, max) => yRange(indicator, min, max) } },
        axes: [
          { ...axis, values: (_u, splits) => splits.map((i) => (Number.isInteger(i) ? shortLabel(series[i]?.label ?? '') : '')), space: 48, incrs: [1, 2, 3, 4, 5, 10] },
          { ...axis, size: 44, values: (_u, splits) => splits.map((v) => (indicator.shape === 'percent' ? `${v}%` : String(v))) },
        ],
        series: [
          {},
          { label: indicator.shape === 'count' ? t.seriesPace : t.seriesTarget, stroke: colour('--chart-reference'), width: 2, dash: [6, 4], points: { show: false } },
          { label: t.seriesValue, stroke: colour('--chart-value'), width: 3, points: { show: true, size: 6, fill: colour('--chart-value') } },
          { label: t.partialQuarter, stroke: colour('--chart-value'), width: 3, dash: [3, 4], points: { show: true, size: 7, fill: colour('--bg'), stroke: colour('--chart-value') } },
        ],
      },
      [xs, reference, complete, partial],
      element,
    );
    const resize = () => plot.setSize({ width: width(), height: 220 });
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      plot.destroy();
    };
  }, [series, indicator, themeKey]);
  return (
    <figure class="chart">
      <div ref={host} class="chart-host" role="img" aria-label={`${indicator.title}: ${indicator.valueLabel} / ${indicator.targetLabel}`} />
      <figcaption class="legend">
        <span class="key value">{t.seriesValue}</span>
        <span class="key reference">{indicator.shape === 'count' ? t.seriesPace : t.seriesTarget}</span>
        {series.some((p) => p.partial) && <span class="key partial">{t.partialQuarter}</span>}
      </figcaption>
    </figure>
  );
}

/** Counts from zero to past the target; percentages zoomed on the band around the target, so a few points show. */
function yRange(indicator: IndicatorCard, min: number | null, max: number | null): [number, number] {
  const low = Math.min(min ?? indicator.target, indicator.target);
  const high = Math.max(max ?? indicator.target, indicator.target);
  if (indicator.shape === 'count') return [Math.min(0, low), high * 1.08 || 1];
  return [Math.max(0, Math.floor((low - 5) / 10) * 10), high >= 95 ? high + 2 : Math.ceil((high + 5) / 10) * 10];
}

/** "quý IV/2026" → "IV/26" on the axis, where twenty quarters share 340 pixels. */
function shortLabel(label: string): string {
  const match = /([IV]+|Q\d)\s*\/?\s*(\d{4})/i.exec(label);
  return match ? `${match[1]}/${match[2]!.slice(2)}` : label;
}
