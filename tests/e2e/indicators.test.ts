import ExcelJS from 'exceljs';
import type { User } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdjustableClock } from '../../src/clock.js';
import { SYSTEM } from '../../src/services/actor.js';
import type { Indicator } from '../../src/services/indicators.js';
import { group, inlineQuery, privateChat, user } from '../fake-telegram/updates.js';
import { SCRIPTED_MEMBERS, TestBot } from '../helpers/app.js';
import { seedSmallBloc } from '../helpers/db.js';

describe('indicators (end to end)', () => {
  let t: TestBot;
  let bloc: ReturnType<typeof seedSmallBloc>;
  let admissions: Indicator;
  let rating: Indicator;
  let bound: Indicator;
  let oldAdmissions: Indicator;
  const office = user(9500);
  const secretary = user(9501); // DB01
  const cellSecretary = user(9502); // CB02
  const member = user(9503); // DB01
  const subMember = user(9504); // DB01-01

  beforeEach(async () => {
    // /baocao and lookups scripted at machine speed: a private chat's own flood limit is lifted (see SCRIPTED_MEMBERS).
    t = await TestBot.start({ adminIds: [office.id], telegram: SCRIPTED_MEMBERS });
    bloc = seedSmallBloc(t.services);
    const link = (id: number, tg: User) => t.services.members.linkTelegram(id, { id: tg.id }, SYSTEM);
    link(bloc.secretary.id, secretary);
    link(bloc.cellSecretary.id, cellSecretary);
    link(bloc.member.id, member);
    link(bloc.subMember.id, subMember);
    t.fake.knowChats(office, secretary, cellSecretary, member, subMember); // linked in the database: in real life through /start
    const ind = t.services.indicators;
    const old = ind.upsertResolution(
      { code: 'NQ-2020', name: 'Nghị quyết Đại hội 2020–2025', level: 'bloc', termStartYear: 2020, termEndYear: 2025, current: false, closed: true },
      SYSTEM,
    );
    const res = ind.upsertResolution(
      { code: 'NQ-2025', name: 'Nghị quyết Đại hội 2025–2030', level: 'bloc', termStartYear: 2025, termEndYear: 2030, current: true, closed: false },
      SYSTEM,
    );
    admissions = ind.upsertIndicator(
      { resolutionId: res.id, code: 'KN-DV', title: 'Kết nạp đảng viên mới', unit: 'đảng viên', kind: 'term_count', target: 1300, sort: 1, sourceText: 'Kết nạp 1.300 quần chúng ưu tú vào Đảng' },
      SYSTEM,
    );
    rating = ind.upsertIndicator(
      { resolutionId: res.id, code: 'DG-DV', title: 'Đảng viên hoàn thành tốt nhiệm vụ trở lên', unit: '%', kind: 'yearly_percent', target: 90, sort: 2, numeratorLabel: 'số đảng viên xếp loại tốt trở lên', denominatorLabel: 'tổng số đảng viên' },
      SYSTEM,
    );
    bound = ind.upsertIndicator(
      { resolutionId: res.id, code: 'KHT', title: 'Tổ chức cơ sở đảng không hoàn thành nhiệm vụ', unit: 'tổ chức', kind: 'upper_bound', target: 0, sort: 3 },
      SYSTEM,
    );
    oldAdmissions = ind.upsertIndicator({ resolutionId: old.id, code: 'KN-DV', title: 'Kết nạp (cũ)', unit: 'đảng viên', kind: 'term_count', target: 1200 }, SYSTEM);
    // Earlier quarters: both reporting organisations.
    ind.report(admissions.id, bloc.committee.id, '2026-Q2', { numerator: 40, denominator: null, note: null }, null, SYSTEM);
    ind.report(admissions.id, bloc.cell.id, '2026-Q2', { numerator: 12, denominator: null, note: null }, null, SYSTEM);
    ind.report(rating.id, bloc.committee.id, '2026-Q3', { numerator: 45, denominator: 50, note: null }, null, SYSTEM);
    ind.report(rating.id, bloc.cell.id, '2026-Q3', { numerator: 18, denominator: 20, note: null }, null, SYSTEM);
  });
  afterEach(async () => {
    await t.stop();
  });

  it('/chitieu shows the current term with bloc figures, bars, status and pace', async () => {
    const text = await t.say(member, privateChat(member), '/chitieu');
    expect(text).toContain('<b>Chỉ tiêu Nghị quyết Đại hội 2025–2030</b> (nhiệm kỳ 2025–2030) · quý IV/2026');
    expect(text).toContain('Đã báo cáo đủ quý IV/2026: 0/2 tổ chức cơ sở đảng');
    expect(text).toContain('1. <b>Kết nạp đảng viên mới</b> (KN-DV)');
    expect(text).toContain('52/1.300 đảng viên');
    // Term 2025–2030, now November 2026: 49 months after November (Dec 2026 … Dec 2030).
    expect(text).toContain('còn cần thêm 1.248 đảng viên trong 49 tháng tới, bình quân 26 đảng viên mỗi tháng');
    expect(text).toContain('90% · chỉ tiêu từ 90% trở lên');
    expect(text).not.toContain('≥');
    expect(text).not.toContain('Kết nạp (cũ)');
  });

  it('/chitieu shows a report as soon as it is confirmed, in each language (the overview text is reused only until then)', async () => {
    const english = user(subMember.id, { language_code: 'en' });
    const overview = (who: User) => t.say(who, privateChat(who), '/chitieu');
    const before = await overview(member);
    expect(before).toContain('52/1.300 đảng viên');
    expect(before).toContain('Đã báo cáo đủ quý IV/2026: 0/2 tổ chức cơ sở đảng');
    expect(await overview(member)).toBe(before);
    const englishBefore = await overview(english);
    expect(englishBefore).toContain('Fully reported for Q4 2026: 0/2');
    expect(englishBefore).toContain('52/1,300');

    await startReport(secretary);
    await chooseIndicator(secretary, /KN-DV/);
    expect(await t.say(secretary, privateChat(secretary), '45')).toContain('Đồng chí vui lòng kiểm tra');
    const mark = t.fake.mark();
    t.fake.pressButton(secretary, t.fake.lastSentMessage(secretary.id)!, /Xác nhận/);
    await t.fake.waitFor('sendMessage', (p) => p.chat_id === secretary.id && String(p.text).includes('Đã ghi nhận'), { after: mark });

    const after = await overview(member);
    expect(after).toContain('57/1.300 đảng viên');
    expect(after).not.toContain('52/1.300');
    expect(await overview(english)).toContain('57/1,300');
  });

  it('/chitieu <words> shows one indicator in detail with a chart', async () => {
    const chat = privateChat(member);
    const mark = t.fake.mark();
    t.fake.sendText(member, chat, '/chitieu ket nap');
    const detail = await t.fake.waitFor('sendMessage', (p) => p.chat_id === member.id, { after: mark });
    const text = String(detail.params.text);
    expect(text).toContain('<b>KN-DV · Kết nạp đảng viên mới</b>');
    expect(text).toContain('<i>“Kết nạp 1.300 quần chúng ưu tú vào Đảng”</i>');
    expect(text).toContain('Đảng bộ Sở &lt;Tài chính&gt;: 40');
    expect(text).toContain('Tổ chức cơ sở đảng của đồng chí (Đảng bộ Sở &lt;Tài chính&gt;): 40 · toàn Khối: 52');
    const photo = await t.fake.waitFor('sendPhoto', (p) => p.chat_id === member.id, { after: mark });
    expect(String(photo.params.caption)).toBe('Kết nạp đảng viên mới (nhiệm kỳ 2025–2030)');
    const png = t.fake.uploadedFiles('sendPhoto').at(-1)!.data;
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // A sub-cell member sees their grassroots committee against the bloc.
    expect(await t.say(subMember, privateChat(subMember), '/chitieu KN-DV')).toContain('Tổ chức cơ sở đảng của đồng chí (Đảng bộ Sở &lt;Tài chính&gt;)');
    expect(await t.say(member, chat, '/chitieu khong co gi')).toContain('Không tìm thấy chỉ tiêu');
  });

  async function startReport(who: User, arg = ''): Promise<void> {
    const mark = t.fake.mark();
    t.fake.sendText(who, privateChat(who), `/baocao${arg ? ` ${arg}` : ''}`);
    await t.fake.waitFor('sendMessage', (p) => p.chat_id === who.id && String(p.text).includes('chọn chỉ tiêu'), { after: mark });
  }
  async function chooseIndicator(who: User, code: RegExp): Promise<string> {
    const mark = t.fake.mark();
    t.fake.pressButton(who, t.fake.lastSentMessage(who.id)!, code);
    const m = await t.fake.waitFor('sendMessage', (p) => p.chat_id === who.id, { after: mark });
    return String(m.params.text);
  }

  it('/baocao: a secretary reports a percentage, sees it against the target and the bloc, and confirms', async () => {
    await startReport(secretary);
    const list = t.fake.lastSentMessage(secretary.id)!;
    const labels = list.reply_markup!.inline_keyboard.flat().map((b) => b.text);
    expect(labels[0]).toMatch(/^⏳/);
    expect(await chooseIndicator(secretary, /DG-DV/)).toContain(
      'đồng chí vui lòng gõ hai số dạng <code>số đạt/tổng số</code>, trong đó số đạt là số đảng viên xếp loại tốt trở lên, tổng số là tổng số đảng viên',
    );
    const chat = privateChat(secretary);
    expect(await t.say(secretary, chat, '46/5o')).toContain('chưa đúng dạng số liệu. Đồng chí vui lòng chỉ gõ chữ số');
    expect(await t.say(secretary, chat, '-4/50')).toContain('không được âm');
    expect(await t.say(secretary, chat, '55/50')).toContain('Số đạt (55) không được lớn hơn tổng số (50)');
    expect(await t.say(secretary, chat, '47')).toContain('gõ dạng <code>số đạt/tổng số</code>');
    const check = await t.say(secretary, chat, '47/50');
    expect(check).toContain('Đảng viên hoàn thành tốt nhiệm vụ trở lên: 94% (47/50) · chỉ tiêu từ 90% trở lên');
    expect(check).toContain('Toàn Khối sau khi cập nhật: 92,9% (65/70)');
    // The confirm step says what to press and how to change the figures.
    expect(check).toContain(
      'Đồng chí vui lòng bấm “✅ Xác nhận báo cáo” để ghi nhận. Nếu cần sửa, đồng chí gõ lại số liệu (ví dụ <code>45/50</code>); nếu muốn thôi, đồng chí bấm “✖ Hủy”.',
    );
    expect(t.services.indicators.figures(rating.id).filter((f) => f.period === '2026-Q4')).toEqual([]);
    const mark = t.fake.mark();
    t.fake.pressButton(secretary, t.fake.lastSentMessage(secretary.id)!, /Xác nhận báo cáo/);
    await t.fake.waitFor('sendMessage', (p) => p.chat_id === secretary.id && String(p.text).includes('Đã ghi nhận số liệu'), { after: mark });
    expect(t.services.indicators.figures(rating.id).find((f) => f.period === '2026-Q4')).toMatchObject({ branchId: bloc.committee.id, numerator: 47, denominator: 50 });
  });

  it('a count that goes backwards needs a note; a correction keeps the earlier figure in history', async () => {
    const chat = privateChat(cellSecretary);
    await startReport(cellSecretary);
    await chooseIndicator(cellSecretary, /KN-DV/);
    const ask = await t.say(cellSecretary, chat, '10');
    expect(ask).toContain('thấp hơn lần báo cáo trước (12)');
    // An admission is not undone by a transfer: the example fits a running total that went down.
    expect(ask).toContain('ví dụ: kỳ trước báo cáo nhầm, số đảng viên đúng lũy kế từ đầu nhiệm kỳ là 10');
    expect(ask).not.toContain('chuyển sinh hoạt');
    expect(await t.say(cellSecretary, chat, 'Kỳ trước cộng nhầm hai đồng chí')).toContain('Đồng chí vui lòng kiểm tra');
    let mark = t.fake.mark();
    t.fake.pressButton(cellSecretary, t.fake.lastSentMessage(cellSecretary.id)!, /Xác nhận/);
    await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellSecretary.id && String(p.text).includes('Đã ghi nhận'), { after: mark });

    await startReport(cellSecretary);
    await chooseIndicator(cellSecretary, /KN-DV/);
    expect(await t.say(cellSecretary, chat, '14')).toContain('Đồng chí vui lòng kiểm tra');
    mark = t.fake.mark();
    t.fake.pressButton(cellSecretary, t.fake.lastSentMessage(cellSecretary.id)!, /Xác nhận/);
    await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellSecretary.id && String(p.text).includes('Đã thay số liệu trước đó: 10'), { after: mark });
    const history = t.services.indicators.history(admissions.id, bloc.cell.id, '2026-Q4');
    expect(history.map((h) => [h.numerator, h.note, h.supersededAt !== null])).toEqual([
      [10, 'Kỳ trước cộng nhầm hai đồng chí', true],
      [14, null, false],
    ]);
  });

  it("refuses a report for someone else's branch, from a plain member, for a sub-cell, and for a closed term", async () => {
    expect(await t.say(cellSecretary, privateChat(cellSecretary), '/baocao DB01')).toContain('chỉ báo cáo được số liệu của tổ chức cơ sở đảng mình');
    expect(await t.say(member, privateChat(member), '/baocao')).toContain('Lệnh /baocao dành cho bí thư');
    expect(await t.say(office, privateChat(office), '/baocao DB01-01')).toContain('là chi bộ trực thuộc');
    t.services.indicators.upsertResolution(
      { code: 'NQ-2025', name: 'Nghị quyết Đại hội 2025–2030', level: 'bloc', termStartYear: 2025, termEndYear: 2030, current: true, closed: true },
      SYSTEM,
    );
    expect(await t.say(secretary, privateChat(secretary), '/baocao')).toContain('Nghị quyết nhiệm kỳ 2025–2030 đã kết thúc, không nhận báo cáo');
    const direct = t.services.indicators.report(admissions.id, bloc.committee.id, '2026-Q4', { numerator: 50, denominator: null, note: null }, null, SYSTEM);
    expect(direct).toMatchObject({ ok: false, reason: 'closed' });
  });

  it('the office reports for any branch', async () => {
    await startReport(office, 'CB02');
    await chooseIndicator(office, /KHT/);
    expect(await t.say(office, privateChat(office), '0')).toContain('Đồng chí vui lòng kiểm tra');
  });

  it('nudges secretaries before the deadline and gives the office the missing list after it', async () => {
    const clock = t.clock as AdjustableClock;
    t.services.indicators.report(bound.id, bloc.cell.id, '2026-Q4', { numerator: 0, denominator: null, note: null }, null, SYSTEM);
    clock.set('2026-12-17T03:00:00Z'); // 10h00 on 17/12, three days before the 20th
    expect(t.services.indicators.nudge(20, 3)).toEqual({ nudged: 2, officeLists: 0 });
    expect(t.services.indicators.nudge(20, 3)).toEqual({ nudged: 0, officeLists: 0 });
    const nudge = await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellSecretary.id && String(p.text).includes('Nhắc báo cáo chỉ tiêu'));
    expect(String(nudge.params.text)).toContain('Còn 2 chỉ tiêu chưa báo cáo');
    expect(String(nudge.params.text)).not.toContain('KHT');
    clock.set('2026-12-21T02:00:00Z');
    expect(t.services.indicators.nudge(20, 3)).toEqual({ nudged: 0, officeLists: 1 });
    const list = await t.fake.waitFor('sendMessage', (p) => p.chat_id === office.id && String(p.text).includes('Hết hạn báo cáo quý IV/2026'));
    expect(String(list.params.text)).toContain('• Đảng bộ Sở &lt;Tài chính&gt;');
    expect(String(list.params.text)).toContain('• Chi bộ Công ty TNHH A&amp;B');
  });

  it('the office exports every figure to .xlsx; a member may not', async () => {
    expect(await t.say(member, privateChat(member), '/xuatchitieu')).toContain('dành cho Văn phòng');
    const mark = t.fake.mark();
    t.fake.sendText(office, privateChat(office), '/xuatchitieu');
    await t.fake.waitFor('sendDocument', (p) => p.chat_id === office.id, { after: mark });
    const file = t.fake.uploadedFiles('sendDocument').at(-1)!;
    expect(file.file.filename).toBe('chi-tieu.xlsx');
    expect(file.data.subarray(0, 2).toString()).toBe('PK');
  });

  /** Sends a /chitieu (or /tim) command and returns the text of the bot's answer. */
  async function detail(who: User, command: string): Promise<string> {
    return t.say(who, privateChat(who), command);
  }
  async function confirm(who: User, expectText: string): Promise<void> {
    const mark = t.fake.mark();
    t.fake.pressButton(who, t.fake.lastSentMessage(who.id)!, /Xác nhận báo cáo/);
    await t.fake.waitFor('sendMessage', (p) => p.chat_id === who.id && String(p.text).includes(expectText), { after: mark });
  }
  const q4 = (indicator: Indicator) => t.services.indicators.figures(indicator.id).filter((f) => f.period === '2026-Q4');

  it('/baocao refuses figures no organisation can have and 0 as a total, says what is expected, and changes nothing', async () => {
    const chat = privateChat(secretary);
    await startReport(secretary);
    await chooseIndicator(secretary, /DG-DV/);
    expect(await t.say(secretary, chat, '1000000000000/1000000000000')).toContain(
      'Số liệu quá lớn: không tổ chức cơ sở đảng nào có quá 100.000. Đồng chí vui lòng kiểm tra và gõ lại, ví dụ <code>45/50</code>.',
    );
    expect(await t.say(secretary, chat, '45/1000000000000')).toContain('Số liệu quá lớn');
    expect(await t.say(secretary, chat, '0/0')).toContain('Tổng số phải lớn hơn 0. Đồng chí vui lòng gõ lại dạng <code>số đạt/tổng số</code>');
    expect(await t.say(secretary, chat, '/huy')).toContain('Đã thôi báo cáo');
    expect(q4(rating)).toEqual([]);

    await startReport(secretary);
    await chooseIndicator(secretary, /KN-DV/);
    expect(await t.say(secretary, chat, '1000000000000')).toContain('Số liệu quá lớn');
    // Thousands grouped with a dot or a space are the number itself.
    expect(await t.say(secretary, chat, '1.200')).toContain('Kết nạp đảng viên mới: 1.200 · chỉ tiêu 1.300 đảng viên');
    expect(await t.say(secretary, chat, '/huy')).toContain('Đã thôi báo cáo');
    expect(q4(admissions)).toEqual([]);
  });

  it('/baocao takes figures typed on the confirm screen as the new figures', async () => {
    const chat = privateChat(cellSecretary);
    await startReport(cellSecretary);
    await chooseIndicator(cellSecretary, /DG-DV/);
    expect(await t.say(cellSecretary, chat, '18/20')).toContain('90% (18/20)');
    const corrected = await t.say(cellSecretary, chat, '19/20');
    expect(corrected).toContain('Đảng viên hoàn thành tốt nhiệm vụ trở lên: 95% (19/20)');
    expect(corrected).not.toContain('18/20');
    // Words that are not figures show the screen again.
    expect(await t.say(cellSecretary, chat, 'đồng ý')).toContain('95% (19/20)');
    await confirm(cellSecretary, 'Đã ghi nhận số liệu');
    expect(q4(rating)).toEqual([{ branchId: bloc.cell.id, period: '2026-Q4', numerator: 19, denominator: 20 }]);
  });

  it('/baocao asks to confirm, with the reason, a total of members above the organisation’s members (sub-cells included)', async () => {
    const chat = privateChat(secretary);
    await startReport(secretary);
    await chooseIndicator(secretary, /DG-DV/);
    // Đảng bộ Sở <Tài chính> lists 3 members and its sub-cell 1.
    const check = await t.say(secretary, chat, '45/50');
    expect(check).toContain(
      '⚠️ Tổng số (50) lớn hơn số đảng viên của Đảng bộ Sở &lt;Tài chính&gt; trong danh sách (4). Đồng chí vui lòng kiểm tra lại; nếu số liệu đúng, vẫn bấm “✅ Xác nhận báo cáo”.',
    );
    const fixed = await t.say(secretary, chat, '4/4');
    expect(fixed).toContain('100% (4/4)');
    expect(fixed).not.toContain('⚠️');
    await confirm(secretary, 'Đã ghi nhận số liệu');
    expect(q4(rating)).toEqual([{ branchId: bloc.committee.id, period: '2026-Q4', numerator: 4, denominator: 4 }]);
    // A total that is not of members (a count) is not compared.
    await startReport(secretary);
    await chooseIndicator(secretary, /KN-DV/);
    expect(await t.say(secretary, chat, '45')).not.toContain('⚠️');
  });

  it('opens an indicator of a closed term with its final figure and period, from /chitieu, /tim and inline', async () => {
    const ind = t.services.indicators;
    ind.report(oldAdmissions.id, bloc.committee.id, '2025-Q2', { numerator: 700, denominator: null, note: null }, null, SYSTEM, { allowClosed: true });
    ind.report(oldAdmissions.id, bloc.cell.id, '2025-Q3', { numerator: 480, denominator: null, note: null }, null, SYSTEM, { allowClosed: true });
    const final = 'Kết quả cuối nhiệm kỳ (số liệu đến quý III/2025): 1.180';
    const text = await detail(member, '/chitieu KN-DV 2020-2025');
    expect(text).toContain('<b>KN-DV · Kết nạp (cũ)</b>');
    expect(text).toContain('Nghị quyết Đại hội 2020–2025, nhiệm kỳ 2020–2025 (đã kết thúc)');
    expect(text).toContain(final);
    expect(text).toContain('🔴 Không đạt');
    expect(text).toContain('2025: 1.180 · 🔴 Không đạt');
    expect(text).not.toContain('Hiện tại');
    expect(text).not.toContain('2026');
    // The years nobody reported for are left out of the list.
    expect(text).not.toContain('Chưa có số liệu');
    // The current term's card points to it.
    expect(await detail(member, '/chitieu KN-DV')).toContain('Cùng mã chỉ tiêu ở nhiệm kỳ 2020–2025: <code>/chitieu KN-DV 2020-2025</code>');
    // A code only the closed term has is found by itself.
    ind.upsertIndicator({ resolutionId: oldAdmissions.resolutionId, code: 'TCCS-TN', title: 'Thành lập tổ chức cơ sở đảng', unit: 'tổ chức', kind: 'term_count', target: 2 }, SYSTEM);
    ind.report(ind.find('TCCS-TN')[0]!.id, bloc.cell.id, '2025-Q3', { numerator: 2, denominator: null, note: null }, null, SYSTEM, { allowClosed: true });
    const founding = await detail(member, '/chitieu TCCS-TN');
    expect(founding).toContain('nhiệm kỳ 2020–2025 (đã kết thúc)');
    expect(founding).toContain('Kết quả cuối nhiệm kỳ (số liệu đến quý III/2025): 2 ▰▰▰▰▰▰▰▰▰▰ · ✅ Đạt');

    // /tim says which term each card belongs to, and its button opens the final figure.
    const found = await detail(member, '/tim ket nap');
    expect(found).toContain('📊 KN-DV (2020–2025) · Kết nạp (cũ)');
    expect(found).toContain('📊 KN-DV (2025–2030) · Kết nạp đảng viên mới');
    const mark = t.fake.mark();
    t.fake.pressButton(member, t.fake.lastSentMessage(member.id)!, /2020–2025/);
    const opened = await t.fake.waitFor('sendMessage', (p) => p.chat_id === member.id, { after: mark });
    expect(String(opened.params.text)).toContain(final);

    const inline = t.fake.mark();
    t.fake.pushUpdate(inlineQuery(member, 'ket nap'));
    const answer = await t.fake.waitFor('answerInlineQuery', undefined, { after: inline });
    const results = answer.params.results as { title: string; input_message_content: { message_text: string } }[];
    const card = results.find((r) => r.title.startsWith('KN-DV (2020–2025)'))!;
    expect(card.input_message_content.message_text).toContain(final);
    expect(card.input_message_content.message_text).not.toContain('Chưa có số liệu');
    expect(results.find((r) => r.title.startsWith('KN-DV (2025–2030)'))!.input_message_content.message_text).toContain('Hiện tại (quý IV/2026): 52');
  });

  it('ranks an upper bound by most and fewest, and says in one line when every organisation is at 0', async () => {
    const ind = t.services.indicators;
    ind.report(bound.id, bloc.committee.id, '2026-Q4', { numerator: 0, denominator: null, note: null }, null, SYSTEM);
    ind.report(bound.id, bloc.cell.id, '2026-Q4', { numerator: 0, denominator: null, note: null }, null, SYSTEM);
    const zeros = await detail(member, '/chitieu KHT');
    expect(zeros).toContain('Chỉ tiêu: không có tổ chức nào (mức tối đa mỗi năm)');
    expect(zeros).toContain('Cả 2 tổ chức cơ sở đảng đều ở mức 0 tổ chức (theo số liệu gần nhất của từng tổ chức).');
    expect(zeros).not.toContain('Cao nhất');
    expect(zeros).not.toContain('1. ');
    ind.report(bound.id, bloc.cell.id, '2026-Q4', { numerator: 1, denominator: null, note: null }, null, SYSTEM);
    const one = await detail(member, '/chitieu KHT');
    expect(one).toContain('<b>Nhiều nhất</b>\n1. Chi bộ Công ty TNHH A&amp;B: 1\n2. Đảng bộ Sở &lt;Tài chính&gt;: 0');
    expect(one).not.toContain('Cao nhất');
  });

  it('gives a monthly pace only when it is at least one a month', async () => {
    const res = t.services.indicators.current()!;
    t.services.indicators.upsertIndicator(
      { resolutionId: res.id, code: 'TCCS-MOI', title: 'Thành lập mới tổ chức cơ sở đảng', unit: 'tổ chức', kind: 'term_count', target: 2, sort: 4 },
      SYSTEM,
    );
    const founding = t.services.indicators.find('TCCS-MOI')[0]!;
    t.services.indicators.report(founding.id, bloc.cell.id, '2026-Q3', { numerator: 0, denominator: null, note: null }, null, SYSTEM);
    const pace = (await detail(member, '/chitieu')).split('\n').find((l) => l.includes('tổ chức trong'));
    expect(pace?.trim()).toBe('còn cần thêm 2 tổ chức trong 49 tháng tới');
    expect(await detail(member, '/chitieu TCCS-MOI')).not.toContain('mỗi tháng');
  });

  it('does not call a yearly rating behind in mid-year, nor ask for it every quarter', async () => {
    const clock = t.clock as AdjustableClock;
    clock.set('2026-05-20T03:00:00Z'); // 10h00 on 20/05/2026: the second quarter
    t.services.indicators.report(rating.id, bloc.committee.id, '2026-Q2', { numerator: 40, denominator: 50, note: null }, null, SYSTEM);
    const overview = (await detail(member, '/chitieu')).split('\n');
    const line = overview.findIndex((l) => l.includes('(DG-DV)'));
    expect(overview[line + 1]).toBe('   80% · chỉ tiêu từ 90% trở lên ▰▰▰▰▰▰▰▰▱▱ · 🔵 Chờ đánh giá cuối năm');
    expect(await detail(member, '/chitieu DG-DV')).toContain('Chỉ tiêu này báo cáo vào quý IV hằng năm, khi đánh giá cuối năm.');

    await startReport(cellSecretary);
    const labels = t.fake.lastSentMessage(cellSecretary.id)!.reply_markup!.inline_keyboard.flat().map((b) => b.text);
    expect(labels.find((l) => l.includes('DG-DV'))).toMatch(/^🗓/);
    expect(labels.find((l) => l.includes('KHT'))).toMatch(/^⏳/);
    expect(labels.find((l) => l.includes('KN-DV'))).toMatch(/^✔/);
    expect(labels.at(-1)).toContain('DG-DV');
    expect(await t.say(cellSecretary, privateChat(cellSecretary), '/huy')).toContain('Đã thôi báo cáo');

    clock.set('2026-06-17T03:00:00Z');
    expect(t.services.indicators.nudge(20, 3).nudged).toBe(2);
    const nudge = await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellSecretary.id && String(p.text).includes('Nhắc báo cáo chỉ tiêu quý II/2026'));
    expect(String(nudge.params.text)).toContain('Còn 1 chỉ tiêu chưa báo cáo:\n• KHT');
    expect(String(nudge.params.text)).not.toContain('DG-DV');
  });

  it('counts the organisations that reported the same way in /chitieu and in the workbook', async () => {
    t.services.indicators.report(admissions.id, bloc.cell.id, '2026-Q4', { numerator: 14, denominator: null, note: null }, null, SYSTEM);
    expect(await detail(member, '/chitieu')).toContain('Đã báo cáo đủ quý IV/2026: 0/2 tổ chức cơ sở đảng');
    expect(await detail(member, '/chitieu KN-DV')).toContain('Đã báo cáo quý IV/2026: 1/2 tổ chức cơ sở đảng');

    const mark = t.fake.mark();
    t.fake.sendText(office, privateChat(office), '/xuatchitieu');
    await t.fake.waitFor('sendDocument', (p) => p.chat_id === office.id, { after: mark });
    const workbook = new ExcelJS.Workbook();
    const data = t.fake.uploadedFiles('sendDocument').at(-1)!.data;
    await workbook.xlsx.load(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer);
    const summary = workbook.getWorksheet('Tổng hợp')!;
    expect(String(summary.getRow(2).getCell(1).value)).toContain('0/2 tổ chức cơ sở đảng đã báo cáo đủ quý IV/2026');
    expect(summary.getRow(3).getCell(10).value).toBe('Tổ chức cơ sở đảng đã báo cáo quý IV/2026');
    expect(summary.getRow(4).getCell(2).value).toBe('KN-DV');
    expect(summary.getRow(4).getCell(10).value).toBe('1/2');
    // Periods read as everywhere else.
    const periods = new Set<string>();
    workbook.getWorksheet('Số liệu')!.eachRow((row, n) => n > 1 && periods.add(String(row.getCell(6).value)));
    expect([...periods].sort()).toEqual(['quý II/2026', 'quý III/2026', 'quý IV/2026']);
  });

  it('with no resolution in force, tells a member who enters the indicators, never a command line', async () => {
    const ind = t.services.indicators;
    ind.upsertResolution({ code: 'NQ-2025', name: 'Nghị quyết Đại hội 2025–2030', level: 'bloc', termStartYear: 2025, termEndYear: 2030, current: false, closed: false }, SYSTEM);
    const text = await detail(member, '/chitieu');
    expect(text).toBe(
      'Hiện chưa có nghị quyết nào đang thực hiện trong hệ thống. Các chỉ tiêu sẽ được Văn phòng Đảng ủy Khối cập nhật; nếu cần, đồng chí vui lòng liên hệ Văn phòng.',
    );
    expect(text).not.toMatch(/npm|cli|import-indicators/);
  });

  it('answers /chitieu in a group too', async () => {
    const g = group(-9600, 'Nhóm');
    expect(await t.say(member, g, '/chitieu')).toContain('Kết nạp đảng viên mới');
  });
});
