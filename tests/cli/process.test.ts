/** The real CLI as a process: wiring, environment, output streams and exit codes. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, writeCsvFile } from './helpers.js';

const ROOT = resolve(import.meta.dirname, '../..');
let dir: string;
let dbPath: string;

/**
 * Runs the compiled CLI, `node dist/src/cli/main.js` (the tests' global setup builds it), as
 * `npm run cli` does without npm and its build check first. `viaNpm` goes the way the README says, once.
 */
function cli(...args: string[]) {
  return run(process.execPath, ['dist/src/cli/main.js', ...args]);
}

function viaNpm(...args: string[]) {
  return run('npm', ['run', '-s', 'cli', '--', ...args]);
}

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_PATH: dbPath, BOT_USERNAME: 'khoi_test_bot', TIMEZONE: 'Asia/Ho_Chi_Minh' },
    timeout: 60_000,
  });
  // npm may warn about the user's npmrc on stderr: only our own lines matter.
  const stderr = result.stderr
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('npm warn'))
    .join('\n');
  return { code: result.status, stdout: result.stdout, stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cli-process-'));
  dbPath = join(dir, 'data', 'bot.sqlite');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the CLI as a process (node dist/src/cli/main.js)', { timeout: 120_000 }, () => {
  it('prints the help in Vietnamese (exit 0), and exits 2 on usage errors', () => {
    const help = viaNpm('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Cách dùng: npm run cli -- <lệnh> [tham số]');
    expect(help.stdout).toContain('import');
    expect(help.stdout).toContain('restore');

    const none = cli();
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Các lệnh:');

    const unknown = cli('xoa-het');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('Không có lệnh "xoa-het". Các lệnh: import, export, import-indicators, export-indicators, invite, admin, demo, backup, restore. Xem: npm run cli -- --help');

    const importHelp = cli('import', '--help');
    expect(importHelp.code).toBe(0);
    expect(importHelp.stdout).toContain('--dry-run');
  });

  it('runs against DATABASE_PATH: demo, refusal, import errors, invite', () => {
    const demo = cli('demo');
    expect(demo.stderr).toBe('');
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain('300 đảng viên');

    const again = cli('demo');
    expect(again.code).toBe(1);
    expect(again.stderr.split('\n')).toHaveLength(1);
    expect(again.stderr).toContain('đã có 21 tổ chức đảng');

    const bad = writeCsvFile(join(dir, 'bad.csv'), ['Mã đảng viên;Họ và tên;Mã chi bộ', 'DV0500;;CB01', 'DV0501;Lê Văn Tám;CB77']);
    const imported = cli('import', bad);
    expect(imported.code).toBe(1);
    expect(imported.stderr.split('\n')).toEqual([
      'Tệp bad.csv, dòng 2: thiếu họ và tên',
      'Tệp bad.csv, dòng 3: tổ chức đảng "CB77" không có trong tệp và trong cơ sở dữ liệu',
      'Tệp có 2 lỗi ở 2 dòng; chưa ghi gì vào cơ sở dữ liệu. Sửa các dòng trên rồi nhập lại.',
    ]);

    const good = cli('import', join(FIXTURES, 'chi-bo.csv'), '--dry-run');
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('sẽ tạo mới 3, sẽ cập nhật 1, không đổi 1');

    const invite = cli('invite', 'member', 'DV0001');
    expect(invite.code).toBe(0);
    expect(invite.stdout).toMatch(/Đường dẫn: https:\/\/t\.me\/khoi_test_bot\?start=[A-Za-z0-9_-]{16}/);
  });
});
