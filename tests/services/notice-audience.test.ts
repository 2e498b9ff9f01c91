/**
 * Who a notice reaches (NoticeService.resolve and the release that fills the outbox): the scope's
 * active branches, their active members (or only secretaries), their linked groups, and the chats
 * that cannot be reached, at service level on a manual clock.
 */
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { Translator } from '../../src/bot/i18n.js';
import { NoticeRenderer } from '../../src/bot/render/notice.js';
import { noticeRecipients, outbox } from '../../src/db/schema.js';
import type { Audience } from '../../src/domain/audience.js';
import { SYSTEM } from '../../src/services/actor.js';
import { createServices, type Services } from '../../src/services/index.js';
import type { Member } from '../../src/services/members.js';
import { seedSmallBloc, testDb, type TestDb } from '../helpers/db.js';

const translator = new Translator();

describe('notice audience', () => {
  let t: TestDb;
  let s: Services;
  let bloc: ReturnType<typeof seedSmallBloc>;
  let office: Member;
  /** A second cluster with one cell, an inactive cell in the first cluster, and a member who left. */
  let other: { cluster: number; cell: number; secretary: Member; closedCell: number; left: Member; closedMember: Member };

  beforeEach(() => {
    t = testDb('2026-11-23T07:00:00Z');
    s = createServices(t.db, t.clock, { noticeMessages: new NoticeRenderer(translator) });
    bloc = seedSmallBloc(s);
    const link = (m: Member, tg: number) => s.members.linkTelegram(m.id, { id: tg }, SYSTEM);
    link(bloc.secretary, 101);
    link(bloc.deputy, 102);
    // bloc.member (DV003) is not linked to Telegram.
    link(bloc.subMember, 104);
    link(bloc.cellSecretary, 105);
    link(bloc.cellMember, 106);
    s.members.setLanguage(bloc.cellMember.id, 'en', SYSTEM);
    office = s.members.addAdmin(100, 'Văn phòng', SYSTEM);
    const cluster = s.branches.upsertCluster({ code: 'K2', name: 'Khối doanh nghiệp' }, SYSTEM);
    const cell = s.branches.upsert({ code: 'CB03', name: 'Chi bộ Công ty C', kind: 'cell', clusterId: cluster.id }, SYSTEM).branch;
    const secretary = s.members.create({ code: 'DV010', fullName: 'Ngô Văn Hùng', branchId: cell.id, roles: ['member', 'secretary'], telegramUserId: 110 }, SYSTEM);
    const closedCell = s.branches.upsert(
      { code: 'CB04', name: 'Chi bộ đã giải thể', kind: 'cell', clusterId: bloc.cluster.id, active: false },
      SYSTEM,
    ).branch;
    const closedMember = s.members.create({ code: 'DV011', fullName: 'Đỗ Thị Lan', branchId: closedCell.id, roles: ['member'], telegramUserId: 111 }, SYSTEM);
    const left = s.members.create({ code: 'DV012', fullName: 'Lý Văn Minh', branchId: bloc.cell.id, roles: ['member', 'secretary'], telegramUserId: 112 }, SYSTEM);
    s.members.setStatus(left.id, 'left', SYSTEM);
    other = { cluster: cluster.id, cell: cell.id, secretary, closedCell: closedCell.id, left, closedMember };
    // The cell has a group; the committee had one that removed the bot.
    s.chats.recordPresent({ id: -500, type: 'group', title: 'Nhóm CB02' }, null, SYSTEM);
    s.chats.link(-500, bloc.cell.id, SYSTEM);
    s.chats.recordPresent({ id: -600, type: 'group', title: 'Nhóm DB01' }, null, SYSTEM);
    s.chats.link(-600, bloc.committee.id, SYSTEM);
    s.chats.markRemoved(-600, SYSTEM);
  });

  const audience = (scope: Audience['scope'], people: Audience['people'] = 'all', channel: Audience['channel'] = 'both'): Audience => ({
    scope,
    people,
    channel,
  });
  const ids = (people: { id: number }[]) => people.map((p) => p.id).sort((a, b) => a - b);
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

  describe('resolve', () => {
    it('the bloc: every active branch, every active member in one, and the active linked groups', () => {
      const r = s.notices.resolve(audience({ type: 'bloc' }));
      expect(sorted(r.branchIds)).toEqual(sorted([bloc.committee.id, bloc.subcell.id, bloc.cell.id, other.cell]));
      // Not the office (no branch), not the member who left, not the member of the closed cell.
      expect(ids(r.people)).toEqual(
        ids([bloc.secretary, bloc.deputy, bloc.member, bloc.subMember, bloc.cellSecretary, bloc.cellMember, other.secretary]),
      );
      expect(r.groups).toEqual([{ telegramChatId: -500, branchId: bloc.cell.id, threadId: null, botCanPin: null, botRightsAt: null }]);
      expect(r.privateCount).toBe(6);
      expect(r.notLinked).toBe(1);
      expect(r.people.find((p) => p.id === bloc.cellMember.id)).toEqual({ id: bloc.cellMember.id, branchId: bloc.cell.id, telegramUserId: 106, language: 'en' });
      expect(ids(r.people)).not.toContain(office.id);
    });

    it('a cluster: its branches and the cells under them, active ones only', () => {
      const first = s.notices.resolve(audience({ type: 'cluster', clusterId: bloc.cluster.id }));
      expect(sorted(first.branchIds)).toEqual(sorted([bloc.committee.id, bloc.subcell.id, bloc.cell.id]));
      const second = s.notices.resolve(audience({ type: 'cluster', clusterId: other.cluster }));
      expect(second.branchIds).toEqual([other.cell]);
      expect(ids(second.people)).toEqual([other.secretary.id]);
      expect(second.groups).toEqual([]);
    });

    it('chosen branches: with their cells or without, inactive ones left out', () => {
      const alone = s.notices.resolve(audience({ type: 'branches', branchIds: [bloc.committee.id, other.closedCell], includeSubcells: false }));
      expect(alone.branchIds).toEqual([bloc.committee.id]);
      expect(ids(alone.people)).toEqual(ids([bloc.secretary, bloc.deputy, bloc.member]));
      const withCells = s.notices.resolve(audience({ type: 'branches', branchIds: [bloc.committee.id], includeSubcells: true }));
      expect(sorted(withCells.branchIds)).toEqual(sorted([bloc.committee.id, bloc.subcell.id]));
      expect(ids(withCells.people)).toEqual(ids([bloc.secretary, bloc.deputy, bloc.member, bloc.subMember]));
    });

    it('cells filed under no cluster are reached through their committee; a closed cell under it is not', () => {
      const unfiled = s.branches.upsert({ code: 'DB01-02', name: 'Chi bộ Phòng Kế toán', kind: 'subcell', parentId: bloc.committee.id }, SYSTEM).branch;
      const closed = s.branches.upsert({ code: 'DB01-03', name: 'Chi bộ Phòng cũ', kind: 'subcell', parentId: bloc.committee.id, active: false }, SYSTEM).branch;
      const reader = s.members.create({ code: 'DV030', fullName: 'Mai Văn Tâm', branchId: unfiled.id, roles: ['member'], telegramUserId: 130 }, SYSTEM);
      s.members.create({ code: 'DV031', fullName: 'Hà Thị Yến', branchId: closed.id, roles: ['member'], telegramUserId: 131 }, SYSTEM);

      const cluster = s.notices.resolve(audience({ type: 'cluster', clusterId: bloc.cluster.id }));
      expect(sorted(cluster.branchIds)).toEqual(sorted([bloc.committee.id, bloc.subcell.id, unfiled.id, bloc.cell.id]));
      expect(ids(cluster.people)).toContain(reader.id);
      const committee = s.notices.resolve(audience({ type: 'branches', branchIds: [bloc.committee.id], includeSubcells: true }));
      expect(sorted(committee.branchIds)).toEqual(sorted([bloc.committee.id, bloc.subcell.id, unfiled.id]));
      expect(ids(committee.people)).toEqual(ids([bloc.secretary, bloc.deputy, bloc.member, bloc.subMember, reader]));
    });

    it('nothing active in scope: nobody at all', () => {
      const r = s.notices.resolve(audience({ type: 'branches', branchIds: [other.closedCell], includeSubcells: true }));
      expect(r).toEqual({ branchIds: [], people: [], groups: [], privateCount: 0, notLinked: 0 });
    });

    it('secretaries only: secretaries (not deputies, not those who left), privately, never the groups', () => {
      const r = s.notices.resolve(audience({ type: 'bloc' }, 'secretaries', 'both'));
      expect(ids(r.people)).toEqual(ids([bloc.secretary, bloc.cellSecretary, other.secretary]));
      expect(r.groups).toEqual([]);
      expect(r.privateCount).toBe(3);
    });

    it('groups only: no private messages, yet those not linked are still counted', () => {
      const r = s.notices.resolve(audience({ type: 'bloc' }, 'all', 'groups'));
      expect(r.privateCount).toBe(0);
      expect(r.notLinked).toBe(1);
      expect(r.groups.map((g) => g.telegramChatId)).toEqual([-500]);
    });

    it('private only: no groups', () => {
      expect(s.notices.resolve(audience({ type: 'bloc' }, 'all', 'private')).groups).toEqual([]);
    });
  });

  describe('release', () => {
    function send(aud: Audience, by: Member = office) {
      const draft = s.notices.createDraft(by, { kind: 'text', body: 'Nội dung', title: 'Thông báo', requireAck: true, audience: aud, scheduledAt: null }, SYSTEM);
      const r = s.notices.confirm(draft.id, by, SYSTEM);
      expect(r.ok).toBe(true);
      const rows = t.db.select().from(outbox).where(eq(outbox.sourceId, draft.id)).all();
      const recorded = t.db.select().from(noticeRecipients).where(eq(noticeRecipients.noticeId, draft.id)).all();
      return { id: draft.id, rows, recorded };
    }

    it('a private message to each linked recipient, one to each group, and the group that removed the bot recorded as unreachable', () => {
      const { id, rows, recorded } = send(audience({ type: 'branches', branchIds: [bloc.committee.id, bloc.cell.id], includeSubcells: true }));
      const byKey = new Map(rows.map((r) => [r.dedupeKey, r]));
      expect([...byKey.keys()].sort()).toEqual(
        [
          ...[bloc.secretary, bloc.deputy, bloc.subMember, bloc.cellSecretary, bloc.cellMember].map((m) => `notice:${id}:m:${m.id}`),
          `notice:${id}:c:-500`,
          `notice:${id}:c:-600`,
        ].sort(),
      );
      expect(byKey.get(`notice:${id}:m:${bloc.secretary.id}`)).toMatchObject({ chatId: 101, memberId: bloc.secretary.id, status: 'pending', source: 'notice' });
      expect(byKey.get(`notice:${id}:c:-500`)).toMatchObject({ chatId: -500, memberId: null, status: 'pending' });
      expect(byKey.get(`notice:${id}:c:-600`)).toMatchObject({ chatId: -600, status: 'unreachable' });
      expect(byKey.get(`notice:${id}:c:-600`)!.lastError).toMatch(/^known unreachable/);
      // Each reads in the member's language; groups in Vietnamese; the ack button goes with each.
      expect(byKey.get(`notice:${id}:m:${bloc.cellMember.id}`)!.text).toMatch(/^📢 <b>NOTICE<\/b>/);
      expect(byKey.get(`notice:${id}:m:${bloc.secretary.id}`)!.text).toMatch(/^📢 <b>THÔNG BÁO<\/b>/);
      expect(byKey.get(`notice:${id}:c:-500`)!.text).toMatch(/^📢 <b>THÔNG BÁO<\/b>/);
      expect(byKey.get(`notice:${id}:m:${bloc.secretary.id}`)!.replyMarkup).toBeTruthy();
      // Everyone in scope is a recipient, linked or not, with the branch they are in now.
      expect(recorded.map((r) => [r.memberId, r.branchId]).sort((a, b) => a[0]! - b[0]!)).toEqual(
        [bloc.secretary, bloc.deputy, bloc.member, bloc.subMember, bloc.cellSecretary, bloc.cellMember]
          .map((m) => [m.id, m.branchId])
          .sort((a, b) => a[0]! - b[0]!),
      );
      expect(s.notices.get(id)!.status).toBe('sending');
    });

    it('groups only: the groups get it, the members are recipients without a private message', () => {
      const { id, rows, recorded } = send(audience({ type: 'branches', branchIds: [bloc.committee.id, bloc.cell.id], includeSubcells: false }, 'all', 'groups'));
      expect(rows.map((r) => r.dedupeKey).sort()).toEqual([`notice:${id}:c:-500`, `notice:${id}:c:-600`]);
      expect(recorded).toHaveLength(5);
    });

    it('private only: no group gets it, not even as unreachable', () => {
      const { rows } = send(audience({ type: 'branches', branchIds: [bloc.committee.id, bloc.cell.id], includeSubcells: false }, 'all', 'private'));
      expect(rows.every((r) => r.chatId > 0)).toBe(true);
      expect(rows).toHaveLength(4);
    });

    it('a secretary addresses their own branch; a wider audience is refused and nothing is queued', () => {
      const secretary = s.members.getById(bloc.secretary.id)!;
      const { rows } = send(audience({ type: 'branches', branchIds: [bloc.committee.id], includeSubcells: true }, 'all', 'private'), secretary);
      expect(rows.map((r) => r.chatId).sort()).toEqual([101, 102, 104]);
      const wide = s.notices.createDraft(
        secretary,
        { kind: 'text', body: 'x', title: 'x', requireAck: false, audience: audience({ type: 'bloc' }), scheduledAt: null },
        SYSTEM,
      );
      expect(s.notices.confirm(wide.id, secretary, SYSTEM)).toEqual({ ok: false, reason: 'not_allowed' });
      expect(t.db.select().from(outbox).where(eq(outbox.sourceId, wide.id)).all()).toEqual([]);
    });

    it('hundreds of recipients are all recorded and all queued, once each', () => {
      for (let i = 0; i < 430; i++) {
        s.members.create({ code: `DV5${String(i).padStart(3, '0')}`, fullName: `Đảng viên ${i}`, branchId: other.cell, roles: ['member'], telegramUserId: 10_000 + i }, SYSTEM);
      }
      const { rows, recorded } = send(audience({ type: 'branches', branchIds: [other.cell], includeSubcells: false }, 'all', 'private'));
      expect(recorded).toHaveLength(431);
      expect(new Set(recorded.map((r) => r.memberId)).size).toBe(431);
      expect(rows).toHaveLength(431);
      expect(new Set(rows.map((r) => r.chatId)).size).toBe(431);
    });
  });
});
