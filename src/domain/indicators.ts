/**
 * The maths of resolution indicators ("chỉ tiêu" of a congress resolution): quarterly periods,
 * the bloc figure aggregated from the branches' reports, and where an indicator stands.
 *
 * Pure: no clock, no database. "now" and the figures are parameters.
 *
 * Reports are snapshots. A branch reports, for a quarter, what is true at that time:
 * - percent kinds (yearly_percent, percent_by_date): numerator / denominator at that time;
 * - term_count: the count since the start of the term (cumulative);
 * - yearly_count: the count since 1 January of that year (cumulative);
 * - upper_bound: the count at that time (e.g. organisations rated "not accomplished").
 * So the bloc figure for a period is the sum of each branch's latest figure in scope, never a sum
 * over quarters.
 *
 * Months are the unit of time for pace and expectations: `now.day` plays no part (a month counts
 * as elapsed as soon as it has begun, and the term ends on 31/12 of its last year).
 */
import type { Locale } from './locale.js';
import { foldVietnamese } from './text.js';

export type IndicatorKind =
  /** each year, Σnumerator/Σdenominator over branches must reach target % (≥90% of members rated well) */
  | 'yearly_percent'
  /** cumulative count over the term toward a target (admit 1,200 during 2020–2025) */
  | 'term_count'
  /** a count per calendar year toward a yearly target */
  | 'yearly_count'
  /** a percentage to reach by the end of targetYear (by 2025, ≥90% of heads hold intermediate+ theory) */
  | 'percent_by_date'
  /** at most `target` in each year (no organisation rated "not accomplished" = at most 0) */
  | 'upper_bound';

export interface IndicatorDef {
  kind: IndicatorKind;
  target: number;
  termStartYear: number;
  termEndYear: number;
  /** percent_by_date: the year by whose end the target is due (default: termEndYear). */
  targetYear?: number;
}

const PERCENT_KINDS: readonly IndicatorKind[] = ['yearly_percent', 'percent_by_date'];

/** Percent kinds are numerator/denominator; the others are plain counts. */
export function isPercent(kind: IndicatorKind): boolean {
  return PERCENT_KINDS.includes(kind);
}

/** Counts reported as a running total (since the term's start, or since 1 January). */
export function isCumulative(kind: IndicatorKind): boolean {
  return kind === 'term_count' || kind === 'yearly_count';
}

// ---------------------------------------------------------------------------------------------
// Figures a grassroots organisation can report

/**
 * The largest figure a grassroots organisation can report, of anything: members, staff, units,
 * admissions. The largest blocs have about 7,000 members in all (DOMAIN.md), and the largest
 * organisation in them a few thousand members and staff; 100,000 leaves a wide margin for a big
 * enterprise's staff while refusing the typing slips (an extra 000, a phone number) that would
 * swamp the bloc figure.
 */
export const MAX_FIGURE = 100_000;

export type FigureProblem = 'not_whole' | 'negative' | 'too_large' | 'denominator_required' | 'zero_denominator' | 'numerator_above_denominator';

/**
 * What is wrong with a figure an organisation reports, or null. Percent kinds need a denominator
 * above 0 (a share of nothing is not a figure) and no larger than MAX_FIGURE; counts ignore it.
 */
export function figureProblem(kind: IndicatorKind, numerator: number, denominator: number | null): FigureProblem | null {
  const den = isPercent(kind) ? denominator : null;
  if (!Number.isInteger(numerator) || (den !== null && !Number.isInteger(den))) return 'not_whole';
  if (numerator < 0 || (den !== null && den < 0)) return 'negative';
  if (numerator > MAX_FIGURE || (den !== null && den > MAX_FIGURE)) return 'too_large';
  if (isPercent(kind)) {
    if (den === null) return 'denominator_required';
    if (den === 0) return 'zero_denominator';
    if (numerator > den) return 'numerator_above_denominator';
  }
  return null;
}

/**
 * Whether a percent indicator's denominator counts Party members (or some of them: "tổng số đảng
 * viên", "đảng viên là trưởng, phó phòng"), read from what the resolution says it counts. Such a
 * denominator cannot exceed the organisation's members; non-members ("quần chúng") and
 * organisations or units are other things.
 */
export function denominatorCountsMembers(kind: IndicatorKind, denominatorLabel: string | null | undefined): boolean {
  if (!isPercent(kind) || !denominatorLabel) return false;
  const folded = foldVietnamese(denominatorLabel);
  return /\bdang vien\b/.test(folded) && !/\b(quan chung|chua la dang vien|ngoai dang)\b/.test(folded);
}

/**
 * Yearly percentages are ratings and recognitions made at the end of the year: they are reported
 * in the year's last quarter, not every quarter. Every other kind is reported each quarter.
 */
export function isDueIn(kind: IndicatorKind, period: Period): boolean {
  return kind !== 'yearly_percent' || parsePeriod(period).quarter === 4;
}

// ---------------------------------------------------------------------------------------------
// Periods

/** Quarterly periods 'YYYY-Qn'. */
export type Period = `${number}-Q${1 | 2 | 3 | 4}`;
export type Quarter = 1 | 2 | 3 | 4;

const PERIOD_RE = /^(\d{4})-Q([1-4])$/;

/** Parsed periods: a bloc has a few dozen, and aggregation compares thousands of figures. */
const parsedPeriods = new Map<string, Readonly<{ year: number; quarter: Quarter }>>();

function parsePeriod(p: Period): Readonly<{ year: number; quarter: Quarter }> {
  const known = parsedPeriods.get(p);
  if (known) return known;
  const m = PERIOD_RE.exec(p);
  if (!m) throw new RangeError(`Invalid period '${String(p)}' (expected 'YYYY-Qn')`);
  const parsed = Object.freeze({ year: Number(m[1]), quarter: Number(m[2]) as Quarter });
  if (parsedPeriods.size < 10_000) parsedPeriods.set(p, parsed);
  return parsed;
}

export function makePeriod(year: number, quarter: Quarter): Period {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`Invalid year ${year}`);
  return `${year}-Q${quarter}`;
}

function checkMonth(month: number): void {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`Invalid month ${month}`);
}

/** The quarter a local date falls in: months 1–3 → Q1 … 10–12 → Q4. */
export function periodOf(date: { year: number; month: number }): Period {
  checkMonth(date.month);
  return makePeriod(date.year, Math.ceil(date.month / 3) as Quarter);
}

/** The year, quarter and first/last month (1–12) of a period. Throws on a malformed period. */
export function periodBounds(p: Period): { year: number; quarter: Quarter; startMonth: number; endMonth: number } {
  const { year, quarter } = parsePeriod(p);
  return { year, quarter, startMonth: quarter * 3 - 2, endMonth: quarter * 3 };
}

/** The quarter before: '2025-Q1' → '2024-Q4'. */
export function previousPeriod(p: Period): Period {
  const { year, quarter } = parsePeriod(p);
  return quarter === 1 ? makePeriod(year - 1, 4) : makePeriod(year, (quarter - 1) as Quarter);
}

/** Negative when a is before b, 0 when equal, positive when after (usable with Array.sort). */
export function comparePeriods(a: Period, b: Period): number {
  const pa = parsePeriod(a);
  const pb = parsePeriod(b);
  return pa.year - pb.year || pa.quarter - pb.quarter;
}

/** The four quarters of a year, in order. */
export function periodsOfYear(year: number): Period[] {
  return ([1, 2, 3, 4] as const).map((q) => makePeriod(year, q));
}

/** The last quarter of a year: the figure "at the end of" that year. */
export function lastPeriodOf(year: number): Period {
  return makePeriod(year, 4);
}

// ---------------------------------------------------------------------------------------------
// How periods and terms are written: one way everywhere (bot, workbook, chart, CLI)

const ROMAN_QUARTERS = ['I', 'II', 'III', 'IV'] as const;

/** "quý IV/2026" (vi), "Q4 2026" (en). */
export function formatPeriod(p: Period, locale: Locale = 'vi'): string {
  const { year, quarter } = parsePeriod(p);
  return locale === 'en' ? `Q${quarter} ${year}` : `quý ${ROMAN_QUARTERS[quarter - 1]}/${year}`;
}

/** "quý IV" (vi), "Q4" (en): a quarter within a year already named. */
export function formatQuarter(p: Period, locale: Locale = 'vi'): string {
  const { quarter } = parsePeriod(p);
  return locale === 'en' ? `Q${quarter}` : `quý ${ROMAN_QUARTERS[quarter - 1]}`;
}

/** "2025–2030" with an en dash: a term's years. */
export function formatTermYears(startYear: number, endYear: number): string {
  return `${startYear}–${endYear}`;
}

/** "nhiệm kỳ 2025–2030" (vi), "2025–2030 term" (en). */
export function formatTerm(startYear: number, endYear: number, locale: Locale = 'vi'): string {
  const years = formatTermYears(startYear, endYear);
  return locale === 'en' ? `${years} term` : `nhiệm kỳ ${years}`;
}

// ---------------------------------------------------------------------------------------------
// Aggregation

/**
 * A branch's report for a period. Reports are snapshots: percents as numerator/denominator at that
 * time; counts are cumulative (since the term's start for term_count, since 1 January for
 * yearly_count); upper_bound is the count at that time.
 */
export interface BranchFigure {
  branchId: number;
  period: Period;
  numerator: number;
  denominator: number | null;
}

/** Whether a figure's period is in the scope of `period` for this kind (before the at-or-before test). */
function inScope(def: IndicatorDef, figureYear: number, periodYear: number): boolean {
  if (def.kind === 'term_count') return figureYear >= def.termStartYear && figureYear <= def.termEndYear;
  return figureYear === periodYear;
}

/**
 * The latest figure of each branch at or before `period`: within the same calendar year for the
 * yearly kinds and percent_by_date, within the term (termStartYear..termEndYear) for term_count.
 * A branch that reported twice for the same period counts with the figure that comes last in
 * `figures` (a correction). Sorted by branchId.
 */
export function latestPerBranch(def: IndicatorDef, figures: readonly BranchFigure[], period: Period): BranchFigure[] {
  const { year: periodYear, quarter } = parsePeriod(period);
  // Periods as consecutive numbers (year·4 + quarter) orders them as comparePeriods does.
  const until = periodYear * 4 + quarter;
  const latest = new Map<number, { figure: BranchFigure; at: number }>();
  for (const f of figures) {
    const p = parsePeriod(f.period);
    const at = p.year * 4 + p.quarter;
    if (at > until) continue;
    if (!inScope(def, p.year, periodYear)) continue;
    const seen = latest.get(f.branchId);
    if (!seen || at >= seen.at) latest.set(f.branchId, { figure: f, at });
  }
  return [...latest.values()].map((l) => l.figure).sort((a, b) => a.branchId - b.branchId);
}

export interface Aggregate {
  numerator: number;
  /** Σdenominator for percent kinds, null for counts. */
  denominator: number | null;
  /** percent for percent kinds, the count otherwise; null when there is nothing to show */
  value: number | null;
  branchesReported: number;
}

/**
 * The bloc figure for a period: the sums of the branches' latest figures (latestPerBranch).
 * Percent kinds: value = Σnum / Σden · 100, null if Σden = 0; a figure without a denominator is not
 * a percent figure and is left out. Counts: value = Σnum, null if no branch reported.
 */
export function aggregate(def: IndicatorDef, figures: readonly BranchFigure[], period: Period): Aggregate {
  const latest = latestPerBranch(def, figures, period);
  if (isPercent(def.kind)) {
    const usable = latest.filter((f) => f.denominator !== null);
    const numerator = usable.reduce((s, f) => s + f.numerator, 0);
    const denominator = usable.reduce((s, f) => s + (f.denominator ?? 0), 0);
    // num·100/den rather than num/den·100: exact whenever the percent is a whole number.
    const value = denominator > 0 ? (numerator * 100) / denominator : null;
    return { numerator, denominator, value, branchesReported: usable.length };
  }
  const numerator = latest.reduce((s, f) => s + f.numerator, 0);
  return { numerator, denominator: null, value: latest.length > 0 ? numerator : null, branchesReported: latest.length };
}

// ---------------------------------------------------------------------------------------------
// Assessment

/** pending: a yearly percentage short of its target while the year runs (it is judged at the year's end). */
export type Status = 'reached' | 'on_track' | 'behind' | 'pending' | 'missed' | 'no_data';

export interface Pace {
  /** target − count */
  remaining: number;
  /** whole months after now's month up to December of the deadline year (at least 1) */
  monthsLeft: number;
  /**
   * ceil(remaining / monthsLeft) when that is at least one a month; null when fewer remain than
   * months (a monthly rate of "~1" for 2 in 48 months would be wrong).
   */
  perMonth: number | null;
}

export interface Assessment {
  status: Status;
  value: number | null;
  target: number;
  /** 0..1 of the way to the target, for the progress bar (upper_bound: 1 when within the bound, 0 when over) */
  progress: number;
  /** count kinds only, when neither reached nor missed: 340 more in the 13 months left, about 27 a month */
  pace?: Pace;
}

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** Float noise guard for comparisons of computed percents with a target. */
const EPS = 1e-9;

const monthIndex = (year: number, month: number) => year * 12 + (month - 1);

/**
 * A window of whole calendar years [startYear, endYear] seen from `now`:
 * - total: its months;
 * - elapsed: months from January of startYear to the end of now's month, clamped to 0..total
 *   (now's month counts as elapsed);
 * - monthsLeft: months after now's month up to December of endYear, clamped to 1..total
 *   (in the last month, the month itself is what is left);
 * - over: now is after 31/12/endYear.
 */
function windowFrom(startYear: number, endYear: number, now: LocalDate) {
  const start = monthIndex(startYear, 1);
  const end = monthIndex(endYear, 12);
  const current = monthIndex(now.year, now.month);
  const total = end - start + 1;
  const elapsed = Math.min(total, Math.max(0, current - start + 1));
  const monthsLeft = Math.min(total, Math.max(1, end - current));
  return { total, elapsed, monthsLeft, over: current > end };
}

const clamp01 = (x: number) => (Number.isNaN(x) ? 0 : Math.min(1, Math.max(0, x)));

function progressOf(value: number, target: number): number {
  if (target <= 0) return value >= target ? 1 : 0;
  return clamp01(value / target);
}

/**
 * Where an indicator stands for `period`, seen on the local date `now`. Only now's year and month
 * matter.
 *
 * - no_data: the aggregate's value is null (nobody reported, or Σdenominator = 0).
 * - yearly_percent (the period's year): reached if value ≥ target; otherwise missed once that year
 *   is over (now in a later year), else pending. Yearly percents are ratings made at the year's
 *   end: short of the target while the year runs, they are neither on track nor behind.
 * - term_count: reached if count ≥ target; missed if the term is over (now after
 *   31/12/termEndYear); otherwise on_track if count ≥ target × elapsed / total, else behind, where
 *   elapsed is the months from 1/1/termStartYear to the end of now's month and total the months of
 *   the term (a straight line from 0 at the start to the target at the end).
 *   pace (when neither reached nor missed): remaining = target − count; monthsLeft = the months
 *   after now's month up to December of termEndYear (end of Nov 2024 in 2020–2025 → Dec 2024 …
 *   Dec 2025 = 13; in the last month itself, 1); perMonth = ceil(remaining / monthsLeft) when
 *   remaining ≥ monthsLeft, else null (2 left in 48 months is not "1 a month").
 * - yearly_count: the same as term_count with the period's calendar year as the term.
 * - percent_by_date: reached if value ≥ target (even early); missed if now is after
 *   31/12/targetYear (default termEndYear); otherwise on_track/behind against a straight line from
 *   0% on 1/1/termStartYear to the target at the end of targetYear. Without a baseline this line is
 *   lenient early in the term, and strict at the end (by targetYear's December it is the target
 *   itself). No pace: percentage points per month would mean little.
 * - upper_bound (the period's year): value > target → missed (what happened in the year cannot be
 *   undone); value ≤ target → reached once the year is over, on_track while it runs.
 * - progress: value / target clamped to 0..1 (a target of 0 counts as reached at 0);
 *   upper_bound: 1 within the bound, 0 over it. 0 when there is no data.
 */
export function assess(def: IndicatorDef, agg: Aggregate, period: Period, now: LocalDate): Assessment {
  checkMonth(now.month);
  if (def.termEndYear < def.termStartYear) throw new RangeError(`Term ${def.termStartYear}–${def.termEndYear} ends before it starts`);
  const { target } = def;
  const value = agg.value;
  if (value === null) return { status: 'no_data', value: null, target, progress: 0 };

  const periodYear = periodBounds(period).year;
  const yearOver = now.year > periodYear;

  switch (def.kind) {
    case 'upper_bound': {
      const within = value <= target + EPS;
      const status: Status = !within ? 'missed' : yearOver ? 'reached' : 'on_track';
      return { status, value, target, progress: within ? 1 : 0 };
    }
    case 'yearly_percent': {
      const status: Status = value >= target - EPS ? 'reached' : yearOver ? 'missed' : 'pending';
      return { status, value, target, progress: progressOf(value, target) };
    }
    case 'percent_by_date': {
      const targetYear = def.targetYear ?? def.termEndYear;
      return { ...linear(value, target, windowFrom(def.termStartYear, targetYear, now)), value, target };
    }
    case 'term_count': {
      const w = windowFrom(def.termStartYear, def.termEndYear, now);
      return withPace(linear(value, target, w), value, target, w.monthsLeft);
    }
    case 'yearly_count': {
      const w = windowFrom(periodYear, periodYear, now);
      return withPace(linear(value, target, w), value, target, w.monthsLeft);
    }
  }
}

/**
 * Where an indicator stood when `year` ended, judged as assess would on 31/12 of that year: a yearly
 * kind's year is over; a term-long kind is over if its deadline year is, else measured against its
 * straight line at the end of that December. No pace: it is history.
 */
export function assessYearEnd(def: IndicatorDef, agg: Aggregate, year: number): Assessment {
  const deadline = def.kind === 'percent_by_date' ? (def.targetYear ?? def.termEndYear) : def.termEndYear;
  const longRunning = def.kind === 'term_count' || def.kind === 'percent_by_date';
  const asOf: LocalDate = longRunning && year < deadline ? { year, month: 12, day: 31 } : { year: year + 1, month: 1, day: 1 };
  const { pace: _pace, ...assessment } = assess(def, agg, lastPeriodOf(year), asOf);
  return assessment;
}

function linear(value: number, target: number, w: ReturnType<typeof windowFrom>): { status: Status; progress: number } {
  const progress = progressOf(value, target);
  if (value >= target - EPS) return { status: 'reached', progress };
  if (w.over) return { status: 'missed', progress };
  const expected = (target * w.elapsed) / w.total;
  return { status: value >= expected - EPS ? 'on_track' : 'behind', progress };
}

function withPace(s: { status: Status; progress: number }, value: number, target: number, monthsLeft: number): Assessment {
  const out: Assessment = { ...s, value, target };
  if (s.status === 'on_track' || s.status === 'behind') {
    const remaining = target - value;
    out.pace = { remaining, monthsLeft, perMonth: remaining >= monthsLeft ? Math.ceil(remaining / monthsLeft) : null };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Display

/**
 * A text progress bar, e.g. progressBar(0.5) = '▰▰▰▰▰▱▱▱▱▱'. `progress` is clamped to 0..1 (NaN
 * → 0); filled cells are rounded down, so the bar is full only when the target is reached.
 */
export function progressBar(progress: number, width = 10): string {
  if (!Number.isInteger(width) || width < 1) throw new RangeError(`Invalid progress bar width ${width}`);
  const filled = Math.min(width, Math.floor(clamp01(progress) * width + EPS));
  return '▰'.repeat(filled) + '▱'.repeat(width - filled);
}
