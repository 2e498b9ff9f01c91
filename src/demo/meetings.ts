/**
 * The demo bloc's meetings: a monthly series for every cell (begun three months ago, so meetings
 * were held and more are ahead), a thematic meeting per cell this quarter and last, a bloc
 * conference this week and a briefing conference within the fortnight. Held meetings have their
 * attendance, with absences (one member is absent without reason at every meeting), except the
 * latest of some cells, left for /diemdanh; the coming week's meetings have some answers.
 *
 * Everything is recorded as known (MeetingService.recordKnown): nobody is told, and the demo's
 * members have no Telegram accounts and its branches no groups, so reminders reach nobody but
 * the office (for the bloc's own meetings).
 */
import type { Clock } from '../clock.js';
import type { AttendanceStatus } from '../db/schema.js';
import { formatPeriod, periodOf } from '../domain/indicators.js';
import type { Actor } from '../services/actor.js';
import type { Branch } from '../services/branches.js';
import type { Services } from '../services/index.js';
import type { Meeting } from '../services/meetings.js';
import type { Member } from '../services/members.js';
import { mulberry32, pick } from './bloc.js';
import { briefingAhead, conferenceThisWeek, monthlySeries, quarterOf, thematicAt, todayIn } from './schedule.js';

export const DEMO_MEETING_SEED = 20251028;
const DAY_MS = 86_400_000;

const REGULAR_AGENDA = [
  '1. Thông tin thời sự, văn bản mới của cấp trên.',
  '2. Kiểm điểm kết quả thực hiện nhiệm vụ chính trị, công tác xây dựng Đảng trong tháng; phương hướng tháng tới.',
  '3. Công tác phát triển đảng viên, thu nộp đảng phí.',
  '4. Đảng viên phát biểu ý kiến; chi bộ kết luận.',
].join('\n');

const THEMATIC_TOPICS = [
  'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
  'Nâng cao chất lượng sinh hoạt chi bộ',
  'Đẩy mạnh chuyển đổi số trong cơ quan, đơn vị',
  'Phòng, chống tham nhũng, tiêu cực và lãng phí',
  'Nêu cao tinh thần dám nghĩ, dám làm, dám chịu trách nhiệm của cán bộ, đảng viên',
  'Bảo vệ nền tảng tư tưởng của Đảng',
  'Xây dựng văn hóa công sở, đạo đức công vụ',
  'Thực hành tiết kiệm, chống lãng phí',
];

const ABSENCE_REASONS = ['Đi công tác', 'Nghỉ ốm', 'Nghỉ phép năm', 'Học lớp bồi dưỡng', 'Việc gia đình đột xuất'];

/** Cells (by position) that held no thematic meeting last quarter: the office's report names them. */
const NO_THEMATIC_LAST_QUARTER = new Set([4, 11]);

export interface DemoMeetings {
  /** Every meeting made, in the order made. */
  meetings: Meeting[];
  series: number;
  /** Branch meetings already over, and how many of them have their attendance taken. */
  held: number;
  attendanceTaken: number;
  conference: Meeting;
  briefing: Meeting;
}

export function buildDemoMeetings(
  services: Services,
  clock: Clock,
  actor: Actor,
  options: { timeZone: string; office: Member | null; seed?: number },
): DemoMeetings {
  const { timeZone: tz, office } = options;
  const random = mulberry32(options.seed ?? DEMO_MEETING_SEED);
  const now = clock.now();
  const record = services.meetings.recordKnown.bind(services.meetings);
  const cells = services.branches.list({ activeOnly: true }).filter((b) => b.kind === 'cell' || b.kind === 'subcell');
  const secretaryOf = new Map(cells.map((c) => [c.id, services.branches.summary(c.id)?.secretaries[0]?.id ?? null]));
  const made: Meeting[] = [];

  const regularDates = new Map<number, Set<string>>();
  cells.forEach((cell, i) => {
    const { rule, firstAt } = monthlySeries(i, now, tz);
    const occurrences = record(
      { branchId: cell.id, kind: 'regular', title: 'Sinh hoạt chi bộ định kỳ', startsAt: firstAt, rule, location: placeOf(cell), agenda: REGULAR_AGENDA },
      secretaryOf.get(cell.id) ?? null,
      actor,
    );
    regularDates.set(cell.id, new Set(occurrences.map((m) => m.occurrenceDate!)));
    made.push(...occurrences);
  });

  const today = todayIn(now, tz);
  for (const offset of [-1, 0]) {
    const quarter = quarterOf(today, offset);
    const period = formatPeriod(periodOf({ year: quarter.year, month: quarter.first.month }));
    cells.forEach((cell, i) => {
      if (offset === -1 && NO_THEMATIC_LAST_QUARTER.has(i)) return;
      const topic = THEMATIC_TOPICS[(i + quarter.quarter) % THEMATIC_TOPICS.length]!;
      made.push(
        ...record(
          {
            branchId: cell.id,
            kind: 'thematic',
            title: `Sinh hoạt chuyên đề ${period}: ${topic}`,
            startsAt: thematicAt(i, cells.length, quarter, regularDates.get(cell.id)!, tz),
            location: placeOf(cell),
            agenda: `Báo cáo viên trình bày chuyên đề “${topic}”; đảng viên thảo luận, liên hệ với nhiệm vụ của cơ quan, đơn vị; chi bộ kết luận, đề ra việc làm cụ thể.`,
          },
          secretaryOf.get(cell.id) ?? null,
          actor,
        ),
      );
    });
  }

  const conferenceAt = conferenceThisWeek(now, tz);
  const [conference] = record(
    {
      branchId: null,
      kind: 'committee',
      title: `Hội nghị Ban Chấp hành Đảng bộ Khối tháng ${todayIn(conferenceAt, tz).month}/${todayIn(conferenceAt, tz).year}`,
      startsAt: conferenceAt,
      durationMinutes: 180,
      location: 'Hội trường Đảng ủy Khối',
      agenda: 'Đánh giá kết quả lãnh đạo thực hiện nhiệm vụ chính trị, công tác xây dựng Đảng; cho ý kiến về chương trình công tác thời gian tới.',
    },
    office?.id ?? null,
    actor,
  );
  const [briefing] = record(
    {
      branchId: null,
      kind: 'briefing',
      title: 'Hội nghị quán triệt, triển khai nghị quyết, chỉ thị mới của Trung ương và Tỉnh ủy',
      startsAt: briefingAhead(now, tz),
      durationMinutes: 180,
      location: 'Hội trường Đảng ủy Khối',
      agenda: 'Quán triệt các nghị quyết, chỉ thị mới; triển khai kế hoạch thực hiện trong Đảng bộ Khối. Thành phần: bí thư, phó bí thư các tổ chức cơ sở đảng.',
    },
    office?.id ?? null,
    actor,
  );
  made.push(conference!, briefing!);

  const { held, taken } = takeAttendance(services, actor, made, cells, secretaryOf, now, random);
  answerComing(services, actor, made, now, random);
  return { meetings: made, series: cells.length, held, attendanceTaken: taken, conference: conference!, briefing: briefing! };
}

function placeOf(cell: Branch): string {
  return `Phòng họp ${cell.shortName ?? cell.name.replace(/^Chi bộ /, '')}`;
}

/**
 * Attendance of the branch meetings already over: mostly present, some absent with a reason given
 * beforehand, a few without; one member of the first cell is absent without reason every time. The
 * latest meeting of every third cell is left open, as if its secretary had not done it yet.
 */
function takeAttendance(
  services: Services,
  actor: Actor,
  made: readonly Meeting[],
  cells: readonly Branch[],
  secretaryOf: ReadonlyMap<number, number | null>,
  now: Date,
  random: () => number,
): { held: number; taken: number } {
  const over = made
    .filter((m) => m.branchId !== null && m.startsAt.getTime() + m.durationMinutes * 60_000 <= now.getTime())
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id - b.id);
  const latest = new Map(over.map((m) => [m.branchId!, m.id]));
  const open = new Set(cells.filter((_, i) => i % 3 === 0).map((c) => latest.get(c.id)));
  const firstCell = cells[0];
  const members = firstCell ? services.members.listByBranch(firstCell.id) : [];
  const chronic = members.filter((m) => !m.roles.includes('secretary') && !m.roles.includes('deputy')).at(-1)?.id;
  let taken = 0;
  for (const m of over) {
    if (open.has(m.id)) continue;
    const by = secretaryOf.get(m.branchId!) ?? null;
    if (by === null) continue;
    const others = services.meetings.attendanceSheet(m.id).filter((row) => row.memberId !== by);
    const absences = new Map<number, AttendanceStatus>();
    for (const row of others) {
      const r = random();
      if (row.memberId === chronic) absences.set(row.memberId, 'unexcused');
      else if (r < 0.085) absences.set(row.memberId, r < 0.06 ? 'excused' : 'unexcused');
    }
    // Hardly a meeting without someone away: one member, when the draw gave none.
    const away = others[m.id % Math.max(1, others.length)];
    if (absences.size === 0 && away) absences.set(away.memberId, 'excused');
    for (const [memberId, status] of absences) {
      if (status === 'excused') services.meetings.rsvp(m.id, memberId, 'no', pick(ABSENCE_REASONS, random), actor);
      services.meetings.setAttendance(m.id, memberId, status, by, actor);
    }
    // The rest were present; members who reach three unexcused absences in the year are flagged.
    services.meetings.finishAttendance(m.id, by, actor);
    taken++;
  }
  return { held: over.length, taken };
}

/** The coming week's branch meetings: about half the members have said they will come, a few not. */
function answerComing(services: Services, actor: Actor, made: readonly Meeting[], now: Date, random: () => number): void {
  const coming = made.filter((m) => m.branchId !== null && m.startsAt.getTime() > now.getTime() && m.startsAt.getTime() <= now.getTime() + 7 * DAY_MS);
  for (const m of coming) {
    for (const row of services.meetings.attendanceSheet(m.id)) {
      const r = random();
      if (r < 0.5) services.meetings.rsvp(m.id, row.memberId, 'yes', null, actor);
      else if (r < 0.56) services.meetings.rsvp(m.id, row.memberId, 'no', pick(ABSENCE_REASONS, random), actor);
    }
  }
}
