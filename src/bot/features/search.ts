/**
 * Quick lookups: /tim, plain messages in a private chat (meetings → like /lichhop, targets → like
 * /chitieu, anything else → a search), and inline mode (@bot words, in any chat, for registered
 * members). Results are short cards with buttons that open the full item; every button checks
 * again that the member may see it.
 */
import { InlineKeyboard } from 'grammy';
import { Composer } from '../composer.js';
import type { InlineQueryResult } from 'grammy/types';
import { formatPeriod, progressBar } from '../../domain/indicators.js';
import { classify } from '../../domain/intent.js';
import { canManageBranch, isOffice } from '../../domain/roles.js';
import { shortenLabel } from '../../domain/text.js';
import { formatDate, formatDateTime } from '../../domain/time.js';
import { MAX_QUERY_LENGTH, SEARCH_KINDS, type SearchHit, type SearchKind } from '../../services/search.js';
import { callbackData, callbackInts, callbackPattern } from '../callback-data.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { refuse } from '../guards.js';
import { renderBranchCard } from '../render/branch.js';
import { Html, html, htmlToPlain, joinHtml, oneMessage } from '../render/html.js';
import { aggregateFigure, statusText } from '../render/indicators.js';
import { meetingCard, meetingKeyboard } from '../render/meeting.js';
import { pageLabel, pageOf, pagerRow, showInPlace } from '../render/paging.js';
import { recallQuery, rememberQuery } from '../paged-queries.js';
import { NoticeRenderer } from '../render/notice.js';
import { replyIndicatorDetail, replyIndicators } from './indicators.js';
import { replyUpcoming } from './meetings.js';

const OPEN = 'op';

export function searchFeature(deps: BotDeps): Composer<BotContext> {
  const { services } = deps;
  const composer = new Composer<BotContext>();

  composer.command('tim', (ctx) => replySearch(deps, ctx, ctx.match));

  composer.callbackQuery(callbackPattern(OPEN, 2), async (ctx) => {
    const [kindIndex, id] = callbackInts(ctx.match) ?? [];
    const kind = SEARCH_KINDS[kindIndex ?? -1];
    if (!kind || id === undefined || services.search.visibleTitle(kind, id, ctx.member!) === null) return refuse(ctx, 'search-not-visible');
    await ctx.answerCallbackQuery();
    await openItem(deps, ctx, kind, id);
  });

  // Another page of results: the search is run again for whoever asked, with their rights of now.
  composer.callbackQuery(callbackPattern(SEARCH_PAGE, 1), async (ctx) => {
    const [page] = callbackInts(ctx.match) ?? [];
    const asked = await recallQuery(ctx, 'search');
    if (!asked || page === undefined) return refuse(ctx, 'button-expired');
    if (asked.memberId !== ctx.member!.id) return refuse(ctx, 'paging-not-yours');
    const result = services.search.search(asked.query, ctx.member!, MAX_RESULTS);
    if (!result.ok || result.hits.length === 0) return refuse(ctx, 'button-expired');
    const rendered = resultsPage(ctx, asked.query, result.hits, page);
    await showInPlace(ctx, rendered.text, rendered.keyboard);
  });

  composer.on('inline_query', async (ctx) => {
    const query = ctx.inlineQuery.query.trim();
    const result = query ? services.search.search(query.slice(0, MAX_QUERY_LENGTH), ctx.member!, 20) : null;
    const hits = result?.ok ? result.hits.filter((h) => h.kind !== 'member') : [];
    const results: InlineQueryResult[] = hits.map((h) => ({
      type: 'article',
      id: `${h.kind}:${h.id}`,
      title: shortenLabel(h.title, 100),
      description: inlineDescription(deps, ctx, h),
      input_message_content: { message_text: oneMessage(shareText(deps, ctx, h)).value, parse_mode: 'HTML', link_preview_options: { is_disabled: true } },
    }));
    await ctx.answerInlineQuery(results, { cache_time: 10, is_personal: true });
  });

  // A plain message in a private chat: answered like the command it is about.
  composer.chatType('private').on('message:text', async (ctx, next) => {
    if (ctx.message.text.startsWith('/')) return next();
    const intent = classify(ctx.message.text);
    switch (intent.type) {
      case 'meetings':
        return replyUpcoming(deps, ctx, '', intent.range);
      case 'indicators':
        return replyIndicators(deps, ctx, intent.words);
      case 'search':
        return replySearch(deps, ctx, intent.words, true);
      case 'help':
        return ctx.replyHtml(ctx.t('search-help'));
    }
  });

  return composer;
}

/** Results a page at a time; a search keeps at most this many (the best first). */
const MAX_RESULTS = 40;
const RESULTS_PER_PAGE = 8;
/** sp:<page>: the words searched are in the chat's session (src/bot/paged-queries.ts). */
const SEARCH_PAGE = 'sp';

/** Runs a search and answers with the results as buttons, a page at a time. `fromChat`: a plain message, so no usage hints. */
export async function replySearch(deps: BotDeps, ctx: BotContext, text: string, fromChat = false): Promise<void> {
  const query = text.trim();
  if (query === '') return ctx.replyHtml(ctx.t('search-usage'));
  const result = deps.services.search.search(query, ctx.member!, MAX_RESULTS);
  if (!result.ok) {
    if (result.reason === 'too_long') return ctx.replyHtml(ctx.t('search-too-long', { length: query.length, max: MAX_QUERY_LENGTH }));
    return ctx.replyHtml(ctx.t(fromChat ? 'search-help' : 'search-empty'));
  }
  if (result.hits.length === 0) return ctx.replyHtml(ctx.t(fromChat ? 'search-help' : 'search-none', { query: shortenLabel(query, 80) }));
  const page = resultsPage(ctx, query, result.hits, 0);
  const sent = await ctx.reply(page.text.value, { parse_mode: 'HTML', reply_markup: page.keyboard, link_preview_options: { is_disabled: true } });
  if (page.pages > 1) await rememberQuery(ctx, { messageId: sent.message_id, memberId: ctx.member!.id, kind: 'search', query });
}

/** A page of results: a line and a button per item (titles shortened, so a page fits one message). */
function resultsPage(ctx: BotContext, query: string, hits: readonly SearchHit[], requested: number) {
  const page = pageOf(hits, requested, RESULTS_PER_PAGE);
  const keyboard = new InlineKeyboard();
  const heading = ctx.t('search-title', { query: shortenLabel(query, 80) });
  const lines: Html[] = [joinHtml([heading, pageLabel(ctx.t, page)].filter((l) => l !== null), ' ')];
  for (const hit of page.items) {
    const icon = htmlToPlain(ctx.t(`search-kind-${hit.kind}`));
    lines.push(html`${icon} ${shortenLabel(hit.title, 200)}`);
    keyboard.text(shortenLabel(`${icon} ${hit.title}`), callbackData(OPEN, SEARCH_KINDS.indexOf(hit.kind), hit.id)).row();
  }
  pagerRow(keyboard, ctx.t, page, (p) => callbackData(SEARCH_PAGE, p));
  return { text: joinHtml(lines), keyboard, pages: page.pages };
}

/** The full item, as its own command would show it. */
async function openItem(deps: BotDeps, ctx: BotContext, kind: SearchKind, id: number): Promise<void> {
  const { services, config } = deps;
  const member = ctx.member!;
  switch (kind) {
    case 'branch': {
      const summary = services.branches.summary(id)!;
      const ancestry = services.branches.ancestry(id);
      const own = member.branchId !== null && services.branches.ancestry(member.branchId).some((b) => b.id === id);
      if (isOffice(member) || own || canManageBranch(member, ancestry)) return ctx.replyHtml(renderBranchCard(ctx.t, summary, null));
      return ctx.replyHtml(ctx.t('search-branch-brief', { name: summary.branch.name, code: summary.branch.code, kind: ctx.t(`kind-${summary.branch.kind}`) }));
    }
    case 'member': {
      const m = services.members.getById(id)!;
      const branch = m.branchId ? (services.branches.getById(m.branchId)?.name ?? '') : '';
      const roles = m.roles.map((r) => htmlToPlain(ctx.t(`role-${r}`))).join(', ');
      return ctx.replyHtml(
        ctx.t('search-member-card', { name: m.fullName, code: m.code ?? '—', branch, roles, linked: ctx.t(m.telegramUserId ? 'search-linked-yes' : 'search-linked-no') }),
      );
    }
    case 'meeting': {
      const m = services.meetings.get(id)!;
      return ctx.replyHtml(meetingCard(ctx.t, m, services.meetings.branchName(m.branchId), config.timeZone, { locale: ctx.locale }), {
        reply_markup: meetingKeyboard(ctx.t, m),
      });
    }
    case 'notice': {
      const n = services.notices.get(id)!;
      const rendered = new NoticeRenderer(deps.translator).notice(n, services.notices.authorLabel(n), ctx.locale);
      const acked = services.notices.forMember(member.id, 100).find((x) => x.id === id)?.acknowledgedAt;
      const replyMarkup = acked || !services.notices.isRecipient(id, member.id) ? undefined : rendered.replyMarkup;
      return ctx.replyMessage({ kind: n.kind, fileId: n.fileId, text: rendered.text, replyMarkup });
    }
    case 'indicator': {
      const indicator = services.indicators.getIndicator(id)!;
      return replyIndicatorDetail(deps, ctx, indicator);
    }
  }
}

/** The line under an inline result's title: what the result is (an icon alone says too little). */
function inlineDescription(deps: BotDeps, ctx: BotContext, hit: SearchHit): string {
  const { services, config } = deps;
  switch (hit.kind) {
    case 'branch':
      return htmlToPlain(ctx.t('search-inline-branch', { kind: ctx.t(`kind-${services.branches.getById(hit.id)!.kind}`) }));
    case 'meeting': {
      const m = services.meetings.get(hit.id)!;
      return htmlToPlain(ctx.t('search-inline-meeting', { when: formatDateTime(m.startsAt, config.timeZone) }));
    }
    case 'notice': {
      const n = services.notices.get(hit.id)!;
      return htmlToPlain(ctx.t('search-inline-notice', { date: formatDate(n.releasedAt ?? n.createdAt, config.timeZone) }));
    }
    default:
      return htmlToPlain(ctx.t(`search-inline-${hit.kind}`));
  }
}

/** The card an inline result shares into a chat (one message: see oneMessage). */
function shareText(deps: BotDeps, ctx: BotContext, hit: SearchHit): Html {
  const { services, config } = deps;
  switch (hit.kind) {
    case 'meeting': {
      const m = services.meetings.get(hit.id)!;
      return meetingCard(ctx.t, m, services.meetings.branchName(m.branchId), config.timeZone, { locale: ctx.locale });
    }
    case 'notice': {
      const n = services.notices.get(hit.id)!;
      return new Html(new NoticeRenderer(deps.translator).notice(n, services.notices.authorLabel(n), ctx.locale).text);
    }
    case 'indicator': {
      // The card says where its term stands: now, or its final figure once the term is over.
      const ind = services.indicators;
      const indicator = ind.getIndicator(hit.id)!;
      const period = ind.periodFor(indicator);
      const s = ind.summarise(indicator, period);
      const over = ind.isOver(ind.getResolution(indicator.resolutionId)!);
      return joinHtml([
        html`📊 <b>${hit.title}</b>`,
        ctx.t(over ? 'ind-detail-final' : 'ind-detail-now', {
          period: formatPeriod(period, ctx.locale),
          figure: aggregateFigure(indicator, s.aggregate, ctx.locale),
          bar: progressBar(s.assessment.progress),
          status: statusText(ctx.t, s.assessment.status),
        }),
      ]);
    }
    default:
      return html`${ctx.t(`search-kind-${hit.kind}`)} <b>${hit.title}</b>`;
  }
}
