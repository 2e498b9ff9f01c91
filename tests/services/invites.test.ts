import { beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/services/actor.js';
import { FAILURE_WINDOW_MS, MAX_FAILURES } from '../../src/services/invites.js';
import { seedSmallBloc, testDb, type TestDb } from '../helpers/db.js';

const user = (id: number) => ({ id, firstName: 'Tên', lastName: 'Telegram', username: `u${id}` });
const actor = (id: number) => ({ source: 'bot' as const, memberId: null, telegramUserId: id });

describe('InviteService', () => {
  let t: TestDb;
  let bloc: ReturnType<typeof seedSmallBloc>;
  beforeEach(() => {
    t = testDb();
    bloc = seedSmallBloc(t.services);
  });

  it('links a member once; the code cannot be used again', () => {
    const invite = t.services.invites.createForMember(bloc.member.id, {}, SYSTEM);
    expect(invite.code).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const first = t.services.invites.redeem(invite.code, user(1001), actor(1001));
    expect(first).toMatchObject({ ok: true, created: false });
    expect(t.services.members.findByTelegramId(1001)?.id).toBe(bloc.member.id);
    const second = t.services.invites.redeem(invite.code, user(1002), actor(1002));
    expect(second).toMatchObject({ ok: false, reason: 'used' });
    expect(t.services.members.findByTelegramId(1002)).toBeNull();
  });

  it('refuses an expired invite', () => {
    const invite = t.services.invites.createForMember(bloc.member.id, { days: 2 }, SYSTEM);
    t.clock.advance(2 * 24 * 3600 * 1000 + 1);
    expect(t.services.invites.redeem(invite.code, user(1001), actor(1001))).toMatchObject({ ok: false, reason: 'expired' });
    expect(t.services.members.findByTelegramId(1001)).toBeNull();
  });

  it('a branch invite admits several people with its role until it expires', () => {
    const invite = t.services.invites.createForBranch(bloc.cell.id, 'member', { days: 1 }, SYSTEM);
    const a = t.services.invites.redeem(invite.code, user(2001), actor(2001));
    const b = t.services.invites.redeem(invite.code, user(2002), actor(2002));
    expect(a).toMatchObject({ ok: true, created: true });
    expect(b).toMatchObject({ ok: true, created: true });
    const joined = t.services.members.findByTelegramId(2002)!;
    expect(joined).toMatchObject({ branchId: bloc.cell.id, fullName: 'Tên Telegram', roles: ['member'] });
    expect(t.services.invites.getByCode(invite.code)?.useCount).toBe(2);
  });

  it('a revoked invite stops working', () => {
    const invite = t.services.invites.createForBranch(bloc.cell.id, 'member', {}, SYSTEM);
    t.services.invites.revoke(invite.id, SYSTEM);
    expect(t.services.invites.redeem(invite.code, user(1), actor(1))).toMatchObject({ ok: false, reason: 'revoked' });
  });

  it('does not link an account that is already linked', () => {
    t.services.members.linkTelegram(bloc.member.id, { id: 3001 }, SYSTEM);
    const invite = t.services.invites.createForMember(bloc.deputy.id, {}, SYSTEM);
    const result = t.services.invites.redeem(invite.code, user(3001), actor(3001));
    expect(result).toMatchObject({ ok: false, reason: 'already_linked' });
    expect(t.services.members.getById(bloc.deputy.id)?.telegramUserId).toBeNull();
    expect(t.services.invites.getByCode(invite.code)?.useCount).toBe(0);
  });

  it('slows down a user who keeps trying wrong codes', () => {
    for (let i = 0; i < MAX_FAILURES; i++) {
      expect(t.services.invites.redeem(`wrongcode${i}xxxxxx`, user(4001), actor(4001))).toMatchObject({ reason: 'unknown' });
    }
    const invite = t.services.invites.createForMember(bloc.member.id, {}, SYSTEM);
    const blocked = t.services.invites.redeem(invite.code, user(4001), actor(4001));
    expect(blocked).toMatchObject({ ok: false, reason: 'throttled' });
    if (!blocked.ok && blocked.reason === 'throttled') expect(blocked.retryAfterMs).toBeGreaterThan(0);
    // Another user is not affected.
    expect(t.services.invites.throttledFor(4002)).toBe(0);
    t.clock.advance(FAILURE_WINDOW_MS + 1);
    expect(t.services.invites.redeem(invite.code, user(4001), actor(4001))).toMatchObject({ ok: true });
  });

  it('records invites and redemptions in the audit log', () => {
    const invite = t.services.invites.createForMember(bloc.member.id, {}, SYSTEM);
    t.services.invites.redeem(invite.code, user(5001), actor(5001));
    const actions = t.services.audit.recent(10).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['invite.create', 'invite.redeem', 'member.link']));
  });
});
