/**
 * The pages of the acknowledgement report, rendered without the bot: rates that never claim 100 %
 * while someone is missing, and a page of 20 long-named organisations under Telegram's limit.
 */
import { describe, expect, it } from 'vitest';
import { type TranslationArgs, Translator } from '../../src/bot/i18n.js';
import { ackReportPage, notAcknowledgedPage } from '../../src/bot/render/notice-report.js';
import type { BranchAckCount } from '../../src/services/notices.js';

const translator = new Translator();
const t = (key: string, args?: TranslationArgs) => translator.t('vi', key, args);
const notice = { id: 12, title: 'Kế hoạch học tập Nghị quyết', requireAck: true };
const delivery = { pending: 0, sending: 0, sent: 10, failed: 0, unreachable: 0, cancelled: 0, total: 10 };
const branch = (i: number, acknowledged: number, total: number, name = `Chi bộ số ${i}`): BranchAckCount => ({
  branchId: i,
  code: `CB${i}`,
  name,
  shortName: null,
  total,
  acknowledged,
});

describe('the acknowledgement report', () => {
  it('never shows 100 % while someone is missing, nor 0 % once someone acknowledged', () => {
    const page = ackReportPage(t, notice, [branch(1, 1, 300), branch(2, 199, 200), branch(3, 200, 200), branch(4, 0, 5)], delivery, 0);
    expect(page.text.value).toContain('• Chi bộ số 1 (CB1): 1/300 (1%)');
    expect(page.text.value).toContain('• Chi bộ số 2 (CB2): 199/200 (99%)');
    expect(page.text.value).toContain('• Chi bộ số 3 (CB3): 200/200 (100%)');
    expect(page.text.value).toContain('• Chi bộ số 4 (CB4): 0/5 (0%)');
    expect(page.text.value).toContain('Đã xác nhận: 400/705 (57%)');
    // No button for the organisation where everyone acknowledged.
    const labels = page.keyboard.inline_keyboard.flat().map((b) => b.text);
    expect(labels).toEqual(['Chi bộ số 1 (CB1) · còn 299', 'Chi bộ số 2 (CB2) · còn 1', 'Chi bộ số 4 (CB4) · còn 5', '📥 Tải danh sách (.xlsx)']);
  });

  it('keeps a page of 20 organisations with the longest names, and a page of 40 long names, within 4,096 characters', () => {
    const long = (i: number) => `Đảng bộ <Tổng công ty> Đầu tư & Phát triển hạ tầng giao thông đô thị và khu công nghiệp số ${i} ${'rất dài '.repeat(20)}`;
    const counts = Array.from({ length: 100 }, (_, i) => ({ ...branch(i, i, 1000, long(i)), code: `MA-TO-CHUC-${i}` }));
    for (let p = 0; p < 5; p++) expect(ackReportPage(t, notice, counts, delivery, p).text.value.length).toBeLessThanOrEqual(4096);
    const people = Array.from({ length: 40 }, (_, i) => ({ fullName: `Nguyễn <Thị> & ${'Hoàng '.repeat(20)}${i}`, code: `DV-${'9'.repeat(30)}`, linked: i % 2 === 0 }));
    const names = notAcknowledgedPage(t, notice, counts[0]!, { total: 1000, people }, 0, 0);
    expect(names.text.value.length).toBeLessThanOrEqual(4096);
    expect(names.text.value).toContain('(trang 1/25)');
  });
});
