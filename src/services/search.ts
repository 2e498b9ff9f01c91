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
 *
 * What the index says (which documents match a search, their folded text) is kept between searches
 * until the index changes (IndexCache): FTS5 walks every document that has all the words, about
 * 0.1 µs per document and word, so a common phrase costs milliseconds however few of its documents
 * a member may see. So is what decides whether a meeting or a notice is shown (its title, status,
 * branch or author), which changes only with the index. The viewer's side (their branches, the
 * notices they received) is read again for every search, in one read transaction.
 */
import type Database from 'better-sqlite3';
import type { Db } from '../db/connection.js';
import { formatTermYears } from '../domain/indicators.js';
import { isBranchLeader, isOffice } from '../domain/roles.js';
import { countWords, foldVietnamese, rankByCounts, searchWords, type WordCounts } from '../domain/text.js';
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
const KINDS_BY_NUMBER = new Map(SEARCH_KINDS.map((kind) => [KIND_NUMBERS[kind], kind]));

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

/** Every document that has all the words, newest first: a rowid is id × 8 + the number of its kind. */
const MATCHES = 'select rowid from search_index where search_index match @match order by rowid desc';

type Row = { kind: SearchKind; refId: number };

/** The searches IndexCache keeps, and the documents' counts over all of them (about 150 bytes each). */
const CACHED_SEARCHES = 32;
/** The viewers' scopes whose meetings are kept (about 450 ids each at bloc scale: 9 kB). */
const CACHED_SCOPES = 128;
const CACHED_COUNTS = 10_000;
/** Meetings' and notices' rows kept for visible(), of each kind (about 150 bytes each). */
const CACHED_ROWS = 10_000;

type MeetingRow = { id: number; title: string; branchId: number | null; status: string };
type NoticeRow = { id: number; title: string; author: number | null; status: string };
type KindRow = { meeting: MeetingRow; notice: NoticeRow };

/** A search's matches, by kind number (newest first) and as a set, and what ranking needs of those a member has ranked (countWords). */
interface Matches {
  byKind: Map<number, number[]>;
  set: Set<number>;
  counts: Map<number, WordCounts>;
}

function toMatches(rowids: readonly number[]): Matches {
  const byKind = new Map<number, number[]>();
  for (const rowid of rowids) {
    const list = byKind.get(rowid % 8);
    if (list) list.push(rowid);
    else byKind.set(rowid % 8, [rowid]);
  }
  return { byKind, set: new Set(rowids), counts: new Map() };
}

/**
 * What the search index said, kept while search_version stays the same: every change to the index,
 * by this process or any other SQLite client, raises it (drizzle/0014_search_version.sql). Nothing
 * is kept inside a transaction, which may yet be rolled back. What a viewer may see is not kept
 * (their notices are read for every search); the scheduled meetings near some branches are, as a
 * meeting never changes branch. DbMemo does not fit: any write at all (a session, the outbox)
 * empties it, and it keeps everything.
 */
class IndexCache {
  readonly #sqlite: Database.Database;
  /** Prepared at the first search: services are made on databases not yet migrated, too. */
  #version: Database.Statement<[], number> | undefined;
  #seen: number | null = null;
  /** By FTS5 query, oldest first. */
  readonly #matches = new Map<string, Matches>();
  /** The office's best matches (EVERYTHING), by FTS5 query, oldest first. */
  readonly #best = new Map<string, Row[]>();
  /**
   * The scheduled meetings of the bloc and of some branches (ViewerSets), by those branches. Kept
   * with the rest: a meeting never changes branch, and one that enters the index (inserted, or a
   * draft confirmed) or changes status raises search_version, so a set read before is never stale.
   */
  readonly #nearMeetings = new Map<string, Set<number>>();
  #counted = 0;
  /**
   * What visible() reads of meetings and notices (title, status, branch or author), by id, null when
   * there is none. Kept with the rest: what decides whether they are shown changes only with
   * search_version (a meeting's title or status; a notice becoming sent; neither is ever deleted or
   * moved to another branch or author).
   */
  readonly #rows = { meeting: new Map<number, MeetingRow | null>(), notice: new Map<number, NoticeRow | null>() };

  constructor(sqlite: Database.Database) {
    this.#sqlite = sqlite;
  }

  /**
   * Empties the cache if the index changed since; false when nothing may be kept now. `snapshot`:
   * the caller runs in a read transaction of its own (SearchService.#read), not in someone's
   * transaction that may write and be rolled back.
   */
  usable(snapshot: boolean): boolean {
    if (!snapshot) return false;
    this.#version ??= this.#sqlite.prepare<[], number>('select version from search_version where id = 1').pluck();
    const version = this.#version.get() ?? null;
    if (version !== this.#seen) {
      this.#matches.clear();
      this.#best.clear();
      this.#nearMeetings.clear();
      this.#rows.meeting.clear();
      this.#rows.notice.clear();
      this.#counted = 0;
      this.#seen = version;
    }
    return true;
  }

  best(match: string, keep: boolean, read: () => Row[]): Row[] {
    return remember(this.#best, match, keep, read);
  }

  nearMeetings(branches: string, keep: boolean, read: () => Set<number>): Set<number> {
    return remember(this.#nearMeetings, branches, keep, read, undefined, CACHED_SCOPES);
  }

  matches(match: string, keep: boolean, read: () => readonly number[]): Matches {
    return remember(this.#matches, match, keep, () => toMatches(read()), (old) => (this.#counted -= old.counts.size));
  }

  /** The rows of these meetings or notices that exist: those kept, and `read(the others)`, kept when `keep`. */
  rowsOf<K extends 'meeting' | 'notice'>(kind: K, ids: readonly number[], keep: boolean, read: (ids: number[]) => KindRow[K][]): KindRow[K][] {
    const kept = this.#rows[kind] as Map<number, KindRow[K] | null>;
    const found: KindRow[K][] = [];
    const missing: number[] = [];
    for (const id of ids) {
      const row = keep ? kept.get(id) : undefined;
      if (row === undefined) missing.push(id);
      else if (row !== null) found.push(row);
    }
    if (missing.length === 0) return found;
    const fresh = read(missing);
    found.push(...fresh);
    if (keep) {
      const byId = new Map(fresh.map((r) => [r.id, r]));
      for (const id of missing) {
        if (kept.size >= CACHED_ROWS) kept.delete(kept.keys().next().value!);
        kept.set(id, byId.get(id) ?? null);
      }
    }
    return found;
  }

  /** Keeps a document's counts for a search, making room by forgetting the oldest searches. */
  keepCounts(matches: Matches, rowid: number, counts: WordCounts): void {
    for (const [match, old] of this.#matches) {
      if (this.#counted < CACHED_COUNTS || old === matches) break;
      this.#matches.delete(match);
      this.#counted -= old.counts.size;
    }
    if (this.#counted >= CACHED_COUNTS) return;
    matches.counts.set(rowid, counts);
    this.#counted++;
  }
}

/** The value under `key` in `map`, or `compute()`'s, kept when `keep`; beyond `limit` the oldest goes. */
function remember<V>(
  map: Map<string, V>,
  key: string,
  keep: boolean,
  compute: () => V,
  forget: (old: V) => void = () => undefined,
  limit = CACHED_SEARCHES,
): V {
  const known = keep ? map.get(key) : undefined;
  if (known !== undefined) return known;
  const value = compute();
  if (keep) {
    if (map.size >= limit) {
      const [oldest, old] = map.entries().next().value!;
      map.delete(oldest);
      forget(old);
    }
    map.set(key, value);
  }
  return value;
}

/**
 * The scheduled meetings of the bloc and of some branches (ViewerSets). "+status": walked by branch
 * (meetings_branch_idx); on the status index SQLite would go through every scheduled meeting.
 */
export const NEAR_MEETINGS = `select id from meetings where branch_id is null and +status = 'scheduled'
  union all select id from meetings where branch_id in (select value from json_each(@near)) and +status = 'scheduled'`;

/** Prepared once: a search runs for every /tim, plain message and inline query. */
function prepareQueries(sqlite: Db['$client']) {
  const byIds = <T>(query: string) => sqlite.prepare<{ ids: string }, T>(`${query} where id in (select value from json_each(@ids))`);
  return {
    everything: sqlite.prepare<{ match: string }, Row>(EVERYTHING),
    matches: sqlite.prepare<{ match: string }, number>(MATCHES).pluck(),
    texts: sqlite.prepare<{ ids: string }, { rowid: number; title: string; body: string }>(
      'select rowid, title, body from search_index where rowid in (select value from json_each(@ids))',
    ),
    // What a viewer other than the office may see (see ViewerSets).
    managedMembers: sqlite.prepare<{ managed: string }, number>('select id from members where branch_id in (select value from json_each(@managed))').pluck(),
    nearMeetings: sqlite.prepare<{ near: string }, number>(NEAR_MEETINGS).pluck(),
    ownNotices: sqlite
      .prepare<{ viewer: number }, number>('select notice_id from notice_recipients where member_id = @viewer union all select id from notices where author_member_id = @viewer')
      .pluck(),
    branches: byIds<{ id: number; title: string; active: number }>('select id, name as title, active from branches'),
    members: byIds<{ id: number; title: string; branchId: number | null; status: string }>(
      'select id, full_name as title, branch_id as branchId, status from members',
    ),
    meetings: byIds<MeetingRow>('select id, title, branch_id as branchId, status from meetings'),
    notices: byIds<NoticeRow>('select id, title, author_member_id as author, status from notices'),
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
  readonly #cache;
  readonly #sqlite;
  /** Runs its argument in one read transaction: a search's statements share one snapshot and one lock. */
  readonly #inSnapshot;

  constructor(
    db: Db,
    private readonly branchService: BranchService,
  ) {
    this.#sqlite = db.$client;
    this.#queries = prepareQueries(db.$client);
    this.#cache = new IndexCache(db.$client);
    // Deferred on purpose: it only reads, so it takes the read lock alone and never waits for a writer.
    this.#inSnapshot = db.$client.transaction((work: () => unknown) => work()).deferred;
  }

  /**
   * `work` in a read transaction of its own, told whether it has one: each statement outside a
   * transaction takes and releases SQLite's read lock (file-lock system calls, about 5 µs here),
   * several times a search's own reading of a few rows. Inside a transaction someone else opened,
   * it runs there (and the index cache keeps nothing: that transaction may write and roll back).
   */
  #read<T>(work: (snapshot: boolean) => T): T {
    if (this.#sqlite.inTransaction) return work(false);
    return this.#inSnapshot(() => work(true)) as T;
  }

  search(text: string, viewer: Member, limit = 8): SearchResult {
    if (text.length > MAX_QUERY_LENGTH) return { ok: false, reason: 'too_long' };
    const match = toMatchQuery(text);
    if (!match) return { ok: false, reason: 'empty' };
    return this.#read((snapshot) => {
      const scope = this.scopeOf(viewer);
      const keep = this.#cache.usable(snapshot);
      const view = new ViewerSets(this.#queries, this.#cache, scope, viewer, keep);
      // The members, meetings and notices of others are left out before ranking, so that in a large
      // bloc the best matches are not all things this viewer may not see. A superset of what
      // visible() keeps: visible() still decides.
      const rows = scope.office
        ? this.#cache.best(match, keep, () => this.#queries.everything.all({ match }))
        : this.rankMine(match, queryWords(text), view, keep);
      // visible() reads every row it is given: the best `limit` and a few more first (most are
      // visible: ranking has left out what is not this viewer's), the rest only if too few remain.
      const hits: SearchHit[] = [];
      for (let from = 0, size = limit + 8; hits.length < limit && from < rows.length; from += size, size *= 4) {
        hits.push(...this.visible(rows.slice(from, from + size), viewer, scope, view, keep));
      }
      return { ok: true, hits: hits.slice(0, limit) };
    });
  }

  /**
   * The matches among what a viewer other than the office may see, ranked by rankDocuments over
   * their folded text: bm25 would count every word's documents over the whole index first, which
   * is most of the time of a search on common words ("sinh hoat chuyen de" is in thousands of
   * documents, of which a member sees a few dozen). Beyond MINE_CANDIDATES, the newest are kept.
   */
  private rankMine(match: string, words: string[], view: ViewerSets, keep: boolean): Row[] {
    const cache = this.#cache;
    const matches = cache.matches(match, keep, () => this.#queries.matches.all({ match }));
    const mine = view.among(matches);
    // Taken before counting the others: keeping those may push these out.
    const counts = new Map<number, WordCounts>();
    for (const rowid of mine) {
      const known = matches.counts.get(rowid);
      if (known) counts.set(rowid, known);
    }
    const missing = mine.filter((rowid) => !counts.has(rowid));
    if (missing.length > 0) {
      for (const r of this.#queries.texts.all({ ids: JSON.stringify(missing) })) {
        // The index keeps case and marks (its tokenizer folds them): ranking compares folded words.
        const counted = countWords({ title: foldVietnamese(r.title), body: foldVietnamese(r.body) }, words);
        counts.set(r.rowid, counted);
        if (keep) cache.keepCounts(matches, r.rowid, counted);
      }
    }
    return rankByCounts(mine, (rowid) => counts.get(rowid)!)
      .slice(0, CANDIDATES)
      .map((rowid) => ({ kind: KINDS_BY_NUMBER.get(rowid % 8)!, refId: Math.floor(rowid / 8) }));
  }

  /** The item's title when this viewer may see it, else null (buttons and inline results re-check). */
  visibleTitle(kind: SearchKind, id: number, viewer: Member): string | null {
    return this.#read(() => this.visible([{ kind, refId: id }], viewer, this.scopeOf(viewer))[0]?.title ?? null);
  }

  private scopeOf(viewer: Member): ViewScope {
    const office = isOffice(viewer);
    return {
      office,
      ancestry: new Set(viewer.branchId ? this.branchService.ancestryIds(viewer.branchId) : []),
      // What a secretary or deputy manages (canManageBranch): their branch and everything below it.
      managed: new Set(!office && isBranchLeader(viewer) && viewer.branchId ? this.branchService.subtreeIds(viewer.branchId) : []),
    };
  }

  /**
   * Keeps, in rank order, the hits this viewer may see, with their display titles. `view`: the
   * viewer's notices, when ranking has read them already (else the few in `rows` are looked up).
   */
  private visible(rows: Row[], viewer: Member, scope: ViewScope, view?: ViewerSets, keep = false): SearchHit[] {
    const idList = (kind: SearchKind) => rows.filter((r) => r.kind === kind).map((r) => r.refId);
    const ids = (kind: SearchKind) => JSON.stringify(idList(kind));
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
      for (const m of this.#cache.rowsOf('meeting', idList('meeting'), keep, (missing) => q.meetings.all({ ids: JSON.stringify(missing) }))) {
        if (m.status !== 'scheduled') continue;
        const mine = m.branchId === null || ancestry.has(m.branchId) || managed.has(m.branchId);
        if (office || mine) allow('meeting', m.id, m.title);
      }
    }
    if (has('notice')) {
      const noticeIds = idList('notice');
      const own = office ? undefined : (view?.noticesIfRead() ?? new Set(q.received.all({ ids: JSON.stringify(noticeIds), viewer: viewer.id })));
      for (const n of this.#cache.rowsOf('notice', noticeIds, keep, (missing) => q.notices.all({ ids: JSON.stringify(missing) }))) {
        if (n.status !== 'sending' && n.status !== 'sent') continue;
        if (office || n.author === viewer.id || own!.has(n.id)) allow('notice', n.id, n.title);
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

/**
 * What a viewer other than the office may see among the kinds that are not everyone's: members of
 * the branches they manage; scheduled meetings of the bloc, of their branch and the branches above
 * it, and of the branches they manage (a change of status raises search_version); the notices they
 * received or wrote. Each set is read at most once per search, and only if a match needs it (the
 * meetings' is kept with the index cache).
 */
class ViewerSets {
  #members: Set<number> | undefined;
  #meetings: Set<number> | undefined;
  #notices: Set<number> | undefined;

  constructor(
    private readonly queries: ReturnType<typeof prepareQueries>,
    private readonly cache: IndexCache,
    private readonly scope: ViewScope,
    private readonly viewer: Member,
    private readonly keep: boolean,
  ) {}

  /**
   * The matches this viewer may see, newest first, at most MINE_CANDIDATES: every branch and
   * indicator, and of members, meetings and notices those in the viewer's sets, each kind walked
   * from the smaller side (a common phrase matches thousands of meetings; a member sees a few
   * hundred).
   */
  among(matches: Matches): number[] {
    const { byKind, set } = matches;
    const mine = [...(byKind.get(KIND_NUMBERS.branch) ?? []), ...(byKind.get(KIND_NUMBERS.indicator) ?? [])];
    for (const kind of ['member', 'meeting', 'notice'] as const) {
      const number = KIND_NUMBERS[kind];
      const matched = byKind.get(number);
      if (!matched) continue;
      const allowed = this.ids(kind);
      if (allowed.size < matched.length) {
        for (const id of allowed) if (set.has(id * 8 + number)) mine.push(id * 8 + number);
      } else {
        for (const rowid of matched) if (allowed.has(Math.floor(rowid / 8))) mine.push(rowid);
      }
    }
    mine.sort((a, b) => b - a);
    if (mine.length > MINE_CANDIDATES) mine.length = MINE_CANDIDATES;
    return mine;
  }

  /** The viewer's notices, if a ranking has read them. */
  noticesIfRead(): Set<number> | undefined {
    return this.#notices;
  }

  private ids(kind: 'member' | 'meeting' | 'notice'): Set<number> {
    const { queries: q, scope } = this;
    switch (kind) {
      case 'member':
        return (this.#members ??= new Set(scope.managed.size > 0 ? q.managedMembers.all({ managed: JSON.stringify([...scope.managed]) }) : []));
      case 'meeting': {
        if (this.#meetings) return this.#meetings;
        // Sorted: the same branches give the same key, whatever order they were read in.
        const near = JSON.stringify([...new Set([...scope.ancestry, ...scope.managed])].sort((a, b) => a - b));
        return (this.#meetings = this.cache.nearMeetings(near, this.keep, () => new Set(q.nearMeetings.all({ near }))));
      }
      case 'notice':
        return (this.#notices ??= new Set(q.ownNotices.all({ viewer: this.viewer.id })));
    }
  }
}
