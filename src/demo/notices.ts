/**
 * The demo bloc's notices, already sent: from the office (when there is an office member to sign
 * them) a plan for this quarter's thematic meetings, the summons to this week's conference for
 * secretaries, a reporting guide without acknowledgement and one sent this morning still being
 * acknowledged; from a few cells' secretaries, their monthly meeting. Each has its delivery (most
 * delivered, a few members not linked, a few who blocked the bot) and acknowledgements.
 *
 * They are recorded (NoticeService.recordSent): nothing is queued, as the demo's members have no
 * Telegram accounts, and nobody is nudged about them.
 */
import { html } from '../bot/render/html.js';
import type { Clock } from '../clock.js';
import type { Audience } from '../domain/audience.js';
import { formatPeriod, periodOf } from '../domain/indicators.js';
import { formatDateTime } from '../domain/time.js';
import type { Actor } from '../services/actor.js';
import type { Services } from '../services/index.js';
import type { Meeting } from '../services/meetings.js';
import type { Member } from '../services/members.js';
import type { Notice, RecordedDelivery } from '../services/notices.js';
import { mulberry32 } from './bloc.js';
import { daysAgoAt, todayIn } from './schedule.js';

export const DEMO_NOTICE_SEED = 20251103;
const DAY_MS = 86_400_000;
const BLOCKED = 'Forbidden: bot was blocked by the user';

const everyone: Audience = { scope: { type: 'bloc' }, people: 'all', channel: 'private' };
const secretaries: Audience = { scope: { type: 'bloc' }, people: 'secretaries', channel: 'private' };

export function buildDemoNotices(
  services: Services,
  clock: Clock,
  actor: Actor,
  options: { timeZone: string; office: Member | null; conference: Meeting; meetings: readonly Meeting[]; seed?: number },
): Notice[] {
  const { timeZone: tz, office, conference } = options;
  const random = mulberry32(options.seed ?? DEMO_NOTICE_SEED);
  const now = clock.now();
  const today = todayIn(now, tz);
  const period = formatPeriod(periodOf(today));

  /** Most delivered, a few not linked or blocked; of the delivered, `ackShare` acknowledge within three days. */
  const outcome =
    (releasedAt: Date, requireAck: boolean, ackShare: number) =>
    (): RecordedDelivery => {
      const r = random();
      if (r < 0.05) return { delivery: 'not_linked', acknowledgedAt: null };
      if (r < 0.08) return { delivery: 'unreachable', reason: BLOCKED, acknowledgedAt: null };
      // Nobody acknowledges within the first minute.
      const span = Math.min(now.getTime() - releasedAt.getTime(), 3 * DAY_MS) - 60_000;
      if (!requireAck || random() >= ackShare || span <= 0) return { delivery: 'delivered', acknowledgedAt: null };
      return { delivery: 'delivered', acknowledgedAt: new Date(releasedAt.getTime() + 60_000 + Math.floor(random() * span)) };
    };
  const send = (author: Member, audience: Audience, title: string, body: string, requireAck: boolean, releasedAt: Date, ackShare: number) =>
    services.notices.recordSent(
      author,
      { audience, title, body: html`<b>${title}</b>\n\n${body}`.value, requireAck },
      releasedAt,
      outcome(releasedAt, requireAck, ackShare),
      actor,
    );

  const made: Notice[] = [];
  if (office) {
    made.push(
      send(
        office,
        everyone,
        `Hướng dẫn báo cáo số liệu chỉ tiêu nghị quyết ${period}`,
        'Các tổ chức cơ sở đảng báo cáo số liệu chỉ tiêu của quý bằng lệnh /baocao trước ngày 20 tháng cuối quý. Số liệu lũy kế tính từ đầu nhiệm kỳ.',
        false,
        daysAgoAt(now, tz, 20, 9),
        0,
      ),
      send(
        office,
        everyone,
        `Kế hoạch tổ chức sinh hoạt chuyên đề ${period}`,
        'Đề nghị các chi bộ tổ chức sinh hoạt chuyên đề ít nhất một lần trong quý; gửi tài liệu đến đảng viên trước ngày sinh hoạt ít nhất một ngày; báo cáo kết quả về Văn phòng Đảng ủy Khối.',
        true,
        daysAgoAt(now, tz, 12, 9),
        0.88,
      ),
    );
    const summonsAt = new Date(Math.min(conference.startsAt.getTime() - 5 * DAY_MS, daysAgoAt(now, tz, 1, 15).getTime()));
    made.push(
      send(
        office,
        secretaries,
        'Triệu tập Hội nghị Ban Chấp hành Đảng bộ Khối',
        `Thời gian: ${formatDateTime(conference.startsAt, tz)}. Địa điểm: ${conference.location}. Đề nghị các đồng chí bí thư nghiên cứu tài liệu trước hội nghị.`,
        true,
        summonsAt,
        0.7,
      ),
      send(
        office,
        everyone,
        'Thông báo lịch làm việc tuần này của Thường trực Đảng ủy Khối',
        'Thường trực Đảng ủy Khối làm việc với các tổ chức cơ sở đảng theo lịch gửi kèm; các đồng chí bí thư chuẩn bị báo cáo theo đề cương.',
        true,
        daysAgoAt(now, tz, 0, 7, 30),
        0.35,
      ),
    );
  }

  // A few cells' secretaries announce their next regular meeting.
  const cells = services.branches.list({ activeOnly: true }).filter((b) => b.kind === 'cell').slice(0, 3);
  for (const cell of cells) {
    const secretary = services.members.getById(services.branches.summary(cell.id)?.secretaries[0]?.id ?? 0);
    const next = options.meetings.find((m) => m.branchId === cell.id && m.kind === 'regular' && m.startsAt.getTime() > now.getTime());
    if (!secretary || !next) continue;
    made.push(
      send(
        secretary,
        { scope: { type: 'branches', branchIds: [cell.id], includeSubcells: false }, people: 'all', channel: 'private' },
        `${cell.name} thông báo lịch sinh hoạt chi bộ định kỳ`,
        `Chi bộ sinh hoạt định kỳ lúc ${formatDateTime(next.startsAt, tz)} tại ${next.location}. Đề nghị các đồng chí đảng viên dự đầy đủ; vắng mặt phải báo lý do với bí thư chi bộ.`,
        true,
        daysAgoAt(now, tz, 2, 8),
        0.8,
      ),
    );
  }
  return made;
}
