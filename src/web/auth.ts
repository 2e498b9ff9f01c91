/**
 * Who is calling the dashboard's API: Telegram's init data in `Authorization: tma <init data>`,
 * signed with the bot token (checked by @tma.js/init-data-node), at most a day old by the project's
 * clock (the library's own expiry reads the real time, which tests and the bench cannot move), from
 * a registered, active member whose private chat the bot can reach. Anything else: null, and the
 * caller answers 401 and nothing more.
 */
import type { IncomingMessage } from 'node:http';
import type { Clock } from '../clock.js';
import type { Locale } from '../domain/locale.js';
import { lazyModule } from '../lazy-module.js';
import { negotiateLocale } from '../bot/i18n.js';
import type { Member } from '../services/members.js';
import type { MemberService } from '../services/members.js';

/** Init data older than this is refused (Telegram's own advice: a day). */
export const INIT_DATA_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** A clock a little behind Telegram's must not refuse fresh init data. */
const FUTURE_SKEW_MS = 5 * 60 * 1000;

/** The init-data checker and its schema library, loaded at the dashboard's first call. */
const loadInitData = lazyModule(() => import('@tma.js/init-data-node'));

export interface Viewer {
  member: Member;
  locale: Locale;
}

export interface AuthDeps {
  botToken: string;
  clock: Clock;
  members: MemberService;
}

/** The raw init data of an `Authorization: tma …` header, or null. */
export function initDataOf(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^tma (.+)$/s.exec(header.trim());
  return match ? match[1]! : null;
}

export async function authenticate(initData: string | null, deps: AuthDeps): Promise<Viewer | null> {
  if (initData === null || initData.length > 8192) return null;
  const { parse, validate } = await loadInitData();
  let data;
  try {
    validate(initData, deps.botToken, { expiresIn: 0 });
    data = parse(initData);
  } catch {
    return null;
  }
  const age = deps.clock.now().getTime() - data.auth_date.getTime();
  if (!(age <= INIT_DATA_MAX_AGE_MS && age >= -FUTURE_SKEW_MS)) return null;
  const user = data.user;
  if (!user || !Number.isSafeInteger(user.id)) return null;
  return viewerOf(deps.members.findByTelegramId(user.id), user.language_code);
}

/** A member the dashboard serves: active (findByTelegramId), linked, and not known to be unreachable. */
export function viewerOf(member: Member | null, clientLanguage?: string): Viewer | null {
  if (!member || member.telegramUserId === null || member.unreachableSince !== null) return null;
  return { member, locale: negotiateLocale(member.language, clientLanguage) };
}
