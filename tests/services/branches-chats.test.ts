import { beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/services/actor.js';
import { seedSmallBloc, testDb, type TestDb } from '../helpers/db.js';

describe('BranchService', () => {
  let t: TestDb;
  let bloc: ReturnType<typeof seedSmallBloc>;
  beforeEach(() => {
    t = testDb();
    bloc = seedSmallBloc(t.services);
  });

  it('resolves by code, by name without diacritics, and reports ambiguity', () => {
    const b = t.services.branches;
    expect(b.resolve('cb02')).toEqual({ branch: expect.objectContaining({ code: 'CB02' }) });
    expect(b.resolve('ngan sach')).toEqual({ branch: expect.objectContaining({ code: 'DB01-01' }) });
    expect(b.resolve('a&b')).toEqual({ branch: expect.objectContaining({ code: 'CB02' }) });
    const ambiguous = b.resolve('chi bo');
    // "chi" is also a prefix of "chính": word-prefix matching is what members expect.
    expect('ambiguous' in ambiguous && ambiguous.ambiguous.map((x) => x.code).sort()).toEqual(['CB02', 'DB01', 'DB01-01']);
    expect(b.resolve('khong co')).toEqual({ notFound: true });
  });

  it('keeps the old name when a branch is renamed', () => {
    t.services.branches.rename(bloc.cell.id, 'Chi bộ Công ty Cổ phần A&B', SYSTEM);
    const history = t.services.branches.historyOf(bloc.cell.id);
    expect(history.map((h) => [h.event, h.oldValue, h.newValue])).toContainEqual([
      'renamed',
      'Chi bộ Công ty TNHH A&B',
      'Chi bộ Công ty Cổ phần A&B',
    ]);
  });

  it('a merge moves members, groups and cells, and keeps the source for history', () => {
    t.services.chats.recordPresent({ id: -100123, type: 'supergroup', title: 'Nhóm A&B' }, null, SYSTEM);
    t.services.chats.link(-100123, bloc.cell.id, SYSTEM);
    t.services.branches.merge(bloc.cell.id, bloc.committee.id, SYSTEM);
    const source = t.services.branches.getById(bloc.cell.id)!;
    expect(source).toMatchObject({ active: false, mergedIntoId: bloc.committee.id });
    expect(t.services.members.getById(bloc.cellMember.id)?.branchId).toBe(bloc.committee.id);
    expect(t.services.chats.get(-100123)?.branchId).toBe(bloc.committee.id);
    expect(t.services.branches.historyOf(bloc.cell.id).at(-1)).toMatchObject({ event: 'merged', otherBranchId: bloc.committee.id });
  });

  it('summarises a branch for /chibo', () => {
    t.services.members.linkTelegram(bloc.secretary.id, { id: 9001 }, SYSTEM);
    const s = t.services.branches.summary(bloc.committee.id)!;
    expect(s.secretaries.map((m) => m.fullName)).toEqual(['Nguyễn Văn An']);
    expect(s.deputies.map((m) => m.fullName)).toEqual(['Trần Thị Bình']);
    expect(s.memberCount).toBe(3);
    expect(s.linkedCount).toBe(1);
    expect(s.children.map((c) => c.code)).toEqual(['DB01-01']);
    expect(s.cluster?.name).toBe('Khối các cơ quan Đảng');
  });

  it('lists a subtree', () => {
    expect(t.services.branches.subtreeIds(bloc.committee.id).sort()).toEqual([bloc.committee.id, bloc.subcell.id].sort());
  });

  it('gives the ids of a branch and those above it, as ancestry does, and ends on a loop of parents', () => {
    const b = t.services.branches;
    const ids = (id: number) => b.ancestryIds(id).sort((x, y) => x - y);
    expect(ids(bloc.subcell.id)).toEqual([bloc.committee.id, bloc.subcell.id].sort((x, y) => x - y));
    expect(ids(bloc.subcell.id)).toEqual(b.ancestry(bloc.subcell.id).map((x) => x.id).sort((x, y) => x - y));
    expect(ids(bloc.cell.id)).toEqual([bloc.cell.id]);
    expect(b.ancestryIds(999_999)).toEqual([]);
    // A loop no import should make, written by hand: both stop at the first branch seen again.
    t.db.$client.prepare('update branches set parent_id = ? where id = ?').run(bloc.subcell.id, bloc.committee.id);
    expect(ids(bloc.subcell.id)).toEqual(b.ancestry(bloc.subcell.id).map((x) => x.id).sort((x, y) => x - y));
    expect(ids(bloc.subcell.id)).toHaveLength(2);
    t.db.$client.prepare('update branches set parent_id = id where id = ?').run(bloc.cell.id);
    expect(ids(bloc.cell.id)).toEqual([bloc.cell.id]);
  });

  it('gives every branch above, however deep the tree (three levels by a join, more by the recursive statement)', () => {
    const b = t.services.branches;
    let parentId = bloc.committee.id;
    const chain = [bloc.committee.id];
    for (const code of ['DB01-A', 'DB01-A-1', 'DB01-A-1-a']) {
      parentId = b.upsert({ code, name: `Chi bộ ${code}`, kind: 'subcell', parentId }, SYSTEM).branch.id;
      chain.push(parentId);
    }
    const sorted = (list: number[]) => [...list].sort((x, y) => x - y);
    for (let depth = 1; depth <= chain.length; depth++) {
      const id = chain[depth - 1]!;
      expect(sorted(b.ancestryIds(id))).toEqual(sorted(chain.slice(0, depth)));
      expect(sorted(b.ancestryIds(id))).toEqual(sorted(b.ancestry(id).map((x) => x.id)));
    }
  });
});

describe('ChatService', () => {
  let t: TestDb;
  let bloc: ReturnType<typeof seedSmallBloc>;
  beforeEach(() => {
    t = testDb();
    bloc = seedSmallBloc(t.services);
  });

  it('a migration keeps the link under the new id, and is idempotent', () => {
    t.services.chats.recordPresent({ id: -500, type: 'group', title: 'Chi bộ' }, 1, SYSTEM);
    t.services.chats.link(-500, bloc.cell.id, SYSTEM);
    t.services.chats.migrate(-500, -1009999, SYSTEM);
    t.services.chats.migrate(-500, -1009999, SYSTEM);
    expect(t.services.chats.get(-1009999)).toMatchObject({ branchId: bloc.cell.id, status: 'active', migratedFromChatId: -500 });
    expect(t.services.chats.get(-500)).toMatchObject({ status: 'migrated', migratedToChatId: -1009999 });
    expect(t.services.chats.linkedTo(bloc.cell.id).map((c) => c.telegramChatId)).toEqual([-1009999]);
  });

  it('a migration reported after the new supergroup was seen merges into it', () => {
    t.services.chats.recordPresent({ id: -501, type: 'group', title: 'Cũ' }, 1, SYSTEM);
    t.services.chats.link(-501, bloc.cell.id, SYSTEM);
    t.services.chats.recordPresent({ id: -1008888, type: 'supergroup', title: 'Mới' }, 1, SYSTEM);
    t.services.chats.migrate(-501, -1008888, SYSTEM);
    expect(t.services.chats.get(-1008888)).toMatchObject({ branchId: bloc.cell.id, title: 'Mới' });
  });

  it('removal keeps the link but marks the chat inactive', () => {
    t.services.chats.recordPresent({ id: -502, type: 'group', title: 'X' }, 1, SYSTEM);
    t.services.chats.link(-502, bloc.cell.id, SYSTEM);
    t.services.chats.markRemoved(-502, SYSTEM);
    expect(t.services.chats.get(-502)).toMatchObject({ status: 'removed', branchId: bloc.cell.id });
    expect(t.services.chats.linkedTo(bloc.cell.id)).toEqual([]);
  });
});

describe('MemberService admins', () => {
  it('ADMIN_IDS create office admins once, and admins can be removed', () => {
    const t = testDb();
    t.services.members.ensureAdmins([777, 778], SYSTEM);
    t.services.members.ensureAdmins([777, 778], SYSTEM);
    expect(t.services.members.listAll().filter((m) => m.roles.includes('admin')).length).toBe(2);
    expect(t.services.members.findByTelegramId(777)?.roles).toEqual(['admin', 'office']);
    expect(t.services.members.removeAdmin(777, SYSTEM)).toBe(true);
    expect(t.services.members.findByTelegramId(777)?.roles).toEqual(['member']);
    expect(t.services.members.removeAdmin(123, SYSTEM)).toBe(false);
  });

  it('finds members by name without diacritics within given branches', () => {
    const t = testDb();
    const bloc = seedSmallBloc(t.services);
    expect(t.services.members.findByName('nguyen an', null).map((m) => m.code)).toEqual(['DV001']);
    expect(t.services.members.findByName('dat', [bloc.committee.id])).toEqual([]);
    expect(t.services.members.findByName('dat', [bloc.cell.id]).map((m) => m.code)).toEqual(['DV005']);
  });
});

describe('database connection', () => {
  it('opens with WAL, foreign keys and a busy timeout', () => {
    const t = testDb();
    const client = t.db.$client;
    expect(client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(client.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(client.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(() => t.services.members.create({ fullName: 'X', branchId: 999, roles: ['member'] }, SYSTEM)).toThrow(/FOREIGN KEY/);
  });
});
