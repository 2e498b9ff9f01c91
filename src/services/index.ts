import type { Clock } from '../clock.js';
import type { Db } from '../db/connection.js';
import { AuditService } from './audit.js';
import { BlocService } from './bloc.js';
import { BranchService } from './branches.js';
import { CalendarService } from './calendar.js';
import { Outbox } from '../delivery/outbox.js';
import { ChatService } from './chats.js';
import { ClaimService } from './claim.js';
import { DashboardService } from './dashboard.js';
import { type DeliveryFailureMessages, DeliveryFailureService } from './delivery-failures.js';
import { ExportService } from './export.js';
import { ImportService } from './import.js';
import { type IndicatorMessages, IndicatorService } from './indicators.js';
import { InviteService } from './invites.js';
import { MeetingNotifier, type MeetingMessages } from './meeting-reminders.js';
import { MeetingService } from './meetings.js';
import { MemberService } from './members.js';
import { SearchService } from './search.js';
import { type NoticeMessages, NoticeService } from './notices.js';

export interface Services {
  audit: AuditService;
  bloc: BlocService;
  branches: BranchService;
  members: MemberService;
  invites: InviteService;
  claim: ClaimService;
  chats: ChatService;
  imports: ImportService;
  exports: ExportService;
  outbox: Outbox;
  notices: NoticeService;
  meetings: MeetingService;
  meetingNotifier: MeetingNotifier;
  indicators: IndicatorService;
  search: SearchService;
  deliveryFailures: DeliveryFailureService;
  dashboard: DashboardService;
  /** Runs several use-cases as one: all of them, or (when `work` throws) none. */
  atomically<T>(work: () => T): T;
  calendar: CalendarService;
}

export interface ServiceOptions {
  /** How notices read (the bot's locales); only needed where notices are sent. */
  noticeMessages?: NoticeMessages;
  /** How meeting announcements and reminders read; only needed where they are sent. */
  meetingMessages?: MeetingMessages;
  /** How reporting nudges read; only needed where they are sent. */
  indicatorMessages?: IndicatorMessages;
  /** How reports of undeliverable messages read; only needed where messages are sent. */
  deliveryFailureMessages?: DeliveryFailureMessages;
  /** The bloc's time zone (default Asia/Ho_Chi_Minh). */
  timeZone?: string;
  /** Called when messages were put into the outbox (wakes the sender). */
  onEnqueue?: () => void;
}

function required<T>(value: T | undefined, what: string): () => T {
  return () => {
    if (value === undefined) throw new Error(`${what} are not configured for these services`);
    return value;
  };
}

/** The use-cases over one database and one clock; the bot, the CLI and the scheduler share them. */
export function createServices(db: Db, clock: Clock, options: ServiceOptions = {}): Services {
  const audit = new AuditService(db, clock);
  const branches = new BranchService(db, clock, audit);
  const members = new MemberService(db, clock, audit);
  const chats = new ChatService(db, clock, audit);
  // Members who blocked the bot and groups that removed it get nothing until they come back.
  const outbox = new Outbox(db, clock, (chatIds) => {
    const found = members.unreachableAmong(chatIds.filter((id) => id > 0));
    for (const [id, since] of chats.removedAmong(chatIds.filter((id) => id < 0))) found.set(id, since);
    return found;
  });
  const timeZone = options.timeZone ?? 'Asia/Ho_Chi_Minh';
  const meetings = new MeetingService(db, clock, audit, branches, timeZone);
  const meetingNotifier = new MeetingNotifier(
    db,
    clock,
    outbox,
    meetings,
    chats,
    required(options.meetingMessages, 'Meeting messages'),
    timeZone,
    () => options.onEnqueue?.(),
  );
  meetings.setListener(meetingNotifier);
  const invites = new InviteService(db, clock, audit, members, branches);
  return {
    audit,
    bloc: new BlocService(db, clock, audit),
    branches,
    members,
    invites,
    claim: new ClaimService(db, clock, audit, members, branches, invites),
    chats,
    imports: new ImportService(db, branches, members),
    exports: new ExportService(branches, members),
    outbox,
    notices: new NoticeService(db, clock, audit, outbox, branches, required(options.noticeMessages, 'Notice messages')),
    meetings,
    meetingNotifier,
    search: new SearchService(db, branches),
    // Nested use-cases that open their own transactions become savepoints inside this one.
    atomically: (work) => db.transaction(() => work(), { behavior: 'immediate' }),
    dashboard: new DashboardService(db),
    calendar: new CalendarService(db, clock, audit, meetings, members, branches),
    deliveryFailures: new DeliveryFailureService(
      db,
      clock,
      outbox,
      meetings,
      required(options.deliveryFailureMessages, 'Delivery failure messages'),
      () => options.onEnqueue?.(),
    ),
    indicators: new IndicatorService(
      db,
      clock,
      audit,
      outbox,
      required(options.indicatorMessages, 'Indicator messages'),
      timeZone,
      () => options.onEnqueue?.(),
      (branchId) => members.countActive(branches.subtreeIds(branchId)),
    ),
  };
}
