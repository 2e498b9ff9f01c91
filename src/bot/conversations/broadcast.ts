/**
 * /guithongbao: content → audience → acknowledgement → now or later → preview → confirm.
 * The conversation ends with a stored draft and a preview; the confirm and cancel buttons are
 * handled outside it (features/notices.ts), where they are checked against the draft's author.
 * Everything that touches the database runs in conversation.external, so replays after a restart
 * do not repeat it.
 */
import { InlineKeyboard } from 'grammy';
import type { Message } from 'grammy/types';
import type { Audience, AudienceChannel, AudiencePeople, AudienceScope } from '../../domain/audience.js';
import { describeExamples } from '../../domain/datetime-parse.js';
import { isOffice } from '../../domain/roles.js';
import { shortenLabel } from '../../domain/text.js';
import { formatDateTime } from '../../domain/time.js';
import { callbackData } from '../callback-data.js';
import type { InnerContext } from '../context.js';
import { ask, askFutureTime, type AskOptions, type Convo, isPlainText } from './ask.js';
import type { BotDeps } from '../deps.js';
import { entitiesToHtml, htmlVisibleLength } from '../render/entities.js';
import { Html, htmlToPlain, joinHtml, TELEGRAM_TEXT_LIMIT } from '../render/html.js';
import { NoticeRenderer } from '../render/notice.js';
import { pageLabel, pageOf, pageOfIndex, pagerRow, showInPlace } from '../render/paging.js';
import { actorOf } from '../features/chat-tracking.js';
import { mayPinInAny } from '../pin-rights.js';

export const BROADCAST_CONVERSATION = 'broadcast';
export const CONFIRM = 'nok';
export const DISCARD = 'nno';

/**
 * The longest notice, as Telegram counts it: one message with room for the header above it. A
 * caption may be as long (a Premium client sends longer ones than Telegram lets a bot send): what
 * does not fit under the file follows it as a text (src/delivery/parts.ts).
 */
const BODY_LIMIT = TELEGRAM_TEXT_LIMIT - 80;

type Content = { kind: 'text' | 'document' | 'photo'; body: string; fileId: string | null; title: string };

const STEP = 'bc';
const choice = (step: string, value: string | number) => callbackData(STEP, step, value);
const button = (ctx: InnerContext, key: string, args?: Record<string, number>) => htmlToPlain(ctx.t(key, args));
/** Grassroots organisations a page of the picker of chosen branches. */
const BRANCH_PICKS_PER_PAGE = 10;

/** Asks with buttons and waits for one of this step's buttons. */
async function pick(conversation: Convo, q: AskOptions, ctx: InnerContext, step: string, question: Html, keyboard: InlineKeyboard): Promise<{ value: string; ctx: InnerContext }> {
  const pattern = new RegExp(`^${STEP}:${step}:([\\w-]+)$`);
  const repeat = (c: InnerContext) => c.replyHtml(question, { reply_markup: keyboard });
  await repeat(ctx);
  const answer = await ask(conversation, (c) => pattern.test(c.callbackQuery?.data ?? ''), repeat, q);
  await answer.answerCallbackQuery();
  return { value: pattern.exec(answer.callbackQuery!.data!)![1]!, ctx: answer };
}

/** Refuses a notice longer than BODY_LIMIT, saying how long it is and may be. */
async function tooLong(ctx: InnerContext, body: string): Promise<boolean> {
  const length = htmlVisibleLength(body);
  if (length <= BODY_LIMIT) return false;
  await ctx.replyHtml(ctx.t('broadcast-too-long', { length, max: BODY_LIMIT }));
  return true;
}

function titleOf(html: string): string {
  const plain = htmlToPlain(new Html(html)).replace(/\s+/g, ' ').trim();
  return shortenLabel(plain);
}

export function createBroadcastConversation(deps: BotDeps) {
  const { services, config, translator } = deps;
  const renderer = new NoticeRenderer(translator);
  const asking: AskOptions = { clock: deps.clock, activity: BROADCAST_CONVERSATION, cancelledKey: 'broadcast-cancelled' };

  async function askContent(conversation: Convo, ctx: InnerContext): Promise<Content> {
    const question = ctx.t('broadcast-ask-content');
    await ctx.replyHtml(question);
    const isContent = (c: InnerContext) => Boolean(c.message && !c.message.text?.startsWith('/'));
    for (;;) {
      const reply = await ask(conversation, isContent, (c) => c.replyHtml(question), asking);
      const msg: Message = reply.message!;
      let content: Content;
      if (msg.text !== undefined) {
        const body = entitiesToHtml(msg.text, msg.entities).value;
        if (await tooLong(reply, body)) continue;
        content = { kind: 'text', body, fileId: null, title: titleOf(body) };
      } else if (msg.document || msg.photo) {
        const body = entitiesToHtml(msg.caption ?? '', msg.caption_entities).value;
        if (await tooLong(reply, body)) continue;
        const fileId = msg.document ? msg.document.file_id : msg.photo!.at(-1)!.file_id;
        const name = msg.document?.file_name ?? '';
        content = { kind: msg.document ? 'document' : 'photo', body, fileId, title: titleOf(body) || name || '📎' };
      } else {
        await reply.replyHtml(reply.t('broadcast-unsupported'));
        continue;
      }
      if (content.kind === 'text' && htmlToPlain(new Html(content.body)).trim() === '') {
        await reply.replyHtml(reply.t('broadcast-empty'));
        continue;
      }
      return content;
    }
  }

  async function askScope(conversation: Convo, ctx: InnerContext): Promise<{ scope: AudienceScope; ctx: InnerContext }> {
    const member = ctx.member!;
    const office = isOffice(member);
    const ownHasCells = await conversation.external(() =>
      member.branchId ? services.branches.children(member.branchId).some((b) => b.active) : false,
    );
    const kb = new InlineKeyboard();
    if (office) {
      kb.text(button(ctx, 'broadcast-scope-bloc'), choice('scope', 'bloc')).row();
      kb.text(button(ctx, 'broadcast-scope-cluster'), choice('scope', 'cluster')).row();
      kb.text(button(ctx, 'broadcast-scope-branches'), choice('scope', 'branches')).row();
    }
    if (member.branchId) {
      kb.text(button(ctx, 'broadcast-scope-own'), choice('scope', 'own')).row();
      if (ownHasCells) kb.text(button(ctx, 'broadcast-scope-own-sub'), choice('scope', 'ownsub')).row();
    }
    const answer = await pick(conversation, asking, ctx, 'scope', ctx.t('broadcast-ask-scope'), kb);
    switch (answer.value) {
      case 'bloc':
        if (office) return { scope: { type: 'bloc' }, ctx: answer.ctx };
        break;
      case 'cluster':
        if (office) return askCluster(conversation, answer.ctx);
        break;
      case 'branches':
        if (office) return askBranches(conversation, answer.ctx);
        break;
      case 'own':
      case 'ownsub':
        if (member.branchId)
          return { scope: { type: 'branches', branchIds: [member.branchId], includeSubcells: answer.value === 'ownsub' }, ctx: answer.ctx };
    }
    await answer.ctx.replyHtml(answer.ctx.t('broadcast-branches-not-allowed'));
    return askScope(conversation, answer.ctx);
  }

  async function askCluster(conversation: Convo, ctx: InnerContext): Promise<{ scope: AudienceScope; ctx: InnerContext }> {
    const clusters = await conversation.external(() => services.branches.listClusters().map((c) => ({ id: c.id, name: c.name })));
    const kb = new InlineKeyboard();
    for (const c of clusters) kb.text(shortenLabel(c.name), choice('cluster', c.id)).row();
    for (;;) {
      const answer = await pick(conversation, asking, ctx, 'cluster', ctx.t('broadcast-ask-cluster'), kb);
      const id = Number(answer.value);
      if (clusters.some((c) => c.id === id)) return { scope: { type: 'cluster', clusterId: id }, ctx: answer.ctx };
      ctx = answer.ctx;
    }
  }

  /**
   * Chosen branches: ticked on a paged list of the grassroots organisations (◀ ▶ edit the same
   * message), or typed as codes (any branch, a cell under a committee too).
   */
  async function askBranches(conversation: Convo, ctx: InnerContext): Promise<{ scope: AudienceScope; ctx: InnerContext }> {
    const options = await conversation.external(() =>
      services.branches
        .list({ activeOnly: true })
        .filter((b) => b.kind !== 'subcell')
        .map((b) => ({ id: b.id, code: b.code, name: b.shortName ?? b.name })),
    );
    const chosen = new Set<number>();
    let page = 0;
    const picker = (c: InnerContext) => {
      const shown = pageOf(options, page, BRANCH_PICKS_PER_PAGE);
      const kb = new InlineKeyboard();
      for (const o of shown.items) kb.text(shortenLabel(`${chosen.has(o.id) ? '☑' : '☐'} ${o.code} · ${o.name}`), choice('brs', o.id)).row();
      pagerRow(kb, c.t, shown, (p) => choice('brp', p));
      kb.text(button(c, 'broadcast-branches-done', { count: chosen.size }), choice('brd', 0));
      return { text: joinHtml([c.t('broadcast-ask-branches-pick'), pageLabel(c.t, shown)].filter((l) => l !== null), ' '), kb };
    };
    const showPicker = (c: InnerContext) => {
      const p = picker(c);
      return c.replyHtml(p.text, { reply_markup: p.kb });
    };
    await showPicker(ctx);
    const pressed = new RegExp(`^${STEP}:(brs|brp|brd):(\\d{1,9})$`);
    let branchIds: number[];
    let reply: InnerContext;
    for (;;) {
      reply = await ask(conversation, (c) => isPlainText(c) || pressed.test(c.callbackQuery?.data ?? ''), showPicker, asking);
      const press = pressed.exec(reply.callbackQuery?.data ?? '');
      if (press) {
        const [, action, arg] = press;
        const n = Number(arg);
        if (action === 'brd') {
          if (chosen.size === 0) {
            await reply.answerCallbackQuery({ text: button(reply, 'broadcast-branches-none-chosen'), show_alert: true });
            continue;
          }
          await reply.answerCallbackQuery();
          await reply.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
          branchIds = [...chosen];
          break;
        }
        // A button of a branch no longer listed (or forged) changes nothing: the page is drawn again.
        const index = options.findIndex((o) => o.id === n);
        if (action === 'brs' && index >= 0) {
          if (chosen.has(n)) chosen.delete(n);
          else chosen.add(n);
          page = pageOfIndex(index, BRANCH_PICKS_PER_PAGE);
        }
        if (action === 'brp') page = n;
        const p = picker(reply);
        await showInPlace(reply, p.text, p.kb);
        continue;
      }
      const text = reply.message!.text!.trim();
      const codes = text.split(/[,;\s]+/).filter(Boolean);
      const found = await conversation.external(() =>
        codes.map((code) => {
          const branch = services.branches.getByCode(code);
          return { code, id: branch?.active ? branch.id : null };
        }),
      );
      const unknown = found.filter((f) => f.id === null).map((f) => f.code);
      if (codes.length === 0 || unknown.length > 0) {
        await reply.replyHtml(reply.t('broadcast-branches-unknown', { codes: unknown.join(', ') || text }));
        continue;
      }
      branchIds = [...new Set(found.map((f) => f.id!))];
      break;
    }
    const kb = new InlineKeyboard()
      .text(button(reply, 'broadcast-subcells-yes'), choice('sub', 'yes'))
      .text(button(reply, 'broadcast-subcells-no'), choice('sub', 'no'));
    const answer = await pick(conversation, asking, reply, 'sub', reply.t('broadcast-ask-subcells'), kb);
    return { scope: { type: 'branches', branchIds, includeSubcells: answer.value === 'yes' }, ctx: answer.ctx };
  }

  async function askPeople(conversation: Convo, ctx: InnerContext): Promise<{ people: AudiencePeople; channel: AudienceChannel; ctx: InnerContext }> {
    const kb = new InlineKeyboard()
      .text(button(ctx, 'broadcast-people-private'), choice('people', 'private'))
      .row()
      .text(button(ctx, 'broadcast-people-groups'), choice('people', 'groups'))
      .row()
      .text(button(ctx, 'broadcast-people-both'), choice('people', 'both'))
      .row()
      .text(button(ctx, 'broadcast-people-secretaries'), choice('people', 'secretaries'));
    for (;;) {
      const answer = await pick(conversation, asking, ctx, 'people', ctx.t('broadcast-ask-people'), kb);
      switch (answer.value) {
        case 'private':
        case 'groups':
        case 'both':
          return { people: 'all', channel: answer.value, ctx: answer.ctx };
        case 'secretaries':
          return { people: 'secretaries', channel: 'private', ctx: answer.ctx };
      }
      ctx = answer.ctx;
    }
  }

  async function askWhen(conversation: Convo, ctx: InnerContext): Promise<{ at: number | null; ctx: InnerContext }> {
    const kb = new InlineKeyboard()
      .text(button(ctx, 'broadcast-when-now'), choice('when', 'now'))
      .text(button(ctx, 'broadcast-when-later'), choice('when', 'later'));
    const answer = await pick(conversation, asking, ctx, 'when', ctx.t('broadcast-ask-when'), kb);
    if (answer.value !== 'later') return { at: null, ctx: answer.ctx };
    // Not through conversation.external: text only, and no new replay step (see create-meeting.ts).
    const examples = describeExamples(asking.clock.now(), config.timeZone).slice(0, 3).join(', ');
    return askFutureTime(conversation, answer.ctx, answer.ctx.t('broadcast-ask-time', { examples }), {
      ...asking,
      timeZone: config.timeZone,
      examples,
      invalidKey: 'broadcast-time-invalid',
      pastKey: 'broadcast-time-past',
    });
  }

  return async function broadcast(conversation: Convo, ctx: InnerContext): Promise<void> {
    const content = await askContent(conversation, ctx);
    let audience: Audience;
    let counts: { people: number; privateCount: number; groups: number; notLinked: number };
    for (;;) {
      const scope = await askScope(conversation, ctx);
      const people = await askPeople(conversation, scope.ctx);
      ctx = people.ctx;
      audience = { scope: scope.scope, people: people.people, channel: people.channel };
      const a = audience;
      counts = await conversation.external(() => {
        const r = services.notices.resolve(a);
        return { people: r.people.length, privateCount: r.privateCount, groups: r.groups.length, notLinked: r.notLinked };
      });
      if (counts.privateCount + counts.groups > 0) break;
      await ctx.replyHtml(ctx.t('broadcast-nobody'));
    }
    const ackKb = new InlineKeyboard()
      .text(button(ctx, 'broadcast-ack-yes'), choice('ack', 'yes'))
      .text(button(ctx, 'broadcast-ack-no'), choice('ack', 'no'));
    const ack = await pick(conversation, asking, ctx, 'ack', ctx.t('broadcast-ask-ack'), ackKb);
    const requireAck = ack.value === 'yes';
    ctx = ack.ctx;
    // Pinning is offered only when the notice goes to groups and the bot may pin in one of them.
    const reached = audience;
    const canPin =
      counts.groups > 0 &&
      (await conversation.external((outer) =>
        mayPinInAny(outer.api, outer.me.id, services.notices.resolve(reached).groups, services.chats, deps.clock.now()),
      ));
    let pinInGroups = false;
    if (canPin) {
      const pinKb = new InlineKeyboard()
        .text(button(ctx, 'broadcast-pin-yes'), choice('pin', 'yes'))
        .text(button(ctx, 'broadcast-pin-no'), choice('pin', 'no'));
      const pin = await pick(conversation, asking, ctx, 'pin', ctx.t('broadcast-ask-pin'), pinKb);
      pinInGroups = pin.value === 'yes';
      ctx = pin.ctx;
    }
    const when = await askWhen(conversation, ctx);
    ctx = when.ctx;

    const finalAudience = audience;
    const draft = await conversation.external((outer) => {
      const n = services.notices.createDraft(
        outer.member!,
        { ...content, requireAck, pinInGroups, audience: finalAudience, scheduledAt: when.at === null ? null : new Date(when.at) },
        actorOf(outer),
      );
      const scope = services.notices.describeScope(finalAudience);
      // Plain data only: external results are stored as JSON for replays.
      return {
        id: n.id,
        body: n.body,
        requireAck: n.requireAck,
        author: services.notices.authorLabel(n),
        scopeKind: scope.kind,
        scopeNames: scope.names,
      };
    });

    // The preview: the very message recipients get, in the author's language.
    const preview = renderer.notice(draft, draft.author, ctx.locale);
    await ctx.replyHtml(ctx.t('broadcast-preview-intro'));
    await ctx.replyMessage({ kind: content.kind, fileId: content.fileId, text: preview.text, replyMarkup: preview.replyMarkup });

    const scopeText = describeAudience(ctx, draft.scopeKind, draft.scopeNames, finalAudience);
    const summary = ctx.t('broadcast-summary', {
      scope: scopeText,
      people: counts.people,
      private: counts.privateCount,
      groups: counts.groups,
      notLinked: counts.notLinked,
      ack: ctx.t(requireAck ? 'broadcast-yes' : 'broadcast-no'),
      when: when.at === null ? ctx.t('broadcast-when-now-desc') : formatDateTime(new Date(when.at), config.timeZone),
    });
    const pinLine = canPin ? ctx.t('broadcast-summary-pin', { pin: ctx.t(pinInGroups ? 'broadcast-yes' : 'broadcast-no') }) : null;
    const kb = new InlineKeyboard()
      .text(button(ctx, 'broadcast-confirm-button'), callbackData(CONFIRM, draft.id))
      .text(button(ctx, 'broadcast-cancel-button'), callbackData(DISCARD, draft.id));
    await ctx.replyHtml(pinLine ? joinHtml([summary, pinLine]) : summary, { reply_markup: kb });
  };
}

function describeAudience(ctx: InnerContext, kind: AudienceScope['type'], names: string[], audience: Audience): Html {
  const parts: Html[] = [];
  if (kind === 'bloc') parts.push(ctx.t('broadcast-scope-desc-bloc'));
  else if (kind === 'cluster') parts.push(ctx.t('broadcast-scope-desc-cluster', { names: names.join(', ') }));
  else parts.push(ctx.t('broadcast-scope-desc-branches', { names: names.join(', ') }));
  if (audience.scope.type === 'branches' && audience.scope.includeSubcells) parts.push(new Html(' '), ctx.t('broadcast-scope-desc-sub'));
  if (audience.people === 'secretaries') parts.push(ctx.t('broadcast-scope-desc-secretaries'));
  return joinHtml(parts, '');
}

