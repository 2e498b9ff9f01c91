/**
 * Resolutions, their indicators and the branches' reports. The bloc figure is always computed from
 * the branch reports (domain/indicators.ts), never typed in. A correction supersedes the earlier
 * row instead of overwriting it, so the history of every figure stays.
 */
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Db } from '../db/connection.js';
import { DbMemo } from '../db/memo.js';
import { branches, indicatorReports, indicators, memberRoles, members, PRIORITY, resolutions, type IndicatorKindName } from '../db/schema.js';
import {
  aggregate,
  assess,
  assessYearEnd,
  type Aggregate,
  type Assessment,
  type BranchFigure,
  comparePeriods,
  denominatorCountsMembers,
  figureProblem,
  type FigureProblem,
  type IndicatorDef,
  isCumulative,
  type LocalDate,
  isDueIn,
  lastPeriodOf,
  latestPerBranch,
  type Period,
  periodBounds,
  periodOf,
  periodsOfYear,
} from '../domain/indicators.js';
import { type Locale, localeOf } from '../domain/locale.js';
import { parseTerm } from '../domain/indicator-columns.js';
import { foldVietnamese, matchesWords } from '../domain/text.js';
import { localParts } from '../domain/time.js';
import { zonedWallTimeToUtc } from '../domain/datetime-parse.js';
import type { Outbox, OutboxItem } from '../delivery/outbox.js';
import type { Actor } from './actor.js';
import type { AuditService } from './audit.js';
import type { RenderedMessage } from './notices.js';

export type Resolution = typeof resolutions.$inferSelect;
export type Indicator = typeof indicators.$inferSelect;
export type IndicatorReport = typeof indicatorReports.$inferSelect;

export interface IndicatorSummary {
  indicator: Indicator;
  aggregate: Aggregate;
  assessment: Assessment;
}

export interface IndicatorOverview {
  resolution: Resolution;
  period: Period;
  items: IndicatorSummary[];
  /** Reporting organisations that have reported every indicator due for the period (completeBranches). */
  completeBranches: number;
  expectedBranches: number;
}

export interface BranchRow {
  branchId: number;
  branchName: string;
  numerator: number;
  denominator: number | null;
  value: number | null;
  period: Period;
  /** The branch's own figure against the target (percents and upper bounds); null for counts toward the bloc's target. */
  status: Assessment['status'] | null;
}

/** The bloc figure at the end of a year of the term (the period shown, for its last year). */
export interface YearFigure {
  year: number;
  period: Period;
  aggregate: Aggregate;
  assessment: Assessment;
  /** The year under way: its figures go up to `period` only. */
  partial: boolean;
}

export type RefusalReason = 'closed' | FigureProblem | 'needs_note';

export type ReportResult =
  | { ok: true; report: IndicatorReport; previous: IndicatorReport | null }
  | { ok: false; reason: RefusalReason; previous?: IndicatorReport | null };

/** A figure that may be right but deserves a second look before it is saved. */
export interface ReportWarning {
  /** A denominator of members above the organisation's active members in the list. */
  kind: 'above_members';
  denominator: number;
  members: number;
}

export interface IndicatorMessages {
  reportNudge(branchName: string, period: Period, missing: Indicator[], deadline: Date, locale: Locale): RenderedMessage;
  missingReports(period: Period, branchNames: string[], locale: Locale): RenderedMessage;
}

/** The outbox source of the dashboard's reporting reminders (sourceId: the organisation). */
export const REPORT_REMIND_SOURCE = 'report-remind';

const PERCENT_KINDS: IndicatorKindName[] = ['yearly_percent', 'percent_by_date'];

export function isPercentKind(kind: IndicatorKindName): boolean {
  return PERCENT_KINDS.includes(kind);
}

/** What /chitieu reads on every call: prepared once per service. */
function prepareQueries(db: Db) {
  return {
    current: db.select().from(resolutions).where(eq(resolutions.current, true)).prepare(),
    resolution: db.select().from(resolutions).where(eq(resolutions.id, sql.placeholder('id'))).prepare(),
    indicatorsOf: db
      .select()
      .from(indicators)
      .where(eq(indicators.resolutionId, sql.placeholder('resolutionId')))
      .orderBy(asc(indicators.sort), asc(indicators.id))
      .prepare(),
    figures: db
      .select({ branchId: indicatorReports.branchId, period: indicatorReports.period, numerator: indicatorReports.numerator, denominator: indicatorReports.denominator })
      .from(indicatorReports)
      .where(and(eq(indicatorReports.indicatorId, sql.placeholder('indicatorId')), isNull(indicatorReports.supersededAt)))
      .prepare(),
    reportedBranches: db
      .select({ branchId: indicatorReports.branchId, indicatorId: indicatorReports.indicatorId })
      .from(indicatorReports)
      .innerJoin(indicators, eq(indicators.id, indicatorReports.indicatorId))
      .where(
        and(
          eq(indicators.resolutionId, sql.placeholder('resolutionId')),
          eq(indicatorReports.period, sql.placeholder('period')),
          isNull(indicatorReports.supersededAt),
        ),
      )
      .prepare(),
    reportingBranches: db
      .select({ id: branches.id, name: branches.name })
      .from(branches)
      .where(and(eq(branches.active, true), inArray(branches.kind, ['committee', 'cell'])))
      .orderBy(asc(branches.code))
      .prepare(),
  };
}

export class IndicatorService {
  readonly #queries;
  /** Figures and the overview, which every /chitieu reads, until the database changes. */
  readonly #memo: DbMemo;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly outbox: Outbox,
    private readonly messages: () => IndicatorMessages,
    private readonly timeZone: string,
    private readonly onEnqueue: () => void = () => undefined,
    /** Active members of a reporting organisation (a committee with its sub-cells); 0 when unknown. */
    private readonly memberCountOf: (branchId: number) => number = () => 0,
  ) {
    this.#queries = prepareQueries(db);
    this.#memo = new DbMemo(db.$client);
  }

  // Resolutions and indicators

  resolutions(): Resolution[] {
    return this.db.select().from(resolutions).orderBy(desc(resolutions.termStartYear)).all();
  }

  current(): Resolution | null {
    return this.#queries.current.get() ?? null;
  }

  getResolution(id: number): Resolution | null {
    return this.#queries.resolution.get({ id }) ?? null;
  }

  upsertResolution(input: Omit<typeof resolutions.$inferInsert, 'id' | 'createdAt'>, actor: Actor): Resolution {
    return this.db.transaction(() => {
      if (input.current) this.db.update(resolutions).set({ current: false }).run();
      const existing = this.db.select().from(resolutions).where(eq(resolutions.code, input.code)).get();
      const row = existing
        ? this.db.update(resolutions).set(input).where(eq(resolutions.id, existing.id)).returning().get()
        : this.db.insert(resolutions).values({ ...input, createdAt: this.clock.now() }).returning().get();
      this.audit.record(actor, existing ? 'resolution.update' : 'resolution.create', 'resolution', row.id, input);
      return row;
    }, { behavior: 'immediate' });
  }

  upsertIndicator(input: Omit<typeof indicators.$inferInsert, 'id'>, actor: Actor): Indicator {
    const existing = this.db
      .select()
      .from(indicators)
      .where(and(eq(indicators.resolutionId, input.resolutionId), eq(indicators.code, input.code)))
      .get();
    const row = existing
      ? this.db.update(indicators).set(input).where(eq(indicators.id, existing.id)).returning().get()
      : this.db.insert(indicators).values(input).returning().get();
    this.audit.record(actor, existing ? 'indicator.update' : 'indicator.create', 'indicator', row.id, { code: input.code });
    return row;
  }

  indicatorsOf(resolutionId: number): Indicator[] {
    return this.#queries.indicatorsOf.all({ resolutionId });
  }

  getIndicator(id: number): Indicator | null {
    return this.db.select().from(indicators).where(eq(indicators.id, id)).get() ?? null;
  }

  /**
   * Indicators by code or by words of their title (with or without diacritics). A term may follow
   * ("KN-DV 2020-2025", "ket nap nhiem ky 2020–2025"). A code is looked up in the current term
   * first, then in the latest term that has it; words, in the current term (or the one named).
   */
  find(query: string): Indicator[] {
    const { words, term } = splitTerm(query);
    const all = this.resolutions();
    const current = this.current();
    const scope = term ? all.filter((r) => r.termStartYear === term.startYear && r.termEndYear === term.endYear) : all;
    const ordered = [...scope].sort((a, b) => Number(b.id === current?.id) - Number(a.id === current?.id) || b.termStartYear - a.termStartYear);
    for (const res of ordered) {
      const byCode = this.indicatorsOf(res.id).filter((i) => foldVietnamese(i.code) === foldVietnamese(words));
      if (byCode.length) return byCode;
    }
    const wordScope = term ? scope : current ? [current] : [];
    return wordScope.flatMap((r) => this.indicatorsOf(r.id)).filter((i) => matchesWords(`${i.code} ${i.title} ${i.description}`, words));
  }

  /** The same code in the other terms, latest first ("KN-DV" of 2020–2025 beside 2025–2030's). */
  sameCodeElsewhere(indicator: Indicator): { indicator: Indicator; resolution: Resolution }[] {
    return this.resolutions()
      .filter((r) => r.id !== indicator.resolutionId)
      .flatMap((resolution) =>
        this.indicatorsOf(resolution.id)
          .filter((i) => foldVietnamese(i.code) === foldVietnamese(indicator.code))
          .map((i) => ({ indicator: i, resolution })),
      );
  }

  def(indicator: Indicator): IndicatorDef {
    const res = this.getResolution(indicator.resolutionId)!;
    return {
      kind: indicator.kind,
      target: indicator.target,
      termStartYear: res.termStartYear,
      termEndYear: res.termEndYear,
      targetYear: indicator.targetYear ?? undefined,
    };
  }

  // Periods

  /** The quarter we are in, by the injected clock. */
  currentPeriod(): Period {
    const p = localParts(this.clock.now(), this.timeZone);
    return periodOf(p);
  }

  /** Whether a term is behind us: closed by the office, or past 31/12 of its last year. */
  isOver(resolution: Resolution): boolean {
    return resolution.closed || comparePeriods(this.currentPeriod(), lastPeriodOf(resolution.termEndYear)) > 0;
  }

  /**
   * The quarter a term is shown at. While it runs: now (not before its first quarter). Once it is
   * over: its final figures, i.e. the last quarter anyone reported for it (not the quarter we are
   * in, which is outside the term, nor its last quarter if nobody reported then).
   */
  displayPeriod(resolution: Resolution): Period {
    const now = this.currentPeriod();
    const first = `${resolution.termStartYear}-Q1` as Period;
    const last = lastPeriodOf(resolution.termEndYear);
    const latest = (a: Period, b: Period) => (comparePeriods(a, b) >= 0 ? a : b);
    const earliest = (a: Period, b: Period) => (comparePeriods(a, b) <= 0 ? a : b);
    const bounded = latest(first, earliest(now, last));
    if (!this.isOver(resolution)) return bounded;
    const reported = this.#memo.get(`last-reported:${resolution.id}`, () =>
      this.db
        .select({ period: indicatorReports.period })
        .from(indicatorReports)
        .innerJoin(indicators, eq(indicators.id, indicatorReports.indicatorId))
        .where(and(eq(indicators.resolutionId, resolution.id), isNull(indicatorReports.supersededAt)))
        .groupBy(indicatorReports.period)
        .all()
        .map((r) => r.period as Period),
    );
    const within = reported.filter((p) => comparePeriods(p, first) >= 0 && comparePeriods(p, bounded) <= 0).sort(comparePeriods);
    return within.at(-1) ?? bounded;
  }

  /**
   * The day an indicator is judged on: today; for a closed term, no earlier than the day after it
   * ends (a term closed at its congress in 2025 takes no more figures: its results are final).
   */
  private judgedAt(indicator: Indicator): LocalDate {
    const now = localParts(this.clock.now(), this.timeZone);
    const res = this.getResolution(indicator.resolutionId)!;
    if (res.closed && now.year <= res.termEndYear) return { year: res.termEndYear + 1, month: 1, day: 1 };
    return now;
  }

  /** The period an indicator is shown at: its term's (displayPeriod). */
  periodFor(indicator: Indicator): Period {
    return this.displayPeriod(this.getResolution(indicator.resolutionId)!);
  }

  // Reports

  /** Every current figure of an indicator (all branches and periods), kept until the database changes. */
  figures(indicatorId: number): BranchFigure[] {
    const figures = this.#memo.get(`figures:${indicatorId}`, () =>
      this.#queries.figures.all({ indicatorId }).map((r) => Object.freeze({ ...r, period: r.period as Period })),
    );
    return [...figures];
  }

  /** The branch's latest current figure at or before `period` (the figure a new report is checked against). */
  previousReport(indicatorId: number, branchId: number, period: Period): IndicatorReport | null {
    const rows = this.db
      .select()
      .from(indicatorReports)
      .where(and(eq(indicatorReports.indicatorId, indicatorId), eq(indicatorReports.branchId, branchId), isNull(indicatorReports.supersededAt)))
      .all()
      .filter((r) => comparePeriods(r.period as Period, period) <= 0)
      .sort((a, b) => comparePeriods(b.period as Period, a.period as Period));
    return rows[0] ?? null;
  }

  /** Every row for a branch and period, corrections included, oldest first. */
  history(indicatorId: number, branchId: number, period: Period): IndicatorReport[] {
    return this.db
      .select()
      .from(indicatorReports)
      .where(and(eq(indicatorReports.indicatorId, indicatorId), eq(indicatorReports.branchId, branchId), eq(indicatorReports.period, period)))
      .orderBy(asc(indicatorReports.id))
      .all();
  }

  /** Checks a report without saving it. */
  check(
    indicator: Indicator,
    branchId: number,
    period: Period,
    numerator: number,
    denominator: number | null,
    note: string | null,
    options: { allowClosed?: boolean } = {},
  ): ReportResult | null {
    const res = this.getResolution(indicator.resolutionId)!;
    const outside = periodBounds(period).year > res.termEndYear || periodBounds(period).year < res.termStartYear;
    if ((res.closed && !options.allowClosed) || outside) return { ok: false, reason: 'closed' };
    const problem = figureProblem(indicator.kind, numerator, denominator);
    if (problem) return { ok: false, reason: problem };
    const previous = this.previousReport(indicator.id, branchId, period);
    const cumulative = isCumulative(indicator.kind);
    const sameScope =
      previous && (indicator.kind === 'term_count' || periodBounds(previous.period as Period).year === periodBounds(period).year);
    if (cumulative && previous && sameScope && numerator < previous.numerator && !note?.trim()) {
      return { ok: false, reason: 'needs_note', previous };
    }
    return null;
  }

  /** Active members of a reporting organisation in the list (a committee with its sub-cells); 0 when none are listed. */
  membersOf(branchId: number): number {
    return this.memberCountOf(branchId);
  }

  /**
   * What to point out about an acceptable figure before it is saved: a denominator of members above
   * the organisation's active members (when the list has any). The member confirms, or corrects it.
   */
  warnings(indicator: Indicator, branchId: number, denominator: number | null): ReportWarning[] {
    if (denominator === null || !denominatorCountsMembers(indicator.kind, indicator.denominatorLabel)) return [];
    const members = this.membersOf(branchId);
    return members > 0 && denominator > members ? [{ kind: 'above_members', denominator, members }] : [];
  }

  report(
    indicatorId: number,
    branchId: number,
    period: Period,
    figures: { numerator: number; denominator: number | null; note: string | null },
    by: number | null,
    actor: Actor,
    /** allowClosed: the import records a closed term's history; members never can. */
    options: { allowClosed?: boolean } = {},
  ): ReportResult {
    const indicator = this.getIndicator(indicatorId);
    if (!indicator) throw new Error(`No indicator ${indicatorId}`);
    const denominator = isPercentKind(indicator.kind) ? figures.denominator : null;
    const refused = this.check(indicator, branchId, period, figures.numerator, denominator, figures.note, options);
    if (refused) return refused;
    const previous = this.previousReport(indicatorId, branchId, period);
    const now = this.clock.now();
    const report = this.db.transaction(() => {
      this.db
        .update(indicatorReports)
        .set({ supersededAt: now })
        .where(
          and(
            eq(indicatorReports.indicatorId, indicatorId),
            eq(indicatorReports.branchId, branchId),
            eq(indicatorReports.period, period),
            isNull(indicatorReports.supersededAt),
          ),
        )
        .run();
      return this.db
        .insert(indicatorReports)
        .values({
          indicatorId,
          branchId,
          period,
          numerator: figures.numerator,
          denominator,
          note: figures.note?.trim() || null,
          reportedByMemberId: by,
          reportedAt: now,
        })
        .returning()
        .get();
    }, { behavior: 'immediate' });
    this.audit.record(actor, 'indicator.report', 'indicator', indicatorId, { branchId, period, numerator: figures.numerator, denominator, note: figures.note });
    return { ok: true, report, previous };
  }

  /**
   * Records reports made in the past, each with its own time, in bulk: history brought in from
   * elsewhere (the demo bloc's few thousand quarterly figures; report() would cost a millisecond
   * each and date them all now). The figures are the caller's to check; a report dated after now
   * is refused. Returns how many were recorded.
   */
  recordHistory(
    rows: readonly Pick<IndicatorReport, 'indicatorId' | 'branchId' | 'period' | 'numerator' | 'denominator' | 'reportedByMemberId' | 'reportedAt'>[],
    actor: Actor,
  ): number {
    const now = this.clock.now().getTime();
    if (rows.some((r) => r.reportedAt.getTime() > now)) throw new RangeError('A recorded report must be dated before now');
    this.db.transaction(() => {
      for (let i = 0; i < rows.length; i += 500) this.db.insert(indicatorReports).values(rows.slice(i, i + 500)).run();
    }, { behavior: 'immediate' });
    const indicatorIds = [...new Set(rows.map((r) => r.indicatorId))];
    this.audit.record(actor, 'indicator.record_history', 'indicator', indicatorIds[0] ?? null, { reports: rows.length, indicators: indicatorIds.length });
    return rows.length;
  }

  // Reading

  /** The indicator's bloc figure and where it stands, at its term's period (displayPeriod) by default. */
  summarise(indicator: Indicator, period: Period = this.periodFor(indicator)): IndicatorSummary {
    const def = this.def(indicator);
    const agg = aggregate(def, this.figures(indicator.id), period);
    return { indicator, aggregate: agg, assessment: assess(def, agg, period, this.judgedAt(indicator)) };
  }

  /**
   * The figure of some organisations only (a cluster, a secretary's): summarise over their reports.
   * `branchIds` null: the whole bloc, exactly summarise (what /chitieu shows).
   */
  summariseFor(indicator: Indicator, period: Period, branchIds: ReadonlySet<number> | null): IndicatorSummary {
    if (branchIds === null) return this.summarise(indicator, period);
    const def = this.def(indicator);
    const agg = aggregate(def, this.figuresOf(indicator.id, branchIds), period);
    return { indicator, aggregate: agg, assessment: assess(def, agg, period, this.judgedAt(indicator)) };
  }

  /** The figure of the organisations (all when null) at the end of each quarter of the term, up to `until`. */
  quarterly(indicator: Indicator, until: Period, branchIds: ReadonlySet<number> | null): { period: Period; aggregate: Aggregate }[] {
    const res = this.getResolution(indicator.resolutionId)!;
    const def = this.def(indicator);
    const figures = this.figuresOf(indicator.id, branchIds);
    const out: { period: Period; aggregate: Aggregate }[] = [];
    for (let year = res.termStartYear; year <= res.termEndYear; year++) {
      for (const period of periodsOfYear(year)) {
        if (comparePeriods(period, until) > 0) return out;
        out.push({ period, aggregate: aggregate(def, figures, period) });
      }
    }
    return out;
  }

  private figuresOf(indicatorId: number, branchIds: ReadonlySet<number> | null): BranchFigure[] {
    const all = this.figures(indicatorId);
    return branchIds === null ? all : all.filter((f) => branchIds.has(f.branchId));
  }

  /** Each organisation's latest current report of an indicator: when, and for which quarter. */
  lastReports(indicatorId: number): Map<number, { reportedAt: Date; period: Period }> {
    const rows = this.db
      .select({ branchId: indicatorReports.branchId, period: indicatorReports.period, reportedAt: indicatorReports.reportedAt })
      .from(indicatorReports)
      .where(and(eq(indicatorReports.indicatorId, indicatorId), isNull(indicatorReports.supersededAt)))
      .all();
    const out = new Map<number, { reportedAt: Date; period: Period }>();
    for (const r of rows) {
      const seen = out.get(r.branchId);
      if (!seen || r.reportedAt.getTime() > seen.reportedAt.getTime()) out.set(r.branchId, { reportedAt: r.reportedAt, period: r.period as Period });
    }
    return out;
  }

  /** An organisation's current reports of an indicator, one per quarter, oldest first. */
  reportsOf(indicatorId: number, branchId: number): IndicatorReport[] {
    return this.db
      .select()
      .from(indicatorReports)
      .where(and(eq(indicatorReports.indicatorId, indicatorId), eq(indicatorReports.branchId, branchId), isNull(indicatorReports.supersededAt)))
      .all()
      .sort((a, b) => comparePeriods(a.period as Period, b.period as Period));
  }

  /** Which indicators of a term each organisation has reported for a quarter. */
  reportedIn(resolutionId: number, period: Period): Map<number, Set<number>> {
    const out = new Map<number, Set<number>>();
    for (const r of this.#queries.reportedBranches.all({ resolutionId, period })) {
      let set = out.get(r.branchId);
      if (!set) out.set(r.branchId, (set = new Set()));
      set.add(r.indicatorId);
    }
    return out;
  }

  /**
   * The office's reminder from the dashboard: each organisation's secretaries get the scheduled
   * nudge's message for the current quarter, through the outbox. Once per organisation, quarter and
   * local day (`today`, yyyy-mm-dd): the dedupe key names them, so a second call the same day
   * queues nothing.
   */
  remind(
    period: Period,
    branchIds: readonly number[],
    deadlineDay: number,
    today: string,
  ): { queued: number[]; skipped: { branchId: number; reason: 'already_reminded' | 'nothing_missing' | 'no_secretary' }[] } {
    const deadline = this.deadlineOf(period, deadlineDay);
    const queued: number[] = [];
    const skipped: { branchId: number; reason: 'already_reminded' | 'nothing_missing' | 'no_secretary' }[] = [];
    for (const branchId of branchIds) {
      const missing = this.dueFor(branchId, period);
      if (missing.length === 0) {
        skipped.push({ branchId, reason: 'nothing_missing' });
        continue;
      }
      const secretaries = this.people(['secretary'], branchId).filter((s) => s.reachable);
      if (secretaries.length === 0) {
        skipped.push({ branchId, reason: 'no_secretary' });
        continue;
      }
      const name = this.db.select({ name: branches.name }).from(branches).where(eq(branches.id, branchId)).get()?.name ?? '';
      const items: OutboxItem[] = secretaries.map((s) => ({
        dedupeKey: `${REPORT_REMIND_SOURCE}:${period}:${branchId}:${today}:m${s.memberId}`,
        chatId: s.chatId,
        memberId: s.memberId,
        text: this.messages().reportNudge(name, period, missing, deadline, s.locale).text,
        priority: PRIORITY.notice,
        source: REPORT_REMIND_SOURCE,
        sourceId: branchId,
      }));
      if (this.outbox.enqueue(items) > 0) queued.push(branchId);
      else skipped.push({ branchId, reason: 'already_reminded' });
    }
    if (queued.length > 0) this.onEnqueue();
    return { queued, skipped };
  }

  /** When each organisation was last reminded from the dashboard for this quarter. */
  remindedAt(period: Period): Map<number, Date> {
    return this.outbox.latestBySource(REPORT_REMIND_SOURCE, `${REPORT_REMIND_SOURCE}:${period}:`);
  }

  /**
   * The current term at a glance. The same for every member: computed once per month (the period
   * and the assessment depend on nothing finer) until the database changes. Not to be modified.
   */
  overview(): IndicatorOverview | null {
    const now = localParts(this.clock.now(), this.timeZone);
    return this.#memo.get(`overview:${now.year}-${now.month}`, () => this.computeOverview());
  }

  private computeOverview(): IndicatorOverview | null {
    const resolution = this.current();
    if (!resolution) return null;
    const period = this.displayPeriod(resolution);
    const items = this.indicatorsOf(resolution.id).map((i) => this.summarise(i, period));
    return { resolution, period, items, completeBranches: this.completeBranches(resolution, period), expectedBranches: this.reportingBranches().length };
  }

  /**
   * The bloc figure at the end of each year of the term, up to `until` (the term's period by
   * default; the last year stops there). Each year is judged as it stood when it ended; the year
   * under way as it stands now, so that its status is the one shown in text.
   */
  byYear(indicator: Indicator, until: Period = this.periodFor(indicator)): YearFigure[] {
    const res = this.getResolution(indicator.resolutionId)!;
    const def = this.def(indicator);
    const figures = this.figures(indicator.id);
    const now = this.judgedAt(indicator);
    const out: YearFigure[] = [];
    for (let year = res.termStartYear; year <= res.termEndYear; year++) {
      const end = lastPeriodOf(year);
      const period = comparePeriods(end, until) > 0 ? until : end;
      if (periodBounds(period).year !== year) break;
      const agg = aggregate(def, figures, period);
      const underWay = year >= now.year;
      out.push({ year, period, aggregate: agg, assessment: underWay ? assess(def, agg, period, now) : assessYearEnd(def, agg, year), partial: underWay });
    }
    return out;
  }

  /**
   * Each reporting branch's latest figure for the period (the term's period by default), highest
   * first: for an upper bound, the most first.
   */
  branchBreakdown(indicator: Indicator, period: Period = this.periodFor(indicator)): BranchRow[] {
    const def = this.def(indicator);
    const latest = latestPerBranch(def, this.figures(indicator.id), period);
    const names = new Map(this.db.select({ id: branches.id, name: branches.name }).from(branches).all().map((b) => [b.id, b.name]));
    const percent = isPercentKind(indicator.kind);
    // A count toward the bloc's target is not a branch's target: only percents and bounds apply to each.
    const ownTarget = percent || indicator.kind === 'upper_bound';
    const now = this.judgedAt(indicator);
    const rows = latest.map((f) => ({
      branchId: f.branchId,
      branchName: names.get(f.branchId) ?? String(f.branchId),
      numerator: f.numerator,
      denominator: f.denominator,
      value: percent ? (f.denominator ? (f.numerator / f.denominator) * 100 : null) : f.numerator,
      period: f.period,
      status: ownTarget ? assess(def, aggregate(def, [f], period), period, now).status : null,
    }));
    return rows.sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || a.branchName.localeCompare(b.branchName, 'vi'));
  }

  /**
   * Indicators of the current term this branch still has to report for the period: not reported
   * yet, and due then (yearly percentages only in the year's last quarter).
   */
  dueFor(branchId: number, period: Period = this.currentPeriod()): Indicator[] {
    const res = this.current();
    if (!res || res.closed) return [];
    const done = new Set(
      this.db
        .select({ id: indicatorReports.indicatorId })
        .from(indicatorReports)
        .where(and(eq(indicatorReports.branchId, branchId), eq(indicatorReports.period, period), isNull(indicatorReports.supersededAt)))
        .all()
        .map((r) => r.id),
    );
    return this.indicatorsOf(res.id).filter((i) => !done.has(i.id) && isDueIn(i.kind, period));
  }

  /**
   * "Đã báo cáo đủ": reporting organisations with nothing left due for the period (the same test as
   * the nudges and the office's list of missing organisations). /chitieu and the workbook say this.
   */
  completeBranches(resolution: Resolution, period: Period): number {
    return this.#splitByCompleteness(resolution, period).complete.length;
  }

  /**
   * Reporting organisations that still have something due for the current period (the office's
   * /baocao picker), in code order; empty when no term is open.
   */
  incompleteBranches(): { id: number; name: string }[] {
    const res = this.current();
    if (!res || res.closed) return [];
    return this.#splitByCompleteness(res, this.currentPeriod()).incomplete;
  }

  #splitByCompleteness(resolution: Resolution, period: Period): Record<'complete' | 'incomplete', { id: number; name: string }[]> {
    const due = this.indicatorsOf(resolution.id).filter((i) => isDueIn(i.kind, period));
    const reported = new Map<number, Set<number>>();
    for (const r of this.#queries.reportedBranches.all({ resolutionId: resolution.id, period })) {
      let set = reported.get(r.branchId);
      if (!set) reported.set(r.branchId, (set = new Set()));
      set.add(r.indicatorId);
    }
    const split: Record<'complete' | 'incomplete', { id: number; name: string }[]> = { complete: [], incomplete: [] };
    for (const b of this.reportingBranches()) split[due.every((i) => reported.get(b.id)?.has(i.id)) ? 'complete' : 'incomplete'].push(b);
    return split;
  }

  /**
   * Reporting organisations with a figure of this indicator for the period itself (not an earlier
   * quarter): /chitieu's detail and the workbook's column say this. null when it is not due then.
   */
  reportedFor(indicator: Indicator, period: Period): number | null {
    if (!isDueIn(indicator.kind, period)) return null;
    const expected = new Set(this.reportingBranches().map((b) => b.id));
    return new Set(this.figures(indicator.id).filter((f) => f.period === period && expected.has(f.branchId)).map((f) => f.branchId)).size;
  }

  /** Grassroots organisations report: grassroots committees and grassroots cells (not their sub-cells). */
  reportingBranches(): { id: number; name: string }[] {
    return this.#queries.reportingBranches.all();
  }

  // Deadlines

  /** The reporting deadline of a quarter: `day` of its last month, at 23:59 local. */
  deadlineOf(period: Period, day: number): Date {
    const { year, endMonth } = periodBounds(period);
    const last = new Date(Date.UTC(year, endMonth, 0)).getUTCDate();
    return zonedWallTimeToUtc({ year, month: endMonth, day: Math.min(day, last) }, 23, 59, this.timeZone);
  }

  /**
   * `daysBefore` days before the deadline: secretaries of branches that have not reported get a
   * nudge. The day after it: the office gets the list of missing branches. Once each (dedupe keys,
   * which name the member rather than their chat id).
   */
  nudge(deadlineDay: number, daysBefore: number): { nudged: number; officeLists: number } {
    const res = this.current();
    if (!res || res.closed) return { nudged: 0, officeLists: 0 };
    const now = this.clock.now().getTime();
    const period = this.currentPeriod();
    const deadline = this.deadlineOf(period, deadlineDay).getTime();
    const { year, endMonth } = periodBounds(period);
    // From the start of the day `daysBefore` days before the deadline's day.
    const nudgeFrom = zonedWallTimeToUtc({ year, month: endMonth, day: Math.max(1, Math.min(deadlineDay, 28) - daysBefore) }, 0, 0, this.timeZone).getTime();
    let nudged = 0;
    let officeLists = 0;
    const items: OutboxItem[] = [];
    if (now >= nudgeFrom && now <= deadline) {
      for (const b of this.reportingBranches()) {
        const missing = this.dueFor(b.id, period);
        if (missing.length === 0) continue;
        for (const s of this.people(['secretary'], b.id)) {
          const m = this.messages().reportNudge(b.name, period, missing, new Date(deadline), s.locale);
          items.push({ dedupeKey: `report-nudge:${period}:${b.id}:m${s.memberId}`, chatId: s.chatId, memberId: s.memberId, text: m.text, priority: PRIORITY.notice, source: 'report-nudge' });
        }
      }
      nudged = this.outbox.enqueue(items);
    }
    // The day after the deadline of the quarter before (or this quarter's once passed).
    const previous = now > deadline ? period : null;
    if (previous) {
      const missing = this.reportingBranches()
        .filter((b) => this.dueFor(b.id, previous).length > 0)
        .map((b) => b.name);
      const office = this.people(['office', 'admin'], null).map((o) => {
        const m = this.messages().missingReports(previous, missing, o.locale);
        return { dedupeKey: `report-missing:${previous}:m${o.memberId}`, chatId: o.chatId, memberId: o.memberId, text: m.text, priority: PRIORITY.report, source: 'report-nudge' };
      });
      officeLists = this.outbox.enqueue(office);
    }
    if (nudged + officeLists > 0) this.onEnqueue();
    return { nudged, officeLists };
  }

  private people(roles: ('secretary' | 'office' | 'admin')[], branchId: number | null): { chatId: number; memberId: number; locale: Locale; reachable: boolean }[] {
    return this.db
      .selectDistinct({ id: members.id, tg: members.telegramUserId, language: members.language, unreachableSince: members.unreachableSince })
      .from(members)
      .innerJoin(memberRoles, eq(memberRoles.memberId, members.id))
      .where(and(eq(members.status, 'active'), inArray(memberRoles.role, roles), branchId === null ? undefined : eq(members.branchId, branchId)))
      .all()
      .filter((p) => p.tg !== null)
      .map((p) => ({ chatId: p.tg!, memberId: p.id, locale: localeOf(p.language), reachable: p.unreachableSince === null }));
  }
}

/** "KN-DV 2020-2025" → the code or words, and the term named at the end (if any). */
function splitTerm(query: string): { words: string; term: { startYear: number; endYear: number } | null } {
  const m = /^(.*?)\s*((?:nhiệm kỳ|nhiem ky)?\s*\d{4}\s*[-–—]\s*\d{4})$/iu.exec(query.trim());
  const term = m ? parseTerm(m[2]!) : null;
  return term ? { words: m![1]!.trim(), term } : { words: query.trim(), term: null };
}
