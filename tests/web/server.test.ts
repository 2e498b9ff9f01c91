/**
 * One HTTP server on PORT: the webhook and the dashboard side by side in webhook mode, the
 * dashboard alone in polling mode with WEBAPP_URL, nothing without either; and the route table's
 * `:params` and prefixes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { HttpServer } from '../../src/http/server.js';
import { createLogger } from '../../src/logger.js';
import { FakeTelegram } from '../fake-telegram/server.js';
import { privateChat, textMessage, user } from '../fake-telegram/updates.js';
import { TestBot } from '../helpers/app.js';
import { freePort, initData, WEBAPP_URL } from '../helpers/dashboard.js';

const SECRET = 'webhook-secret-0123456789';

describe('the HTTP server of the webhook and the dashboard', () => {
  let t: TestBot | undefined;
  let fake: FakeTelegram | undefined;
  afterEach(async () => {
    await t?.stop();
    await fake?.close();
    t = undefined;
    fake = undefined;
  });

  it('webhook mode with WEBAPP_URL: one port answers the webhook, the API and /healthz', async () => {
    fake = await FakeTelegram.start();
    const port = await freePort();
    const office = user(9800);
    t = await TestBot.start({
      fake,
      adminIds: [office.id],
      env: { BOT_MODE: 'webhook', WEBHOOK_URL: 'https://bot.example.org/tg-hook', WEBHOOK_SECRET: SECRET, PORT: String(port), WEBAPP_URL },
    });
    const base = `http://127.0.0.1:${port}`;
    fake!.knowChats(office);
    const mark = fake.mark();
    const update = { update_id: 1, ...textMessage(office, privateChat(office), '/bangdieukhien') };
    const hook = await fetch(`${base}/tg-hook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(update) });
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
    const port = await freePort();
    t = await TestBot.start({ env: { PORT: String(port) } });
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
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
