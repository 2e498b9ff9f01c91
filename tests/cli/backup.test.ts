import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/db/connection.js';
import { TestBot } from '../helpers/app.js';
import { makeCli, writeCsvFile, type TestCli } from './helpers.js';

let cli: TestCli;
beforeEach(async () => {
  cli = makeCli();
  expect((await cli.run('demo')).code).toBe(0);
}, 60_000); // the demo bloc takes a few seconds on a busy machine
afterEach(() => cli.cleanup());

describe('backup and restore', () => {
  it('backs up, and restore brings the data back, keeping the replaced database aside', async () => {
    const backupFile = join(cli.dir, 'backups', 'bot-2025-06-30.sqlite');
    const b = await cli.run('backup', backupFile);
    expect(b.err).toBe('');
    expect(b.code).toBe(0);
    expect(b.out).toMatch(/^Đã sao lưu .* \(\d+,\d [KM]B\): 21 tổ chức đảng, 300 đảng viên\./);
    expect(statSync(backupFile).size).toBeGreaterThan(0);
    expect((await cli.run('backup', backupFile)).code).toBe(1); // never overwrites

    // Change things after the backup: a rename and a new member.
    const change = writeCsvFile(cli.path('change.csv'), ['Mã đảng viên;Họ và tên;Mã chi bộ', 'DV0301;Lý Thị Mới;CB01']);
    expect((await cli.run('import', change)).code).toBe(0);
    const { services } = cli.open();
    services.branches.rename(services.branches.getByCode('CB01')!.id, 'Chi bộ Đổi Tên', cli.ctx.actor);
    cli.ctx.close();

    const r = await cli.run('restore', backupFile);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('cơ sở dữ liệu của bot, nguyên vẹn; 21 tổ chức đảng, 300 đảng viên');
    expect(r.out).toContain('Lược đồ đã ở phiên bản mới nhất.');
    expect(r.out).toContain('Xong: hiện có 21 tổ chức đảng, 300 đảng viên.');

    const restored = cli.open().services;
    expect(restored.members.getByCode('DV0301')).toBeNull();
    expect(restored.members.listAll()).toHaveLength(300);
    expect(restored.branches.getByCode('CB01')!.name).toBe('Chi bộ Ban Tuyên giáo Tỉnh ủy');

    // The database it replaced is kept, with the changes made after the backup.
    const kept = readdirSync(cli.dir).filter((f) => f.startsWith('bot.sqlite.before-restore-'));
    expect(kept).toEqual(['bot.sqlite.before-restore-20250630-100000']);
    expect(r.out).toContain(`Đã giữ bản hiện tại: ${join(cli.dir, kept[0]!)}`);
    const old = new Database(join(cli.dir, kept[0]!), { readonly: true });
    try {
      expect(old.prepare("select name from branches where code = 'CB01'").pluck().get()).toBe('Chi bộ Đổi Tên');
      expect(old.prepare('select count(*) from members').pluck().get()).toBe(301);
    } finally {
      old.close();
    }
    expect(readdirSync(cli.dir).some((f) => f.includes('.restore-'))).toBe(false);
  });

  it('refuses while the database is in use by a running bot', async () => {
    const backupFile = cli.path('b.sqlite');
    await cli.run('backup', backupFile);
    const bot = openDatabase(cli.dbPath);
    try {
      bot.$client.prepare('select count(*) from members').get();
      const r = await cli.run('restore', backupFile);
      expect(r.code).toBe(1);
      expect(r.err).toContain('đang được dùng (bot đang chạy?): vui lòng dừng bot trước khi khôi phục');
      expect(readdirSync(cli.dir).filter((f) => f.includes('before-restore') || f.includes('.restore-'))).toEqual([]);
      // The bot's database is untouched and still usable.
      expect(bot.$client.prepare('select count(*) from members').pluck().get()).toBe(300);
    } finally {
      closeDatabase(bot);
    }
  });

  it('refuses while the bot runs on the database, naming its process; restores once it has stopped', async () => {
    const backupFile = cli.path('b.sqlite');
    await cli.run('backup', backupFile);
    cli.ctx.close();
    const t = await TestBot.start({ databasePath: cli.dbPath });
    try {
      const r = await cli.run('restore', backupFile);
      expect(r.code).toBe(1);
      expect(r.err).toBe(
        `Bot đang chạy trên cơ sở dữ liệu ${cli.dbPath} (tiến trình ${process.pid}, từ 14h00 23/11/2026): vui lòng dừng bot trước khi khôi phục`,
      );
      expect(readdirSync(cli.dir).filter((f) => f.includes('before-restore') || f.includes('.restore-'))).toEqual([]);
    } finally {
      await t.stop();
    }
    const r = await cli.run('restore', backupFile);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it('refuses files that are not a database of this bot', async () => {
    const text = cli.path('notes.sqlite');
    writeFileSync(text, 'this is not a database, just some text that is long enough to look like a file');
    const r1 = await cli.run('restore', text);
    expect(r1.code).toBe(1);
    expect(r1.err).toBe('"notes.sqlite" không phải tệp cơ sở dữ liệu SQLite hợp lệ');

    const other = cli.path('other.sqlite');
    const db = new Database(other);
    db.exec('create table things (id integer primary key)');
    db.close();
    const r2 = await cli.run('restore', other);
    expect(r2.code).toBe(1);
    expect(r2.err).toContain('không phải cơ sở dữ liệu của bot này');

    expect((await cli.run('restore', cli.path('missing.sqlite'))).code).toBe(1);
    expect(cli.open().services.members.listAll()).toHaveLength(300);
    expect(readdirSync(cli.dir).filter((f) => f.includes('before-restore') || f.includes('.restore-'))).toEqual([]);
  });

  it('restores into a path that has no database yet', async () => {
    const backupFile = cli.path('b.sqlite');
    await cli.run('backup', backupFile);
    const fresh = makeCli();
    try {
      const target = join(fresh.dir, 'new', 'bot.sqlite');
      const { createCliContext } = await import('../../src/cli/context.js');
      const { runCli } = await import('../../src/cli/main.js');
      const out: string[] = [];
      const ctx = createCliContext({ env: { DATABASE_PATH: target }, out: (l) => out.push(l), err: (l) => out.push(l) });
      expect(await runCli(['restore', backupFile], ctx)).toBe(0);
      expect(out.join('\n')).toContain('không có gì cần giữ lại');
      expect(existsSync(target)).toBe(true);
      const db = openDatabase(target);
      expect(db.$client.prepare('select count(*) from members').pluck().get()).toBe(300);
      closeDatabase(db);
    } finally {
      fresh.cleanup();
    }
  });
});
