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
  type Aggregate,
  type Assessment,
  type BranchFigure,
  comparePeriods,
  type IndicatorDef,
  latestPerBranch,
  type Period,
  periodBounds,
  periodOf,
} from '../domain/indicators.js';
import type { Locale } from '../domain/locale.js';
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
  reportedBranches: number;
  expectedBranches: number;
}

export interface BranchRow {
  branchId: number;
  branchName: string;
  numerator: number;
  denominator: number | null;
  value: number | null;
  period: Period;
}

export type ReportResult =
  | { ok: true; report: IndicatorReport; previous: IndicatorReport | null }
  | { ok: false; reason: 'closed' | 'negative' | 'not_whole' | 'numerator_above_denominator' | 'denominator_required' | 'needs_note'; previous?: IndicatorReport | null };

export interface IndicatorMessages {
  reportNudge(branchName: string, period: Period, missing: Indicator[], deadline: Date, locale: Locale): RenderedMessage;
  missingReports(period: Period, branchNames: string[], locale: Locale): RenderedMessage;
}

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
      .select({ branchId: indicatorReports.branchId })
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
    });
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

  /** An indicator of the current term by code, or by words of its title (with or without diacritics). */
  find(query: string): Indicator[] {
    const res = this.current();
    if (!res) return [];
    const all = this.indicatorsOf(res.id);
    const byCode = all.filter((i) => foldVietnamese(i.code) === foldVietnamese(query));
    if (byCode.length) return byCode;
    return all.filter((i) => matchesWords(`${i.code} ${i.title} ${i.description}`, query));
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
    if (!Number.isInteger(numerator) || (denominator !== null && !Number.isInteger(denominator))) return { ok: false, reason: 'not_whole' };
    if (numerator < 0 || (denominator !== null && denominator < 0)) return { ok: false, reason: 'negative' };
    if (isPercentKind(indicator.kind)) {
      if (denominator === null) return { ok: false, reason: 'denominator_required' };
      if (numerator > denominator) return { ok: false, reason: 'numerator_above_denominator' };
    }
    const previous = this.previousReport(indicator.id, branchId, period);
    const cumulative = indicator.kind === 'term_count' || indicator.kind === 'yearly_count';
    const sameScope =
      previous && (indicator.kind === 'term_count' || periodBounds(previous.period as Period).year === periodBounds(period).year);
    if (cumulative && previous && sameScope && numerator < previous.numerator && !note?.trim()) {
      return { ok: false, reason: 'needs_note', previous };
    }
    return null;
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
    });
    this.audit.record(actor, 'indicator.report', 'indicator', indicatorId, { branchId, period, numerator: figures.numerator, denominator, note: figures.note });
    return { ok: true, report, previous };
  }

  // Reading

  summarise(indicator: Indicator, period: Period = this.currentPeriod()): IndicatorSummary {
    const def = this.def(indicator);
    const agg = aggregate(def, this.figures(indicator.id), period);
    const now = localParts(this.clock.now(), this.timeZone);
    return { indicator, aggregate: agg, assessment: assess(def, agg, period, now) };
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
    const period = this.clampPeriod(resolution, this.currentPeriod());
    const items = this.indicatorsOf(resolution.id).map((i) => this.summarise(i, period));
    const expected = this.reportingBranches();
    const reported = new Set(this.#queries.reportedBranches.all({ resolutionId: resolution.id, period }).map((r) => r.branchId));
    return { resolution, period, items, reportedBranches: expected.filter((b) => reported.has(b.id)).length, expectedBranches: expected.length };
  }

  /** The bloc figure at the end of each year of the term (the current period for this year). */
  byYear(indicator: Indicator): { year: number; aggregate: Aggregate }[] {
    const res = this.getResolution(indicator.resolutionId)!;
    const def = this.def(indicator);
    const figures = this.figures(indicator.id);
    const now = this.currentPeriod();
    const out: { year: number; aggregate: Aggregate }[] = [];
    for (let year = res.termStartYear; year <= res.termEndYear; year++) {
      const end = `${year}-Q4` as Period;
      const period = comparePeriods(end, now) > 0 ? now : end;
      if (periodBounds(period).year !== year) break;
      out.push({ year, aggregate: aggregate(def, figures, period) });
    }
    return out;
  }

  /** Each reporting branch's latest figure for the period, best first. */
  branchBreakdown(indicator: Indicator, period: Period = this.currentPeriod()): BranchRow[] {
    const def = this.def(indicator);
    const latest = latestPerBranch(def, this.figures(indicator.id), period);
    const names = new Map(this.db.select({ id: branches.id, name: branches.name }).from(branches).all().map((b) => [b.id, b.name]));
    const percent = isPercentKind(indicator.kind);
    const rows = latest.map((f) => ({
      branchId: f.branchId,
      branchName: names.get(f.branchId) ?? String(f.branchId),
      numerator: f.numerator,
      denominator: f.denominator,
      value: percent ? (f.denominator ? (f.numerator / f.denominator) * 100 : null) : f.numerator,
      period: f.period,
    }));
    // For an upper bound, fewer is better.
    const better = indicator.kind === 'upper_bound' ? 1 : -1;
    return rows.sort((a, b) => better * ((a.value ?? -Infinity) - (b.value ?? -Infinity)) || a.branchName.localeCompare(b.branchName));
  }

  /** Indicators of the current term this branch has not reported for the period. */
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
    return this.indicatorsOf(res.id).filter((i) => !done.has(i.id));
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
   * nudge. The day after it: the office gets the list of missing branches. Once each (dedupe keys).
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
          items.push({ dedupeKey: `report-nudge:${period}:${b.id}:${s.chatId}`, chatId: s.chatId, memberId: s.memberId, text: m.text, priority: PRIORITY.notice, source: 'report-nudge' });
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
        return { dedupeKey: `report-missing:${previous}:${o.chatId}`, chatId: o.chatId, memberId: o.memberId, text: m.text, priority: PRIORITY.report, source: 'report-nudge' };
      });
      officeLists = this.outbox.enqueue(office);
    }
    if (nudged + officeLists > 0) this.onEnqueue();
    return { nudged, officeLists };
  }

  private clampPeriod(res: Resolution, period: Period): Period {
    if (periodBounds(period).year > res.termEndYear) return `${res.termEndYear}-Q4` as Period;
    return period;
  }

  private people(roles: ('secretary' | 'office' | 'admin')[], branchId: number | null): { chatId: number; memberId: number; locale: Locale }[] {
    return this.db
      .selectDistinct({ id: members.id, tg: members.telegramUserId, language: members.language })
      .from(members)
      .innerJoin(memberRoles, eq(memberRoles.memberId, members.id))
      .where(and(eq(members.status, 'active'), inArray(memberRoles.role, roles), branchId === null ? undefined : eq(members.branchId, branchId)))
      .all()
      .filter((p) => p.tg !== null)
      .map((p) => ({ chatId: p.tg!, memberId: p.id, locale: p.language === 'en' ? ('en' as const) : ('vi' as const) }));
  }
}
