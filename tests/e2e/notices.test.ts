import type { Message, User } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdjustableClock } from '../../src/clock.js';
import { SYSTEM } from '../../src/services/actor.js';
import { documentMessage, group, privateChat, textMessage, user } from '../fake-telegram/updates.js';
import { SCRIPTED_MEMBERS, smallBlocPeople, TestBot } from '../helpers/app.js';
import { seedSmallBloc } from '../helpers/db.js';

describe('notices (end to end)', () => {
  let t: TestBot;
  let bloc: ReturnType<typeof seedSmallBloc>;
  const people = smallBlocPeople();
  const { office, secretary, deputy, member, subMember, cellSecretary, cellMember } = people;

  beforeEach(async () => {
    // /guithongbao scripted at machine speed: a private chat's own flood limit is lifted (see SCRIPTED_MEMBERS).
    t = await TestBot.start({ adminIds: [office.id], telegram: SCRIPTED_MEMBERS });
    bloc = seedSmallBloc(t.services);
    t.linkSmallBloc(bloc, people);
  });
  afterEach(async () => {
    await t.stop();
  });

  /** The last message the bot sent to this chat. */
  function last(chatId: number): Message {
    const m = t.fake.lastSentMessage(chatId);
    if (!m) throw new Error(`nothing sent to ${chatId}`);
    return m;
  }

  /** Presses the button labelled `label` on the bot's last message to `from`, waits for the next message. */
  async function choose(from: User, label: RegExp, waitMethod = 'sendMessage'): Promise<string> {
    const mark = t.fake.mark();
    t.fake.pressButton(from, last(from.id), label);
    const call = await t.fake.waitFor(waitMethod, (p) => p.chat_id === from.id, { after: mark });
    return String(call.params.text ?? '');
  }

  /** Runs /guithongbao up to the summary with the given answers; returns the summary text. */
  async function compose(
    author: User,
    body: string | (() => void),
    steps: { scope: RegExp; people: RegExp; ack: RegExp; when?: string; codes?: string; subcells?: RegExp },
  ): Promise<string> {
    const chat = privateChat(author);
    expect(await t.say(author, chat, '/guithongbao')).toContain('Đồng chí vui lòng gửi nội dung thông báo');
    if (typeof body === 'string') expect(await t.say(author, chat, body)).toContain('Gửi đến đối tượng nào?');
    else {
      const mark = t.fake.mark();
      body();
      await t.fake.waitFor('sendMessage', (p) => p.chat_id === author.id && String(p.text).includes('Gửi đến đối tượng nào?'), { after: mark });
    }
    if (steps.codes) {
      expect(await choose(author, steps.scope)).toContain('Đồng chí vui lòng gõ mã các tổ chức đảng');
      expect(await t.say(author, chat, steps.codes)).toContain('chi bộ trực thuộc');
      expect(await choose(author, steps.subcells!)).toContain('Gửi theo hình thức nào?');
    } else {
      expect(await choose(author, steps.scope)).toContain('Gửi theo hình thức nào?');
    }
    expect(await choose(author, steps.people)).toContain('Đã nhận');
    const whenPrompt = await choose(author, steps.ack);
    expect(whenPrompt).toContain('Gửi khi nào?');
    const mark = t.fake.mark();
    if (steps.when) {
      expect(await choose(author, /Hẹn giờ/)).toContain('Đồng chí vui lòng gõ ngày giờ gửi');
      t.fake.sendText(author, chat, steps.when);
    } else {
      t.fake.pressButton(author, last(author.id), /Gửi ngay/);
    }
    const summary = await t.fake.waitFor('sendMessage', (p) => p.chat_id === author.id && String(p.text).includes('Kiểm tra trước khi gửi'), {
      after: mark,
    });
    return String(summary.params.text);
  }

  async function confirm(author: User): Promise<void> {
    const mark = t.fake.mark();
    t.fake.pressButton(author, last(author.id), /Xác nhận gửi/);
    await t.fake.waitFor('answerCallbackQuery', undefined, { after: mark });
  }

  it('a secretary sends a formatted notice to their branch; members get it with the button; the author gets progress and a report', async () => {
    const summary = await compose(secretary, 'Họp chi bộ <b>sáng mai</b> & chuẩn bị tài liệu', {
      scope: /^Tổ chức đảng của tôi$/,
      people: /^Tin nhắn riêng tới/,
      ack: /yêu cầu xác nhận/,
    });
    expect(summary).toContain('Người nhận: 3 đồng chí · tin nhắn riêng: 3 · nhóm: 0');
    expect(summary).toContain('Đối tượng: Đảng bộ Sở &lt;Tài chính&gt;');
    // The preview is exactly what recipients get.
    const preview = t.fake.sentMessages(secretary.id).find((p) => String(p.text).startsWith('📢'))!;
    expect(preview.text).toContain('Họp chi bộ &lt;b&gt;sáng mai&lt;/b&gt; &amp; chuẩn bị tài liệu');
    expect(preview.text).toContain('Đảng bộ Sở &lt;Tài chính&gt;');

    await confirm(secretary);
    for (const tg of [secretary, deputy, member]) {
      const got = await t.fake.waitFor('sendMessage', (p) => p.chat_id === tg.id && String(p.text).startsWith('📢') && p !== preview);
      expect(got.params.text).toBe(preview.text);
      expect(got.params.reply_markup).toEqual(preview.reply_markup);
    }
    // Not to other branches, nor to the sub-cell (not chosen).
    await t.settle();
    expect(t.fake.sentMessages(cellMember.id)).toEqual([]);
    expect(t.fake.sentMessages(subMember.id)).toEqual([]);

    const done = await t.fake.waitFor('editMessageText', (p) => p.chat_id === secretary.id && String(p.text).includes('Đã gửi xong'), {
      timeoutMs: 10_000,
    });
    expect(String(done.params.text)).toContain('3/3');
    const report = await t.fake.waitFor('sendMessage', (p) => p.chat_id === secretary.id && String(p.text).includes('Kết quả gửi'), {
      timeoutMs: 10_000,
    });
    expect(String(report.params.text)).toContain('Đã gửi: 3');
    const actions = t.services.audit.recent(50).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['notice.draft', 'notice.send']));
  });

  it('the delivery report names who could not be reached and who has not linked Telegram', async () => {
    t.services.members.create({ code: 'DV010', fullName: 'Chưa Liên Kết', branchId: bloc.cell.id, roles: ['member'] }, SYSTEM);
    t.fake.blockUser(cellMember.id);
    await compose(cellSecretary, 'Thông báo thu đảng phí', { scope: /^Tổ chức đảng của tôi$/, people: /^Tin nhắn riêng tới/, ack: /Không cần/ });
    await confirm(cellSecretary);
    const report = await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellSecretary.id && String(p.text).includes('Kết quả gửi'), {
      timeoutMs: 10_000,
    });
    const text = String(report.params.text);
    expect(text).toContain('Đã gửi: 1');
    expect(text).toContain('Không gửi được: 1');
    expect(text).toContain('Hoàng Minh Em: người nhận đã chặn bot');
    expect(text).toContain('Chưa liên kết Telegram (không nhận được tin nhắn riêng): 1');
    expect(t.services.members.getById(bloc.cellMember.id)?.unreachableSince).toBeInstanceOf(Date);
    // /thongbao N for a notice without acknowledgement: the delivery, and the full list as a workbook.
    const id = t.services.notices.authoredBy(t.services.members.findByTelegramId(cellSecretary.id)!)[0]!.id;
    const summary = await t.sayCall(cellSecretary, privateChat(cellSecretary), `/thongbao ${id}`);
    expect(String(summary.params.text)).toContain('(không yêu cầu xác nhận)');
    expect(String(summary.params.text)).toContain('Đã gửi 1 tin · đang chờ 0 · không gửi được 1');
    const mark = t.fake.mark();
    t.fake.pressButton(cellSecretary, summary.response.result as Message, '📥 Tải danh sách (.xlsx)');
    const file = await t.fake.waitFor('sendDocument', (p) => p.chat_id === cellSecretary.id, { after: mark });
    expect(String(file.params.caption)).toContain('Danh sách người nhận thông báo');
    const audit = t.services.audit.recent(20).find((e) => e.action === 'notice.send');
    expect(audit?.details).toMatchObject({ audience: { people: 'all', channel: 'private' } });
    expect(audit?.actorTelegramUserId).toBe(cellSecretary.id);
  });

  it('"Đã nhận" records once, answers the button, and /thongbao shows who has not acknowledged', async () => {
    await compose(office, 'Kế hoạch học tập nghị quyết', {
      scope: /Chọn tổ chức đảng/,
      codes: 'DB01, CB02',
      subcells: /Có, kèm/,
      people: /^Tin nhắn riêng tới/,
      ack: /yêu cầu xác nhận/,
    });
    await confirm(office);
    const notice = await t.fake.waitFor('sendMessage', (p) => p.chat_id === member.id && String(p.text).startsWith('📢'));
    const message = notice.response.result as Message;
    const data = (notice.params.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard[0]![0]!.callback_data;

    const first = await t.press(member, message, data);
    expect(String(first.params.text)).toContain('Đã ghi nhận');
    const again = await t.press(member, message, data);
    expect(String(again.params.text)).toContain('đã xác nhận lúc');
    const id = Number(data.split(':')[1]);
    expect(t.services.notices.ackByBranch(id).find((b) => b.branchName.includes('Tài chính'))).toMatchObject({ acknowledged: 1, total: 3 });

    // Someone outside the audience pressing a forged button records nothing.
    t.services.members.create({ code: 'DV099', fullName: 'Người Ngoài', branchId: null, roles: ['member'], telegramUserId: 9199 }, SYSTEM);
    const outsider = await t.press(user(9199), { ...message, chat: privateChat(user(9199)) }, data, true);
    expect(String(outsider.params.text)).toContain('không gửi tới đồng chí');

    const list = await t.say(member, privateChat(member), '/thongbao');
    expect(list).toContain('✅');
    expect(list).toContain('Kế hoạch học tập nghị quyết');
    const pending = await t.say(cellMember, privateChat(cellMember), '/thongbao');
    expect(pending).toContain('⏳');

    const reportCall = await t.sayCall(office, privateChat(office), `/thongbao ${id}`);
    const report = String(reportCall.params.text);
    expect(report).toContain('Đã xác nhận: 1/6 (17%)');
    expect(report).toContain('• Đảng bộ Sở &lt;Tài chính&gt; (DB01): 1/3 (33%)');
    expect(report).toContain('• Chi bộ Phòng Ngân sách (DB01-01): 0/1 (0%)');
    // The names are one press away: the organisation's button lists who has not acknowledged.
    expect(report).not.toContain('Nguyễn Văn An');
    const mark = t.fake.mark();
    t.fake.pressButton(office, reportCall.response.result as Message, /^Đảng bộ Sở <Tài chính> \(DB01\) · còn 2$/);
    const names = await t.fake.waitFor('editMessageText', (p) => p.chat_id === office.id, { after: mark });
    expect(String(names.params.text)).toContain('Chưa xác nhận: 2/3 đồng chí (trang 1/1):\n1. Nguyễn Văn An (DV001)\n2. Trần Thị Bình (DV002)');
    // A member who did not get it cannot read it.
    expect(await t.say(user(9199), privateChat(user(9199)), `/thongbao ${id}`)).toContain('Không tìm thấy thông báo số');
    // A recipient gets the notice again.
    expect(await t.say(cellMember, privateChat(cellMember), `/thongbao ${id}`)).toContain('Kế hoạch học tập nghị quyết');
  });

  it('"Đã nhận" answered too late (Telegram refuses the answer) is still recorded, and the refusal is logged, not left unhandled', async () => {
    await compose(office, 'Kế hoạch kiểm tra đảng viên', { scope: /Chọn tổ chức đảng/, codes: 'DB01', subcells: /Có, kèm/, people: /^Tin nhắn riêng tới/, ack: /yêu cầu xác nhận/ });
    await confirm(office);
    const notice = await t.fake.waitFor('sendMessage', (p) => p.chat_id === member.id && String(p.text).includes('Kế hoạch kiểm tra đảng viên'));
    const data = (notice.params.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard[0]![0]!.callback_data;
    const tooOld = { error_code: 400, description: 'Bad Request: query is too old and response timeout expired or query ID is invalid' };
    t.fake.failNext('answerCallbackQuery', tooOld);
    const mark = t.fake.mark();
    t.fake.press(member, notice.response.result as Message, data);
    const refused = await t.fake.waitFor('answerCallbackQuery', undefined, { after: mark, refused: true });
    expect(refused.response.ok).toBe(false);
    await t.settle();
    expect(t.services.notices.ackByBranch(Number(data.split(':')[1])).find((b) => b.branchName.includes('Tài chính'))).toMatchObject({ acknowledged: 1 });
    // The error boundary's warning: the answer's promise was awaited, not dropped (a dropped one
    // rejects unhandled, which stops the process).
    expect(t.logLines.filter((l) => l.includes('Telegram refused a call') && l.includes('answerCallbackQuery'))).toHaveLength(1);
  });

  it('sends to linked groups; a member acknowledges from the group', async () => {
    const g = group(-9300, 'Nhóm CB02');
    t.services.chats.recordPresent({ id: g.id, type: 'group', title: g.title }, null, SYSTEM);
    t.services.chats.link(g.id, bloc.cell.id, SYSTEM);
    t.fake.knowChats(g.id); // recorded in the database: in real life the bot was added to it
    // Formatting typed in Telegram (entities) comes out as the same formatting.
    const chat = privateChat(cellSecretary);
    const formatted = textMessage(cellSecretary, chat, 'Lịch sinh hoạt tháng 12 tại hội trường A&B');
    formatted.message!.entities = [{ type: 'bold', offset: 0, length: 14 }, { type: 'italic', offset: 28, length: 10 }];
    const summary = await compose(cellSecretary, () => t.fake.pushUpdate(formatted), {
      scope: /^Tổ chức đảng của tôi$/,
      people: /Nhóm Telegram/,
      ack: /yêu cầu xác nhận/,
    });
    expect(summary).toContain('tin nhắn riêng: 0 · nhóm: 1');
    await confirm(cellSecretary);
    const inGroup = await t.fake.waitFor('sendMessage', (p) => p.chat_id === g.id && String(p.text).startsWith('📢'));
    expect(String(inGroup.params.text)).toContain('<b>Lịch sinh hoạt</b> tháng 12 tại <i>hội trường</i> A&amp;B');
    const data = (inGroup.params.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard[0]![0]!.callback_data;
    const ack = await t.press(cellMember, inGroup.response.result as Message, data);
    expect(String(ack.params.text)).toContain('Đã ghi nhận');
    expect(t.fake.sentMessages(cellMember.id)).toEqual([]);
  });

  it('a document is re-sent by file_id with its caption', async () => {
    const chat = privateChat(office);
    await compose(
      office,
      () => t.fake.pushUpdate(documentMessage(office, chat, { file_id: 'FILE-123', file_name: 'ke-hoach.pdf', caption: 'Kế hoạch số 12' })),
      { scope: /Toàn Đảng bộ/, people: /chỉ gửi bí thư/, ack: /Không cần/ },
    );
    await confirm(office);
    const sent = await t.fake.waitFor('sendDocument', (p) => p.chat_id === cellSecretary.id);
    expect(sent.params.document).toBe('FILE-123');
    expect(String(sent.params.caption)).toContain('Kế hoạch số 12');
    expect(t.fake.uploadedFiles()).toEqual([]);
    await t.settle();
    // Secretaries only: not the members.
    expect(t.fake.callsTo('sendDocument').filter((c) => c.params.chat_id === cellMember.id)).toEqual([]);
  });

  it('a scheduled notice waits, survives a restart, and goes out on time; a cancelled one never does', async () => {
    const summary = await compose(office, 'Hội nghị quán triệt nghị quyết', {
      scope: /Toàn Đảng bộ/,
      people: /^Tin nhắn riêng tới/,
      ack: /Không cần/,
      when: '8h ngày mai',
    });
    expect(summary).toContain('Thời điểm gửi: 8h00 24/11/2026');
    await confirm(office);
    const edited = await t.fake.waitFor('editMessageText', (p) => p.chat_id === office.id);
    expect(String(edited.params.text)).toContain('Đã hẹn gửi lúc 8h00 24/11/2026');
    const list = await t.say(office, privateChat(office), '/thongbao');
    expect(list).toContain('🕑 hẹn 8h00 24/11/2026');

    await t.restart();
    await t.settle();
    expect(t.fake.sentMessages(member.id)).toEqual([]);
    (t.clock as AdjustableClock).set('2026-11-24T01:00:05Z'); // 8h00 in Hà Nội
    const got = await t.fake.waitFor('sendMessage', (p) => p.chat_id === member.id, { timeoutMs: 8000 });
    expect(String(got.params.text)).toContain('Hội nghị quán triệt nghị quyết');

    // A second one, cancelled from the /thongbao list before its time.
    await compose(office, 'Thông báo sẽ bị hủy', { scope: /Toàn Đảng bộ/, people: /^Tin nhắn riêng tới/, ack: /Không cần/, when: '3/12/2026 14:30' });
    await confirm(office);
    const call = await t.sayCall(office, privateChat(office), '/thongbao');
    const mark = t.fake.mark();
    t.fake.pressButton(office, call.response.result as Message, /Hủy #\d+: Thông báo sẽ bị hủy/);
    await t.fake.waitFor('sendMessage', (p) => p.chat_id === office.id && String(p.text).includes('Đã hủy thông báo hẹn giờ'), { after: mark });
    (t.clock as AdjustableClock).set('2026-12-03T08:00:00Z');
    // What the scheduler's two-second job does, now rather than at its next tick; then all is sent.
    t.services.notices.releaseDue();
    t.app.sender.wake();
    await t.outboxIdle();
    expect(t.fake.sentMessages(member.id).filter((p) => String(p.text).includes('sẽ bị hủy'))).toEqual([]);
  }, 30_000);

  it('reminds non-acknowledgers after the delay, then tells their secretary, once each', async () => {
    await compose(office, 'Báo cáo kiểm điểm cuối năm', { scope: /Chọn tổ chức đảng/, codes: 'CB02', subcells: /^Không$/, people: /^Tin nhắn riêng tới/, ack: /yêu cầu xác nhận/ });
    await confirm(office);
    const notice = await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellSecretary.id && String(p.text).startsWith('📢'));
    const data = (notice.params.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard[0]![0]!.callback_data;
    await t.press(cellSecretary, notice.response.result as Message, data);
    await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellMember.id && String(p.text).startsWith('📢'));

    (t.clock as AdjustableClock).advance(24 * 3600_000 + 1000);
    const nudged = t.services.notices.nudge(24 * 3600_000);
    expect(nudged).toEqual({ reminded: 1, digests: 0 });
    t.app.sender.wake();
    const reminder = await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellMember.id && String(p.text).includes('chưa xác nhận'));
    expect(reminder.params.reply_markup).toBeDefined();
    expect(t.services.notices.nudge(24 * 3600_000)).toEqual({ reminded: 0, digests: 0 });

    (t.clock as AdjustableClock).advance(24 * 3600_000);
    expect(t.services.notices.nudge(24 * 3600_000)).toEqual({ reminded: 0, digests: 1 });
    t.app.sender.wake();
    const digest = await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellSecretary.id && String(p.text).includes('chưa xác nhận đã nhận'));
    expect(String(digest.params.text)).toContain('Hoàng Minh Em');
    expect(String(digest.params.text)).not.toContain('Đặng Quốc Đạt');
    expect(t.services.notices.nudge(24 * 3600_000)).toEqual({ reminded: 0, digests: 0 });
  });

  it('the conversation survives a restart in the middle', async () => {
    const chat = privateChat(cellSecretary);
    await t.say(cellSecretary, chat, '/guithongbao');
    expect(await t.say(cellSecretary, chat, 'Nội dung trước khi khởi động lại')).toContain('Gửi đến đối tượng nào?');
    await t.restart();
    expect(await choose(cellSecretary, /^Tổ chức đảng của tôi$/)).toContain('Gửi theo hình thức nào?');
  });

  describe('bad input', () => {
    it('refuses empty and unsupported content, and an over-long caption', async () => {
      const chat = privateChat(office);
      await t.say(office, chat, '/guithongbao');
      const mark = t.fake.mark();
      t.fake.pushUpdate({ message: { ...textMessage(office, chat, 'x').message!, text: undefined, sticker: { file_id: 'S', file_unique_id: 'S', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false } } as never });
      expect(String((await t.fake.waitFor('sendMessage', (p) => p.chat_id === office.id, { after: mark })).params.text)).toContain('Bot chỉ nhận văn bản, tệp hoặc ảnh. Đồng chí vui lòng gửi lại nội dung thông báo');
      const mark2 = t.fake.mark();
      // A caption may be longer than Telegram lets a bot send under a file (the rest follows it), not longer than a notice.
      t.fake.pushUpdate(documentMessage(office, chat, { file_id: 'F', file_name: 'a.pdf', caption: 'x'.repeat(4100) }));
      const tooLong = await t.fake.waitFor('sendMessage', (p) => p.chat_id === office.id, { after: mark2 });
      expect(String(tooLong.params.text)).toContain('Nội dung quá dài: 4.100 ký tự, tối đa 4.016 ký tự');
      expect(await t.say(office, chat, '/huy')).toContain('Không có gì được gửi');
    });

    it('refuses an audience with nobody in it, and a time in the past', async () => {
      const lonely = t.services.branches.upsert({ code: 'CB09', name: 'Chi bộ Trống', kind: 'cell' }, SYSTEM).branch;
      expect(lonely.id).toBeGreaterThan(0);
      const chat = privateChat(office);
      await t.say(office, chat, '/guithongbao');
      await t.say(office, chat, 'Nội dung');
      await choose(office, /Chọn tổ chức đảng/);
      await t.say(office, chat, 'CB09');
      await choose(office, /^Không$/);
      expect(await choose(office, /^Tin nhắn riêng tới/)).toContain('Với lựa chọn này, không có ai nhận được thông báo');
      await t.settle();
      expect(last(office.id).text).toContain('Gửi đến đối tượng nào?');
      expect(t.services.notices.authoredBy(t.services.members.findByTelegramId(office.id)!)).toEqual([]);
    });

    it('a time in the past or gibberish gets an example', async () => {
      const chat = privateChat(cellSecretary);
      await t.say(cellSecretary, chat, '/guithongbao');
      await t.say(cellSecretary, chat, 'Nội dung');
      await choose(cellSecretary, /^Tổ chức đảng của tôi$/);
      await choose(cellSecretary, /^Tin nhắn riêng tới/);
      await choose(cellSecretary, /Không cần/);
      await choose(cellSecretary, /Hẹn giờ/);
      expect(await t.say(cellSecretary, chat, '8h hôm qua')).toContain('đã qua');
      const gibberish = await t.say(cellSecretary, chat, 'sớm nhất có thể');
      expect(gibberish).toContain('Chưa hiểu thời điểm');
      // The examples are made from today (Monday 23/11/2026): none of them is in the past.
      expect(gibberish).toContain('14h30 26/11, 30/11/2026 14:30, 8h ngày mai');
      const mark = t.fake.mark();
      t.fake.sendText(cellSecretary, chat, '14h30 3/12');
      await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellSecretary.id && String(p.text).includes('Kiểm tra trước khi gửi'), { after: mark });
    });

    it("a secretary cannot address the bloc, nor confirm someone else's draft", async () => {
      const chat = privateChat(cellSecretary);
      await t.say(cellSecretary, chat, '/guithongbao');
      await t.say(cellSecretary, chat, 'Nội dung');
      const scopeMsg = last(cellSecretary.id);
      const mark = t.fake.mark();
      t.fake.press(cellSecretary, scopeMsg, 'bc:scope:bloc', { unchecked: true });
      await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellSecretary.id && String(p.text).includes('Đồng chí chỉ gửi được cho tổ chức đảng của mình.'), { after: mark });

      // The office's draft, confirmed by a forged press from the secretary: refused, nothing sent.
      await compose(office, 'Bản nháp của Văn phòng', { scope: /Toàn Đảng bộ/, people: /^Tin nhắn riêng tới/, ack: /Không cần/ });
      const draft = last(office.id);
      const data = (draft.reply_markup!.inline_keyboard[0]![0] as { callback_data: string }).callback_data;
      const refused = await t.press(cellSecretary, { ...draft, chat: privateChat(cellSecretary) }, data, true);
      expect(String(refused.params.text)).toContain('bản nháp của người khác');
      await t.settle();
      expect(t.fake.sentMessages(member.id)).toEqual([]);
      expect(t.services.outbox.due(new Date('2100-01-01'), 10)).toEqual([]);
    });

    it('a plain member cannot start a broadcast', async () => {
      expect(await t.say(member, privateChat(member), '/guithongbao')).toContain('Lệnh /guithongbao dành cho bí thư');
    });
  });
});
