/**
 * The recipients of a notice as a workbook, for its author and the office: every recipient with
 * their organisation, what became of their private message (with Telegram's reason when it did not
 * get through) and when they acknowledged. In Vietnamese, like the office's other workbooks.
 */
import type { Notice, RecipientDelivery, RecipientStatus } from './notices.js';
import { addHeader, type Column, fitWidths, formatReportedAt, loadExcelJS } from './workbook-style.js';

export const RECIPIENTS_SHEET = 'Người nhận';

export const DELIVERY_LABELS: Record<RecipientDelivery, string> = {
  delivered: 'Đã gửi',
  waiting: 'Đang chờ gửi',
  unreachable: 'Không gửi được',
  failed: 'Gửi lỗi',
  cancelled: 'Không gửi (quá hạn)',
  not_linked: 'Chưa liên kết Telegram',
  groups_only: 'Gửi qua nhóm (không gửi tin riêng)',
};

export async function exportNoticeRecipientsXlsx(
  notice: Pick<Notice, 'id' | 'title' | 'requireAck'>,
  recipients: readonly RecipientStatus[],
  options: { timeZone: string },
): Promise<Buffer> {
  const workbook = new (await loadExcelJS()).Workbook();
  workbook.creator = 'party-bloc-bot';
  const ws = workbook.addWorksheet(RECIPIENTS_SHEET, { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.addRow([`Thông báo #${notice.id}: “${notice.title}”`]).font = { bold: true, size: 14 };
  const acknowledged = recipients.filter((r) => r.acknowledgedAt !== null).length;
  ws.addRow([
    notice.requireAck
      ? `${recipients.length} người nhận · đã xác nhận ${acknowledged}/${recipients.length}`
      : `${recipients.length} người nhận · không yêu cầu xác nhận`,
  ]).font = { italic: true };
  const columns: Column[] = [
    { header: 'STT', width: 6 },
    { header: 'Mã tổ chức' },
    { header: 'Tổ chức cơ sở đảng', max: 45 },
    { header: 'Họ và tên', max: 32 },
    { header: 'Mã đảng viên' },
    { header: 'Tình trạng gửi', max: 34 },
    { header: 'Lý do không gửi được', max: 45 },
    { header: 'Xác nhận lúc' },
  ];
  addHeader(ws, columns);
  const rows: (string | number | null)[][] = [];
  recipients.forEach((r, i) => {
    const row = ws.addRow([
      i + 1,
      r.branchCode,
      r.branchName,
      r.fullName,
      r.code,
      DELIVERY_LABELS[r.delivery],
      r.reason,
      r.acknowledgedAt ? formatReportedAt(r.acknowledgedAt, options.timeZone) : notice.requireAck ? 'Chưa xác nhận' : '',
    ]);
    rows.push(row.values as (string | number | null)[]);
  });
  fitWidths(ws, columns, rows);
  ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: columns.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
