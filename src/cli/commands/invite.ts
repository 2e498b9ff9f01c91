import type { Role } from '../../db/schema.js';
import { parseRole } from '../../domain/roles.js';
import { foldVietnamese } from '../../domain/text.js';
import { formatDateTime } from '../../domain/time.js';
import { ROLE_LABELS } from '../../domain/import-columns.js';
import type { Invite } from '../../services/invites.js';
import type { Services } from '../../services/index.js';
import { UsageError, UserError, parseDays, parseOptions, type CliContext } from '../context.js';
import type { CliCommand } from './types.js';

const BRANCH_INVITE_ROLES: readonly Role[] = ['member', 'secretary', 'deputy'];

export const inviteCommand: CliCommand = {
  name: 'invite',
  summary: 'Tạo lời mời (đường dẫn t.me) để đảng viên liên kết Telegram; xem lời mời còn hiệu lực',
  help: `Cách dùng:
  npm run cli -- invite member <mã đảng viên> [--days N]
  npm run cli -- invite branch <mã tổ chức đảng> [--role member|secretary|deputy] [--days N]
  npm run cli -- invite list

invite member   lời mời dùng một lần cho một đảng viên đã có trong danh sách.
invite branch   lời mời chung cho một tổ chức đảng: ai có đường dẫn đều vào được với vai trò đã chọn
                (mặc định member = đảng viên; secretary = bí thư; deputy = phó bí thư) đến khi hết hạn.
invite list     các lời mời còn hiệu lực.
--days N        số ngày hiệu lực, từ 1 đến 365 (mặc định 7).

Đường dẫn có dạng https://t.me/<tên bot>?start=<mã>. Tên bot được bot ghi lại khi khởi động;
nếu bot chưa chạy lần nào, đặt biến môi trường BOT_USERNAME.

Ví dụ:
  npm run cli -- invite member DV0001
  npm run cli -- invite branch CB01 --role secretary --days 3
  npm run cli -- invite list`,

  async run(ctx, args) {
    const [sub, ...rest] = args;
    if (sub === 'member') return inviteMember(ctx, rest);
    if (sub === 'branch') return inviteBranch(ctx, rest);
    if (sub === 'list') return listInvites(ctx, rest);
    throw new UsageError(
      sub ? `Không có lệnh "invite ${sub}"; dùng invite member, invite branch hoặc invite list` : 'Lệnh invite cần member, branch hoặc list',
      'invite',
    );
  },
};

async function inviteMember(ctx: CliContext, args: string[]) {
  const { values, positionals } = parseOptions('invite', args, { days: { type: 'string' } }, {
    min: 1,
    max: 1,
    names: 'mã đảng viên, ví dụ: invite member DV0001',
  });
  const days = parseDays('invite', values.days);
  const { services } = ctx.open();
  const member = services.members.getByCode(positionals[0]!);
  if (!member) throw new UserError(`Không có đảng viên mã "${positionals[0]}"; kiểm tra lại mã (xem bằng lệnh export)`);
  if (member.status !== 'active') throw new UserError(`Đảng viên ${member.fullName} (${member.code}) đã chuyển sinh hoạt; không tạo lời mời`);
  const invite = services.invites.createForMember(member.id, { days }, ctx.actor);
  const branch = member.branchId === null ? null : services.branches.getById(member.branchId);
  ctx.out(`Lời mời cho đảng viên ${member.fullName} (${member.code})${branch ? `, ${branch.name}` : ''}.`);
  if (member.telegramUserId !== null)
    ctx.out(`Lưu ý: đảng viên này đã liên kết Telegram ID ${member.telegramUserId}; chỉ tài khoản đó dùng được lời mời.`);
  printLink(ctx, services, invite);
  ctx.out('Lời mời chỉ dùng được một lần.');
}

async function inviteBranch(ctx: CliContext, args: string[]) {
  const { values, positionals } = parseOptions('invite', args, { days: { type: 'string' }, role: { type: 'string' } }, {
    min: 1,
    max: 1,
    names: 'mã tổ chức đảng, ví dụ: invite branch CB01',
  });
  const days = parseDays('invite', values.days);
  const role = values.role === undefined ? 'member' : parseRole(foldVietnamese(values.role));
  if (!role || !BRANCH_INVITE_ROLES.includes(role))
    throw new UsageError(`--role cần member (đảng viên), secretary (bí thư) hoặc deputy (phó bí thư), đang ghi "${values.role}"`, 'invite');
  const { services } = ctx.open();
  const found = services.branches.resolve(positionals[0]!);
  if ('notFound' in found) throw new UserError(`Không có tổ chức đảng "${positionals[0]}"; vui lòng kiểm tra lại mã`);
  if ('ambiguous' in found)
    throw new UserError(`"${positionals[0]}" khớp với nhiều tổ chức đảng: ${found.ambiguous.map((b) => b.code).join(', ')}; vui lòng ghi mã`);
  const branch = found.branch;
  if (!branch.active) throw new UserError(`${branch.name} (${branch.code}) đã ngừng hoạt động; không tạo lời mời`);
  const invite = services.invites.createForBranch(branch.id, role, { days }, ctx.actor);
  ctx.out(`Lời mời vào ${branch.name} (${branch.code}) với vai trò ${ROLE_LABELS[role].toLowerCase()}.`);
  printLink(ctx, services, invite);
  ctx.out('Ai có đường dẫn này đều vào được cho đến khi hết hạn: chỉ gửi trong nhóm kín của tổ chức đảng.');
}

async function listInvites(ctx: CliContext, args: string[]) {
  parseOptions('invite', args, {}, { min: 0, max: 0, names: '' });
  const { services } = ctx.open();
  // A member invite is spent once used; a branch invite keeps working until it expires.
  const invites = services.invites.listActive().filter((i) => i.kind === 'branch' || i.useCount === 0);
  if (invites.length === 0) {
    ctx.out('Không có lời mời nào còn hiệu lực.');
    return;
  }
  const username = botUsername(ctx, services);
  ctx.out(`Lời mời còn hiệu lực (${invites.length}):`);
  for (const invite of invites) {
    const expires = `hết hạn ${formatDateTime(invite.expiresAt, ctx.timeZone)}`;
    if (invite.kind === 'member') {
      const member = invite.memberId === null ? null : services.members.getById(invite.memberId);
      ctx.out(`• Đảng viên ${member ? `${member.fullName} (${member.code ?? 'chưa có mã'})` : '?'} — ${expires}`);
    } else {
      const branch = invite.branchId === null ? null : services.branches.getById(invite.branchId);
      const used = invite.useCount > 0 ? `, đã dùng ${invite.useCount} lần` : '';
      ctx.out(
        `• ${branch ? `${branch.name} (${branch.code})` : 'Tổ chức đảng ?'}, vai trò ${ROLE_LABELS[invite.role].toLowerCase()}${used} — ${expires}`,
      );
    }
    ctx.out(`  ${username ? services.invites.link(username, invite) : `mã ${invite.code}`}`);
  }
  if (!username) ctx.out(unknownUsernameHint());
}

function botUsername(ctx: CliContext, services: Services): string | null {
  return services.bloc.get().botUsername ?? ctx.botUsername;
}

function printLink(ctx: CliContext, services: Services, invite: Invite) {
  const username = botUsername(ctx, services);
  if (username) ctx.out(`Đường dẫn: ${services.invites.link(username, invite)}`);
  else {
    ctx.out(`Mã lời mời: ${invite.code}`);
    ctx.out(unknownUsernameHint());
  }
  ctx.out(`Hết hạn: ${formatDateTime(invite.expiresAt, ctx.timeZone)}`);
}

function unknownUsernameHint(): string {
  return (
    'Chưa biết tên bot: vui lòng khởi động bot một lần để bot ghi lại tên (hoặc đặt BOT_USERNAME), ' +
    'rồi gửi đường dẫn https://t.me/<tên bot>?start=<mã lời mời>.'
  );
}
