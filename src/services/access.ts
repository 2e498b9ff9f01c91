/**
 * Who may see what, over the domain's roles and the branch tree: the one place the bot's commands
 * and buttons and the dashboard's API ask it (the rules themselves are pure, in domain/roles.ts).
 */
import { canManageBranch, isBranchLeader, isOffice } from '../domain/roles.js';
import type { BranchService } from './branches.js';
import type { Member } from './members.js';

/** The office manages every branch; a secretary or deputy their own and the cells under it. */
export function mayManageBranch(services: { branches: BranchService }, member: Member | null, branchId: number): boolean {
  if (!member) return false;
  // Plain members manage nothing: no need to walk the branch's ancestry (once per meeting card).
  if (!isOffice(member) && !isBranchLeader(member)) return false;
  return canManageBranch(member, services.branches.ancestry(branchId));
}

/**
 * What a member's dashboard covers. office: every branch; organisation: a secretary's or deputy's
 * branch and its subtree (the branches they manage, as mayManageBranch says); member: only their
 * own meetings and notices, no other member's name.
 */
export type DashboardScope =
  | { view: 'office'; branchIds: null }
  | { view: 'organisation'; branchIds: number[] }
  | { view: 'member'; branchIds: [] };

export function dashboardScope(services: { branches: BranchService }, member: Member): DashboardScope {
  const managed = managedBranchIds(services, member);
  if (managed === null) return { view: 'office', branchIds: null };
  if (managed.length > 0) return { view: 'organisation', branchIds: managed };
  return { view: 'member', branchIds: [] };
}

/**
 * The branches a member manages, as mayManageBranch says: null for the office (every one); a
 * secretary's or deputy's branch and the cells under it; none for anyone else.
 */
export function managedBranchIds(services: { branches: BranchService }, member: Member): number[] | null {
  if (isOffice(member)) return null;
  if (isBranchLeader(member) && member.branchId !== null) return services.branches.subtreeIds(member.branchId);
  return [];
}
