import type { Message } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/services/actor.js';
import { parseTelegramHtml } from '../fake-telegram/html.js';
import { group, migrateFromChatMessage, migrateToChatMessage, myChatMember, privateChat, supergroup, user } from '../fake-telegram/updates.js';
import { TestBot } from '../helpers/app.js';
import { seedSmallBloc } from '../helpers/db.js';

describe('group chats (end to end)', () => {
  let t: TestBot;
  let bloc: ReturnType<typeof seedSmallBloc>;
  const secretary = user(6001, { first_name: 'Đạt' });
  const plain = user(6002, { first_name: 'Em' });
  const otherSecretary = user(6003, { first_name: 'An' });
  const grp = group(-4001, 'Chi bộ A&B <nội bộ>');

  beforeEach(async () => {
    t = await TestBot.start();
    bloc = seedSmallBloc(t.services);
    t.services.members.linkTelegram(bloc.cellSecretary.id, { id: secretary.id }, SYSTEM);
    t.services.members.linkTelegram(bloc.cellMember.id, { id: plain.id }, SYSTEM);
    t.services.members.linkTelegram(bloc.secretary.id, { id: otherSecretary.id }, SYSTEM);
  });
  afterEach(async () => {
    await t.stop();
  });

  async function addBotToGroup() {
    const mark = t.fake.mark();
    t.fake.pushUpdate(myChatMember(secretary, grp, 'left', 'member'));
    const welcome = await t.fake.waitFor('sendMessage', (p) => p.chat_id === grp.id, { after: mark });
    return welcome;
  }

  it('records the group when the bot is added and welcomes it', async () => {
    const welcome = await addBotToGroup();
    expect(String(welcome.params.text)).toContain('/lienket');
    expect(t.services.chats.get(grp.id)).toMatchObject({ status: 'active', title: 'Chi bộ A&B <nội bộ>', branchId: null });
  });

  it('a secretary links the group with /lienket <code>; the link shows in /chibo', async () => {
    await addBotToGroup();
    const done = await t.say(secretary, grp, '/lienket CB02');
    expect(done).toContain('Đã liên kết nhóm <b>Chi bộ A&amp;B &lt;nội bộ&gt;</b> với <b>Chi bộ Công ty TNHH A&amp;B</b>');
    expect(t.services.chats.get(grp.id)?.branchId).toBe(bloc.cell.id);
    const card = await t.say(secretary, privateChat(secretary), '/chibo');
    expect(card).toContain('Nhóm Telegram đã liên kết: Chi bộ A&amp;B &lt;nội bộ&gt;');
    const inGroup = await t.say(plain, grp, '/chibo');
    expect(inGroup).toContain('(CB02)');
  });

  it('refuses /lienket from a member, from another branch, and explains bad arguments', async () => {
    await addBotToGroup();
    expect(await t.say(plain, grp, '/lienket CB02')).toContain('không có quyền');
    expect(await t.say(otherSecretary, grp, '/lienket CB02')).toContain('Chỉ bí thư, phó bí thư của <b>Chi bộ Công ty TNHH A&amp;B</b>');
    expect(await t.say(secretary, grp, '/lienket XYZ')).toContain('Không tìm thấy tổ chức đảng “XYZ”');
    expect(await t.say(secretary, privateChat(secretary), '/lienket CB02')).toContain('dùng trong nhóm');
    expect(t.services.chats.get(grp.id)?.branchId).toBeNull();
  });

  it('the confirm button links for the secretary, and says "not allowed" to anyone else', async () => {
    await addBotToGroup();
    const prompt = await t.sayCall(secretary, grp, '/lienket');
    const message = prompt.response.result as Message;
    const keyboard = (prompt.params.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard;
    const data = keyboard[0]![0]!.callback_data;
    expect(data).toBe(`lk:${bloc.cell.id}`);

    const refused = await t.press(plain, message, data);
    expect(refused.params).toMatchObject({ show_alert: true });
    expect(String(refused.params.text)).toContain('Chỉ bí thư');
    expect(t.services.chats.get(grp.id)?.branchId).toBeNull();

    // Tampered callback data naming another branch is checked too.
    const tampered = await t.press(secretary, message, `lk:${bloc.committee.id}`, true);
    expect(String(tampered.params.text)).toContain('Chỉ bí thư');
    expect(t.services.chats.get(grp.id)?.branchId).toBeNull();

    const mark = t.fake.mark();
    await t.press(secretary, message, data);
    await t.fake.waitFor('sendMessage', (p) => p.chat_id === grp.id && String(p.text).includes('Đã liên kết'), { after: mark });
    expect(t.services.chats.get(grp.id)?.branchId).toBe(bloc.cell.id);
  });

  it('removal marks the chat inactive; re-adding reactivates it with its link', async () => {
    await addBotToGroup();
    t.services.chats.link(grp.id, bloc.cell.id, SYSTEM);
    t.fake.pushUpdate(myChatMember(secretary, grp, 'member', 'kicked'));
    await t.settle();
    expect(t.services.chats.get(grp.id)).toMatchObject({ status: 'removed', branchId: bloc.cell.id });
    await addBotToGroup();
    expect(t.services.chats.get(grp.id)).toMatchObject({ status: 'active', branchId: bloc.cell.id });
  });

  it('an upgrade to a supergroup keeps the link (service messages)', async () => {
    await addBotToGroup();
    t.services.chats.link(grp.id, bloc.cell.id, SYSTEM);
    const sg = supergroup(-1001000004001, grp.title);
    t.fake.pushUpdate(migrateToChatMessage(grp, sg.id));
    t.fake.pushUpdate(migrateFromChatMessage(sg, grp.id));
    await t.settle();
    expect(t.services.chats.get(sg.id)).toMatchObject({ branchId: bloc.cell.id, status: 'active' });
    expect(t.services.chats.get(grp.id)).toMatchObject({ status: 'migrated', migratedToChatId: sg.id });
    expect(await t.say(plain, sg, '/chibo')).toContain('(CB02)');
  });

  it('an upgrade learnt from a 400 migrate_to_chat_id keeps the link and resends', async () => {
    await addBotToGroup();
    t.services.chats.link(grp.id, bloc.cell.id, SYSTEM);
    t.fake.migrateChat(grp.id, -1001000004002);
    const mark = t.fake.mark();
    t.fake.sendText(plain, grp, '/chibo');
    const resent = await t.fake.waitFor('sendMessage', (p) => p.chat_id === -1001000004002, { after: mark });
    expect(String(resent.params.text)).toContain('(CB02)');
    expect(t.services.chats.get(-1001000004002)).toMatchObject({ branchId: bloc.cell.id });
    expect(t.services.chats.get(grp.id)?.status).toBe('migrated');
  });

  it('splits a card longer than 4,096 characters at line breaks', async () => {
    for (let i = 0; i < 60; i++) {
      const id = -1001000005000 - i;
      t.services.chats.recordPresent({ id, type: 'supergroup', title: `Nhóm <${i}> & ${'chi bộ '.repeat(12)}` }, null, SYSTEM);
      t.services.chats.link(id, bloc.cell.id, SYSTEM);
    }
    const chat = privateChat(plain);
    const mark = t.fake.mark();
    t.fake.sendText(plain, chat, '/chibo');
    const parts = await t.fake.waitForCount('sendMessage', 2, { after: mark, predicate: (p) => p.chat_id === plain.id });
    await t.settle();
    const sent = t.fake.callsTo('sendMessage').slice(0).filter((c) => c.params.chat_id === plain.id);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    for (const c of sent) {
      expect(c.response.ok).toBe(true);
      // Telegram counts the text it shows (tags gone, &amp; one character), not the HTML.
      const shown = parseTelegramHtml(String(c.params.text));
      expect(shown.ok && shown.text.length).toBeLessThanOrEqual(4096);
    }
    expect(String(parts[0]!.params.text)).toContain('(CB02)');
    expect(sent.map((c) => String(c.params.text)).join('\n')).toContain('Nhóm &lt;59&gt; &amp;');
  });
});
