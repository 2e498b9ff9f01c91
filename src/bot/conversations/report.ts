/**
 * /baocao: choose an indicator (the ones still due this quarter first), type the figures, see them
 * against the target and the bloc, confirm. The service checks every rule again when saving:
 * whole non-negative numbers, numerator ≤ denominator, a count that goes backwards needs a note,
 * no reports for a closed term, and only for the member's own branch (the office: any).
 */
import { InlineKeyboard } from 'grammy';
import { aggregate, type Period } from '../../domain/indicators.js';
import { isOffice } from '../../domain/roles.js';
import { isPercentKind, type ReportResult } from '../../services/indicators.js';
import { callbackData } from '../callback-data.js';
import type { InnerContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { actorOf } from '../features/chat-tracking.js';
import { Html, htmlToPlain, joinHtml } from '../render/html.js';
import { figure, formatNumber, periodLabel, targetText } from '../render/indicators.js';
import { ask, type AskOptions, type Convo, isPlainText } from './ask.js';

export const REPORT_CONVERSATION = 'report';
const CANCELLED = 'report-cancelled';
const FIGURES = /^\s*(-?\d+)\s*(?:\/\s*(-?\d+))?\s*$/;

export function createReportConversation(deps: BotDeps) {
  const { services } = deps;
  const ind = services.indicators;
  const asking: AskOptions = { clock: deps.clock, activity: REPORT_CONVERSATION, cancelledKey: CANCELLED };

  return async function report(conversation: Convo, ctx: InnerContext, branchId: number): Promise<void> {
    const setup = await conversation.external(() => {
      const period = ind.currentPeriod();
      const res = ind.current();
      const due = new Set(ind.dueFor(branchId, period).map((i) => i.id));
      const all = res ? ind.indicatorsOf(res.id) : [];
      const branch = services.branches.getById(branchId);
      return {
        period,
        branchName: branch?.name ?? '',
        items: [...all.filter((i) => due.has(i.id)), ...all.filter((i) => !due.has(i.id))].map((i) => ({ id: i.id, code: i.code, title: i.title, due: due.has(i.id) })),
      };
    });
    const period = setup.period as Period;
    const kb = new InlineKeyboard();
    for (const i of setup.items) kb.text(`${i.due ? '⏳' : '✔'} ${i.code} · ${i.title}`.slice(0, 60), callbackData('bcx', i.id)).row();
    const question = ctx.t('report-ask-indicator', { period: periodLabel(period), branch: setup.branchName });
    await ctx.replyHtml(question, { reply_markup: kb });
    const chosen = await ask(conversation, (c) => /^bcx:\d+$/.test(c.callbackQuery?.data ?? ''), (c) => c.replyHtml(question, { reply_markup: kb }), asking);
    await chosen.answerCallbackQuery();
    ctx = chosen;
    const indicatorId = Number(chosen.callbackQuery!.data!.split(':')[1]);
    const indicator = await conversation.external(() => ind.getIndicator(indicatorId));
    if (!indicator || !setup.items.some((i) => i.id === indicatorId)) return void (await ctx.replyHtml(ctx.t('button-expired')));
    const percent = isPercentKind(indicator.kind);
    const example = percent ? '<code>45/50</code>' : '<code>12</code>';
    const what =
      indicator.kind === 'term_count' ? 'report-count-term' : indicator.kind === 'yearly_count' ? 'report-count-year' : 'report-count-bound';
    const prompt: Html = percent
      ? ctx.t('report-ask-percent', { title: indicator.title, num: indicator.numeratorLabel || '—', den: indicator.denominatorLabel || '—' })
      : ctx.t('report-ask-count', { title: indicator.title, what: ctx.t(what, { unit: indicator.unit }) });
    const previous = await conversation.external(() => {
      const p = ind.previousReport(indicatorId, branchId, period);
      return p ? { period: p.period, numerator: p.numerator, denominator: p.denominator } : null;
    });
    const previousLine = previous
      ? ctx.t('report-previous', { period: periodLabel(previous.period as Period), figure: figure(indicator, previous.numerator, previous.denominator, ctx.locale) })
      : null;
    await ctx.replyHtml(previousLine ? joinHtml([prompt, previousLine]) : prompt);

    let numerator = 0;
    let denominator: number | null = null;
    let note: string | null = null;
    for (;;) {
      const reply = await ask(conversation, isPlainText, (c) => c.replyHtml(prompt), asking);
      ctx = reply;
      const text = reply.message!.text!.trim();
      const m = FIGURES.exec(text);
      if (!m) {
        await ctx.replyHtml(ctx.t('report-not-number', { text, example: new Html(example) }));
        continue;
      }
      numerator = Number(m[1]);
      denominator = m[2] === undefined ? null : Number(m[2]);
      const refused: ReportResult | null = await conversation.external(() => ind.check(indicator, branchId, period, numerator, percent ? denominator : null, note));
      if (refused && !refused.ok) {
        if (refused.reason === 'needs_note') {
          const q = ctx.t('report-needs-note', { value: formatNumber(numerator, ctx.locale), previous: formatNumber(refused.previous?.numerator ?? 0, ctx.locale) });
          await ctx.replyHtml(q);
          const noteReply = await ask(conversation, isPlainText, (c) => c.replyHtml(q), asking);
          ctx = noteReply;
          note = noteReply.message!.text!.trim();
          break;
        }
        await ctx.replyHtml(refusal(ctx, refused.reason, numerator, denominator, example));
        if (refused.reason === 'closed') return;
        continue;
      }
      break;
    }

    const check = await conversation.external(() => {
      const def = ind.def(indicator);
      const figures = ind.figures(indicator.id).filter((f) => !(f.branchId === branchId && f.period === period));
      figures.push({ branchId, period, numerator, denominator: percent ? denominator : null });
      const agg = aggregate(def, figures, period);
      return { blocNumerator: agg.numerator, blocDenominator: agg.denominator, blocValue: agg.value };
    });
    const bloc = check.blocValue === null ? '—' : figure(indicator, check.blocNumerator, check.blocDenominator, ctx.locale);
    const confirmKb = new InlineKeyboard()
      .text(htmlToPlain(ctx.t('report-confirm-button')), callbackData('bcr', 1))
      .text(htmlToPlain(ctx.t('report-cancel-button')), callbackData('bcr', 0));
    const summary = ctx.t('report-check', {
      branch: setup.branchName,
      period: periodLabel(period),
      title: indicator.title,
      figure: figure(indicator, numerator, percent ? denominator : null, ctx.locale),
      target: targetText(ctx.t, indicator, ctx.locale),
      bloc,
    });
    await ctx.replyHtml(summary, { reply_markup: confirmKb });
    const decision = await ask(conversation, (c) => /^bcr:[01]$/.test(c.callbackQuery?.data ?? ''), (c) => c.replyHtml(summary, { reply_markup: confirmKb }), asking);
    await decision.answerCallbackQuery();
    ctx = decision;
    if (decision.callbackQuery!.data === 'bcr:0') return void (await ctx.replyHtml(ctx.t(CANCELLED)));

    const saved = await conversation.external((outer) => {
      const member = outer.member;
      // Checked again at the moment of saving: roles may have changed during the conversation.
      if (!member || (!isOffice(member) && member.branchId !== branchId)) return { ok: false as const, reason: 'not_own' as const };
      const r = ind.report(indicatorId, branchId, period, { numerator, denominator: percent ? denominator : null, note }, member.id, actorOf(outer));
      if (!r.ok) return { ok: false as const, reason: r.reason };
      const corrected = r.previous && r.previous.period === period ? figure(indicator, r.previous.numerator, r.previous.denominator, 'vi') : null;
      return { ok: true as const, corrected };
    });
    if (!saved.ok) {
      return void (await ctx.replyHtml(saved.reason === 'not_own' ? ctx.t('report-not-own') : refusal(ctx, saved.reason, numerator, denominator, example)));
    }
    await ctx.replyHtml(ctx.t('report-saved', { title: indicator.title, period: periodLabel(period) }));
    if (saved.corrected) await ctx.replyHtml(ctx.t('report-correction', { previous: saved.corrected }));
  };
}

function refusal(ctx: InnerContext, reason: Exclude<ReportResult, { ok: true }>['reason'], numerator: number, denominator: number | null, example: string): Html {
  switch (reason) {
    case 'negative':
      return ctx.t('report-negative', { example: new Html(example) });
    case 'numerator_above_denominator':
      return ctx.t('report-numerator-above', { num: String(numerator), den: String(denominator ?? '') });
    case 'denominator_required':
      return ctx.t('report-denominator-required');
    case 'closed':
      return ctx.t('report-closed', { term: '' });
    default:
      return ctx.t('report-not-number', { text: String(numerator), example: new Html(example) });
  }
}
