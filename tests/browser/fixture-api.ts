/**
 * A stand-in for the dashboard API, for the page's browser tests until they run against the real
 * one: the built page through the real static handler, and the contract's endpoints answered from
 * fixture-data.ts. It checks `Authorization: tma <init data>` on every call like the API does (an
 * unknown init data is a 401) and records every request, so tests can check what the page sent.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DownloadRequest, DownloadResponse, IndicatorsResponse, MeResponse, RemindRequest, RemindResponse } from '../../src/web/contract.js';
import { createStaticHandler } from '../../src/web/static.js';
import * as data from './fixture-data.js';

export interface Persona {
  initData: string;
  me: MeResponse;
}

/** Init data shaped like Telegram's (the fixture does not check the signature; the real API's tests do). */
export function initDataFor(user: { id: number; first_name: string; language_code: string }, authDate = 1796522400): string {
  const params = new URLSearchParams({ query_id: `AAH${user.id}`, user: JSON.stringify(user), auth_date: String(authDate), signature: 'c2lnbmF0dXJl', hash: 'f'.repeat(64) });
  return params.toString();
}

const BASE_ME = { today: data.TODAY, currentPeriod: '2026-Q4', currentPeriodLabel: 'quý IV/2026' };

export const PERSONAS = {
  office: {
    initData: initDataFor({ id: 1001, first_name: 'Hà', language_code: 'vi' }),
    me: { ...BASE_ME, name: 'Nguyễn Thị Hà', language: 'vi', view: 'office', organisations: data.ORGANISATIONS, clusters: data.CLUSTERS },
  },
  officeEnglish: {
    initData: initDataFor({ id: 1002, first_name: 'Minh', language_code: 'en' }),
    me: { ...BASE_ME, name: 'Trần Văn Minh', language: 'en', view: 'office', organisations: data.ORGANISATIONS, clusters: data.CLUSTERS },
  },
  /** A secretary of an organisation that has nothing yet: every screen empty. */
  newcomer: {
    initData: initDataFor({ id: 1004, first_name: 'Lan', language_code: 'vi' }),
    me: { ...BASE_ME, name: 'Phạm Thị Lan', language: 'vi', view: 'organisation', organisations: [], clusters: [] },
  },
  member: {
    initData: initDataFor({ id: 1003, first_name: 'Sơn', language_code: 'vi' }),
    me: { ...BASE_ME, name: 'Lê Văn Sơn', language: 'vi', view: 'member', organisations: [], clusters: [] },
  },
} satisfies Record<string, Persona>;

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

export class FixtureApi {
  readonly requests: RecordedRequest[] = [];
  /** Extra latency on every API answer (to see loading states). */
  delayMs = 0;
  /** API paths (with their query) answered with this status instead, e.g. a 500 or a 403. */
  readonly failures = new Map<string, number>();
  readonly #server: Server;
  readonly #static = createStaticHandler();
  #downloads = 0;

  private constructor() {
    this.#server = createServer((req, res) => void this.#handle(req, res));
  }

  static async start(): Promise<FixtureApi> {
    const api = new FixtureApi();
    await new Promise<void>((resolve) => api.#server.listen(0, '127.0.0.1', resolve));
    return api;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  apiCalls(path: string | RegExp): RecordedRequest[] {
    return this.requests.filter((r) => (typeof path === 'string' ? r.path === path : path.test(r.path)));
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fixture');
    if (!url.pathname.startsWith('/app/api/')) {
      if (url.pathname === '/app' || url.pathname.startsWith('/app/')) this.#static(req, res);
      else res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body: unknown = raw ? JSON.parse(raw) : undefined;
    const authorization = req.headers.authorization;
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname + url.search, authorization, body });
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));

    const failure = this.failures.get(url.pathname + url.search);
    if (failure) {
      res.writeHead(failure, { 'content-type': 'application/json' }).end(JSON.stringify({ error: failure === 403 ? 'forbidden' : 'internal' }));
      return;
    }
    const json = (status: number, payload: unknown) => void res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(payload));
    if (url.pathname === '/app/api/download') {
      if (!/^tok-\d+$/.test(url.searchParams.get('token') ?? '')) return json(401, { error: 'unauthorized' });
      res.writeHead(200, { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'content-disposition': 'attachment; filename="bang.xlsx"' }).end(Buffer.from('PK\x03\x04fixture'));
      return;
    }
    const persona = Object.values(PERSONAS).find((p) => authorization === `tma ${p.initData}`);
    if (!persona) return json(401, { error: 'unauthorized' });
    const me = persona.me as MeResponse;
    const clusterParam = url.searchParams.get('cluster');
    if (clusterParam !== null && !data.CLUSTERS.some((c) => String(c.id) === clusterParam)) return json(400, { error: 'bad_request' });
    const cluster = clusterParam === null ? null : Number(clusterParam);
    const office = me.view !== 'member';
    const parts = url.pathname.slice('/app/api/'.length).split('/');
    const route = `${req.method} ${parts.map((p) => (/^\d+$/.test(p) ? ':id' : p)).join('/')}`;
    const id = (i: number) => Number(parts[i]);
    const found = (value: unknown) => (value === null ? json(404, { error: 'not_found' }) : json(200, value));
    const forbidden = () => json(403, { error: 'forbidden' });

    if (persona === PERSONAS.newcomer && route !== 'GET me' && route.startsWith('GET')) return json(200, data.emptyAnswer(route));
    switch (route) {
      case 'GET me':
        return json(200, me);
      case 'GET indicators': {
        if (!office) return forbidden();
        const resolutionId = Number(url.searchParams.get('resolution') ?? 2);
        const resolution = data.RESOLUTIONS.find((r) => r.id === resolutionId);
        if (!resolution) return json(404, { error: 'not_found' });
        const answer: IndicatorsResponse = { resolutions: data.RESOLUTIONS, resolution, readOnly: resolution.closed, indicators: data.indicatorCards(cluster, resolution.id) };
        return json(200, answer);
      }
      case 'GET indicators/:id':
        return office ? found(data.indicatorDetail(id(1), cluster)) : forbidden();
      case 'GET indicators/:id/organisations/:id':
        return office ? found(data.organisationHistory(id(1), id(3))) : forbidden();
      case 'GET reports':
        return office ? json(200, data.reports(cluster, me.view === 'office')) : forbidden();
      case 'POST reports/remind': {
        if (me.view !== 'office') return forbidden();
        const request = body as RemindRequest;
        if (!request || typeof request.period !== 'string' || !Array.isArray(request.orgIds)) return json(400, { error: 'bad_request' });
        const skipped: RemindResponse['skipped'] = request.orgIds.filter((orgId) => orgId === 108).map((orgId) => ({ orgId, reason: 'already_reminded' }));
        const answer: RemindResponse = { queued: request.orgIds.length - skipped.length, skipped };
        return json(200, answer);
      }
      case 'GET meetings':
        return json(200, data.meetings(cluster, me));
      case 'GET notices':
        return json(200, { notices: data.notices(cluster, me) });
      case 'GET notices/:id':
        return office ? found(data.noticeDetail(id(1), cluster, me)) : forbidden();
      case 'GET notices/:id/organisations/:id':
        return office ? found(data.noticeOrganisation(id(1), id(3))) : forbidden();
      case 'GET coverage':
        return office ? json(200, data.coverage(cluster)) : forbidden();
      case 'POST downloads': {
        const request = body as DownloadRequest;
        if (!request || typeof request.path !== 'string' || !request.path.startsWith('/app/api/')) return json(400, { error: 'bad_request' });
        this.#downloads += 1;
        const answer: DownloadResponse = { url: `/app/api/download?token=tok-${this.#downloads}`, fileName: 'bang-dieu-khien.xlsx' };
        return json(200, answer);
      }
      default:
        return json(404, { error: 'not_found' });
    }
  }
}
