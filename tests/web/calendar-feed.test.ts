/**
 * The calendar feed over raw HTTP, against the app's own server (PUBLIC_URL set), as calendar apps
 * (or anyone who guesses at addresses) call it: the content read back with a real iCalendar parser,
 * the window, wrong tokens, HEAD, caching, members who left or changed account, the token kept out
 * of the log, and one server for the webhook, the dashboard and the feeds.
 */
import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { AdjustableClock } from '../../src/clock.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { calendarFeeds, members } from '../../src/db/schema.js';
import { feedUrls } from '../../src/http/calendar-feed.js';
import { SYSTEM } from '../../src/services/actor.js';
import { privateChat, textMessage, user } from '../fake-telegram/updates.js';
import { TestBot, type TestAppOptions } from '../helpers/app.js';
import { confirmMeeting, seedSmallBloc } from '../helpers/db.js';
import { initData, WEBAPP_URL } from '../helpers/dashboard.js';

const PUBLIC_URL = 'https://lich.example.org/';
const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
const events = (ics: string) =>
  new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));

describe('the calendar feed (raw HTTP against the app\'s server)', () => {
  let t: TestBot;
  let bloc: ReturnType<typeof seedSmallBloc>;
  const clock = () => t.clock as AdjustableClock;
  afterEach(async () => {
    await t.stop();
  });

  async function start(env: Record<string, string> = {}, webhook?: TestAppOptions['webhook']): Promise<void> {
    t = await TestBot.start({ http: true, webhook, env: { PUBLIC_URL, ...env } });
    bloc = seedSmallBloc(t.services);
    t.services.members.linkTelegram(bloc.cellMember.id, { id: 9506 }, SYSTEM);
    t.services.members.linkTelegram(bloc.subMember.id, { id: 9504 }, SYSTEM);
  }

  /** A new subscription token for a seeded member (linked above). */
  function tokenFor(member: { id: number }): string {
    return t.services.calendar.issue(t.services.members.getById(member.id)!, SYSTEM);
  }
  const local = (url: string) => url.replace(/^https:\/\/lich\.example\.org\//, `${t.origin}/`);
  const get = (token: string, init?: RequestInit) => fetch(local(feedUrls(PUBLIC_URL, token).https), init);

  function schedule(startsAt: Date, o: { branchId?: number | null; title: string }) {
    return confirmMeeting(t.services, { branchId: o.branchId === undefined ? bloc.cell.id : o.branchId, kind: 'regular', title: o.title, startsAt, location: 'Hội trường A&B', agenda: 'Kiểm điểm' }, bloc.cellSecretary.id);
  }

  it('text/calendar with the member\'s meetings from 30 days back to 180 ahead, in their language; cancelled ones and other branches\' left out', async () => {
    await start();
    // Meetings are made when they are ahead: the clock goes back to make the past ones.
    clock().set(at('2026-10-01 08:00'));
    schedule(at('2026-10-20 14:00'), { title: 'Quá 30 ngày trước' }); // 34 days before 23/11
    schedule(at('2026-11-03 14:00'), { title: 'Tháng 11' });
    clock().set(at('2026-11-23 14:00'));
    schedule(at('2027-05-18 14:00'), { title: 'Sau 176 ngày' });
    schedule(at('2027-05-25 14:00'), { title: 'Sau 183 ngày' });
    schedule(at('2026-12-10 08:00'), { branchId: null, title: 'Hội nghị toàn Khối' });
    schedule(at('2026-12-01 08:00'), { branchId: bloc.committee.id, title: 'Đảng ủy Sở' });
    const cancelled = schedule(at('2026-12-02 08:00'), { title: 'Đã hủy' });
    t.services.meetings.cancel(cancelled.id, SYSTEM);

    const res = await get(tokenFor(bloc.cellMember));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = await res.text();
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(text, 'utf8'));
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe(t.services.bloc.get().name);
    const list = events(text);
    expect(list.map((e) => e.summary)).toEqual(['Tháng 11', 'Hội nghị toàn Khối', 'Sau 176 ngày']);
    expect(list[0]!.startDate.toJSDate()).toEqual(at('2026-11-03 14:00'));
    expect(list[0]!.uid).toMatch(/^meeting-\d+@/);
    expect(list[0]!.description).toContain('Sinh hoạt chi bộ định kỳ');
    expect(list[0]!.description).toContain('Chi bộ Công ty TNHH A&B');

    // A member who chose English reads the kinds in English.
    t.services.members.setLanguage(bloc.subMember.id, 'en', SYSTEM);
    const english = events(await (await get(tokenFor(bloc.subMember))).text());
    expect(english.map((e) => e.summary)).toEqual(['Đảng ủy Sở', 'Hội nghị toàn Khối']);
    expect(english[0]!.description).toContain('Regular branch meeting');
  });

  it('the office (no branch) gets every organisation\'s meetings', async () => {
    await start({ ADMIN_IDS: '9500' });
    schedule(at('2026-12-01 08:00'), { branchId: bloc.committee.id, title: 'Đảng ủy Sở' });
    schedule(at('2026-12-02 08:00'), { branchId: bloc.subcell.id, title: 'Chi bộ Ngân sách' });
    schedule(at('2026-12-03 08:00'), { title: 'Chi bộ A&B' });
    const office = t.services.members.findByTelegramId(9500)!;
    expect(office.branchId).toBeNull();
    const list = events(await (await get(t.services.calendar.issue(office, SYSTEM))).text());
    expect(list.map((e) => e.summary)).toEqual(['Đảng ủy Sở', 'Chi bộ Ngân sách', 'Chi bộ A&B']);
  });

  it('wrong tokens get the bare 404 of any unknown path, and no log line', async () => {
    await start();
    const token = tokenFor(bloc.cellMember);
    const base = `${t.origin}/calendar/`;
    const unknown = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    const before = t.logLines.length;
    for (const path of [`${unknown}.ics`, token, `${token}.ical`, 'x.ics', `${token}x.ics`, `${'a'.repeat(5000)}.ics`, '%E0%A4%A.ics']) {
      const res = await fetch(base + path);
      expect(res.status, path.slice(0, 50)).toBe(404);
      expect(await res.text()).toBe('');
    }
    // The stored hash is not a token either.
    const hash = t.app.db.select().from(calendarFeeds).get()!.tokenHash;
    expect((await fetch(`${base}${hash}.ics`)).status).toBe(404);
    expect((await fetch(`${t.origin}/nothing-here`)).status).toBe(404);
    expect(t.logLines.slice(before).filter((l) => !l.includes('"update'))).toEqual([]);
    expect((await get(token)).status).toBe(200);
  });

  it('HEAD: the same status and headers as GET, and no body', async () => {
    await start();
    schedule(at('2026-12-03 14:30'), { title: 'Sinh hoạt chi bộ' });
    const token = tokenFor(bloc.cellMember);
    const full = await get(token);
    const body = await full.text();
    const head = await get(token, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    for (const name of ['content-type', 'content-length', 'etag', 'cache-control']) expect(head.headers.get(name), name).toBe(full.headers.get(name));
    expect(Number(head.headers.get('content-length'))).toBe(Buffer.byteLength(body, 'utf8'));
    expect((await fetch(`${t.origin}/calendar/nope.ics`, { method: 'HEAD' })).status).toBe(404);
  });

  it('caching: a strong ETag and "private, no-cache"; If-None-Match gets 304 until a meeting changes', async () => {
    await start();
    const m = schedule(at('2026-12-03 14:30'), { title: 'Sinh hoạt chi bộ' });
    const token = tokenFor(bloc.cellMember);
    const first = await get(token);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{20,}"$/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    // The same meetings give the same text a moment later (no "now" in it).
    clock().advance(60_000);
    const same = await get(token);
    expect(same.headers.get('etag')).toBe(etag);
    expect(await same.text()).toBe(await first.text());
    const revalidated = await get(token, { headers: { 'if-none-match': etag } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('etag')).toBe(etag);
    expect(await revalidated.text()).toBe('');
    expect((await get(token, { headers: { 'if-none-match': `"other", W/${etag}` } })).status).toBe(304);
    // Moved: a new ETag, and the new time.
    t.services.meetings.move(m.id, at('2026-12-04 14:30'), SYSTEM);
    const changed = await get(token, { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(events(await changed.text())[0]!.startDate.toJSDate()).toEqual(at('2026-12-04 14:30'));
    // Cancelled: it leaves the feed (calendar apps drop what a refreshed feed no longer has).
    t.services.meetings.cancel(m.id, SYSTEM);
    expect(events(await (await get(token)).text())).toEqual([]);
  });

  it('a member who left, or whose Telegram account is no longer the one it was given to, gets 410; a revoked token 404', async () => {
    await start();
    const left = tokenFor(bloc.cellMember);
    const relinked = tokenFor(bloc.subMember);
    t.services.members.setStatus(bloc.cellMember.id, 'left', SYSTEM);
    expect((await get(left)).status).toBe(410);
    // Unlinked (as an import or a fix by hand would), then linked to someone else's account.
    t.app.db.update(members).set({ telegramUserId: null }).where(eq(members.id, bloc.subMember.id)).run();
    expect((await get(relinked)).status).toBe(410);
    t.services.members.linkTelegram(bloc.subMember.id, { id: 9999 }, SYSTEM);
    expect((await get(relinked)).status).toBe(410);
    // Back to the same account and active: it works again.
    t.services.members.linkTelegram(bloc.subMember.id, { id: 9504 }, SYSTEM);
    expect((await get(relinked)).status).toBe(200);
    t.services.calendar.revoke(bloc.subMember.id, SYSTEM);
    expect((await get(relinked)).status).toBe(404);
  });

  it('the token never reaches the log: served, revalidated, refused, nor when the feed fails', async () => {
    await start();
    schedule(at('2026-12-03 14:30'), { title: 'Sinh hoạt chi bộ' });
    const token = tokenFor(bloc.cellMember);
    const ok = await get(token);
    await get(token, { headers: { 'if-none-match': ok.headers.get('etag')! } });
    await get(token, { method: 'HEAD' });
    // The feed fails (here: the database is unreadable): 500, one log line, no path in it.
    const calendar = t.services.calendar;
    const meetingsFor = calendar.meetingsFor.bind(calendar);
    calendar.meetingsFor = () => {
      throw new Error('SQLITE_IOERR: disk I/O error');
    };
    expect((await get(token)).status).toBe(500);
    calendar.meetingsFor = meetingsFor;
    const served = t.logLines.filter((l) => l.includes('calendar feed served'));
    expect(served).toHaveLength(3);
    expect(t.logLines.filter((l) => l.includes('calendar feed failed'))).toHaveLength(1);
    const log = t.logLines.join('\n');
    expect(log).toContain('SQLITE_IOERR');
    expect(log).not.toContain(token);
    expect(log).not.toContain(token.slice(0, 20));
  });

  it('one server: the webhook, the dashboard and the feeds on one port, at PUBLIC_URL\'s path', async () => {
    await start({ WEBAPP_URL, PUBLIC_URL: 'https://lich.example.org/bot/', ADMIN_IDS: '9500' }, { url: 'https://lich.example.org/tg-hook' });
    const { fake } = t;
    const office = user(9500);
    fake.knowChats(office);
    const token = tokenFor(bloc.cellMember);
    const base = t.origin;
    expect(feedUrls('https://lich.example.org/bot/', token).https).toBe(`https://lich.example.org/bot/calendar/${token}.ics`);
    expect((await fetch(`${base}/bot/calendar/${token}.ics`)).status).toBe(200);
    expect((await fetch(`${base}/calendar/${token}.ics`)).status).toBe(404);
    const mark = fake.mark();
    const update = { update_id: 1, ...textMessage(office, privateChat(office), '/trogiup') };
    const hook = await t.postUpdate(update);
    expect(hook.status).toBe(200);
    await fake.waitFor('sendMessage', (p) => p.chat_id === office.id, { after: mark });
    const me = await fetch(`${base}/app/api/me`, { headers: { authorization: `tma ${initData(office, fake.token, t.clock.now())}` } });
    expect(me.status).toBe(200);
  });
});

describe('PUBLIC_URL', () => {
  const TOKEN = '123456:TEST-token-abcdefghijklmnopqrstuvwxyz0123';
  it('is an https address, given a trailing slash; optional', () => {
    expect(loadConfig({ BOT_TOKEN: TOKEN, PUBLIC_URL: 'https://bot.example.org' }).publicUrl).toBe('https://bot.example.org/');
    expect(loadConfig({ BOT_TOKEN: TOKEN, PUBLIC_URL: 'https://bot.example.org/lich/' }).publicUrl).toBe('https://bot.example.org/lich/');
    expect(loadConfig({ BOT_TOKEN: TOKEN, PUBLIC_URL: '' }).publicUrl).toBeUndefined();
    expect(loadConfig({ BOT_TOKEN: TOKEN }).publicUrl).toBeUndefined();
  });

  it('refuses plain http (the address carries a secret) and an address with a query, naming the variable', () => {
    for (const value of ['http://bot.example.org/', 'https://bot.example.org/?a=1', 'bot.example.org']) {
      expect(() => loadConfig({ BOT_TOKEN: TOKEN, PUBLIC_URL: value })).toThrow(ConfigError);
      expect(() => loadConfig({ BOT_TOKEN: TOKEN, PUBLIC_URL: value })).toThrow(/^Configuration error: PUBLIC_URL must be/);
    }
  });
});
