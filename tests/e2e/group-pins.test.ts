/**
 * Pinning notices in linked groups, through the real bot against the fake Bot API: the choice is
 * offered only where the bot may pin, the pin follows the delivery through the outbox, a newer
 * pinned notice unpins the older, a restart between the send and the pin neither loses nor
 * doubles it, and a pin refused for want of rights is recorded once, never retried.
 */
import type { Message } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdjustableClock } from '../../src/clock.js';
import { SYSTEM } from '../../src/services/actor.js';
import { FAILURE_REPORT_DELAY_MS } from '../../src/services/delivery-failures.js';
import type { RecordedCall } from '../fake-telegram/server.js';
import { group, privateChat, supergroup, user } from '../fake-telegram/updates.js';
import { SCRIPTED_MEMBERS, TestBot } from '../helpers/app.js';
import { seedSmallBloc } from '../helpers/db.js';

/** Pins and unpins are paced like messages to the group (20 a minute: one every 3 s after the notice). */
const PACED = { timeoutMs: 15_000 };

describe('pinned notices in linked groups (end to end)', { timeout: 60_000 }, () => {
  let t: TestBot;
  let bloc: ReturnType<typeof seedSmallBloc>;
  const cellSecretary = user(9405, { first_name: 'Đạt' }); // CB02 secretary
  const cellMember = user(9406, { first_name: 'Em' });
  const admin = user(9490, { first_name: 'Quản trị nhóm' }); // the group's own administrator
  const sg = supergroup(-1001000009400, 'Nhóm CB02');

  beforeEach(async () => {
    // /guithongbao scripted at machine speed: a private chat's own flood limit is lifted (see SCRIPTED_MEMBERS).
    t = await TestBot.start({ telegram: SCRIPTED_MEMBERS });
    bloc = seedSmallBloc(t.services);
    t.services.members.linkTelegram(bloc.cellSecretary.id, { id: cellSecretary.id }, SYSTEM);
    t.services.members.linkTelegram(bloc.cellMember.id, { id: cellMember.id }, SYSTEM);
    t.fake.knowChats(cellSecretary, cellMember); // in real life through /start
  });
  afterEach(async () => {
    await t.stop();
  });

  /** The bot is made a member or an administrator of the group (Telegram tells it), and the secretary links it. */
  async function groupWithBot(status: 'member' | 'administrator', rights: { can_pin_messages?: boolean } = {}): Promise<void> {
    t.fake.setBotMember(sg, status, rights, { by: admin });
    await t.settle();
    expect(await t.say(cellSecretary, sg, '/lienket CB02')).toContain('Đã liên kết nhóm');
  }

  /** The bot's last message to this chat with a button labelled `label`. */
  function last(chatId: number, label: RegExp): Message {
    const m = t.fake
      .sentMessageResults(chatId)
      .filter((r) => r.reply_markup?.inline_keyboard.flat().some((b) => label.test(b.text)))
      .at(-1);
    if (!m) throw new Error(`no message to ${chatId} with a button ${String(label)}`);
    return m;
  }

  /**
   * Does `act` and waits for the bot's message to the secretary that contains `expected` (the
   * delivery report of an earlier notice may arrive between two steps: it is not the answer).
   */
  async function step(act: () => void, expected: string): Promise<string> {
    const mark = t.fake.mark();
    act();
    const call = await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellSecretary.id && String(p.text).includes(expected), { after: mark });
    return String(call.params.text);
  }

  const press = (label: RegExp) => () => void t.fake.pressButton(cellSecretary, last(cellSecretary.id, label), label);
  const type = (text: string) => () => void t.fake.sendText(cellSecretary, privateChat(cellSecretary), text);

  /**
   * /guithongbao to the own branch's groups, no acknowledgement, now; `pin` answers the pin question
   * when it comes (undefined: it must not come). Returns the summary.
   */
  async function compose(body: string, pin?: RegExp): Promise<string> {
    await step(type('/guithongbao'), 'nội dung thông báo');
    await step(type(body), 'Gửi đến đối tượng nào?');
    await step(press(/^Tổ chức đảng của tôi$/), 'Gửi theo hình thức nào?');
    await step(press(/^Nhóm Telegram/), 'Đã nhận');
    await step(press(/^Không cần$/), pin === undefined ? 'Gửi khi nào?' : 'Ghim thông báo trong các nhóm');
    if (pin !== undefined) await step(press(pin), 'Gửi khi nào?');
    return step(press(/Gửi ngay/), 'Kiểm tra trước khi gửi');
  }

  /** Confirms the draft and waits for the notice in the group; returns the group's message. */
  async function confirmAndDeliver(body: string): Promise<Message> {
    const mark = t.fake.mark();
    t.fake.pressButton(cellSecretary, last(cellSecretary.id, /Xác nhận gửi/), /Xác nhận gửi/);
    const sent = await t.fake.waitFor('sendMessage', (p) => p.chat_id === sg.id && String(p.text).includes(body), { after: mark });
    return sent.response.result as Message;
  }

  const okCalls = (method: string): RecordedCall[] => t.fake.callsTo(method).filter((c) => c.response.ok);

  it('offers the choice only where the bot may pin; the notice is then pinned quietly after delivery', async () => {
    // An administrator without the right to pin: no question, nothing pinned.
    await groupWithBot('administrator', { can_pin_messages: false });
    const plain = await compose('Thông báo không ghim');
    expect(plain).not.toContain('Ghim trong nhóm');
    await confirmAndDeliver('Thông báo không ghim');
    await t.settle();
    expect(t.fake.callsTo('pinChatMessage')).toEqual([]);

    // The group gives the bot the right (Telegram tells it with my_chat_member): now it is offered.
    t.fake.setBotMember(sg, 'administrator', { can_pin_messages: true }, { by: admin });
    await t.settle();
    const summary = await compose('Thông báo thu đảng phí tháng 12', /Có, ghim/);
    expect(summary).toContain('Ghim trong nhóm: có');
    const message = await confirmAndDeliver('Thông báo thu đảng phí tháng 12');
    const pin = await t.fake.waitFor('pinChatMessage', (p) => p.chat_id === sg.id, PACED);
    expect(pin.response.ok).toBe(true);
    expect(pin.params).toMatchObject({ message_id: message.message_id, disable_notification: true });
    expect(t.fake.pinnedMessages(sg.id)).toEqual([message.message_id]);
    // Rights came from the updates: Telegram was never asked.
    expect(t.fake.callsTo('getChatMember')).toEqual([]);
  });

  it('a plain member of the group is not offered the choice (a basic group as much as a supergroup)', async () => {
    const basic = group(-4009401, 'Nhóm cơ bản CB02');
    t.fake.setBotMember(basic, 'member', {}, { by: admin });
    await t.settle();
    expect(await t.say(cellSecretary, basic, '/lienket CB02')).toContain('Đã liên kết nhóm');
    expect(await compose('Thông báo cho nhóm cơ bản')).not.toContain('Ghim');
    // Known from the my_chat_member update: Telegram was not asked.
    expect(t.services.chats.get(basic.id)).toMatchObject({ botCanPin: false });
    expect(t.fake.callsTo('getChatMember')).toEqual([]);
  });

  it('asks Telegram (getChatMember) only for groups whose rights it does not know, once', async () => {
    // A group recorded before the bot learnt its rights (e.g. linked before this release).
    t.services.chats.recordPresent({ id: sg.id, type: 'supergroup', title: sg.title }, null, SYSTEM);
    t.services.chats.link(sg.id, bloc.cell.id, SYSTEM);
    t.fake.knowChats(sg.id);
    t.fake.setBotMember(sg, 'administrator', { can_pin_messages: true }, { by: admin, notify: false });
    await compose('Thông báo thứ nhất', /Không ghim/);
    expect(t.fake.callsTo('getChatMember').filter((c) => c.params.chat_id === sg.id && c.response.ok)).toHaveLength(1);
    expect(t.services.chats.get(sg.id)).toMatchObject({ botCanPin: true });
    await compose('Thông báo thứ hai', /Không ghim/);
    expect(t.fake.callsTo('getChatMember')).toHaveLength(1);
  });

  it('a newer pinned notice unpins the older one; a notice sent without pinning leaves the pin alone', async () => {
    await groupWithBot('administrator');
    await compose('Thông báo số một', /Có, ghim/);
    const first = await confirmAndDeliver('Thông báo số một');
    await t.fake.waitFor('pinChatMessage', (p) => p.message_id === first.message_id, PACED);
    await t.settle();

    await compose('Thông báo không ghim', /Không ghim/);
    await confirmAndDeliver('Thông báo không ghim');
    await t.settle();
    expect(t.fake.pinnedMessages(sg.id)).toEqual([first.message_id]);
    expect(t.fake.callsTo('unpinChatMessage')).toEqual([]);

    await compose('Thông báo số hai', /Có, ghim/);
    const second = await confirmAndDeliver('Thông báo số hai');
    const unpin = await t.fake.waitFor('unpinChatMessage', (p) => p.chat_id === sg.id, PACED);
    expect(unpin.params.message_id).toBe(first.message_id);
    await t.settle();
    expect(t.fake.pinnedMessages(sg.id)).toEqual([second.message_id]);
    // The pin came first, then the unpin: the group always shows a pinned notice.
    const order = t.fake.calls.filter((c) => c.method === 'pinChatMessage' || c.method === 'unpinChatMessage').map((c) => `${c.method}:${String(c.params.message_id)}`);
    expect(order).toEqual([`pinChatMessage:${first.message_id}`, `pinChatMessage:${second.message_id}`, `unpinChatMessage:${first.message_id}`]);
    const getChat = await t.app.bot.api.getChat(sg.id);
    expect((getChat as { pinned_message?: Message }).pinned_message?.message_id).toBe(second.message_id);
  });

  it('a restart between the send and the pin neither loses nor doubles the pin', async () => {
    await groupWithBot('administrator');
    await compose('Thông báo trước khi khởi động lại', /Có, ghim/);
    // Telegram fails the first pin (5xx): it waits for its retry when the bot stops.
    t.fake.serverError('pinChatMessage');
    const message = await confirmAndDeliver('Thông báo trước khi khởi động lại');
    await t.fake.waitFor('pinChatMessage', (p) => p.chat_id === sg.id, PACED);
    const noticeId = t.services.notices.authoredBy(t.services.members.findByTelegramId(cellSecretary.id)!)[0]!.id;
    // Sent and recorded; its pin is a row of its own, waiting for its retry.
    expect(t.services.outbox.rowsOf('notice-pin', noticeId, ['pending', 'sending'])).toHaveLength(1);
    await t.restart();
    const pinned = await waitForOkPin(message.message_id);
    expect(pinned.params.disable_notification).toBe(true);
    await t.settle();
    expect(okCalls('pinChatMessage')).toHaveLength(1);
    expect(t.fake.sentMessages(sg.id).filter((p) => String(p.text).includes('Thông báo trước khi khởi động lại'))).toHaveLength(1);
    expect(t.fake.pinnedMessages(sg.id)).toEqual([message.message_id]);
  }, 30_000);

  /** Waits for a pin of `messageId` that Telegram accepted. */
  async function waitForOkPin(messageId: number): Promise<RecordedCall> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const hit = okCalls('pinChatMessage').find((c) => c.params.message_id === messageId);
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error('the notice was never pinned');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('a pin refused for want of rights is recorded, reported to the author once, and not tried again', async () => {
    await groupWithBot('administrator');
    await compose('Thông báo khi bot mất quyền ghim', /Có, ghim/);
    // Rights taken away in an update the bot missed (it was down longer than Telegram keeps updates).
    t.fake.setBotMember(sg, 'administrator', { can_pin_messages: false }, { by: admin, notify: false });
    await confirmAndDeliver('Thông báo khi bot mất quyền ghim');
    const refused = await t.fake.waitFor('pinChatMessage', (p) => p.chat_id === sg.id, PACED);
    expect(refused.response.description).toBe('Bad Request: not enough rights to manage pinned messages in the chat');
    await t.settle();
    expect(t.services.chats.get(sg.id)).toMatchObject({ botCanPin: false });
    const noticeId = t.services.notices.authoredBy(t.services.members.findByTelegramId(cellSecretary.id)!)[0]!.id;
    const pinRows = t.services.outbox.rowsOf('notice-pin', noticeId, ['pending', 'sending', 'sent', 'failed', 'unreachable', 'cancelled']);
    expect(pinRows).toHaveLength(1);
    expect(pinRows[0]).toMatchObject({ status: 'failed', attempts: 1 });
    expect(pinRows[0]!.lastError).toContain('not enough rights');

    // The author hears of it once, a minute later, in plain words.
    (t.clock as AdjustableClock).advance(FAILURE_REPORT_DELAY_MS + 1000);
    t.app.sender.wake();
    const report = await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellSecretary.id && String(p.text).includes('ghim thông báo'));
    expect(String(report.params.text)).toContain('bot không có quyền ghim tin nhắn trong nhóm');
    (t.clock as AdjustableClock).advance(10 * 60_000);
    t.app.sender.wake();
    await t.settle();
    expect(t.fake.callsTo('pinChatMessage')).toHaveLength(1);

    // The next notice does not offer to pin there.
    expect(await compose('Thông báo tiếp theo')).not.toContain('Ghim');
  });
});
