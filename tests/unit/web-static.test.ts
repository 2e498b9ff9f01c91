/**
 * The dashboard page's static handler on a plain node:http server: what it serves under /app/,
 * its security and cache headers, precompressed gzip, and what it refuses.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, createStaticHandler, WEB_DIST_DIR } from '../../src/web/static.js';
import { tempDir } from '../helpers/db.js';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function get(server: Server, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function serve(root: string): Promise<Server> {
  const handler = createStaticHandler({ root });
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

const SCRIPT = 'console.log("trang điều khiển");'.repeat(50);

describe('static handler of the dashboard page', () => {
  let server: Server;
  let empty: Server;

  beforeAll(async () => {
    const root = tempDir('web-static');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><div id="app"></div>');
    writeFileSync(join(root, 'index.html.gz'), gzipSync('<!doctype html><div id="app"></div>'));
    writeFileSync(join(root, 'assets/main-ABC123.js'), SCRIPT);
    writeFileSync(join(root, 'assets/main-ABC123.js.gz'), gzipSync(SCRIPT));
    writeFileSync(join(root, 'assets/main-ABC123.css'), 'body{color:red}');
    writeFileSync(join(root, 'secret.txt'), 'not to be served');
    server = await serve(root);
    empty = await serve(tempDir('web-static-empty'));
  });

  afterAll(() => {
    server.close();
    empty.close();
  });

  it('serves index.html for /app/ with the security headers and no caching', async () => {
    const answer = await get(server, '/app/');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.body.toString()).toContain('<div id="app">');
    expect(answer.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    for (const directive of ["default-src 'self'", "script-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'none'", 'frame-ancestors https://web.telegram.org']) {
      expect(CONTENT_SECURITY_POLICY).toContain(directive);
    }
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['referrer-policy']).toBe('no-referrer');
    expect(answer.headers['cache-control']).toBe('no-cache');
    expect((await get(server, '/app/index.html?x=1')).status).toBe(200);
  });

  it('redirects /app to /app/ so the relative asset and API addresses resolve, keeping the query', async () => {
    const answer = await get(server, '/app?startapp=x');
    expect(answer.status).toBe(301);
    expect(answer.headers.location).toBe('/app/?startapp=x');
  });

  it('sends the precompressed twin to a client that accepts gzip, the plain file to one that does not', async () => {
    const gzipped = await get(server, '/app/assets/main-ABC123.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(gzipped.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gzipped.headers.vary).toBe('Accept-Encoding');
    expect(gunzipSync(gzipped.body).toString()).toBe(SCRIPT);
    expect(gzipped.body.length).toBeLessThan(Buffer.byteLength(SCRIPT));

    const plain = await get(server, '/app/assets/main-ABC123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);
    const refused = await get(server, '/app/assets/main-ABC123.js', { 'accept-encoding': 'gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    // No .gz twin: the plain file, even to a gzip client.
    const css = await get(server, '/app/assets/main-ABC123.css', { 'accept-encoding': 'gzip' });
    expect(css.headers['content-encoding']).toBeUndefined();
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.body.toString()).toBe('body{color:red}');
  });

  it('answers HEAD with the headers only, and refuses other methods', async () => {
    const head = await get(server, '/app/', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    const post = await get(server, '/app/', {}, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it('serves nothing outside the built page', async () => {
    for (const path of ['/app/secret.txt', '/app/assets/../secret.txt', '/app/assets/%2e%2e%2fsecret.txt', '/app/assets/..%2Fsecret.txt', '/app/assets/missing-1.js', '/app/assets/', '/app/other', '/app/assets/main-ABC123.js.gz']) {
      const answer = await get(server, path);
      expect(answer.status, path).toBe(404);
      expect(answer.body.toString(), path).not.toContain('not to be served');
      expect(answer.headers['x-content-type-options'], path).toBe('nosniff');
    }
  });

  it('says the page is not built when dist/web is empty', async () => {
    const answer = await get(empty, '/app/');
    expect(answer.status).toBe(503);
    expect(answer.body.toString()).toContain('npm run build:web');
  });

  it('serves the real build: every asset index.html names, under 300 KB gzipped in all', async () => {
    const real = await serve(WEB_DIST_DIR);
    try {
      const index = await get(real, '/app/', { 'accept-encoding': 'gzip' });
      const html = gunzipSync(index.body).toString();
      const assets = [...html.matchAll(/(?:src|href)="(assets\/[^"]+)"/g)].map((m) => m[1]!);
      expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
      expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
      let total = index.body.length;
      for (const asset of assets) {
        const answer = await get(real, `/app/${asset}`, { 'accept-encoding': 'gzip' });
        expect(answer.status, asset).toBe(200);
        expect(answer.headers['content-encoding']).toBe('gzip');
        expect(gunzipSync(answer.body).equals(readFileSync(join(WEB_DIST_DIR, asset)))).toBe(true);
        total += answer.body.length;
      }
      expect(total).toBeLessThan(300 * 1024);
      // Nothing from elsewhere: no absolute URL in the page.
      expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
    } finally {
      real.close();
    }
  });
});
