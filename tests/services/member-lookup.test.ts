/**
 * MemberService.findByTelegramId, which every update runs: its row is mapped by hand, so it must
 * give exactly what drizzle makes of the same row (every column, nulls, dates and booleans), with
 * the member's roles in order, and nobody for an account that is not an active member's.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { members } from '../../src/db/schema.js';
import { sortRoles } from '../../src/domain/roles.js';
import { SYSTEM } from '../../src/services/actor.js';
import { seedSmallBloc, testDb } from '../helpers/db.js';

describe('MemberService.findByTelegramId', () => {
  it("gives every field as drizzle reads it, the roles sorted, and null for strangers and members who left", () => {
    const t = testDb('2026-11-23T07:00:00Z');
    const s = t.services;
    const bloc = seedSmallBloc(s);
    const people = [bloc.secretary, bloc.deputy, bloc.member, bloc.subMember, bloc.cellSecretary, bloc.cellMember];
    people.forEach((m, i) => s.members.linkTelegram(m.id, { id: 7000 + i, username: i % 2 ? `user${i}` : undefined }, SYSTEM));
    // Fields that are null for most: a language, a menu fingerprint, reminders off, unreachable.
    s.members.setLanguage(bloc.member.id, 'en', SYSTEM);
    s.members.setCommandMenu(bloc.cellMember.id, 'menu-v1');
    s.members.setPrivateReminders(bloc.deputy.id, false, SYSTEM);
    s.members.markUnreachable(7000 + people.indexOf(bloc.subMember));
    const office = s.members.addAdmin(7100, 'Văn phòng', SYSTEM);

    for (const m of [...people, office]) {
      const telegramUserId = t.db.select().from(members).where(eq(members.id, m.id)).get()!.telegramUserId!;
      const viaDrizzle = t.db.select().from(members).where(eq(members.id, m.id)).get()!;
      expect(s.members.findByTelegramId(telegramUserId)).toStrictEqual({ ...viaDrizzle, roles: sortRoles(s.members.getById(m.id)!.roles) });
    }
    // Not vacuous: these fields differ from their defaults somewhere.
    expect(s.members.findByTelegramId(7000 + people.indexOf(bloc.subMember))!.unreachableSince).toBeInstanceOf(Date);
    expect(s.members.findByTelegramId(7000 + people.indexOf(bloc.deputy))!.privateReminders).toBe(false);
    expect(s.members.findByTelegramId(7100)!.roles).toContain('admin');

    expect(s.members.findByTelegramId(424242)).toBeNull();
    s.members.setStatus(bloc.cellMember.id, 'left', SYSTEM);
    expect(s.members.findByTelegramId(7000 + people.indexOf(bloc.cellMember))).toBeNull();
  });
});
