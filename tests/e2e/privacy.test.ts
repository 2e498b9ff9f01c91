/**
 * What /tim and inline mode may show: never a notice that was not sent to the member (nor written by
 * them), never a meeting of a branch that is not theirs or above theirs, and member names only to
 * secretaries and deputies (their branch and its cells) and the office — inline, to nobody. The
 * result lists, the buttons' targets, and buttons forged for hidden items are all checked.
 * Against flood limits, with every member having started the bot.
 */
import type { Message, User } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Audience } from '../../src/domain/audience.js';
import { SYSTEM } from '../../src/services/actor.js';
import { inlineQuery, privateChat, user } from '../fake-telegram/updates.js';
import { TestBot } from '../helpers/app.js';
import { confirmMeeting, seedSmallBloc } from '../helpers/db.js';
import { outboxDrained, sayOk, startChats, textOf } from '../helpers/strict.js';

/** The kinds' numbers in `op:<kind>:<id>` (SEARCH_KINDS' order). */
const KIND = { branch: 0, member: 1, meeting: 2, notice: 3, indicator: 4 } as const;

describe('privacy of lookups (end to end)', () => {
  let t: TestBot;
  let bloc: ReturnType<typeof seedSmallBloc>;
  const office = user(9400, { first_name: 'Văn phòng' });
  const secretary = user(9401); // DB01 secretary (Nguyễn Văn An)
  const deputy = user(9402); // DB01 deputy (Trần Thị Bình)
  const member = user(9403); // DB01 member (Lê Văn Cường)
  const subMember = user(9404); // DB01-01 member (Phạm Thị Dung)
  const cellSecretary = user(9405); // CB02 secretary (Đặng Quốc Đạt)
  const cellMember = user(9406); // CB02 member (Hoàng Minh Em)
  const NAMES = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường', 'Phạm Thị Dung', 'Đặng Quốc Đạt', 'Hoàng Minh Em'];
  let ids: { cellNotice: number; committeeNotice: number; cellMeeting: number; committeeMeeting: number };

  beforeEach(async () => {
    t = await TestBot.start({ adminIds: [office.id] });
    bloc = seedSmallBloc(t.services);
    const link = (id: number, tg: User) => t.services.members.linkTelegram(id, { id: tg.id }, SYSTEM);
    link(bloc.secretary.id, secretary);
    link(bloc.deputy.id, deputy);
    link(bloc.member.id, member);
    link(bloc.subMember.id, subMember);
    link(bloc.cellSecretary.id, cellSecretary);
    link(bloc.cellMember.id, cellMember);
    await startChats(t, [office, secretary, deputy, member, subMember, cellSecretary, cellMember]);

    // A notice to each branch alone (the committee's without its cell), and a meeting of each.
    const author = t.services.members.findByTelegramId(office.id)!;
    const notice = (body: string, branchId: number) => {
      const audience: Audience = { scope: { type: 'branches', branchIds: [branchId], includeSubcells: false }, people: 'all', channel: 'private' };
      const draft = t.services.notices.createDraft(author, { kind: 'text', body, title: body, requireAck: false, audience, scheduledAt: null }, SYSTEM);
      expect(t.services.notices.confirm(draft.id, author, SYSTEM).ok).toBe(true);
      return draft.id;
    };
    const meeting = (title: string, branchId: number, by: number) =>
      confirmMeeting(t.services, { branchId, kind: 'regular', title, startsAt: new Date('2026-12-03T07:30:00Z') }, by).id;
    ids = {
      cellNotice: notice('Kế hoạch tổng kết năm của chi bộ công ty', bloc.cell.id),
      committeeNotice: notice('Kế hoạch tổng kết năm của đảng bộ sở', bloc.committee.id),
      cellMeeting: meeting('Sinh hoạt tổng kết năm chi bộ công ty', bloc.cell.id, bloc.cellSecretary.id),
      committeeMeeting: meeting('Hội nghị tổng kết năm đảng bộ sở', bloc.committee.id, bloc.secretary.id),
    };
    t.app.sender.wake();
    await outboxDrained(t);
  }, 60_000);
  afterEach(async () => {
    await t.stop();
  });

  /** /tim as `who`: the answer's text and the items its buttons open, as "kind:id". */
  async function search(who: User, query: string): Promise<{ text: string; targets: string[]; message: Message }> {
    const call = await sayOk(t, who, privateChat(who), `/tim ${query}`);
    const keyboard = (call.params.reply_markup as { inline_keyboard?: { callback_data: string }[][] } | undefined)?.inline_keyboard ?? [];
    const targets = keyboard.flat().map((b) => {
      const [, kind, id] = b.callback_data.split(':');
      return `${Object.keys(KIND)[Number(kind)]}:${id}`;
    });
    return { text: textOf(call), targets, message: call.response.result as Message };
  }

  /** Inline mode as `who`: the results' ids ("kind:id") and the texts they would share. */
  async function inline(who: User, query: string): Promise<{ ids: string[]; texts: string[] }> {
    const mark = t.fake.mark();
    t.fake.pushUpdate(inlineQuery(who, query));
    const answer = await t.fake.waitFor('answerInlineQuery', undefined, { after: mark });
    const results = answer.params.results as { id: string; title: string; description: string; input_message_content: { message_text: string } }[];
    return { ids: results.map((r) => r.id), texts: results.map((r) => `${r.title}\n${r.description}\n${r.input_message_content.message_text}`) };
  }

  /** Presses `op:<kind>:<id>` on a /tim answer of `who` (a forged button when it was not offered); the callback answer's text. */
  async function open(who: User, message: Message, kind: keyof typeof KIND, id: number): Promise<{ answer: string; sent: string[] }> {
    const mark = t.fake.mark();
    const answer = await t.press(who, message, `op:${KIND[kind]}:${id}`, true);
    await t.settle();
    const sent = t.fake.calls.slice(mark).filter((c) => c.response.ok && /^send/i.test(c.method) && c.params.chat_id === who.id).map(textOf);
    return { answer: String(answer.params.text ?? ''), sent };
  }

  it('/tim and inline mode show a member the notices sent to them and the meetings of their branch and the branches above it, nothing else', async () => {
    const cases: [User, string[]][] = [
      [cellMember, [`notice:${ids.cellNotice}`, `meeting:${ids.cellMeeting}`]],
      [member, [`notice:${ids.committeeNotice}`, `meeting:${ids.committeeMeeting}`]],
      // The committee's cell: its meeting is above them, its notice was not sent to them.
      [subMember, [`meeting:${ids.committeeMeeting}`]],
    ];
    for (const [who, expected] of cases) {
      const found = await search(who, 'tong ket nam');
      expect(found.targets.sort()).toEqual([...expected].sort());
      expect((await inline(who, 'tong ket nam')).ids.sort()).toEqual([...expected].sort());
    }
    const answer = (await search(cellMember, 'tong ket nam')).text;
    expect(answer).toContain('Sinh hoạt tổng kết năm chi bộ công ty');
    expect(answer).toContain('Kế hoạch tổng kết năm của chi bộ công ty');
    expect(answer).not.toContain('đảng bộ sở');
    // The author sees the notices they wrote (the office sees all anyway).
    expect((await search(office, 'ke hoach tong ket')).targets.sort()).toEqual([`notice:${ids.cellNotice}`, `notice:${ids.committeeNotice}`].sort());
  }, 60_000);

  it('member names: secretaries and deputies see their branch and its cells, the office everyone, a plain member nobody; inline offers no name to anyone', async () => {
    const names = async (who: User, query: string) => (await search(who, query)).targets.filter((x) => x.startsWith('member:'));
    const dung = `member:${bloc.subMember.id}`;
    const cuong = `member:${bloc.member.id}`;
    const em = `member:${bloc.cellMember.id}`;
    for (const query of ['Pham Thi Dung', 'Le Van Cuong', 'Hoang Minh Em']) {
      expect(await names(cellMember, query)).toEqual([]);
      expect(await names(member, query)).toEqual([]);
    }
    for (const leader of [secretary, deputy]) {
      expect(await names(leader, 'Pham Thi Dung')).toEqual([dung]);
      expect(await names(leader, 'Le Van Cuong')).toEqual([cuong]);
      expect(await names(leader, 'Hoang Minh Em')).toEqual([]);
    }
    expect(await names(cellSecretary, 'Hoang Minh Em')).toEqual([em]);
    expect(await names(cellSecretary, 'Pham Thi Dung')).toEqual([]);
    expect(await names(office, 'Hoang Minh Em')).toEqual([em]);
    expect(await names(office, 'Pham Thi Dung')).toEqual([dung]);
    expect((await search(office, 'Pham Thi Dung')).text).toContain('👤 Phạm Thị Dung');

    // Inline: no member result and no name, whoever asks, while the same words find names in /tim.
    for (const who of [office, secretary, cellSecretary, cellMember]) {
      for (const query of ['Pham Thi Dung', 'Hoang Minh Em', 'Nguyen Van An']) {
        const results = await inline(who, query);
        expect(results.ids.filter((id) => id.startsWith('member:'))).toEqual([]);
        for (const text of results.texts) for (const name of NAMES) expect(text).not.toContain(name);
      }
    }
    // Cards shared inline name no one either.
    for (const text of (await inline(office, 'tong ket nam')).texts) for (const name of NAMES) expect(text).not.toContain(name);
  }, 90_000);

  it('a forged result button for something the member may not see is refused and shows nothing; a real one opens', async () => {
    const { message } = await search(cellMember, 'tong ket nam');
    for (const [kind, id] of [
      ['notice', ids.committeeNotice],
      ['meeting', ids.committeeMeeting],
      ['member', bloc.subMember.id],
      ['member', bloc.cellMember.id],
    ] as const) {
      const forged = await open(cellMember, message, kind, id);
      expect(forged.answer).toBe('Đồng chí không xem được mục này.');
      expect(forged.sent).toEqual([]);
    }
    const allowed = await open(cellMember, message, 'notice', ids.cellNotice);
    expect(allowed.answer).toBe('');
    expect(allowed.sent.join('\n')).toContain('Kế hoạch tổng kết năm của chi bộ công ty');

    // A secretary: names of their own branch and cells only.
    const mine = (await search(secretary, 'Pham Thi Dung')).message;
    const outside = await open(secretary, mine, 'member', bloc.cellMember.id);
    expect(outside.answer).toBe('Đồng chí không xem được mục này.');
    expect(outside.sent).toEqual([]);
    const own = await open(secretary, mine, 'member', bloc.subMember.id);
    expect(own.sent.join('\n')).toContain('👤 <b>Phạm Thị Dung</b> (DV004)');
    // Nor another branch's meeting, nor a notice sent to others.
    expect((await open(cellSecretary, (await search(cellSecretary, 'tong ket nam')).message, 'meeting', ids.committeeMeeting)).answer).toBe(
      'Đồng chí không xem được mục này.',
    );
    expect((await open(subMember, (await search(subMember, 'tong ket nam')).message, 'notice', ids.committeeNotice)).answer).toBe(
      'Đồng chí không xem được mục này.',
    );
  }, 90_000);
});
