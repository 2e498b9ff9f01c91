/**
 * The command menus, per scope and language (@grammyjs/commands serialises them). Handlers live in
 * the features; this file only says which commands each audience sees, so the menus stay stable as
 * features arrive.
 */
import { CommandGroup, type SetMyCommandsParams, type UncompliantCommand } from '@grammyjs/commands';
import type { Api, Context } from 'grammy';
import type { Locale } from '../domain/locale.js';
import type { MenuLevel } from '../domain/roles.js';
import type { Logger } from '../logger.js';

interface MenuEntry {
  /** Vietnamese name (the default menu); `en` may rename it for English clients. */
  name: string;
  vi: string;
  en: string;
  enName?: string;
  audience: MenuLevel;
  /** Also listed in group chats. */
  group?: boolean;
  /** Listed only in group chats. */
  groupOnly?: boolean;
}

const MENU: MenuEntry[] = [
  { name: 'chibo', enName: 'branch', vi: 'Tổ chức đảng của tôi', en: 'My branch', audience: 'member', group: true },
  { name: 'lichhop', vi: 'Lịch họp sắp tới', en: 'Upcoming meetings', audience: 'member', group: true },
  { name: 'chitieu', vi: 'Chỉ tiêu nghị quyết', en: 'Resolution targets', audience: 'member', group: true },
  { name: 'thongbao', vi: 'Thông báo', en: 'Notices', audience: 'member', group: true },
  { name: 'tim', vi: 'Tìm kiếm', en: 'Search', audience: 'member', group: true },
  { name: 'lichics', vi: 'Tải lịch họp về điện thoại (.ics)', en: 'Meetings as a calendar file', audience: 'member' },
  { name: 'nhacnho', vi: 'Cài đặt nhắc lịch họp', en: 'Meeting reminder settings', audience: 'member' },
  { name: 'ngonngu', enName: 'language', vi: 'Ngôn ngữ (Tiếng Việt / English)', en: 'Language (Tiếng Việt / English)', audience: 'member' },
  { name: 'trogiup', enName: 'help', vi: 'Hướng dẫn', en: 'Help', audience: 'member', group: true },
  { name: 'taolich', vi: 'Tạo lịch họp', en: 'Schedule a meeting', audience: 'secretary' },
  { name: 'guithongbao', vi: 'Gửi thông báo', en: 'Send a notice', audience: 'secretary' },
  { name: 'baocao', vi: 'Báo cáo số liệu chỉ tiêu', en: 'Report figures', audience: 'secretary' },
  { name: 'diemdanh', vi: 'Điểm danh cuộc họp', en: 'Take attendance', audience: 'secretary' },
  { name: 'suahop', vi: 'Sửa lịch họp', en: 'Change a meeting', audience: 'secretary' },
  { name: 'huyhop', vi: 'Hủy lịch họp', en: 'Cancel a meeting', audience: 'secretary' },
  { name: 'moi', vi: 'Tạo lời mời', en: 'Create an invite', audience: 'secretary' },
  { name: 'huy', enName: 'cancel', vi: 'Hủy thao tác đang làm dở', en: 'Cancel what is in progress', audience: 'secretary' },
  { name: 'bangdieukhien', enName: 'dashboard', vi: 'Bảng điều khiển', en: 'Dashboard', audience: 'secretary' },
  { name: 'xuatchitieu', vi: 'Xuất số liệu chỉ tiêu (.xlsx)', en: 'Export indicator figures (.xlsx)', audience: 'office' },
  { name: 'lienket', vi: 'Liên kết nhóm với tổ chức đảng', en: 'Link this group to a branch', audience: 'secretary', groupOnly: true },
];

const RANK: Record<MenuLevel, number> = { member: 0, secretary: 1, office: 2 };

/** Bump when the menus change, so members' private menus are set again. */
export const MENU_VERSION = 6;

/** A menu Telegram would refuse is a mistake in MENU, found by the tests: never sent. */
function assertCompliant(uncompliant: UncompliantCommand[]): void {
  if (uncompliant.length > 0) throw new Error(`Commands Telegram would refuse: ${uncompliant.map((c) => c.name).join(', ')}`);
}

async function setBotCommands(api: Api, params: SetMyCommandsParams[], uncompliant: UncompliantCommand[]) {
  assertCompliant(uncompliant);
  for (const p of params) await api.setMyCommands(p.commands, { scope: p.scope, language_code: p.language_code });
}

function group(entries: MenuEntry[]): CommandGroup<Context> {
  const commands = new CommandGroup<Context>();
  for (const e of entries) {
    // Handlers live in the features; a scope is still needed for the command to be serialised.
    commands
      .command(e.name, e.vi)
      .addToScope({ type: 'default' })
      .localize('en', e.enName ?? e.name, e.en);
  }
  return commands;
}

/** Commands listed in a private chat for a member at this level. */
export function privateMenu(level: MenuLevel): CommandGroup<Context> {
  return group(MENU.filter((e) => !e.groupOnly && RANK[e.audience] <= RANK[level]));
}

/** Commands listed in every group chat. */
export function groupMenu(): CommandGroup<Context> {
  return group(MENU.filter((e) => e.group || e.groupOnly));
}

/**
 * Sets the menus every user sees by default: members' in private chats, the group list in groups.
 * Never throws for Telegram: a refusal (a 429 included) is logged and the others are set; all are
 * set again at the next start, and members' own menus when they write. Returns how many were set.
 */
export async function registerDefaultMenus(api: Api, options: { logger: Logger; signal?: AbortSignal }): Promise<number> {
  const { logger, signal } = options;
  const privateArgs = privateMenu('member').toSingleScopeArgs({ type: 'all_private_chats' });
  const groupArgs = groupMenu().toSingleScopeArgs({ type: 'all_group_chats' });
  assertCompliant([...privateArgs.uncompliantCommands, ...groupArgs.uncompliantCommands]);
  let set = 0;
  for (const p of [...privateArgs.commandParams, ...groupArgs.commandParams]) {
    if (signal?.aborted) {
      logger.warn('setting the default command menus took too long; the rest are set at the next start');
      break;
    }
    try {
      // grammY types its signal with the abort-controller shim; a standard AbortSignal is what it gets at run time.
      await api.setMyCommands(p.commands, { scope: p.scope, language_code: p.language_code }, signal as Parameters<Api['setMyCommands']>[2]);
      set++;
    } catch (error) {
      const scope = p.scope?.type ?? 'default';
      logger.warn({ err: error, scope, language: p.language_code || 'default' }, 'could not set the default command menus; they are set again at the next start');
    }
  }
  return set;
}

/**
 * What a member's private menu was last set to: their level, their chosen language (if any), the
 * menus' version, and whether their chat menu button opens the dashboard.
 */
export function menuFingerprint(level: MenuLevel, language: Locale | null, dashboard = false): string {
  return `${level}:${language ?? 'client'}:${MENU_VERSION}${dashboard ? ':app' : ''}`;
}

/** The office and secretaries get the dashboard as their chat menu button (when it is configured). */
export function hasDashboardButton(level: MenuLevel, webappUrl: string | undefined): boolean {
  return webappUrl !== undefined && level !== 'member';
}

/**
 * Sets (or clears) the menu of one member's private chat. With a chosen language the chat gets one
 * menu in that language, whatever the client's; without one, plain members fall back to the
 * default menus (localised by the client) and leaders get theirs localised the same way.
 */
export async function setPrivateMenu(api: Api, chatId: number, level: MenuLevel, language: Locale | null): Promise<void> {
  const scope = { type: 'chat', chat_id: chatId } as const;
  if (language !== null) {
    const entries = MENU.filter((e) => !e.groupOnly && RANK[e.audience] <= RANK[level]);
    const commands = entries.map((e) => (language === 'en' ? { command: e.enName ?? e.name, description: e.en } : { command: e.name, description: e.vi }));
    await api.setMyCommands(commands, { scope });
    // A menu for the client's language would win over the chosen one.
    await api.deleteMyCommands({ scope, language_code: 'en' });
    return;
  }
  if (level === 'member') {
    await api.deleteMyCommands({ scope });
    await api.deleteMyCommands({ scope, language_code: 'en' });
    return;
  }
  const args = privateMenu(level).toSingleScopeArgs(scope);
  await setBotCommands(api, args.commandParams, args.uncompliantCommands);
}
