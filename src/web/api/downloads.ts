/**
 * POST /app/api/downloads and GET /app/api/download?token=…: a table as .xlsx through a link that
 * Telegram's webview can open without our Authorization header. The link carries a token bound to
 * the member and to one table path, valid five minutes by the project's clock, signed with HMAC
 * under a key derived from the bot token. Signed rather than stored: nothing to keep or clean up,
 * and a link stays valid across a restart within its five minutes; a forged or altered token fails
 * the signature. On download the member is loaded again and the table's endpoint runs again as
 * them, so a role lost meanwhile is refused like any API call.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { matchPath } from '../../http/server.js';
import { addHeader, fitWidths, loadExcelJS } from '../../services/workbook-style.js';
import type { DownloadRequest, DownloadResponse } from '../contract.js';
import { type Viewer, viewerOf } from '../auth.js';
import { ApiError, badRequest } from '../http.js';
import { ApiRequest, type WebDeps } from '../request.js';
import { API_PREFIX, GET_ROUTES, type GetRoute } from '../routes.js';
import type { Sheet } from '../sheet.js';

export const DOWNLOAD_TTL_MS = 5 * 60 * 1000;

interface TokenBody {
  /** member id */
  m: number;
  /** the table's path with its query */
  p: string;
  /** expiry, ms since the epoch */
  e: number;
}

function keyOf(botToken: string): Buffer {
  return createHmac('sha256', 'party-bloc-bot/dashboard-download').update(botToken).digest();
}

function signature(botToken: string, body: string): Buffer {
  return createHmac('sha256', keyOf(botToken)).update(body).digest();
}

export function makeToken(botToken: string, body: TokenBody): string {
  const encoded = Buffer.from(JSON.stringify(body)).toString('base64url');
  return `${encoded}.${signature(botToken, encoded).toString('base64url')}`;
}

/** The token's body if its signature is ours, else null (its expiry is the caller's to check). */
export function readToken(botToken: string, token: string): TokenBody | null {
  const [encoded, sig, extra] = token.split('.');
  if (!encoded || !sig || extra !== undefined || token.length > 2048) return null;
  const given = Buffer.from(sig, 'base64url');
  const expected = signature(botToken, encoded);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const body = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as TokenBody;
    if (!Number.isSafeInteger(body.m) || typeof body.p !== 'string' || !Number.isFinite(body.e)) return null;
    return body;
  } catch {
    return null;
  }
}

/** The table route of an API path with its query ("/app/api/reports?cluster=2"); 400 for anything else. */
function tableOf(path: unknown): { route: GetRoute & { sheet: NonNullable<GetRoute['sheet']> }; params: Record<string, string>; query: URLSearchParams } {
  if (typeof path !== 'string' || path.length > 1000 || !path.startsWith(API_PREFIX)) throw badRequest();
  const url = new URL(path, 'http://dashboard.invalid');
  for (const route of GET_ROUTES) {
    const params = route.sheet ? matchPath(route.path, url.pathname) : null;
    if (params) return { route: route as GetRoute & { sheet: NonNullable<GetRoute['sheet']> }, params, query: url.searchParams };
  }
  throw badRequest();
}

/** Runs the table's endpoint as the viewer: its errors (403, 404, 400) are the download's. */
function tableFor(deps: WebDeps, viewer: Viewer, path: string): Sheet {
  const { route, params, query } = tableOf(path);
  const req = new ApiRequest(deps, viewer, query, params);
  return route.sheet(req, route.handler(req) as never);
}

export function createDownload(deps: WebDeps, viewer: Viewer, body: unknown): DownloadResponse {
  const path = (body as Partial<DownloadRequest> | null)?.path;
  const sheet = tableFor(deps, viewer, path as string);
  const token = makeToken(deps.config.botToken, { m: viewer.member.id, p: path as string, e: deps.clock.now().getTime() + DOWNLOAD_TTL_MS });
  const url = new URL(`api/download?token=${encodeURIComponent(token)}`, deps.config.webappUrl);
  return { url: url.href, fileName: sheet.fileName };
}

/**
 * The workbook of a download link, for the member it names. A forged or expired token, a member
 * no longer served, or a caller who shows init data of another member: 401.
 */
export async function download(deps: WebDeps, token: string | null, caller: Viewer | null | undefined): Promise<{ sheet: Sheet; file: Buffer }> {
  const body = token ? readToken(deps.config.botToken, token) : null;
  if (!body || body.e < deps.clock.now().getTime()) throw new ApiError('unauthorized');
  // Opened from the page with init data (not through Telegram's download): it must be the same member.
  if (caller === null || (caller !== undefined && caller.member.id !== body.m)) throw new ApiError('unauthorized');
  const viewer = viewerOf(deps.services.members.getById(body.m));
  if (!viewer || viewer.member.status !== 'active') throw new ApiError('unauthorized');
  const sheet = tableFor(deps, viewer, body.p);
  return { sheet, file: await workbook(sheet) };
}

async function workbook(sheet: Sheet): Promise<Buffer> {
  const book = new (await loadExcelJS()).Workbook();
  book.creator = 'party-bloc-bot';
  const ws = book.addWorksheet(sheet.name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1', { views: [{ state: 'frozen', ySplit: 1 }] });
  addHeader(ws, sheet.columns);
  const rows = sheet.rows.map((r) => ws.addRow(r).values as (string | number | null)[]);
  fitWidths(ws, sheet.columns, rows);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
  return Buffer.from(await book.xlsx.writeBuffer());
}
