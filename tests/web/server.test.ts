/**
 * One HTTP server on PORT: the webhook and the dashboard side by side in webhook mode, the
 * dashboard alone in polling mode with WEBAPP_URL, nothing without either; and the route table's
 * `:params` and prefixes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { HttpServer } from '../../src/http/server.js';
import { createLogger } from '../../src/logger.js';
import { privateChat, textMessage, user } from '../fake-telegram/updates.js';
import { TestBot } from '../helpers/app.js';
import { initData, WEBAPP_URL } from '../helpers/dashboard.js';
import { freePort } from '../helpers/net.js';

describe('the HTTP server of the webhook and the dashboard', () => {
  let t: TestBot | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });

  it('webhook mode with WEBAPP_URL: one port answers the webhook, the API and /healthz', async () => {
    const office = user(9800);
    t = await TestBot.start({ adminIds: [office.id], webhook: true, env: { WEBAPP_URL } });
    const { fake, origin: base } = t;
    fake.knowChats(office);
    const mark = fake.mark();
    const update = { update_id: 1, ...textMessage(office, privateChat(office), '/bangdieukhien') };
    const hook = await t.postUpdate(update);
    expect(hook.status).toBe(200);
    const reply = await fake.waitFor('sendMessage', (p) => p.chat_id === office.id, { after: mark });
    expect(JSON.stringify(reply.params.reply_markup)).toContain(WEBAPP_URL);
    const me = await fetch(`${base}/app/api/me`, { headers: { authorization: `tma ${initData(office, fake.token, t.clock.now())}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { view: string }).view).toBe('office');
    expect(await (await fetch(`${base}/healthz`)).text()).toBe('ok');
    // The page on the same port, with its security headers.
    const page = await fetch(`${base}/app/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('polling mode: no HTTP server without WEBAPP_URL', async () => {
    t = await TestBot.start({ http: true });
    await expect(fetch(`${t.origin}/healthz`)).rejects.toThrow();
  });
});

describe('HttpServer routes', () => {
  it('exact paths before :param patterns before prefixes (longest first); params decoded', async () => {
    const server = new HttpServer(createLogger({ level: 'silent', secrets: [] }));
    const seen: string[] = [];
    const answer = (name: string) => (_req: unknown, res: { writeHead(n: number): { end(): void } }, params: Record<string, string>) => {
      seen.push(`${name} ${JSON.stringify(params)}`);
      res.writeHead(204).end();
    };
    server
      .route('GET', '/app/api/notices/:id', answer('notice') as never)
      .route('GET', '/app/api/notices/:id/organisations/:orgId', answer('org') as never)
      .route('GET', '/app/api/notices/latest', answer('exact') as never)
      .prefix('GET', '/app/', answer('page') as never)
      .prefix('GET', '/app/api/', answer('api') as never);
    const port = await freePort();
    await server.listen(port, '127.0.0.1');
    try {
      const get = (path: string) => fetch(`http://127.0.0.1:${port}${path}`).then((r) => r.status);
      expect(await get('/app/api/notices/12')).toBe(204);
      expect(await get('/app/api/notices/latest')).toBe(204);
      expect(await get('/app/api/notices/7/organisations/C%C3%B4ng')).toBe(204);
      expect(await get('/app/api/notices/')).toBe(204); // an empty :id is no match: the API prefix
      expect(await get('/app/assets/x.js')).toBe(204);
      expect(await get('/elsewhere')).toBe(404);
      expect(seen).toEqual(['notice {"id":"12"}', 'exact {}', 'org {"id":"7","orgId":"Công"}', 'api {}', 'page {}']);
    } finally {
      await server.close();
    }
  });
});
