/**
 * The dashboard's meeting grid over HTTP: a regular meeting held with its documents posted a day
 * ahead and its attendance, a combined regular + thematic meeting, months without a meeting, and
 * a member absent three times without a reason, seen by the office, by another organisation's
 * secretary (not listed) and by the member themselves (only their own meetings).
 */
import type { User } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdjustableClock } from '../../src/clock.js';
import { SYSTEM } from '../../src/services/actor.js';
import type { MeetingsResponse } from '../../src/web/contract.js';
import { user } from '../fake-telegram/updates.js';
import { SCRIPTED_MEMBERS, TestBot } from '../helpers/app.js';
import { seedSmallBloc } from '../helpers/db.js';
import { DashboardClient, WEBAPP_URL } from '../helpers/dashboard.js';

const DAY = 86_400_000;

describe('dashboard meetings (over HTTP)', () => {
  let t: TestBot;
  let api: DashboardClient;
  let bloc: ReturnType<typeof seedSmallBloc>;
  const office = user(9900);
  const cellSecretary = user(9901);
  const member = user(9902);

  beforeAll(async () => {
    t = await TestBot.start({ adminIds: [office.id], telegram: SCRIPTED_MEMBERS, http: true, env: { WEBAPP_URL } });
    api = new DashboardClient(t.origin, t.fake.token, () => t.clock.now());
    const s = t.services;
    bloc = seedSmallBloc(s);
    const link = (id: number, tg: User) => s.members.linkTelegram(id, { id: tg.id }, SYSTEM);
    link(bloc.cellSecretary.id, cellSecretary);
    link(bloc.member.id, member);
    t.fake.knowChats(office, cellSecretary, member);
    const by = bloc.secretary.id;
    // Now: Monday 23/11/2026 14h00. Three meetings of DB01 this week, the first a regular one with
    // documents posted now (two days ahead), the second a regular meeting combined with the thematic one.
    const at = (days: number) => new Date(t.clock.now().getTime() + days * DAY);
    const made = [
      s.meetings.createDraft({ branchId: bloc.committee.id, kind: 'regular', title: 'Sinh hoạt tháng 11', startsAt: at(2) }, by, SYSTEM),
      s.meetings.createDraft({ branchId: bloc.committee.id, kind: 'regular', combinedThematic: true, title: 'Chuyên đề quý IV', startsAt: at(3) }, by, SYSTEM),
      s.meetings.createDraft({ branchId: bloc.committee.id, kind: 'thematic', title: 'Chuyên đề bổ sung', startsAt: at(4) }, by, SYSTEM),
    ];
    for (const m of made) s.meetings.confirm(m.id, by, SYSTEM);
    s.meetings.edit(made[0]!.id, { documents: [{ fileId: 'doc-1', name: 'Tài liệu.pdf', kind: 'document' }] }, SYSTEM);
    (t.clock as AdjustableClock).advance(5 * DAY);
    // Lê Văn Cường absent without a reason three times; the others present.
    for (const m of made) {
      s.meetings.setAttendance(m.id, bloc.member.id, 'unexcused', by, SYSTEM);
      s.meetings.finishAttendance(m.id, by, SYSTEM);
    }
    await t.settle();
  }, 60_000);
  afterAll(async () => {
    await t.stop();
  });

  it('the office: twelve months per organisation, the meeting held, documents a day ahead, attendance; the absentee', async () => {
    const a = await api.get<MeetingsResponse>('/app/api/meetings', office);
    expect(a.status).toBe(200);
    const { months, quarters, rows, absentees } = a.body;
    expect(months.map((m) => m.label)).toEqual(['12/2025', '01/2026', '02/2026', '03/2026', '04/2026', '05/2026', '06/2026', '07/2026', '08/2026', '09/2026', '10/2026', '11/2026']);
    expect(quarters.map((q) => q.label)).toEqual(['quý IV/2025', 'quý I/2026', 'quý II/2026', 'quý III/2026', 'quý IV/2026']);
    const committee = rows.find((r) => r.orgId === bloc.committee.id)!;
    expect(committee.months.at(-1)).toEqual({ regular: 'held', docsEarly: true, attendanceRate: 2 / 3 });
    expect(committee.months.at(-2)).toEqual({ regular: 'missed', docsEarly: null, attendanceRate: null });
    expect(committee.quarters.at(-1)).toEqual({ thematic: 'held' });
    expect(committee.quarters.at(-2)).toEqual({ thematic: 'missed' });
    expect(committee.attendanceRate).toBeCloseTo(6 / 9);
    // Another organisation: nothing this month yet (the month is not over), nothing in October.
    const cell = rows.find((r) => r.orgId === bloc.cell.id)!;
    expect(cell.months.at(-1)!.regular).toBe('none');
    expect(cell.months.at(-2)!.regular).toBe('missed');
    expect(cell.attendanceRate).toBeNull();
    expect(absentees).toEqual([{ memberId: bloc.member.id, name: 'Lê Văn Cường', orgName: 'Đảng bộ Sở <Tài chính>', absences: 3 }]);
  });

  it('another organisation’s secretary does not see the absentee; the member sees only their own meetings', async () => {
    const other = (await api.get<MeetingsResponse>('/app/api/meetings', cellSecretary)).body;
    expect(other.rows.map((r) => r.orgName)).toEqual(['Chi bộ Công ty TNHH A&B']);
    expect(other.absentees).toEqual([]);
    const mine = await api.get<MeetingsResponse>('/app/api/meetings', member);
    expect(mine.body.rows).toEqual([]);
    expect(mine.body.mine.map((m) => [m.title, m.attended, m.kindLabel])).toEqual([
      ['Sinh hoạt tháng 11', false, 'Sinh hoạt chi bộ định kỳ'],
      ['Chuyên đề quý IV', false, 'Sinh hoạt định kỳ kết hợp chuyên đề'],
      ['Chuyên đề bổ sung', false, 'Sinh hoạt chuyên đề'],
    ]);
    expect(mine.body.mine[0]!.whenLabel).toBe('14h00 25/11/2026');
    expect(mine.text).not.toContain('Nguyễn Văn An');
  });
});
