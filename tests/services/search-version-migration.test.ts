/**
 * Migration 0014 (search_version): a database made before it, with branches, members, a meeting and
 * a notice already indexed, is migrated; search then finds what was there, and what any SQLite
 * client writes afterwards, though the same searches ran just before the write.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { openDatabase } from '../../src/db/connection.js';
import { SYSTEM } from '../../src/services/actor.js';
import { createServices } from '../../src/services/index.js';
import { tempDir } from '../helpers/db.js';
import { migrationsBefore } from '../helpers/migrations.js';

describe('migration: search_version', () => {
  it('keeps the index of an existing database, and a search run before another client writes finds what it wrote', () => {
    const path = join(tempDir(), 'bot.sqlite');
    const old = openDatabase(path, { migrate: false });
    migrate(old, { migrationsFolder: migrationsBefore('_search_version') });
    // Written as the release before it would: plain SQL, indexed by the triggers of 0008.
    const sqlite = old.$client;
    const cell = sqlite.prepare("insert into branches (code, name, kind) values ('CB01', 'Chi bộ Trường Đại học Đông Đô', 'cell')").run().lastInsertRowid;
    const member = sqlite.prepare("insert into members (code, full_name, branch_id) values ('DV001', 'Đỗ Thị Đào', ?)").run(cell).lastInsertRowid;
    sqlite
      .prepare("insert into meetings (branch_id, kind, title, starts_at, duration_minutes, location, status) values (?, 'regular', 'Sinh hoạt chuyên đề quý IV', ?, 90, 'Hội trường', 'scheduled')")
      .run(cell, Date.parse('2026-12-10T02:00:00Z'));
    const author = sqlite.prepare("insert into members (code, full_name, branch_id) values ('DV002', 'Lê Văn Bình', ?)").run(cell).lastInsertRowid;
    const notice = sqlite
      .prepare("insert into notices (author_member_id, audience, kind, body, title, status) values (?, '{}', 'text', 'Học tập nghị quyết', 'Thông báo học tập', 'draft')")
      .run(author).lastInsertRowid;
    sqlite.prepare('insert into notice_recipients (notice_id, member_id, branch_id) values (?, ?, ?)').run(notice, member, cell);
    sqlite.prepare("update notices set status = 'sent' where id = ?").run(notice);
    old.$client.close();

    const db = openDatabase(path);
    const s = createServices(db, new ManualClock('2026-11-23T07:00:00Z'));
    const office = s.members.addAdmin(99, 'Văn phòng', SYSTEM);
    const viewer = s.members.getById(Number(member))!;
    const titles = (q: string, who = viewer) => {
      const r = s.search.search(q, who);
      if (!r.ok) throw new Error(r.reason);
      return r.hits.map((h) => `${h.kind}:${h.title}`);
    };
    expect(titles('sinh hoat chuyen de')).toEqual(['meeting:Sinh hoạt chuyên đề quý IV']);
    expect(titles('hoc tap nghi quyet')).toEqual(['notice:Thông báo học tập']);
    expect(titles('dong do', office)).toEqual(['branch:Chi bộ Trường Đại học Đông Đô']);
    // The index behind a member's notices now holds the notice too.
    expect(db.$client.prepare("select name from pragma_index_info('notice_recipients_member_idx')").pluck().all()).toEqual(['member_id', 'notice_id']);

    // Another client (no function of the bot's) writes after these searches: they find it.
    const plain = new Database(path);
    try {
      plain
        .prepare("insert into meetings (branch_id, kind, title, starts_at, duration_minutes, location, status) values (?, 'thematic', 'Sinh hoạt chuyên đề chuyển đổi số', ?, 90, 'Hội trường', 'scheduled')")
        .run(cell, Date.parse('2026-12-17T02:00:00Z'));
      plain.prepare("update branches set name = 'Chi bộ Trường Đại học Đông Đô mới' where id = ?").run(cell);
    } finally {
      plain.close();
    }
    expect(titles('sinh hoat chuyen de').sort()).toEqual(['meeting:Sinh hoạt chuyên đề chuyển đổi số', 'meeting:Sinh hoạt chuyên đề quý IV']);
    expect(titles('dong do moi', office)).toEqual(['branch:Chi bộ Trường Đại học Đông Đô mới']);
  });
});
