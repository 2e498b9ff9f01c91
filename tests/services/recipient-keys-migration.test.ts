/**
 * The migration that renames recipients in dedupe keys (chat id → 'm<member>' / 'c<chat row>'): a
 * database made before it, with reminders already queued or sent under the old keys (one of them
 * already moved to a supergroup), is migrated; the planner then finds every reminder and adds none.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { Translator } from '../../src/bot/i18n.js';
import { MeetingRenderer } from '../../src/bot/render/meeting.js';
import { NoticeRenderer } from '../../src/bot/render/notice.js';
import { ManualClock } from '../../src/clock.js';
import { MIGRATIONS_FOLDER, openDatabase } from '../../src/db/connection.js';
import { outbox } from '../../src/db/schema.js';
import { SYSTEM } from '../../src/services/actor.js';
import { createServices } from '../../src/services/index.js';
import { seedSmallBloc, tempDir } from '../helpers/db.js';
import { migrationsBefore } from '../helpers/migrations.js';

const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);

interface Journal {
  entries: { idx: number; tag: string }[];
}

/**
 * Columns that migrations after `tag` add (`ALTER TABLE … ADD …`): today's services read and write
 * them, so the old database gets them while the test writes its data through the services, and
 * loses them again before the real migrations run.
 */
function laterColumns(tag: string): { table: string; column: string; add: string }[] {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as Journal;
  const cut = journal.entries.findIndex((e) => e.tag.endsWith(tag));
  const out: { table: string; column: string; add: string }[] = [];
  for (const e of journal.entries.slice(cut + 1)) {
    const sql = readFileSync(join(MIGRATIONS_FOLDER, `${e.tag}.sql`), 'utf8');
    for (const m of sql.matchAll(/ALTER TABLE `(\w+)` ADD `(\w+)`[^;]*;/g)) out.push({ table: m[1]!, column: m[2]!, add: m[0] });
  }
  return out;
}

describe('migration: recipients in dedupe keys', () => {
  it('rewrites queued and sent keys, for members and groups (also one already moved to its supergroup); the planner then adds nothing', () => {
    const path = join(tempDir(), 'bot.sqlite');
    const db = openDatabase(path, { migrate: false });
    migrate(db, { migrationsFolder: migrationsBefore('_recipient_keys') });
    const later = laterColumns('_recipient_keys');
    for (const c of later) db.run(sql.raw(c.add));
    const clock = new ManualClock('2026-11-23T07:00:00Z');
    const translator = new Translator();
    const s = createServices(db, clock, { meetingMessages: new MeetingRenderer(translator, 'Asia/Ho_Chi_Minh'), noticeMessages: new NoticeRenderer(translator) });
    const bloc = seedSmallBloc(s);
    s.members.linkTelegram(bloc.cellSecretary.id, { id: 105 }, SYSTEM);
    s.members.linkTelegram(bloc.cellMember.id, { id: 106 }, SYSTEM);
    for (const [id, title] of [[-300, 'Nhóm CB02'], [-301, 'Nhóm CB02 (2)']] as const) {
      s.chats.recordPresent({ id, type: 'group', title }, null, SYSTEM);
      s.chats.link(id, bloc.cell.id, SYSTEM);
    }
    const draft = s.meetings.createDraft({ branchId: bloc.cell.id, kind: 'regular', title: 'Sinh hoạt chi bộ', startsAt: at('2026-12-03 14:30') }, bloc.cellSecretary.id, SYSTEM);
    const m = s.meetings.confirm(draft.id, bloc.cellSecretary.id, SYSTEM);
    if (!m.ok) throw new Error(m.reason);
    clock.set(at('2026-12-02 14:26'));
    expect(s.meetingNotifier.plan()).toBe(4 + 1); // two groups, two members, the no-documents nudge

    // What the code before the migration wrote: the chat id at the end of every key.
    const rows = () => db.select().from(outbox).orderBy(outbox.id).all();
    const expected = new Map(rows().map((r) => [r.id, r.dedupeKey]));
    for (const r of rows()) {
      db.update(outbox).set({ dedupeKey: r.dedupeKey.replace(/:[mc]\d+$/, `:${r.chatId}`) }).where(eq(outbox.id, r.id)).run();
    }
    expect(rows().filter((r) => /:[mc]\d+$/.test(r.dedupeKey))).toEqual([]);
    // The announcements were sent; the second group became a supergroup and its reminder moved there.
    for (const r of rows().filter((r) => r.dedupeKey.includes(':new:'))) s.outbox.markSent(r.id, 1);
    s.chats.migrate(-301, -1001000000301, SYSTEM);
    s.outbox.retarget(-301, -1001000000301);
    const moved = rows().find((r) => r.chatId === -1001000000301 && r.dedupeKey.includes(':r:'));
    expect(moved?.dedupeKey.endsWith(':-301')).toBe(true);

    for (const c of later) db.run(sql.raw(`ALTER TABLE \`${c.table}\` DROP COLUMN \`${c.column}\``));
    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    expect(new Map(rows().map((r) => [r.id, r.dedupeKey]))).toEqual(expected);
    expect(moved && rows().find((r) => r.id === moved.id)!.dedupeKey).toBe(`meeting:${m.meeting.id}:r:${m.meeting.startsAt.getTime()}:1440:c${s.chats.get(-301)!.id}`);
    // Every reminder is found under its new key: nothing is queued twice.
    for (let i = 0; i < 3; i++) {
      expect(s.meetingNotifier.plan()).toBe(0);
      clock.advance(30_000);
    }
    expect(rows()).toHaveLength(expected.size);
  });
});
