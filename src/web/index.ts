/**
 * The dashboard on the process's HTTP server: its JSON API under /app/api/ (every call but the
 * download link authenticated by Telegram's init data, src/web/auth.ts) and its page under /app/.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, type HttpServer, readBody, type RouteHandler } from '../http/server.js';
import type { Logger } from '../logger.js';
import { createDownload, download } from './api/downloads.js';
import { remind } from './api/reports.js';
import { authenticate, initDataOf, type Viewer } from './auth.js';
import { API_HEADERS, ApiError, badRequest, sendError, sendJson } from './http.js';
import { ApiRequest, type WebDeps } from './request.js';
import { API_PREFIX, GET_ROUTES } from './routes.js';

/** A request body of the API is a few ids: 16 KB is plenty. */
const BODY_LIMIT = 16 * 1024;

export interface DashboardOptions {
  logger: Logger;
  /**
   * GET /app/ and everything under it that is not the API: the page and its assets (src/web/static.ts).
   * Until it is given, those paths answer 404.
   */
  page?: RouteHandler;
}

export function mountDashboard(server: HttpServer, deps: WebDeps, options: DashboardOptions): void {
  const viewerOf = (req: IncomingMessage): Promise<Viewer | null> =>
    authenticate(initDataOf(req), { botToken: deps.config.botToken, clock: deps.clock, members: deps.services.members });

  /** Authenticates, runs, answers JSON; an ApiError anywhere becomes its status and body. */
  const endpoint =
    (run: (viewer: Viewer, req: IncomingMessage, params: Readonly<Record<string, string>>, body: unknown) => unknown, readsBody = true): RouteHandler =>
    async (req, res, params) => {
      try {
        const viewer = await viewerOf(req);
        if (!viewer) throw new ApiError('unauthorized');
        const body = req.method === 'POST' && readsBody ? await jsonBody(req) : undefined;
        sendJson(res, 200, run(viewer, req, params, body));
      } catch (error) {
        if (error instanceof ApiError) return sendError(res, error.code);
        if (error instanceof BodyTooLargeError) return sendError(res, 'bad_request');
        throw error;
      }
    };
  const queryOf = (req: IncomingMessage) => new URL(req.url ?? '/', 'http://dashboard.invalid').searchParams;

  for (const route of GET_ROUTES) {
    server.route('GET', route.path, endpoint((viewer, req, params) => route.handler(new ApiRequest(deps, viewer, queryOf(req), params))));
  }
  server.route('POST', '/app/api/reports/remind', endpoint((viewer, req, params, body) => remind(new ApiRequest(deps, viewer, queryOf(req), params, body))));
  server.route('POST', '/app/api/downloads', endpoint((viewer, _req, _params, body) => createDownload(deps, viewer, body)));
  server.route('GET', '/app/api/download', async (req, res) => {
    try {
      const caller = initDataOf(req) === null ? undefined : await viewerOf(req);
      const { sheet, file } = await download(deps, queryOf(req).get('token'), caller);
      res
        .writeHead(200, {
          ...API_HEADERS,
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'content-disposition': `attachment; filename="${sheet.fileName}"`,
          'content-length': file.length,
        })
        .end(file);
    } catch (error) {
      if (error instanceof ApiError) return sendError(res, error.code);
      throw error;
    }
  });
  // Any other API path: 401 without init data, else 404; never the page.
  const unknown = endpoint(() => {
    throw new ApiError('not_found');
  }, false);
  server.prefix('GET', API_PREFIX, unknown);
  server.prefix('POST', API_PREFIX, unknown);
  const page = options.page ?? ((_req: IncomingMessage, res: ServerResponse) => void res.writeHead(404).end());
  server.prefix('GET', '/app/', page);
  server.route('GET', '/app', page); // redirects to /app/
  options.logger.debug({ routes: GET_ROUTES.length + 3 }, 'dashboard API mounted');
}

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const raw = await readBody(req, BODY_LIMIT);
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw badRequest();
  }
}
