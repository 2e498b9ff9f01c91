/**
 * An indicator as a picture: the bloc figure per year as bars against a dashed target line, and
 * optionally the branches' figures below. We write the SVG ourselves and rasterise it with resvg
 * using the bundled DejaVu Sans, so Vietnamese diacritics render the same on any machine (no
 * system fonts are consulted).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { isPercent, type IndicatorKind } from '../../domain/indicators.js';

export interface ChartBar {
  label: string;
  value: number | null;
}

export interface IndicatorChartInput {
  title: string;
  /** '%' for percent kinds, else the unit of the count ("đảng viên"). */
  unit: string;
  kind: IndicatorKind;
  target: number;
  /** The bloc figure at the end of each year (term_count: cumulative since the term's start). */
  years: ChartBar[];
  /** The branches' figures for the period; the best and worst five are drawn below the years. */
  branches?: ChartBar[];
}

export const CHART_WIDTH = 900;
/** The height of the years panel; the branch panel adds BRANCH_ROW per row plus its heading. */
export const CHART_HEIGHT = 500;
const BRANCH_HEAD = 64;
const BRANCH_ROW = 30;
const BRANCH_GAP = 18;
const BRANCH_BOTTOM = 20;
/** With more branches than this, the best and worst half are drawn with a gap between them. */
const BRANCH_ROWS_MAX = 10;

const FONT = 'DejaVu Sans';
const COLORS = {
  text: '#1f2933',
  muted: '#616e7c',
  grid: '#e4e7eb',
  axis: '#9aa5b1',
  target: '#c62828',
  reached: '#2e7d32',
  short: '#ef8f00',
  progress: '#1e66b4',
  over: '#c62828',
} as const;

let fontFiles: string[] | null = null;

/** The DejaVu Sans files shipped with the dejavu-fonts-ttf package. */
function fonts(): string[] {
  if (!fontFiles) {
    const dir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    fontFiles = [join(dir, 'DejaVuSans.ttf'), join(dir, 'DejaVuSans-Bold.ttf')];
  }
  return fontFiles;
}

/** Renders the chart as a PNG, CHART_WIDTH wide. */
export function renderIndicatorChart(input: IndicatorChartInput): Buffer {
  return svgToPng(indicatorChartSvg(input));
}

export function svgToPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    font: { fontFiles: fonts(), loadSystemFonts: false, defaultFontFamily: FONT, sansSerifFamily: FONT },
    background: '#ffffff',
    fitTo: { mode: 'original' },
    shapeRendering: 2,
    textRendering: 1,
  });
  return resvg.render().asPng();
}

/** The SVG source of the chart (exposed for tests and debugging). */
export function indicatorChartSvg(input: IndicatorChartInput): string {
  const percent = isPercent(input.kind);
  const branchRows = input.branches ? pickBranches(input.kind, input.branches) : null;
  const branchHeight = branchRows && branchRows.rows.length > 0 ? branchPanelHeight(branchRows) : 0;
  const height = CHART_HEIGHT + branchHeight;
  const parts: string[] = [];

  // Title (up to two lines) and what the target is.
  const titleLines = wrap(input.title, CHART_WIDTH - 80, 22, 2, true);
  titleLines.forEach((line, i) => parts.push(text(40, 42 + i * 30, line, { size: 22, weight: 'bold' })));
  const subtitleY = 42 + titleLines.length * 30 + 2;
  parts.push(text(40, subtitleY, targetSentence(input), { size: 15, fill: COLORS.muted }));
  parts.push(...legend(input.kind, CHART_WIDTH - 40, subtitleY));

  // The years panel.
  // The right margin holds the target's label, at the end of its line, clear of the bars.
  const plot = { left: 90, right: CHART_WIDTH - 110, top: subtitleY + 36, bottom: CHART_HEIGHT - 62 };
  const max = axisMax(percent, input.target, input.years.map((y) => y.value));
  const y = (v: number) => plot.bottom - (Math.min(v, max) / max) * (plot.bottom - plot.top);
  for (const tick of ticks(max, !percent)) {
    parts.push(line(plot.left, y(tick), plot.right, y(tick), { stroke: tick === 0 ? COLORS.axis : COLORS.grid }));
    parts.push(text(plot.left - 10, y(tick) + 5, formatValue(tick, percent), { size: 13, fill: COLORS.muted, anchor: 'end' }));
  }
  const n = Math.max(1, input.years.length);
  const slot = (plot.right - plot.left) / n;
  const barWidth = Math.min(84, slot * 0.6);
  input.years.forEach((bar, i) => {
    const cx = plot.left + slot * (i + 0.5);
    parts.push(text(cx, plot.bottom + 24, truncate(bar.label, slot - 6, 14), { size: 14, anchor: 'middle' }));
    if (bar.value === null) {
      parts.push(text(cx, plot.bottom - 8, 'chưa có số liệu', { size: 12, fill: COLORS.muted, anchor: 'middle' }));
      return;
    }
    const top = y(Math.max(0, bar.value));
    const h = Math.max(plot.bottom - top, bar.value > 0 ? 2 : 0);
    parts.push(rect(cx - barWidth / 2, plot.bottom - h, barWidth, h, barColor(input.kind, bar.value, input.target), 3));
    parts.push(text(cx, plot.bottom - h - 8, formatValue(bar.value, percent), { size: 15, weight: 'bold', anchor: 'middle', halo: true }));
  });
  const ty = y(input.target);
  parts.push(line(plot.left, ty, plot.right, ty, { stroke: COLORS.target, width: 2, dash: '8 6' }));
  parts.push(text(plot.right + 10, ty - 3, 'Chỉ tiêu', { size: 13, weight: 'bold', fill: COLORS.target }));
  parts.push(text(plot.right + 10, ty + 14, `${boundSign(input.kind)} ${formatValue(input.target, percent)}`, { size: 13, weight: 'bold', fill: COLORS.target }));

  if (branchRows && branchHeight > 0) parts.push(...branchPanel(input, branchRows, CHART_HEIGHT));

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${height}" viewBox="0 0 ${CHART_WIDTH} ${height}" font-family="${FONT}">`,
    `<rect x="0" y="0" width="${CHART_WIDTH}" height="${height}" fill="#ffffff"/>`,
    ...parts,
    '</svg>',
  ].join('\n');
}

// The branch panel

interface BranchRows {
  rows: (ChartBar & { value: number; rank: number })[];
  /** Index in `rows` after which the gap between the best and the worst goes (null: no gap). */
  gapAfter: number | null;
  total: number;
}

/** Best first (fewest first for an upper bound); with many branches, the best and worst five. */
function pickBranches(kind: IndicatorKind, branches: readonly ChartBar[]): BranchRows {
  const better = kind === 'upper_bound' ? 1 : -1;
  const known = branches
    .filter((b): b is ChartBar & { value: number } => b.value !== null)
    .sort((a, b) => better * (a.value - b.value) || a.label.localeCompare(b.label, 'vi'))
    .map((b, i) => ({ ...b, rank: i + 1 }));
  if (known.length <= BRANCH_ROWS_MAX) return { rows: known, gapAfter: null, total: known.length };
  const half = BRANCH_ROWS_MAX / 2;
  return { rows: [...known.slice(0, half), ...known.slice(-half)], gapAfter: half - 1, total: known.length };
}

function branchPanelHeight(rows: BranchRows): number {
  return BRANCH_HEAD + rows.rows.length * BRANCH_ROW + (rows.gapAfter === null ? 0 : BRANCH_GAP) + BRANCH_BOTTOM;
}

function branchPanel(input: IndicatorChartInput, picked: BranchRows, top: number): string[] {
  const percent = isPercent(input.kind);
  const parts: string[] = [line(40, top, CHART_WIDTH - 40, top, { stroke: COLORS.grid, width: 2 })];
  const heading =
    picked.gapAfter === null
      ? 'Theo tổ chức cơ sở đảng'
      : `Theo tổ chức cơ sở đảng: ${input.kind === 'upper_bound' ? '5 ít nhất và 5 nhiều nhất' : '5 cao nhất và 5 thấp nhất'} (trong ${picked.total})`;
  parts.push(text(40, top + 38, heading, { size: 17, weight: 'bold' }));

  const labelLeft = 40;
  const barLeft = 400;
  const barRight = CHART_WIDTH - 110;
  // A count's target is the bloc's, not a branch's: only a percent (or a bound) applies to each branch.
  const perBranchTarget = percent || input.kind === 'upper_bound';
  const max = axisMax(percent, perBranchTarget ? input.target : 0, picked.rows.map((r) => r.value));
  const x = (v: number) => barLeft + (Math.min(Math.max(v, 0), max) / max) * (barRight - barLeft);
  let rowTop = top + BRANCH_HEAD;
  const first = rowTop;
  picked.rows.forEach((row, i) => {
    const mid = rowTop + BRANCH_ROW / 2;
    const label = `${row.rank}. ${row.label}`;
    parts.push(text(labelLeft, mid + 5, truncate(label, barLeft - labelLeft - 14, 14), { size: 14 }));
    const w = Math.max(x(row.value) - barLeft, row.value > 0 ? 2 : 0);
    parts.push(rect(barLeft, mid - 9, w, 18, branchColor(input.kind, row.value, input.target), 2));
    parts.push(text(barLeft + w + 8, mid + 5, formatValue(row.value, percent), { size: 14, weight: 'bold' }));
    rowTop += BRANCH_ROW;
    if (picked.gapAfter === i) {
      parts.push(text(labelLeft + 12, rowTop + 10, '⋯', { size: 14, fill: COLORS.muted }));
      rowTop += BRANCH_GAP;
    }
  });
  if (perBranchTarget) {
    const tx = x(input.target);
    parts.push(line(tx, first - 6, tx, rowTop + 2, { stroke: COLORS.target, width: 2, dash: '6 5' }));
  }
  return parts;
}

// Words and numbers

const numberFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** 92,5% for percent kinds, 1.236 for counts (the Vietnamese separators). */
export function formatValue(value: number, percent: boolean): string {
  return percent ? `${numberFormat.format(value)}%` : numberFormat.format(value);
}

function boundSign(kind: IndicatorKind): string {
  return kind === 'upper_bound' ? '≤' : '≥';
}

function targetSentence(input: IndicatorChartInput): string {
  const percent = isPercent(input.kind);
  const target = formatValue(input.target, percent);
  const unit = percent || !input.unit ? '' : ` ${input.unit}`;
  switch (input.kind) {
    case 'yearly_percent':
      return `Chỉ tiêu hằng năm: từ ${target} trở lên`;
    case 'percent_by_date':
      return `Chỉ tiêu: đạt từ ${target} trở lên`;
    case 'term_count':
      return `Chỉ tiêu cả nhiệm kỳ: ${target}${unit} (số lũy kế)`;
    case 'yearly_count':
      return `Chỉ tiêu mỗi năm: ${target}${unit}`;
    case 'upper_bound':
      return `Không vượt quá ${target}${unit} mỗi năm`;
  }
}

function barColor(kind: IndicatorKind, value: number, target: number): string {
  if (kind === 'upper_bound') return value <= target ? COLORS.reached : COLORS.over;
  if (value >= target) return COLORS.reached;
  // A cumulative count below the term's target is progress, not a failure.
  return kind === 'term_count' ? COLORS.progress : COLORS.short;
}

function branchColor(kind: IndicatorKind, value: number, target: number): string {
  return kind === 'term_count' || kind === 'yearly_count' ? COLORS.progress : barColor(kind, value, target);
}

function legend(kind: IndicatorKind, right: number, y: number): string[] {
  const items: [string, string][] =
    kind === 'upper_bound'
      ? [[COLORS.reached, 'trong giới hạn'], [COLORS.over, 'vượt']]
      : [[COLORS.reached, 'đạt'], [kind === 'term_count' ? COLORS.progress : COLORS.short, 'chưa đạt']];
  const parts: string[] = [];
  let x = right;
  for (const [color, label] of [...items].reverse()) {
    x -= textWidth(label, 13);
    parts.push(text(x, y, label, { size: 13, fill: COLORS.muted }));
    x -= 18;
    parts.push(rect(x, y - 11, 12, 12, color, 2));
    x -= 16;
  }
  return parts;
}

/** The top of the value axis: 100 for percents, else a round number above the target and the values. */
function axisMax(percent: boolean, target: number, values: readonly (number | null)[]): number {
  if (percent) return 100;
  const highest = Math.max(target, 1, ...values.map((v) => v ?? 0));
  return niceCeil(highest * 1.12, true);
}

function niceStep(raw: number, integer: boolean): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const steps = integer && power < 10 ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
  const step = steps.find((s) => s * power >= raw - 1e-9)! * power;
  return integer ? Math.max(1, Math.round(step)) : step;
}

function niceCeil(value: number, integer: boolean): number {
  const step = niceStep(value / 5, integer);
  return Math.ceil(value / step - 1e-9) * step;
}

function ticks(max: number, integer: boolean): number[] {
  const step = niceStep(max / 5, integer);
  const out: number[] = [];
  for (let v = 0; v <= max + 1e-9; v += step) out.push(Math.round(v * 1000) / 1000);
  return out;
}

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

function text(
  x: number,
  y: number,
  value: string,
  o: { size: number; weight?: 'bold'; fill?: string; anchor?: 'start' | 'middle' | 'end'; halo?: boolean },
): string {
  const attrs = [
    `x="${num(x)}"`,
    `y="${num(y)}"`,
    `font-size="${o.size}"`,
    o.weight ? `font-weight="${o.weight}"` : '',
    `fill="${o.fill ?? COLORS.text}"`,
    o.anchor && o.anchor !== 'start' ? `text-anchor="${o.anchor}"` : '',
    // A white outline keeps a label readable where it crosses a bar or a grid line.
    o.halo ? 'stroke="#ffffff" stroke-width="4" paint-order="stroke" stroke-linejoin="round"' : '',
  ].filter(Boolean);
  return `<text ${attrs.join(' ')}>${escapeXml(value)}</text>`;
}

function line(x1: number, y1: number, x2: number, y2: number, o: { stroke: string; width?: number; dash?: string }): string {
  const dash = o.dash ? ` stroke-dasharray="${o.dash}"` : '';
  return `<line x1="${num(x1)}" y1="${num(y1)}" x2="${num(x2)}" y2="${num(y2)}" stroke="${o.stroke}" stroke-width="${o.width ?? 1}"${dash}/>`;
}

function rect(x: number, y: number, w: number, h: number, fill: string, radius = 0): string {
  return `<rect x="${num(x)}" y="${num(y)}" width="${num(Math.max(0, w))}" height="${num(Math.max(0, h))}" rx="${radius}" fill="${fill}"/>`;
}
