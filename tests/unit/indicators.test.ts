import { describe, expect, it } from 'vitest';
import {
  aggregate,
  assess,
  assessYearEnd,
  comparePeriods,
  denominatorCountsMembers,
  figureProblem,
  formatPeriod,
  formatQuarter,
  formatTerm,
  formatTermYears,
  isDueIn,
  latestPerBranch,
  MAX_FIGURE,
  periodBounds,
  periodOf,
  periodsOfYear,
  previousPeriod,
  progressBar,
  type Assessment,
  type BranchFigure,
  type IndicatorDef,
  type IndicatorKind,
  type Period,
} from '../../src/domain/indicators.js';

/**
 * The main indicators of the 2020–2025 resolution of the bloc (seeds/001: "Và các chỉ tiêu chủ
 * yếu: …"), one row per figure that a branch can report.
 */
interface Fixture {
  code: string;
  title: string;
  kind: IndicatorKind;
  target: number;
  targetYear?: number;
}

const TERM = { termStartYear: 2020, termEndYear: 2025 } as const;

const RESOLUTION_2020_2025: readonly Fixture[] = [
  { code: 'QT-TCCS', title: 'TCCS đảng triển khai, quán triệt Nghị quyết Đại hội', kind: 'yearly_percent', target: 100 },
  { code: 'QT-DV', title: 'Đảng viên tham gia học tập Nghị quyết', kind: 'yearly_percent', target: 100 },
  { code: 'QT-QC', title: 'Quần chúng tham gia học tập Nghị quyết (từ 80% trở lên)', kind: 'yearly_percent', target: 80 },
  { code: 'KN', title: 'Kết nạp quần chúng ưu tú vào Đảng trong nhiệm kỳ', kind: 'term_count', target: 1200 },
  {
    code: 'LLCT',
    title: 'Trưởng, phó phòng và tương đương có trình độ lý luận chính trị từ trung cấp trở lên',
    kind: 'percent_by_date',
    target: 90,
    targetYear: 2025,
  },
  { code: 'XL-DV', title: 'Đảng viên hoàn thành tốt nhiệm vụ trở lên (hằng năm)', kind: 'yearly_percent', target: 90 },
  { code: 'XL-TCCS', title: 'TCCS đảng hoàn thành tốt nhiệm vụ trở lên (hằng năm)', kind: 'yearly_percent', target: 95 },
  { code: 'XL-KHT', title: 'TCCS đảng xếp loại không hoàn thành nhiệm vụ', kind: 'upper_bound', target: 0 },
  { code: 'TCCS-TN', title: 'Thành lập mới TCCS đảng trong doanh nghiệp tư nhân', kind: 'term_count', target: 2 },
  { code: 'VH', title: 'Cơ quan, đơn vị, doanh nghiệp đạt chuẩn văn hóa (hằng năm)', kind: 'yearly_percent', target: 95 },
  {
    code: 'CD-DTN',
    title: 'Cơ sở Công đoàn Viên chức Tỉnh và Đoàn Khối hoàn thành tốt nhiệm vụ trở lên (hằng năm)',
    kind: 'yearly_percent',
    target: 90,
  },
];

function def(code: string): IndicatorDef {
  const f = RESOLUTION_2020_2025.find((i) => i.code === code);
  if (!f) throw new Error(`no fixture ${code}`);
  return { kind: f.kind, target: f.target, ...TERM, ...(f.targetYear !== undefined ? { targetYear: f.targetYear } : {}) };
}

const fig = (branchId: number, period: Period, numerator: number, denominator: number | null = null): BranchFigure => ({
  branchId,
  period,
  numerator,
  denominator,
});

const day = (year: number, month: number, d = 15) => ({ year, month, day: d });

/** The pace of a count as /chitieu words it (without thousands separators). */
function paceText(a: Assessment): string | null {
  if (!a.pace) return null;
  const base = `còn cần thêm ${a.pace.remaining} trong ${a.pace.monthsLeft} tháng tới`;
  return a.pace.perMonth === null ? base : `${base}, bình quân ${a.pace.perMonth} mỗi tháng`;
}

describe('the 2020–2025 fixture', () => {
  it('holds the eleven figures of the resolution with their kinds and targets', () => {
    expect(RESOLUTION_2020_2025).toHaveLength(11);
    expect(new Set(RESOLUTION_2020_2025.map((i) => i.code)).size).toBe(11);
    expect(def('KN')).toEqual({ kind: 'term_count', target: 1200, termStartYear: 2020, termEndYear: 2025 });
    expect(def('LLCT')).toMatchObject({ kind: 'percent_by_date', target: 90, targetYear: 2025 });
    expect(def('XL-KHT')).toMatchObject({ kind: 'upper_bound', target: 0 });
    expect(def('TCCS-TN')).toMatchObject({ kind: 'term_count', target: 2 });
    expect(RESOLUTION_2020_2025.filter((i) => i.kind === 'yearly_percent').map((i) => i.target)).toEqual([100, 100, 80, 90, 95, 95, 90]);
  });
});

describe('periods', () => {
  it('maps months to quarters', () => {
    expect(periodOf({ year: 2024, month: 1 })).toBe('2024-Q1');
    expect(periodOf({ year: 2024, month: 3 })).toBe('2024-Q1');
    expect(periodOf({ year: 2024, month: 4 })).toBe('2024-Q2');
    expect(periodOf({ year: 2024, month: 9 })).toBe('2024-Q3');
    expect(periodOf({ year: 2024, month: 11 })).toBe('2024-Q4');
    expect(periodOf({ year: 2024, month: 12 })).toBe('2024-Q4');
    expect(() => periodOf({ year: 2024, month: 13 })).toThrow(RangeError);
    expect(() => periodOf({ year: 2024, month: 0 })).toThrow(RangeError);
  });

  it('gives the bounds of a quarter', () => {
    expect(periodBounds('2024-Q1')).toEqual({ year: 2024, quarter: 1, startMonth: 1, endMonth: 3 });
    expect(periodBounds('2025-Q3')).toEqual({ year: 2025, quarter: 3, startMonth: 7, endMonth: 9 });
    expect(periodBounds('2025-Q4')).toEqual({ year: 2025, quarter: 4, startMonth: 10, endMonth: 12 });
    expect(() => periodBounds('2025-Q5' as Period)).toThrow(RangeError);
    expect(() => periodBounds('25-Q1' as Period)).toThrow(RangeError);
  });

  it('steps back across a year change: Q1 → last year’s Q4', () => {
    expect(previousPeriod('2025-Q1')).toBe('2024-Q4');
    expect(previousPeriod('2024-Q4')).toBe('2024-Q3');
    expect(previousPeriod('2024-Q2')).toBe('2024-Q1');
  });

  it('compares and lists quarters', () => {
    expect(comparePeriods('2024-Q4', '2025-Q1')).toBeLessThan(0);
    expect(comparePeriods('2025-Q1', '2024-Q4')).toBeGreaterThan(0);
    expect(comparePeriods('2024-Q2', '2024-Q2')).toBe(0);
    expect(comparePeriods('2024-Q1', '2024-Q3')).toBeLessThan(0);
    const shuffled: Period[] = ['2025-Q1', '2023-Q4', '2024-Q3', '2024-Q1'];
    expect([...shuffled].sort(comparePeriods)).toEqual(['2023-Q4', '2024-Q1', '2024-Q3', '2025-Q1']);
    expect(periodsOfYear(2025)).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
    for (const p of periodsOfYear(2023)) expect(periodBounds(p).year).toBe(2023);
  });
});

describe('aggregation over branches', () => {
  it('sums each branch’s latest figure: a branch that reported in Q1 and Q3 counts with Q3', () => {
    const d = def('XL-DV');
    const figures = [fig(1, '2024-Q1', 40, 50), fig(2, '2024-Q2', 60, 70), fig(1, '2024-Q3', 45, 50)];
    expect(latestPerBranch(d, figures, '2024-Q3')).toEqual([fig(1, '2024-Q3', 45, 50), fig(2, '2024-Q2', 60, 70)]);
    expect(aggregate(d, figures, '2024-Q3')).toEqual({ numerator: 105, denominator: 120, value: 87.5, branchesReported: 2 });
    // In Q2 the Q3 figure does not exist yet: branch 1 counts with Q1.
    expect(aggregate(d, figures, '2024-Q2')).toEqual({ numerator: 100, denominator: 120, value: (100 * 100) / 120, branchesReported: 2 });
    // In Q4, nobody reported again: the latest figures still stand.
    expect(aggregate(d, figures, '2024-Q4')).toMatchObject({ numerator: 105, denominator: 120, branchesReported: 2 });
  });

  it('takes the figure listed last when a branch reported twice for the same quarter (a correction)', () => {
    const d = def('KN');
    const figures = [fig(1, '2024-Q2', 30), fig(1, '2024-Q2', 32)];
    expect(aggregate(d, figures, '2024-Q2')).toMatchObject({ numerator: 32, value: 32, branchesReported: 1 });
  });

  it('counts a branch that reported only last year for term_count, not for a yearly kind', () => {
    const figures = [fig(1, '2023-Q4', 120, 150), fig(2, '2024-Q2', 90, 100)];
    // Members rated well: a yearly percent, 2023's snapshot is not this year's.
    expect(aggregate(def('XL-DV'), figures, '2024-Q3')).toEqual({ numerator: 90, denominator: 100, value: 90, branchesReported: 1 });
    // Admissions: cumulative since the start of the term, branch 1's 120 still stands.
    expect(aggregate(def('KN'), figures, '2024-Q3')).toEqual({ numerator: 210, denominator: null, value: 210, branchesReported: 2 });
    // A term_count figure from before the term is not part of it.
    expect(aggregate(def('KN'), [fig(3, '2019-Q4', 500), ...figures], '2024-Q3')).toMatchObject({ numerator: 210, branchesReported: 2 });
    // percent_by_date is a snapshot of the year too.
    expect(aggregate(def('LLCT'), figures, '2024-Q3')).toMatchObject({ numerator: 90, denominator: 100, branchesReported: 1 });
  });

  it('ignores figures after the period', () => {
    const figures = [fig(1, '2024-Q1', 10), fig(1, '2025-Q1', 99), fig(2, '2024-Q4', 5)];
    expect(aggregate(def('KN'), figures, '2024-Q3')).toMatchObject({ numerator: 10, branchesReported: 1 });
  });

  it('gives no data for a percent whose denominators sum to 0, or when nobody reported', () => {
    const d = def('QT-QC');
    const zero = aggregate(d, [fig(1, '2024-Q1', 0, 0), fig(2, '2024-Q1', 0, 0)], '2024-Q1');
    expect(zero).toEqual({ numerator: 0, denominator: 0, value: null, branchesReported: 2 });
    expect(assess(d, zero, '2024-Q1', day(2024, 2))).toEqual({ status: 'no_data', value: null, target: 80, progress: 0 });

    const nobody = aggregate(def('KN'), [], '2024-Q1');
    expect(nobody).toEqual({ numerator: 0, denominator: null, value: null, branchesReported: 0 });
    expect(assess(def('KN'), nobody, '2024-Q1', day(2024, 2)).status).toBe('no_data');
    expect(assess(def('XL-KHT'), aggregate(def('XL-KHT'), [], '2024-Q4'), '2024-Q4', day(2025, 1)).status).toBe('no_data');
  });

  it('leaves a percent figure without a denominator out of the sums', () => {
    const agg = aggregate(def('VH'), [fig(1, '2024-Q1', 19, 20), fig(2, '2024-Q1', 5, null)], '2024-Q1');
    expect(agg).toEqual({ numerator: 19, denominator: 20, value: 95, branchesReported: 1 });
  });

  it('rolls out the resolution in all 73 organisations: 100% reached', () => {
    const d = def('QT-TCCS');
    const figures = [fig(1, '2021-Q1', 40, 40), fig(2, '2021-Q1', 33, 33)];
    const agg = aggregate(d, figures, '2021-Q1');
    expect(agg).toMatchObject({ numerator: 73, denominator: 73, value: 100 });
    expect(assess(d, agg, '2021-Q1', day(2021, 3))).toMatchObject({ status: 'reached', progress: 1 });
  });
});

describe('admissions: 1,200 during 2020–2025 (term_count)', () => {
  const d = def('KN');
  /** Three branches' cumulative counts, as reported in the quarter that ends in Dec 2024. */
  const figures = [fig(1, '2024-Q3', 300), fig(1, '2024-Q4', 410), fig(2, '2024-Q4', 250), fig(3, '2023-Q2', 200)];
  const endOfNov2024 = { year: 2024, month: 11, day: 30 };
  const period = periodOf(endOfNov2024);

  it('counts 860 at the end of November 2024', () => {
    expect(period).toBe('2024-Q4');
    expect(aggregate(d, figures, period)).toEqual({ numerator: 860, denominator: null, value: 860, branchesReported: 3 });
  });

  it('has 340 left in 13 months, ~27 a month, and is behind the straight line', () => {
    const a = assess(d, aggregate(d, figures, period), period, endOfNov2024);
    // Jan 2020 … Nov 2024 = 4·12 + 11 = 59 of 72 months → 1,200 · 59/72 ≈ 983.3 expected; 860 is below.
    const expected = (1200 * 59) / 72;
    expect(expected).toBeCloseTo(983.33, 2);
    expect(860 < expected).toBe(true);
    expect(a).toEqual({ status: 'behind', value: 860, target: 1200, progress: 860 / 1200, pace: { remaining: 340, monthsLeft: 13, perMonth: 27 } });
    expect(paceText(a)).toBe('còn cần thêm 340 trong 13 tháng tới, bình quân 27 mỗi tháng');
  });

  it('is on track at or above the straight line', () => {
    const at = (n: number) => assess(d, { numerator: n, denominator: null, value: n, branchesReported: 3 }, period, endOfNov2024);
    expect(at(984).status).toBe('on_track');
    expect(at(983).status).toBe('behind');
    expect(at(1000).pace).toEqual({ remaining: 200, monthsLeft: 13, perMonth: 16 });
    // Half-way through the term (Dec 2022 = 36 of 72 months), 600 is exactly on the line.
    expect(assess(d, { numerator: 600, denominator: null, value: 600, branchesReported: 1 }, '2022-Q4', day(2022, 12)).status).toBe('on_track');
    expect(assess(d, { numerator: 599, denominator: null, value: 599, branchesReported: 1 }, '2022-Q4', day(2022, 12)).status).toBe('behind');
  });

  it('leaves the last month of the term as the one month left', () => {
    const a = assess(d, { numerator: 1150, denominator: null, value: 1150, branchesReported: 3 }, '2025-Q4', day(2025, 12, 1));
    expect(a.status).toBe('behind');
    expect(a.pace).toEqual({ remaining: 50, monthsLeft: 1, perMonth: 50 });
  });

  it('is missed with 1,150 once the term is over, reached with 1,210', () => {
    const over = { year: 2026, month: 1, day: 5 };
    const missed = assess(d, aggregate(d, [fig(1, '2025-Q4', 700), fig(2, '2025-Q3', 450)], '2025-Q4'), '2025-Q4', over);
    expect(missed).toEqual({ status: 'missed', value: 1150, target: 1200, progress: 1150 / 1200 });
    expect(missed.pace).toBeUndefined();

    const reached = assess(d, aggregate(d, [fig(1, '2025-Q4', 760), fig(2, '2025-Q3', 450)], '2025-Q4'), '2025-Q4', over);
    expect(reached).toEqual({ status: 'reached', value: 1210, target: 1200, progress: 1 });
    // Reached early is reached too, without a pace.
    expect(assess(d, { numerator: 1210, denominator: null, value: 1210, branchesReported: 2 }, '2025-Q2', day(2025, 5))).toEqual(reached);
  });

  it('judges the 2 new organisations in private enterprises the same way', () => {
    const t = def('TCCS-TN');
    const one = aggregate(t, [fig(1, '2022-Q2', 1)], '2023-Q1');
    // Mar 2023: 39 of 72 months → 2 · 39/72 ≈ 1.08 expected, 1 is behind; 1 left in 33 months,
    // which is no monthly rate at all ("~1 a month" would be wrong).
    const behind = assess(t, one, '2023-Q1', day(2023, 3));
    expect(behind).toMatchObject({ status: 'behind', pace: { remaining: 1, monthsLeft: 33, perMonth: null } });
    expect(paceText(behind)).toBe('còn cần thêm 1 trong 33 tháng tới');
    // None yet in Nov 2026 of 2025–2030: 2 in the 49 months left.
    const founding: IndicatorDef = { kind: 'term_count', target: 2, termStartYear: 2025, termEndYear: 2030 };
    const none = assess(founding, { numerator: 0, denominator: null, value: 0, branchesReported: 14 }, '2026-Q4', day(2026, 11));
    expect(paceText(none)).toBe('còn cần thêm 2 trong 49 tháng tới');
    // Mar 2022: 27 of 72 months → 0.75 expected, 1 is on track.
    expect(assess(t, one, '2022-Q1', day(2022, 3)).status).toBe('on_track');
    expect(assess(t, { numerator: 2, denominator: null, value: 2, branchesReported: 2 }, '2024-Q1', day(2024, 1)).status).toBe('reached');
  });
});

describe('a yearly count (200 admissions a year)', () => {
  const d: IndicatorDef = { kind: 'yearly_count', target: 200, ...TERM };

  it('counts since 1 January and runs a straight line within the year', () => {
    const figures = [fig(1, '2023-Q4', 180), fig(1, '2024-Q2', 60), fig(2, '2024-Q3', 50)];
    const agg = aggregate(d, figures, '2024-Q3');
    expect(agg).toMatchObject({ numerator: 110, value: 110, branchesReported: 2 });
    // Sep 2024: 200 · 9/12 = 150 expected; 110 is behind; 90 left in Oct–Dec.
    expect(assess(d, agg, '2024-Q3', day(2024, 9))).toMatchObject({ status: 'behind', pace: { remaining: 90, monthsLeft: 3, perMonth: 30 } });
    // May 2024: 200 · 5/12 ≈ 83.3 expected; 110 is on track.
    expect(assess(d, agg, '2024-Q3', day(2024, 5)).status).toBe('on_track');
    expect(assess(d, agg, '2024-Q3', day(2025, 1))).toEqual({ status: 'missed', value: 110, target: 200, progress: 0.55 });
  });
});

describe('no organisation rated "not accomplished" (upper_bound 0)', () => {
  const d = def('XL-KHT');

  it('is on track with 0 during the year, reached after it, missed with 1', () => {
    const zero = aggregate(d, [fig(1, '2024-Q4', 0), fig(2, '2024-Q4', 0)], '2024-Q4');
    expect(zero).toMatchObject({ value: 0, branchesReported: 2 });
    expect(assess(d, zero, '2024-Q4', day(2024, 12))).toEqual({ status: 'on_track', value: 0, target: 0, progress: 1 });
    expect(assess(d, zero, '2024-Q4', day(2025, 1))).toEqual({ status: 'reached', value: 0, target: 0, progress: 1 });

    const one = aggregate(d, [fig(1, '2024-Q4', 0), fig(2, '2024-Q4', 1)], '2024-Q4');
    expect(assess(d, one, '2024-Q4', day(2024, 12))).toEqual({ status: 'missed', value: 1, target: 0, progress: 0 });
    expect(assess(d, one, '2024-Q4', day(2025, 1)).status).toBe('missed');
  });

  it('starts every year afresh', () => {
    const figures = [fig(2, '2023-Q4', 1), fig(1, '2024-Q1', 0)];
    expect(assess(d, aggregate(d, figures, '2024-Q1'), '2024-Q1', day(2024, 2)).status).toBe('on_track');
  });
});

describe('political theory of heads and deputies: ≥90% by 2025 (percent_by_date)', () => {
  const d = def('LLCT');

  it('runs a straight line from 0% in January 2020 to 90% in December 2025', () => {
    // Dec 2023: 48 of 72 months → 90 · 48/72 = 60% expected.
    const good = aggregate(d, [fig(1, '2023-Q4', 120, 160), fig(2, '2023-Q3', 40, 40)], '2023-Q4');
    expect(good.value).toBe(80);
    expect(assess(d, good, '2023-Q4', day(2023, 12))).toEqual({ status: 'on_track', value: 80, target: 90, progress: 80 / 90 });
    const poor = aggregate(d, [fig(1, '2023-Q4', 110, 200)], '2023-Q4');
    expect(poor.value).toBe(55);
    expect(assess(d, poor, '2023-Q4', day(2023, 12)).status).toBe('behind');
    // In 2025 the line reaches the target itself: 88% in Dec 2025 is behind (not missed yet).
    const late = aggregate(d, [fig(1, '2025-Q4', 176, 200)], '2025-Q4');
    expect(assess(d, late, '2025-Q4', day(2025, 12))).toMatchObject({ status: 'behind', value: 88 });
    expect(assess(d, late, '2025-Q4', day(2025, 12)).pace).toBeUndefined();
  });

  it('is reached at 90% or more, even early, and missed after 2025 below it', () => {
    const reached = aggregate(d, [fig(1, '2024-Q2', 182, 200)], '2024-Q2');
    expect(assess(d, reached, '2024-Q2', day(2024, 6))).toMatchObject({ status: 'reached', value: 91, progress: 1 });
    const end = aggregate(d, [fig(1, '2025-Q4', 176, 200)], '2025-Q4');
    expect(assess(d, end, '2025-Q4', day(2026, 1))).toEqual({ status: 'missed', value: 88, target: 90, progress: 88 / 90 });
    const made = aggregate(d, [fig(1, '2025-Q4', 180, 200)], '2025-Q4');
    expect(assess(d, made, '2025-Q4', day(2026, 1)).status).toBe('reached');
  });
});

describe('members rated well accomplished: ≥90% each year (yearly_percent)', () => {
  const d = def('XL-DV');

  it('is reached at 91.2% against 90', () => {
    const agg = aggregate(d, [fig(1, '2024-Q4', 228, 250), fig(2, '2024-Q4', 228, 250)], '2024-Q4');
    expect(agg.value).toBeCloseTo(91.2, 10);
    expect(assess(d, agg, '2024-Q4', day(2025, 1))).toMatchObject({ status: 'reached', target: 90, progress: 1 });
    expect(assess(d, agg, '2024-Q4', day(2024, 12)).status).toBe('reached');
  });

  it('is missed at 88% once the year is over; while it runs it waits for the year-end rating, never "behind"', () => {
    const agg = aggregate(d, [fig(1, '2024-Q4', 220, 250), fig(2, '2024-Q3', 220, 250)], '2024-Q4');
    expect(agg.value).toBe(88);
    expect(assess(d, agg, '2024-Q4', day(2025, 2))).toEqual({ status: 'missed', value: 88, target: 90, progress: 88 / 90 });
    expect(assess(d, agg, '2024-Q4', day(2024, 10))).toEqual({ status: 'pending', value: 88, target: 90, progress: 88 / 90 });
    // In June too: a rating made in December is not behind in June.
    const june = aggregate(d, [fig(1, '2024-Q2', 220, 250)], '2024-Q2');
    expect(assess(d, june, '2024-Q2', day(2024, 6)).status).toBe('pending');
  });

  it('is reported in the last quarter of the year only', () => {
    expect(periodsOfYear(2026).filter((p) => isDueIn('yearly_percent', p))).toEqual(['2026-Q4']);
    for (const kind of ['term_count', 'yearly_count', 'percent_by_date', 'upper_bound'] as const)
      expect(periodsOfYear(2026).every((p) => isDueIn(kind, p)), kind).toBe(true);
  });

  it('is reached at exactly the target', () => {
    // 95% of organisations: 19 of 20.
    const orgs = def('XL-TCCS');
    const agg = aggregate(orgs, [fig(1, '2022-Q4', 19, 20)], '2022-Q4');
    expect(agg.value).toBe(95);
    expect(assess(orgs, agg, '2022-Q4', day(2023, 1)).status).toBe('reached');
    // 57 of 100 is 57 exactly (not 56.99999…).
    expect(aggregate(orgs, [fig(1, '2022-Q4', 57, 100)], '2022-Q4').value).toBe(57);
  });
});

describe('progressBar', () => {
  it('draws 10 cells by default', () => {
    expect(progressBar(0.5)).toBe('▰▰▰▰▰▱▱▱▱▱');
    expect(progressBar(0)).toBe('▱▱▱▱▱▱▱▱▱▱');
    expect(progressBar(1)).toBe('▰▰▰▰▰▰▰▰▰▰');
    expect(progressBar(0.7)).toBe('▰▰▰▰▰▰▰▱▱▱');
  });

  it('rounds down, so the bar is full only when the target is reached', () => {
    expect(progressBar(0.99)).toBe('▰▰▰▰▰▰▰▰▰▱');
    expect(progressBar(860 / 1200)).toBe('▰▰▰▰▰▰▰▱▱▱');
    expect(progressBar(0.57, 100)).toHaveLength(100);
    expect(progressBar(0.57, 100).split('▰').length - 1).toBe(57);
  });

  it('takes other widths', () => {
    expect(progressBar(0.5, 4)).toBe('▰▰▱▱');
    expect(progressBar(0.25, 20)).toBe('▰▰▰▰▰▱▱▱▱▱▱▱▱▱▱▱▱▱▱▱');
    expect(progressBar(1, 1)).toBe('▰');
    expect(() => progressBar(0.5, 0)).toThrow(RangeError);
    expect(() => progressBar(0.5, 2.5)).toThrow(RangeError);
  });

  it('clamps to 0..1', () => {
    expect(progressBar(1.7)).toBe('▰▰▰▰▰▰▰▰▰▰');
    expect(progressBar(-0.3)).toBe('▱▱▱▱▱▱▱▱▱▱');
    expect(progressBar(Number.NaN)).toBe('▱▱▱▱▱▱▱▱▱▱');
    expect(progressBar(1.7, 5)).toBe('▰▰▰▰▰');
  });
});

describe('figures an organisation can report', () => {
  it('refuses figures no organisation can have, and 0 as a total', () => {
    expect(figureProblem('yearly_percent', 1_000_000_000_000, 1_000_000_000_000)).toBe('too_large');
    expect(figureProblem('yearly_percent', 45, 1_000_000_000_000)).toBe('too_large');
    expect(figureProblem('term_count', 1_000_000_000_000, null)).toBe('too_large');
    expect(figureProblem('yearly_percent', 0, 0)).toBe('zero_denominator');
    expect(figureProblem('percent_by_date', 0, 0)).toBe('zero_denominator');
    expect(figureProblem('yearly_percent', 45, null)).toBe('denominator_required');
    expect(figureProblem('yearly_percent', 55, 50)).toBe('numerator_above_denominator');
    expect(figureProblem('yearly_percent', -1, 50)).toBe('negative');
    expect(figureProblem('term_count', 1.5, null)).toBe('not_whole');
  });

  it('takes what a real organisation reports, up to the ceiling', () => {
    expect(MAX_FIGURE).toBe(100_000);
    expect(figureProblem('yearly_percent', 45, 50)).toBeNull();
    expect(figureProblem('yearly_percent', 0, 50)).toBeNull();
    expect(figureProblem('yearly_percent', MAX_FIGURE, MAX_FIGURE)).toBeNull();
    expect(figureProblem('yearly_percent', MAX_FIGURE, MAX_FIGURE + 1)).toBe('too_large');
    expect(figureProblem('term_count', 0, null)).toBeNull();
    expect(figureProblem('upper_bound', 0, null)).toBeNull();
    // A count ignores a denominator typed by mistake, even 0.
    expect(figureProblem('term_count', 12, 0)).toBeNull();
  });

  it('knows a denominator of members from what it counts', () => {
    expect(denominatorCountsMembers('yearly_percent', 'Tổng số đảng viên được đánh giá, xếp loại')).toBe(true);
    expect(denominatorCountsMembers('percent_by_date', 'Tổng số đảng viên là trưởng, phó phòng và tương đương')).toBe(true);
    expect(denominatorCountsMembers('yearly_percent', 'tong so dang vien')).toBe(true);
    expect(denominatorCountsMembers('percent_by_date', 'Tổng số quần chúng')).toBe(false);
    expect(denominatorCountsMembers('percent_by_date', 'Tổng số quần chúng (chưa là đảng viên)')).toBe(false);
    expect(denominatorCountsMembers('yearly_percent', 'Tổng số tổ chức cơ sở đảng')).toBe(false);
    expect(denominatorCountsMembers('yearly_percent', '')).toBe(false);
    expect(denominatorCountsMembers('term_count', 'đảng viên')).toBe(false);
  });
});

describe('how periods and terms are written', () => {
  it('writes a quarter with Roman numerals in Vietnamese, Q4 2026 in English', () => {
    expect(formatPeriod('2026-Q4')).toBe('quý IV/2026');
    expect(formatPeriod('2025-Q1', 'vi')).toBe('quý I/2025');
    expect(formatPeriod('2024-Q3', 'vi')).toBe('quý III/2024');
    expect(formatPeriod('2026-Q4', 'en')).toBe('Q4 2026');
    expect(formatQuarter('2026-Q2')).toBe('quý II');
    expect(formatQuarter('2026-Q2', 'en')).toBe('Q2');
  });

  it('writes a term with an en dash', () => {
    expect(formatTermYears(2025, 2030)).toBe('2025–2030');
    expect(formatTerm(2025, 2030)).toBe('nhiệm kỳ 2025–2030');
    expect(formatTerm(2025, 2030, 'en')).toBe('2025–2030 term');
  });
});

describe('a year as it stood when it ended (assessYearEnd)', () => {
  it('judges a yearly percent of a past year as final', () => {
    const d = def('XL-DV');
    const agg = aggregate(d, [fig(1, '2024-Q4', 220, 250)], '2024-Q4');
    expect(assessYearEnd(d, agg, 2024).status).toBe('missed');
  });

  it('measures a term count against its straight line at that December, and as final in the last year', () => {
    const d = def('KN');
    // Dec 2022: 36 of 72 months → 600 expected.
    expect(assessYearEnd(d, { numerator: 620, denominator: null, value: 620, branchesReported: 3 }, 2022).status).toBe('on_track');
    expect(assessYearEnd(d, { numerator: 500, denominator: null, value: 500, branchesReported: 3 }, 2022).status).toBe('behind');
    const last = assessYearEnd(d, { numerator: 1150, denominator: null, value: 1150, branchesReported: 3 }, 2025);
    expect(last.status).toBe('missed');
    expect(last.pace).toBeUndefined();
  });
});
