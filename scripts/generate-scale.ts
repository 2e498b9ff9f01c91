/**
 * A bloc at scale, for the lookup benchmark (scripts/bench-lookups.ts) and for trying the bot on a
 * realistic amount of data:
 *
 *   npm run generate:scale -- --out data/scale.sqlite [--force] [--seed 20261123]
 *
 * - 100 branches in 4 clusters: 10 grassroots committees with 2 sub-cells each, and 70 grassroots
 *   cells (80 reporting organisations); 7,000 members (first of each branch its secretary, second
 *   its deputy; about 88 % linked to a Telegram id) and 5 office accounts;
 * - ten years of meetings: a monthly regular meeting of every branch (a series, materialised up to
 *   MATERIALISE_DAYS ahead as the service does), a thematic meeting of every cell and sub-cell each
 *   quarter, the bloc's monthly briefing (a series) and quarterly committee conference, a few
 *   occurrences cancelled;
 * - the demo's two terms of indicators (2020–2025 closed, 2025–2030 current, 11 indicators each)
 *   with quarterly reports from every reporting organisation (src/demo/indicators.ts);
 * - 10,000 sent notices over the ten years, with Vietnamese titles and bodies, from secretaries
 *   to their branch and from the office to secretaries, a cluster or the whole bloc, with their
 *   recipients rows and acknowledgements.
 *
 * "Now" is fixed (SCALE_NOW, a Monday 14h00 in Hà Nội): the bench runs the bot on an
 * AdjustableClock set to it. The data is what the services would have written: branches,
 * clusters, resolutions and indicators go through the services; members, meetings, notices and
 * recipients are bulk-inserted with prepared statements in one transaction (the services' row
 * shapes: meetings 'scheduled' with their series, notices 'sent'); the search index is filled by
 * the search triggers (drizzle/0008_search_without_app_functions.sql). Not written: the audit
 * entries and outbox rows the bulk parts would have left, attendance sheets and RSVPs. Meetings
 * avoid the 36 hours after SCALE_NOW and every notice is at least three days old and fully
 * nudged, so a bot started on this database at SCALE_NOW has no reminders or nudges to send.
 */
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ManualClock } from '../src/clock.js';
import { closeDatabase, openDatabase, type Db } from '../src/db/connection.js';
import type { MeetingKind } from '../src/db/schema.js';
import { menuFingerprint } from '../src/bot/commands.js';
import { buildDemoIndicators } from '../src/demo/indicators.js';
import { fullName, mulberry32 } from '../src/demo/bloc.js';
import { zonedWallTimeToUtc } from '../src/domain/datetime-parse.js';
import { type RecurrenceRule, occurrencesBetween } from '../src/domain/recurrence.js';
import { localParts } from '../src/domain/time.js';
import { SYSTEM } from '../src/services/actor.js';
import { createServices } from '../src/services/index.js';
import { MATERIALISE_DAYS } from '../src/services/meetings.js';

/** 14h00 on Monday 23/11/2026 in Hà Nội. */
export const SCALE_NOW = '2026-11-23T07:00:00Z';
export const SCALE_TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const SCALE_SEED = 20261123;
/** Bumped when the generated data changes, so the bench does not reuse an older file. */
export const SCALE_VERSION = 1;
export const SCALE_META_KEY = 'scale:meta';

const MEMBERS = 7000;
const NOTICES = 10_000;
const FIRST_YEAR = 2017;
/** Telegram ids of linked members: FIRST_TELEGRAM_ID + member number. */
export const FIRST_TELEGRAM_ID = 700_000_000;
const OFFICE_TELEGRAM_ID = 690_000_001;
const DAY_MS = 86_400_000;

export interface ScaleMeta {
  version: number;
  now: string;
  seed: number;
  counts: Record<string, number>;
  seconds: number;
}

// ---------------------------------------------------------------------------------------------
// The organisations

const CLUSTERS = [
  { code: 'DDT', name: 'Khối các cơ quan Đảng – đoàn thể' },
  { code: 'QLNN', name: 'Khối cơ quan quản lý nhà nước' },
  { code: 'SN', name: 'Khối đơn vị sự nghiệp' },
  { code: 'DN', name: 'Khối doanh nghiệp' },
] as const;

type ClusterCode = (typeof CLUSTERS)[number]['code'];

/** Grassroots committees (with two sub-cells each), then grassroots cells. */
const COMMITTEES: [string, ClusterCode, string, string][] = [
  ['Văn phòng Tỉnh ủy', 'DDT', 'Phòng Hành chính – Lưu trữ', 'Phòng Tài chính – Quản trị'],
  ['Sở Y tế', 'QLNN', 'Văn phòng Sở', 'Phòng Nghiệp vụ Y'],
  ['Sở Giáo dục và Đào tạo', 'QLNN', 'Văn phòng Sở', 'Phòng Giáo dục Trung học'],
  ['Sở Tài chính', 'QLNN', 'Văn phòng Sở', 'Phòng Quản lý ngân sách'],
  ['Bệnh viện Đa khoa tỉnh', 'SN', 'Khối Nội', 'Khối Ngoại'],
  ['Trường Cao đẳng Y tế', 'SN', 'Khoa Điều dưỡng', 'Khoa Dược'],
  ['Đài Phát thanh và Truyền hình tỉnh', 'SN', 'Phòng Thời sự', 'Phòng Kỹ thuật – Công nghệ'],
  ['Công ty Điện lực tỉnh', 'DN', 'Phòng Kinh doanh', 'Điện lực thành phố'],
  ['Công ty Cổ phần Cấp nước tỉnh', 'DN', 'Xí nghiệp Sản xuất nước', 'Phòng Kỹ thuật'],
  ['Kho bạc Nhà nước tỉnh', 'QLNN', 'Văn phòng', 'Phòng Kế toán nhà nước'],
];

const CELLS: [string, ClusterCode][] = [
  ['Ban Tuyên giáo Tỉnh ủy', 'DDT'],
  ['Ban Tổ chức Tỉnh ủy', 'DDT'],
  ['Ủy ban Kiểm tra Tỉnh ủy', 'DDT'],
  ['Ban Dân vận Tỉnh ủy', 'DDT'],
  ['Ban Nội chính Tỉnh ủy', 'DDT'],
  ['Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 'DDT'],
  ['Tỉnh đoàn', 'DDT'],
  ['Hội Liên hiệp Phụ nữ tỉnh', 'DDT'],
  ['Hội Nông dân tỉnh', 'DDT'],
  ['Hội Cựu chiến binh tỉnh', 'DDT'],
  ['Liên đoàn Lao động tỉnh', 'DDT'],
  ['Báo tỉnh', 'DDT'],
  ['Trường Chính trị tỉnh', 'DDT'],
  ['Hội Chữ thập đỏ tỉnh', 'DDT'],
  ['Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh', 'DDT'],
  ['Hội Văn học Nghệ thuật tỉnh', 'DDT'],
  ['Văn phòng Đoàn Đại biểu Quốc hội và Hội đồng nhân dân tỉnh', 'QLNN'],
  ['Văn phòng Ủy ban nhân dân tỉnh', 'QLNN'],
  ['Sở Tư pháp', 'QLNN'],
  ['Sở Nội vụ', 'QLNN'],
  ['Sở Công Thương', 'QLNN'],
  ['Sở Xây dựng', 'QLNN'],
  ['Sở Giao thông vận tải', 'QLNN'],
  ['Sở Nông nghiệp và Phát triển nông thôn', 'QLNN'],
  ['Sở Tài nguyên và Môi trường', 'QLNN'],
  ['Sở Kế hoạch và Đầu tư', 'QLNN'],
  ['Sở Khoa học và Công nghệ', 'QLNN'],
  ['Sở Văn hóa, Thể thao và Du lịch', 'QLNN'],
  ['Sở Thông tin và Truyền thông', 'QLNN'],
  ['Sở Lao động – Thương binh và Xã hội', 'QLNN'],
  ['Sở Ngoại vụ', 'QLNN'],
  ['Thanh tra tỉnh', 'QLNN'],
  ['Ban Dân tộc tỉnh', 'QLNN'],
  ['Ban Quản lý các khu công nghiệp', 'QLNN'],
  ['Cục Thuế tỉnh', 'QLNN'],
  ['Cục Hải quan tỉnh', 'QLNN'],
  ['Cục Thống kê tỉnh', 'QLNN'],
  ['Bảo hiểm xã hội tỉnh', 'QLNN'],
  ['Ngân hàng Nhà nước chi nhánh tỉnh', 'QLNN'],
  ['Trung tâm Phục vụ hành chính công tỉnh', 'QLNN'],
  ['Bệnh viện Y học cổ truyền tỉnh', 'SN'],
  ['Bệnh viện Sản – Nhi tỉnh', 'SN'],
  ['Bệnh viện Lao và Bệnh phổi tỉnh', 'SN'],
  ['Trung tâm Kiểm soát bệnh tật tỉnh', 'SN'],
  ['Trường Cao đẳng Kỹ thuật – Công nghệ', 'SN'],
  ['Trường Trung học phổ thông chuyên', 'SN'],
  ['Bảo tàng tỉnh', 'SN'],
  ['Thư viện tỉnh', 'SN'],
  ['Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch', 'SN'],
  ['Ban Quản lý dự án đầu tư xây dựng công trình dân dụng', 'SN'],
  ['Ban Quản lý dự án đầu tư xây dựng công trình giao thông', 'SN'],
  ['Quỹ Đầu tư phát triển tỉnh', 'SN'],
  ['Trung tâm Công nghệ thông tin và Truyền thông', 'SN'],
  ['Liên minh Hợp tác xã tỉnh', 'SN'],
  ['Trung tâm Dịch vụ việc làm', 'SN'],
  ['Viễn thông tỉnh (VNPT)', 'DN'],
  ['Bưu điện tỉnh', 'DN'],
  ['Công ty TNHH MTV Xổ số kiến thiết', 'DN'],
  ['Công ty TNHH MTV Khai thác công trình thủy lợi', 'DN'],
  ['Công ty Cổ phần Môi trường đô thị', 'DN'],
  ['Công ty Cổ phần Dược – Vật tư y tế', 'DN'],
  ['Công ty Cổ phần Xây dựng giao thông', 'DN'],
  ['Công ty Cổ phần Cảng', 'DN'],
  ['Công ty Cổ phần Sách và Thiết bị trường học', 'DN'],
  ['Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh tỉnh', 'DN'],
  ['Ngân hàng TMCP Ngoại thương chi nhánh tỉnh', 'DN'],
  ['Ngân hàng TMCP Đầu tư và Phát triển chi nhánh tỉnh', 'DN'],
  ['Ngân hàng TMCP Công thương chi nhánh tỉnh', 'DN'],
  ['Công ty TNHH May xuất khẩu', 'DN'],
  ['Công ty Cổ phần Chế biến nông sản', 'DN'],
];

interface BranchSpec {
  code: string;
  name: string;
  shortName: string | null;
  kind: 'committee' | 'cell' | 'subcell';
  cluster: ClusterCode;
  parent?: string;
}

function branchSpecs(): BranchSpec[] {
  const out: BranchSpec[] = [];
  COMMITTEES.forEach(([unit, cluster, a, b], i) => {
    const code = `DB${String(i + 1).padStart(2, '0')}`;
    out.push({ code, name: `Đảng bộ ${unit}`, shortName: unit, kind: 'committee', cluster });
    [a, b].forEach((sub, j) =>
      out.push({ code: `${code}-${String(j + 1).padStart(2, '0')}`, name: `Chi bộ ${sub}`, shortName: null, kind: 'subcell', cluster, parent: code }),
    );
  });
  CELLS.forEach(([unit, cluster], i) =>
    out.push({ code: `CB${String(COMMITTEES.length + i + 1).padStart(2, '0')}`, name: `Chi bộ ${unit}`, shortName: unit, kind: 'cell', cluster }),
  );
  return out;
}

// ---------------------------------------------------------------------------------------------
// Words for meetings and notices

const THEMES = [
  'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về tinh thần đoàn kết',
  'Nâng cao chất lượng sinh hoạt chi bộ',
  'Phát huy vai trò nêu gương của cán bộ, đảng viên',
  'Đẩy mạnh cải cách hành chính, chuyển đổi số trong cơ quan',
  'Phòng, chống suy thoái về tư tưởng chính trị, đạo đức, lối sống',
  'Thực hành tiết kiệm, chống lãng phí',
  'Bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác quan điểm sai trái',
  'Xây dựng văn hóa công sở, tác phong làm việc chuyên nghiệp',
  'Công tác phát triển đảng viên trong đoàn viên thanh niên',
  'Phòng, chống tham nhũng, tiêu cực',
];

const NOTICE_TOPICS: ((y: number, q: number) => string)[] = [
  (y, q) => `tổ chức sinh hoạt chuyên đề quý ${roman(q)}/${y}`,
  () => 'học tập, quán triệt Nghị quyết Đại hội đại biểu Đảng bộ Khối',
  (y) => `kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên năm ${y}`,
  (y, q) => `thu, nộp đảng phí quý ${roman(q)}/${y}`,
  (y) => `sơ kết công tác xây dựng Đảng 6 tháng đầu năm ${y}`,
  (y) => `tổng kết công tác xây dựng Đảng năm ${y} và phương hướng nhiệm vụ năm ${y + 1}`,
  (y, q) => `xét kết nạp đảng viên mới đợt ${q}/${y}`,
  () => 'chuyển sinh hoạt đảng chính thức, tạm thời',
  (y) => `phát thẻ đảng viên đợt 3/2 năm ${y}`,
  () => 'đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
  (y) => `kỷ niệm ${y - 1930} năm Ngày thành lập Đảng Cộng sản Việt Nam (3/2/1930 – 3/2/${y})`,
  () => 'bồi dưỡng lý luận chính trị cho đảng viên mới',
  () => 'lấy ý kiến góp ý dự thảo văn kiện Đại hội',
  (y, q) => `báo cáo số liệu chỉ tiêu nghị quyết quý ${roman(q)}/${y}`,
  () => 'tham gia Cuộc thi tìm hiểu lịch sử Đảng bộ tỉnh',
  () => 'tăng cường công tác phòng, chống tham nhũng, tiêu cực',
  (y) => `hội nghị giao ban khối thi đua năm ${y}`,
  () => 'bảo đảm an toàn, an ninh mạng và bảo vệ bí mật nhà nước',
  () => 'rà soát, bổ sung quy hoạch cấp ủy nhiệm kỳ tới',
  (y) => `đăng ký thi đua, khen thưởng năm ${y}`,
];

const NOTICE_KINDS = ['Thông báo', 'Kế hoạch', 'Hướng dẫn', 'Công văn', 'Giấy mời', 'Thông báo kết luận'];

function roman(q: number): string {
  return ['I', 'II', 'III', 'IV'][q - 1]!;
}

// ---------------------------------------------------------------------------------------------

interface MemberRecord {
  id: number;
  branchId: number;
  telegramUserId: number | null;
  active: boolean;
}

/** Builds the scale database at `path` (which must not exist). */
export function generateScale(path: string, options: { seed?: number; log?: (line: string) => void } = {}): ScaleMeta {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const seed = options.seed ?? SCALE_SEED;
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const now = new Date(SCALE_NOW);
  const clock = new ManualClock(now);
  const tz = SCALE_TIME_ZONE;
  const db = openDatabase(path);
  const sqlite = db.$client;
  const services = createServices(db, clock, { timeZone: tz });
  const counts: Record<string, number> = {};

  const build = sqlite.transaction(() => {
    // ---- the organisations, through the services
    services.bloc.setName('Đảng bộ Khối các cơ quan tỉnh', 'Đảng bộ Khối', SYSTEM);
    const clusterIds = new Map(CLUSTERS.map((c) => [c.code, services.branches.upsertCluster({ ...c }, SYSTEM).id]));
    const branchIds = new Map<string, number>();
    const specs = branchSpecs();
    for (const spec of specs) {
      const { branch } = services.branches.upsert(
        {
          code: spec.code,
          name: spec.name,
          shortName: spec.shortName,
          kind: spec.kind,
          clusterId: clusterIds.get(spec.cluster)!,
          parentId: spec.parent ? branchIds.get(spec.parent)! : null,
        },
        SYSTEM,
      );
      branchIds.set(spec.code, branch.id);
    }
    const branches = specs.map((s) => ({ ...s, id: branchIds.get(s.code)!, parentId: s.parent ? branchIds.get(s.parent)! : null }));
    counts.branches = branches.length;
    log(`  ${branches.length} branches in ${CLUSTERS.length} clusters`);

    // ---- members: committees list their standing committee, sub-cells and cells the rest
    const weights = branches.map((b) => (b.kind === 'committee' ? 0 : b.kind === 'subcell' ? 90 + random() * 180 : 20 + random() * random() * 180));
    const fixed = branches.filter((b) => b.kind === 'committee').length * 5;
    const scale = (MEMBERS - fixed) / weights.reduce((a, b) => a + b, 0);
    const sizes = branches.map((b, i) => (b.kind === 'committee' ? 5 : Math.max(8, Math.round(weights[i]! * scale))));
    sizes[sizes.length - 1]! += MEMBERS - sizes.reduce((a, b) => a + b, 0);

    const insertMember = sqlite.prepare(
      `insert into members (code, full_name, branch_id, status, telegram_user_id, linked_at, command_menu, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertRole = sqlite.prepare('insert into member_roles (member_id, role) values (?, ?)');
    const created = Date.UTC(FIRST_YEAR - 1, 11, 1);
    const members: MemberRecord[] = [];
    const byBranch = new Map<number, MemberRecord[]>();
    const secretaryOf = new Map<number, number>();
    let number = 0;
    branches.forEach((b, i) => {
      const list: MemberRecord[] = [];
      for (let k = 0; k < sizes[i]!; k++) {
        number++;
        const leader = k < 2;
        const active = leader || random() > 0.01;
        const linked = active && (leader || random() < 0.88);
        const telegramUserId = linked ? FIRST_TELEGRAM_ID + number : null;
        const linkedAt = linked ? created + Math.floor(random() * (now.getTime() - created - 30 * DAY_MS)) : null;
        const menu = linked && leader ? menuFingerprint('secretary', null) : null;
        const id = Number(
          insertMember.run(`DV${String(number).padStart(5, '0')}`, fullName(random), b.id, active ? 'active' : 'left', telegramUserId, linkedAt, menu, created, created)
            .lastInsertRowid,
        );
        for (const role of k === 0 ? ['secretary', 'member'] : k === 1 ? ['deputy', 'member'] : ['member']) insertRole.run(id, role);
        if (k === 0) secretaryOf.set(b.id, id);
        const m = { id, branchId: b.id, telegramUserId, active };
        list.push(m);
        members.push(m);
      }
      byBranch.set(b.id, list);
    });
    const office: number[] = [];
    for (let k = 0; k < 5; k++) {
      const id = Number(
        insertMember.run(null, fullName(random), null, 'active', OFFICE_TELEGRAM_ID + k, created, menuFingerprint('office', null), created, created).lastInsertRowid,
      );
      insertRole.run(id, 'office');
      if (k === 0) insertRole.run(id, 'admin');
      office.push(id);
    }
    counts.members = members.length;
    counts.linked = members.filter((m) => m.telegramUserId !== null).length;
    counts.office = office.length;
    log(`  ${members.length} members (${counts.linked} linked) and ${office.length} office accounts`);

    // ---- meetings: series (materialised as the service does) and single meetings
    const insertSeries = sqlite.prepare(
      `insert into meeting_series (branch_id, kind, title, combined_thematic, rule, hour, minute, duration_minutes, location, agenda, start_date, active, created_by_member_id, created_at, updated_at)
       values (?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
    );
    const insertMeeting = sqlite.prepare(
      `insert into meetings (series_id, occurrence_date, detached, branch_id, kind, title, combined_thematic, starts_at, duration_minutes, location, agenda, documents, status, time_set_at, created_by_member_id, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const horizon = new Date(now.getTime() + MATERIALISE_DAYS * DAY_MS);
    // Nothing in the 36 hours after now: a bot started at SCALE_NOW has no reminder due.
    const quietUntil = now.getTime() + 36 * 3_600_000;
    const documents = (at: number) =>
      at > now.getTime() && random() < 0.3 ? JSON.stringify([{ fileId: `BQACAgUAAxkBAAI${between(10000, 99999)}`, name: 'Du-thao-nghi-quyet.pdf', kind: 'document' }]) : '[]';
    let meetingCount = 0;
    const addMeeting = (m: {
      seriesId: number | null;
      occurrenceDate: string | null;
      branchId: number | null;
      kind: MeetingKind;
      title: string;
      at: Date;
      duration: number;
      location: string;
      agenda: string;
      by: number;
      createdAt: number;
    }) => {
      const at = m.at.getTime();
      if (at > now.getTime() && at < quietUntil) throw new Error(`a meeting at ${m.at.toISOString()} would be reminded of during the bench`);
      // An occurrence cancelled on its own keeps its date, so the series does not bring it back.
      const cancelled = random() < 0.01;
      insertMeeting.run(
        m.seriesId,
        m.occurrenceDate,
        cancelled ? 1 : 0,
        m.branchId,
        m.kind,
        m.title,
        at,
        m.duration,
        m.location,
        m.agenda,
        documents(at),
        cancelled ? 'cancelled' : 'scheduled',
        m.createdAt,
        m.by,
        m.createdAt,
        m.createdAt,
      );
      meetingCount++;
    };
    const addSeries = (s: {
      branchId: number | null;
      kind: MeetingKind;
      title: string;
      rule: RecurrenceRule;
      hour: number;
      minute: number;
      location: string;
      agenda: string;
      by: number;
    }) => {
      const startDate = `${FIRST_YEAR}-01-01`;
      const seriesCreated = Date.UTC(FIRST_YEAR - 1, 11, 15);
      const seriesId = Number(
        insertSeries.run(s.branchId, s.kind, s.title, JSON.stringify(s.rule), s.hour, s.minute, 90, s.location, s.agenda, startDate, s.by, seriesCreated, seriesCreated)
          .lastInsertRowid,
      );
      const timing = { rule: s.rule, hour: s.hour, minute: s.minute, startDate, timeZone: tz };
      for (const o of occurrencesBetween(timing, new Date(seriesCreated), horizon)) {
        // Materialised MATERIALISE_DAYS ahead of its time, as the scheduler does.
        const createdAt = Math.max(seriesCreated, o.at.getTime() - MATERIALISE_DAYS * DAY_MS);
        addMeeting({ ...s, seriesId, occurrenceDate: o.date, at: o.at, duration: 90, createdAt });
      }
    };
    // Days and weekdays that never fall on 23–25 November 2026 (see quietUntil).
    const monthlyRule = (): RecurrenceRule =>
      random() < 0.6
        ? { freq: 'monthly', day: pick([1, 3, 5, 6, 8, 10, 12, 15, 16, 18, 20, 27, 28]) }
        : { freq: 'monthly', weekday: pick([1, 2, 3, 4, 5] as const), nth: pick([1, 2, 3] as const) };
    for (const b of branches) {
      const unit = b.shortName ?? b.name.replace(/^Chi bộ /, '');
      addSeries({
        branchId: b.id,
        kind: b.kind === 'committee' ? 'committee' : 'regular',
        title: b.kind === 'committee' ? 'Hội nghị Ban Chấp hành Đảng bộ thường kỳ' : 'Sinh hoạt chi bộ thường kỳ',
        rule: monthlyRule(),
        hour: pick([8, 14, 14, 15]),
        minute: pick([0, 0, 30]),
        location: `Phòng họp ${unit}`,
        agenda: 'Đánh giá kết quả thực hiện nhiệm vụ chính trị và công tác xây dựng Đảng trong tháng; triển khai nhiệm vụ tháng tới; kết nạp, chuyển sinh hoạt đảng viên (nếu có).',
        by: secretaryOf.get(b.id)!,
      });
      if (b.kind === 'committee') continue;
      // A thematic meeting each quarter, in its last month, each with its own theme.
      for (let year = FIRST_YEAR; year <= 2026; year++) {
        for (let q = 1; q <= 4; q++) {
          const at = zonedWallTimeToUtc({ year, month: q * 3, day: between(8, 18) }, pick([8, 14]), 0, tz);
          if (at.getTime() > horizon.getTime()) continue;
          const theme = pick(THEMES);
          addMeeting({
            seriesId: null,
            occurrenceDate: null,
            branchId: b.id,
            kind: 'thematic',
            title: `Sinh hoạt chuyên đề quý ${roman(q)}/${year}: ${theme}`,
            at,
            duration: 90,
            location: `Hội trường ${unit}`,
            agenda: `Báo cáo chuyên đề "${theme}"; thảo luận, liên hệ thực tiễn tại ${unit}; đăng ký thực hiện.`,
            by: secretaryOf.get(b.id)!,
            createdAt: at.getTime() - between(7, 20) * DAY_MS,
          });
        }
      }
    }
    addSeries({
      branchId: null,
      kind: 'briefing',
      title: 'Hội nghị giao ban Đảng ủy Khối',
      rule: { freq: 'monthly', weekday: 4, nth: 1 },
      hour: 8,
      minute: 0,
      location: 'Hội trường Đảng ủy Khối',
      agenda: 'Giao ban công tác tháng giữa Thường trực Đảng ủy Khối và bí thư các tổ chức cơ sở đảng.',
      by: office[0]!,
    });
    for (let year = FIRST_YEAR; year <= 2026; year++) {
      for (let q = 1; q <= 4; q++) {
        const at = zonedWallTimeToUtc({ year, month: q * 3 - 1, day: between(10, 20) }, 8, 0, tz);
        if (at.getTime() > now.getTime()) continue;
        addMeeting({
          seriesId: null,
          occurrenceDate: null,
          branchId: null,
          kind: 'committee',
          title: `Hội nghị Ban Chấp hành Đảng bộ Khối quý ${roman(q)}/${year}`,
          at,
          duration: 240,
          location: 'Hội trường Đảng ủy Khối',
          agenda: `Đánh giá kết quả thực hiện nghị quyết quý ${roman(q)}/${year}; cho ý kiến các nội dung trình Ban Chấp hành.`,
          by: office[0]!,
          createdAt: at.getTime() - 14 * DAY_MS,
        });
      }
    }
    counts.meetings = meetingCount;
    log(`  ${meetingCount} meetings`);

    // ---- indicators: the demo's two terms, with reports from every reporting organisation
    const indicators = buildDemoIndicators(services, SYSTEM, clock, { seed, timeZone: tz });
    counts.indicators = indicators.indicatorsPerTerm * indicators.resolutions.length;
    counts.indicatorReports = indicators.reports;
    log(`  ${counts.indicators} indicators in 2 terms, ${indicators.reports} quarterly reports`);

    // ---- notices: inserted as drafts, then 'sent' in one update so the search trigger indexes them
    const insertNotice = sqlite.prepare(
      `insert into notices (author_member_id, audience, kind, body, title, require_ack, status, released_at, completed_at, created_at, updated_at)
       values (?, ?, 'text', ?, ?, ?, 'draft', ?, ?, ?, ?)`,
    );
    const insertRecipient = sqlite.prepare(
      'insert into notice_recipients (notice_id, member_id, branch_id, acknowledged_at, nudge_stage) values (?, ?, ?, ?, ?)',
    );
    const subtree = (id: number) => [id, ...branches.filter((b) => b.parentId === id).map((b) => b.id)];
    const activeIn = (ids: number[]) => ids.flatMap((id) => byBranch.get(id)!.filter((m) => m.active));
    const start = Date.UTC(FIRST_YEAR, 0, 2);
    const end = now.getTime() - 3 * DAY_MS;
    const releases = Array.from({ length: NOTICES }, () => start + Math.floor(random() * (end - start))).sort((a, b) => a - b);
    let recipients = 0;
    for (const releasedAt of releases) {
      const p = localParts(new Date(releasedAt), tz);
      const year = p.year;
      const q = Math.floor((p.month - 1) / 3) + 1;
      const topic = pick(NOTICE_TOPICS)(year, q);
      const kindWord = pick(NOTICE_KINDS);
      const r = random();
      let author: number;
      let audience: unknown;
      let people: MemberRecord[];
      let to: string;
      if (r < 0.74) {
        const b = pick(branches);
        const withCells = b.kind === 'committee';
        author = secretaryOf.get(b.id)!;
        audience = { scope: { type: 'branches', branchIds: [b.id], includeSubcells: withCells }, people: 'all', channel: pick(['private', 'both']) };
        people = activeIn(withCells ? subtree(b.id) : [b.id]);
        to = 'các đồng chí đảng viên trong chi bộ';
      } else if (r < 0.98) {
        author = pick(office);
        audience = { scope: { type: 'bloc' }, people: 'secretaries', channel: 'private' };
        people = branches.map((b) => byBranch.get(b.id)![0]!).filter((m) => m.active);
        to = 'bí thư các tổ chức cơ sở đảng, chi bộ trực thuộc';
      } else if (r < 0.997) {
        const cluster = pick(CLUSTERS);
        author = pick(office);
        audience = { scope: { type: 'cluster', clusterId: clusterIds.get(cluster.code)! }, people: 'all', channel: 'groups' };
        people = activeIn(branches.filter((b) => b.cluster === cluster.code).map((b) => b.id));
        to = `các chi bộ, đảng bộ cơ sở thuộc ${cluster.name}`;
      } else {
        author = pick(office);
        audience = { scope: { type: 'bloc' }, people: 'all', channel: 'groups' };
        people = members.filter((m) => m.active);
        to = 'toàn thể cán bộ, đảng viên trong Đảng bộ Khối';
      }
      const title = `${kindWord} về việc ${topic}`;
      const due = new Date(releasedAt + between(5, 20) * DAY_MS);
      const dueText = `${due.getUTCDate()}/${due.getUTCMonth() + 1}/${due.getUTCFullYear()}`;
      const body = [
        `<b>${title}</b>`,
        '',
        `Thực hiện chương trình công tác năm ${year}, đề nghị ${to} tổ chức ${topic}, báo cáo kết quả trước ngày ${dueText}.`,
        pick([
          'Đề nghị các đồng chí nghiêm túc quán triệt, triển khai thực hiện.',
          'Các chi bộ tổ chức sinh hoạt, thảo luận và gửi ý kiến về Văn phòng Đảng ủy Khối.',
          'Tài liệu học tập, quán triệt nghị quyết đã gửi kèm qua hệ thống điều hành.',
          'Thời gian, địa điểm cụ thể do bí thư chi bộ thông báo.',
        ]),
        `Mọi vướng mắc liên hệ Văn phòng Đảng ủy Khối (đồng chí ${fullName(random)}, điện thoại 0${between(200, 299)} ${between(3_000_000, 3_999_999)}).`,
      ].join('\n');
      const requireAck = random() < 0.6;
      const id = Number(
        insertNotice.run(author, JSON.stringify(audience), body, title.length > 60 ? `${title.slice(0, 57)}…` : title, requireAck ? 1 : 0, releasedAt, releasedAt + between(2, 30) * 60_000, releasedAt - between(5, 60) * 60_000, releasedAt)
          .lastInsertRowid,
      );
      const ackRate = 0.75 + random() * 0.23;
      for (const m of people) {
        // Acknowledged within two days, or nudged twice (the secretary got the list).
        const acked = requireAck && random() < ackRate;
        insertRecipient.run(id, m.id, m.branchId, acked ? releasedAt + Math.floor(random() * 2 * DAY_MS) : null, requireAck && !acked ? 2 : 0);
      }
      recipients += people.length;
    }
    sqlite.prepare(`update notices set status = 'sent', updated_at = completed_at where status = 'draft'`).run();
    counts.notices = releases.length;
    counts.noticeRecipients = recipients;
    log(`  ${releases.length} notices with ${recipients} recipients rows`);
    counts.searchIndex = (sqlite.prepare('select count(*) as n from search_index').get() as { n: number }).n;
  });

  build.immediate();
  const meta: ScaleMeta = { version: SCALE_VERSION, now: SCALE_NOW, seed, counts, seconds: (Date.now() - started) / 1000 };
  sqlite
    .prepare('insert into kv (key, value, updated_at) values (?, ?, ?) on conflict(key) do update set value = excluded.value')
    .run(SCALE_META_KEY, JSON.stringify(meta), now.getTime());
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  closeDatabase(db);
  return meta;
}

/** What generateScale stored in the file, or null (no file, or not a scale database). */
export function readScaleMeta(path: string): ScaleMeta | null {
  if (!existsSync(path)) return null;
  const db: Db = openDatabase(path, { migrate: false });
  try {
    const row = db.$client.prepare('select value from kv where key = ?').get(SCALE_META_KEY) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as ScaleMeta) : null;
  } catch {
    return null;
  } finally {
    closeDatabase(db);
  }
}

export function removeDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
}

function main(): void {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, force: { type: 'boolean', default: false }, seed: { type: 'string' } },
  });
  if (!values.out) throw new Error('Usage: npm run generate:scale -- --out path.sqlite [--force] [--seed N]');
  const out = resolve(values.out);
  if (existsSync(out)) {
    if (!values.force) throw new Error(`${out} exists; pass --force to replace it`);
    removeDatabase(out);
  }
  const seed = values.seed === undefined ? SCALE_SEED : Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error('--seed must be a whole number');
  console.log(`Generating the scale bloc in ${out} (now = ${SCALE_NOW})…`);
  const meta = generateScale(out, { seed, log: (line) => console.log(line) });
  console.log(`Done in ${meta.seconds.toFixed(1)} s: ${JSON.stringify(meta.counts)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
