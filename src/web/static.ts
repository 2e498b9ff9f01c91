/**
 * Serves the built dashboard page (dist/web, made by `npm run build:web`) under the Mini App's base
 * path: index.html for /app/, hashed assets under /app/assets/. Everything comes from this process
 * (no CDN), gzip-compressed at build time, with a CSP that lets only Telegram's web clients frame it.
 * The JSON API under /app/api/ is routed before this handler; anything else here is a 404.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { PROJECT_ROOT } from '../paths.js';

export const WEB_DIST_DIR = join(PROJECT_ROOT, 'dist/web');

/** Telegram Web (A and K) embeds Mini Apps in an iframe; the phone and desktop apps use a webview, which CSP framing rules do not concern. */
const TELEGRAM_WEB_CLIENTS = ['https://web.telegram.org', 'https://webk.telegram.org', 'https://webz.telegram.org'];

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  `frame-ancestors ${TELEGRAM_WEB_CLIENTS.join(' ')}`,
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** An asset's name as the build writes it: no path separators, so nothing outside assets/ is reachable. */
const ASSET_NAME = /^[A-Za-z0-9_-]+\.[A-Za-z0-9]+$/;

export interface StaticOptions {
  /** The built page; dist/web by default. */
  root?: string;
  /** The Mini App's base path, with both slashes; '/app/' by default. */
  basePath?: string;
}

export type StaticHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The page's handler, for every GET or HEAD whose path starts with the base path (without its
 * trailing slash). It reads from disk on each request, so a rebuild is served at once.
 */
export function createStaticHandler(options: StaticOptions = {}): StaticHandler {
  const root = options.root ?? WEB_DIST_DIR;
  const base = options.basePath ?? '/app/';
  return (req, res) => {
    void serve(req, res, root, base).catch(() => {
      if (!res.headersSent) res.writeHead(500, SECURITY_HEADERS).end();
      else res.end();
    });
  };
}

async function serve(req: IncomingMessage, res: ServerResponse, root: string, base: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...SECURITY_HEADERS, allow: 'GET, HEAD' }).end();
    return;
  }
  const [path = '/', query] = (req.url ?? '/').split('?', 2);
  if (path === base.slice(0, -1)) {
    // Relative asset and API URLs need the trailing slash; the hash (Telegram's launch parameters) survives a redirect.
    res.writeHead(301, { ...SECURITY_HEADERS, location: query === undefined ? base : `${base}?${query}` }).end();
    return;
  }
  let file: string | null = null;
  let immutable = false;
  if (path === base || path === `${base}index.html`) {
    file = 'index.html';
  } else if (path.startsWith(`${base}assets/`) && ASSET_NAME.test(path.slice(base.length + 'assets/'.length))) {
    file = `assets/${path.slice(base.length + 'assets/'.length)}`;
    immutable = true;
  }
  const type = file ? CONTENT_TYPES[extname(file)] : undefined;
  if (!file || !type) {
    res.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' }).end();
    return;
  }
  const gzip = acceptsGzip(req.headers['accept-encoding']);
  const body = (await readIfExists(join(root, gzip ? `${file}.gz` : file))) ?? (gzip ? await readIfExists(join(root, file)) : null);
  if (!body) {
    // index.html missing means the page was never built: say so to whoever looks.
    const status = file === 'index.html' ? 503 : 404;
    res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' }).end(status === 503 ? 'The dashboard page is not built: run npm run build:web.' : '');
    return;
  }
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': type,
    'content-length': body.data.length,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    vary: 'Accept-Encoding',
    ...(body.path.endsWith('.gz') ? { 'content-encoding': 'gzip' } : {}),
  });
  res.end(req.method === 'HEAD' ? undefined : body.data);
}

function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return value.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== '*') return false;
    return !params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(p));
  });
}

async function readIfExists(path: string): Promise<{ path: string; data: Buffer } | null> {
  try {
    return { path, data: await readFile(path) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
