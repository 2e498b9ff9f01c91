import { formatPeriod, formatTermYears } from '../../domain/indicators.js';
import { createDemoBloc } from '../../demo/index.js';
import { UserError, parseOptions } from '../context.js';
import type { CliCommand } from './types.js';

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'Tạo dữ liệu mẫu để dùng thử (chỉ trên cơ sở dữ liệu chưa có tổ chức đảng)',
  help: `Cách dùng: npm run cli -- demo

Tạo một Đảng bộ Khối mẫu, tính theo ngày hôm nay: 3 khối thi đua, 21 tổ chức đảng (đảng bộ cơ sở
có chi bộ trực thuộc, và chi bộ cơ sở), 300 đảng viên với mã DV0001…, mỗi tổ chức đảng có bí thư
và phó bí thư; lịch sinh hoạt định kỳ hằng tháng của mọi chi bộ (đã họp ba tháng, có điểm danh và
vắng mặt), sinh hoạt chuyên đề quý này và quý trước, hội nghị Ban Chấp hành Đảng bộ Khối trong tuần
này và hội nghị quán triệt sắp tới; thông báo đã gửi với tình hình nhận và xác nhận; nghị quyết
nhiệm kỳ 2020–2025 (đã kết thúc) và 2025–2030 (hiện hành) với các chỉ tiêu và số liệu báo cáo hằng
quý đến quý hiện tại. Đảng viên mẫu không có tài khoản Telegram: bot không gửi gì cho họ.
Chỉ chạy khi cơ sở dữ liệu chưa có tổ chức đảng nào, để không lẫn với dữ liệu thật (quản trị viên
đã có thì được giữ nguyên).

Ví dụ:
  DATABASE_PATH=./data/demo.sqlite npm run cli -- demo`,

  async run(ctx, args) {
    parseOptions('demo', args, {}, { min: 0, max: 0, names: '' });
    const { services } = ctx.open();
    const existing = services.branches.list().length;
    if (existing > 0)
      throw new UserError(
        `Cơ sở dữ liệu ${ctx.databasePath} đã có ${existing} tổ chức đảng; lệnh demo chỉ chạy trên cơ sở dữ liệu chưa có tổ chức đảng nào (đặt DATABASE_PATH tới một tệp mới).`,
      );
    const s = createDemoBloc(services, ctx.clock, ctx.actor);
    ctx.out(`Đã tạo dữ liệu mẫu "${s.blocName}" trong ${ctx.databasePath}:`);
    ctx.out(`• ${s.clusters.length} khối thi đua: ${s.clusters.join('; ')}`);
    ctx.out(`• ${s.branches} tổ chức đảng: ${s.committees} đảng bộ cơ sở, ${s.subcells} chi bộ trực thuộc, ${s.cells} chi bộ cơ sở`);
    ctx.out(`• ${s.members} đảng viên (DV0001–DV${String(s.members).padStart(4, '0')}), mỗi tổ chức đảng có bí thư và phó bí thư`);
    ctx.out(
      `• ${s.meetings} cuộc họp: lịch sinh hoạt hằng tháng của ${s.series} chi bộ, sinh hoạt chuyên đề, hội nghị của Đảng bộ Khối; ${s.heldMeetings} cuộc đã họp, ${s.attendanceTaken} cuộc đã điểm danh`,
    );
    ctx.out(`• ${s.notices} thông báo đã gửi, với tình hình nhận và xác nhận`);
    const terms = s.resolutions.map(
      (r) => `${r.code} (${formatTermYears(r.termStartYear, r.termEndYear)}, ${r.closed ? 'đã kết thúc' : r.current ? 'hiện hành' : 'chưa dùng'})`,
    );
    ctx.out(
      `• ${terms.length} nghị quyết: ${terms.join(' và ')}, mỗi nghị quyết ${s.indicatorsPerTerm} chỉ tiêu; ${s.reports} số liệu báo cáo theo quý (${formatPeriod(s.currentPeriod)} còn một số tổ chức chưa báo cáo)`,
    );
    ctx.out('Tạo lời mời để thử: npm run cli -- invite member DV0001');
    ctx.out('Xem chỉ tiêu: npm run cli -- export-indicators chi-tieu.xlsx');
  },
};
