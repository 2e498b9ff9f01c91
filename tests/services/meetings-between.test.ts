/**
 * MeetingService.between, which every /lichhop runs: its statement is prepared once per shape (how
 * many branches, with or without the bloc's own meetings), with the branch filter written so that
 * SQLite walks the branches' own meetings. Every shape must still select exactly the scheduled
 * meetings of those branches (and the bloc's when asked) in [from, to), in time order.
 */
import { eq, inArray } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { meetings } from '../../src/db/schema.js';
import { SYSTEM } from '../../src/services/actor.js';
import type { Meeting } from '../../src/services/meetings.js';
import type { Services } from '../../src/services/index.js';
import { seedSmallBloc, testDb, type TestDb } from '../helpers/db.js';

const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);

describe('MeetingService.between', () => {
  let s: Services;
  let t: TestDb;
  let bloc: ReturnType<typeof seedSmallBloc>;
  const titles = (list: Meeting[]) => list.map((m) => m.title);

  beforeEach(() => {
    t = testDb('2026-11-23T07:00:00Z');
    s = t.services;
    bloc = seedSmallBloc(s);
    const record = (branchId: number | null, title: string, when: string) =>
      s.meetings.recordKnown({ branchId, kind: 'regular', title, startsAt: at(when) }, null, SYSTEM)[0]!;
    record(bloc.committee.id, 'committee 1/12', '2026-12-01 08:00');
    record(bloc.subcell.id, 'subcell 2/12', '2026-12-02 08:00');
    record(bloc.cell.id, 'cell 1/12', '2026-12-01 07:00');
    record(null, 'bloc 3/12', '2026-12-03 08:00');
    record(bloc.cell.id, 'cell 1/12 same time', '2026-12-01 07:00');
    const cancelled = record(bloc.subcell.id, 'subcell cancelled', '2026-12-02 09:00');
    s.meetings.cancel(cancelled.id, SYSTEM);
    record(bloc.subcell.id, 'subcell at the end', '2026-12-10 08:00');
    record(bloc.subcell.id, 'subcell before', '2026-11-30 23:59');
  });

  const from = at('2026-12-01 00:00');
  const to = at('2026-12-10 08:00');

  it('the branches and the bloc', () => {
    expect(titles(s.meetings.between(from, to, [bloc.subcell.id, bloc.committee.id], true))).toEqual(['committee 1/12', 'subcell 2/12', 'bloc 3/12']);
  });

  it('the branches only', () => {
    expect(titles(s.meetings.between(from, to, [bloc.subcell.id, bloc.committee.id], false))).toEqual(['committee 1/12', 'subcell 2/12']);
    expect(titles(s.meetings.between(from, to, [bloc.cell.id], false))).toEqual(['cell 1/12', 'cell 1/12 same time']);
  });

  it('no branch: the bloc, or nothing', () => {
    expect(titles(s.meetings.between(from, to, [], true))).toEqual(['bloc 3/12']);
    expect(s.meetings.between(from, to, [], false)).toEqual([]);
  });

  it('every branch', () => {
    expect(titles(s.meetings.between(from, to, null))).toEqual(['cell 1/12', 'cell 1/12 same time', 'committee 1/12', 'subcell 2/12', 'bloc 3/12']);
  });

  it('the same shape again with other branches and instants (the prepared statement takes new values)', () => {
    expect(titles(s.meetings.between(from, to, [bloc.cell.id], true))).toEqual(['cell 1/12', 'cell 1/12 same time', 'bloc 3/12']);
    expect(titles(s.meetings.between(at('2026-11-30 00:00'), at('2026-12-11 00:00'), [bloc.subcell.id], true))).toEqual([
      'subcell before',
      'subcell 2/12',
      'bloc 3/12',
      'subcell at the end',
    ]);
    expect(titles(s.meetings.between(from, to, [bloc.cell.id], false))).toEqual(['cell 1/12', 'cell 1/12 same time']);
  });

  it('gives each meeting exactly as drizzle reads its row: every column, dates, booleans and documents', () => {
    // A meeting with every optional column set, documents included.
    const full = s.meetings.recordKnown(
      { branchId: bloc.cell.id, kind: 'thematic', title: 'Chuyên đề <đầy đủ>', startsAt: at('2026-12-05 14:30'), location: 'Hội trường', agenda: 'Học tập', combinedThematic: true },
      null,
      SYSTEM,
    )[0]!;
    t.db.update(meetings).set({ documents: [{ name: 'Nghị quyết.pdf', fileId: 'F1' }] as never, attendanceRate: 87, attendanceTakenAt: at('2026-12-05 17:00'), timeSetAt: at('2026-11-20 09:00'), detached: true }).where(eq(meetings.id, full.id)).run();
    const listed = s.meetings.between(from, to, [bloc.cell.id, bloc.subcell.id, bloc.committee.id], true);
    expect(listed.length).toBeGreaterThan(4);
    const byDrizzle = t.db.select().from(meetings).where(inArray(meetings.id, listed.map((m) => m.id))).all();
    for (const m of listed) expect(m).toStrictEqual(byDrizzle.find((d) => d.id === m.id));
    expect(listed.find((m) => m.id === full.id)).toMatchObject({ detached: true, combinedThematic: true, attendanceRate: 87, documents: [{ name: 'Nghị quyết.pdf', fileId: 'F1' }] });
  });
});
