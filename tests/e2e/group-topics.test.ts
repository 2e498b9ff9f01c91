/**
 * Supergroups with topics (forums), through the real bot against the fake Bot API: /lienket typed in
 * a topic links that topic, the branch's notices and meeting reminders go there; typed in General
 * it links General; a deleted or closed topic sends to General instead, recorded, nothing lost.
 */
import type { User } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdjustableClock } from '../../src/clock.js';
import { SYSTEM } from '../../src/services/actor.js';
import type { Meeting } from '../../src/services/meetings.js';
import { commandUpdate, forumSupergroup, user } from '../fake-telegram/updates.js';
import { TestBot } from '../helpers/app.js';
import { confirmMeeting, seedSmallBloc } from '../helpers/db.js';

/** Messages to one group are paced at 20 a minute (one every 3 s): a resend after a refusal waits its turn. */
const PACED = { timeoutMs: 15_000 };
const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);

describe('forum topics (end to end)', { timeout: 60_000 }, () => {
  let t: TestBot;
  let bloc: ReturnType<typeof seedSmallBloc>;
  const cellSecretary = user(9505, { first_name: 'Đạt' }); // CB02 secretary
  const admin = user(9590, { first_name: 'Quản trị nhóm' });
  const forum = forumSupergroup(-1001000009500, 'Diễn đàn CB02');
  let topic: number;

  beforeEach(async () => {
    t = await TestBot.start();
    bloc = seedSmallBloc(t.services);
    t.services.members.linkTelegram(bloc.cellSecretary.id, { id: cellSecretary.id }, SYSTEM);
    t.fake.knowChats(cellSecretary);
    t.fake.setBotMember(forum, 'member', {}, { by: admin });
    topic = t.fake.openTopic(forum, 'Thông báo chi bộ', admin);
    await t.settle();
  });
  afterEach(async () => {
    await t.stop();
  });

  /** /lienket CB02 typed by the secretary, in a topic or in General; returns the bot's answer. */
  async function linkIn(threadId: number | undefined, from: User = cellSecretary) {
    const mark = t.fake.mark();
    t.fake.pushUpdate(commandUpdate(from, forum, 'lienket', 'CB02', threadId === undefined ? {} : { message_thread_id: threadId }));
    return t.fake.waitFor('sendMessage', (p) => p.chat_id === forum.id, { after: mark });
  }

  /** A notice from the CB02 secretary to the branch's groups, confirmed through the service (as /guithongbao does). */
  function sendNotice(body: string): void {
    const author = t.services.members.findByTelegramId(cellSecretary.id)!;
    const draft = t.services.notices.createDraft(
      author,
      {
        kind: 'text',
        body,
        title: body,
        requireAck: false,
        audience: { scope: { type: 'branches', branchIds: [bloc.cell.id], includeSubcells: false }, people: 'all', channel: 'groups' },
        scheduledAt: null,
      },
      SYSTEM,
    );
    const result = t.services.notices.confirm(draft.id, author, SYSTEM);
    if (!result.ok) throw new Error(result.reason);
    t.app.sender.wake();
  }

  function schedule(startsAt: Date): Meeting {
    const by = bloc.cellSecretary.id;
    return confirmMeeting(t.services, { branchId: bloc.cell.id, kind: 'regular', title: 'Sinh hoạt chi bộ tháng 12', startsAt, location: 'Hội trường', agenda: 'Kiểm điểm' }, by);
  }

  it('/lienket in a topic links that topic: the answer, notices, announcements and reminders go there', async () => {
    const answer = await linkIn(topic);
    expect(answer.params.message_thread_id).toBe(topic);
    expect(String(answer.params.text)).toContain('sẽ được gửi vào chủ đề này');
    expect(t.services.chats.get(forum.id)).toMatchObject({ branchId: bloc.cell.id, threadId: topic });
    // Typed again in the same topic: already so.
    expect(String((await linkIn(topic)).params.text)).toContain('đã được gửi vào chủ đề này');

    sendNotice('Thông báo thu đảng phí');
    const notice = await t.fake.waitFor('sendMessage', (p) => p.chat_id === forum.id && String(p.text).includes('thu đảng phí'));
    expect(notice.params.message_thread_id).toBe(topic);
    expect(notice.response.result).toMatchObject({ message_thread_id: topic, is_topic_message: true });

    const m = schedule(at('2026-11-25 14:00'));
    const announcement = await t.fake.waitFor('sendMessage', (p) => p.chat_id === forum.id && String(p.text).includes(`#${m.id}`));
    expect(announcement.params.message_thread_id).toBe(topic);
    // The day-before reminder, when the planner finds it due.
    (t.clock as AdjustableClock).set(at('2026-11-24 14:00'));
    t.services.meetingNotifier.plan();
    t.app.sender.wake();
    const reminder = await t.fake.waitFor('sendMessage', (p) => p.chat_id === forum.id && String(p.text).startsWith('⏰'), { timeoutMs: 10_000 });
    expect(reminder.params.message_thread_id).toBe(topic);
    expect(reminder.response.ok).toBe(true);
  });

  it('/lienket in General links General: messages go to the group without a topic', async () => {
    await linkIn(topic);
    const answer = await linkIn(undefined);
    expect(answer.params.message_thread_id).toBeUndefined();
    expect(String(answer.params.text)).toContain('mục chung (General)');
    expect(t.services.chats.get(forum.id)).toMatchObject({ branchId: bloc.cell.id, threadId: null });
    sendNotice('Thông báo vào mục chung');
    const notice = await t.fake.waitFor('sendMessage', (p) => p.chat_id === forum.id && String(p.text).includes('mục chung'));
    expect(notice.params.message_thread_id).toBeUndefined();
  });

  it('a deleted topic: the notice goes to General, the link falls back to General, and it is recorded', async () => {
    await linkIn(topic);
    t.fake.deleteTopic(forum.id, topic);
    const sent = t.fake.mark();
    sendNotice('Thông báo sau khi xóa chủ đề');
    const refused = await t.fake.waitFor('sendMessage', (p) => p.chat_id === forum.id && p.message_thread_id === topic, { after: sent, refused: true, ...PACED });
    expect(refused.response.description).toBe('Bad Request: message thread not found');
    const general = await t.fake.waitFor('sendMessage', (p) => p.chat_id === forum.id && p.message_thread_id === undefined && String(p.text).includes('xóa chủ đề'), PACED);
    expect(general.response.ok).toBe(true);
    await t.settle();
    expect(t.services.chats.get(forum.id)).toMatchObject({ branchId: bloc.cell.id, threadId: null });
    const entry = t.services.audit.recent(20).find((e) => e.action === 'chat.topic_gone');
    expect(entry?.details).toMatchObject({ threadId: topic, sentTo: 'general' });
    // The notice counts as delivered, once.
    const id = t.services.notices.authoredBy(t.services.members.findByTelegramId(cellSecretary.id)!)[0]!.id;
    expect(t.services.notices.progress(id)).toMatchObject({ sent: 1, failed: 0, total: 1 });
    // The next one goes straight to General.
    const mark = t.fake.mark();
    sendNotice('Thông báo tiếp theo');
    const next = await t.fake.waitFor('sendMessage', (p) => p.chat_id === forum.id && String(p.text).includes('tiếp theo'), { after: mark, ...PACED });
    expect(next.params.message_thread_id).toBeUndefined();
  });

  it('a closed topic: the notice goes to General and is recorded; the link keeps the topic for when it reopens', async () => {
    await linkIn(topic);
    t.fake.closeTopic(forum.id, topic);
    const sent = t.fake.mark();
    sendNotice('Thông báo khi chủ đề đóng');
    const refused = await t.fake.waitFor('sendMessage', (p) => p.chat_id === forum.id && p.message_thread_id === topic, { after: sent, refused: true, ...PACED });
    expect(refused.response.description).toBe('Bad Request: TOPIC_CLOSED');
    await t.fake.waitFor('sendMessage', (p) => p.chat_id === forum.id && p.message_thread_id === undefined && String(p.text).includes('chủ đề đóng'), PACED);
    await t.settle();
    expect(t.services.chats.get(forum.id)?.threadId).toBe(topic);
    expect(t.services.audit.recent(20).some((e) => e.action === 'chat.topic_closed')).toBe(true);
    t.fake.closeTopic(forum.id, topic, false);
    sendNotice('Thông báo khi chủ đề mở lại');
    const back = await t.fake.waitFor('sendMessage', (p) => p.chat_id === forum.id && String(p.text).includes('mở lại'), PACED);
    expect(back.params.message_thread_id).toBe(topic);
    expect(back.response.ok).toBe(true);
  });
});
