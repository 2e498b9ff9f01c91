/**
 * Who may do what (src/domain/roles.ts) and whom a notice may address (src/domain/audience.ts):
 * every role against every rule, so that a rule loosened or tightened by mistake fails here.
 */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/db/schema.js';
import { type Audience, effectiveChannel, mayAddress } from '../../src/domain/audience.js';
import { canManageBranch, isAdmin, isBranchLeader, isOffice, menuLevel, parseRole, type Principal, sortRoles } from '../../src/domain/roles.js';

const who = (roles: Role[], branchId: number | null = 5): Principal => ({ id: 1, branchId, roles });

describe('roles: each role on its own', () => {
  const table: [Role, { office: boolean; admin: boolean; leader: boolean; menu: string }][] = [
    ['member', { office: false, admin: false, leader: false, menu: 'member' }],
    ['secretary', { office: false, admin: false, leader: true, menu: 'secretary' }],
    ['deputy', { office: false, admin: false, leader: true, menu: 'secretary' }],
    ['office', { office: true, admin: false, leader: false, menu: 'office' }],
    ['admin', { office: true, admin: true, leader: false, menu: 'office' }],
  ];
  for (const [role, expected] of table) {
    it(`${role}: office ${expected.office}, admin ${expected.admin}, leader ${expected.leader}, menu ${expected.menu}`, () => {
      const p = who([role]);
      expect(isOffice(p)).toBe(expected.office);
      expect(isAdmin(p)).toBe(expected.admin);
      expect(isBranchLeader(p)).toBe(expected.leader);
      expect(menuLevel(p)).toBe(expected.menu);
    });
  }

  it('no role at all is a plain member who manages nothing', () => {
    expect(isOffice(who([]))).toBe(false);
    expect(isBranchLeader(who([]))).toBe(false);
    expect(menuLevel(who([]))).toBe('member');
    expect(canManageBranch(who([]), [{ id: 5 }])).toBe(false);
  });

  it('the highest of several roles decides the menu', () => {
    expect(menuLevel(who(['member', 'secretary', 'office']))).toBe('office');
    expect(menuLevel(who(['member', 'deputy']))).toBe('secretary');
  });
});

describe('canManageBranch', () => {
  it('a deputy manages their branch and the cells below it, like a secretary', () => {
    expect(canManageBranch(who(['member', 'deputy']), [{ id: 5 }])).toBe(true);
    expect(canManageBranch(who(['member', 'deputy']), [{ id: 11 }, { id: 5 }])).toBe(true);
    expect(canManageBranch(who(['member', 'deputy']), [{ id: 11 }, { id: 12 }])).toBe(false);
  });

  it('a secretary with no branch manages nothing, even a branch with no parent', () => {
    expect(canManageBranch(who(['secretary'], null), [{ id: 5 }])).toBe(false);
    expect(canManageBranch(who(['secretary'], null), [])).toBe(false);
  });

  it('the office and admins manage any branch, even one whose ancestry is unknown', () => {
    expect(canManageBranch(who(['office'], null), [])).toBe(true);
    expect(canManageBranch(who(['admin'], null), [{ id: 9 }])).toBe(true);
  });

  it('a branch above the secretary\'s own is not theirs', () => {
    // Ancestry of branch 3 (the committee above the secretary's cell 5): 3 only.
    expect(canManageBranch(who(['secretary'], 5), [{ id: 3 }])).toBe(false);
  });
});

describe('parseRole', () => {
  it('takes the role names themselves and every alias, trimmed', () => {
    expect(parseRole('member')).toBe('member');
    expect(parseRole('secretary')).toBe('secretary');
    expect(parseRole('  deputy ')).toBe('deputy');
    expect(parseRole('office')).toBe('office');
    expect(parseRole('admin')).toBe('admin');
    expect(parseRole('dv')).toBe('member');
    expect(parseRole('dang vien')).toBe('member');
    expect(parseRole('bi thu')).toBe('secretary');
    expect(parseRole('pho bi thu')).toBe('deputy');
    expect(parseRole('van phong')).toBe('office');
    expect(parseRole('co quan')).toBe('office');
    expect(parseRole('quan tri')).toBe('admin');
    expect(parseRole('quan tri vien')).toBe('admin');
  });

  it('knows nothing else, not even a prefix of a role or an inherited property name', () => {
    expect(parseRole('')).toBeNull();
    expect(parseRole('secret')).toBeNull();
    expect(parseRole('constructor')).toBeNull();
    expect(parseRole('__proto__')).toBeNull();
    expect(parseRole('toString')).toBeNull();
    expect(parseRole('chu tich')).toBeNull();
  });
});

describe('sortRoles', () => {
  it('orders from the highest role down and drops repeats', () => {
    expect(sortRoles(['member', 'deputy', 'admin', 'secretary', 'office', 'member'])).toEqual(['admin', 'office', 'secretary', 'deputy', 'member']);
    expect(sortRoles(new Set<Role>(['member', 'secretary']))).toEqual(['secretary', 'member']);
    expect(sortRoles([])).toEqual([]);
  });
});

describe('audience: who may address whom', () => {
  // Branch 5 (a committee) has cells 6 and 7 under it; branch 9 is elsewhere.
  const parents: Record<number, number | null> = { 5: null, 6: 5, 7: 5, 9: null };
  const ancestryOf = (id: number) => {
    const out: { id: number }[] = [];
    for (let at: number | null | undefined = id; at != null; at = parents[at]) out.push({ id: at });
    return out;
  };
  const branches = (branchIds: number[], includeSubcells = false): Audience => ({
    scope: { type: 'branches', branchIds, includeSubcells },
    people: 'all',
    channel: 'private',
  });
  const bloc: Audience = { scope: { type: 'bloc' }, people: 'all', channel: 'both' };
  const cluster: Audience = { scope: { type: 'cluster', clusterId: 1 }, people: 'secretaries', channel: 'private' };

  it('the office addresses the bloc, a cluster or any branches', () => {
    for (const p of [who(['office'], null), who(['admin'], null)]) {
      expect(mayAddress(p, bloc, ancestryOf)).toBe(true);
      expect(mayAddress(p, cluster, ancestryOf)).toBe(true);
      expect(mayAddress(p, branches([9, 6]), ancestryOf)).toBe(true);
    }
  });

  it('a secretary or deputy addresses their own branch and the cells below it, and nothing wider', () => {
    for (const p of [who(['member', 'secretary']), who(['member', 'deputy'])]) {
      expect(mayAddress(p, branches([5], true), ancestryOf)).toBe(true);
      expect(mayAddress(p, branches([6, 7]), ancestryOf)).toBe(true);
      expect(mayAddress(p, branches([5, 9]), ancestryOf)).toBe(false);
      expect(mayAddress(p, branches([9]), ancestryOf)).toBe(false);
      expect(mayAddress(p, bloc, ancestryOf)).toBe(false);
      expect(mayAddress(p, cluster, ancestryOf)).toBe(false);
    }
  });

  it('an empty list of branches is nobody\'s to address but the office\'s', () => {
    expect(mayAddress(who(['secretary']), branches([]), ancestryOf)).toBe(false);
    expect(mayAddress(who(['office'], null), branches([]), ancestryOf)).toBe(true);
  });

  it('a plain member addresses nobody, not even their own branch', () => {
    expect(mayAddress(who(['member']), branches([5]), ancestryOf)).toBe(false);
    expect(mayAddress(who(['member']), bloc, ancestryOf)).toBe(false);
  });

  it('secretaries-only notices go privately whatever channel was chosen; others keep theirs', () => {
    for (const channel of ['private', 'groups', 'both'] as const) {
      expect(effectiveChannel({ ...bloc, people: 'secretaries', channel })).toBe('private');
      expect(effectiveChannel({ ...bloc, people: 'all', channel })).toBe(channel);
    }
  });
});
