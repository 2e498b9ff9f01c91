/**
 * The indicator rules at their edges (src/domain/indicators.ts): which figures are refused, which
 * figure of a branch counts, and the status at exactly the target, the line or the deadline —
 * where a `>` that should be `>=` would turn "reached" into "behind" without anyone noticing.
 */
import { describe, expect, it } from 'vitest';
import {
  aggregate,
  assess,
  assessYearEnd,
  type BranchFigure,
  figureProblem,
  formatPeriod,
  formatQuarter,
  formatTerm,
  type IndicatorDef,
  isCumulative,
  latestPerBranch,
  makePeriod,
  periodBounds,
  periodOf,
} from '../../src/domain/indicators.js';

const TERM = { termStartYear: 2020, termEndYear: 2025 } as const;
const figure = (branchId: number, period: BranchFigure['period'], numerator: number, denominator: number | null = null): BranchFigure => ({
  branchId,
  period,
  numerator,
  denominator,
});
const count = (value: number) => ({ numerator: value, denominator: null, value, branchesReported: 1 });
const percent = (value: number) => ({ numerator: value, denominator: 100, value, branchesReported: 1 });

describe('figures a branch may report', () => {
  it('a count ignores its denominator entirely; a percentage checks it', () => {
    expect(figureProblem('term_count', 5, -3)).toBeNull();
    expect(figureProblem('term_count', 5, 2.5)).toBeNull();
    expect(figureProblem('yearly_count', 5, 100_001)).toBeNull();
    expect(figureProblem('yearly_percent', 5, -3)).toBe('negative');
    expect(figureProblem('yearly_percent', 5, 2.5)).toBe('not_whole');
    expect(figureProblem('percent_by_date', 5, 100_001)).toBe('too_large');
  });

  it('the largest figure is allowed, one more is not', () => {
    expect(figureProblem('yearly_percent', 100_000, 100_000)).toBeNull();
    expect(figureProblem('term_count', 100_000, null)).toBeNull();
    expect(figureProblem('term_count', 100_001, null)).toBe('too_large');
    expect(figureProblem('upper_bound', -1, null)).toBe('negative');
    expect(figureProblem('upper_bound', 0, null)).toBeNull();
  });

  it('counts add up over time; percentages and bounds do not', () => {
    expect(isCumulative('term_count')).toBe(true);
    expect(isCumulative('yearly_count')).toBe(true);
    expect(isCumulative('yearly_percent')).toBe(false);
    expect(isCumulative('upper_bound')).toBe(false);
  });
});

describe('periods', () => {
  it('years of four digits only; months 1 to 12', () => {
    expect(makePeriod(1000, 1)).toBe('1000-Q1');
    expect(makePeriod(9999, 4)).toBe('9999-Q4');
    expect(() => makePeriod(999, 1)).toThrow('Invalid year 999');
    expect(() => makePeriod(10_000, 1)).toThrow('Invalid year 10000');
    expect(() => makePeriod(2025.5, 1)).toThrow('Invalid year 2025.5');
    expect(() => periodOf({ year: 2025, month: 13 })).toThrow('Invalid month 13');
    expect(() => periodOf({ year: 2025, month: 0 })).toThrow('Invalid month 0');
    expect(periodOf({ year: 2025, month: 12 })).toBe('2025-Q4');
  });

  it('a malformed period is refused with the form it should have', () => {
    expect(() => periodBounds('2025-Q5' as never)).toThrow("Invalid period '2025-Q5' (expected 'YYYY-Qn')");
    // Asked again (a cache must not remember a refusal as a period).
    expect(() => periodBounds('2025-Q5' as never)).toThrow(RangeError);
  });

  it('Vietnamese by default', () => {
    expect(formatPeriod('2025-Q4')).toBe('quý IV/2025');
    expect(formatQuarter('2025-Q1')).toBe('quý I');
    expect(formatTerm(2025, 2030)).toBe('nhiệm kỳ 2025–2030');
  });
});

describe('which figure counts', () => {
  it('a term count takes figures from the term\'s first year on, not before', () => {
    const def: IndicatorDef = { kind: 'term_count', target: 100, ...TERM };
    const latest = latestPerBranch(def, [figure(1, '2019-Q4', 50), figure(2, '2020-Q1', 7), figure(3, '2025-Q4', 9)], '2025-Q4');
    expect(latest.map((f) => f.branchId)).toEqual([2, 3]);
  });

  it('a correction of the same period wins; the result is by branch', () => {
    const def: IndicatorDef = { kind: 'yearly_count', target: 10, ...TERM };
    const latest = latestPerBranch(def, [figure(9, '2024-Q2', 1), figure(4, '2024-Q2', 5), figure(4, '2024-Q2', 6), figure(4, '2024-Q1', 8)], '2024-Q4');
    expect(latest).toEqual([figure(4, '2024-Q2', 6), figure(9, '2024-Q2', 1)]);
    expect(aggregate(def, latest, '2024-Q4')).toMatchObject({ numerator: 7, value: 7, branchesReported: 2 });
  });
});

describe('status at the edges', () => {
  const now = { year: 2023, month: 6, day: 1 };

  it('a term with its end before its start is an error', () => {
    expect(() => assess({ kind: 'term_count', target: 1, termStartYear: 2025, termEndYear: 2024 }, count(1), '2024-Q4', now)).toThrow(
      'Term 2025–2024 ends before it starts',
    );
    // A one-year term is fine.
    expect(assess({ kind: 'term_count', target: 1, termStartYear: 2023, termEndYear: 2023 }, count(1), '2023-Q2', now).status).toBe('reached');
  });

  it('exactly the target is reached; exactly the bound is within it', () => {
    expect(assess({ kind: 'yearly_percent', target: 90, ...TERM }, percent(90), '2023-Q4', now).status).toBe('reached');
    expect(assess({ kind: 'term_count', target: 100, ...TERM }, count(100), '2023-Q2', now).status).toBe('reached');
    expect(assess({ kind: 'upper_bound', target: 2, ...TERM }, count(2), '2023-Q2', now)).toMatchObject({ status: 'on_track', progress: 1 });
    expect(assess({ kind: 'upper_bound', target: 2, ...TERM }, count(2.5), '2023-Q2', now)).toMatchObject({ status: 'missed', progress: 0 });
  });

  it('a target of nothing is reached by nothing, with a full bar', () => {
    expect(assess({ kind: 'yearly_count', target: 0, ...TERM }, count(0), '2023-Q2', now)).toMatchObject({ status: 'reached', progress: 1 });
  });

  it('exactly on the straight line is on track', () => {
    // 2020–2025 is 72 months; by the end of June 2023, 42 have passed: 42/72 of 72 is 42.
    const def: IndicatorDef = { kind: 'term_count', target: 72, ...TERM };
    expect(assess(def, count(42), '2023-Q2', now).status).toBe('on_track');
    expect(assess(def, count(41), '2023-Q2', now).status).toBe('behind');
  });

  it('as many left as months left is one a month', () => {
    // From June 2023, 30 months are left to December 2025.
    const def: IndicatorDef = { kind: 'term_count', target: 72, ...TERM };
    expect(assess(def, count(42), '2023-Q2', now).pace).toEqual({ remaining: 30, monthsLeft: 30, perMonth: 1 });
    expect(assess({ ...def, target: 71 }, count(42), '2023-Q2', now).pace).toEqual({ remaining: 29, monthsLeft: 30, perMonth: null });
  });

  it('percent_by_date is due at its target year, else at the end of the term', () => {
    const early: IndicatorDef = { kind: 'percent_by_date', target: 90, targetYear: 2022, ...TERM };
    const late: IndicatorDef = { kind: 'percent_by_date', target: 90, ...TERM };
    expect(assess(early, percent(50), '2023-Q2', now).status).toBe('missed');
    expect(assess(late, percent(50), '2023-Q2', now).status).toBe('behind');
  });

  it('a year\'s end: a term-long kind is judged on its line before its deadline year is over, and missed after', () => {
    const byDate: IndicatorDef = { kind: 'percent_by_date', target: 90, targetYear: 2023, ...TERM };
    expect(assessYearEnd(byDate, percent(80), 2022).status).toBe('on_track');
    expect(assessYearEnd(byDate, percent(80), 2023).status).toBe('missed');
    const term: IndicatorDef = { kind: 'term_count', target: 60, ...TERM };
    expect(assessYearEnd(term, count(40), 2022).status).toBe('on_track');
    // At the end of 2022, 36 of the term's 72 months are over: the line stands at 30.
    expect(assessYearEnd(term, count(30), 2022).status).toBe('on_track');
    expect(assessYearEnd(term, count(29), 2022).status).toBe('behind');
    expect(assessYearEnd(term, count(59), 2025).status).toBe('missed');
    // A yearly kind's year is over at its end.
    expect(assessYearEnd({ kind: 'yearly_count', target: 10, ...TERM }, count(9), 2022).status).toBe('missed');
    expect(assessYearEnd({ kind: 'yearly_percent', target: 90, ...TERM }, percent(89), 2022).status).toBe('missed');
    expect(assessYearEnd({ kind: 'upper_bound', target: 3, ...TERM }, count(3), 2022).status).toBe('reached');
    expect(assessYearEnd(term, count(40), 2022).pace).toBeUndefined();
  });
});
