import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { meetings } from '../../src/db/schema.js';
import { SYSTEM } from '../../src/services/actor.js';
import { NEAR_MEETINGS, toMatchQuery } from '../../src/services/search.js';
import { confirmMeeting, seedSmallBloc, testDb, type TestDb } from '../helpers/db.js';

describe('search', () => {
  let t: TestDb;
  let bloc: ReturnType<typeof seedSmallBloc>;
  beforeEach(() => {
    t = testDb();
    bloc = seedSmallBloc(t.services);
    t.services.meetings.createDraft(
      { branchId: bloc.cell.id, kind: 'thematic', title: 'Sinh hoạt chuyên đề quý IV', startsAt: new Date('2026-12-03T07:30:00Z'), agenda: 'Học tập Đảng' },
      bloc.cellSecretary.id,
      SYSTEM,
    );
  });

  /** What a search finds, as `kind:title`; a search that fails fails the test (see `refusal`). */
  const titles = (q: string, viewer = bloc.cellMember) => {
    const r = t.services.search.search(q, t.services.members.getById(viewer.id)!);
    if (!r.ok) throw new Error(`search ${JSON.stringify(q)} failed: ${r.reason}`);
    return r.hits.map((h) => `${h.kind}:${h.title}`);
  };
  /** Why a search was refused, or null when it ran. */
  const refusal = (q: string) => {
    const r = t.services.search.search(q, t.services.members.getById(bloc.cellMember.id)!);
    return r.ok ? null : r.reason;
  };

  it('builds a safe FTS query from any input', () => {
    expect(toMatchQuery('Sinh hoạt "chuyên" đề*')).toBe('"sinh"* "hoat"* "chuyen"* "de"*');
    expect(toMatchQuery('NEAR(a b) OR -c')).toBe('"near"* "a"* "b"* "or"* "c"*');
    expect(toMatchQuery('😀 ***')).toBeNull();
  });

  it('only the first eight words count, each cut to forty letters', () => {
    expect(toMatchQuery('một hai ba bốn năm sáu bảy tám chín mười')).toBe('"mot"* "hai"* "ba"* "bon"* "nam"* "sau"* "bay"* "tam"*');
    expect(toMatchQuery(`${'x'.repeat(45)} ${'Đ'.repeat(3)}`)).toBe(`"${'x'.repeat(40)}"* "ddd"*`);
  });

  it('finds with or without diacritics, đ typed as d, and by word prefix', () => {
    expect(titles('Đảng bộ Sở')).toContain('branch:Đảng bộ Sở <Tài chính>');
    expect(titles('dang bo so')).toContain('branch:Đảng bộ Sở <Tài chính>');
    expect(titles('DANG BO')).toContain('branch:Đảng bộ Sở <Tài chính>');
    expect(titles('tai chi')).toContain('branch:Đảng bộ Sở <Tài chính>');
  });

  it('finds a confirmed meeting by its topic, not a draft', () => {
    // The meeting of beforeEach is still a draft: not found, though its branch is.
    expect(titles('sinh hoat chuyen')).not.toContain('meeting:Sinh hoạt chuyên đề quý IV');
    expect(titles('chuyen de quy')).toEqual([]);
    const [draft] = t.db.select().from(meetings).all();
    const confirmed = t.services.meetings.confirm(draft!.id, bloc.cellSecretary.id, SYSTEM);
    expect(confirmed.ok).toBe(true);
    expect(titles('sinh hoat chuyen')).toContain('meeting:Sinh hoạt chuyên đề quý IV');
    expect(titles('chuyen de quy')).toEqual(['meeting:Sinh hoạt chuyên đề quý IV']);
  });

  it('shows member names only to secretaries (their branches) and the office', () => {
    expect(titles('Hoang Minh')).toEqual([]);
    expect(titles('Hoang Minh', bloc.cellSecretary)).toContain('member:Hoàng Minh Em');
    expect(titles('Hoang Minh', bloc.secretary)).toEqual([]);
    const office = t.services.members.addAdmin(99, 'VP', SYSTEM);
    expect(titles('Hoang Minh', office)).toContain('member:Hoàng Minh Em');
  });

  it("finds a member's own items when other branches have hundreds of better matches", () => {
    // 210 thematic meetings of the committee rank above the cell's one (their titles match), and a
    // member of the cell may see none of them: the cell's meeting must still be found.
    const draft = (branchId: number, title: string, agenda: string, by: number) =>
      t.services.meetings.createDraft({ branchId, kind: 'thematic', title, startsAt: new Date('2026-12-10T07:30:00Z'), agenda }, by, SYSTEM);
    for (let i = 0; i < 210; i++) draft(bloc.committee.id, `Sinh hoạt chuyên đề số ${i + 1}`, '', bloc.secretary.id);
    draft(bloc.cell.id, 'Họp chi bộ tháng 12', 'Sinh hoạt chuyên đề về chuyển đổi số', bloc.cellSecretary.id);
    t.db.update(meetings).set({ status: 'scheduled' }).where(eq(meetings.status, 'draft')).run();
    expect(titles('sinh hoat chuyen de')).toContain('meeting:Họp chi bộ tháng 12');
    expect(titles('sinh hoat chuyen de').some((h) => h.startsWith('meeting:Sinh hoạt chuyên đề số'))).toBe(false);
    expect(titles('sinh hoat chuyen de', bloc.secretary)[0]).toMatch(/^meeting:Sinh hoạt chuyên đề số/);
  });

  it('ranks a match in the title above one in the body, for members and the office alike', () => {
    const draft = (title: string, agenda: string) =>
      t.services.meetings.createDraft({ branchId: bloc.cell.id, kind: 'regular', title, startsAt: new Date('2026-12-10T07:30:00Z'), agenda }, bloc.cellSecretary.id, SYSTEM);
    // The body-only match is the newer one, so newest-first would put it first.
    draft('Xét kết nạp đảng viên mới', 'Thẩm định hồ sơ');
    draft('Họp chi bộ tháng 12', 'Nội dung: xét kết nạp đảng viên mới, thu đảng phí, phân công nhiệm vụ tháng 1');
    t.db.update(meetings).set({ status: 'scheduled' }).where(eq(meetings.status, 'draft')).run();
    const office = t.services.members.addAdmin(99, 'VP', SYSTEM);
    for (const viewer of [bloc.cellMember, bloc.cellSecretary, office]) {
      expect(titles('ket nap dang vien', viewer).filter((h) => h.startsWith('meeting:'))).toEqual([
        'meeting:Xét kết nạp đảng viên mới',
        'meeting:Họp chi bộ tháng 12',
      ]);
    }
  });

  it('never fails on odd input: FTS5 syntax is taken as words, and nothing searchable is refused with the reason', () => {
    expect(refusal('')).toBe('empty');
    expect(refusal('"(((*')).toBe('empty');
    expect(refusal('x'.repeat(4000))).toBe('too_long');
    // FTS5's operators and punctuation are words here: NEAR( … ) is not a proximity query.
    expect(titles('NEAR(đảng, bộ)')).toEqual([]);
    expect(titles('(đảng, bộ) "Sở"*')).toContain('branch:Đảng bộ Sở <Tài chính>');
    expect(titles('AND OR NOT -đảng')).toEqual([]);
    expect(titles('中文 đảng')).toEqual([]);
  });

  it('forgets what it kept of a search made inside a transaction that was rolled back', () => {
    const rolledBack = () =>
      t.db.transaction((tx) => {
        t.services.branches.rename(bloc.cell.id, 'Chi bộ Công ty Cổ phần Đông Á', SYSTEM);
        expect(titles('dong a')).toContain('branch:Chi bộ Công ty Cổ phần Đông Á');
        tx.rollback();
      });
    expect(rolledBack).toThrow();
    // Another change to the index, as many as the one rolled back: the search must not answer from then.
    t.services.branches.rename(bloc.subcell.id, 'Chi bộ Phòng Ngân sách Nhà nước', SYSTEM);
    expect(titles('dong a')).toEqual([]);
    expect(titles('tnhh')).toContain('branch:Chi bộ Công ty TNHH A&B');
  });

  it("finds a meeting of the member's branch confirmed after a search read that branch's meetings, by this process or another client", () => {
    // The first search reads (and keeps) the meetings of the member's branches.
    expect(titles('hoi nghi')).toEqual([]);
    confirmMeeting(t.services, { branchId: bloc.cell.id, kind: 'other', title: 'Hội nghị tổng kết năm', startsAt: new Date('2026-12-20T01:00:00Z') }, bloc.cellSecretary.id);
    expect(titles('hoi nghi')).toEqual(['meeting:Hội nghị tổng kết năm']);
    // Another SQLite client (the shell, the CLI) inserting a scheduled meeting.
    const other = new Database(t.path);
    other
      .prepare("insert into meetings (branch_id, kind, title, starts_at, duration_minutes, status, created_by_member_id) values (?, 'other', 'Hội nghị chuyên đề cuối năm', ?, 120, 'scheduled', ?)")
      .run(bloc.cell.id, Date.parse('2026-12-22T01:00:00Z'), bloc.cellSecretary.id);
    other.close();
    expect(titles('hoi nghi')).toEqual(expect.arrayContaining(['meeting:Hội nghị tổng kết năm', 'meeting:Hội nghị chuyên đề cuối năm']));
  });

  it("reads the meetings near a viewer by branch, not through every scheduled meeting (the status index would be SQLite's choice)", () => {
    const plan = t.db.$client.prepare(`explain query plan ${NEAR_MEETINGS}`).all({ near: '[1,2]' }) as { detail: string }[];
    const searches = plan.map((p) => p.detail).filter((d) => d.startsWith('SEARCH meetings'));
    expect(searches).toHaveLength(2);
    for (const d of searches) expect(d).toContain('meetings_branch_idx');
  });

  it('shows what a meeting is now, though a search before it kept its title and status: renamed by another client, then cancelled', () => {
    const m = confirmMeeting(t.services, { branchId: bloc.cell.id, kind: 'other', title: 'Hội nghị sơ kết', startsAt: new Date('2026-12-20T01:00:00Z') }, bloc.cellSecretary.id);
    expect(titles('hoi nghi')).toEqual(['meeting:Hội nghị sơ kết']);
    const other = new Database(t.path);
    other.prepare("update meetings set title = 'Hội nghị tổng kết' where id = ?").run(m.id);
    other.close();
    expect(titles('hoi nghi')).toEqual(['meeting:Hội nghị tổng kết']);
    t.services.meetings.cancel(m.id, SYSTEM);
    expect(titles('hoi nghi')).toEqual([]);
  });

  it('keeps the index in step with renames', () => {
    t.services.branches.rename(bloc.cell.id, 'Chi bộ Công ty Cổ phần Đông Á', SYSTEM);
    expect(titles('dong a')).toContain('branch:Chi bộ Công ty Cổ phần Đông Á');
    expect(titles('TNHH')).not.toContain('branch:Chi bộ Công ty TNHH A&B');
  });
});
