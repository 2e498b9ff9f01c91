/**
 * Who finds what (SearchService): every kind of item against every kind of viewer, through search()
 * and visibleTitle() (what buttons and inline results check again). Each item carries a word of its
 * own, so a search for that word asks exactly "may this viewer see this item?".
 */
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { Translator } from '../../src/bot/i18n.js';
import { NoticeRenderer } from '../../src/bot/render/notice.js';
import { meetings } from '../../src/db/schema.js';
import type { Audience } from '../../src/domain/audience.js';
import { SYSTEM } from '../../src/services/actor.js';
import { createServices, type Services } from '../../src/services/index.js';
import type { Member } from '../../src/services/members.js';
import type { SearchKind } from '../../src/services/search.js';
import { seedSmallBloc, testDb } from '../helpers/db.js';

describe('search: who sees what', () => {
  let s: Services;
  let bloc: ReturnType<typeof seedSmallBloc>;
  let office: Member;
  let item: Record<string, { kind: SearchKind; id: number }>;

  beforeEach(() => {
    const t = testDb('2026-11-23T07:00:00Z');
    s = createServices(t.db, t.clock, { noticeMessages: new NoticeRenderer(new Translator()) });
    bloc = seedSmallBloc(s);
    office = s.members.addAdmin(99, 'Văn phòng', SYSTEM);
    item = {};
    const meeting = (word: string, branchId: number | null, status: 'scheduled' | 'cancelled' = 'scheduled') => {
      const m = s.meetings.createDraft(
        { branchId, kind: 'regular', title: `Họp ${word}`, startsAt: new Date('2026-12-10T07:30:00Z'), agenda: '' },
        bloc.secretary.id,
        SYSTEM,
      );
      t.db.update(meetings).set({ status }).where(eq(meetings.id, m.id)).run();
      item[word] = { kind: 'meeting', id: m.id };
    };
    meeting('alphabloc', null);
    meeting('betacommittee', bloc.committee.id);
    meeting('gammasubcell', bloc.subcell.id);
    meeting('deltacell', bloc.cell.id);
    meeting('epsiloncancelled', bloc.cell.id, 'cancelled');

    const notice = (word: string, author: Member, audience: Audience) => {
      const n = s.notices.createDraft(author, { kind: 'text', body: `Nội dung ${word}`, title: `Thông báo ${word}`, requireAck: false, audience, scheduledAt: null }, SYSTEM);
      expect(s.notices.confirm(n.id, author, SYSTEM).ok).toBe(true);
      item[word] = { kind: 'notice', id: n.id };
    };
    // From the office to the cell; from the committee's deputy to its secretaries only (the deputy
    // wrote it but does not receive it).
    notice('zetacell', office, { scope: { type: 'branches', branchIds: [bloc.cell.id], includeSubcells: false }, people: 'all', channel: 'private' });
    notice('etasecretaries', s.members.getById(bloc.deputy.id)!, {
      scope: { type: 'branches', branchIds: [bloc.committee.id], includeSubcells: true },
      people: 'secretaries',
      channel: 'private',
    });
    const draft = s.notices.createDraft(office, {
      kind: 'text', body: 'thetadraft', title: 'thetadraft', requireAck: false, scheduledAt: null,
      audience: { scope: { type: 'bloc' }, people: 'all', channel: 'private' },
    }, SYSTEM);
    item.thetadraft = { kind: 'notice', id: draft.id };

    const left = s.members.create({ code: 'DV020', fullName: 'Trịnh Iotaleft', branchId: bloc.cell.id, roles: ['member'] }, SYSTEM);
    s.members.setStatus(left.id, 'left', SYSTEM);
    item.iotaleft = { kind: 'member', id: left.id };
    item.dung = { kind: 'member', id: bloc.subMember.id };
    item.em = { kind: 'member', id: bloc.cellMember.id };
    const closed = s.branches.upsert({ code: 'CB09', name: 'Chi bộ Kappaclosed', kind: 'cell', active: false }, SYSTEM).branch;
    item.kappaclosed = { kind: 'branch', id: closed.id };
    item.tnhh = { kind: 'branch', id: bloc.cell.id };

    const term = s.indicators.upsertResolution({ code: 'NQ-2025', name: 'Nghị quyết', termStartYear: 2025, termEndYear: 2030, current: true }, SYSTEM);
    const indicator = s.indicators.upsertIndicator(
      { resolutionId: term.id, code: 'KN-DV', title: 'Kết nạp đảng viên lambdaindicator', kind: 'term_count', target: 1000 },
      SYSTEM,
    );
    item.lambdaindicator = { kind: 'indicator', id: indicator.id };
  });

  const viewer = (m: Member) => s.members.getById(m.id)!;
  /** Whether `m` finds the item named by its word, and whether a button for it opens. */
  const sees = (m: Member, word: string) => {
    const r = s.search.search(word, viewer(m));
    if (!r.ok) throw new Error(r.reason);
    const found = r.hits.some((h) => h.kind === item[word]!.kind && h.id === item[word]!.id);
    const opens = s.search.visibleTitle(item[word]!.kind, item[word]!.id, viewer(m)) !== null;
    expect(opens).toBe(found);
    return found;
  };
  const who = () => ({
    office,
    secretary: bloc.secretary,
    deputy: bloc.deputy,
    member: bloc.member,
    subMember: bloc.subMember,
    cellSecretary: bloc.cellSecretary,
    cellMember: bloc.cellMember,
  });
  const seers = (word: string) =>
    Object.entries(who())
      .filter(([, m]) => sees(m, word))
      .map(([name]) => name);
  const everyone = ['office', 'secretary', 'deputy', 'member', 'subMember', 'cellSecretary', 'cellMember'];

  it('a bloc meeting: everyone', () => {
    expect(seers('alphabloc')).toEqual(everyone);
  });

  it("a committee's meeting: its members, the members of the cells below it, and the office", () => {
    expect(seers('betacommittee')).toEqual(['office', 'secretary', 'deputy', 'member', 'subMember']);
  });

  it("a sub-cell's meeting: its members, the committee's leaders who manage it, and the office; not the committee's plain members", () => {
    expect(seers('gammasubcell')).toEqual(['office', 'secretary', 'deputy', 'subMember']);
  });

  it("a cell's meeting: the cell and the office", () => {
    expect(seers('deltacell')).toEqual(['office', 'cellSecretary', 'cellMember']);
  });

  it('a cancelled meeting: nobody, not even the office', () => {
    expect(seers('epsiloncancelled')).toEqual([]);
  });

  it('a notice: its recipients, its author and the office', () => {
    expect(seers('zetacell')).toEqual(['office', 'cellSecretary', 'cellMember']);
    expect(seers('etasecretaries')).toEqual(['office', 'secretary', 'deputy']);
  });

  it('a notice whose delivery has finished: still its recipients, its author and the office', () => {
    for (const word of ['zetacell', 'etasecretaries']) {
      for (const r of s.outbox.rowsOf('notice', item[word]!.id, ['pending'])) s.outbox.markSent(r.id, 1);
    }
    expect(s.notices.finishSettled().map((n) => n.id).sort()).toEqual([item.zetacell!.id, item.etasecretaries!.id].sort());
    expect(s.notices.get(item.zetacell!.id)!.status).toBe('sent');
    expect(seers('zetacell')).toEqual(['office', 'cellSecretary', 'cellMember']);
    expect(seers('etasecretaries')).toEqual(['office', 'secretary', 'deputy']);
  });

  it('a notice never sent: nobody', () => {
    expect(seers('thetadraft')).toEqual([]);
    // Even were it in the index (a draft cancelled after an edit), its status keeps it hidden.
    expect(s.search.visibleTitle('notice', item.thetadraft!.id, office)).toBeNull();
  });

  it('member names: the secretaries and deputies of their branch or a branch above it, and the office', () => {
    expect(seers('dung')).toEqual(['office', 'secretary', 'deputy']);
    expect(seers('em')).toEqual(['office', 'cellSecretary']);
  });

  it('a member who left and an inactive branch: nobody', () => {
    expect(seers('iotaleft')).toEqual([]);
    expect(seers('kappaclosed')).toEqual([]);
  });

  it('active branches and indicators: everyone, an indicator titled with its code and term', () => {
    expect(seers('tnhh')).toEqual(everyone);
    expect(seers('lambdaindicator')).toEqual(everyone);
    expect(s.search.visibleTitle('indicator', item.lambdaindicator!.id, viewer(bloc.cellMember))).toBe('KN-DV (2025–2030) · Kết nạp đảng viên lambdaindicator');
    expect(s.search.visibleTitle('branch', bloc.cell.id, viewer(bloc.cellMember))).toBe('Chi bộ Công ty TNHH A&B');
    expect(s.search.visibleTitle('meeting', item.deltacell!.id, viewer(bloc.cellMember))).toBe('Họp deltacell');
    expect(s.search.visibleTitle('notice', item.zetacell!.id, viewer(bloc.cellMember))).toBe('Thông báo zetacell');
    expect(s.search.visibleTitle('member', bloc.cellMember.id, office)).toBe('Hoàng Minh Em');
  });

  it('an item that does not exist is nobody\'s', () => {
    for (const kind of ['branch', 'member', 'meeting', 'notice', 'indicator'] as const) {
      expect(s.search.visibleTitle(kind, 9_999, office)).toBeNull();
    }
  });

  it('at most `limit` hits, best first, for the office and for a member alike', () => {
    for (const m of [office, viewer(bloc.cellMember)]) {
      const all = s.search.search('hop', m);
      if (!all.ok) throw new Error('search failed');
      expect(all.hits.length).toBeGreaterThanOrEqual(2);
      const fewer = s.search.search('hop', m, all.hits.length - 1);
      expect(fewer).toEqual({ ok: true, hits: all.hits.slice(0, -1) });
    }
  });

  it('many matches of one word: each viewer finds exactly the items they may open, whether they see few of many matches or many of few', () => {
    // One word in many meetings of the sub-cell, notices to the cell and members of the committee:
    // a cell member sees few of the meetings (their sets are walked), a sub-cell member all of them
    // (the matches are walked); likewise for the notices and the members' names.
    const omega: { kind: SearchKind; id: number }[] = [];
    for (let i = 0; i < 12; i++) {
      const m = s.meetings.createDraft(
        { branchId: i % 4 === 0 ? bloc.cell.id : bloc.subcell.id, kind: 'regular', title: `Họp omega ${i}`, startsAt: new Date('2026-12-11T07:30:00Z'), agenda: '' },
        bloc.secretary.id,
        SYSTEM,
      );
      s.meetings.confirm(m.id, bloc.secretary.id, SYSTEM);
      omega.push({ kind: 'meeting', id: m.id });
      const n = s.notices.createDraft(office, {
        kind: 'text', body: `Nội dung omega ${i}`, title: `Thông báo omega ${i}`, requireAck: false, scheduledAt: null,
        audience: { scope: { type: 'branches', branchIds: [i % 3 === 0 ? bloc.committee.id : bloc.cell.id], includeSubcells: false }, people: 'all', channel: 'private' },
      }, SYSTEM);
      expect(s.notices.confirm(n.id, office, SYSTEM).ok).toBe(true);
      omega.push({ kind: 'notice', id: n.id });
      const member = s.members.create({ code: `OM${i}`, fullName: `Lê Omega ${i}`, branchId: i % 2 === 0 ? bloc.committee.id : bloc.subcell.id, roles: ['member'] }, SYSTEM);
      omega.push({ kind: 'member', id: member.id });
    }
    for (const m of Object.values(who())) {
      const found = s.search.search('omega', viewer(m), 100);
      if (!found.ok) throw new Error(found.reason);
      const opens = omega.filter((o) => s.search.visibleTitle(o.kind, o.id, viewer(m)) !== null);
      expect(found.hits.map((h) => `${h.kind}:${h.id}`).sort()).toEqual(opens.map((o) => `${o.kind}:${o.id}`).sort());
    }
    // Not vacuous: the cell member opens a few meetings and notices, the office everything.
    expect(omega.filter((o) => s.search.visibleTitle(o.kind, o.id, viewer(bloc.cellMember)) !== null).length).toBeGreaterThan(3);
    expect(omega.filter((o) => s.search.visibleTitle(o.kind, o.id, office) !== null)).toHaveLength(36);
  });

  it('a query of exactly 200 characters is searched; 201 is too long', () => {
    expect(s.search.search('a'.repeat(200), office)).toEqual({ ok: true, hits: [] });
    expect(s.search.search('a'.repeat(201), office)).toEqual({ ok: false, reason: 'too_long' });
  });
});
