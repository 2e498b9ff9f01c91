import type { Clock } from '../clock.js';
import type { Db } from '../db/connection.js';
import { AuditService } from './audit.js';
import { BlocService } from './bloc.js';
import { BranchService } from './branches.js';
import { ChatService } from './chats.js';
import { ExportService } from './export.js';
import { ImportService } from './import.js';
import { InviteService } from './invites.js';
import { MemberService } from './members.js';

export interface Services {
  audit: AuditService;
  bloc: BlocService;
  branches: BranchService;
  members: MemberService;
  invites: InviteService;
  chats: ChatService;
  imports: ImportService;
  exports: ExportService;
}

/** The use-cases over one database and one clock; the bot, the CLI and the scheduler share them. */
export function createServices(db: Db, clock: Clock): Services {
  const audit = new AuditService(db, clock);
  const branches = new BranchService(db, clock, audit);
  const members = new MemberService(db, clock, audit);
  return {
    audit,
    bloc: new BlocService(db, clock, audit),
    branches,
    members,
    invites: new InviteService(db, clock, audit, members, branches),
    chats: new ChatService(db, clock, audit),
    imports: new ImportService(db, branches, members),
    exports: new ExportService(branches, members),
  };
}
