/**
 * The process's one HTTP server (node:http): a small table of routes by method and exact path, with
 * GET /healthz built in. The webhook is one route; pages served later (a dashboard, calendar
 * feeds) are more routes on the same server. A route that throws gets a 500 and a log line.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export class HttpServer {
  readonly #routes = new Map<string, RouteHandler>();
  readonly #server: Server;

  constructor(private readonly logger: Logger) {
    this.route('GET', '/healthz', (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'));
    this.#server = createServer((req, res) => void this.#dispatch(req, res));
  }

  route(method: 'GET' | 'POST', path: string, handler: RouteHandler): this {
    this.#routes.set(`${method} ${path}`, handler);
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
    const handler = this.#routes.get(`${req.method} ${path}`);
    if (!handler) {
      res.writeHead(404).end();
      return;
    }
    try {
      await handler(req, res);
    } catch (error) {
      this.logger.error({ err: error, method: req.method, path }, 'HTTP request failed');
      if (!res.headersSent) res.writeHead(500).end();
      else res.end();
    }
  }
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
