/**
 * /taolich: kind → branch → date and time → duration → place → topic → agenda → documents →
 * recurrence → preview. Ends with a stored draft; confirming is a button handled outside
 * (features/meeting-admin.ts), checked against the draft's author.
 */
import { InlineKeyboard } from 'grammy';
import { MEETING_KINDS, type MeetingDocument, type MeetingKind } from '../../db/schema.js';
import { describeExamples } from '../../domain/datetime-parse.js';
import type { RecurrenceRule, Weekday } from '../../domain/recurrence.js';
import { INPUT_LIMITS } from '../../domain/limits.js';
import { isOffice } from '../../domain/roles.js';
import { shortenLabel } from '../../domain/text.js';
import { localParts } from '../../domain/time.js';
import { defaultDuration } from '../../services/meetings.js';
import { callbackData } from '../callback-data.js';
import type { InnerContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { type Html, htmlToPlain, joinHtml } from '../render/html.js';
import { kindLabel, meetingCard } from '../render/meeting.js';
import { pageLabel, pageOf, pagerRow, showInPlace } from '../render/paging.js';
import { actorOf } from '../features/chat-tracking.js';
import { ask, askFutureTime, type AskOptions, askText, type Convo, type TextLimit } from './ask.js';

export const CREATE_MEETING_CONVERSATION = 'create-meeting';
export const CONFIRM_MEETING = 'mk';
export const DISCARD_MEETING = 'mkx';

export const LOCATION_LIMIT: TextLimit = { max: INPUT_LIMITS.meetingLocation, tooLongKey: 'create-location-too-long' };

const STEP = 'tl';
/** Cells offered at a time when a committee's secretary chooses where a meeting is held. */
const BRANCH_CHOICES_PER_PAGE = 10;
const choice = (step: string, value: string | number) => callbackData(STEP, step, value);

async function pick(conversation: Convo, q: AskOptions, ctx: InnerContext, step: string, question: Html, keyboard: InlineKeyboard) {
  const pattern = new RegExp(`^${STEP}:${step}:([\\w-]+)$`);
  const repeat = (c: InnerContext) => c.replyHtml(question, { reply_markup: keyboard });
  await repeat(ctx);
  const answer = await ask(conversation, (c) => pattern.test(c.callbackQuery?.data ?? ''), repeat, q);
  await answer.answerCallbackQuery();
  return { value: pattern.exec(answer.callbackQuery!.data!)![1]!, ctx: answer };
}

const KIND_CHOICES: Array<{ kind: MeetingKind; combined: boolean; key: string }> = [
  { kind: 'regular', combined: false, key: 'regular' },
  { kind: 'regular', combined: true, key: 'combined' },
  ...MEETING_KINDS.filter((k) => k !== 'regular').map((kind) => ({ kind, combined: false, key: kind })),
];

/** Collects files and photos until "Xong" (or "Không có tài liệu"). */
export async function askDocuments(conversation: Convo, q: AskOptions, ctx: InnerContext) {
  const docs: MeetingDocument[] = [];
  const keyboard = () =>
    new InlineKeyboard()
      .text(htmlToPlain(ctx.t('create-documents-done')), choice('docs', 'done'))
      .text(htmlToPlain(ctx.t('create-documents-none')), choice('docs', 'none'));
  const question = ctx.t('create-ask-documents');
  await ctx.replyHtml(question, { reply_markup: keyboard() });
  for (;;) {
    const answer = await ask(
      conversation,
      (c) => Boolean(c.message?.document || c.message?.photo || /^tl:docs:/.test(c.callbackQuery?.data ?? '')),
      (c) => c.replyHtml(question, { reply_markup: keyboard() }),
      q,
    );
    if (answer.callbackQuery) {
      await answer.answerCallbackQuery();
      return { docs: answer.callbackQuery.data === 'tl:docs:none' ? [] : docs, ctx: answer };
    }
    const msg = answer.message!;
    if (msg.document) docs.push({ fileId: msg.document.file_id, name: msg.document.file_name ?? '', kind: 'document' });
    else docs.push({ fileId: msg.photo!.at(-1)!.file_id, name: msg.caption ?? '', kind: 'photo' });
    await answer.replyHtml(answer.t('create-documents-added', { count: docs.length }), { reply_markup: keyboard() });
  }
}

export function createMeetingConversation(deps: BotDeps) {
  const { services, config } = deps;
  const tz = config.timeZone;
  const asking: AskOptions = { clock: deps.clock, activity: CREATE_MEETING_CONVERSATION, cancelledKey: 'create-cancelled' };

  async function askBranch(conversation: Convo, ctx: InnerContext): Promise<{ branchId: number | null; ctx: InnerContext }> {
    const member = ctx.member!;
    if (isOffice(member)) {
      for (;;) {
        const answer = await askText(conversation, asking, ctx, ctx.t('create-ask-branch'));
        ctx = answer.ctx;
        if (/^(khoi|khối|bloc)$/i.test(answer.text)) return { branchId: null, ctx };
        const found = await conversation.external(() => {
          const r = services.branches.resolve(answer.text);
          return 'branch' in r && r.branch.active ? r.branch.id : null;
        });
        if (found !== null) return { branchId: found, ctx };
        await ctx.replyHtml(ctx.t('create-branch-not-found', { query: answer.text }));
      }
    }
    const options = await conversation.external(() => {
      if (member.branchId === null) return [];
      const own = services.branches.getById(member.branchId);
      const cells = services.branches.children(member.branchId).filter((b) => b.active);
      return [own, ...cells].filter((b) => b !== null).map((b) => ({ id: b!.id, name: b!.shortName ?? b!.name }));
    });
    if (options.length <= 1) return { branchId: options[0]?.id ?? member.branchId, ctx };
    // A committee with many cells: the choice a page at a time (◀ ▶ edit the same message).
    let page = 0;
    const picker = (c: InnerContext) => {
      const shown = pageOf(options, page, BRANCH_CHOICES_PER_PAGE);
      const kb = new InlineKeyboard();
      for (const o of shown.items) kb.text(shortenLabel(o.name), choice('br', o.id)).row();
      pagerRow(kb, c.t, shown, (p) => choice('brp', p));
      return { text: joinHtml([c.t('create-ask-branch-choice'), pageLabel(c.t, shown)].filter((l) => l !== null), ' '), kb };
    };
    const showPicker = (c: InnerContext) => {
      const p = picker(c);
      return c.replyHtml(p.text, { reply_markup: p.kb });
    };
    await showPicker(ctx);
    const pressed = new RegExp(`^${STEP}:(br|brp):(\\d{1,9})$`);
    for (;;) {
      const answer = await ask(conversation, (c) => pressed.test(c.callbackQuery?.data ?? ''), showPicker, asking);
      const [, action, arg] = pressed.exec(answer.callbackQuery!.data!)!;
      const n = Number(arg);
      if (action === 'br' && options.some((o) => o.id === n)) {
        await answer.answerCallbackQuery();
        return { branchId: n, ctx: answer };
      }
      // Another page, or a button of a branch no longer offered (or forged): the page is drawn again.
      if (action === 'brp') page = n;
      const p = picker(answer);
      await showInPlace(answer, p.text, p.kb);
    }
  }

  function askTime(conversation: Convo, ctx: InnerContext): Promise<{ at: number; ctx: InnerContext }> {
    // Read outside conversation.external on purpose: the examples only shape the text, and one more
    // replayed step would break the conversations in progress when the bot is upgraded.
    const examples = describeExamples(asking.clock.now(), tz).join(', ');
    return askFutureTime(conversation, ctx, ctx.t('create-ask-time', { examples }), {
      ...asking,
      timeZone: tz,
      examples,
      invalidKey: 'create-time-invalid',
      pastKey: 'create-time-past',
    });
  }

  async function askDuration(conversation: Convo, ctx: InnerContext, minutes: number) {
    const kb = new InlineKeyboard()
      .text(htmlToPlain(ctx.t('create-duration-default', { minutes })), choice('dur', minutes))
      .text(htmlToPlain(ctx.t('create-duration-other')), choice('dur', 'other'));
    const answer = await pick(conversation, asking, ctx, 'dur', ctx.t('create-ask-duration', { minutes }), kb);
    ctx = answer.ctx;
    if (answer.value !== 'other') return { minutes, ctx };
    for (;;) {
      const typed = await askText(conversation, asking, ctx, ctx.t('create-ask-duration-minutes'));
      ctx = typed.ctx;
      const n = Number(typed.text);
      if (Number.isInteger(n) && n >= 30 && n <= 480) return { minutes: n, ctx };
      await ctx.replyHtml(ctx.t('create-duration-invalid'));
    }
  }

  async function askRepeat(conversation: Convo, ctx: InnerContext, at: Date): Promise<{ rule: RecurrenceRule | null; ctx: InnerContext }> {
    const p = localParts(at, tz);
    const weekday = p.weekday as Weekday;
    const nth = Math.ceil(p.day / 7);
    const daysInMonth = new Date(Date.UTC(p.year, p.month, 0)).getUTCDate();
    const isLast = p.day + 7 > daysInMonth;
    const monthOfQuarter = (((p.month - 1) % 3) + 1) as 1 | 2 | 3;
    const rules: Record<string, RecurrenceRule | null> = { none: null, day: { freq: 'monthly', day: p.day } };
    const kb = new InlineKeyboard()
      .text(htmlToPlain(ctx.t('create-repeat-none')), choice('rep', 'none'))
      .row()
      .text(htmlToPlain(ctx.t('create-repeat-monthly-day', { day: p.day })), choice('rep', 'day'))
      .row();
    const weekdayName = htmlToPlain(ctx.t(`weekday-${weekday}`));
    if (nth <= 4) {
      rules.nth = { freq: 'monthly', weekday, nth: nth as 1 | 2 | 3 | 4 };
      kb.text(htmlToPlain(ctx.t('create-repeat-monthly-nth', { weekday: weekdayName, nth: ctx.t(`create-nth-${nth}`) })), choice('rep', 'nth')).row();
    }
    if (isLast) {
      rules.last = { freq: 'monthly', weekday, nth: -1 };
      kb.text(htmlToPlain(ctx.t('create-repeat-monthly-last', { weekday: weekdayName })), choice('rep', 'last')).row();
    }
    rules.quarter = { freq: 'quarterly', monthOfQuarter, day: p.day };
    kb.text(htmlToPlain(ctx.t('create-repeat-quarterly', { day: p.day, month: monthOfQuarter })), choice('rep', 'quarter'));
    for (;;) {
      const answer = await pick(conversation, asking, ctx, 'rep', ctx.t('create-ask-repeat'), kb);
      if (answer.value in rules) return { rule: rules[answer.value] ?? null, ctx: answer.ctx };
      ctx = answer.ctx;
    }
  }

  return async function createMeeting(conversation: Convo, ctx: InnerContext): Promise<void> {
    const kindKb = new InlineKeyboard();
    for (const k of KIND_CHOICES) {
      kindKb.text(htmlToPlain(kindLabel(ctx.t, { kind: k.kind, combinedThematic: k.combined })), choice('kind', k.key)).row();
    }
    const kindAnswer = await pick(conversation, asking, ctx, 'kind', ctx.t('create-ask-kind'), kindKb);
    const kind = KIND_CHOICES.find((k) => k.key === kindAnswer.value) ?? KIND_CHOICES[0]!;
    const branch = await askBranch(conversation, kindAnswer.ctx);
    const time = await askTime(conversation, branch.ctx);
    const duration = await askDuration(conversation, time.ctx, defaultDuration(kind.kind, kind.combined));
    const location = await askText(conversation, asking, duration.ctx, duration.ctx.t('create-ask-location'), LOCATION_LIMIT);
    const p = localParts(new Date(time.at), tz);
    const month = `${String(p.month).padStart(2, '0')}/${p.year}`;
    const kindName = kindLabel(location.ctx.t, { kind: kind.kind, combinedThematic: kind.combined });
    const defaultTitle = htmlToPlain(kind.kind === 'regular' ? location.ctx.t('create-default-title-month', { kind: kindName, month }) : kindName);
    const title = await askText(conversation, asking, location.ctx, location.ctx.t('create-ask-title', { default: defaultTitle }), {
      max: INPUT_LIMITS.meetingTitle,
      tooLongKey: 'create-title-too-long',
    });
    const agenda = await askText(conversation, asking, title.ctx, title.ctx.t('create-ask-agenda'), {
      max: INPUT_LIMITS.meetingAgenda,
      tooLongKey: 'create-agenda-too-long',
    });
    const documents = await askDocuments(conversation, asking, agenda.ctx);
    const repeat = await askRepeat(conversation, documents.ctx, new Date(time.at));
    ctx = repeat.ctx;

    const draft = await conversation.external((outer) => {
      const m = services.meetings.createDraft(
        {
          branchId: branch.branchId,
          kind: kind.kind,
          combinedThematic: kind.combined,
          title: title.text === '-' || title.text === '' ? defaultTitle : title.text,
          startsAt: new Date(time.at),
          durationMinutes: duration.minutes,
          location: location.text === '-' ? '' : location.text,
          agenda: agenda.text === '-' ? '' : agenda.text,
          documents: documents.docs,
          rule: repeat.rule,
        },
        outer.member!.id,
        actorOf(outer),
      );
      return { id: m.id, seriesId: m.seriesId };
    });
    const meeting = services.meetings.get(draft.id)!;
    const series = draft.seriesId ? services.meetings.getSeries(draft.seriesId) : null;
    await ctx.replyHtml(ctx.t('create-preview-intro'));
    const kb = new InlineKeyboard()
      .text(htmlToPlain(ctx.t('create-confirm-button')), callbackData(CONFIRM_MEETING, draft.id))
      .text(htmlToPlain(ctx.t('create-cancel-button')), callbackData(DISCARD_MEETING, draft.id));
    await ctx.replyHtml(meetingCard(ctx.t, meeting, services.meetings.branchName(meeting.branchId), tz, { series, locale: ctx.locale }), {
      reply_markup: kb,
    });
  };
}
