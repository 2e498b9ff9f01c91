import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDemoBloc, DEMO_BLOC_NAME } from '../../src/demo/bloc.js';
import { makeCli, type TestCli } from './helpers.js';

let cli: TestCli;
beforeEach(() => {
  cli = makeCli();
});
afterEach(() => cli.cleanup());

// Each test makes a demo bloc (a few seconds on a busy machine), one of them two.
describe('demo', { timeout: 60_000 }, () => {
  it('fills an empty database with 21 branches in 3 clusters and 300 members', async () => {
    const r = await cli.run('demo');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('21 tổ chức đảng: 3 đảng bộ cơ sở, 7 chi bộ trực thuộc, 11 chi bộ cơ sở');

    const { services } = cli.open();
    expect(services.bloc.get().name).toBe(DEMO_BLOC_NAME);
    const clusters = services.branches.listClusters();
    expect(clusters.map((c) => c.name).sort()).toEqual(
      ['Khối các cơ quan Đảng – đoàn thể', 'Khối cơ quan quản lý nhà nước', 'Khối đơn vị sự nghiệp – doanh nghiệp'].sort(),
    );
    const branches = services.branches.list();
    expect(branches).toHaveLength(21);
    expect(branches.every((b) => b.clusterId !== null && b.active)).toBe(true);
    expect(new Set(branches.map((b) => b.clusterId)).size).toBe(3);
    for (const committee of branches.filter((b) => b.kind === 'committee')) {
      const children = services.branches.children(committee.id);
      expect(children.length).toBeGreaterThanOrEqual(2);
      expect(children.length).toBeLessThanOrEqual(3);
      expect(children.every((c) => c.kind === 'subcell' && c.clusterId === committee.clusterId)).toBe(true);
    }
    expect(branches.filter((b) => b.kind === 'subcell').every((b) => b.parentId !== null)).toBe(true);
    expect(branches.map((b) => b.name)).toEqual(
      expect.arrayContaining(['Chi bộ Ban Tuyên giáo Tỉnh ủy', 'Đảng bộ Sở Tài chính', 'Chi bộ Công ty TNHH A&B', 'Chi bộ Trung tâm <Dữ liệu> số']),
    );

    const members = services.members.listAll();
    expect(members).toHaveLength(300);
    expect(members[0]!.code).toBe('DV0001');
    expect(members[299]!.code).toBe('DV0300');
    expect(members.every((m) => m.status === 'active' && m.branchId !== null)).toBe(true);
    expect(members.every((m) => /^\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+$/u.test(m.fullName))).toBe(true);
    for (const b of branches) {
      const s = services.branches.summary(b.id)!;
      expect(s.secretaries).toHaveLength(1);
      expect(s.deputies).toHaveLength(1);
    }
    const families = new Set(members.map((m) => m.fullName.split(' ')[0]));
    expect(families.has('Nguyễn')).toBe(true);
    expect(families.size).toBeGreaterThan(10);
  });

  it('makes the bloc alive today: meetings held and to come, notices, and keeps an admin already there', async () => {
    expect((await cli.run('admin', 'add', '123456789', '--name', 'Nguyễn Thị Lan')).code).toBe(0);
    const r = await cli.run('demo');
    expect(r.err).toBe('');
    expect(r.out).toMatch(/• \d{3,} cuộc họp: lịch sinh hoạt hằng tháng của 18 chi bộ, sinh hoạt chuyên đề, hội nghị của Đảng bộ Khối; \d+ cuộc đã họp, \d+ cuộc đã điểm danh/);
    expect(r.out).toContain('• 7 thông báo đã gửi, với tình hình nhận và xác nhận');
    const { services } = cli.open();
    const admin = services.members.findByTelegramId(123456789)!;
    expect(admin).toMatchObject({ fullName: 'Nguyễn Thị Lan', branchId: null, roles: ['admin', 'office'] });
    expect(services.members.listAll()).toHaveLength(301);
    expect(services.meetings.upcomingFor(null).map((m) => m.kind)).toEqual(expect.arrayContaining(['committee', 'briefing']));
    expect(services.meetings.recentlyEnded(null).length).toBeGreaterThan(0);
    expect(services.notices.authoredBy(admin).length).toBe(7);
  });

  it('is reproducible: the same seed gives the same names', async () => {
    await cli.run('demo');
    const other = makeCli();
    try {
      buildDemoBloc(other.open().services, other.ctx.actor);
      const names = (t: TestCli) => t.open().services.members.listAll().map((m) => `${m.code} ${m.fullName}`);
      expect(names(other)).toEqual(names(cli));
    } finally {
      other.cleanup();
    }
  });

  it('refuses a database that already has branches and adds nothing', async () => {
    cli.open().services.branches.upsert({ code: 'CB01', name: 'Chi bộ thật', kind: 'cell' }, cli.ctx.actor);
    const r = await cli.run('demo');
    expect(r.code).toBe(1);
    expect(r.err).toContain('đã có 1 tổ chức đảng; lệnh demo chỉ chạy trên cơ sở dữ liệu chưa có tổ chức đảng nào');
    const { services } = cli.open();
    expect(services.branches.list()).toHaveLength(1);
    expect(services.members.listAll()).toHaveLength(0);
    expect(services.branches.listClusters()).toHaveLength(0);
  });
});
