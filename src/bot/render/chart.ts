/**
 * An indicator as a picture, over its whole term: a cumulative count as a line against the straight
 * pace to its target; a percentage as points on a scale zoomed to where the figures are; a yearly
 * count or bound as bars. Every mark takes the colour of its status, as the text shows it. Below,
 * optionally, the organisations' figures. We write the SVG ourselves and rasterise it with resvg
 * using the bundled DejaVu Sans, so Vietnamese diacritics render the same on any machine (no system
 * fonts are consulted).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { formatPeriod, formatQuarter, formatTerm, isPercent, periodBounds, type IndicatorKind, type Period, type Status } from '../../domain/indicators.js';
import type { Locale } from '../../domain/locale.js';
import { lazyModule } from '../../lazy-module.js';
import type { Translate } from '../i18n.js';
import { htmlToPlain } from './html.js';
import { formatNumber } from './indicators.js';

export interface ChartYear {
  year: number;
  value: number | null;
  status: Status;
  /** The period the year's figure is at: its last quarter, or the quarter reached so far. */
  period: Period;
  /** The year under way: its figure goes up to `period` only. */
  partial: boolean;
}

export interface ChartBranch {
  label: string;
  value: number | null;
  /** The branch's own figure against the target; null for counts toward the bloc's target. */
  status: Status | null;
}

export interface IndicatorChartInput {
  /** The indicator's name, without its code. */
  title: string;
  kind: IndicatorKind;
  /** The unit of a count ("đảng viên"); ignored for percentages. */
  unit: string;
  target: number;
  /** The target in words, as the text says it: "từ 90% trở lên", "không có tổ chức nào". */
  targetText: string;
  /** percent_by_date: the year by whose end the target is due. */
  targetYear?: number | null;
  term: { startYear: number; endYear: number };
  /** The quarter the figures go up to, and whether the term is behind us. */
  period: Period;
  over: boolean;
  /** The bloc figure at the end of each year (term_count: cumulative since the term's start). */
  years: ChartYear[];
  /** The organisations' figures for the period; the highest and lowest five are drawn below the years. */
  branches?: ChartBranch[];
}

export const CHART_WIDTH = 900;
/** The height of the years panel; the branch panel adds BRANCH_ROW per row plus its heading. */
export const CHART_HEIGHT = 500;
const BRANCH_HEAD = 66;
const BRANCH_ROW = 30;
const BRANCH_GAP = 18;
const BRANCH_BOTTOM = 20;
/** With more branches than this, the highest and lowest half are drawn with a gap between them. */
const BRANCH_ROWS_MAX = 10;

const FONT = 'DejaVu Sans';
export const COLORS = {
  text: '#1f2933',
  muted: '#616e7c',
  grid: '#e4e7eb',
  axis: '#9aa5b1',
  target: '#c62828',
  pace: '#7b8794',
  neutral: '#1e66b4',
} as const;

/** The colour of each status: the same hues as the marks in the text (✅ 🟢 🟠 🔵 🔴 ⚪). */
export const STATUS_COLORS: Record<Status, string> = {
  reached: '#2e7d32',
  on_track: '#66bb6a',
  behind: '#ef8f00',
  pending: '#1e66b4',
  missed: '#c62828',
  no_data: '#9aa5b1',
};
const LEGEND_ORDER: readonly Status[] = ['reached', 'on_track', 'behind', 'pending', 'missed'];

let fontFiles: string[] | null = null;
/** resvg (a native module), loaded at the first chart. */
const loadResvg = lazyModule(async () => (await import('@resvg/resvg-js')).Resvg);

/** The DejaVu Sans files shipped with the dejavu-fonts-ttf package. */
function fonts(): string[] {
  if (!fontFiles) {
    const dir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    fontFiles = [join(dir, 'DejaVuSans.ttf'), join(dir, 'DejaVuSans-Bold.ttf')];
  }
  return fontFiles;
}

/** Renders the chart as a PNG, CHART_WIDTH wide, its words in `locale`. */
export function renderIndicatorChart(input: IndicatorChartInput, t: Translate, locale: Locale): Promise<Buffer> {
  return svgToPng(indicatorChartSvg(input, t, locale));
}

export async function svgToPng(svg: string): Promise<Buffer> {
  const Resvg = await loadResvg();
  const resvg = new Resvg(svg, {
    font: { fontFiles: fonts(), loadSystemFonts: false, defaultFontFamily: FONT, sansSerifFamily: FONT },
    background: '#ffffff',
    fitTo: { mode: 'original' },
    shapeRendering: 2,
    textRendering: 1,
  });
  return resvg.render().asPng();
}

interface Words {
  t: (key: string, args?: Record<string, string | number>) => string;
  locale: Locale;
  value: (v: number) => string;
}

/** The SVG source of the chart (exposed for tests and debugging). */
export function indicatorChartSvg(input: IndicatorChartInput, translate: Translate, locale: Locale): string {
  const percent = isPercent(input.kind);
  const words: Words = {
    t: (key, args) => htmlToPlain(translate(key, args)),
    locale,
    value: (v) => (percent ? `${formatNumber(v, locale)}%` : formatNumber(v, locale)),
  };
  const branchRows = input.branches ? pickBranches(input.branches) : null;
  const branchHeight = branchRows && branchRows.rows.length > 0 ? branchPanelHeight(branchRows) : 0;
  const height = CHART_HEIGHT + branchHeight;
  const parts: string[] = [];

  // The heading: the name (up to two lines), the term and period, the target and the legend.
  const titleLines = wrap(input.title, CHART_WIDTH - 80, 22, 2, true);
  titleLines.forEach((line, i) => parts.push(text(40, 42 + i * 30, line, { size: 22, weight: 'bold' })));
  let y = 42 + (titleLines.length - 1) * 30 + 28;
  const term = formatTerm(input.term.startYear, input.term.endYear, locale);
  const subtitle = words.t(input.over ? 'chart-subtitle-over' : 'chart-subtitle', { term, period: formatPeriod(input.period, locale) });
  parts.push(text(40, y, capitalise(subtitle), { size: 15, fill: COLORS.text, role: 'subtitle' }));
  y += 22;
  const sentence = words.t(`chart-target-${input.kind}`, { target: input.targetText, year: String(input.targetYear ?? input.term.endYear) });
  parts.push(text(40, y, sentence, { size: 15, fill: COLORS.muted }));
  const legendItems = legend(input, branchRows, words);
  const legendWidth = legendItems.reduce((w, item) => w + 34 + textWidth(item.label, 13), 0);
  // The legend goes beside the target sentence when both fit, else on a line of its own.
  if (40 + textWidth(sentence, 15) + 30 + legendWidth > CHART_WIDTH - 40) y += 22;
  parts.push(...drawLegend(legendItems, CHART_WIDTH - 40, y));

  const plot = { left: 90, right: CHART_WIDTH - 120, top: y + 44, bottom: CHART_HEIGHT - 72 };
  if (input.kind === 'term_count') parts.push(...cumulativePanel(input, plot, words));
  else if (percent) parts.push(...percentPanel(input, plot, words));
  else parts.push(...barPanel(input, plot, words));

  if (branchRows && branchHeight > 0) parts.push(...branchPanel(input, branchRows, CHART_HEIGHT, words));

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${height}" viewBox="0 0 ${CHART_WIDTH} ${height}" font-family="${FONT}">`,
    `<rect x="0" y="0" width="${CHART_WIDTH}" height="${height}" fill="#ffffff"/>`,
    ...parts,
    '</svg>',
  ].join('\n');
}

interface Plot {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

type Scale = { lo: number; hi: number; ticks: number[] };

// The years panel, three ways

/** Term years as slots, a label (and "đến quý …" for the year under way) under each. */
function yearSlots(input: IndicatorChartInput, plot: Plot, words: Words) {
  const years = termYears(input);
  const slot = (plot.right - plot.left) / years.length;
  const cx = (year: number) => plot.left + slot * (year - input.term.startYear + 0.5);
  const labels = years.map((year) => yearLabel(input, year, cx(year), plot, words)).flat();
  return { years, slot, cx, labels };
}

function yearLabel(input: IndicatorChartInput, year: number, x: number, plot: Plot, words: Words): string[] {
  const out = [text(x, plot.bottom + 24, String(year), { size: 14, anchor: 'middle', role: 'year' })];
  const figure = input.years.find((f) => f.year === year);
  if (figure?.partial)
    out.push(text(x, plot.bottom + 42, `(${words.t('chart-partial', { quarter: formatQuarter(figure.period, words.locale) })})`, { size: 12, fill: COLORS.muted, anchor: 'middle' }));
  return out;
}

/** A percentage: each year a point on a scale zoomed to the figures and the target. */
function percentPanel(input: IndicatorChartInput, plot: Plot, words: Words): string[] {
  const scale = percentScale([input.target, ...input.years.map((f) => f.value)]);
  const y = (v: number) => plot.bottom - ((clamp(v, scale.lo, scale.hi) - scale.lo) / (scale.hi - scale.lo)) * (plot.bottom - plot.top);
  const parts = valueAxis(scale, plot, y, words);
  const { cx, labels } = yearSlots(input, plot, words);
  parts.push(...labels);
  parts.push(...targetLine(input, plot, y(input.target), words));
  const known = input.years.filter((f): f is ChartYear & { value: number } => f.value !== null);
  if (known.length > 1) parts.push(polyline(known.map((f) => [cx(f.year), y(f.value)]), { stroke: COLORS.axis, width: 2 }));
  for (const f of input.years) {
    if (f.value === null) {
      parts.push(text(cx(f.year), plot.bottom - 8, words.t('chart-no-data'), { size: 12, fill: COLORS.muted, anchor: 'middle' }));
      continue;
    }
    parts.push(dot(cx(f.year), y(f.value), 8, STATUS_COLORS[f.status], f.partial));
    parts.push(valueLabel(cx(f.year), y(f.value) - 16, words.value(f.value)));
  }
  return parts;
}

/** A cumulative count over the term: a line from 0 against the straight pace from 0 to the target. */
function cumulativePanel(input: IndicatorChartInput, plot: Plot, words: Words): string[] {
  const scale = countScale(input.target, input.years.map((f) => f.value));
  const y = (v: number) => plot.bottom - (clamp(v, 0, scale.hi) / scale.hi) * (plot.bottom - plot.top);
  const parts = valueAxis(scale, plot, y, words);
  const years = termYears(input);
  const months = years.length * 12;
  const x = (month: number) => plot.left + (month / months) * (plot.right - plot.left);
  // Year boundaries and labels.
  years.forEach((year, i) => {
    if (i > 0) parts.push(line(x(i * 12), plot.top, x(i * 12), plot.bottom, { stroke: COLORS.grid }));
    parts.push(...yearLabel(input, year, x(i * 12 + 6), plot, words));
  });
  // The pace: where the count would be on a straight line to the target.
  parts.push(line(x(0), y(0), x(months), y(input.target), { stroke: COLORS.pace, width: 2, dash: '3 5' }));
  parts.push(...targetLine(input, plot, y(input.target), words));
  const points = input.years
    .filter((f): f is ChartYear & { value: number } => f.value !== null)
    .map((f) => ({ ...f, x: x((f.year - input.term.startYear) * 12 + periodBounds(f.period).endMonth) }));
  if (points.length === 0) return parts;
  const last = points.at(-1)!;
  parts.push(polyline([[x(0), y(0)], ...points.map((p): [number, number] => [p.x, y(p.value)])], { stroke: STATUS_COLORS[last.status], width: 3 }));
  for (const p of points) {
    parts.push(dot(p.x, y(p.value), 7, STATUS_COLORS[p.status], p.partial));
    // A label at the right end is anchored there, so it stays clear of the target's label.
    const anchor = p.x > plot.right - 30 ? 'end' : 'middle';
    parts.push(valueLabel(anchor === 'end' ? p.x + 6 : p.x, y(p.value) - 16, words.value(p.value), anchor));
  }
  return parts;
}

/** A count per year, or a bound: bars from 0. */
function barPanel(input: IndicatorChartInput, plot: Plot, words: Words): string[] {
  const scale = countScale(input.target, input.years.map((f) => f.value));
  const y = (v: number) => plot.bottom - (clamp(v, 0, scale.hi) / scale.hi) * (plot.bottom - plot.top);
  const parts = valueAxis(scale, plot, y, words);
  const { slot, cx, labels } = yearSlots(input, plot, words);
  parts.push(...labels);
  const barWidth = Math.min(64, slot * 0.55);
  for (const f of input.years) {
    if (f.value === null) {
      parts.push(text(cx(f.year), plot.bottom - 8, words.t('chart-no-data'), { size: 12, fill: COLORS.muted, anchor: 'middle' }));
      continue;
    }
    // A zero still shows its colour: a sliver on the axis.
    const h = Math.max(plot.bottom - y(Math.max(0, f.value)), 3);
    const color = STATUS_COLORS[f.status];
    parts.push(rect(cx(f.year) - barWidth / 2, plot.bottom - h, barWidth, h, color, 3, f.partial));
    parts.push(valueLabel(cx(f.year), plot.bottom - h - 10, words.value(f.value)));
  }
  parts.push(...targetLine(input, plot, y(input.target), words));
  return parts;
}

function valueAxis(scale: Scale, plot: Plot, y: (v: number) => number, words: Words): string[] {
  const parts: string[] = [];
  for (const tick of scale.ticks) {
    parts.push(line(plot.left, y(tick), plot.right, y(tick), { stroke: tick === scale.lo ? COLORS.axis : COLORS.grid }));
    parts.push(text(plot.left - 10, y(tick) + 5, words.value(tick), { size: 13, fill: COLORS.muted, anchor: 'end' }));
  }
  // A scale that does not start at 0 says so with a break on the axis.
  if (scale.lo > 0) parts.push(axisBreak(plot.left, plot.bottom));
  return parts;
}

/** The target: a dashed line across, its label in the right margin where no value label goes. */
function targetLine(input: IndicatorChartInput, plot: Plot, ty: number, words: Words): string[] {
  const mark = isPercent(input.kind) ? `${formatNumber(input.target, words.locale)}%` : formatNumber(input.target, words.locale);
  return [
    line(plot.left, ty, plot.right, ty, { stroke: COLORS.target, width: 2, dash: '8 6' }),
    text(plot.right + 12, ty - 3, words.t('chart-target-mark'), { size: 13, weight: 'bold', fill: COLORS.target, role: 'target-label' }),
    text(plot.right + 12, ty + 14, mark, { size: 13, weight: 'bold', fill: COLORS.target, role: 'target-label' }),
  ];
}

function termYears(input: IndicatorChartInput): number[] {
  const out: number[] = [];
  for (let year = input.term.startYear; year <= input.term.endYear; year++) out.push(year);
  return out;
}

// The legend

interface LegendItem {
  label: string;
  color: string;
  dashed?: boolean;
}

function legend(input: IndicatorChartInput, branchRows: BranchRows | null, words: Words): LegendItem[] {
  const used = new Set<Status>(input.years.filter((f) => f.value !== null).map((f) => f.status));
  for (const row of branchRows?.rows ?? []) if (row.status) used.add(row.status);
  const items: LegendItem[] = LEGEND_ORDER.filter((s) => used.has(s)).map((s) => ({ label: statusLabel(words, s), color: STATUS_COLORS[s] }));
  if (input.kind === 'term_count') items.push({ label: words.t('chart-pace'), color: COLORS.pace, dashed: true });
  return items;
}

/** The status in words without its emoji, which the font does not have. */
function statusLabel(words: Words, status: Status): string {
  return words.t(`status-${status}`).replace(/^[^\p{L}]+/u, '');
}

function drawLegend(items: readonly LegendItem[], right: number, y: number): string[] {
  const parts: string[] = [];
  let x = right;
  for (const item of [...items].reverse()) {
    x -= textWidth(item.label, 13);
    parts.push(text(x, y, item.label, { size: 13, fill: COLORS.muted }));
    x -= 20;
    parts.push(item.dashed ? line(x - 4, y - 5, x + 14, y - 5, { stroke: item.color, width: 2, dash: '3 3' }) : rect(x, y - 11, 12, 12, item.color, 2));
    x -= 14;
  }
  return parts;
}

// The branch panel

interface BranchRows {
  rows: (ChartBranch & { value: number; rank: number })[];
  /** Index in `rows` after which the gap between the highest and the lowest goes (null: no gap). */
  gapAfter: number | null;
  total: number;
  /** Every organisation has the same figure: one line says so instead of a list. */
  same: boolean;
}

/** Highest first (for an upper bound, the most first); with many branches, the highest and lowest five. */
function pickBranches(branches: readonly ChartBranch[]): BranchRows {
  const known = branches
    .filter((b): b is ChartBranch & { value: number } => b.value !== null)
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label, 'vi'))
    .map((b, i) => ({ ...b, rank: i + 1 }));
  const same = known.length > 1 && known.every((b) => b.value === known[0]!.value);
  if (same || known.length <= BRANCH_ROWS_MAX) return { rows: known, gapAfter: null, total: known.length, same };
  const half = BRANCH_ROWS_MAX / 2;
  return { rows: [...known.slice(0, half), ...known.slice(-half)], gapAfter: half - 1, total: known.length, same };
}

function branchPanelHeight(rows: BranchRows): number {
  if (rows.same) return BRANCH_HEAD + BRANCH_BOTTOM + 10;
  return BRANCH_HEAD + rows.rows.length * BRANCH_ROW + (rows.gapAfter === null ? 0 : BRANCH_GAP) + BRANCH_BOTTOM;
}

function branchPanel(input: IndicatorChartInput, picked: BranchRows, top: number, words: Words): string[] {
  const percent = isPercent(input.kind);
  const parts: string[] = [line(40, top, CHART_WIDTH - 40, top, { stroke: COLORS.grid, width: 2 })];
  if (picked.same) {
    parts.push(text(40, top + 34, words.t('chart-branches'), { size: 17, weight: 'bold' }));
    const sentence = words.t('chart-branches-same', { total: picked.total, value: words.value(picked.rows[0]!.value) });
    parts.push(text(40, top + 62, sentence, { size: 15 }));
    return parts;
  }
  const heading =
    picked.gapAfter === null
      ? words.t('chart-branches')
      : words.t(percent ? 'chart-branches-percent' : 'chart-branches-count', { total: picked.total, shown: BRANCH_ROWS_MAX / 2 });
  parts.push(text(40, top + 34, heading, { size: 17, weight: 'bold' }));

  const labelLeft = 40;
  const barLeft = 400;
  const barRight = CHART_WIDTH - 130;
  // A count's target is the bloc's, not a branch's: only a percent (or a bound) applies to each.
  const perBranchTarget = percent || input.kind === 'upper_bound';
  const values = picked.rows.map((r) => r.value);
  const scale = percent ? percentScale([input.target, ...values]) : countScale(perBranchTarget ? input.target : 0, values, 1.05);
  const x = (v: number) => barLeft + ((clamp(v, scale.lo, scale.hi) - scale.lo) / (scale.hi - scale.lo)) * (barRight - barLeft);
  let rowTop = top + BRANCH_HEAD;
  const first = rowTop;
  // The scale along the top of the rows.
  for (const tick of scale.ticks) parts.push(text(x(tick), first - 6, words.value(tick), { size: 12, fill: COLORS.muted, anchor: 'middle' }));
  const gridBottom = first + picked.rows.length * BRANCH_ROW + (picked.gapAfter === null ? 0 : BRANCH_GAP);
  for (const tick of scale.ticks) parts.push(line(x(tick), first, x(tick), gridBottom, { stroke: COLORS.grid }));
  if (scale.lo > 0) parts.push(axisBreak(barLeft, gridBottom, true));
  picked.rows.forEach((row, i) => {
    const mid = rowTop + BRANCH_ROW / 2;
    parts.push(text(labelLeft, mid + 5, truncate(`${row.rank}. ${row.label}`, barLeft - labelLeft - 14, 14), { size: 14 }));
    const color = row.status ? STATUS_COLORS[row.status] : COLORS.neutral;
    if (percent) {
      parts.push(line(barLeft, mid, barRight, mid, { stroke: COLORS.grid, width: 2 }));
      parts.push(dot(x(row.value), mid, 7, color, false));
    } else {
      const w = Math.max(x(row.value) - barLeft, row.value > 0 ? 2 : 0);
      parts.push(rect(barLeft, mid - 9, w, 18, color, 2));
    }
    // Values in a column of their own, clear of the marks and of the target line.
    parts.push(text(CHART_WIDTH - 40, mid + 5, words.value(row.value), { size: 14, weight: 'bold', anchor: 'end', role: 'branch-value' }));
    rowTop += BRANCH_ROW;
    if (picked.gapAfter === i) {
      parts.push(text(labelLeft + 12, rowTop + 10, '⋯', { size: 14, fill: COLORS.muted }));
      rowTop += BRANCH_GAP;
    }
  });
  if (perBranchTarget) {
    const tx = x(input.target);
    parts.push(line(tx, first - 2, tx, rowTop + 2, { stroke: COLORS.target, width: 2, dash: '6 5' }));
  }
  return parts;
}

// Scales

/**
 * A percentage scale up to 100% that starts near the lowest figure (or the target), so that 88.6%
 * and 94% look as different as they are; from 0 when the figures reach that low anyway.
 */
export function percentScale(values: readonly (number | null)[]): Scale {
  const known = values.filter((v): v is number => v !== null);
  const lowest = Math.min(100, ...known);
  const span = 100 - lowest;
  let step = span <= 12 ? 2 : span <= 30 ? 5 : 10;
  let lo = Math.min(90, Math.floor((lowest - step / 2) / step) * step);
  if (lo <= 20) lo = 0;
  while ((100 - lo) / step > 8) step *= 2;
  lo = lo === 0 ? 0 : Math.floor(lo / step) * step;
  const ticks: number[] = [];
  for (let v = lo; v <= 100 + 1e-9; v += step) ticks.push(v);
  return { lo, hi: 100, ticks };
}

/** A count scale from 0 to a round number above the target and the values. */
function countScale(target: number, values: readonly (number | null)[], headroom = 1.12): Scale {
  const highest = Math.max(target, 1, ...values.map((v) => v ?? 0));
  const hi = niceCeil(highest * headroom);
  const step = niceStep(hi / 5);
  const ticks: number[] = [];
  for (let v = 0; v <= hi + 1e-9; v += step) ticks.push(Math.round(v));
  return { lo: 0, hi, ticks };
}

function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const steps = power < 10 ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
  const step = steps.find((s) => s * power >= raw - 1e-9)! * power;
  return Math.max(1, Math.round(step));
}

function niceCeil(value: number): number {
  const step = niceStep(value / 5);
  return Math.ceil(value / step - 1e-9) * step;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

// Words and numbers

const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);

/**
 * Approximate advance widths of DejaVu Sans in em (it is a wide face); enough to keep labels in
 * their boxes without measuring text.
 */
function charWidth(ch: string): number {
  const base = ch.normalize('NFD')[0] ?? ch;
  if (base === ' ') return 0.32;
  if ('iljtfrI.,:;!|\'()[]'.includes(base)) return 0.36;
  if ('mwMW'.includes(base)) return 0.95;
  if (/[A-ZĐ]/.test(base)) return 0.72;
  if (/[0-9]/.test(base)) return 0.64;
  return 0.62;
}

export function textWidth(value: string, size: number, bold = false): number {
  let em = 0;
  for (const ch of value) em += charWidth(ch);
  return em * size * (bold ? 1.12 : 1);
}

/** Cuts `value` with an ellipsis so that it fits `width` pixels at `size`. */
function truncate(value: string, width: number, size: number, bold = false): string {
  if (textWidth(value, size, bold) <= width) return value;
  const chars = [...value];
  while (chars.length > 1 && textWidth(`${chars.join('').trimEnd()}…`, size, bold) > width) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

/** Greedy word wrap into at most `lines` lines; the last one is truncated. */
function wrap(value: string, width: number, size: number, lines: number, bold = false): string[] {
  const words = value.trim().split(/\s+/);
  const out: string[] = [];
  let current = '';
  for (const [i, word] of words.entries()) {
    const candidate = current ? `${current} ${word}` : word;
    if (textWidth(candidate, size, bold) <= width || !current) {
      current = candidate;
      continue;
    }
    if (out.length === lines - 1) {
      current = `${current} ${words.slice(i).join(' ')}`;
      break;
    }
    out.push(current);
    current = word;
  }
  out.push(truncate(current, width, size, bold));
  return out;
}

// SVG elements

/** Text and attribute values go through here: names like "Công ty TNHH A&B <Hà Nội>" are common. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const num = (n: number) => String(Math.round(n * 10) / 10);

/** `role` marks the labels whose places matter (tests check that they never overlap). */
type Role = 'value' | 'target-label' | 'year' | 'branch-value' | 'subtitle';

function text(
  x: number,
  y: number,
  value: string,
  o: { size: number; weight?: 'bold'; fill?: string; anchor?: 'start' | 'middle' | 'end'; halo?: boolean; role?: Role },
): string {
  const attrs = [
    `x="${num(x)}"`,
    `y="${num(y)}"`,
    `font-size="${o.size}"`,
    o.weight ? `font-weight="${o.weight}"` : '',
    `fill="${o.fill ?? COLORS.text}"`,
    o.anchor && o.anchor !== 'start' ? `text-anchor="${o.anchor}"` : '',
    // A white outline keeps a label readable where it crosses a line.
    o.halo ? 'stroke="#ffffff" stroke-width="4" paint-order="stroke" stroke-linejoin="round"' : '',
    o.role ? `data-role="${o.role}"` : '',
  ].filter(Boolean);
  return `<text ${attrs.join(' ')}>${escapeXml(value)}</text>`;
}

function valueLabel(x: number, y: number, value: string, anchor: 'middle' | 'end' = 'middle'): string {
  return text(x, y, value, { size: 15, weight: 'bold', anchor, halo: true, role: 'value' });
}

function line(x1: number, y1: number, x2: number, y2: number, o: { stroke: string; width?: number; dash?: string }): string {
  const dash = o.dash ? ` stroke-dasharray="${o.dash}"` : '';
  return `<line x1="${num(x1)}" y1="${num(y1)}" x2="${num(x2)}" y2="${num(y2)}" stroke="${o.stroke}" stroke-width="${o.width ?? 1}"${dash}/>`;
}

function polyline(points: readonly [number, number][], o: { stroke: string; width: number }): string {
  const coords = points.map(([px, py]) => `${num(px)},${num(py)}`).join(' ');
  return `<polyline points="${coords}" fill="none" stroke="${o.stroke}" stroke-width="${o.width}" stroke-linejoin="round"/>`;
}

/** A figure's point; hollow for the year under way. */
function dot(cx: number, cy: number, r: number, color: string, hollow: boolean): string {
  const fill = hollow ? '#ffffff' : color;
  return `<circle cx="${num(cx)}" cy="${num(cy)}" r="${r}" fill="${fill}" stroke="${color}" stroke-width="3" data-color="${color}"/>`;
}

/** A bar; the year under way is drawn lighter, with an outline. */
function rect(x: number, y: number, w: number, h: number, fill: string, radius = 0, light = false): string {
  const extra = light ? ` fill-opacity="0.4" stroke="${fill}" stroke-width="2"` : '';
  return `<rect x="${num(x)}" y="${num(y)}" width="${num(Math.max(0, w))}" height="${num(Math.max(0, h))}" rx="${radius}" fill="${fill}"${extra}/>`;
}

/** Two short slanted strokes: this scale does not start at 0. */
function axisBreak(x: number, y: number, horizontal = false): string {
  const d = horizontal
    ? `M${num(x - 8)},${num(y + 6)} l6,-12 M${num(x - 2)},${num(y + 6)} l6,-12`
    : `M${num(x - 7)},${num(y - 2)} l14,-6 M${num(x - 7)},${num(y + 4)} l14,-6`;
  return `<path d="${d}" stroke="${COLORS.axis}" stroke-width="2" fill="none"/>`;
}
