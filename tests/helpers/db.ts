import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src/clock.js';
import { openDatabase, type Db } from '../../src/db/connection.js';
import { SYSTEM } from '../../src/services/actor.js';
import { createServices, type Services } from '../../src/services/index.js';
import type { Meeting, MeetingInput } from '../../src/services/meetings.js';
import type { Member } from '../../src/services/members.js';

export function tempDir(prefix = 'bloc-bot-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface TestDb {
  db: Db;
  services: Services;
  clock: ManualClock;
  path: string;
}

/** A fresh migrated database in a temp folder, with services on a manual clock. */
export function testDb(start = '2026-11-23T02:00:00Z'): TestDb {
  const path = join(tempDir(), 'bot.sqlite');
  const db = openDatabase(path);
  const clock = new ManualClock(start);
  return { db, services: createServices(db, clock), clock, path };
}

/** A small bloc: a committee with one subcell, a cell, one cluster, a few members. */
export function seedSmallBloc(services: Services) {
  const cluster = services.branches.upsertCluster({ code: 'K1', name: 'Khối các cơ quan Đảng' }, SYSTEM);
  const committee = services.branches.upsert(
    { code: 'DB01', name: 'Đảng bộ Sở <Tài chính>', kind: 'committee', clusterId: cluster.id },
    SYSTEM,
  ).branch;
  const subcell = services.branches.upsert(
    { code: 'DB01-01', name: 'Chi bộ Phòng Ngân sách', kind: 'subcell', parentId: committee.id, clusterId: cluster.id },
    SYSTEM,
  ).branch;
  const cell = services.branches.upsert(
    { code: 'CB02', name: 'Chi bộ Công ty TNHH A&B', shortName: 'A&B', kind: 'cell', clusterId: cluster.id },
    SYSTEM,
  ).branch;
  const m = services.members;
  const secretary = m.create({ code: 'DV001', fullName: 'Nguyễn Văn An', branchId: committee.id, roles: ['member', 'secretary'] }, SYSTEM);
  const deputy = m.create({ code: 'DV002', fullName: 'Trần Thị Bình', branchId: committee.id, roles: ['member', 'deputy'] }, SYSTEM);
  const member = m.create({ code: 'DV003', fullName: 'Lê Văn Cường', branchId: committee.id, roles: ['member'] }, SYSTEM);
  const subMember = m.create({ code: 'DV004', fullName: 'Phạm Thị Dung', branchId: subcell.id, roles: ['member'] }, SYSTEM);
  const cellSecretary = m.create({ code: 'DV005', fullName: 'Đặng Quốc Đạt', branchId: cell.id, roles: ['member', 'secretary'] }, SYSTEM);
  const cellMember = m.create({ code: 'DV006', fullName: 'Hoàng Minh Em', branchId: cell.id, roles: ['member'] }, SYSTEM);
  return { cluster, committee, subcell, cell, secretary, deputy, member, subMember, cellSecretary, cellMember };
}

/**
 * A text notice from `author` to every member of the bloc, privately, asking for acknowledgement,
 * confirmed: the Sender sends it when it next looks (wake it to start at once). Returns its id.
 */
export function confirmBlocNotice(services: Services, author: Member, text: { title: string; body: string }): number {
  const draft = services.notices.createDraft(
    author,
    { kind: 'text', ...text, requireAck: true, audience: { scope: { type: 'bloc' }, people: 'all', channel: 'private' }, scheduledAt: null },
    SYSTEM,
  );
  const confirmed = services.notices.confirm(draft.id, author, SYSTEM);
  if (!confirmed.ok) throw new Error(confirmed.reason);
  return draft.id;
}

/** A meeting drafted and confirmed by member `by` through the service, as /taolich would; throws if refused. */
export function confirmMeeting(services: Services, input: MeetingInput, by: number): Meeting {
  const draft = services.meetings.createDraft(input, by, SYSTEM);
  const confirmed = services.meetings.confirm(draft.id, by, SYSTEM);
  if (!confirmed.ok) throw new Error(confirmed.reason);
  return confirmed.meeting;
}
