/**
 * /chitieu: the current term's indicators at a glance, or one in detail (by year, the highest and
 * lowest organisations, mine against the bloc, and a chart), of any term; /xuatchitieu: the
 * office's spreadsheet.
 */
import { InlineKeyboard, InputFile } from 'grammy';
import { Composer } from '../composer.js';
import { formatPeriod, formatQuarter, formatTerm, progressBar } from '../../domain/indicators.js';
import { isOffice } from '../../domain/roles.js';
import { shortenLabel } from '../../domain/text.js';
import type { Indicator, IndicatorOverview, YearFigure } from '../../services/indicators.js';
import { isPercentKind } from '../../services/indicators.js';
import { exportIndicatorsXlsx } from '../../services/indicator-export.js';
import { withChatAction } from '../chat-action.js';
import type { BotContext } from '../context.js';
import { REPORT_CONVERSATION } from '../conversations/report.js';
import type { BotDeps } from '../deps.js';
import type { Locale, Translate } from '../i18n.js';
import { callbackData, callbackInts, callbackPattern } from '../callback-data.js';
import { refuse, requireLeader, requireOffice } from '../guards.js';
import { pageLabel, pageOf, pagerRow, showInPlace } from '../render/paging.js';
import { renderIndicatorChart } from '../render/chart.js';
import { type Html, html, joinHtml } from '../render/html.js';
import { aggregateFigure, chartInput, figure, formatNumber, paceText, quantity, statusLines, statusText, targetText } from '../render/indicators.js';

/** rb:<branch id>: report for this organisation; rbp:<page>: another page of the office's picker. */
const REPORT_PICK = 'rb';
const REPORT_PICK_PAGE = 'rbp';
const REPORT_PICK_PER_PAGE = 10;

export function indicatorsFeature(deps: BotDeps): Composer<BotContext> {
  const { services } = deps;
  const ind = services.indicators;
  const composer = new Composer<BotContext>();

  composer.command('chitieu', (ctx) => replyIndicators(deps, ctx, ctx.match.trim()));

  composer.command('xuatchitieu', async (ctx) => {
    if (!(await requireOffice(ctx, 'xuatchitieu'))) return;
    await withChatAction(ctx, 'upload_document', async () => {
      const buffer = await exportIndicatorsXlsx(services);
      await ctx.replyWithDocument(new InputFile(buffer, 'chi-tieu.xlsx'), { caption: ctx.t('export-caption').value, parse_mode: 'HTML' });
    });
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
    if (branchId === null) {
      // The office belongs to no organisation: it reports for one, chosen among those still owing figures.
      if (isOffice(ctx.member!)) return replyReportPicker(ctx, 0);
      return ctx.replyHtml(ctx.t('report-no-branch'));
    }
    return startReport(ctx, branchId);
  });

  privateChat.callbackQuery(callbackPattern(REPORT_PICK, 1), async (ctx) => {
    const [branchId] = callbackInts(ctx.match) ?? [];
    if (!(await requireOffice(ctx, 'baocao'))) return;
    const branch = branchId === undefined ? null : services.branches.getById(branchId);
    if (!branch || !branch.active) return refuse(ctx, 'button-expired');
    await ctx.answerCallbackQuery();
    await startReport(ctx, branch.id);
  });

  privateChat.callbackQuery(callbackPattern(REPORT_PICK_PAGE, 1), async (ctx) => {
    const [page] = callbackInts(ctx.match) ?? [];
    if (!(await requireOffice(ctx, 'baocao'))) return;
    const view = reportPicker(ctx, page ?? 0);
    await showInPlace(ctx, view.text, view.keyboard);
  });

  async function startReport(ctx: BotContext, branchId: number): Promise<void> {
    const branch = services.branches.getById(branchId)!;
    if (branch.kind === 'subcell') return ctx.replyHtml(ctx.t('report-not-reporting', { branch: branch.name }));
    const res = ind.current();
    if (!res) return ctx.replyHtml(ctx.t('ind-none'));
    if (res.closed) return ctx.replyHtml(ctx.t('report-closed', { term: formatTerm(res.termStartYear, res.termEndYear, ctx.locale) }));
    await ctx.startConversation(REPORT_CONVERSATION, branchId);
  }

  /** The organisations still owing figures for the current quarter, a button each, a page at a time. */
  function reportPicker(ctx: BotContext, requested: number): { text: Html; keyboard: InlineKeyboard } {
    const res = ind.current();
    if (!res) return { text: ctx.t('ind-none'), keyboard: new InlineKeyboard() };
    if (res.closed) return { text: ctx.t('report-closed', { term: formatTerm(res.termStartYear, res.termEndYear, ctx.locale) }), keyboard: new InlineKeyboard() };
    const owing = ind.incompleteBranches();
    const period = formatPeriod(ind.currentPeriod(), ctx.locale);
    if (owing.length === 0) return { text: ctx.t('report-office-all-done', { period }), keyboard: new InlineKeyboard() };
    const page = pageOf(owing, requested, REPORT_PICK_PER_PAGE);
    const keyboard = new InlineKeyboard();
    for (const b of page.items) keyboard.text(shortenLabel(b.name), callbackData(REPORT_PICK, b.id)).row();
    pagerRow(keyboard, ctx.t, page, (p) => callbackData(REPORT_PICK_PAGE, p));
    const heading = ctx.t('report-office-choose', { period, owing: owing.length, total: ind.reportingBranches().length });
    return { text: joinHtml([heading, pageLabel(ctx.t, page)].filter((p) => p !== null), ' '), keyboard };
  }

  function replyReportPicker(ctx: BotContext, page: number): Promise<void> {
    const view = reportPicker(ctx, page);
    return ctx.replyHtml(view.text, view.keyboard.inline_keyboard.length ? { reply_markup: view.keyboard } : {});
  }
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

/**
 * The overview's text by language, for as long as the service hands out the same overview (it
 * makes a new one whenever the database changes, see IndicatorService.overview): every member
 * gets the same text, and writing it (some 90 translations) was most of a /chitieu's cost.
 */
const overviewTexts = new WeakMap<IndicatorOverview, Map<Locale, Html>>();

/** The current term at a glance. */
export async function replyIndicatorOverview(deps: BotDeps, ctx: BotContext): Promise<void> {
  const o = deps.services.indicators.overview();
  if (!o) return ctx.replyHtml(ctx.t('ind-none'));
  let texts = overviewTexts.get(o);
  if (!texts) overviewTexts.set(o, (texts = new Map()));
  let text = texts.get(ctx.locale);
  if (!text) texts.set(ctx.locale, (text = overviewText(ctx.t, ctx.locale, o)));
  await ctx.replyHtml(text);
}

function overviewText(t: Translate, locale: Locale, o: IndicatorOverview): Html {
  const period = formatPeriod(o.period, locale);
  const lines: Html[] = [
    t('ind-overview-title', {
      resolution: o.resolution.name,
      term: formatTerm(o.resolution.termStartYear, o.resolution.termEndYear, locale),
      period,
    }),
    t('ind-overview-reported', { period, reported: o.completeBranches, expected: o.expectedBranches }),
    html``,
  ];
  o.items.forEach((item, n) => {
    lines.push(t('ind-line', { n: n + 1, title: item.indicator.title, code: item.indicator.code }));
    lines.push(...statusLines(t, item.indicator, item.aggregate, item.assessment, locale));
  });
  if (o.items[0]) lines.push(html``, t('ind-detail-hint', { code: o.items[0].indicator.code }));
  return joinHtml(lines);
}

/**
 * One indicator, of its own term: while the term runs, as it stands now; once it is over, its
 * final figures. By year, the highest and lowest organisations, mine against the bloc, a chart.
 */
export async function replyIndicatorDetail(deps: BotDeps, ctx: BotContext, indicator: Indicator): Promise<void> {
  const { services } = deps;
  const ind = services.indicators;
  const member = ctx.member!;
  const t = ctx.t;
  const locale = ctx.locale;
  const resolution = ind.getResolution(indicator.resolutionId)!;
  const over = ind.isOver(resolution);
  const period = ind.periodFor(indicator);
  const periodText = formatPeriod(period, locale);
  const s = ind.summarise(indicator, period);
  const term = formatTerm(resolution.termStartYear, resolution.termEndYear, locale);

  const lines: Html[] = [t('ind-detail-title', { code: indicator.code, title: indicator.title })];
  lines.push(t(over ? 'ind-detail-term-over' : 'ind-detail-term', { resolution: resolution.name, term }));
  if (indicator.description) lines.push(html`${indicator.description}`);
  if (indicator.sourceText) lines.push(t('ind-detail-source', { source: indicator.sourceText }));
  const kindArgs = indicator.targetYear ? { year: String(indicator.targetYear) } : { year: '' };
  lines.push(t('ind-detail-target', { target: targetText(t, indicator, locale), kind: t(`kind-${indicator.kind}`, kindArgs) }));
  lines.push(
    t(over ? 'ind-detail-final' : 'ind-detail-now', {
      period: periodText,
      figure: aggregateFigure(indicator, s.aggregate, locale),
      bar: progressBar(s.assessment.progress),
      status: statusText(t, s.assessment.status),
    }),
  );
  const pace = paceText(t, indicator, s.assessment, locale);
  if (pace) lines.push(pace);
  if (!over) {
    const reported = ind.reportedFor(indicator, period);
    lines.push(
      reported === null
        ? t('ind-detail-reported-yearly')
        : t('ind-detail-reported', { period: periodText, reported, expected: ind.reportingBranches().length }),
    );
  }

  const years = ind.byYear(indicator, period);
  // Years nobody reported for say nothing in a list (the chart still shows the whole term).
  const reportedYears = years.filter((y) => y.aggregate.value !== null);
  if (reportedYears.length) {
    lines.push(html``, t('ind-detail-years'));
    for (const y of reportedYears) lines.push(yearLine(ctx, indicator, y));
  }

  const breakdown = ind.branchBreakdown(indicator, period);
  if (breakdown.length) {
    lines.push(html``);
    const fig = (r: (typeof breakdown)[number]) => figure(indicator, r.numerator, r.denominator, locale);
    const first = breakdown[0]!;
    if (breakdown.length > 1 && breakdown.every((r) => r.value === first.value)) {
      // Fourteen zeros listed as best and worst say less than one line.
      const value = first.value === null ? '—' : isPercentKind(indicator.kind) ? `${formatNumber(first.value, locale)}%` : quantity(first.value, indicator.unit, locale);
      lines.push(t('ind-detail-all-same', { count: breakdown.length, value }));
    } else {
      const percent = isPercentKind(indicator.kind);
      const top = breakdown.slice(0, 5);
      const bottom = breakdown.length > 5 ? breakdown.slice(-Math.min(5, breakdown.length - 5)).reverse() : [];
      lines.push(t(percent ? 'ind-detail-best' : 'ind-detail-most'));
      top.forEach((r, n) => lines.push(t('ind-detail-branch-line', { n: n + 1, branch: r.branchName, figure: fig(r) })));
      if (bottom.length) {
        lines.push(t(percent ? 'ind-detail-worst' : 'ind-detail-least'));
        bottom.forEach((r, n) => lines.push(t('ind-detail-branch-line', { n: breakdown.length - n, branch: r.branchName, figure: fig(r) })));
      }
    }
    // The member's own grassroots organisation (a sub-cell looks at its committee).
    const own = member.branchId ? services.branches.ancestry(member.branchId).find((b) => b.kind !== 'subcell') : undefined;
    if (own) {
      const mine = breakdown.find((r) => r.branchId === own.id);
      const bloc = aggregateFigure(indicator, s.aggregate, locale);
      lines.push(html``, mine ? t('ind-detail-own', { branch: own.name, figure: fig(mine), bloc }) : t('ind-detail-own-none', { branch: own.name, period: periodText }));
    }
  }
  const others = ind.sameCodeElsewhere(indicator);
  if (others.length) {
    lines.push(html``);
    for (const o of others) {
      // The command is typed with a hyphen, which every keyboard has.
      lines.push(t('ind-detail-other-term', { term: formatTerm(o.resolution.termStartYear, o.resolution.termEndYear, locale), command: `/chitieu ${o.indicator.code} ${o.resolution.termStartYear}-${o.resolution.termEndYear}` }));
    }
  }
  await ctx.replyHtml(joinHtml(lines));

  if (reportedYears.length) {
    await withChatAction(ctx, 'upload_photo', async () => {
      const png = await renderIndicatorChart(chartInput(t, locale, { indicator, resolution, period, over, years, breakdown }), t, locale);
      await ctx.replyWithPhoto(new InputFile(png, `${indicator.code}.png`), {
        caption: t('ind-chart-caption', { code: indicator.code, title: indicator.title, term }).value,
        parse_mode: 'HTML',
      });
    });
  }
}

/** "2026 (đến quý IV): 251 · 🟠 Chậm so với tiến độ": each year with the status it had. */
function yearLine(ctx: BotContext, indicator: Indicator, y: YearFigure): Html {
  const year = y.partial ? ctx.t('ind-detail-year-partial', { year: String(y.year), quarter: formatQuarter(y.period, ctx.locale) }) : String(y.year);
  const figureText = aggregateFigure(indicator, y.aggregate, ctx.locale);
  return ctx.t('ind-detail-year', { year, figure: figureText, status: statusText(ctx.t, y.assessment.status) });
}
