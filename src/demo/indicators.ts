/**
 * Demo indicators: the bloc's 2020–2025 congress resolution (closed) with its real indicators, and
 * the 2025–2030 one (current) with the same set, plus quarterly reports from every grassroots
 * organisation. The figures come from a seeded generator and do not depend on the clock: the clock
 * only decides how far the reports go (every finished quarter; the quarter under way has some
 * branches still missing). Cumulative counts never go down.
 *
 * The 2020–2025 wording is quoted from the resolution (seeds/001); the 2025–2030 wording is made
 * up on the same model, as the demo needs a current term.
 */
import type { Clock } from '../clock.js';
import type { IndicatorKindName } from '../db/schema.js';
import { zonedWallTimeToUtc } from '../domain/datetime-parse.js';
import { comparePeriods, periodBounds, periodsOfYear, type Period } from '../domain/indicators.js';
import { localParts } from '../domain/time.js';
import type { Actor } from '../services/actor.js';
import type { Services } from '../services/index.js';
import type { Resolution } from '../services/indicators.js';
import { mulberry32 } from './bloc.js';

export const DEMO_INDICATOR_SEED = 20200821;

interface TermSpec {
  code: string;
  name: string;
  startYear: number;
  endYear: number;
  /** The first quarter with reports: the one after the congress. */
  firstPeriod: Period;
  lastPeriod: Period;
  admissions: number;
  /** How the term's admissions end up against the target (1.04: just reached). */
  admissionsPace: number;
  /** Which quarter (from the first) the new grassroots organisations are founded in. */
  newOrganisations: number[];
  /** Share of heads with intermediate political theory, at the first and the last quarter. */
  theory: [number, number];
}

const TERMS: { old: TermSpec; current: TermSpec } = {
  old: {
    code: 'NQ-DH-VIII',
    name: 'Nghị quyết Đại hội đại biểu Đảng bộ Khối các cơ quan tỉnh lần thứ VIII',
    startYear: 2020,
    endYear: 2025,
    firstPeriod: '2020-Q3',
    lastPeriod: '2025-Q3',
    admissions: 1200,
    admissionsPace: 1.04,
    newOrganisations: [8],
    theory: [0.74, 0.91],
  },
  current: {
    code: 'NQ-DH-IX',
    name: 'Nghị quyết Đại hội đại biểu Đảng bộ Khối các cơ quan tỉnh lần thứ IX',
    startYear: 2025,
    endYear: 2030,
    firstPeriod: '2025-Q4',
    lastPeriod: '2030-Q4',
    admissions: 1300,
    admissionsPace: 0.9,
    newOrganisations: [7, 15],
    theory: [0.87, 0.95],
  },
};

interface IndicatorSpec {
  code: string;
  title: string;
  description: string;
  unit: string;
  kind: IndicatorKindName;
  target: number;
  targetYear: number | null;
  numeratorLabel: string;
  denominatorLabel: string;
  sourceText: string;
}

/** The indicators of a term; the 2020–2025 texts are the resolution's own words. */
function indicatorSpecs(term: TermSpec): IndicatorSpec[] {
  const old = term.startYear === 2020;
  const percent = (spec: Omit<IndicatorSpec, 'unit'>): IndicatorSpec => ({ ...spec, unit: '%' });
  const count = (spec: Omit<IndicatorSpec, 'numeratorLabel' | 'denominatorLabel'>): IndicatorSpec => ({
    ...spec,
    numeratorLabel: '',
    denominatorLabel: '',
  });
  const study = old
    ? 'có 100 % đảng viên và có từ 80% quần chúng trở lên tham gia học tập.'
    : 'có 100% đảng viên và từ 80% quần chúng trở lên tham gia học tập.';
  const ratings = old
    ? 'Phấn đấu hằng năm, có từ 90% đảng viên, 95% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên.'
    : 'Hằng năm, có từ 90% đảng viên, 95% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên.';
  return [
    percent({
      code: 'QT-NQ',
      title: 'Tổ chức cơ sở đảng quán triệt, triển khai Nghị quyết Đại hội',
      description: 'Tỷ lệ tổ chức cơ sở đảng đã tổ chức quán triệt, triển khai Nghị quyết Đại hội đến cán bộ, đảng viên, quần chúng.',
      kind: 'percent_by_date',
      target: 100,
      targetYear: term.startYear,
      numeratorLabel: 'Số tổ chức cơ sở đảng đã quán triệt, triển khai',
      denominatorLabel: 'Tổng số tổ chức cơ sở đảng',
      sourceText: old
        ? '100% tổ chức cơ sở đảng triển khai, quán triệt đầy đủ, kịp thời Nghị quyết Đại hội đảng các cấp đến cán bộ, đảng viên, quần chúng cơ quan, đơn vị, doanh nghiệp'
        : '100% tổ chức cơ sở đảng quán triệt, triển khai đầy đủ, kịp thời Nghị quyết Đại hội đảng các cấp đến cán bộ, đảng viên, quần chúng cơ quan, đơn vị, doanh nghiệp',
    }),
    percent({
      code: 'HT-NQ-DV',
      title: 'Đảng viên tham gia học tập Nghị quyết Đại hội',
      description: 'Tỷ lệ đảng viên tham gia học tập, quán triệt Nghị quyết Đại hội.',
      kind: 'percent_by_date',
      target: 100,
      targetYear: term.startYear,
      numeratorLabel: 'Số đảng viên đã tham gia học tập',
      denominatorLabel: 'Tổng số đảng viên',
      sourceText: study,
    }),
    percent({
      code: 'HT-NQ-QC',
      title: 'Quần chúng tham gia học tập Nghị quyết Đại hội',
      description: 'Tỷ lệ quần chúng (cán bộ, công chức, viên chức, người lao động chưa là đảng viên) tham gia học tập Nghị quyết.',
      kind: 'percent_by_date',
      target: 80,
      targetYear: term.startYear,
      numeratorLabel: 'Số quần chúng đã tham gia học tập',
      denominatorLabel: 'Tổng số quần chúng',
      sourceText: study,
    }),
    count({
      code: 'KN-DV',
      title: 'Kết nạp đảng viên mới',
      description: 'Số quần chúng ưu tú được kết nạp vào Đảng, lũy kế từ đầu nhiệm kỳ.',
      unit: 'đảng viên',
      kind: 'term_count',
      target: term.admissions,
      targetYear: null,
      sourceText: old
        ? 'Phấn đấu trong nhiệm kỳ, kết nạp 1.200 quần chúng ưu tú vào Đảng (trong đó có chủ doanh nghiệp và người lao động đủ điều kiện trong các doanh nghiệp tư nhân).'
        : 'Phấn đấu trong nhiệm kỳ, kết nạp 1.300 quần chúng ưu tú vào Đảng, chú trọng người lao động trong các doanh nghiệp ngoài khu vực nhà nước.',
    }),
    percent({
      code: 'LLCT',
      title: 'Trưởng, phó phòng và tương đương có trình độ lý luận chính trị từ trung cấp trở lên',
      description:
        'Tỷ lệ đảng viên là trưởng, phó phòng và tương đương (cơ quan, đơn vị sự nghiệp, doanh nghiệp có trên 50% vốn Nhà nước) có trình độ lý luận chính trị trung cấp trở lên.',
      kind: 'percent_by_date',
      target: 90,
      targetYear: term.endYear,
      numeratorLabel: 'Số trưởng, phó phòng có trình độ trung cấp lý luận chính trị trở lên',
      denominatorLabel: 'Tổng số đảng viên là trưởng, phó phòng và tương đương',
      sourceText: `Phấn đấu đến năm ${term.endYear}, có từ 90% trở lên đảng viên là trưởng, phó phòng và tương đương thuộc tổ chức đảng loại hình cơ quan, đơn vị sự nghiệp, doanh nghiệp có trên 50% vốn Nhà nước đạt trình độ lý luận chính trị từ trung cấp trở lên.`,
    }),
    percent({
      code: 'DG-DV',
      title: 'Đảng viên hoàn thành tốt nhiệm vụ trở lên',
      description: 'Tỷ lệ đảng viên được đánh giá, xếp loại hoàn thành tốt nhiệm vụ trở lên trong năm.',
      kind: 'yearly_percent',
      target: 90,
      targetYear: null,
      numeratorLabel: 'Số đảng viên hoàn thành tốt nhiệm vụ trở lên',
      denominatorLabel: 'Tổng số đảng viên được đánh giá, xếp loại',
      sourceText: ratings,
    }),
    percent({
      code: 'DG-TCCS',
      title: 'Tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên',
      description: 'Tỷ lệ tổ chức cơ sở đảng được đánh giá, xếp loại hoàn thành tốt nhiệm vụ trở lên trong năm.',
      kind: 'yearly_percent',
      target: 95,
      targetYear: null,
      numeratorLabel: 'Số tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên',
      denominatorLabel: 'Tổng số tổ chức cơ sở đảng được đánh giá, xếp loại',
      sourceText: ratings,
    }),
    count({
      code: 'KHT-TCCS',
      title: 'Tổ chức cơ sở đảng xếp loại không hoàn thành nhiệm vụ',
      description: 'Số tổ chức cơ sở đảng bị xếp loại không hoàn thành nhiệm vụ trong năm; chỉ tiêu là không có.',
      unit: 'tổ chức',
      kind: 'upper_bound',
      target: 0,
      targetYear: null,
      sourceText: 'Không có tổ chức cơ sở đảng xếp loại không hoàn thành nhiệm vụ.',
    }),
    count({
      code: 'TCCS-MOI',
      title: 'Thành lập mới tổ chức cơ sở đảng trong doanh nghiệp tư nhân',
      description: 'Số tổ chức cơ sở đảng thành lập mới trong doanh nghiệp tư nhân, lũy kế từ đầu nhiệm kỳ.',
      unit: 'tổ chức',
      kind: 'term_count',
      target: 2,
      targetYear: null,
      sourceText: old
        ? 'Phấn đấu trong nhiệm kỳ, thành lập mới ít nhất 02 tổ chức cơ sở đảng trong doanh nghiệp tư nhân.'
        : 'Phấn đấu trong nhiệm kỳ, thành lập mới ít nhất 02 tổ chức cơ sở đảng trong doanh nghiệp ngoài khu vực nhà nước.',
    }),
    percent({
      code: 'VH',
      title: 'Cơ quan, đơn vị, doanh nghiệp đạt chuẩn văn hóa',
      description: 'Tỷ lệ cơ quan, đơn vị, doanh nghiệp thuộc Khối được công nhận đạt chuẩn văn hóa trong năm.',
      kind: 'yearly_percent',
      target: 95,
      targetYear: null,
      numeratorLabel: 'Số cơ quan, đơn vị, doanh nghiệp đạt chuẩn văn hóa',
      denominatorLabel: 'Tổng số cơ quan, đơn vị, doanh nghiệp',
      // The article writes "Phấn đầu": a typo of the article, not of the resolution.
      sourceText: 'Phấn đấu hằng năm có 95% cơ quan, đơn vị, doanh nghiệp thuộc Khối đạt chuẩn văn hóa.',
    }),
    percent({
      code: 'CD-DTN',
      title: 'Cơ sở Công đoàn Viên chức tỉnh và Đoàn Khối hoàn thành tốt nhiệm vụ trở lên',
      description: 'Tỷ lệ cơ sở trực thuộc Công đoàn Viên chức tỉnh và Đoàn Khối các cơ quan tỉnh đạt hoàn thành tốt nhiệm vụ trở lên trong năm.',
      kind: 'yearly_percent',
      target: 90,
      targetYear: null,
      numeratorLabel: 'Số cơ sở công đoàn, đoàn hoàn thành tốt nhiệm vụ trở lên',
      denominatorLabel: 'Tổng số cơ sở công đoàn, đoàn',
      sourceText: 'Hằng năm, có 90% cơ sở trực thuộc Công đoàn Viên chức Tỉnh và Đoàn Khối các cơ quan Tỉnh đạt hoàn thành tốt nhiệm vụ trở lên.',
    }),
  ];
}

export interface DemoIndicatorSummary {
  resolutions: Resolution[];
  indicatorsPerTerm: number;
  reports: number;
  /** The quarter under way, in which some branches have not reported yet. */
  currentPeriod: Period;
}

interface BranchProfile {
  id: number;
  name: string;
  reporterId: number | null;
  /** Members at the start of the term. */
  members: number;
  /** Share of the bloc's admissions. */
  weight: number;
  /** Agencies or units under it (the cultural standard), and union and youth bases. */
  units: number;
  bases: number;
  /** Heads and deputy heads of departments. */
  heads: number;
  /** The quarter (index from the term's first) in which it rolled the resolution out. */
  rollout: number;
  founds: boolean;
}

type Figures = Map<string, { numerator: number; denominator: number | null }>;

/**
 * Adds both terms to a database that has the demo bloc; the caller runs it in a transaction.
 * The few thousand reports are recorded as history (IndicatorService.recordHistory): they are
 * generated valid, and each is dated at a working hour of its quarter, before `clock`'s now.
 */
export function buildDemoIndicators(
  services: Services,
  actor: Actor,
  clock: Clock,
  options: { seed?: number; timeZone?: string } = {},
): DemoIndicatorSummary {
  const indicatorService = services.indicators;
  if (indicatorService.resolutions().length > 0) throw new Error('The demo indicators need a database without resolutions');
  const seed = options.seed ?? DEMO_INDICATOR_SEED;
  // Two generators: the figures never depend on how far the clock lets the reports go.
  const random = mulberry32(seed);
  const timing = mulberry32(seed + 1);
  const timeZone = options.timeZone ?? 'Asia/Ho_Chi_Minh';
  const now = clock.now();
  const currentPeriod = indicatorService.currentPeriod();
  const profiles = profilesOf(services, random);
  const schedules = new Map([TERMS.old, TERMS.current].map((term) => [term, simulate(term, profiles, random)]));

  let reports = 0;
  const created: Resolution[] = [];
  for (const term of [TERMS.old, TERMS.current]) {
    const resolution = indicatorService.upsertResolution(
      { code: term.code, name: term.name, termStartYear: term.startYear, termEndYear: term.endYear, current: false, closed: false },
      actor,
    );
    const specs = indicatorSpecs(term);
    const ids = new Map(
      specs.map((spec, i) => [spec.code, indicatorService.upsertIndicator({ ...spec, resolutionId: resolution.id, sort: i + 1 }, actor).id]),
    );
    const rows: Parameters<typeof indicatorService.recordHistory>[0][number][] = [];
    for (const { period, figures } of schedules.get(term)!) {
      const order = comparePeriods(period, currentPeriod);
      if (order > 0) break;
      for (const profile of profiles) {
        // The quarter under way: about four in ten branches have not reported yet.
        if (order === 0 && timing() >= 0.6) continue;
        const reportedAt = reportMoment(period, now, timeZone, timing);
        for (const [code, figure] of figures.get(profile.id)!) {
          rows.push({ indicatorId: ids.get(code)!, branchId: profile.id, period, ...figure, reportedByMemberId: profile.reporterId, reportedAt });
        }
      }
    }
    reports += indicatorService.recordHistory(rows, actor);
    const closed = term === TERMS.old;
    created.push(
      indicatorService.upsertResolution(
        { code: term.code, name: term.name, termStartYear: term.startYear, termEndYear: term.endYear, current: !closed, closed },
        actor,
      ),
    );
  }
  return { resolutions: created, indicatorsPerTerm: indicatorSpecs(TERMS.old).length, reports, currentPeriod };
}

function profilesOf(services: Services, random: () => number): BranchProfile[] {
  const branches = services.indicators.reportingBranches();
  if (branches.length === 0) throw new Error('The demo indicators need the demo bloc (no reporting branches)');
  // An enterprise's cell reports the new organisations founded among private firms.
  const enterprise = branches.findIndex((b) => /công ty|doanh nghiệp/i.test(b.name));
  const founder = enterprise >= 0 ? enterprise : branches.length - 1;
  const raw = branches.map((b, i) => {
    const subcells = services.branches.children(b.id).length;
    const members = 180 + Math.floor(random() * 520);
    return {
      id: b.id,
      name: b.name,
      reporterId: services.branches.summary(b.id)?.secretaries[0]?.id ?? null,
      members,
      units: 1 + subcells,
      bases: 2 + subcells,
      heads: 6 + Math.floor(members / 40) + Math.floor(random() * 6),
      rollout: random() < 0.65 ? 0 : random() < 0.85 ? 1 : 2,
      founds: i === founder,
    };
  });
  const total = raw.reduce((s, p) => s + p.members, 0);
  return raw.map((p) => ({ ...p, weight: p.members / total }));
}

/** Every quarter of the term with each branch's figures, whatever the clock says. */
function simulate(term: TermSpec, profiles: readonly BranchProfile[], random: () => number): { period: Period; figures: Map<number, Figures> }[] {
  const periods = periodsBetween(term.firstPeriod, term.lastPeriod);
  const perQuarter = (term.admissions * term.admissionsPace) / periods.length;
  const admitted = new Map(profiles.map((p) => [p.id, 0]));
  const founded = new Map(profiles.map((p) => [p.id, 0]));
  // Yearly ratings: one draw per year for the bloc, one per branch and year.
  const yearly = new Map<string, { memberRate: number; good: boolean; bad: boolean; units: number; bases: number; massRate: number }>();
  const memberLevel = new Map<number, number>();
  for (let year = term.startYear; year <= term.endYear; year++) memberLevel.set(year, 88.5 + random() * 4.5);

  return periods.map((period, q) => {
    const { year } = periodBounds(period);
    const progress = q / Math.max(1, periods.length - 1);
    const figures = new Map<number, Figures>();
    for (const p of profiles) {
      const key = `${p.id}:${year}`;
      let rating = yearly.get(key);
      if (!rating) {
        const good = random() > 0.05;
        rating = {
          memberRate: Math.min(99, memberLevel.get(year)! + (random() * 6 - 3)) / 100,
          good,
          bad: !good && random() < 0.3,
          units: binomial(p.units, 0.965, random),
          bases: binomial(p.bases, 0.93, random),
          massRate: 0.8 + random() * 0.09,
        };
        yearly.set(key, rating);
      }
      const admittedNow = admitted.get(p.id)! + Math.round(perQuarter * p.weight * (0.4 + 1.2 * random()));
      admitted.set(p.id, admittedNow);
      if (p.founds && term.newOrganisations.includes(q)) founded.set(p.id, founded.get(p.id)! + 1);
      const members = p.members + admittedNow;
      const staff = Math.round(p.members * 0.7);
      const since = q - p.rollout;
      const [from, to] = term.theory;
      const theory = Math.min(1, from + (to - from) * progress + (random() * 0.06 - 0.03));
      const f: Figures = new Map();
      f.set('QT-NQ', { numerator: since >= 0 ? 1 : 0, denominator: 1 });
      f.set('HT-NQ-DV', {
        numerator: since < 0 ? 0 : since === 0 ? Math.round(members * (0.86 + random() * 0.1)) : since === 1 ? members - Math.floor(random() * 3) : members,
        denominator: members,
      });
      f.set('HT-NQ-QC', { numerator: since < 0 ? 0 : Math.round(staff * (since === 0 ? 0.6 + random() * 0.15 : rating.massRate)), denominator: staff });
      f.set('KN-DV', { numerator: admittedNow, denominator: null });
      f.set('LLCT', { numerator: Math.floor(p.heads * theory), denominator: p.heads });
      f.set('DG-DV', { numerator: Math.round(members * rating.memberRate), denominator: members });
      f.set('DG-TCCS', { numerator: rating.good ? 1 : 0, denominator: 1 });
      f.set('KHT-TCCS', { numerator: rating.bad ? 1 : 0, denominator: null });
      f.set('TCCS-MOI', { numerator: founded.get(p.id)!, denominator: null });
      f.set('VH', { numerator: rating.units, denominator: p.units });
      f.set('CD-DTN', { numerator: rating.bases, denominator: p.bases });
      figures.set(p.id, f);
    }
    return { period, figures };
  });
}

function periodsBetween(first: Period, last: Period): Period[] {
  const out: Period[] = [];
  for (let year = periodBounds(first).year; year <= periodBounds(last).year; year++)
    for (const p of periodsOfYear(year)) if (comparePeriods(p, first) >= 0 && comparePeriods(p, last) <= 0) out.push(p);
  return out;
}

function binomial(n: number, p: number, random: () => number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (random() < p) k++;
  return k;
}

/**
 * A working hour between the 5th and the 25th of the quarter's last month; in the quarter under
 * way, a working hour of a day already past.
 */
function reportMoment(period: Period, now: Date, timeZone: string, random: () => number): Date {
  const { year, startMonth, endMonth } = periodBounds(period);
  const hour = 8 + Math.floor(random() * 9);
  const minute = Math.floor(random() * 60);
  const at = zonedWallTimeToUtc({ year, month: endMonth, day: 5 + Math.floor(random() * 21) }, hour, minute, timeZone);
  if (at.getTime() < now.getTime()) return at;
  const today = localParts(now, timeZone);
  const daysIn = Math.round((Date.UTC(today.year, today.month - 1, today.day) - Date.UTC(year, startMonth - 1, 1)) / 86_400_000);
  if (daysIn < 1) return new Date(now.getTime() - 10 * 60_000);
  const day = new Date(Date.UTC(today.year, today.month - 1, today.day - 1 - Math.floor(random() * daysIn)));
  return zonedWallTimeToUtc({ year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() }, hour, minute, timeZone);
}
