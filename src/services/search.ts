/**
 * Search over branches, meetings, notices, indicators and (for secretaries and the office)
 * members: SQLite FTS5 over text whose đ is d (drizzle/0008_search_without_app_functions.sql) and
 * that its tokenizer folds (case, marks), with the user's words folded by foldVietnamese, so
 * "dang", "Đảng" and "đang" meet, and every word matches as a prefix ("sinh hoat chuyen" finds "sinh hoạt
 * chuyên đề"). The user's words never reach FTS5 syntax: they are folded, cut into letters and
 * digits, and quoted. What a viewer may not see is filtered out before anything is returned.
 * Results are ranked with titles weighing five times the body: by FTS5's bm25 for the office, who
 * sees everything; for everyone else over their own matches only (rankDocuments), which at bloc
 * scale is about twice as fast on common words.
 */
import type { Db } from '../db/connection.js';
import { formatTermYears } from '../domain/indicators.js';
import { isBranchLeader, isOffice } from '../domain/roles.js';
import { foldVietnamese, rankDocuments, searchWords } from '../domain/text.js';
import type { BranchService } from './branches.js';
import type { Member } from './members.js';

export const SEARCH_KINDS = ['branch', 'member', 'meeting', 'notice', 'indicator'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export interface SearchHit {
  kind: SearchKind;
  id: number;
  title: string;
}

export type SearchResult = { ok: true; hits: SearchHit[] } | { ok: false; reason: 'empty' | 'too_long' };

/** A document's rowid in search_index is its id × 8 + the number of its kind (drizzle/0008_search_without_app_functions.sql). */
const KIND_NUMBERS: Record<SearchKind, number> = { branch: 1, member: 2, meeting: 3, notice: 4, indicator: 5 };

interface ViewScope {
  office: boolean;
  /** The viewer's branch and the branches above it. */
  ancestry: Set<number>;
  /** The branches a secretary or deputy manages; empty for everyone else. */
  managed: Set<number>;
}

export const MAX_QUERY_LENGTH = 200;
const MAX_WORDS = 8;
const CANDIDATES = 200;
/**
 * A viewer other than the office sees a few hundred matches at most. Beyond this, the highest
 * rowids are kept: the newest meetings, notices and members, before branches and indicators.
 */
const MINE_CANDIDATES = 1000;

/** The words of a search that count: folded, at most MAX_WORDS of at most 40 letters. */
function queryWords(text: string): string[] {
  return searchWords(text)
    .slice(0, MAX_WORDS)
    .map((w) => w.slice(0, 40));
}

/** The FTS5 query for the user's words, or null when nothing searchable is left. */
export function toMatchQuery(text: string): string | null {
  const words = queryWords(text);
  if (words.length === 0) return null;
  // Each word quoted (no operator survives) and matched as a prefix.
  return words.map((w) => `"${w.replace(/"/g, '')}"*`).join(' ');
}

/** The office sees everything: ranked by bm25, titles weighing five times the body (kind and ref_id are not searched). */
const EVERYTHING = `select kind, ref_id as refId from search_index where search_index match @match
  order by bm25(search_index, 0, 0, 5.0, 1.0) limit ${CANDIDATES}`;

/**
 * The documents a viewer other than the office may see, by rowid (drizzle/0008_search_without_app_functions.sql: a
 * document's rowid is its id × 8 + the number of its kind): every branch and indicator; members of
 * the branches they manage; meetings of the bloc, of their branch and the branches above it, and
 * of the branches they manage; the notices they received or wrote. The branch lists come as JSON.
 */
const VISIBLE = `(rowid % 8 in (${KIND_NUMBERS.branch}, ${KIND_NUMBERS.indicator})
  or (rowid % 8 = ${KIND_NUMBERS.member} and rowid / 8 in (select id from members where branch_id in (select value from json_each(@managed))))
  or (rowid % 8 = ${KIND_NUMBERS.meeting} and rowid / 8 in (select id from meetings where branch_id is null or branch_id in (select value from json_each(@near))))
  or (rowid % 8 = ${KIND_NUMBERS.notice} and rowid / 8 in (select notice_id from notice_recipients where member_id = @viewer
    union all select id from notices where author_member_id = @viewer)))`;

type Row = { kind: SearchKind; refId: number };

/**
 * The matches among what a viewer other than the office may see, newest first within a kind,
 * with their indexed text, folded and ranked by rankDocuments: bm25 would count every word's
 * documents over the whole index first, which is most of the time of a search on common words
 * ("sinh hoat chuyen de" is in thousands of documents, of which a member sees a few dozen).
 */
const MINE = `select kind, ref_id as refId, title, body from search_index where search_index match @match and ${VISIBLE}
  order by rowid desc limit ${MINE_CANDIDATES}`;

/** Prepared once: a search runs for every /tim, plain message and inline query. */
function prepareQueries(sqlite: Db['$client']) {
  const byIds = <T>(query: string) => sqlite.prepare<{ ids: string }, T>(`${query} where id in (select value from json_each(@ids))`);
  return {
    everything: sqlite.prepare<{ match: string }, Row>(EVERYTHING),
    mine: sqlite.prepare<{ match: string; managed: string; near: string; viewer: number }, Row & { title: string; body: string }>(MINE),
    branches: byIds<{ id: number; title: string; active: number }>('select id, name as title, active from branches'),
    members: byIds<{ id: number; title: string; branchId: number | null; status: string }>(
      'select id, full_name as title, branch_id as branchId, status from members',
    ),
    meetings: byIds<{ id: number; title: string; branchId: number | null; status: string }>(
      'select id, title, branch_id as branchId, status from meetings',
    ),
    notices: byIds<{ id: number; title: string; author: number | null; status: string }>(
      'select id, title, author_member_id as author, status from notices',
    ),
    received: sqlite
      .prepare<{ ids: string; viewer: number }, number>(
        'select notice_id from notice_recipients where member_id = @viewer and notice_id in (select value from json_each(@ids))',
      )
      .pluck(),
    indicators: byIds<{ id: number; code: string; title: string; startYear: number; endYear: number }>(
      'select * from (select i.id, i.code, i.title, r.term_start_year as startYear, r.term_end_year as endYear from indicators i join resolutions r on r.id = i.resolution_id)',
    ),
  };
}

export class SearchService {
  readonly #queries;

  constructor(
    db: Db,
    private readonly branchService: BranchService,
  ) {
    this.#queries = prepareQueries(db.$client);
  }

  search(text: string, viewer: Member, limit = 8): SearchResult {
    if (text.length > MAX_QUERY_LENGTH) return { ok: false, reason: 'too_long' };
    const match = toMatchQuery(text);
    if (!match) return { ok: false, reason: 'empty' };
    const scope = this.scopeOf(viewer);
    // The members, meetings and notices of others are left out before ranking, so that in a large
    // bloc the best matches are not all things this viewer may not see. A superset of what
    // visible() keeps: visible() still decides.
    const rows = scope.office
      ? this.#queries.everything.all({ match })
      : rankDocuments(
          this.#queries.mine
            .all({
              match,
              managed: JSON.stringify([...scope.managed]),
              near: JSON.stringify([...new Set([...scope.ancestry, ...scope.managed])]),
              viewer: viewer.id,
            })
            // The index keeps case and marks (its tokenizer folds them): ranking compares folded words.
            .map((row) => ({ ...row, title: foldVietnamese(row.title), body: foldVietnamese(row.body) })),
          queryWords(text),
        ).slice(0, CANDIDATES);
    const visible = this.visible(rows, viewer, scope);
    return { ok: true, hits: visible.slice(0, limit) };
  }

  /** The item's title when this viewer may see it, else null (buttons and inline results re-check). */
  visibleTitle(kind: SearchKind, id: number, viewer: Member): string | null {
    return this.visible([{ kind, refId: id }], viewer, this.scopeOf(viewer))[0]?.title ?? null;
  }

  private scopeOf(viewer: Member): ViewScope {
    const office = isOffice(viewer);
    return {
      office,
      ancestry: new Set(viewer.branchId ? this.branchService.ancestry(viewer.branchId).map((b) => b.id) : []),
      // What a secretary or deputy manages (canManageBranch): their branch and everything below it.
      managed: new Set(!office && isBranchLeader(viewer) && viewer.branchId ? this.branchService.subtreeIds(viewer.branchId) : []),
    };
  }

  /** Keeps, in rank order, the hits this viewer may see, with their display titles. */
  private visible(rows: Row[], viewer: Member, scope: ViewScope): SearchHit[] {
    const ids = (kind: SearchKind) => JSON.stringify(rows.filter((r) => r.kind === kind).map((r) => r.refId));
    const has = (kind: SearchKind) => rows.some((r) => r.kind === kind);
    const titles = new Map<string, string>();
    const allow = (kind: SearchKind, id: number, title: string) => titles.set(`${kind}:${id}`, title);
    const { office, ancestry, managed } = scope;
    const q = this.#queries;

    if (has('branch')) {
      for (const b of q.branches.all({ ids: ids('branch') })) if (b.active) allow('branch', b.id, b.title);
    }
    if (has('member') && (office || managed.size > 0)) {
      for (const m of q.members.all({ ids: ids('member') })) {
        if (m.status !== 'active') continue;
        if (office || (m.branchId !== null && managed.has(m.branchId))) allow('member', m.id, m.title);
      }
    }
    if (has('meeting')) {
      for (const m of q.meetings.all({ ids: ids('meeting') })) {
        if (m.status !== 'scheduled') continue;
        const mine = m.branchId === null || ancestry.has(m.branchId) || managed.has(m.branchId);
        if (office || mine) allow('meeting', m.id, m.title);
      }
    }
    if (has('notice')) {
      const noticeIds = ids('notice');
      const received = new Set(office ? [] : q.received.all({ ids: noticeIds, viewer: viewer.id }));
      for (const n of q.notices.all({ ids: noticeIds })) {
        if (n.status !== 'sending' && n.status !== 'sent') continue;
        if (office || n.author === viewer.id || received.has(n.id)) allow('notice', n.id, n.title);
      }
    }
    if (has('indicator')) {
      // Terms share codes (KN-DV of 2020–2025 and of 2025–2030): the term goes before the title, which may be cut.
      for (const i of q.indicators.all({ ids: ids('indicator') }))
        allow('indicator', i.id, `${i.code} (${formatTermYears(i.startYear, i.endYear)}) · ${i.title}`);
    }
    const hits: SearchHit[] = [];
    for (const r of rows) {
      const title = titles.get(`${r.kind}:${r.refId}`);
      if (title !== undefined) hits.push({ kind: r.kind, id: r.refId, title });
    }
    return hits;
  }
}
