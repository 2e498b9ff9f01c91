import { InlineKeyboard } from 'grammy';
import { shortenLabel } from '../../domain/text.js';
import type { BlocSummary, BranchSummary } from '../../services/branches.js';
import { callbackData } from '../callback-data.js';
import type { Translate } from '../i18n.js';
import { html, joinHtml, type Html } from './html.js';
import { pageLabel, pageOf, pagerRow } from './paging.js';

/** The /chibo card: everything a member wants to know about a branch at a glance. */
export function renderBranchCard(t: Translate, s: BranchSummary, nextMeeting: Html | null): Html {
  const names = (list: { fullName: string }[]) =>
    list.length ? list.map((m) => m.fullName).join(', ') : t('branch-card-none').value;
  const lines: Html[] = [t('branch-card-title', { name: s.branch.name, code: s.branch.code })];
  if (!s.branch.active) lines.push(t('branch-card-inactive'));
  lines.push(t('branch-card-kind', { kind: t(`kind-${s.branch.kind}`) }));
  if (s.parent) lines.push(t('branch-card-parent', { parent: s.parent.name }));
  if (s.cluster) lines.push(t('branch-card-cluster', { cluster: s.cluster.name }));
  lines.push(t('branch-card-secretary', { names: names(s.secretaries) }));
  if (s.deputies.length) lines.push(t('branch-card-deputy', { names: names(s.deputies) }));
  lines.push(t('branch-card-linked', { linked: s.linkedCount, total: s.memberCount }));
  if (s.children.length) lines.push(t('branch-card-children', { count: s.children.length }));
  const groups = s.groups.map((g) => g.title ?? String(g.telegramChatId));
  lines.push(t('branch-card-groups', { groups: groups.length ? groups.join(', ') : t('branch-card-none').value }));
  lines.push(t('branch-card-next-meeting', { meeting: nextMeeting ?? t('branch-card-no-meeting') }));
  return joinHtml(lines);
}

/** bcp:<page>: the words matched are in the chat's session (src/bot/paged-queries.ts). */
export const BRANCH_CHOICES_PAGE = 'bcp';
export const BRANCH_CHOICES_PER_PAGE = 20;

/** "Which one did you mean?": the branches matching `query`, with their codes, a page at a time. */
export function renderBranchChoices(
  t: Translate,
  query: string,
  branches: readonly { code: string; name: string }[],
  requestedPage: number,
): { text: Html; keyboard: InlineKeyboard; pages: number } {
  const page = pageOf(branches, requestedPage, BRANCH_CHOICES_PER_PAGE);
  const heading = joinHtml([t('branch-ambiguous', { query: shortenLabel(query, 80) }), pageLabel(t, page)].filter((p) => p !== null), ' ');
  const lines = page.items.map((b) => html`• <code>${shortenLabel(b.code, 20)}</code> ${shortenLabel(b.name, 120)}`);
  const keyboard = pagerRow(new InlineKeyboard(), t, page, (p) => callbackData(BRANCH_CHOICES_PAGE, p));
  return { text: joinHtml([heading, ...lines]), keyboard, pages: page.pages };
}

/**
 * /chibo for the office, who belong to no branch: the whole bloc in a few lines and how to see one
 * branch; an empty bloc says so and how to begin.
 */
export function renderBlocSummary(t: Translate, blocName: string, s: BlocSummary): Html {
  const total = s.branches.committee + s.branches.cell + s.branches.subcell;
  if (total === 0) return t('bloc-empty', { bloc: blocName });
  const lines: Html[] = [
    t('bloc-summary-title', { bloc: blocName }),
    t('bloc-summary-branches', { total, committees: s.branches.committee, cells: s.branches.cell, subcells: s.branches.subcell }),
  ];
  if (s.clusters > 0) lines.push(t('bloc-summary-clusters', { count: s.clusters }));
  lines.push(t('bloc-summary-linked', { linked: s.linkedCount, total: s.memberCount }));
  lines.push(t('bloc-summary-groups', { count: s.groupCount }));
  lines.push(t('bloc-summary-pointer', { code: s.exampleCode ?? '' }));
  return joinHtml(lines);
}
