/**
 * The dashboard's API through the real app over HTTP: init data signed in the test with the
 * library's signing function; who may call (forged, expired, missing, stranger, unreachable: 401
 * and nothing else) and what each role sees (a plain member their own and no names, a secretary
 * their subtree, the office the bloc with its cluster filter); figures equal to the bot's own
 * answers on the same database; the reporting reminder through the outbox, once; download links.
 */
import ExcelJS from 'exceljs';
import type { User } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdjustableClock } from '../../src/clock.js';
import { htmlToPlain, Html } from '../../src/bot/render/html.js';
import { SYSTEM } from '../../src/services/actor.js';
import type { Indicator } from '../../src/services/indicators.js';
import type {
  CoverageResponse,
  DownloadResponse,
  IndicatorDetail,
  IndicatorsResponse,
  MeResponse,
  MeetingsResponse,
  NoticeDetail,
  NoticeOrganisationDetail,
  NoticesResponse,
  OrganisationHistory,
  RemindResponse,
  ReportsResponse,
} from '../../src/web/contract.js';
import { privateChat, user } from '../fake-telegram/updates.js';
import { SCRIPTED_MEMBERS, TestBot } from '../helpers/app.js';
import { confirmBlocNotice, seedSmallBloc } from '../helpers/db.js';
import { DashboardClient, initData, WEBAPP_URL } from '../helpers/dashboard.js';

const plain = (text: string) => htmlToPlain(new Html(text));

describe('dashboard API (over HTTP, end to end)', () => {
  let t: TestBot;
  let api: DashboardClient;
  let bloc: ReturnType<typeof seedSmallBloc>;
  let otherCell: { id: number };
  let otherCluster: { id: number };
  let admissions: Indicator;
  let rating: Indicator;
  let noticeId: number;
  const office = user(9600, { first_name: 'Văn phòng' });
  const secretary = user(9601); // DB01 (with its sub-cell DB01-01)
  const cellSecretary = user(9602); // CB02
  const member = user(9603); // DB01
  const subMember = user(9604); // DB01-01
  const stranger = user(9699);
  const clock = () => t.clock as AdjustableClock;

  beforeAll(async () => {
    t = await TestBot.start({ adminIds: [office.id], telegram: SCRIPTED_MEMBERS, http: true, env: { WEBAPP_URL } });
    api = new DashboardClient(t.origin, t.fake.token, () => t.clock.now());
    const s = t.services;
    bloc = seedSmallBloc(s);
    const k2 = s.branches.upsertCluster({ code: 'K2', name: 'Khối doanh nghiệp' }, SYSTEM);
    otherCluster = k2;
    otherCell = s.branches.upsert({ code: 'CB03', name: 'Chi bộ Công ty Điện lực', kind: 'cell', clusterId: k2.id }, SYSTEM).branch;
    s.members.create({ code: 'DV007', fullName: 'Vũ Thị Giang', branchId: otherCell.id, roles: ['member', 'secretary'] }, SYSTEM);
    const link = (id: number, tg: User) => s.members.linkTelegram(id, { id: tg.id }, SYSTEM);
    link(bloc.secretary.id, secretary);
    link(bloc.cellSecretary.id, cellSecretary);
    link(bloc.member.id, member);
    link(bloc.subMember.id, subMember);
    t.fake.knowChats(office, secretary, cellSecretary, member, subMember);

    const ind = s.indicators;
    const res = ind.upsertResolution(
      { code: 'NQ-2025', name: 'Nghị quyết Đại hội 2025–2030', level: 'bloc', termStartYear: 2025, termEndYear: 2030, current: true, closed: false },
      SYSTEM,
    );
    admissions = ind.upsertIndicator({ resolutionId: res.id, code: 'KN-DV', title: 'Kết nạp đảng viên mới', unit: 'đảng viên', kind: 'term_count', target: 1300, sort: 1 }, SYSTEM);
    rating = ind.upsertIndicator(
      { resolutionId: res.id, code: 'DG-DV', title: 'Đảng viên hoàn thành tốt nhiệm vụ trở lên', unit: '%', kind: 'yearly_percent', target: 90, sort: 2, denominatorLabel: 'tổng số đảng viên' },
      SYSTEM,
    );
    ind.report(admissions.id, bloc.committee.id, '2026-Q2', { numerator: 40, denominator: null, note: null }, null, SYSTEM);
    ind.report(admissions.id, bloc.cell.id, '2026-Q2', { numerator: 12, denominator: null, note: null }, null, SYSTEM);
    ind.report(admissions.id, otherCell.id, '2026-Q3', { numerator: 7, denominator: null, note: null }, null, SYSTEM);
    ind.report(admissions.id, bloc.committee.id, '2026-Q4', { numerator: 45, denominator: null, note: 'quý IV' }, null, SYSTEM);
    ind.report(rating.id, bloc.committee.id, '2026-Q4', { numerator: 45, denominator: 50, note: null }, null, SYSTEM);
    ind.report(rating.id, bloc.cell.id, '2026-Q4', { numerator: 17, denominator: 20, note: null }, null, SYSTEM);

    // A notice from the office to the whole bloc, acknowledged by two; one recipient has blocked the bot.
    t.fake.blockUser(subMember.id);
    const author = s.members.findByTelegramId(office.id)!;
    noticeId = confirmBlocNotice(s, author, { title: 'Kế hoạch học tập Nghị quyết', body: 'Kế hoạch học tập Nghị quyết' });
    t.app.sender.wake();
    s.notices.acknowledge(noticeId, s.members.getById(bloc.member.id)!, SYSTEM);
    s.notices.acknowledge(noticeId, s.members.getById(bloc.cellSecretary.id)!, SYSTEM);
    await t.fake.waitFor('sendMessage', (p) => p.chat_id === office.id && String(p.text).includes('Kết quả gửi thông báo'), 20_000);

    // A regular meeting of DB01 next week.
    const meeting = s.meetings.createDraft(
      { branchId: bloc.committee.id, kind: 'regular', title: 'Sinh hoạt chi bộ tháng 12', startsAt: new Date(t.clock.now().getTime() + 7 * 86_400_000) },
      bloc.secretary.id,
      SYSTEM,
    );
    s.meetings.confirm(meeting.id, bloc.secretary.id, SYSTEM);
    await t.settle();
  }, 60_000);
  afterAll(async () => {
    await t.stop();
  });

  describe('who may call', () => {
    it('without init data, with a forged or tampered signature, expired, a stranger or an unreachable member: 401 and nothing else', async () => {
      const now = t.clock.now();
      const expectRefused = async (answer: Promise<{ status: number; text: string }>) => {
        const a = await answer;
        expect(a.status).toBe(401);
        expect(a.text).toBe('{"error":"unauthorized"}');
      };
      await expectRefused(api.get('/app/api/me', { authorization: null }));
      await expectRefused(api.get('/app/api/me', { authorization: 'Bearer abc' }));
      await expectRefused(api.get('/app/api/me', { authorization: `tma ${initData(office, '123456:another-bot-token-aaaaaaaaaaaaaaaaaaaaaaa', now)}` }));
      // Signed for the member, presented as the office: the signature no longer matches.
      const tampered = initData(member, t.fake.token, now).replace(`%22id%22%3A${member.id}`, `%22id%22%3A${office.id}`);
      expect(tampered).toContain(String(office.id));
      await expectRefused(api.get('/app/api/me', { authorization: `tma ${tampered}` }));
      // A day and a minute old, by the app's clock.
      await expectRefused(api.get('/app/api/me', { authorization: `tma ${initData(office, t.fake.token, new Date(now.getTime() - 86_460_000))}` }));
      expect((await api.get('/app/api/me', { authorization: `tma ${initData(office, t.fake.token, new Date(now.getTime() - 86_000_000))}` })).status).toBe(200);
      await expectRefused(api.get('/app/api/me', stranger));
      // Unknown paths under the API too, without init data.
      await expectRefused(api.get('/app/api/nothing-here', { authorization: null }));
    });

    it('init data signed now is refused once the clock has moved on by more than a day', async () => {
      const signed = `tma ${initData(secretary, t.fake.token, t.clock.now())}`;
      expect((await api.get('/app/api/me', { authorization: signed })).status).toBe(200);
      clock().advance(86_400_000 + 60_000);
      try {
        expect((await api.get('/app/api/me', { authorization: signed })).status).toBe(401);
      } finally {
        clock().advance(-(86_400_000 + 60_000));
      }
    });

    it('a member the bot cannot reach (blocked it) is refused until they come back', async () => {
      const s = t.services;
      s.members.markUnreachable(subMember.id);
      expect((await api.get('/app/api/me', subMember)).status).toBe(401);
      s.members.markReachable(bloc.subMember.id);
      expect((await api.get('/app/api/me', subMember)).status).toBe(200);
    });
  });

  describe('what each role sees', () => {
    it('/me: the office sees every organisation and the clusters; a secretary their subtree; a member nothing', async () => {
      const o = (await api.get<MeResponse>('/app/api/me', office)).body;
      expect(o.view).toBe('office');
      expect(o.organisations.map((x) => x.code)).toEqual(['CB02', 'CB03', 'DB01', 'DB01-01']);
      expect(o.clusters.map((c) => c.name)).toEqual(['Khối các cơ quan Đảng', 'Khối doanh nghiệp']);
      expect(o.currentPeriodLabel).toBe('quý IV/2026');
      expect(o.today).toBe('2026-11-23');
      const s = (await api.get<MeResponse>('/app/api/me', secretary)).body;
      expect(s.view).toBe('organisation');
      expect(s.organisations.map((x) => x.code)).toEqual(['DB01', 'DB01-01']);
      expect(s.clusters).toEqual([]);
      const m = (await api.get<MeResponse>('/app/api/me', member)).body;
      expect(m).toMatchObject({ view: 'member', organisations: [], clusters: [], name: 'Lê Văn Cường', language: 'vi' });
      // A member who chose no language: their Telegram client's decides, as in the bot.
      const en = (await api.get<MeResponse>('/app/api/me', { ...cellSecretary, language_code: 'en' })).body;
      expect(en).toMatchObject({ language: 'en', currentPeriodLabel: 'Q4 2026' });
    });

    it('a plain member: organisation tables refused (403); their own notices and meetings only, no other member named', async () => {
      for (const path of ['/app/api/indicators', '/app/api/reports', '/app/api/coverage', `/app/api/indicators/${admissions.id}`, `/app/api/notices/${noticeId}`]) {
        const a = await api.get(path, member);
        expect(a.status, path).toBe(403);
        expect(a.text).toBe('{"error":"forbidden"}');
      }
      const notices = await api.get<NoticesResponse>('/app/api/notices', member);
      expect(notices.status).toBe(200);
      expect(notices.body.notices).toHaveLength(1);
      expect(notices.body.notices[0]).toMatchObject({ id: noticeId, recipients: 1, acknowledged: 1, acknowledgedByMe: true });
      const meetings = await api.get<MeetingsResponse>('/app/api/meetings', member);
      expect(meetings.body.rows).toEqual([]);
      expect(meetings.body.absentees).toEqual([]);
      expect(meetings.body.mine.map((m) => m.title)).toContain('Sinh hoạt chi bộ tháng 12');
      expect(meetings.body.mine[0]!.kindLabel).toBe('Sinh hoạt chi bộ định kỳ');
      for (const other of ['Nguyễn Văn An', 'Trần Thị Bình', 'Phạm Thị Dung', 'Đặng Quốc Đạt', 'Hoàng Minh Em']) {
        expect(notices.text + meetings.text).not.toContain(other);
      }
      expect((await api.get('/app/api/meetings?cluster=1', member)).status).toBe(403);
    });

    it('a secretary: their organisation and its sub-cells; another organisation or a cluster filter is refused (403)', async () => {
      const coverage = (await api.get<CoverageResponse>('/app/api/coverage', secretary)).body;
      expect(coverage.rows.map((r) => r.orgName)).toEqual(['Đảng bộ Sở <Tài chính>', 'Chi bộ Phòng Ngân sách']);
      expect(coverage.rows[0]).toMatchObject({ members: 3, linked: 2 });
      const detail = (await api.get<IndicatorDetail>(`/app/api/indicators/${admissions.id}`, secretary)).body;
      expect(detail.rows.map((r) => r.orgName)).toEqual(['Đảng bộ Sở <Tài chính>']);
      // The figure of their organisation only: DB01's latest, 45.
      expect(detail.indicator.value).toBe(45);
      expect(detail.rows[0]).toMatchObject({ value: 45, valueLabel: '45', trend: 'up', lastReportLabel: expect.stringMatching(/^quý IV\/2026 · \d+h\d\d 23\/11\/2026$/) });
      const history = await api.get<OrganisationHistory>(`/app/api/indicators/${admissions.id}/organisations/${bloc.committee.id}`, secretary);
      expect(history.body.rows.map((r) => [r.periodLabel, r.valueLabel, r.note])).toEqual([
        ['quý II/2026', '40', null],
        ['quý IV/2026', '45', 'quý IV'],
      ]);
      expect((await api.get(`/app/api/indicators/${admissions.id}/organisations/${bloc.cell.id}`, secretary)).status).toBe(403);
      expect((await api.get(`/app/api/indicators/${admissions.id}/organisations/99999`, secretary)).status).toBe(404);
      expect((await api.get(`/app/api/coverage?cluster=${otherCluster.id}`, secretary)).status).toBe(403);
      expect((await api.get(`/app/api/notices/${noticeId}/organisations/${bloc.cell.id}`, secretary)).status).toBe(403);
      const own = (await api.get<NoticeOrganisationDetail>(`/app/api/notices/${noticeId}/organisations/${bloc.committee.id}`, secretary)).body;
      // Sorted the Vietnamese way, by given name.
      expect(own.people.map((p) => [p.name, p.acknowledgedAt !== null])).toEqual([
        ['Nguyễn Văn An', false],
        ['Trần Thị Bình', false],
        ['Lê Văn Cường', true],
      ]);
      expect(own.people.find((p) => p.name === 'Trần Thị Bình')!.deliveryLabel).toBe('chưa liên kết Telegram');
      // The notice's counts in their view: their subtree's recipients only (DB01: 3, DB01-01: 1).
      const notice = (await api.get<NoticeDetail>(`/app/api/notices/${noticeId}`, secretary)).body;
      expect(notice.notice).toMatchObject({ recipients: 4, acknowledged: 1 });
      expect(notice.organisations.map((o) => o.orgName)).toEqual(['Đảng bộ Sở <Tài chính>', 'Chi bộ Phòng Ngân sách']);
      expect((await api.post('/app/api/reports/remind', secretary, { period: '2026-Q4', orgIds: [bloc.committee.id] })).status).toBe(403);
    });

    it('the office: the whole bloc, narrowed by cluster; unknown ids 404, malformed 400', async () => {
      const all = (await api.get<CoverageResponse>('/app/api/coverage', office)).body;
      expect(all.rows).toHaveLength(4);
      expect(all.totals.members).toBe(7);
      const k2 = (await api.get<CoverageResponse>(`/app/api/coverage?cluster=${otherCluster.id}`, office)).body;
      expect(k2.rows.map((r) => r.orgName)).toEqual(['Chi bộ Công ty Điện lực']);
      const k1 = (await api.get<IndicatorsResponse>(`/app/api/indicators?cluster=${bloc.cluster.id}`, office)).body;
      // Cluster K1: DB01 45 + CB02 12 (CB03's 7 is in K2).
      expect(k1.indicators.find((c) => c.code === 'KN-DV')!.value).toBe(57);
      expect((await api.get('/app/api/coverage?cluster=999', office)).status).toBe(404);
      expect((await api.get('/app/api/coverage?cluster=abc', office)).status).toBe(400);
      expect((await api.get('/app/api/coverage?sort=1', office)).status).toBe(400);
      expect((await api.get('/app/api/indicators/99999', office)).status).toBe(404);
      expect((await api.get('/app/api/notices/99999', office)).status).toBe(404);
      expect((await api.get('/app/api/nothing', office)).status).toBe(404);
      const reports = (await api.get<ReportsResponse>('/app/api/reports', office)).body;
      expect(reports.periodLabel).toBe('quý IV/2026');
      expect(reports.deadlineLabel).toBe('23h59 20/12/2026');
      expect(reports.canRemind).toBe(true);
      const row = (code: number) => reports.rows.find((r) => r.orgId === code)!;
      expect(row(bloc.committee.id).missing).toBe(0);
      expect(row(bloc.cell.id).reported).toEqual({ [admissions.id]: false, [rating.id]: true });
      expect(row(otherCell.id).missing).toBe(2);
    });
  });

  describe('figures equal the bot’s', () => {
    it('each indicator card equals /chitieu CODE for the office (figure, status, reported organisations)', async () => {
      const cards = (await api.get<IndicatorsResponse>('/app/api/indicators', office)).body;
      expect(cards.resolution?.termLabel).toBe('nhiệm kỳ 2025–2030');
      expect(cards.indicators.map((c) => c.code)).toEqual(['KN-DV', 'DG-DV']);
      for (const card of cards.indicators) {
        const text = plain(await t.say(office, privateChat(office), `/chitieu ${card.code}`));
        const now = text.split('\n').find((l) => l.startsWith('Hiện tại'))!;
        expect(now, card.code).toContain(`: ${card.valueLabel} `);
        expect(now, card.code).toContain(card.statusLabel);
        expect(text).toContain(`Đã báo cáo ${card.periodLabel}: ${card.reported}/${card.expected} tổ chức cơ sở đảng`);
      }
      // DB01 45 + CB02 12 + CB03 7 = 64; the rating 62/70.
      expect(cards.indicators[0]!.valueLabel).toBe('64');
      expect(cards.indicators[1]!.valueLabel).toBe('88,6% (62/70)');
      const detail = (await api.get<IndicatorDetail>(`/app/api/indicators/${admissions.id}`, office)).body;
      expect(detail.series.at(-1)).toMatchObject({ period: '2026-Q4', value: 64, partial: true });
      expect(detail.series[0]).toMatchObject({ period: '2025-Q1', value: null });
      // The straight pace: 1,300 over 72 months, 24 months at the end of 2026-Q4.
      expect(detail.series.at(-1)!.reference).toBeCloseTo((1300 * 24) / 72);
    });

    it('a notice’s counts equal /thongbao N’s report for the office', async () => {
      const list = (await api.get<NoticesResponse>('/app/api/notices', office)).body;
      const summary = list.notices.find((n) => n.id === noticeId)!;
      const text = plain(await t.say(office, privateChat(office), `/thongbao ${noticeId}`));
      expect(text).toContain(`Đã xác nhận: ${summary.acknowledged}/${summary.recipients} (`);
      expect(text).toContain(`Đã gửi ${summary.delivered} tin · đang chờ 0 · không gửi được ${summary.unreachable}`);
      expect(summary).toMatchObject({ recipients: 7, acknowledged: 2, notLinked: 3, authorLabel: 'Văn phòng Đảng ủy Khối' });
      expect(summary.delivered).toBeGreaterThan(0);
      const detail = (await api.get<NoticeDetail>(`/app/api/notices/${noticeId}`, office)).body;
      expect(detail.notice.recipients).toBe(summary.recipients);
      expect(detail.organisations.reduce((s, o) => s + o.recipients, 0)).toBe(7);
      expect(detail.reasons).toEqual([{ reason: 'blocked', label: 'người nhận đã chặn bot', count: 1 }]);
      expect(summary.unreachable).toBe(1);
    });
  });

  describe('reporting reminder', () => {
    it('queues the nudge to each chosen organisation’s secretaries through the outbox, once a day', async () => {
      const mark = t.fake.mark();
      const first = await api.post<RemindResponse>('/app/api/reports/remind', office, { period: '2026-Q4', orgIds: [bloc.cell.id, bloc.committee.id, otherCell.id] });
      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        queued: 1,
        skipped: [
          { orgId: bloc.committee.id, reason: 'nothing_missing' },
          { orgId: otherCell.id, reason: 'no_secretary' },
        ],
      });
      const sent = await t.fake.waitFor('sendMessage', (p) => p.chat_id === cellSecretary.id && String(p.text).includes('Nhắc báo cáo chỉ tiêu'), { after: mark });
      expect(String(sent.params.text)).toContain('Chi bộ Công ty TNHH A&amp;B');
      expect(String(sent.params.text)).toContain('KN-DV · Kết nạp đảng viên mới');
      const again = await api.post<RemindResponse>('/app/api/reports/remind', office, { period: '2026-Q4', orgIds: [bloc.cell.id] });
      expect(again.body).toEqual({ queued: 0, skipped: [{ orgId: bloc.cell.id, reason: 'already_reminded' }] });
      await t.settle();
      const nudges = t.fake.calls.slice(mark).filter((c) => c.method === 'sendMessage' && c.params.chat_id === cellSecretary.id);
      expect(nudges).toHaveLength(1);
      const reports = (await api.get<ReportsResponse>('/app/api/reports', office)).body;
      expect(reports.rows.find((r) => r.orgId === bloc.cell.id)!.remindedAt).not.toBeNull();
      expect(reports.rows.find((r) => r.orgId === bloc.committee.id)!.remindedAt).toBeNull();
      // Bad bodies change nothing.
      expect((await api.post('/app/api/reports/remind', office, { period: '2026-Q3', orgIds: [bloc.cell.id] })).status).toBe(400);
      expect((await api.post('/app/api/reports/remind', office, { period: '2026-Q4', orgIds: [] })).status).toBe(400);
      expect((await api.post('/app/api/reports/remind', office, { period: '2026-Q4', orgIds: [99999] })).status).toBe(404);
    });
  });

  describe('downloads', () => {
    async function link(as: User, path: string): Promise<DownloadResponse> {
      const a = await api.post<DownloadResponse>('/app/api/downloads', as, { path });
      expect(a.status, a.text).toBe(200);
      return a.body;
    }
    const fetchLink = (url: string, headers: Record<string, string> = {}) => fetch(url.replace(WEBAPP_URL, `${api.base}/app/`), { headers });

    it('a link gives the table as .xlsx with the same columns, for five minutes', async () => {
      const { url, fileName } = await link(office, '/app/api/coverage');
      expect(url.startsWith(`${WEBAPP_URL}api/download?token=`)).toBe(true);
      expect(fileName).toBe('lien-ket-telegram.xlsx');
      const res = await fetchLink(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="lien-ket-telegram.xlsx"');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await res.arrayBuffer()) as never);
      const ws = book.worksheets[0]!;
      expect(ws.getRow(1).values).toEqual([undefined, 'Tổ chức đảng', 'Khối thi đua', 'Đảng viên', 'Đã liên kết Telegram', 'Nhóm Telegram đã liên kết']);
      expect(ws.getRow(2).values).toEqual([undefined, 'Chi bộ Công ty TNHH A&B', 'Khối các cơ quan Đảng', 2, 1, 0]);
      expect(ws.rowCount).toBe(1 + 4 + 1);
      // Expired after five minutes by the app's clock.
      clock().advance(5 * 60_000 + 1000);
      try {
        expect((await fetchLink(url)).status).toBe(401);
      } finally {
        clock().advance(-(5 * 60_000 + 1000));
      }
    });

    it('forged, altered or another member’s: refused; the role is checked again on download', async () => {
      const { url } = await link(secretary, `/app/api/notices/${noticeId}/organisations/${bloc.committee.id}`);
      expect((await fetchLink(url)).status).toBe(200);
      const token = new URL(url).searchParams.get('token')!;
      const [body, sig] = token.split('.');
      const altered = Buffer.from(Buffer.from(body!, 'base64url').toString().replace(`"m":${bloc.secretary.id}`, `"m":${bloc.cellSecretary.id}`)).toString('base64url');
      expect((await fetchLink(url.replace(token, `${altered}.${sig}`))).status).toBe(401);
      expect((await fetchLink(url.replace(token, `${body}.${'A'.repeat(43)}`))).status).toBe(401);
      // Opened with another member's init data.
      expect((await fetchLink(url, { authorization: `tma ${initData(cellSecretary, t.fake.token, t.clock.now())}` })).status).toBe(401);
      expect((await fetchLink(url, { authorization: `tma ${initData(secretary, t.fake.token, t.clock.now())}` })).status).toBe(200);
      // No longer secretary: the same link is refused.
      t.services.members.setRoles(bloc.secretary.id, ['member'], SYSTEM);
      try {
        expect((await fetchLink(url)).status).toBe(403);
      } finally {
        t.services.members.setRoles(bloc.secretary.id, ['member', 'secretary'], SYSTEM);
      }
      // Only the API's tables, and only what the member may see.
      expect((await api.post('/app/api/downloads', secretary, { path: '/app/api/me' })).status).toBe(400);
      expect((await api.post('/app/api/downloads', secretary, { path: '/etc/passwd' })).status).toBe(400);
      expect((await api.post('/app/api/downloads', secretary, { path: `/app/api/coverage?cluster=${otherCluster.id}` })).status).toBe(403);
      expect((await api.post('/app/api/downloads', member, { path: '/app/api/coverage' })).status).toBe(403);
    });
  });
});
