/**
 * Who a notice is for: a scope (the bloc, a cluster, chosen branches), which people in it (everyone
 * or secretaries only), and through which channel (private chats, the branches' linked groups, or
 * both). Plain data, stored with the notice and resolved to people when it is sent.
 */
import { canManageBranch, isOffice, type Principal } from './roles.js';

export type AudienceScope =
  | { type: 'bloc' }
  | { type: 'cluster'; clusterId: number }
  | { type: 'branches'; branchIds: number[]; includeSubcells: boolean };

export type AudiencePeople = 'all' | 'secretaries';
export type AudienceChannel = 'private' | 'groups' | 'both';

export interface Audience {
  scope: AudienceScope;
  people: AudiencePeople;
  channel: AudienceChannel;
}

/**
 * The office may address anything; a secretary or deputy only their own branch (and its cells).
 * `ancestryOf` gives a branch and its parents, nearest first.
 */
export function mayAddress(
  p: Principal,
  audience: Audience,
  ancestryOf: (branchId: number) => readonly { id: number }[],
): boolean {
  if (isOffice(p)) return true;
  if (audience.scope.type !== 'branches' || audience.scope.branchIds.length === 0) return false;
  return audience.scope.branchIds.every((id) => canManageBranch(p, ancestryOf(id)));
}

/** Secretaries-only notices go to the secretaries themselves, never to groups. */
export function effectiveChannel(audience: Audience): AudienceChannel {
  return audience.people === 'secretaries' ? 'private' : audience.channel;
}
