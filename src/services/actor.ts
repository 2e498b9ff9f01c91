/** Who makes a change: recorded with every audit entry. */
export type Actor =
  | { source: 'bot'; memberId: number | null; telegramUserId: number }
  | { source: 'cli'; user: string }
  | { source: 'system' };

export const SYSTEM: Actor = { source: 'system' };

export function cliActor(): Actor {
  return { source: 'cli', user: process.env.USER ?? process.env.USERNAME ?? 'cli' };
}
