/**
 * The process's one HTTP server (node:http): routes by method and path, with GET /healthz built in.
 * A path is exact ('/healthz'), or has `:name` segments that match one segment each and reach the
 * handler as params ('/app/api/notices/:id'); a prefix route takes every path under it (the
 * dashboard's page and assets). Exact paths win over patterns, patterns over prefixes (the longest
 * first). The webhook is one route, the dashboard more. A route that throws gets a 500 and a log line.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';

export type RouteParams = Readonly<Record<string, string>>;
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, params: RouteParams) => void | Promise<void>;
export type Method = 'GET' | 'HEAD' | 'POST';

interface PatternRoute {
  method: Method;
  segments: string[];
  handler: RouteHandler;
}

export class HttpServer {
  readonly #routes = new Map<string, RouteHandler>();
  readonly #patterns: PatternRoute[] = [];
  readonly #prefixes: { method: Method; prefix: string; handler: RouteHandler }[] = [];
  readonly #server: Server;

  constructor(private readonly logger: Logger) {
    this.route('GET', '/healthz', (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'));
    this.#server = createServer((req, res) => void this.#dispatch(req, res));
  }

  route(method: Method, path: string, handler: RouteHandler): this {
    if (path.split('/').some((s) => s.startsWith(':'))) this.#patterns.push({ method, segments: path.split('/'), handler });
    else this.#routes.set(`${method} ${path}`, handler);
    return this;
  }

  /** Every path that starts with `prefix` (e.g. '/app/'), unless an exact or pattern route takes it. */
  prefix(method: Method, prefix: string, handler: RouteHandler): this {
    this.#prefixes.push({ method, prefix, handler });
    this.#prefixes.sort((a, b) => b.prefix.length - a.prefix.length);
    return this;
  }

  listen(port: number, host?: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, host, () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
  }

  /** Stops accepting connections and ends idle keep-alive ones; requests in progress finish. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.#server.listening) return resolve();
      this.#server.close(() => resolve());
      this.#server.closeIdleConnections();
    });
  }

  async #dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    const found = this.#find(req.method ?? '', path);
    if (!found) {
      res.writeHead(404).end();
      return;
    }
    try {
      await found.handler(req, res, found.params);
    } catch (error) {
      this.logger.error({ err: error, method: req.method, path }, 'HTTP request failed');
      if (!res.headersSent) res.writeHead(500).end();
      else res.end();
    }
  }

  #find(method: string, path: string): { handler: RouteHandler; params: RouteParams } | null {
    const exact = this.#routes.get(`${method} ${path}`);
    if (exact) return { handler: exact, params: {} };
    for (const route of this.#patterns) {
      if (route.method !== method) continue;
      const params = matchPath(route.segments, path);
      if (params) return { handler: route.handler, params };
    }
    const prefix = this.#prefixes.find((p) => p.method === method && path.startsWith(p.prefix));
    return prefix ? { handler: prefix.handler, params: {} } : null;
  }
}

/**
 * The params of `path` under a pattern ('/app/api/notices/:id' or its segments), or null when it
 * does not match: each `:name` takes one non-empty segment, percent-decoded.
 */
export function matchPath(pattern: string | readonly string[], path: string): Record<string, string> | null {
  const expected = typeof pattern === 'string' ? pattern.split('/') : pattern;
  const segments = path.split('/');
  if (expected.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (const [i, s] of expected.entries()) {
    const given = segments[i]!;
    if (!s.startsWith(':')) {
      if (s !== given) return null;
      continue;
    }
    if (given === '') return null;
    try {
      params[s.slice(1)] = decodeURIComponent(given);
    } catch {
      return null;
    }
  }
  return params;
}

export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
}

/**
 * Reads a request body of at most `limit` bytes. A larger one (declared or as it arrives) is
 * refused at once with BodyTooLargeError: nothing beyond the limit is read or kept.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyTooLargeError(`body of ${declared} bytes`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        reject(new BodyTooLargeError(`body over ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/**
 * Answers and closes the connection: used when the request's body is left unread, which would
 * otherwise be drained to keep the connection alive.
 */
export function answerAndClose(res: ServerResponse, status: number, body = ''): void {
  res.writeHead(status, { connection: 'close', 'content-type': 'text/plain' }).end(body);
}
