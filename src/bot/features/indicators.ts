/**
 * /chitieu: the current term's indicators at a glance, or one in detail (by year, best and worst
 * branches, my branch against the bloc, and a chart); /xuatchitieu: the office's spreadsheet.
 */
import { Composer, InputFile } from 'grammy';
import { isOffice } from '../../domain/roles.js';
import type { Indicator } from '../../services/indicators.js';
import { isPercentKind } from '../../services/indicators.js';
import { exportIndicatorsXlsx } from '../../services/indicator-export.js';
import type { BotContext } from '../context.js';
import { REPORT_CONVERSATION } from '../conversations/report.js';
import type { BotDeps } from '../deps.js';
import { requireLeader, requireOffice } from '../guards.js';
import { renderIndicatorChart } from '../render/chart.js';
import { type Html, html, joinHtml } from '../render/html.js';
import { aggregateFigure, figure, periodLabel, statusLines, targetText } from '../render/indicators.js';
import { progressBar } from '../../domain/indicators.js';

export function indicatorsFeature(deps: BotDeps): Composer<BotContext> {
  const { services } = deps;
  const ind = services.indicators;
  const composer = new Composer<BotContext>();

  composer.command('chitieu', (ctx) => replyIndicators(deps, ctx, ctx.match.trim()));

  composer.command('xuatchitieu', async (ctx) => {
    if (!(await requireOffice(ctx, 'xuatchitieu'))) return;
    const buffer = await exportIndicatorsXlsx(services);
    await ctx.replyWithDocument(new InputFile(buffer, 'chi-tieu.xlsx'), { caption: ctx.t('export-caption').value, parse_mode: 'HTML' });
  });

  const privateChat = composer.chatType('private');
  privateChat.command('baocao', async (ctx) => {
    if (!(await requireLeader(ctx, 'baocao'))) return;
    const query = ctx.match.trim();
    let branchId = ctx.member!.branchId;
    if (query) {
      const found = services.branches.resolve(query);
      if (!('branch' in found)) return ctx.replyHtml(ctx.t('branch-not-found', { query }));
      if (!isOffice(ctx.member!) && found.branch.id !== ctx.member!.branchId) return ctx.replyHtml(ctx.t('report-not-own'));
      branchId = found.branch.id;
    }
    if (branchId === null) return ctx.replyHtml(ctx.t('report-no-branch'));
    const branch = services.branches.getById(branchId)!;
    if (branch.kind === 'subcell') return ctx.replyHtml(ctx.t('report-not-reporting', { branch: branch.name }));
    const res = ind.current();
    if (!res) return ctx.replyHtml(ctx.t('ind-none'));
    if (res.closed) return ctx.replyHtml(ctx.t('report-closed', { term: `${res.termStartYear}–${res.termEndYear}` }));
    await ctx.conversation.exitAll();
    await ctx.conversation.enter(REPORT_CONVERSATION, branchId);
  });
  composer.chatType(['group', 'supergroup']).command('baocao', (ctx) => ctx.replyHtml(ctx.t('private-only')));

  return composer;
}

/** /chitieu with or without words: the overview, or the one indicator they name. */
export async function replyIndicators(deps: BotDeps, ctx: BotContext, query: string): Promise<void> {
  const ind = deps.services.indicators;
  if (query === '') return replyIndicatorOverview(deps, ctx);
  const found = ind.find(query);
  if (found.length === 0) return ctx.replyHtml(ctx.t('ind-not-found', { query }));
  if (found.length > 1) {
    return ctx.replyHtml(joinHtml([ctx.t('ind-ambiguous', { query }), ...found.slice(0, 15).map((i) => html`• <code>${i.code}</code> ${i.title}`)]));
  }
  await replyIndicatorDetail(deps, ctx, found[0]!);
}

/** The current term at a glance. */
export async function replyIndicatorOverview(deps: BotDeps, ctx: BotContext): Promise<void> {
  const ind = deps.services.indicators;
  const o = ind.overview();
  if (!o) return ctx.replyHtml(ctx.t('ind-none'));
  const lines: Html[] = [
    ctx.t('ind-overview-title', {
      resolution: o.resolution.name,
      term: `${o.resolution.termStartYear}–${o.resolution.termEndYear}`,
      period: periodLabel(o.period),
    }),
    ctx.t('ind-overview-reported', { reported: o.reportedBranches, expected: o.expectedBranches }),
    html``,
  ];
  o.items.forEach((item, n) => {
    lines.push(ctx.t('ind-line', { n: n + 1, title: item.indicator.title, code: item.indicator.code }));
    lines.push(...statusLines(ctx.t, item.indicator, item.aggregate, item.assessment, ctx.locale));
  });
  if (o.items[0]) lines.push(html``, ctx.t('ind-detail-hint', { code: o.items[0].indicator.code }));
  await ctx.replyHtml(joinHtml(lines));
}

/** One indicator: by year, best and lowest branches, mine against the bloc, and a chart. */
export async function replyIndicatorDetail(deps: BotDeps, ctx: BotContext, indicator: Indicator): Promise<void> {
  const { services } = deps;
  const ind = services.indicators;
  const member = ctx.member!;
  const s = ind.summarise(indicator);
  const period = periodLabel(ind.currentPeriod());
  const lines: Html[] = [ctx.t('ind-detail-title', { code: indicator.code, title: indicator.title })];
  if (indicator.description) lines.push(html`${indicator.description}`);
  if (indicator.sourceText) lines.push(ctx.t('ind-detail-source', { source: indicator.sourceText }));
  const kindArgs = indicator.targetYear ? { year: String(indicator.targetYear) } : { year: '' };
  lines.push(ctx.t('ind-detail-target', { target: targetText(ctx.t, indicator, ctx.locale), kind: ctx.t(`kind-${indicator.kind}`, kindArgs) }));
  lines.push(
    ctx.t('ind-detail-now', {
      period,
      figure: aggregateFigure(indicator, s.aggregate, ctx.locale),
      bar: progressBar(s.assessment.progress),
      status: ctx.t(`status-${s.assessment.status}`),
    }),
  );
  if (s.assessment.pace) lines.push(...statusLines(ctx.t, indicator, s.aggregate, s.assessment, ctx.locale).slice(1));
  const years = ind.byYear(indicator);
  if (years.length) {
    lines.push(html``, ctx.t('ind-detail-years'));
    for (const y of years) lines.push(ctx.t('ind-detail-year', { year: String(y.year), figure: aggregateFigure(indicator, y.aggregate, ctx.locale) }));
  }
  const breakdown = ind.branchBreakdown(indicator);
  if (breakdown.length) {
    const fig = (r: (typeof breakdown)[number]) => figure(indicator, r.numerator, r.denominator, ctx.locale);
    const top = breakdown.slice(0, 5);
    const bottom = breakdown.length > 5 ? breakdown.slice(-Math.min(5, breakdown.length - 5)).reverse() : [];
    lines.push(html``, ctx.t('ind-detail-best'));
    top.forEach((r, n) => lines.push(ctx.t('ind-detail-branch-line', { n: n + 1, branch: r.branchName, figure: fig(r) })));
    if (bottom.length) {
      lines.push(ctx.t('ind-detail-worst'));
      bottom.forEach((r, n) => lines.push(ctx.t('ind-detail-branch-line', { n: breakdown.length - n, branch: r.branchName, figure: fig(r) })));
    }
    // The member's own grassroots organisation (a sub-cell looks at its committee).
    const own = member.branchId ? services.branches.ancestry(member.branchId).find((b) => b.kind !== 'subcell') : undefined;
    if (own) {
      const mine = breakdown.find((r) => r.branchId === own.id);
      const bloc = aggregateFigure(indicator, s.aggregate, ctx.locale);
      lines.push(html``, mine ? ctx.t('ind-detail-own', { branch: own.name, figure: fig(mine), bloc }) : ctx.t('ind-detail-own-none', { branch: own.name }));
    }
  }
  await ctx.replyHtml(joinHtml(lines));
  const chartYears = years.map((y) => ({ label: String(y.year), value: y.aggregate.value }));
  if (chartYears.some((y) => y.value !== null)) {
    const png = renderIndicatorChart({
      title: `${indicator.code} · ${indicator.title}`,
      unit: isPercentKind(indicator.kind) ? '%' : indicator.unit,
      kind: indicator.kind,
      target: indicator.target,
      years: chartYears,
      branches: breakdown.map((r) => ({ label: r.branchName, value: r.value })),
    });
    await ctx.replyWithPhoto(new InputFile(png, `${indicator.code}.png`), {
      caption: ctx.t('ind-chart-caption', { code: indicator.code, title: indicator.title }).value,
      parse_mode: 'HTML',
    });
  }
}

