/**
 * /baocao: choose an indicator (the ones still due this quarter first), type the figures, see them
 * against the target and the bloc, confirm — or type corrected figures on the confirm screen. The
 * service checks every rule again when saving: whole numbers from 0 to MAX_FIGURE, a denominator
 * above 0 and not below the numerator, a count that goes backwards needs a note, no reports for a
 * closed term, and only for the member's own organisation (the office: any). A denominator of
 * members above the organisation's listed members is pointed out before the member confirms.
 */
import { InlineKeyboard } from 'grammy';
import { parseTypedFigures } from '../../domain/indicator-columns.js';
import { aggregate, formatPeriod, formatTerm, isDueIn, MAX_FIGURE, type Period } from '../../domain/indicators.js';
import { INPUT_LIMITS } from '../../domain/limits.js';
import { isOffice } from '../../domain/roles.js';
import { shortenLabel } from '../../domain/text.js';
import { isPercentKind, type RefusalReason, type ReportWarning } from '../../services/indicators.js';
import { callbackData } from '../callback-data.js';
import type { InnerContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { actorOf } from '../features/chat-tracking.js';
import { Html, htmlToPlain, joinHtml } from '../render/html.js';
import { figure, formatNumber, targetText } from '../render/indicators.js';
import { ask, type AskOptions, askText, type Convo, isPlainText } from './ask.js';

export const REPORT_CONVERSATION = 'report';
const CANCELLED = 'report-cancelled';
/** On the confirm screen, a message that starts like a number is a corrected figure. */
const LOOKS_LIKE_FIGURES = /^\s*[-−]?\d/;

type Mark = 'due' | 'done' | 'later';
const MARKS: Record<Mark, string> = { due: '⏳', done: '✔', later: '🗓' };

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
      const mark = (i: (typeof all)[number]): Mark => (due.has(i.id) ? 'due' : isDueIn(i.kind, period) ? 'done' : 'later');
      const order: Mark[] = ['due', 'done', 'later'];
      return {
        period,
        branchName: branch?.name ?? '',
        term: res ? formatTerm(res.termStartYear, res.termEndYear, ctx.locale) : '',
        items: all
          .map((i) => ({ id: i.id, code: i.code, title: i.title, mark: mark(i) }))
          .sort((a, b) => order.indexOf(a.mark) - order.indexOf(b.mark)),
      };
    });
    const period = setup.period as Period;
    const periodText = formatPeriod(period, ctx.locale);
    const kb = new InlineKeyboard();
    for (const i of setup.items) kb.text(shortenLabel(`${MARKS[i.mark]} ${i.code} · ${i.title}`), callbackData('bcx', i.id)).row();
    const question = ctx.t('report-ask-indicator', { period: periodText, branch: setup.branchName });
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
    const labelled = indicator.numeratorLabel && indicator.denominatorLabel;
    const prompt: Html = !percent
      ? ctx.t('report-ask-count', { title: indicator.title, what: ctx.t(what, { unit: indicator.unit }) })
      : labelled
        ? ctx.t('report-ask-percent', { title: indicator.title, num: lowerFirst(indicator.numeratorLabel), den: lowerFirst(indicator.denominatorLabel) })
        : ctx.t('report-ask-percent-plain', { title: indicator.title });
    const previous = await conversation.external(() => {
      const p = ind.previousReport(indicatorId, branchId, period);
      return p ? { period: p.period, numerator: p.numerator, denominator: p.denominator } : null;
    });
    const previousLine = previous
      ? ctx.t('report-previous', {
          period: formatPeriod(previous.period as Period, ctx.locale),
          figure: figure(indicator, previous.numerator, previous.denominator, ctx.locale),
        })
      : null;
    await ctx.replyHtml(previousLine ? joinHtml([prompt, previousLine]) : prompt);

    const confirmKb = new InlineKeyboard()
      .text(htmlToPlain(ctx.t('report-confirm-button')), callbackData('bcr', 1))
      .text(htmlToPlain(ctx.t('report-cancel-button')), callbackData('bcr', 0));
    const isDecision = (c: InnerContext) => /^bcr:[01]$/.test(c.callbackQuery?.data ?? '');
    // Figures typed on the confirm screen come back here instead of waiting for new ones.
    let typed: InnerContext | null = null;
    for (;;) {
      const reply = typed ?? (await ask(conversation, isPlainText, (c) => c.replyHtml(prompt), asking));
      typed = null;
      ctx = reply;
      const text = reply.message!.text!.trim();
      const parsed = parseTypedFigures(text);
      if (!parsed.ok) {
        const key = parsed.reason === 'negative' ? 'report-negative' : parsed.reason === 'fraction' ? 'report-not-whole' : 'report-not-number';
        await ctx.replyHtml(ctx.t(key, { text, example: new Html(example) }));
        continue;
      }
      const { numerator } = parsed;
      const denominator = percent ? parsed.denominator : null;
      let note: string | null = null;
      const refused = await conversation.external(() => ind.check(indicator, branchId, period, numerator, denominator, null));
      if (refused && !refused.ok) {
        if (refused.reason !== 'needs_note') {
          await ctx.replyHtml(refusal(ctx, refused.reason, numerator, parsed.denominator, example, setup.term));
          if (refused.reason === 'closed') return;
          continue;
        }
        const noteExample = ctx.t(indicator.kind === 'term_count' ? 'report-note-example-term' : 'report-note-example-year', {
          unit: indicator.unit,
          value: formatNumber(numerator, ctx.locale),
        });
        const q = ctx.t('report-needs-note', {
          value: formatNumber(numerator, ctx.locale),
          previous: formatNumber(refused.previous?.numerator ?? 0, ctx.locale),
          example: noteExample,
        });
        const noteReply = await askText(conversation, asking, ctx, q, { max: INPUT_LIMITS.reportNote, tooLongKey: 'report-note-too-long' });
        ctx = noteReply.ctx;
        note = noteReply.text;
      }

      const check = await conversation.external(() => {
        const def = ind.def(indicator);
        const figures = ind.figures(indicator.id).filter((f) => !(f.branchId === branchId && f.period === period));
        figures.push({ branchId, period, numerator, denominator });
        const agg = aggregate(def, figures, period);
        return { blocNumerator: agg.numerator, blocDenominator: agg.denominator, blocValue: agg.value, warnings: ind.warnings(indicator, branchId, denominator) };
      });
      const bloc = check.blocValue === null ? '—' : figure(indicator, check.blocNumerator, check.blocDenominator, ctx.locale);
      const summary = joinHtml([
        ctx.t('report-check', {
          branch: setup.branchName,
          period: periodText,
          title: indicator.title,
          figure: figure(indicator, numerator, denominator, ctx.locale),
          target: targetText(ctx.t, indicator, ctx.locale),
          bloc,
        }),
        ...check.warnings.map((w) => warningText(ctx, w, setup.branchName)),
        ctx.t('report-check-how', { example: new Html(example) }),
      ]);
      await ctx.replyHtml(summary, { reply_markup: confirmKb });
      const decision = await ask(
        conversation,
        (c) => isDecision(c) || (isPlainText(c) && LOOKS_LIKE_FIGURES.test(c.message!.text!)),
        (c) => c.replyHtml(summary, { reply_markup: confirmKb }),
        asking,
      );
      if (!decision.callbackQuery) {
        typed = decision;
        continue;
      }
      await decision.answerCallbackQuery();
      ctx = decision;
      if (decision.callbackQuery.data === 'bcr:0') return void (await ctx.replyHtml(ctx.t(CANCELLED)));

      const saved = await conversation.external((outer) => {
        const member = outer.member;
        // Checked again at the moment of saving: roles may have changed during the conversation.
        if (!member || (!isOffice(member) && member.branchId !== branchId)) return { ok: false as const, reason: 'not_own' as const };
        const r = ind.report(indicatorId, branchId, period, { numerator, denominator, note }, member.id, actorOf(outer));
        if (!r.ok) return { ok: false as const, reason: r.reason };
        const corrected = r.previous && r.previous.period === period ? figure(indicator, r.previous.numerator, r.previous.denominator, outer.locale) : null;
        return { ok: true as const, corrected };
      });
      if (!saved.ok) {
        return void (await ctx.replyHtml(
          saved.reason === 'not_own' ? ctx.t('report-not-own') : refusal(ctx, saved.reason, numerator, denominator, example, setup.term),
        ));
      }
      await ctx.replyHtml(ctx.t('report-saved', { title: indicator.title, period: periodText }));
      if (saved.corrected) await ctx.replyHtml(ctx.t('report-correction', { previous: saved.corrected }));
      return;
    }
  };
}

/** "Tổng số đảng viên" reads inside a sentence as "tổng số đảng viên". */
const lowerFirst = (s: string) => (/^\p{Lu}\p{Ll}/u.test(s) ? s.charAt(0).toLocaleLowerCase('vi') + s.slice(1) : s);

function warningText(ctx: InnerContext, w: ReportWarning, branch: string): Html {
  return ctx.t('report-warning-above-members', {
    denominator: formatNumber(w.denominator, ctx.locale),
    members: formatNumber(w.members, ctx.locale),
    branch,
  });
}

function refusal(ctx: InnerContext, reason: RefusalReason, numerator: number, denominator: number | null, example: string, term: string): Html {
  switch (reason) {
    case 'negative':
      return ctx.t('report-negative', { example: new Html(example) });
    case 'not_whole':
      return ctx.t('report-not-whole', { text: String(numerator), example: new Html(example) });
    case 'too_large':
      return ctx.t('report-too-large', { max: formatNumber(MAX_FIGURE, ctx.locale), example: new Html(example) });
    case 'zero_denominator':
      return ctx.t('report-zero-denominator');
    case 'numerator_above_denominator':
      return ctx.t('report-numerator-above', { num: formatNumber(numerator, ctx.locale), den: formatNumber(denominator ?? 0, ctx.locale) });
    case 'denominator_required':
      return ctx.t('report-denominator-required');
    case 'closed':
      return ctx.t('report-closed', { term });
    case 'needs_note':
      return ctx.t('report-not-number', { text: String(numerator), example: new Html(example) });
  }
}
