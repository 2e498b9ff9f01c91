import { formatPeriod, formatTermYears } from '../../domain/indicators.js';
import { buildDemoBloc, type DemoSummary } from '../demo-data.js';
import { buildDemoIndicators, type DemoIndicatorSummary } from '../demo-indicators.js';
import { UserError, parseOptions } from '../context.js';
import type { CliCommand } from './types.js';

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'Tạo dữ liệu mẫu để dùng thử (chỉ trên cơ sở dữ liệu trống)',
  help: `Cách dùng: npm run cli -- demo

Tạo một Đảng bộ Khối mẫu: 3 khối thi đua, 21 tổ chức đảng (đảng bộ cơ sở có chi bộ trực thuộc,
và chi bộ cơ sở), 300 đảng viên với mã DV0001…, mỗi tổ chức đảng có bí thư và phó bí thư;
nghị quyết nhiệm kỳ 2020–2025 (đã kết thúc) và 2025–2030 (hiện hành) với các chỉ tiêu và số
liệu báo cáo hằng quý của các tổ chức cơ sở đảng đến quý hiện tại.
Chỉ chạy khi cơ sở dữ liệu chưa có tổ chức đảng nào, để không lẫn với dữ liệu thật.

Ví dụ:
  DATABASE_PATH=./data/demo.sqlite npm run cli -- demo`,

  async run(ctx, args) {
    parseOptions('demo', args, {}, { min: 0, max: 0, names: '' });
    const { db, services } = ctx.open();
    const build = db.$client.transaction((): { bloc: DemoSummary; indicators: DemoIndicatorSummary } => {
      const existing = services.branches.list().length;
      if (existing > 0)
        throw new UserError(
          `Cơ sở dữ liệu ${ctx.databasePath} đã có ${existing} tổ chức đảng; lệnh demo chỉ chạy trên cơ sở dữ liệu trống (đặt DATABASE_PATH tới một tệp mới).`,
        );
      const bloc = buildDemoBloc(services, ctx.actor);
      return { bloc, indicators: buildDemoIndicators(services, ctx.actor, ctx.clock, db, { timeZone: ctx.timeZone }) };
    });
    const { bloc: summary, indicators } = build.immediate();
    const committees = summary.branches.filter((b) => b.kind === 'committee').length;
    const subcells = summary.branches.filter((b) => b.kind === 'subcell').length;
    const cells = summary.branches.length - committees - subcells;
    ctx.out(`Đã tạo dữ liệu mẫu "${summary.blocName}" trong ${ctx.databasePath}:`);
    ctx.out(`• ${summary.clusters.length} khối thi đua: ${summary.clusters.map((c) => c.name).join('; ')}`);
    ctx.out(
      `• ${summary.branches.length} tổ chức đảng: ${committees} đảng bộ cơ sở, ${subcells} chi bộ trực thuộc, ${cells} chi bộ cơ sở`,
    );
    ctx.out(`• ${summary.memberCount} đảng viên (DV0001–DV${String(summary.memberCount).padStart(4, '0')}), mỗi tổ chức đảng có bí thư và phó bí thư`);
    const terms = indicators.resolutions.map(
      (r) => `${r.code} (${formatTermYears(r.termStartYear, r.termEndYear)}, ${r.closed ? 'đã kết thúc' : r.current ? 'hiện hành' : 'chưa dùng'})`,
    );
    ctx.out(
      `• ${terms.length} nghị quyết: ${terms.join(' và ')}, mỗi nghị quyết ${indicators.indicatorsPerTerm} chỉ tiêu; ${indicators.reports} số liệu báo cáo theo quý (${formatPeriod(indicators.currentPeriod)} còn một số tổ chức chưa báo cáo)`,
    );
    ctx.out('Tạo lời mời để thử: npm run cli -- invite member DV0001');
    ctx.out('Xem chỉ tiêu: npm run cli -- export-indicators chi-tieu.xlsx');
  },
};
