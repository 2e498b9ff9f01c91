import type { Clock } from '../clock.js';
import type { Db } from '../db/connection.js';
import { AuditService } from './audit.js';
import { BlocService } from './bloc.js';
import { BranchService } from './branches.js';
import { Outbox } from '../delivery/outbox.js';
import { ChatService } from './chats.js';
import { ExportService } from './export.js';
import { ImportService } from './import.js';
import { InviteService } from './invites.js';
import { MemberService } from './members.js';
import { type NoticeMessages, NoticeService } from './notices.js';

export interface Services {
  audit: AuditService;
  bloc: BlocService;
  branches: BranchService;
  members: MemberService;
  invites: InviteService;
  chats: ChatService;
  imports: ImportService;
  exports: ExportService;
  outbox: Outbox;
  notices: NoticeService;
}

export interface ServiceOptions {
  /** How notices read (the bot's locales); only needed where notices are sent. */
  noticeMessages?: NoticeMessages;
}

/** The use-cases over one database and one clock; the bot, the CLI and the scheduler share them. */
export function createServices(db: Db, clock: Clock, options: ServiceOptions = {}): Services {
  const audit = new AuditService(db, clock);
  const branches = new BranchService(db, clock, audit);
  const members = new MemberService(db, clock, audit);
  const outbox = new Outbox(db, clock);
  const noticeMessages = () => {
    if (!options.noticeMessages) throw new Error('Notice messages are not configured for these services');
    return options.noticeMessages;
  };
  return {
    audit,
    bloc: new BlocService(db, clock, audit),
    branches,
    members,
    invites: new InviteService(db, clock, audit, members, branches),
    chats: new ChatService(db, clock, audit),
    imports: new ImportService(db, branches, members),
    exports: new ExportService(branches, members),
    outbox,
    notices: new NoticeService(db, clock, audit, outbox, branches, noticeMessages),
  };
}
