import ExcelJS from 'exceljs';
import type { User } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdjustableClock } from '../../src/clock.js';
import { SYSTEM } from '../../src/services/actor.js';
import type { Indicator } from '../../src/services/indicators.js';
import { group, inlineQuery, privateChat, user } from '../fake-telegram/updates.js';
import { TestBot } from '../helpers/app.js';
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
    t = await TestBot.start({ adminIds: [office.id] });
    bloc = seedSmallBloc(t.services);
    const link = (id: number, tg: User) => t.services.members.linkTelegram(id, { id: tg.id }, SYSTEM);
    link(bloc.secretary.id, secretary);
    link(bloc.cellSecretary.id, cellSecretary);
    link(bloc.member.id, member);
    link(bloc.subMember.id, subMember);
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
    expect(check).toContain('Bấm “✅ Xác nhận báo cáo” để ghi nhận. Nếu cần sửa, đồng chí gõ lại số liệu (ví dụ <code>45/50</code>)');
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

  it('answers /chitieu in a group too', async () => {
    const g = group(-9600, 'Nhóm');
    expect(await t.say(member, g, '/chitieu')).toContain('Kết nạp đảng viên mới');
  });
});
