/**
 * `/thongbao N` for a notice to the whole bloc, at the bloc's size (100 organisations, about 2,000
 * recipients), through the real bot: one summary message a page at a time, a button per
 * organisation opening its list of who has not acknowledged (paged), the full list as .xlsx, and
 * every button checked again against who presses it.
 */
import ExcelJS from 'exceljs';
import type { Message, User } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullName, mulberry32 } from '../../src/demo/bloc.js';
import { escapeHtml } from '../../src/bot/render/html.js';
import { shortenLabel } from '../../src/domain/text.js';
import { SYSTEM } from '../../src/services/actor.js';
import { confirmBlocNotice } from '../helpers/db.js';
import type { Member } from '../../src/services/members.js';
import type { RecordedCall, SentParams } from '../fake-telegram/server.js';
import { privateChat, user } from '../fake-telegram/updates.js';
import { TestBot } from '../helpers/app.js';

const ORGANISATIONS = 100;
const PER_ORGANISATION = 20;
/** The first organisation is large and nobody in it has acknowledged: its list takes three pages. */
const FIRST_SIZE = 95;
const TEXT_LIMIT = 4096;

const buttonsOf = (m: { reply_markup?: unknown }) =>
  ((m.reply_markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined)?.inline_keyboard ?? []).flat();
const reportLines = (text: string) => text.split('\n').filter((l) => l.startsWith('• '));
const lineRate = (line: string) => Number(/\((\d+)%\)$/.exec(line)![1]);

describe('/thongbao N at the scale of a bloc (end to end)', () => {
  let t: TestBot;
  let noticeId: number;
  const office = user(9100, { first_name: 'Văn phòng' });
  const secretary = user(810_002, { first_name: 'Bí thư' }); // secretary of organisation 2, not the author
  const recipient = user(820_001, { first_name: 'Đảng viên' }); // a plain member of organisation 1
  const blocked = user(810_003);
  const names: string[] = [];
  const byOrganisation: Member[][] = [];
  let unlinkedMissing: Member;

  beforeAll(async () => {
    t = await TestBot.start({ adminIds: [office.id] });
    const s = t.services;
    const random = mulberry32(11);
    // Seeding 2,000 members through the services: one transaction, as an import would.
    s.members.create({ code: 'VP01', fullName: 'Văn phòng Đảng ủy Khối', branchId: null, roles: ['office'] }, SYSTEM);
    t.app.db.transaction(() => {
      for (let i = 0; i < ORGANISATIONS; i++) {
        const code = `CB${String(i).padStart(3, '0')}`;
        // Long names with characters that must be escaped, so that the page's size is tested.
        const name =
          i % 2 === 0
            ? `Chi bộ Công ty Cổ phần Thương mại và Dịch vụ <Tổng hợp> & Xuất nhập khẩu số ${i} tỉnh Bà Rịa – Vũng Tàu`
            : `Đảng bộ Sở Nông nghiệp và Phát triển nông thôn số ${i}`;
        names.push(name);
        const branch = s.branches.upsert({ code, name, shortName: i % 2 === 0 ? null : `ĐB Sở NN số ${i}`, kind: 'cell' }, SYSTEM).branch;
        const people: Member[] = [];
        const size = i === 0 ? FIRST_SIZE : PER_ORGANISATION;
        for (let n = 0; n < size; n++) {
          const linked = i >= 1 && i <= 10 && n === 0 ? 810_000 + i : null;
          const roles: Member['roles'] = n === 0 ? ['member', 'secretary'] : ['member'];
          people.push(s.members.create({ code: `DV${i}-${n}`, fullName: fullName(random), branchId: branch.id, roles, telegramUserId: linked }, SYSTEM));
        }
        byOrganisation.push(people);
      }
    });
    // Organisation 1's plain member is linked too, to ask /thongbao as a recipient.
    t.services.members.linkTelegram(byOrganisation[1]![1]!.id, { id: recipient.id }, SYSTEM);
    // Linked in the database: in real life each of them sent /start.
    t.fake.knowChats(office, recipient, ...Array.from({ length: 10 }, (_, i) => 810_001 + i));
    t.fake.blockUser(blocked.id);
    const author = s.members.findByTelegramId(office.id)!;
    noticeId = confirmBlocNotice(s, author, { title: 'Kế hoạch học tập Nghị quyết', body: 'Kế hoạch học tập, quán triệt Nghị quyết Đại hội Đảng bộ Khối' });
    t.app.sender.wake();
    // Organisation i (from 1) acknowledges i mod 21 of its 20 people: rates from 0 to 100 %.
    t.app.db.transaction(() => {
      for (let i = 1; i < ORGANISATIONS; i++) {
        for (const m of byOrganisation[i]!.slice(PER_ORGANISATION - (i % 21))) s.notices.acknowledge(noticeId, m, SYSTEM);
      }
    });
    unlinkedMissing = byOrganisation[0]![5]!;
    for (let i = 0; i < 100 && !s.outbox.isSettled('notice', noticeId); i++) await new Promise((r) => setTimeout(r, 100));
    expect(s.outbox.isSettled('notice', noticeId)).toBe(true);
    // The author's delivery report comes once the broadcast settles: received here, so that it does
    // not land in the middle of a test's /thongbao.
    await t.fake.waitFor('sendMessage', (p) => p.chat_id === office.id && String(p.text).includes('Kết quả gửi thông báo'), 20_000);
  }, 60_000);
  afterAll(async () => {
    await t.stop();
  });

  const expectedAcks = () => {
    let acked = 0;
    for (let i = 1; i < ORGANISATIONS; i++) acked += i % 21;
    return acked;
  };

  /** Presses a button on `message` as `from` and waits for the edit of that message. */
  async function pressAndEdit(from: User, message: Message, label: RegExp): Promise<SentParams> {
    const mark = t.fake.mark();
    t.fake.pressButton(from, message, label);
    const edit = await t.fake.waitFor('editMessageText', (p) => p.chat_id === from.id && p.message_id === message.message_id, { after: mark });
    return edit.params as SentParams;
  }

  function current(message: Message): Message {
    return t.fake.currentMessage(message.chat.id, message.message_id)!;
  }

  async function report(): Promise<{ call: RecordedCall; message: Message }> {
    const mark = t.fake.mark();
    const call = await t.sayCall(office, privateChat(office), `/thongbao ${noticeId}`);
    await t.settle();
    // One message, not one per organisation (an attempt refused with 429 and sent again is still one).
    const sent = t.fake.calls.slice(mark).filter((c) => c.method === 'sendMessage' && c.params.chat_id === office.id);
    expect(sent.filter((c) => c.response.ok)).toHaveLength(1);
    expect(sent.filter((c) => !c.response.ok).every((c) => c.response.error_code === 429)).toBe(true);
    return { call, message: call.response.result as Message };
  }

  it('the author gets one message: the overall rate and 20 organisations a page, lowest rate first, each page under 4,096 characters', async () => {
    const { call, message } = await report();
    const first = String(call.params.text);
    const total = FIRST_SIZE + (ORGANISATIONS - 1) * PER_ORGANISATION;
    const acked = expectedAcks();
    expect(first).toContain(`Đã xác nhận: ${acked.toLocaleString('vi')}/${total.toLocaleString('vi')} (${Math.round((acked / total) * 100)}%)`);
    expect(first).toContain('Theo tổ chức đảng, tỷ lệ thấp trước (trang 1/5):');
    expect(first).toContain('Đã gửi 10 tin · đang chờ 0 · không gửi được 1');
    // The largest organisation with nobody acknowledged comes first; then the others at 0 %, by code.
    // Long names are shortened; the code tells apart those that begin alike.
    const line = (i: number, counts: string) => `• ${escapeHtml(shortenLabel(names[i]!, 72))} (CB${String(i).padStart(3, '0')}): ${counts}`;
    expect(reportLines(first).slice(0, 3)).toEqual([line(0, '0/95 (0%)'), line(21, '0/20 (0%)'), line(42, '0/20 (0%)')]);
    expect(line(0, '')).toContain('Chi bộ Công ty Cổ phần Thương mại và Dịch vụ &lt;Tổng hợp&gt; &amp; Xuất nhập…');

    const seen: string[] = [];
    let text = first;
    for (let page = 1; page <= 5; page++) {
      expect(text.length).toBeLessThanOrEqual(TEXT_LIMIT);
      expect(text).toContain(`(trang ${page}/5)`);
      const lines = reportLines(text);
      expect(lines).toHaveLength(20);
      seen.push(...lines);
      const buttons = buttonsOf(current(message));
      // A button for each organisation of the page with someone still to confirm, short labels.
      const expectedButtons = lines.filter((l) => !/: (\d+)\/\1 \(100%\)$/.test(l)).length;
      expect(buttons.filter((b) => b.callback_data?.startsWith('nrb:'))).toHaveLength(expectedButtons);
      for (const b of buttons) expect(Array.from(b.text).length).toBeLessThanOrEqual(60);
      expect(buttons.some((b) => b.text === '📥 Tải danh sách (.xlsx)')).toBe(true);
      expect(buttons.some((b) => b.text === '◀ Trang trước')).toBe(page > 1);
      expect(buttons.some((b) => b.text === 'Trang sau ▶')).toBe(page < 5);
      if (page < 5) text = String((await pressAndEdit(office, message, /Trang sau/)).text);
    }
    // Every organisation once, the lowest rate first across the pages.
    expect(seen).toHaveLength(ORGANISATIONS);
    expect(new Set(seen).size).toBe(ORGANISATIONS);
    const rates = seen.map(lineRate);
    expect(rates).toEqual([...rates].sort((a, b) => a - b));
    expect(seen.at(-1)).toMatch(/: 20\/20 \(100%\)$/);
    // And back.
    expect(String((await pressAndEdit(office, message, /Trang trước/)).text)).toContain('(trang 4/5)');
  });

  it("an organisation's button opens who has not acknowledged, 40 names a page, and leads back to the summary", async () => {
    const { message } = await report();
    let page = await pressAndEdit(office, message, /^Chi bộ Công ty Cổ phần Thương… \(CB000\) · còn 95$/);
    let text = String(page.text);
    expect(text.length).toBeLessThanOrEqual(TEXT_LIMIT);
    expect(text).toContain('Chưa xác nhận: 95/95 đồng chí (trang 1/3):');
    const listed: string[] = [];
    for (let p = 1; p <= 3; p++) {
      const lines = text.split('\n').filter((l) => /^\d+\. /.test(l));
      expect(lines).toHaveLength(p < 3 ? 40 : 15);
      expect(lines[0]).toMatch(new RegExp(`^${(p - 1) * 40 + 1}\\. `));
      listed.push(...lines.map((l) => l.replace(/^\d+\. /, '')));
      const buttons = buttonsOf(current(message)).map((b) => b.text);
      expect(buttons.includes('Trang sau ▶')).toBe(p < 3);
      expect(buttons.includes('↩ Tất cả tổ chức')).toBe(true);
      if (p < 3) {
        page = await pressAndEdit(office, message, /Trang sau/);
        text = String(page.text);
      }
    }
    // Everyone of the organisation, once, with their code; those not linked are marked.
    expect(new Set(listed).size).toBe(FIRST_SIZE);
    for (const m of byOrganisation[0]!) expect(listed.some((l) => l.startsWith(`${m.fullName} (${m.code})`))).toBe(true);
    expect(listed.find((l) => l.startsWith(`${unlinkedMissing.fullName} (${unlinkedMissing.code})`))).toContain('chưa liên kết Telegram');
    const back = String((await pressAndEdit(office, message, /Tất cả tổ chức/)).text);
    expect(back).toContain('(trang 1/5)');

    // An organisation where some have acknowledged lists only the others.
    const first = byOrganisation[1]!;
    const page1 = String((await pressAndEdit(office, message, /^ĐB Sở NN số 1 \(CB001\) · còn 19$/)).text);
    expect(page1).toContain('<b>Đảng bộ Sở Nông nghiệp và Phát triển nông thôn số 1 (CB001)</b>');
    expect(page1).toContain('Chưa xác nhận: 19/20 đồng chí (trang 1/1):');
    for (const m of first.slice(0, 19)) expect(page1).toContain(`${m.fullName} (${m.code})`);
    expect(page1).not.toContain(`${first[19]!.fullName} (${first[19]!.code})`);
  });

  it('the full list as .xlsx: every recipient with organisation, code, delivery (with the reason) and acknowledgement time', async () => {
    const { message } = await report();
    const mark = t.fake.mark();
    t.fake.pressButton(office, message, /Tải danh sách/);
    const sent = await t.fake.waitFor('sendDocument', (p) => p.chat_id === office.id, { after: mark });
    // "Sending a file…" while the workbook is made, before it arrives.
    const action = t.fake.calls.findIndex((c, i) => i >= mark && c.method === 'sendChatAction' && c.params.chat_id === office.id);
    expect(t.fake.calls[action]?.params.action).toBe('upload_document');
    expect(action).toBeLessThan(t.fake.calls.indexOf(sent));
    expect(String(sent.params.caption)).toContain(`Danh sách người nhận thông báo #${noticeId} “Kế hoạch học tập Nghị quyết”: 2.075 đồng chí`);
    const file = t.fake.uploadedFiles('sendDocument').at(-1)!;
    expect(file.file.filename).toBe(`thong-bao-${noticeId}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.data as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Người nhận')!;
    expect(sheet.getRow(3).values).toEqual([
      undefined,
      'STT',
      'Mã tổ chức',
      'Tổ chức cơ sở đảng',
      'Họ và tên',
      'Mã đảng viên',
      'Tình trạng gửi',
      'Lý do không gửi được',
      'Xác nhận lúc',
    ]);
    const rows = new Map<string, unknown[]>();
    sheet.eachRow((row, n) => {
      if (n > 3) rows.set(String(row.getCell(5).value), row.values as unknown[]);
    });
    expect(rows.size).toBe(2075);
    const row = (m: Member) => rows.get(m.code!)!.slice(1);
    // Delivered and acknowledged (organisation 20: everyone); the time is Hà Nội's.
    const acked = byOrganisation[20]![0]!;
    expect(row(acked).slice(0, 6)).toEqual([expect.any(Number), 'CB020', names[20], acked.fullName, acked.code, 'Chưa liên kết Telegram']);
    expect(String(row(acked)[7])).toMatch(/^23\/11\/2026 14h0\d$/);
    const delivered = byOrganisation[2]![0]!;
    expect(row(delivered).slice(5, 7)).toEqual(['Đã gửi', undefined]);
    const unreachable = byOrganisation[3]![0]!;
    expect(row(unreachable)[5]).toBe('Không gửi được');
    expect(String(row(unreachable)[6])).toContain('403');
    expect(row(unlinkedMissing).slice(5)).toEqual(['Chưa liên kết Telegram', undefined, 'Chưa xác nhận']);
  });

  it('every press is checked again: a member who received it, another secretary, a forged organisation or notice are refused and nothing is shown', async () => {
    const { message } = await report();
    const branchData = buttonsOf(message).find((b) => b.callback_data?.startsWith('nrb:'))!.callback_data!;
    const probe = async (from: User, data: string) => {
      const mark = t.fake.mark();
      const answer = await t.press(from, { ...message, chat: privateChat(from) }, data, true);
      await t.settle();
      const leaked = t.fake.calls.slice(mark).filter((c) => c.method === 'editMessageText' || c.method === 'sendDocument');
      return { text: String(answer.params.text ?? ''), leaked };
    };
    for (const who of [recipient, secretary]) {
      for (const data of [branchData, `nrp:${noticeId}:1`, `nrx:${noticeId}`]) {
        const { text, leaked } = await probe(who, data);
        expect(text, data).toContain('không có quyền');
        expect(leaked).toEqual([]);
      }
    }
    const otherBranch = `nrb:${noticeId}:999999:0`;
    expect((await probe(office, otherBranch)).text).toContain('hết hiệu lực');
    expect((await probe(office, `nrb:${noticeId + 1000}:1:0`)).text).toContain('hết hiệu lực');
    // A recipient typing /thongbao N gets the notice itself, not the report.
    const again = await t.say(recipient, privateChat(recipient), `/thongbao ${noticeId}`);
    expect(again).toContain('Kế hoạch học tập, quán triệt Nghị quyết Đại hội Đảng bộ Khối');
    expect(again).not.toContain('Đã xác nhận:');
  });
});
