import { afterEach, describe, expect, it } from 'vitest';
import { buildDemoBloc } from '../../src/demo/bloc.js';
import { makeCli, type TestCli } from './helpers.js';

let cli: TestCli;
afterEach(() => cli.cleanup());

function withDemo(env: Record<string, string> = {}): TestCli {
  cli = makeCli(env);
  buildDemoBloc(cli.open().services, cli.ctx.actor);
  return cli;
}

describe('invite', () => {
  it('prints a member invite link with the bot username the bot stored, and its expiry in Hanoi time', async () => {
    withDemo({ BOT_USERNAME: 'env_bot' });
    cli.open().services.bloc.setBotUsername('khoi_bot');
    const r = await cli.run('invite', 'member', 'dv0003', '--days', '14');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const { services } = cli.open();
    const [invite] = services.invites.listActive();
    expect(invite).toMatchObject({ kind: 'member', memberId: services.members.getByCode('DV0003')!.id, role: 'member' });
    expect(r.out).toContain(`Đường dẫn: https://t.me/khoi_bot?start=${invite!.code}`);
    // 10h00 30/06/2025 in Hanoi + 14 days
    expect(r.out).toContain('Hết hạn: 10h00 14/07/2025');
    expect(invite!.expiresAt.toISOString()).toBe('2025-07-14T03:00:00.000Z');
  });

  it('prints a branch invite with a role, falling back to BOT_USERNAME', async () => {
    withDemo({ BOT_USERNAME: '@env_bot' });
    const r = await cli.run('invite', 'branch', 'CB12', '--role', 'secretary');
    expect(r.code).toBe(0);
    const { services } = cli.open();
    const [invite] = services.invites.listActive();
    expect(invite).toMatchObject({ kind: 'branch', branchId: services.branches.getByCode('CB12')!.id, role: 'secretary' });
    expect(r.out).toContain(`https://t.me/env_bot?start=${invite!.code}`);
    expect(r.out).toContain('Chi bộ Công ty TNHH A&B (CB12) với vai trò bí thư');
    expect(r.out).toContain('Hết hạn: 10h00 07/07/2025');

    const vi = await cli.run('invite', 'branch', 'CB12', '--role', 'Phó bí thư', '--days', '1');
    expect(vi.code).toBe(0);
    expect(cli.open().services.invites.listActive().map((i) => i.role)).toEqual(['secretary', 'deputy']);
  });

  it('prints the code and explains when the bot username is unknown', async () => {
    withDemo();
    const r = await cli.run('invite', 'member', 'DV0001');
    expect(r.code).toBe(0);
    const [invite] = cli.open().services.invites.listActive();
    expect(r.out).toContain(`Mã lời mời: ${invite!.code}`);
    expect(r.out).toContain('khởi động bot một lần');
    expect(r.out).not.toMatch(/https:\/\/t\.me\/\w+\?start=/);
  });

  it('lists active invites, leaving out used member invites', async () => {
    withDemo({ BOT_USERNAME: 'khoi_bot' });
    await cli.run('invite', 'member', 'DV0001');
    await cli.run('invite', 'member', 'DV0002');
    await cli.run('invite', 'branch', 'DB04-01');
    const { services } = cli.open();
    const used = services.invites.listActive()[1]!;
    expect(services.invites.redeem(used.code, { id: 4242 }, { source: 'system' }).ok).toBe(true);
    const r = await cli.run('invite', 'list');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Lời mời còn hiệu lực (2):');
    expect(r.out).toContain('(DV0001)');
    expect(r.out).not.toContain('(DV0002)');
    expect(r.out).toContain('Chi bộ Phòng Hành chính – Lưu trữ (DB04-01), vai trò đảng viên');
    expect(r.out).not.toContain(used.code);
  });

  it('rejects unknown codes (exit 1) and bad options (exit 2), creating nothing', async () => {
    withDemo();
    const unknown = await cli.run('invite', 'member', 'DV9999');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toBe('Không có đảng viên mã "DV9999"; kiểm tra lại mã (xem bằng lệnh export)');
    expect((await cli.run('invite', 'branch', 'XX99')).code).toBe(1);
    expect((await cli.run('invite', 'member', 'DV0001', '--days', '0')).code).toBe(2);
    expect((await cli.run('invite', 'branch', 'CB01', '--role', 'admin')).code).toBe(2);
    expect((await cli.run('invite', 'member')).code).toBe(2);
    expect((await cli.run('invite', 'nobody')).code).toBe(2);
    expect(cli.open().services.invites.listActive()).toHaveLength(0);
  });
});
