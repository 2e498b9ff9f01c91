/**
 * Search over branches, meetings, notices, indicators and (for secretaries and the office)
 * members: SQLite FTS5 over text folded by fold_vi() (see drizzle/0004_search.sql), so "dang",
 * "Đảng" and "đang" meet, and every word matches as a prefix ("sinh hoat chuyen" finds "sinh hoạt
 * chuyên đề"). The user's words never reach FTS5 syntax: they are folded, cut into letters and
 * digits, and quoted. What a viewer may not see is filtered out before anything is returned.
 */
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/connection.js';
import { branches, indicators, meetings, members, noticeRecipients, notices } from '../db/schema.js';
import { isBranchLeader, isOffice } from '../domain/roles.js';
import { foldVietnamese } from '../domain/text.js';
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

/** A document's rowid in search_index is its id × 8 + the number of its kind (drizzle/0004_search.sql). */
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

/** The FTS5 query for the user's words, or null when nothing searchable is left. */
export function toMatchQuery(text: string): string | null {
  const words = foldVietnamese(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, MAX_WORDS)
    .map((w) => w.slice(0, 40));
  if (words.length === 0) return null;
  // Each word quoted (no operator survives) and matched as a prefix.
  return words.map((w) => `"${w.replace(/"/g, '')}"*`).join(' ');
}

export class SearchService {
  constructor(
    private readonly db: Db,
    private readonly branchService: BranchService,
  ) {}

  search(text: string, viewer: Member, limit = 8): SearchResult {
    if (text.length > MAX_QUERY_LENGTH) return { ok: false, reason: 'too_long' };
    const match = toMatchQuery(text);
    if (!match) return { ok: false, reason: 'empty' };
    const scope = this.scopeOf(viewer);
    const rows = this.db.all<{ kind: SearchKind; refId: number }>(
      sql`select kind, ref_id as refId from search_index where search_index match ${match} and ${this.candidates(scope, viewer)} order by bm25(search_index, 0, 0, 5.0, 1.0) limit ${CANDIDATES}`,
    );
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

  /**
   * The documents worth ranking for this viewer: the members, meetings and notices of others are
   * left out before ranking (by rowid, see drizzle/0004_search.sql), so that in a large bloc the
   * CANDIDATES best matches are not all things this viewer may not see, and bm25 is not computed
   * for them. A superset of what visible() keeps: visible() still decides.
   */
  private candidates(scope: ViewScope, viewer: Member): SQL {
    if (scope.office) return sql`1`;
    const list = (ids: Iterable<number>) => sql.join([...ids].map((id) => sql`${id}`), sql`, `);
    const kind = (k: SearchKind) => sql.raw(String(KIND_NUMBERS[k]));
    return sql`(rowid % 8 in (${kind('branch')}, ${kind('indicator')})
      or (rowid % 8 = ${kind('member')} and rowid / 8 in (select ${members.id} from ${members} where ${members.branchId} in (${list(scope.managed)})))
      or (rowid % 8 = ${kind('meeting')} and rowid / 8 in (select ${meetings.id} from ${meetings} where ${meetings.branchId} is null or ${meetings.branchId} in (${list(new Set([...scope.ancestry, ...scope.managed]))})))
      or (rowid % 8 = ${kind('notice')} and rowid / 8 in (select ${noticeRecipients.noticeId} from ${noticeRecipients} where ${noticeRecipients.memberId} = ${viewer.id}
        union all select ${notices.id} from ${notices} where ${notices.authorMemberId} = ${viewer.id})))`;
  }

  /** Keeps, in rank order, the hits this viewer may see, with their display titles. */
  private visible(rows: { kind: SearchKind; refId: number }[], viewer: Member, scope: ViewScope): SearchHit[] {
    const ids = (kind: SearchKind) => rows.filter((r) => r.kind === kind).map((r) => r.refId);
    const titles = new Map<string, string>();
    const allow = (kind: SearchKind, id: number, title: string) => titles.set(`${kind}:${id}`, title);
    const { office, ancestry, managed } = scope;

    const branchIds = ids('branch');
    if (branchIds.length) {
      for (const b of this.db.select({ id: branches.id, name: branches.name, active: branches.active }).from(branches).where(inArray(branches.id, branchIds)).all()) {
        if (b.active) allow('branch', b.id, b.name);
      }
    }
    const memberIds = ids('member');
    if (memberIds.length && (office || managed.size > 0)) {
      for (const m of this.db
        .select({ id: members.id, name: members.fullName, branchId: members.branchId, status: members.status })
        .from(members)
        .where(inArray(members.id, memberIds))
        .all()) {
        if (m.status !== 'active') continue;
        if (office || (m.branchId !== null && managed.has(m.branchId))) allow('member', m.id, m.name);
      }
    }
    const meetingIds = ids('meeting');
    if (meetingIds.length) {
      for (const m of this.db
        .select({ id: meetings.id, title: meetings.title, branchId: meetings.branchId, status: meetings.status })
        .from(meetings)
        .where(inArray(meetings.id, meetingIds))
        .all()) {
        if (m.status !== 'scheduled') continue;
        const mine = m.branchId === null || ancestry.has(m.branchId) || managed.has(m.branchId);
        if (office || mine) allow('meeting', m.id, m.title);
      }
    }
    const noticeIds = ids('notice');
    if (noticeIds.length) {
      const received = new Set(
        office
          ? []
          : this.db
              .select({ id: noticeRecipients.noticeId })
              .from(noticeRecipients)
              .where(and(eq(noticeRecipients.memberId, viewer.id), inArray(noticeRecipients.noticeId, noticeIds)))
              .all()
              .map((r) => r.id),
      );
      for (const n of this.db
        .select({ id: notices.id, title: notices.title, author: notices.authorMemberId, status: notices.status })
        .from(notices)
        .where(inArray(notices.id, noticeIds))
        .all()) {
        if (n.status !== 'sending' && n.status !== 'sent') continue;
        if (office || n.author === viewer.id || received.has(n.id)) allow('notice', n.id, n.title);
      }
    }
    const indicatorIds = ids('indicator');
    if (indicatorIds.length) {
      for (const i of this.db.select({ id: indicators.id, code: indicators.code, title: indicators.title }).from(indicators).where(inArray(indicators.id, indicatorIds)).all()) {
        allow('indicator', i.id, `${i.code} · ${i.title}`);
      }
    }
    const hits: SearchHit[] = [];
    for (const r of rows) {
      const title = titles.get(`${r.kind}:${r.refId}`);
      if (title !== undefined) hits.push({ kind: r.kind, id: r.refId, title });
    }
    return hits;
  }
}
