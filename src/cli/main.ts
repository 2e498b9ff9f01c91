/**
 * The admin CLI: `npm run cli -- <command> [args]`. This file only dispatches; each command group
 * lives in commands/. Exit codes: 0 done, 1 wrong data or state, 2 wrong command line.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadEnvFile } from '../config.js';
import { adminCommand } from './commands/admin.js';
import { backupCommand, restoreCommand } from './commands/backup.js';
import { demoCommand } from './commands/demo.js';
import { exportCommand } from './commands/export.js';
import { importCommand } from './commands/import.js';
import { exportIndicatorsCommand, importIndicatorsCommand } from './commands/indicators.js';
import { inviteCommand } from './commands/invite.js';
import type { CliCommand } from './commands/types.js';
import { UsageError, UserError, createCliContext, type CliContext, type CliContextOptions } from './context.js';

export const COMMANDS: readonly CliCommand[] = [
  importCommand,
  exportCommand,
  importIndicatorsCommand,
  exportIndicatorsCommand,
  inviteCommand,
  adminCommand,
  demoCommand,
  backupCommand,
  restoreCommand,
];

export function generalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `Công cụ quản trị bot Đảng bộ Khối

Cách dùng: npm run cli -- <lệnh> [tham số]

Các lệnh:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Ví dụ:
  npm run cli -- import danh-sach.xlsx --dry-run
  npm run cli -- import danh-sach.xlsx
  npm run cli -- export danh-sach.xlsx
  npm run cli -- import-indicators chi-tieu.xlsx --dry-run
  npm run cli -- export-indicators chi-tieu.xlsx --term 2020-2025
  npm run cli -- invite member DV0001 --days 14
  npm run cli -- invite branch CB01 --role secretary
  npm run cli -- admin add 123456789 --name "Nguyễn Thị Lan"
  npm run cli -- backup backups/bot-2025-06-30.sqlite

Xem chi tiết một lệnh: npm run cli -- <lệnh> --help
Biến môi trường (đọc cả tệp .env): DATABASE_PATH (mặc định ./data/bot.sqlite),
TIMEZONE (mặc định Asia/Ho_Chi_Minh), BOT_USERNAME (khi bot chưa chạy lần nào).
Mã thoát: 0 thành công; 1 dữ liệu hoặc trạng thái không đúng; 2 sai cú pháp lệnh.`;
}

/** Runs one command line against the given context and returns the exit code. */
export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const help = generalHelp();
    if (name === undefined) {
      ctx.err(help);
      return 2;
    }
    ctx.out(help);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    ctx.err(`Không có lệnh "${name}". Các lệnh: ${COMMANDS.map((c) => c.name).join(', ')}. Xem: npm run cli -- --help`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    ctx.out(command.help);
    return 0;
  }
  try {
    await command.run(ctx, args);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      ctx.err(`${error.message}. Xem: npm run cli -- ${error.command ?? name} --help`);
      return 2;
    }
    if (error instanceof UserError) {
      ctx.err(error.message);
      return 1;
    }
    throw error;
  } finally {
    ctx.close();
  }
}

/** Builds the context from the environment (after .env) and runs; unexpected errors exit 1 with the message. */
export async function main(argv: readonly string[], options: CliContextOptions = {}): Promise<number> {
  let ctx: CliContext;
  try {
    loadEnvFile();
    ctx = createCliContext(options);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
  try {
    return await runCli(argv, ctx);
  } catch (error) {
    ctx.err(`Lỗi không mong đợi: ${(error as Error).message}`);
    if (process.env.DEBUG) ctx.err(String((error as Error).stack));
    return 1;
  }
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) process.exitCode = await main(process.argv.slice(2));
