/**
 * The scheduler's wiring, through its job table: the app's jobs (appJobs) are started by the real
 * Scheduler, which registers them with node-cron in the configured time zone. The test then stops
 * node-cron's timers and plays a timeline itself: at each simulated instant it sets the clock and
 * executes every registered task whose cron expression matches that instant (node-cron's own
 * matcher, in Asia/Ho_Chi_Minh), exactly what node-cron would have done. What the jobs did is read
 * from the outbox: the first instant each message appeared. The configuration has unusual values
 * (ACK_NUDGE_HOURS 5, REPORT_DEADLINE_DAY 11, REPORT_NUDGE_DAYS 2), so a job that ignores it shows.
 */
import cron, { type ScheduledTask } from 'node-cron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Translator } from '../../src/bot/i18n.js';
import type { NoticeProgress } from '../../src/bot/notice-progress.js';
import { DeliveryFailureRenderer } from '../../src/bot/render/delivery.js';
import { IndicatorRenderer } from '../../src/bot/render/indicators.js';
import { MeetingRenderer } from '../../src/bot/render/meeting.js';
import { NoticeRenderer } from '../../src/bot/render/notice.js';
import { ManualClock } from '../../src/clock.js';
import { type Config, loadConfig } from '../../src/config.js';
import { closeDatabase, type Db, openDatabase } from '../../src/db/connection.js';
import { createLogger } from '../../src/logger.js';
import { Scheduler } from '../../src/scheduler/index.js';
import { appJobs } from '../../src/scheduler/jobs.js';
import { SYSTEM } from '../../src/services/actor.js';
import { createServices, type Services } from '../../src/services/index.js';
import { seedSmallBloc, tempDir } from '../helpers/db.js';

const TOKEN = '123456:TEST-token-abcdefghijklmnopqrstuvwxyz0123';
/** A local wall time in Hà Nội (UTC+7), e.g. local('2026-11-25 07:00'). */
const local = (s: string) => new Date(`${s.replace(' ', 'T')}:00+07:00`);
/** "25/11 07:05" for an instant, in Hà Nội. */
const show = (d: Date | undefined) => {
  if (!d) return 'never';
  const p = new Date(d.getTime() + 7 * 3_600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(p.getUTCDate())}/${two(p.getUTCMonth() + 1)} ${two(p.getUTCHours())}:${two(p.getUTCMinutes())}`;
};
const MINUTE = 60_000;

describe('scheduler wiring (job table, node-cron, clock, configuration)', () => {
  let db: Db;
  let clock: ManualClock;
  let services: Services;
  let config: Config;
  let scheduler: Scheduler;
  let tasks: ScheduledTask[];
  let bloc: ReturnType<typeof seedSmallBloc>;
  let progressUpdates: number;
  let wakes: number;
  /** Dedupe key of every outbox row → the simulated instant it first appeared. */
  let firstSeen: Map<string, Date>;
  let lastRow: number;

  beforeEach(() => {
    db = openDatabase(`${tempDir()}/bot.sqlite`);
    clock = new ManualClock(local('2026-11-23 03:00')); // a quiet hour: nothing is due
    config = loadConfig({ BOT_TOKEN: TOKEN, ACK_NUDGE_HOURS: '5', REPORT_DEADLINE_DAY: '11', REPORT_NUDGE_DAYS: '2' });
    const translator = new Translator();
    services = createServices(db, clock, {
      noticeMessages: new NoticeRenderer(translator),
      meetingMessages: new MeetingRenderer(translator, config.timeZone),
      indicatorMessages: new IndicatorRenderer(translator, config.timeZone),
      deliveryFailureMessages: new DeliveryFailureRenderer(translator, config.timeZone),
      timeZone: config.timeZone,
    });
    bloc = seedSmallBloc(services);
    services.members.linkTelegram(bloc.cellSecretary.id, { id: 7005 }, SYSTEM);
    services.members.linkTelegram(bloc.cellMember.id, { id: 7006 }, SYSTEM);
    services.members.linkTelegram(bloc.secretary.id, { id: 7001 }, SYSTEM);
    services.members.addAdmin(7100, 'Văn phòng', SYSTEM);
    progressUpdates = 0;
    wakes = 0;
    firstSeen = new Map();
    lastRow = 0;
  });
  afterEach(async () => {
    await scheduler.stop();
    expect(cron.getTasks().size).toBe(0);
    closeDatabase(db);
  });

  /** Starts the app's jobs in the real Scheduler, then takes node-cron's tasks off the wall clock. */
  async function start(): Promise<void> {
    const progress = { update: async () => void progressUpdates++ } as unknown as NoticeProgress;
    const jobs = appJobs({ services, config, progress, wakeDelivery: () => void wakes++ });
    scheduler = new Scheduler(jobs, createLogger({ level: 'silent', secrets: [TOKEN] }), config.timeZone);
    scheduler.start(); // runs every job once (catch-up), then registers them with node-cron
    tasks = [...cron.getTasks().values()];
    expect(tasks.map((t) => t.name).sort()).toEqual(jobs.map((j) => j.name).sort());
    for (const task of tasks) await task.stop(); // from here on, only the simulated timeline runs them
    await observe(clock.now());
  }

  /** Records the outbox rows that appeared since the last look, at `at`. */
  async function observe(at: Date): Promise<void> {
    await new Promise((r) => setImmediate(r));
    const rows = db.$client.prepare<[number], { id: number; key: string }>('select id, dedupe_key as key from outbox where id > ? order by id').all(lastRow);
    for (const r of rows) {
      if (!firstSeen.has(r.key)) firstSeen.set(r.key, at);
      lastRow = r.id;
    }
  }

  /** The tasks node-cron would run at this instant. */
  const due = (at: Date) => tasks.filter((task) => task.match(at));

  /** Plays the timeline minute by minute over [from, to], running what node-cron would run. */
  async function play(from: Date, to: Date, stepMs = MINUTE): Promise<void> {
    for (let at = from.getTime(); at <= to.getTime(); at += stepMs) {
      const instant = new Date(at);
      clock.set(instant);
      for (const task of due(instant)) await task.execute();
      await observe(instant);
    }
  }

  /** When the first message whose dedupe key starts with `prefix` appeared (and how many there are). */
  function first(prefix: string): { at: string; count: number } {
    const hits = [...firstSeen].filter(([key]) => key.startsWith(prefix));
    const at = hits.map(([, d]) => d).sort((a, b) => a.getTime() - b.getTime())[0];
    return { at: show(at), count: hits.length };
  }

  it('fires each job at its local time in Asia/Ho_Chi_Minh', async () => {
    await start();
    const when = new Map<string, string[]>();
    for (let at = local('2026-11-25 00:00').getTime(); at < local('2026-11-26 00:00').getTime(); at += MINUTE) {
      for (const task of due(new Date(at))) when.set(task.name!, [...(when.get(task.name!) ?? []), show(new Date(at)).slice(6)]);
    }
    expect(when.get('daily-digest')).toEqual(['07:00']);
    expect(when.get('meeting-nudges')).toEqual(['08:00']);
    expect(when.get('report-nudges')).toEqual(Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}:05`));
    expect(when.get('housekeeping')).toHaveLength(24);
    for (const every of ['notices', 'notice-nudges', 'meeting-reminders']) expect(when.get(every)).toHaveLength(24 * 60);
    // Within a minute: notices every 2 seconds, reminders every 30, nudges on the minute.
    const inMinute = (name: string) =>
      Array.from({ length: 60 }, (_, s) => new Date(local('2026-11-25 10:00').getTime() + s * 1000)).filter((d) =>
        tasks.find((t) => t.name === name)!.match(d),
      ).length;
    expect([inMinute('notices'), inMinute('meeting-reminders'), inMinute('notice-nudges')]).toEqual([30, 2, 1]);
    // 07:00 in Hà Nội is 00:00 UTC: the digest does not fire at 07:00 UTC.
    expect(tasks.find((t) => t.name === 'daily-digest')!.match(new Date('2026-11-25T07:00:00Z'))).toBe(false);
  });

  it("the 07:00 digest: the office gets today's meetings at 07:00 local, once", async () => {
    const m = services.meetings.createDraft(
      { branchId: bloc.cell.id, kind: 'regular', title: 'Họp chi bộ sáng thứ Tư', startsAt: local('2026-11-25 14:30') },
      bloc.cellSecretary.id,
      SYSTEM,
    );
    services.meetings.confirm(m.id, bloc.cellSecretary.id, SYSTEM);
    await start();
    await play(local('2026-11-25 00:00'), local('2026-11-25 23:59'));
    expect(first('digest:')).toEqual({ at: '25/11 07:00', count: 1 });
    const digest = db.$client.prepare<[], { text: string; chat: number }>("select text, chat_id as chat from outbox where dedupe_key like 'digest:%'").get()!;
    expect(digest.chat).toBe(7100);
    expect(digest.text).toContain('Họp chi bộ sáng thứ Tư');
  });

  it('the start-up run catches up a digest missed in the morning', async () => {
    clock.set(local('2026-11-25 09:30'));
    await start();
    expect(first('digest:')).toEqual({ at: '25/11 09:30', count: 1 });
  });

  it('acknowledgement nudges after ACK_NUDGE_HOURS (5 h), the secretary after twice that', async () => {
    clock.set(local('2026-11-25 09:00'));
    const office = services.members.findByTelegramId(7100)!;
    const draft = services.notices.createDraft(
      office,
      {
        kind: 'text',
        body: 'Báo cáo kiểm điểm',
        title: 'Báo cáo kiểm điểm',
        requireAck: true,
        audience: { scope: { type: 'branches', branchIds: [bloc.cell.id], includeSubcells: false }, people: 'all', channel: 'private' },
        scheduledAt: null,
      },
      SYSTEM,
    );
    expect(services.notices.confirm(draft.id, office, SYSTEM).ok).toBe(true);
    await start();
    wakes = 0;
    await play(local('2026-11-25 09:01'), local('2026-11-25 20:00'));
    expect(first(`notice:${draft.id}:nudge1:`)).toEqual({ at: '25/11 14:00', count: 2 });
    expect(first(`notice:${draft.id}:nudge2:`)).toEqual({ at: '25/11 19:00', count: 1 });
    expect(wakes).toBeGreaterThan(0); // the sender is woken for them
  });

  it('report nudges REPORT_NUDGE_DAYS (2) before REPORT_DEADLINE_DAY (11), at the hourly run; the office list after the deadline', async () => {
    const res = services.indicators.upsertResolution(
      { code: 'NQ', name: 'Nghị quyết 2025–2030', level: 'bloc', termStartYear: 2025, termEndYear: 2030, current: true, closed: false },
      SYSTEM,
    );
    services.indicators.upsertIndicator({ resolutionId: res.id, code: 'KN-DV', title: 'Kết nạp đảng viên mới', unit: 'đảng viên', kind: 'term_count', target: 1300 }, SYSTEM);
    await start();
    await play(local('2026-12-08 20:00'), local('2026-12-09 01:00'));
    // Both grassroots organisations (DB01, CB02) have reported nothing: their secretaries hear at 00:05 on 09/12.
    expect(first('report-nudge:2026-Q4:')).toEqual({ at: '09/12 00:05', count: 2 });
    expect(first('report-missing:')).toEqual({ at: 'never', count: 0 });
    await play(local('2026-12-11 22:00'), local('2026-12-12 01:00'));
    expect(first('report-missing:2026-Q4:')).toEqual({ at: '12/12 00:05', count: 1 });
  });

  it('the start-of-month check: from the 25th at 08:00, secretaries of cells with no regular meeting next month', async () => {
    await start();
    await play(local('2026-11-24 06:00'), local('2026-11-24 10:00'));
    expect(first('nudge-regular:')).toEqual({ at: 'never', count: 0 });
    await play(local('2026-11-25 06:00'), local('2026-11-25 10:00'));
    // The cell CB02 and the committee's cell DB01-01 have none; only CB02's secretary is linked.
    expect(first('nudge-regular:2026-12:')).toEqual({ at: '25/11 08:00', count: 1 });
  });

  it('the start-of-quarter check: in the first week of a quarter at 08:00, the office gets the cells with no thematic meeting', async () => {
    await start();
    await play(local('2027-01-01 06:00'), local('2027-01-01 10:00'));
    expect(first('thematic-report:2026-Q4:')).toEqual({ at: '01/01 08:00', count: 1 });
    const text = db.$client.prepare<[], string>("select text from outbox where dedupe_key like 'thematic-report:%'").pluck().get()!;
    expect(text).toContain('Chi bộ Công ty TNHH A&amp;B');
  });

  it('scheduled notices go at their time, meeting reminders are planned ahead of theirs, progress is updated', async () => {
    clock.set(local('2026-11-25 09:00'));
    const office = services.members.findByTelegramId(7100)!;
    const draft = services.notices.createDraft(
      office,
      {
        kind: 'text',
        body: 'Thông báo hẹn giờ',
        title: 'Thông báo hẹn giờ',
        requireAck: false,
        audience: { scope: { type: 'branches', branchIds: [bloc.cell.id], includeSubcells: false }, people: 'all', channel: 'private' },
        scheduledAt: local('2026-11-25 10:30'),
      },
      SYSTEM,
    );
    expect(services.notices.confirm(draft.id, office, SYSTEM)).toMatchObject({ ok: true, released: false });
    const m = services.meetings.createDraft({ branchId: bloc.cell.id, kind: 'regular', title: 'Họp chi bộ', startsAt: local('2026-11-26 11:00') }, bloc.cellSecretary.id, SYSTEM);
    services.meetings.confirm(m.id, bloc.cellSecretary.id, SYSTEM);
    await start();
    progressUpdates = 0;
    await play(local('2026-11-25 10:00'), local('2026-11-25 11:00'));
    expect(first(`notice:${draft.id}:m:`)).toEqual({ at: '25/11 10:30', count: 2 });
    // The day-before reminder (due 11:00) is put in the outbox five minutes ahead, to go at 11:00.
    expect(first(`meeting:${m.id}:r:`)).toEqual({ at: '25/11 10:55', count: 2 });
    expect(progressUpdates).toBe(61);
  });
});
