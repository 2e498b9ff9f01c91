/**
 * Who may do what. Pure functions over a member's roles and branch ancestry, so every command and
 * every button asks the same question the same way.
 */
import { ROLES, type Role } from '../db/schema.js';

export interface Principal {
  id: number;
  branchId: number | null;
  roles: readonly Role[];
}

export function isOffice(p: Principal): boolean {
  return p.roles.includes('office') || p.roles.includes('admin');
}

export function isAdmin(p: Principal): boolean {
  return p.roles.includes('admin');
}

/** Secretaries and deputy secretaries lead their branch. */
export function isBranchLeader(p: Principal): boolean {
  return p.roles.includes('secretary') || p.roles.includes('deputy');
}

/**
 * The office manages every branch; a secretary or deputy manages their own branch and the cells
 * under it. `ancestry` lists the target branch and its parents, nearest first.
 */
export function canManageBranch(p: Principal, ancestry: readonly { id: number }[]): boolean {
  if (isOffice(p)) return true;
  if (!isBranchLeader(p) || p.branchId === null) return false;
  return ancestry.some((b) => b.id === p.branchId);
}

/** The menu level a member sees: decides which commands are listed for them. */
export type MenuLevel = 'member' | 'secretary' | 'office';

export function menuLevel(p: Principal): MenuLevel {
  if (isOffice(p)) return 'office';
  if (isBranchLeader(p)) return 'secretary';
  return 'member';
}

const ROLE_ALIASES: Record<string, Role> = {
  member: 'member',
  'dang vien': 'member',
  dv: 'member',
  secretary: 'secretary',
  'bi thu': 'secretary',
  deputy: 'deputy',
  'pho bi thu': 'deputy',
  office: 'office',
  'van phong': 'office',
  'co quan': 'office',
  admin: 'admin',
  'quan tri': 'admin',
  'quan tri vien': 'admin',
};

/** Parses "bí thư", "Phó bí thư", "secretary"… (folded input expected); null when unknown. */
export function parseRole(folded: string): Role | null {
  const key = folded.trim();
  if ((ROLES as readonly string[]).includes(key)) return key as Role;
  // Own keys only: "constructor" or "__proto__" must not find Object's members.
  return Object.hasOwn(ROLE_ALIASES, key) ? ROLE_ALIASES[key]! : null;
}

export const ROLE_ORDER: Record<Role, number> = { admin: 0, office: 1, secretary: 2, deputy: 3, member: 4 };

export function sortRoles(roles: Iterable<Role>): Role[] {
  return [...new Set(roles)].sort((a, b) => ROLE_ORDER[a] - ROLE_ORDER[b]);
}
