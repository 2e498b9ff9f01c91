/**
 * A bloc as the dashboard API would describe it (90 organisations in four clusters, 11 indicators
 * of the 2025–2030 resolution, a year of meetings, notices), typed with the contract so the fixture
 * cannot drift from it. Deterministic: the same numbers on every run, so tests can look for them.
 */
import type {
  CoverageResponse,
  IndicatorCard,
  IndicatorDetail,
  IndicatorRow,
  IndicatorsResponse,
  MeetingMark,
  MeetingsResponse,
  MeResponse,
  NoticeDetail,
  NoticeOrganisationDetail,
  NoticeSummary,
  OrganisationHistory,
  OrganisationRef,
  ReportsResponse,
  ResolutionRef,
  SeriesPoint,
} from '../../src/web/contract.js';

function random(seed: number): () => number {
  let state = seed >>> 0;
  // The first outputs of nearby seeds are alike: skip them, or every organisation looks the same.
  for (let i = 0; i < 8; i++) state = (state * 1664525 + 1013904223) >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export const CLUSTERS = [
  { id: 1, name: 'Khối các cơ quan Đảng, đoàn thể' },
  { id: 2, name: 'Khối quản lý nhà nước' },
  { id: 3, name: 'Khối đơn vị sự nghiệp' },
  { id: 4, name: 'Khối doanh nghiệp' },
];

const UNITS: [number, string][] = [
  [1, 'Ban Tuyên giáo và Dân vận Tỉnh ủy'],
  [1, 'Ban Tổ chức Tỉnh ủy'],
  [1, 'Ủy ban Kiểm tra Tỉnh ủy'],
  [1, 'Văn phòng Tỉnh ủy'],
  [1, 'Ủy ban Mặt trận Tổ quốc tỉnh'],
  [1, 'Tỉnh đoàn'],
  [1, 'Hội Liên hiệp Phụ nữ tỉnh'],
  [1, 'Hội Nông dân tỉnh'],
  [1, 'Hội Cựu chiến binh tỉnh'],
  [1, 'Liên đoàn Lao động tỉnh'],
  [1, 'Báo Đảng bộ tỉnh'],
  [1, 'Trường Chính trị tỉnh'],
  [2, 'Sở Tài chính'],
  [2, 'Sở Y tế'],
  [2, 'Sở Giáo dục và Đào tạo'],
  [2, 'Sở Nông nghiệp và Môi trường'],
  [2, 'Sở Xây dựng'],
  [2, 'Sở Công Thương'],
  [2, 'Sở Nội vụ'],
  [2, 'Sở Tư pháp'],
  [2, 'Sở Văn hóa, Thể thao và Du lịch'],
  [2, 'Sở Khoa học và Công nghệ'],
  [2, 'Sở Dân tộc và Tôn giáo'],
  [2, 'Thanh tra tỉnh'],
  [2, 'Văn phòng Đoàn ĐBQH và HĐND tỉnh'],
  [2, 'Văn phòng UBND tỉnh'],
  [2, 'Kho bạc Nhà nước khu vực'],
  [2, 'Thuế tỉnh'],
  [2, 'Hải quan khu vực'],
  [2, 'Ngân hàng Nhà nước chi nhánh khu vực'],
  [2, 'Bảo hiểm xã hội tỉnh'],
  [2, 'Cục Thống kê tỉnh'],
  [2, 'Ban Quản lý các khu công nghiệp'],
  [2, 'Ban Quản lý dự án đầu tư xây dựng'],
  [3, 'Bệnh viện Đa khoa tỉnh'],
  [3, 'Bệnh viện Sản - Nhi'],
  [3, 'Bệnh viện Y học cổ truyền'],
  [3, 'Bệnh viện Phổi'],
  [3, 'Trung tâm Kiểm soát bệnh tật'],
  [3, 'Trường Đại học Sư phạm'],
  [3, 'Trường Cao đẳng Y tế'],
  [3, 'Trường Cao đẳng Kỹ thuật'],
  [3, 'Trường THPT Chuyên'],
  [3, 'Đài Phát thanh và Truyền hình tỉnh'],
  [3, 'Trung tâm Lưu trữ lịch sử'],
  [3, 'Thư viện tỉnh'],
  [3, 'Bảo tàng tỉnh'],
  [3, 'Trung tâm Dịch vụ việc làm'],
  [3, 'Trung tâm Công nghệ thông tin'],
  [3, 'Viện Quy hoạch xây dựng'],
  [3, 'Trung tâm Khuyến nông'],
  [3, 'Trung tâm Xúc tiến đầu tư'],
  [4, 'Công ty Điện lực'],
  [4, 'Công ty Cấp nước'],
  [4, 'Công ty Xổ số kiến thiết'],
  [4, 'Công ty Cổ phần Môi trường đô thị'],
  [4, 'Công ty TNHH A&B'],
  [4, 'Công ty TNHH MTV Lâm nghiệp'],
  [4, 'Công ty Cổ phần Dược phẩm'],
  [4, 'Công ty Cổ phần Xây lắp'],
  [4, 'Công ty Cổ phần Vận tải'],
  [4, 'Công ty Cổ phần Du lịch'],
  [4, 'Công ty Cổ phần Thủy lợi'],
  [4, 'Công ty Cổ phần Sách và Thiết bị trường học'],
  [4, 'Công ty Cổ phần In'],
  [4, 'Công ty Cổ phần Khoáng sản'],
  [4, 'Công ty Cổ phần Cao su'],
  [4, 'Công ty Cổ phần Chè'],
  [4, 'Ngân hàng Nông nghiệp chi nhánh tỉnh'],
  [4, 'Ngân hàng Công thương chi nhánh tỉnh'],
  [4, 'Ngân hàng Đầu tư và Phát triển chi nhánh tỉnh'],
  [4, 'Ngân hàng Ngoại thương chi nhánh tỉnh'],
  [4, 'Viễn thông tỉnh'],
  [4, 'Bưu điện tỉnh'],
  [4, 'Viettel tỉnh'],
  [4, 'Công ty Xăng dầu'],
  [4, 'Công ty Cổ phần Cảng'],
  [4, 'Công ty Cổ phần Bia'],
  [4, 'Công ty Cổ phần Đường'],
  [4, 'Công ty Cổ phần Giống cây trồng'],
  [4, 'Công ty Cổ phần Phân bón'],
  [4, 'Công ty Cổ phần Thức ăn chăn nuôi'],
  [4, 'Công ty Cổ phần Bê tông'],
  [4, 'Công ty Cổ phần Gạch ngói'],
  [4, 'Công ty Cổ phần Tư vấn thiết kế'],
  [4, 'Công ty Cổ phần Đầu tư phát triển nhà'],
  [4, 'Công ty Cổ phần Thương mại tổng hợp'],
  [4, 'Công ty Cổ phần Nước khoáng'],
  [4, 'Công ty Cổ phần Dệt may'],
  [4, 'Quỹ Đầu tư phát triển tỉnh'],
];

export const ORGANISATIONS: OrganisationRef[] = UNITS.map(([clusterId, unit], i) => {
  const committee = i % 3 === 0;
  return {
    id: 101 + i,
    code: `TC${String(i + 1).padStart(3, '0')}`,
    name: `${committee ? 'Đảng bộ' : 'Chi bộ'} ${unit}`,
    kind: committee ? 'committee' : 'cell',
    parentId: null,
    clusterId,
    clusterName: CLUSTERS.find((c) => c.id === clusterId)!.name,
  };
});

export const TODAY = '2026-12-06';
const ROMAN = ['I', 'II', 'III', 'IV'];
/** The term's quarters so far: IV/2025 … IV/2026, the last one still running. */
export const QUARTERS = ['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'].map((period) => {
  const [year, q] = period.split('-Q');
  return { period, label: `quý ${ROMAN[Number(q) - 1]}/${year}` };
});
const CURRENT = QUARTERS[QUARTERS.length - 1]!;

export const RESOLUTIONS: ResolutionRef[] = [
  { id: 2, code: 'NQ-DH-2025', name: 'Nghị quyết Đại hội Đảng bộ Khối lần thứ V', termLabel: 'nhiệm kỳ 2025–2030', current: true, closed: false },
  { id: 1, code: 'NQ-DH-2020', name: 'Nghị quyết Đại hội Đảng bộ Khối lần thứ IV', termLabel: 'nhiệm kỳ 2020–2025', current: false, closed: true },
];

const INDICATOR_DEFS: { code: string; title: string; shape: 'count' | 'percent'; target: number; upperBound?: boolean; unit: string }[] = [
  { code: 'CT01', title: 'Kết nạp đảng viên mới trong nhiệm kỳ', shape: 'count', target: 1200, unit: 'đảng viên' },
  { code: 'CT02', title: 'Tổ chức cơ sở đảng quán triệt nghị quyết', shape: 'percent', target: 100, unit: '%' },
  { code: 'CT03', title: 'Đảng viên tham gia học tập nghị quyết', shape: 'percent', target: 100, unit: '%' },
  { code: 'CT04', title: 'Quần chúng tham gia học tập nghị quyết', shape: 'percent', target: 80, unit: '%' },
  { code: 'CT05', title: 'Cán bộ lãnh đạo có trình độ lý luận chính trị trung cấp trở lên', shape: 'percent', target: 90, unit: '%' },
  { code: 'CT06', title: 'Đảng viên hoàn thành tốt nhiệm vụ trở lên', shape: 'percent', target: 90, unit: '%' },
  { code: 'CT07', title: 'Tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên', shape: 'percent', target: 95, unit: '%' },
  { code: 'CT08', title: 'Tổ chức cơ sở đảng không hoàn thành nhiệm vụ', shape: 'count', target: 0, upperBound: true, unit: 'tổ chức' },
  { code: 'CT09', title: 'Thành lập tổ chức đảng trong doanh nghiệp tư nhân', shape: 'count', target: 2, unit: 'tổ chức' },
  { code: 'CT10', title: 'Cơ quan, đơn vị đạt chuẩn văn hóa', shape: 'percent', target: 95, unit: '%' },
  { code: 'CT11', title: 'Công đoàn, đoàn thanh niên hoàn thành tốt nhiệm vụ trở lên', shape: 'percent', target: 90, unit: '%' },
];

const STATUS_LABELS: Record<IndicatorCard['status'], string> = {
  reached: 'Đã đạt',
  on_track: 'Đúng tiến độ',
  behind: 'Chậm tiến độ',
  pending: 'Chờ báo cáo',
  missed: 'Không đạt',
  no_data: 'Chưa có số liệu',
};

function visible(clusterId: number | null): OrganisationRef[] {
  return clusterId === null ? ORGANISATIONS : ORGANISATIONS.filter((o) => o.clusterId === clusterId);
}

function figure(shape: 'count' | 'percent', value: number | null): string {
  if (value === null) return '—';
  return shape === 'percent' ? `${value.toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%` : value.toLocaleString('vi-VN');
}

/** Per organisation and indicator, the quarterly figures so far (cumulative for counts); null where it never reported. */
function orgSeries(orgId: number, indicatorIndex: number): (number | null)[] {
  const rnd = random(orgId * 31 + indicatorIndex * 7);
  const def = INDICATOR_DEFS[indicatorIndex]!;
  if (rnd() < 0.06) return QUARTERS.map(() => null);
  let total = 0;
  return QUARTERS.map((_, q) => {
    if (q === QUARTERS.length - 1 && rnd() < 0.35) return null;
    if (def.shape === 'count') {
      total += def.upperBound ? (rnd() < 0.02 ? 1 : 0) : def.target === 2 ? (rnd() < 0.01 ? 1 : 0) : Math.floor(rnd() * 6);
      return total;
    }
    return Math.round((def.target - 12 + rnd() * 16) * 10) / 10;
  });
}

function aggregate(orgs: OrganisationRef[], indicatorIndex: number, q: number): number | null {
  const def = INDICATOR_DEFS[indicatorIndex]!;
  const values = orgs.map((o) => orgSeries(o.id, indicatorIndex)[q]).filter((v): v is number => v !== null && v !== undefined);
  if (values.length === 0) return null;
  const sum = values.reduce((a, b) => a + b, 0);
  return def.shape === 'count' ? sum : Math.round((sum / values.length) * 10) / 10;
}

export function indicatorCards(clusterId: number | null, resolutionId: number): IndicatorCard[] {
  const orgs = visible(clusterId);
  return INDICATOR_DEFS.map((def, index) => {
    const last = QUARTERS.length - 1;
    const value = aggregate(orgs, index, last) ?? aggregate(orgs, index, last - 1);
    const reported = orgs.filter((o) => orgSeries(o.id, index)[last] !== null).length;
    const status: IndicatorCard['status'] =
      value === null ? 'no_data' : def.upperBound ? (value <= def.target ? 'reached' : 'missed') : value >= def.target ? 'reached' : def.shape === 'count' ? (value >= def.target * 0.2 ? 'on_track' : 'behind') : value >= def.target - 3 ? 'on_track' : 'behind';
    return {
      id: resolutionId * 100 + index + 1,
      code: def.code,
      title: def.title,
      unit: def.unit,
      shape: def.shape,
      upperBound: def.upperBound ?? false,
      target: def.target,
      targetLabel: def.upperBound ? `không quá ${figure(def.shape, def.target)}` : def.shape === 'percent' ? `${def.target}%` : `${def.target.toLocaleString('vi-VN')} ${def.unit}`,
      period: CURRENT.period,
      periodLabel: CURRENT.label,
      value,
      valueLabel: value === null ? '—' : def.shape === 'percent' ? figure('percent', value) : `${figure('count', value)} ${def.unit}`,
      status,
      statusLabel: STATUS_LABELS[status],
      reported,
      expected: orgs.length,
    };
  });
}

export function indicatorDetail(indicatorId: number, clusterId: number | null): IndicatorDetail | null {
  const resolution = RESOLUTIONS.find((r) => r.id === Math.floor(indicatorId / 100));
  const index = (indicatorId % 100) - 1;
  const def = INDICATOR_DEFS[index];
  if (!resolution || !def) return null;
  const orgs = visible(clusterId);
  const termQuarters = 20;
  const series: SeriesPoint[] = QUARTERS.map((q, i) => ({
    period: q.period,
    label: q.label,
    value: aggregate(orgs, index, i),
    reference: def.shape === 'count' ? Math.round((def.target * (i + 1)) / termQuarters) : def.target,
    partial: i === QUARTERS.length - 1,
  }));
  const rows: IndicatorRow[] = orgs.map((o) => {
    const values = orgSeries(o.id, index);
    const lastIndex = values.map((v) => v !== null).lastIndexOf(true);
    const value = lastIndex >= 0 ? values[lastIndex]! : null;
    const previous = lastIndex >= 1 ? values[lastIndex - 1] : null;
    return {
      orgId: o.id,
      orgName: o.name,
      clusterName: o.clusterName,
      value,
      valueLabel: figure(def.shape, value),
      lastReportAt: lastIndex >= 0 ? `2026-${String(1 + lastIndex * 3).padStart(2, '0')}-1${lastIndex}T03:00:00.000Z` : null,
      lastReportLabel: lastIndex >= 0 ? QUARTERS[lastIndex]!.label : null,
      trend: value === null || previous === null || previous === undefined ? null : value > previous ? 'up' : value < previous ? 'down' : 'flat',
    };
  });
  return { resolution, indicator: indicatorCards(clusterId, resolution.id)[index]!, series, rows };
}

export function organisationHistory(indicatorId: number, orgId: number): OrganisationHistory | null {
  const index = (indicatorId % 100) - 1;
  const def = INDICATOR_DEFS[index];
  const organisation = ORGANISATIONS.find((o) => o.id === orgId);
  if (!def || !organisation) return null;
  const values = orgSeries(orgId, index);
  return {
    organisation,
    indicator: { id: indicatorId, code: def.code, title: def.title, unit: def.unit, shape: def.shape },
    rows: QUARTERS.flatMap((q, i) => {
      const value = values[i];
      if (value === null || value === undefined) return [];
      return [{ period: q.period, periodLabel: q.label, valueLabel: figure(def.shape, value), numerator: value, denominator: def.shape === 'percent' ? 100 : null, note: i === 0 ? 'Số liệu đầu nhiệm kỳ' : null, reportedAt: `2026-0${i + 1}-10T03:00:00.000Z` }];
    }),
  };
}

export function reports(clusterId: number | null, canRemind: boolean): ReportsResponse {
  const due = INDICATOR_DEFS.map((def, i) => ({ id: 201 + i, code: def.code, title: def.title }));
  return {
    period: CURRENT.period,
    periodLabel: CURRENT.label,
    deadline: '2026-12-15',
    deadlineLabel: '15/12/2026',
    indicators: due,
    rows: visible(clusterId).map((o) => {
      const rnd = random(o.id * 13);
      const reported: Record<string, boolean | null> = {};
      for (const [i, indicator] of due.entries()) {
        // Enterprises do not report the trade-union indicator; a few organisations are late.
        reported[indicator.id] = i === 10 && o.clusterId === 4 ? null : o.id % 9 === 0 ? rnd() < 0.3 : rnd() < 0.93;
      }
      return { orgId: o.id, orgName: o.name, clusterName: o.clusterName, reported, missing: Object.values(reported).filter((v) => v === false).length, remindedAt: o.id === 108 ? '2026-12-05T02:00:00.000Z' : null };
    }),
    canRemind,
  };
}

const MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12'];

export function meetings(clusterId: number | null, me: MeResponse): MeetingsResponse {
  const base = {
    months: MONTHS.map((m) => ({ month: m, label: `${m.slice(5)}/${m.slice(0, 4)}` })),
    quarters: ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'].map((q) => ({ quarter: q, label: `${ROMAN[Number(q.slice(-1)) - 1]}/2026` })),
  };
  if (me.view === 'member') {
    return {
      ...base,
      rows: [],
      absentees: [],
      mine: [
        { id: 9001, title: 'Sinh hoạt chi bộ định kỳ tháng 12', startsAt: '2027-01-03T07:30:00.000Z', whenLabel: '14h30 03/01/2027', kindLabel: 'Sinh hoạt định kỳ', attended: null },
        { id: 9000, title: 'Sinh hoạt chuyên đề “Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh”', startsAt: '2026-11-20T01:00:00.000Z', whenLabel: '08h00 20/11/2026', kindLabel: 'Sinh hoạt chuyên đề', attended: true },
        { id: 8999, title: 'Sinh hoạt chi bộ định kỳ tháng 11', startsAt: '2026-11-03T07:30:00.000Z', whenLabel: '14h30 03/11/2026', kindLabel: 'Sinh hoạt định kỳ', attended: false },
      ],
    };
  }
  const orgs = visible(clusterId);
  return {
    ...base,
    rows: orgs.map((o) => {
      const rnd = random(o.id * 17);
      const months = MONTHS.map((_, i) => {
        const regular: MeetingMark = i === 11 ? 'planned' : rnd() < 0.9 ? 'held' : 'missed';
        return { regular, docsEarly: regular === 'held' ? rnd() < 0.7 : null, attendanceRate: regular === 'held' ? Math.round((0.8 + rnd() * 0.2) * 100) / 100 : null };
      });
      const held = months.filter((m) => m.attendanceRate !== null);
      return {
        orgId: o.id,
        orgName: o.name,
        clusterName: o.clusterName,
        months,
        quarters: [0, 1, 2, 3].map((q) => ({ thematic: (q === 3 ? (rnd() < 0.5 ? 'planned' : 'held') : rnd() < 0.85 ? 'held' : 'missed') as MeetingMark })),
        attendanceRate: held.length === 0 ? null : Math.round((held.reduce((s, m) => s + m.attendanceRate!, 0) / held.length) * 1000) / 1000,
      };
    }),
    absentees: [
      { memberId: 5001, name: 'Nguyễn Văn Đức', orgName: ORGANISATIONS[4]!.name, absences: 4 },
      { memberId: 5002, name: 'Trần Thị Hương', orgName: ORGANISATIONS[20]!.name, absences: 3 },
      { memberId: 5003, name: 'Lê Quang Vĩnh', orgName: ORGANISATIONS[57]!.name, absences: 5 },
    ].filter((a) => orgs.some((o) => o.name === a.orgName)),
    mine: [],
  };
}

function noticeCounts(id: number, orgs: OrganisationRef[]) {
  return orgs.map((o) => {
    const rnd = random(id * 101 + o.id);
    const recipients = 20 + Math.floor(rnd() * 60);
    const notLinked = Math.floor(rnd() * 4);
    const unreachable = Math.floor(rnd() * 2);
    const delivered = recipients - notLinked - unreachable;
    const acknowledged = Math.floor(delivered * (0.6 + rnd() * 0.4));
    return { orgId: o.id, orgName: o.name, clusterName: o.clusterName, recipients, delivered, unreachable, notLinked, acknowledged };
  });
}

const NOTICE_DEFS = [
  { id: 71, title: 'Kế hoạch tổ chức Hội nghị quán triệt Nghị quyết Đại hội XIV của Đảng', sentLabel: '14h30 02/12/2026', requireAck: true },
  { id: 70, title: 'Hướng dẫn kiểm điểm, đánh giá, xếp loại chất lượng năm 2026', sentLabel: '09h00 25/11/2026', requireAck: true },
  { id: 69, title: 'Thông báo lịch sinh hoạt chuyên đề quý IV/2026', sentLabel: '08h15 10/10/2026', requireAck: false },
];

export function notices(clusterId: number | null, me: MeResponse): NoticeSummary[] {
  const orgs = visible(clusterId);
  return NOTICE_DEFS.map((n) => {
    const rows = noticeCounts(n.id, orgs);
    const sum = (key: 'recipients' | 'delivered' | 'unreachable' | 'notLinked' | 'acknowledged') => rows.reduce((s, r) => s + r[key], 0);
    return {
      id: n.id,
      title: n.title,
      sentAt: '2026-12-02T07:30:00.000Z',
      sentLabel: n.sentLabel,
      authorLabel: 'Văn phòng Đảng ủy Khối',
      requireAck: n.requireAck,
      recipients: sum('recipients'),
      delivered: sum('delivered'),
      unreachable: sum('unreachable'),
      notLinked: sum('notLinked'),
      acknowledged: n.requireAck ? sum('acknowledged') : 0,
      ...(me.view === 'member' ? { acknowledgedByMe: n.requireAck ? n.id === 70 : null } : {}),
    };
  });
}

export function noticeDetail(noticeId: number, clusterId: number | null, me: MeResponse): NoticeDetail | null {
  const notice = notices(clusterId, me).find((n) => n.id === noticeId);
  if (!notice) return null;
  return {
    notice,
    organisations: noticeCounts(noticeId, visible(clusterId)).map((r) => (notice.requireAck ? r : { ...r, acknowledged: 0 })),
    reasons: [
      { reason: 'blocked', label: 'Đã chặn bot', count: Math.ceil(notice.unreachable * 0.7) },
      { reason: 'deactivated', label: 'Tài khoản Telegram đã xóa', count: notice.unreachable - Math.ceil(notice.unreachable * 0.7) },
    ].filter((r) => r.count > 0),
  };
}

const GIVEN = ['Văn', 'Thị', 'Quang', 'Minh', 'Thu', 'Đức', 'Ngọc', 'Hữu'];
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'];
const NAMES = ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hà', 'Hạnh', 'Khánh', 'Lan', 'Long', 'Mai', 'Nam', 'Phương', 'Quyên', 'Sơn', 'Thảo', 'Tuấn', 'Yến'];

export function noticeOrganisation(noticeId: number, orgId: number): NoticeOrganisationDetail | null {
  const notice = NOTICE_DEFS.find((n) => n.id === noticeId);
  const organisation = ORGANISATIONS.find((o) => o.id === orgId);
  if (!notice || !organisation) return null;
  const counts = noticeCounts(noticeId, [organisation])[0]!;
  const people: NoticeOrganisationDetail['people'] = [];
  for (let i = 0; i < counts.recipients; i++) {
    const name = `${FAMILY[i % FAMILY.length]} ${GIVEN[(i * 3) % GIVEN.length]} ${NAMES[(i * 5 + orgId) % NAMES.length]} ${i + 1}`;
    const delivery = i < counts.delivered ? 'delivered' : i < counts.delivered + counts.unreachable ? 'unreachable' : 'not_linked';
    const label = { delivered: 'Đã nhận', unreachable: 'Không gửi được (đã chặn bot)', not_linked: 'Chưa liên kết Telegram' }[delivery];
    people.push({ name, delivery, deliveryLabel: label, acknowledgedAt: notice.requireAck && i < counts.acknowledged ? '2026-12-03T02:00:00.000Z' : null });
  }
  return { notice: { id: notice.id, title: notice.title }, organisation, people };
}

export function coverage(clusterId: number | null): CoverageResponse {
  const rows = visible(clusterId).map((o) => {
    const rnd = random(o.id * 23);
    const members = 15 + Math.floor(rnd() * 140);
    return { orgId: o.id, orgName: o.name, clusterName: o.clusterName, members, linked: Math.floor(members * (0.35 + rnd() * 0.65)), groups: Math.floor(rnd() * 3) };
  });
  return { rows, totals: { members: rows.reduce((s, r) => s + r.members, 0), linked: rows.reduce((s, r) => s + r.linked, 0), groups: rows.reduce((s, r) => s + r.groups, 0) } };
}

/** What the API answers for an organisation with nothing yet. */
export function emptyAnswer(route: string): unknown {
  switch (route) {
    case 'GET indicators':
      return { resolutions: [], resolution: null, readOnly: false, indicators: [] } satisfies IndicatorsResponse;
    case 'GET reports':
      return { period: CURRENT.period, periodLabel: CURRENT.label, deadline: '2026-12-15', deadlineLabel: '15/12/2026', indicators: [], rows: [], canRemind: false } satisfies ReportsResponse;
    case 'GET meetings':
      return { months: [], quarters: [], rows: [], absentees: [], mine: [] } satisfies MeetingsResponse;
    case 'GET notices':
      return { notices: [] };
    case 'GET coverage':
      return { rows: [], totals: { members: 0, linked: 0, groups: 0 } } satisfies CoverageResponse;
    default:
      return { error: 'not_found' };
  }
}
