/**
 * Notices with a photo (re-sent by file_id, the largest size, with its caption; a caption too long
 * for a photo goes on as a text right after it), the author's progress message edited while a
 * broadcast runs, and DELIVERY_RATE honoured by every message the bot sends. Against flood limits,
 * every member having started the bot and every group having added it.
 */
import type { Message, User } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/services/actor.js';
import type { RecordedCall } from '../fake-telegram/server.js';
import { parseTelegramHtml } from '../fake-telegram/html.js';
import { group, photoMessage, privateChat, user } from '../fake-telegram/updates.js';
import { TestBot } from '../helpers/app.js';
import { seedSmallBloc } from '../helpers/db.js';
import { delivered, joinAndLink, pressOk, sayOk, startChats } from '../helpers/strict.js';

const office = user(9900, { first_name: 'Văn phòng' });
const visibleLength = (html: unknown) => {
  const parsed = parseTelegramHtml(String(html ?? ''));
  if (!parsed.ok) throw new Error(`unbalanced HTML: ${String(html)}`);
  return parsed.text.length;
};
const buttonsOf = (p: { reply_markup?: unknown }) =>
  ((p.reply_markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined)?.inline_keyboard ?? []).flat();

describe('notice media, progress and pace (end to end)', () => {
  let t: TestBot;
  afterEach(async () => {
    await t.stop();
  });

  /** Runs /guithongbao as the office to the confirm button; `content` pushes the notice itself. */
  async function compose(content: () => void, codes: string, channel: RegExp, ack: RegExp): Promise<Message> {
    const chat = privateChat(office);
    await sayOk(t, office, chat, '/guithongbao', 'gửi nội dung thông báo');
    let mark = t.fake.mark();
    content();
    await delivered(t, 'sendMessage', (p) => p.chat_id === office.id && String(p.text).includes('Gửi đến đối tượng nào?'), mark);
    const last = () => t.fake.lastSentMessage(office.id)!;
    await pressOk(t, office, last(), /Chọn tổ chức đảng/, 'gõ mã các tổ chức đảng');
    await sayOk(t, office, chat, codes, 'chi bộ trực thuộc');
    await pressOk(t, office, last(), /^Không$/, 'Gửi theo hình thức nào?');
    await pressOk(t, office, last(), channel, 'Đã nhận');
    await pressOk(t, office, last(), ack, 'Gửi khi nào?');
    mark = t.fake.mark();
    t.fake.pressButton(office, last(), /Gửi ngay/);
    const summary = await delivered(t, 'sendMessage', (p) => p.chat_id === office.id && String(p.text).includes('Kiểm tra trước khi gửi'), mark);
    return summary.response.result as Message;
  }

  /** The accepted sends to `chatId` after `mark`. */
  const sendsTo = (chatId: number, mark: number): RecordedCall[] =>
    t.fake.calls.slice(mark).filter((c) => c.response.ok && /^send/i.test(c.method) && c.params.chat_id === chatId);

  describe('photos', () => {
    const secretary = user(9901); // CB02 secretary
    const member = user(9902); // CB02 member
    const cellGroup = group(-9910, 'Nhóm CB02');
    let bloc: ReturnType<typeof seedSmallBloc>;

    async function setUp(): Promise<void> {
      t = await TestBot.start({ adminIds: [office.id] });
      bloc = seedSmallBloc(t.services);
      t.services.members.linkTelegram(bloc.cellSecretary.id, { id: secretary.id }, SYSTEM);
      t.services.members.linkTelegram(bloc.cellMember.id, { id: member.id }, SYSTEM);
      await startChats(t, [office, secretary, member]);
      await joinAndLink(t, office, [[cellGroup, 'CB02']]);
    }

    it('a photo notice reaches members and the group as the photo (largest size, by file_id) with its caption', async () => {
      await setUp();
      const summary = await compose(
        () => {
          const update = photoMessage(office, privateChat(office), { file_id: 'PHOTO-KH', caption: 'Sơ đồ hội trường A&B' });
          update.message!.caption_entities = [{ type: 'bold', offset: 0, length: 5 }];
          t.fake.pushUpdate(update);
        },
        'CB02',
        /^Cả hai$/,
        /yêu cầu xác nhận/,
      );
      const mark = t.fake.mark();
      t.fake.pressButton(office, summary, /Xác nhận gửi/);
      await delivered(t, 'sendMessage', (p) => p.chat_id === office.id && String(p.text).includes('Kết quả gửi'), mark, 30_000);
      for (const chatId of [secretary.id, member.id, cellGroup.id]) {
        const got = sendsTo(chatId, mark);
        expect(got.map((c) => c.method)).toEqual(['sendPhoto']);
        expect(got[0]!.params.photo).toBe('PHOTO-KH');
        expect(String(got[0]!.params.caption)).toMatch(/^📢 <b>THÔNG BÁO<\/b>/);
        expect(String(got[0]!.params.caption)).toContain('<b>Sơ đồ</b> hội trường A&amp;B');
        expect(buttonsOf(got[0]!.params).map((b) => b.text)).toEqual(['✅ Đã nhận']);
      }
      expect(t.fake.uploadedFiles()).toEqual([]);
    }, 60_000);

    it('a photo whose caption is longer than a photo may carry: the photo with the start, the rest as a text right after, the button under it', async () => {
      await setUp();
      const caption = Array.from({ length: 300 }, (_, i) => `dòng${i}`).join(' '); // about 2,100 characters
      const summary = await compose(
        () => t.fake.pushUpdate(photoMessage(office, privateChat(office), { file_id: 'PHOTO-DAI', caption })),
        'CB02',
        /^Tin nhắn riêng tới/,
        /yêu cầu xác nhận/,
      );
      const mark = t.fake.mark();
      t.fake.pressButton(office, summary, /Xác nhận gửi/);
      await delivered(t, 'sendMessage', (p) => p.chat_id === office.id && String(p.text).includes('Kết quả gửi'), mark, 30_000);
      for (const tg of [secretary, member]) {
        const got = sendsTo(tg.id, mark);
        expect(got.map((c) => c.method)).toEqual(['sendPhoto', 'sendMessage']);
        expect(got[0]!.params.photo).toBe('PHOTO-DAI');
        expect(visibleLength(got[0]!.params.caption)).toBeLessThanOrEqual(1024);
        expect(got[0]!.params.reply_markup).toBeUndefined();
        expect(buttonsOf(got[1]!.params).map((b) => b.text)).toEqual(['✅ Đã nhận']);
        const read = got.map((c) => String(c.params.caption ?? c.params.text)).join(' ');
        expect(read.split(/\s+/).filter((w) => w.startsWith('dòng'))).toEqual(caption.split(' '));
      }
      expect(sendsTo(cellGroup.id, mark)).toEqual([]);
    }, 60_000);
  });

  describe('a broadcast to 30 members with DELIVERY_RATE=5', () => {
    const members: User[] = Array.from({ length: 30 }, (_, i) => user(9950 + i));

    async function setUp(): Promise<void> {
      t = await TestBot.start({ adminIds: [office.id], env: { DELIVERY_RATE: '5' } });
      const cell = t.services.branches.upsert({ code: 'CB30', name: 'Chi bộ Ba mươi', kind: 'cell' }, SYSTEM).branch;
      members.forEach((tg, i) =>
        t.services.members.create({ code: `DV3${String(i).padStart(2, '0')}`, fullName: `Đảng viên ${i}`, branchId: cell.id, roles: ['member'], telegramUserId: tg.id }, SYSTEM),
      );
      await startChats(t, [office, ...members], 30_000);
    }

    /** Sends the notice; returns the author's progress message (the summary, edited in place) and the mark before confirming. */
    async function broadcast(): Promise<{ progress: Message; mark: number }> {
      const summary = await compose(() => t.fake.sendText(office, privateChat(office), 'Thông báo gửi ba mươi đồng chí'), 'CB30', /^Tin nhắn riêng tới/, /Không cần/);
      const mark = t.fake.mark();
      t.fake.pressButton(office, summary, /Xác nhận gửi/);
      await delivered(t, 'sendMessage', (p) => p.chat_id === office.id && String(p.text).includes('Kết quả gửi'), mark, 30_000);
      return { progress: summary, mark };
    }

    it('the progress message is edited with growing counts while it goes out, then closed with the total', async () => {
      await setUp();
      const { progress, mark } = await broadcast();
      const edits = t.fake.calls
        .slice(mark)
        .filter((c) => c.response.ok && c.method === 'editMessageText' && c.params.chat_id === office.id && c.params.message_id === progress.message_id)
        .map((c) => String(c.params.text));
      expect(edits[0]).toBe('Đã xác nhận. Đang gửi…');
      expect(edits.at(-1)).toBe('✅ Đã gửi xong thông báo “Thông báo gửi ba mươi đồng chí”: 30/30 tin. Báo cáo chi tiết ở tin tiếp theo.');
      const counts = edits.slice(1, -1).map((text) => {
        const m = /^⏳ Đang gửi thông báo “Thông báo gửi ba mươi đồng chí”: đã gửi (\d+)\/30 · đang chờ (\d+) · không gửi được 0$/.exec(text);
        if (!m) throw new Error(`not a progress line: ${text}`);
        expect(Number(m[1]) + Number(m[2])).toBe(30);
        return Number(m[1]);
      });
      // At least one count in between, each one higher than the last.
      expect(counts.filter((n) => n > 0 && n < 30).length).toBeGreaterThanOrEqual(1);
      expect(counts).toEqual([...counts].sort((a, b) => a - b));
      expect(new Set(counts).size).toBe(counts.length);
    }, 90_000);

    it('no more than DELIVERY_RATE messages reach Telegram in any second, replies and the broadcast alike', async () => {
      await setUp();
      const { mark } = await broadcast();
      const arrivals = t.fake.calls
        .filter((c) => c.response.ok && /^send/i.test(c.method))
        .map((c) => c.at)
        .sort((a, b) => a - b);
      const notices = t.fake.calls.slice(mark).filter((c) => c.response.ok && String(c.params.text).startsWith('📢'));
      expect(notices).toHaveLength(30);
      expect(arrivals.length).toBeGreaterThan(60); // the 31 answers to /start, the conversation, the 30 notices
      // The most arrivals within any one second (sliding): 5, and one more for timer jitter at the window's edge.
      let most = 0;
      for (let i = 0, j = 0; i < arrivals.length; i++) {
        while (arrivals[i]! - arrivals[j]! >= 1000) j++;
        most = Math.max(most, i - j + 1);
      }
      expect(most).toBeLessThanOrEqual(6);
    }, 90_000);
  });
});
