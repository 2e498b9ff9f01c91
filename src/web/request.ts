/**
 * One API request as the endpoints see it: the viewer, what their role lets them see, their
 * language, and the parameters. The scope questions (which organisations, this one?) are answered
 * here once, from the policy in services/access.ts.
 */
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Locale } from '../domain/locale.js';
import { formatDate, formatDateTime, localParts } from '../domain/time.js';
import { type Translator, type TranslationArgs } from '../bot/i18n.js';
import { htmlToPlain } from '../bot/render/html.js';
import { type DashboardScope, dashboardScope } from '../services/access.js';
import type { Organisation } from '../services/dashboard.js';
import type { Services } from '../services/index.js';
import type { Member } from '../services/members.js';
import type { OrganisationRef } from './contract.js';
import { badRequest, forbidden, notFound, parseId } from './http.js';
import type { Viewer } from './auth.js';

export interface WebDeps {
  services: Services;
  translator: Translator;
  config: Pick<Config, 'timeZone' | 'reportDeadlineDay' | 'webappUrl' | 'botToken'>;
  clock: Clock;
}

/** Grassroots organisations report indicators: committees and cells, not their sub-cells. */
export const REPORTING_KINDS: readonly string[] = ['committee', 'cell'];

export class ApiRequest {
  readonly member: Member;
  readonly locale: Locale;
  readonly scope: DashboardScope;
  #organisations: Organisation[] | undefined;

  constructor(
    readonly deps: WebDeps,
    viewer: Viewer,
    readonly query: URLSearchParams,
    readonly params: Readonly<Record<string, string>>,
    readonly body: unknown = undefined,
  ) {
    this.member = viewer.member;
    this.locale = viewer.locale;
    this.scope = dashboardScope(deps.services, viewer.member);
  }

  get services(): Services {
    return this.deps.services;
  }

  get timeZone(): string {
    return this.deps.config.timeZone;
  }

  /** A message of the locale files as plain text (the page escapes nothing: it sets text, never HTML). */
  t = (key: string, args?: TranslationArgs): string => htmlToPlain(this.deps.translator.t(this.locale, key, args));

  date(at: Date): string {
    return formatDate(at, this.timeZone);
  }

  dateTime(at: Date): string {
    return formatDateTime(at, this.timeZone);
  }

  /** Today in the bloc's time zone, yyyy-mm-dd. */
  today(): string {
    const p = localParts(this.deps.clock.now(), this.timeZone);
    return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  }

  /** Plain members see their own meetings and notices only: every organisation-wide table is refused. */
  requireOrganisationView(): void {
    if (this.scope.view === 'member') throw forbidden();
  }

  requireOffice(): void {
    if (this.scope.view !== 'office') throw forbidden();
  }

  /** Every active organisation the viewer may see (none for a plain member). */
  allowedOrganisations(): Organisation[] {
    if (this.#organisations) return this.#organisations;
    const all = this.services.dashboard.organisations();
    const { branchIds } = this.scope;
    const ids = new Set<number>(branchIds ?? []);
    const allowed = branchIds === null ? all : all.filter((o) => ids.has(o.id));
    return (this.#organisations = allowed);
  }

  /** The organisations in view: those allowed, within ?cluster= (the office's filter; 403 for others, 404 unknown). */
  organisations(): Organisation[] {
    const cluster = this.query.get('cluster');
    const allowed = this.allowedOrganisations();
    if (cluster === null || cluster === '') return allowed;
    const id = parseId(cluster);
    if (this.scope.view !== 'office') throw forbidden();
    if (!this.services.branches.getCluster(id)) throw notFound();
    return allowed.filter((o) => o.clusterId === id);
  }

  /** Organisations in view that report indicators. */
  reportingOrganisations(): Organisation[] {
    return this.organisations().filter((o) => REPORTING_KINDS.includes(o.kind));
  }

  /** The branch ids in view, or null for the whole bloc (the office without a filter): figures then equal the bot's. */
  figureScope(): ReadonlySet<number> | null {
    if (this.scope.view === 'office' && !this.query.get('cluster')) return null;
    return new Set(this.organisations().map((o) => o.id));
  }

  /** The organisation named by a path parameter: 400 malformed, 404 unknown, 403 outside the viewer's scope. */
  organisation(param: string): Organisation {
    const id = parseId(this.params[param]);
    if (!this.services.branches.getById(id)) throw notFound();
    const found = this.allowedOrganisations().find((o) => o.id === id);
    if (!found) throw forbidden();
    return found;
  }
}

export function organisationRef(o: Organisation): OrganisationRef {
  return { id: o.id, code: o.code, name: o.name, kind: o.kind, parentId: o.parentId, clusterId: o.clusterId, clusterName: o.clusterName };
}

/** Reads a boolean-free query: only the listed parameters are accepted, anything else is a bad request. */
export function allowQuery(query: URLSearchParams, names: readonly string[]): void {
  for (const key of query.keys()) if (!names.includes(key)) throw badRequest();
}
