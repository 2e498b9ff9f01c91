/**
 * /nhacnho: meeting reminder settings. Any member turns reminders by private message off or on
 * (/nhacnho tat, /nhacnho bat; the branch's groups still get them). A secretary or deputy sets
 * how long before a meeting their branch is reminded (/nhacnho 1 ngay, 2 gio), or goes back to the
 * default (/nhacnho mac dinh). /nhacnho alone shows the settings.
 */
import { Composer } from '../composer.js';
import { isBranchLeader } from '../../domain/roles.js';
import { foldVietnamese } from '../../domain/text.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import type { Translate } from '../i18n.js';
import { offsetLabel } from '../render/meeting.js';
import { actorOf } from './chat-tracking.js';

export const MAX_REMINDER_OFFSETS = 4;
/** Minutes: at least 5 minutes, at most 14 days before the meeting. */
const MIN_OFFSET = 5;
const MAX_OFFSET = 14 * 24 * 60;
const UNIT_MINUTES: Record<string, number> = { ngay: 1440, d: 1440, gio: 60, tieng: 60, h: 60, g: 60, phut: 1, p: 1, m: 1 };

/**
 * "1 ngày, 2 giờ" → [1440, 120] (latest first, no repeats); "30 phút và 3 ngày" → [4320, 30].
 * Null when a part is not understood, out of range, or there are more than four.
 */
export function parseReminderOffsets(text: string): number[] | null {
  const parts = foldVietnamese(text)
    .split(/\s*(?:,|;|\bva\b)\s*/)
    .filter(Boolean);
  if (parts.length === 0 || parts.length > MAX_REMINDER_OFFSETS) return null;
  const out: number[] = [];
  for (const part of parts) {
    const m = /^(\d{1,4})\s*(ngay|d|gio|tieng|h|g|phut|p|m)$/.exec(part);
    if (!m) return null;
    const minutes = Number(m[1]) * UNIT_MINUTES[m[2]!]!;
    if (minutes < MIN_OFFSET || minutes > MAX_OFFSET) return null;
    out.push(minutes);
  }
  return [...new Set(out)].sort((a, b) => b - a);
}

export function reminderSettingsFeature(deps: BotDeps): Composer<BotContext> {
  const { services } = deps;
  const composer = new Composer<BotContext>();
  const labels = (t: Translate, offsets: number[]) => offsets.map((o) => offsetLabel(t, o).value).join(', ');

  composer.chatType(['group', 'supergroup']).command('nhacnho', (ctx) => ctx.replyHtml(ctx.t('private-only')));

  composer.chatType('private').command('nhacnho', async (ctx) => {
    const member = ctx.member!;
    const arg = foldVietnamese(ctx.match);
    if (arg === '' || arg === '?') {
      const lines = [ctx.t('reminders-status', { state: ctx.t(member.privateReminders ? 'reminders-state-on' : 'reminders-state-off') }).value];
      if (member.branchId !== null) {
        const branch = services.branches.getById(member.branchId);
        const offsets = services.meetingNotifier.reminderOffsets(member.branchId);
        lines.push(ctx.t('reminders-branch-status', { branch: branch?.name ?? '', offsets: labels(ctx.t, offsets) }).value);
        if (isBranchLeader(member)) lines.push(ctx.t('reminders-branch-how').value);
      }
      return ctx.reply(lines.join('\n\n'), { parse_mode: 'HTML' });
    }
    if (/^(tat|off)$/.test(arg) || /^(bat|on)$/.test(arg)) {
      const on = /^(bat|on)$/.test(arg);
      services.members.setPrivateReminders(member.id, on, actorOf(ctx));
      return ctx.replyHtml(ctx.t(on ? 'reminders-private-on' : 'reminders-private-off'));
    }
    if (!isBranchLeader(member) || member.branchId === null) return ctx.replyHtml(ctx.t('reminders-offsets-not-allowed'));
    const offsets = /^(mac dinh|default)$/.test(arg) ? [] : parseReminderOffsets(arg);
    if (!offsets) return ctx.replyHtml(ctx.t('reminders-offsets-invalid', { text: ctx.match.trim() }));
    services.meetingNotifier.setReminderOffsets(member.branchId, offsets);
    services.audit.record(actorOf(ctx), 'branch.reminder_offsets', 'branch', member.branchId, { offsets });
    const branch = services.branches.getById(member.branchId);
    const now = services.meetingNotifier.reminderOffsets(member.branchId);
    return ctx.replyHtml(ctx.t('reminders-offsets-set', { branch: branch?.name ?? '', offsets: labels(ctx.t, now) }));
  });

  return composer;
}
