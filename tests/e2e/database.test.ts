/**
 * The database file shared with other processes: the CLI writing while the bot runs, and any other
 * SQLite client (the sqlite3 shell, drizzle-kit studio) writing the bot's tables.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/services/actor.js';
import { privateChat, user } from '../fake-telegram/updates.js';
import { TestBot } from '../helpers/app.js';
import { seedSmallBloc, testDb } from '../helpers/db.js';

const SQLITE3_SHELL = '/usr/bin/sqlite3';

/** How deep parentheses nest in a statement, string literals aside. */
function nesting(sql: string): number {
  let depth = 0;
  let deepest = 0;
  let quoted = false;
  for (const ch of sql) {
    if (ch === "'") quoted = !quoted;
    else if (!quoted && ch === '(') deepest = Math.max(deepest, ++depth);
    else if (!quoted && ch === ')') depth--;
  }
  return deepest;
}

/**
 * Another process (as a CLI import does) takes the write lock, writes, and keeps it for `ms`.
 * Resolves once the lock is held, with a promise of its commit.
 */
async function holdWriteLock(databasePath: string, ms: number): Promise<{ committed: Promise<void> }> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.pragma('busy_timeout = 5000');
    db.exec('BEGIN IMMEDIATE');
    db.prepare("insert into kv (key, value, updated_at) values ('other-process', '1', 0)").run();
    process.stdout.write('locked\\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.argv[2]));
    db.exec('COMMIT');
  `;
  const child = spawn(process.execPath, ['-e', script, databasePath, String(ms)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const committed = new Promise<void>((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`lock holder exited with ${code}`)))),
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
    child.on('exit', (code) => reject(new Error(`lock holder exited with ${code} before locking`)));
  });
  return { committed };
}

describe('the database shared with other processes (end to end)', () => {
  let t: TestBot | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });

  it('a write of the bot waits for another process that holds the write lock, instead of failing', async () => {
    t = await TestBot.start();
    const bloc = seedSmallBloc(t.services);
    const invite = t.services.invites.createForMember(bloc.cellMember.id, {}, SYSTEM);
    const tg = user(7101);
    // Redeeming reads the invite, then writes: begun DEFERRED, its write would meet the lock with a
    // stale snapshot and fail at once with SQLITE_BUSY.
    const other = await holdWriteLock(t.databasePath, 700);
    const started = Date.now();
    const reply = await t.say(tg, privateChat(tg), `/start ${invite.code}`);
    await other.committed;
    expect(reply).toContain('Đã liên kết tài khoản Telegram với đảng viên <b>Hoàng Minh Em</b>');
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(t.services.members.findByTelegramId(7101)?.id).toBe(bloc.cellMember.id);
    expect(t.logLines.join('')).not.toContain('SQLITE_BUSY');
  });

  it('any SQLite client can write branches, members, meetings and notices, and the bot finds them', async () => {
    const office = user(7201);
    const member = user(7202);
    t = await TestBot.start({ adminIds: [office.id] });
    const bloc = seedSmallBloc(t.services);
    t.services.members.linkTelegram(bloc.cellMember.id, { id: member.id }, SYSTEM);

    // Searched before the writes: what the bot keeps of the index must not hide what another client writes next.
    expect(await t.say(office, privateChat(office), '/tim dong do')).toContain('Không tìm thấy kết quả');
    expect(await t.say(member, privateChat(member), '/tim de nghi doc ky')).toContain('Không tìm thấy kết quả');

    // A connection as the sqlite3 shell or drizzle-kit studio opens it: none of the bot's SQL functions.
    const plain = new Database(t.databasePath);
    try {
      plain.pragma('busy_timeout = 5000');
      plain.prepare("insert into branches (code, name, kind) values ('CB09', 'Chi bộ Trường Đại học Đông Đô', 'cell')").run();
      plain.prepare("update branches set name = 'Chi bộ Công ty TNHH Đồng Tháp' where code = 'CB02'").run();
      plain.prepare("insert into members (code, full_name, branch_id) values ('DV0100', 'Đỗ Thị Đào', ?)").run(bloc.cell.id);
      plain.prepare("update members set full_name = 'Lê Văn Đức' where code = 'DV003'").run();
      plain
        .prepare(
          "insert into meetings (branch_id, kind, title, starts_at, duration_minutes, location, status) values (?, 'briefing', 'Hội nghị quán triệt Nghị quyết', ?, 90, 'Phòng họp Đống Đa', 'scheduled')",
        )
        .run(bloc.cell.id, Date.parse('2026-12-10T02:00:00Z'));
      const notice = plain
        .prepare(
          "insert into notices (author_member_id, audience, kind, body, title, status) values (?, '{}', 'text', ?, 'Đề nghị đọc kỹ văn bản', 'draft')",
        )
        .run(bloc.cellSecretary.id, '<b>Đề nghị</b> các đồng chí <a href="https://vp.example.vn/tai-lieu?a=1&amp;b=2">đọc kỹ</a> văn bản');
      plain.prepare('insert into notice_recipients (notice_id, member_id, branch_id) values (?, ?, ?)').run(notice.lastInsertRowid, bloc.cellMember.id, bloc.cell.id);
      plain.prepare("update notices set status = 'sent' where id = ?").run(notice.lastInsertRowid);
      plain.prepare("update meetings set location = 'Phòng họp Đống Đa, tầng 2' where title = 'Hội nghị quán triệt Nghị quyết'").run();
    } finally {
      plain.close();
    }

    const o = privateChat(office);
    for (const q of ['dong do', 'Đông Đô', 'DONG DO'])
      expect(await t.say(office, o, `/tim ${q}`)).toContain('Chi bộ Trường Đại học Đông Đô');
    expect(await t.say(office, o, '/tim do thi dao')).toContain('Đỗ Thị Đào');
    expect(await t.say(office, o, '/tim van đuc')).toContain('Lê Văn Đức');
    expect(await t.say(office, o, '/tim dong da tang')).toContain('Hội nghị quán triệt Nghị quyết');
    // The notice's tags are not words of it.
    expect(await t.say(office, o, '/tim href')).toContain('Không tìm thấy kết quả');

    // A member's search ranks its matches itself: the same finds, folded the same way.
    const m = privateChat(member);
    expect(await t.say(member, m, '/tim de nghi doc ky')).toContain('Đề nghị đọc kỹ văn bản');
    expect(await t.say(member, m, '/tim Đồng Tháp')).toContain('Chi bộ Công ty TNHH Đồng Tháp');
    expect(await t.say(member, m, '/tim quán triệt')).toContain('Hội nghị quán triệt Nghị quyết');
  });

  it('no statement of the schema nests deeper than a default SQLite parser takes', () => {
    // The sqlite3 shell's parser (YYSTACKDEPTH 100) overflowed on 0008's 32 nested replace() calls
    // and refused to open the database at all; better-sqlite3's parser grows, so only this shows it.
    const { db } = testDb('2026-11-23T02:00:00Z');
    const schema = db.$client.prepare<[], { name: string; sql: string | null }>('select name, sql from sqlite_master').all();
    const deepest = schema.map(({ name, sql }) => ({ name, depth: nesting(sql ?? '') })).sort((a, b) => b.depth - a.depth)[0];
    expect(deepest?.depth).toBeGreaterThan(10);
    expect(deepest?.depth, deepest?.name).toBeLessThanOrEqual(20);
  });

  it.skipIf(!existsSync(SQLITE3_SHELL))('the sqlite3 shell opens the database, writes a notice, and the bot finds it', async () => {
    const office = user(7211);
    t = await TestBot.start({ adminIds: [office.id] });
    const bloc = seedSmallBloc(t.services);
    // Timestamps given: the columns' default, unixepoch('subsec'), needs SQLite 3.42 (Debian 12's shell is 3.40).
    const sql = `
      insert into notices (author_member_id, audience, kind, body, title, status, created_at, updated_at)
        values (${bloc.cellSecretary.id}, '{}', 'text', '<b>Đề nghị</b> <i>nộp</i> báo cáo quý', 'Báo cáo quý IV', 'draft', 0, 0);
      update notices set status = 'sent' where title = 'Báo cáo quý IV';
      select count(*) from notices;`;
    expect(execFileSync(SQLITE3_SHELL, ['-bail', t.databasePath, sql], { encoding: 'utf8' }).trim()).toMatch(/^\d+$/);
    expect(await t.say(office, privateChat(office), '/tim nop bao cao')).toContain('Báo cáo quý IV');
  });

  it('the scheduler, finding every occurrence of the series already there, writes nothing: an import holding the lock does not stop it', () => {
    const { services, path } = testDb('2026-11-23T02:00:00Z');
    const bloc = seedSmallBloc(services);
    const draft = services.meetings.createDraft(
      {
        branchId: bloc.cell.id,
        kind: 'regular',
        title: 'Sinh hoạt chi bộ hằng tháng',
        startsAt: new Date('2026-12-03T07:30:00Z'),
        location: 'Hội trường',
        rule: { freq: 'monthly', day: 3 },
      },
      bloc.cellSecretary.id,
      SYSTEM,
    );
    expect(services.meetings.confirm(draft.id, bloc.cellSecretary.id, SYSTEM).ok).toBe(true);
    // Another connection holds the write lock, as an import does; a write would wait 5 s, then fail.
    const importer = new Database(path);
    importer.exec('BEGIN IMMEDIATE');
    try {
      const started = performance.now();
      expect(services.meetings.materialiseAll()).toBe(0);
      // It did not wait for the lock: that would take the 5-second busy timeout (half of it as the
      // bound, as the machine may be loaded).
      expect(performance.now() - started).toBeLessThan(2_500);
    } finally {
      importer.exec('ROLLBACK');
      importer.close();
    }
  });
});
