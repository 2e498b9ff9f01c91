import { rolesLabel } from '../../domain/import-columns.js';
import { UsageError, UserError, parseOptions, type CliContext } from '../context.js';
import type { CliCommand } from './types.js';

export const adminCommand: CliCommand = {
  name: 'admin',
  summary: 'Cấp, thu hồi và xem quyền quản trị (văn phòng Đảng ủy Khối)',
  help: `Cách dùng:
  npm run cli -- admin add <Telegram ID> [--name "Họ tên"]
  npm run cli -- admin remove <Telegram ID>
  npm run cli -- admin list

admin add      cấp vai trò quản trị và văn phòng cho tài khoản Telegram (tạo hồ sơ nếu chưa có).
admin remove   thu hồi vai trò quản trị và văn phòng; hồ sơ đảng viên vẫn giữ.
admin list     những người đang có quyền quản trị hoặc văn phòng.
Telegram ID là một dãy số; người dùng xem được bằng cách nhắn cho @userinfobot.

Ví dụ:
  npm run cli -- admin add 123456789 --name "Nguyễn Thị Lan"
  npm run cli -- admin remove 123456789`,

  async run(ctx, args) {
    const [sub, ...rest] = args;
    if (sub === 'add') return addAdmin(ctx, rest);
    if (sub === 'remove') return removeAdmin(ctx, rest);
    if (sub === 'list') return listAdmins(ctx, rest);
    throw new UsageError(
      sub ? `Không có lệnh "admin ${sub}"; dùng admin add, admin remove hoặc admin list` : 'Lệnh admin cần add, remove hoặc list',
      'admin',
    );
  },
};

function parseTelegramId(value: string): number {
  if (!/^\d{1,15}$/.test(value) || Number(value) === 0)
    throw new UsageError(`Telegram ID phải là một dãy chữ số, ví dụ 123456789 (đang ghi "${value}")`, 'admin');
  return Number(value);
}

async function addAdmin(ctx: CliContext, args: string[]) {
  const { values, positionals } = parseOptions('admin', args, { name: { type: 'string' } }, {
    min: 1,
    max: 1,
    names: 'Telegram ID, ví dụ: admin add 123456789 --name "Nguyễn Thị Lan"',
  });
  const telegramId = parseTelegramId(positionals[0]!);
  const name = values.name?.trim() || null;
  const { services } = ctx.open();
  const before = services.members.listAll().find((m) => m.telegramUserId === telegramId);
  if (before && before.status === 'active' && before.roles.includes('admin') && before.roles.includes('office')) {
    ctx.out(`${before.fullName} (Telegram ID ${telegramId}) đã là quản trị viên; không thay đổi.`);
    return;
  }
  const member = services.members.addAdmin(telegramId, name, ctx.actor);
  ctx.out(
    before
      ? `Đã cấp quyền quản trị cho ${member.fullName} (Telegram ID ${telegramId}). Vai trò: ${rolesLabel(member.roles)}.`
      : `Đã tạo ${member.fullName} (Telegram ID ${telegramId}) với vai trò ${rolesLabel(member.roles)}.`,
  );
  if (before && name && before.fullName !== name)
    ctx.out(`Lưu ý: giữ họ tên đã có "${before.fullName}"; --name chỉ dùng khi tạo mới.`);
}

async function removeAdmin(ctx: CliContext, args: string[]) {
  const { positionals } = parseOptions('admin', args, {}, { min: 1, max: 1, names: 'Telegram ID, ví dụ: admin remove 123456789' });
  const telegramId = parseTelegramId(positionals[0]!);
  const { services } = ctx.open();
  const before = services.members.listAll().find((m) => m.telegramUserId === telegramId);
  if (!before) throw new UserError(`Không có ai với Telegram ID ${telegramId}`);
  if (!before.roles.includes('admin') && !before.roles.includes('office')) {
    ctx.out(`${before.fullName} (Telegram ID ${telegramId}) không có quyền quản trị; không thay đổi.`);
    return;
  }
  services.members.removeAdmin(telegramId, ctx.actor);
  const after = services.members.getById(before.id)!;
  ctx.out(`Đã thu hồi quyền quản trị của ${after.fullName} (Telegram ID ${telegramId}). Vai trò còn lại: ${rolesLabel(after.roles)}.`);
  const configured = ctx.adminIds.split(/[\s,;]+/).filter(Boolean);
  if (configured.includes(String(telegramId)))
    ctx.out('Lưu ý: ID này còn trong ADMIN_IDS của cấu hình; bot sẽ cấp lại quyền khi khởi động. Vui lòng xóa ID này khỏi ADMIN_IDS.');
}

async function listAdmins(ctx: CliContext, args: string[]) {
  parseOptions('admin', args, {}, { min: 0, max: 0, names: '' });
  const { services } = ctx.open();
  const seen = new Set<number>();
  const people = [...services.members.withRole('admin'), ...services.members.withRole('office')].filter((m) => {
    if (seen.has(m.id)) return false;
    seen.add(m.id);
    return true;
  });
  if (people.length === 0) {
    ctx.out('Chưa có quản trị viên nào. Thêm bằng: npm run cli -- admin add <Telegram ID> --name "Họ tên"');
    return;
  }
  ctx.out(`Quản trị viên và văn phòng (${people.length}):`);
  for (const m of people.sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'))) {
    const telegram = m.telegramUserId === null ? 'chưa liên kết Telegram' : `Telegram ID ${m.telegramUserId}`;
    ctx.out(`• ${m.fullName} — ${telegram} — ${rolesLabel(m.roles)}`);
  }
}
