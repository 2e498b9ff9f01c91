/**
 * The demo bloc, alive on the day it is made: its organisation and members (bloc.ts), meetings
 * held and to come (meetings.ts), notices with their delivery and acknowledgements (notices.ts)
 * and two terms of indicators with quarterly reports (indicators.ts), all placed relative to the
 * clock's "now" and reproducible for a given clock. The CLI's `demo` command and the bot (right
 * after the first office admin claims it) both make it.
 *
 * Nothing is sent: the demo's members have no Telegram accounts and its branches no groups. An
 * office member already there (the admin who claimed the bot) is left as they are; the office's
 * notices and the bloc's meetings are in their name.
 */
import type { Clock } from '../clock.js';
import { DEFAULT_TIME_ZONE } from '../domain/datetime-parse.js';
import type { Period } from '../domain/indicators.js';
import { isOffice } from '../domain/roles.js';
import type { Actor } from '../services/actor.js';
import type { Services } from '../services/index.js';
import type { Member } from '../services/members.js';
import { buildDemoBloc } from './bloc.js';
import { buildDemoIndicators } from './indicators.js';
import { buildDemoMeetings } from './meetings.js';
import { buildDemoNotices } from './notices.js';

export interface DemoBlocSummary {
  blocName: string;
  clusters: string[];
  branches: number;
  committees: number;
  subcells: number;
  cells: number;
  /** Members the demo added (the office admin already there is not counted). */
  members: number;
  /** Cells with a monthly series; meetings made in all, those already over and those with attendance. */
  series: number;
  meetings: number;
  heldMeetings: number;
  attendanceTaken: number;
  notices: number;
  resolutions: { code: string; termStartYear: number; termEndYear: number; current: boolean; closed: boolean }[];
  indicatorsPerTerm: number;
  reports: number;
  /** The quarter under way, in which some branches have not reported yet. */
  currentPeriod: Period;
}

/** The database already has branches: the demo never mixes with real data. */
export class DemoBlocRefused extends Error {
  constructor(readonly existingBranches: number) {
    super(`The demo bloc needs a database without branches; this one has ${existingBranches}`);
    this.name = 'DemoBlocRefused';
  }
}

/**
 * Fills a database without branches with the demo bloc, in one transaction; throws
 * DemoBlocRefused (and changes nothing) when branches exist.
 */
export function createDemoBloc(services: Services, clock: Clock, actor: Actor): DemoBlocSummary {
  const timeZone = DEFAULT_TIME_ZONE;
  return services.atomically(() => {
    const existing = services.branches.list().length;
    if (existing > 0) throw new DemoBlocRefused(existing);
    const office = officeMember(services, actor);
    const bloc = buildDemoBloc(services, actor);
    const meetings = buildDemoMeetings(services, clock, actor, { timeZone, office });
    const notices = buildDemoNotices(services, clock, actor, { timeZone, office, conference: meetings.conference, meetings: meetings.meetings });
    const indicators = buildDemoIndicators(services, actor, clock, { timeZone });
    const count = (kind: string) => bloc.branches.filter((b) => b.kind === kind).length;
    return {
      blocName: bloc.blocName,
      clusters: bloc.clusters.map((c) => c.name),
      branches: bloc.branches.length,
      committees: count('committee'),
      subcells: count('subcell'),
      cells: count('cell'),
      members: bloc.memberCount,
      series: meetings.series,
      meetings: meetings.meetings.length,
      heldMeetings: meetings.held,
      attendanceTaken: meetings.attendanceTaken,
      notices: notices.length,
      resolutions: indicators.resolutions.map((r) => ({
        code: r.code,
        termStartYear: r.termStartYear,
        termEndYear: r.termEndYear,
        current: r.current,
        closed: r.closed,
      })),
      indicatorsPerTerm: indicators.indicatorsPerTerm,
      reports: indicators.reports,
      currentPeriod: indicators.currentPeriod,
    };
  });
}

/** Who signs the office's notices and calls the bloc's meetings: the actor, when an office member, else the first admin. */
function officeMember(services: Services, actor: Actor): Member | null {
  const own = actor.source === 'bot' && actor.memberId !== null ? services.members.getById(actor.memberId) : null;
  if (own && own.status === 'active' && isOffice(own)) return own;
  return services.members.withRole('admin')[0] ?? services.members.withRole('office')[0] ?? null;
}
