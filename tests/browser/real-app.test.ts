/**
 * The dashboard page against the real app (not the fixture API): the bot with its HTTP server on a
 * free port, the page built into dist/web and served by it, init data signed with the bot's token
 * as Telegram signs it. The figures on screen are checked against the bot's own answers (/chitieu,
 * /thongbao N) on the same database; the download gives a workbook; a secretary's page shows their
 * organisation only and the API refuses them another's.
 */
import ExcelJS from 'exceljs';
import type { User } from 'grammy/types';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Html, htmlToPlain } from '../../src/bot/render/html.js';
import { SYSTEM } from '../../src/services/actor.js';
import type { Indicator } from '../../src/services/indicators.js';
import { privateChat, user } from '../fake-telegram/updates.js';
import { SCRIPTED_MEMBERS, TestBot } from '../helpers/app.js';
import { initData, WEBAPP_URL } from '../helpers/dashboard.js';
import { confirmBlocNotice, seedSmallBloc } from '../helpers/db.js';
import { launchChromium, launchHash, openMiniApp, pageErrors, posted, violations } from './chromium.js';

const poll = ((actual: () => unknown) => expect.poll(actual, { timeout: 10_000 })) as typeof expect.poll;
const plain = (text: string) => htmlToPlain(new Html(text));

describe('dashboard page on the real app', () => {
  let t: TestBot;
  let browser: Browser;
  let origin: string;
  let bloc: ReturnType<typeof seedSmallBloc>;
  let admissions: Indicator;
  let otherCell: { id: number };
  let noticeId: number;
  const office = user(9700, { first_name: 'Văn phòng' });
  const secretary = user(9701); // DB01 (with its sub-cell DB01-01)
  const member = user(9703); // DB01

  beforeAll(async () => {
    [t, browser] = await Promise.all([
      // Set-up through the services and commands typed at machine speed: a private chat's own limit lifted.
      TestBot.start({ adminIds: [office.id], telegram: SCRIPTED_MEMBERS, http: true, env: { WEBAPP_URL } }),
      launchChromium(),
    ]);
    origin = t.origin;
    const s = t.services;
    bloc = seedSmallBloc(s);
    otherCell = s.branches.upsert({ code: 'CB09', name: 'Chi bộ Công ty Cấp nước', kind: 'cell' }, SYSTEM).branch;
    const link = (id: number, tg: User) => s.members.linkTelegram(id, { id: tg.id }, SYSTEM);
    link(bloc.secretary.id, secretary);
    link(bloc.member.id, member);
    t.fake.knowChats(office, secretary, member); // in real life through /start

    const res = s.indicators.upsertResolution(
      { code: 'NQ-2025', name: 'Nghị quyết Đại hội 2025–2030', level: 'bloc', termStartYear: 2025, termEndYear: 2030, current: true, closed: false },
      SYSTEM,
    );
    admissions = s.indicators.upsertIndicator({ resolutionId: res.id, code: 'KN-DV', title: 'Kết nạp đảng viên mới', unit: 'đảng viên', kind: 'term_count', target: 1300, sort: 1 }, SYSTEM);
    s.indicators.report(admissions.id, bloc.committee.id, '2026-Q3', { numerator: 40, denominator: null, note: null }, null, SYSTEM);
    s.indicators.report(admissions.id, bloc.cell.id, '2026-Q4', { numerator: 12, denominator: null, note: null }, null, SYSTEM);
    s.indicators.report(admissions.id, otherCell.id, '2026-Q4', { numerator: 1234, denominator: null, note: null }, null, SYSTEM);

    const author = s.members.findByTelegramId(office.id)!;
    noticeId = confirmBlocNotice(s, author, { title: 'Kế hoạch học tập Nghị quyết', body: 'Kế hoạch học tập Nghị quyết' });
    t.app.sender.wake();
    s.notices.acknowledge(noticeId, s.members.getById(bloc.member.id)!, SYSTEM);
    await t.fake.waitFor('sendMessage', (p) => p.chat_id === office.id && String(p.text).includes('Kết quả gửi thông báo'), 20_000);
    await t.settle();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  async function open(as: User): Promise<Page> {
    const page = await openMiniApp(browser, `${origin}/app/${launchHash(initData(as, t.fake.token, t.clock.now()), 'light')}`);
    return page;
  }

  async function clean(page: Page): Promise<void> {
    expect(pageErrors(page)).toEqual([]);
    expect(await violations(page)).toEqual([]);
    await page.context().close();
  }

  it('the office sees the figure /chitieu gives, and the notice counts /thongbao N gives', async () => {
    const chitieu = plain(await t.say(office, privateChat(office), '/chitieu KN-DV'));
    const now = chitieu.split('\n').find((l) => l.startsWith('Hiện tại'))!;
    // DB01 40 + CB02 12 + CB09 1.234 = 1.286, as the bot writes it.
    expect(now).toContain(': 1.286 ');
    const page = await open(office);
    await poll(() => page.locator(`[data-indicator="${admissions.id}"]`).count()).toBe(1);
    const card = await page.locator(`[data-indicator="${admissions.id}"]`).innerText();
    expect(card).toContain('1.286');
    expect(card).toContain('Kết nạp đảng viên mới');

    const report = plain(await t.say(office, privateChat(office), `/thongbao ${noticeId}`));
    const acked = /Đã xác nhận: (\d+)\/(\d+)/.exec(report)!;
    const sent = /Đã gửi (\d+) tin/.exec(report)!;
    await page.locator('[data-tab="notices"]').click();
    await poll(() => page.locator(`[data-notice="${noticeId}"]`).count()).toBe(1);
    const notice = page.locator(`[data-notice="${noticeId}"]`);
    expect(await notice.locator('[data-count="acknowledged"]').innerText()).toContain(`${acked[1]}/${acked[2]}`);
    expect(await notice.locator('[data-count="delivered"] strong').innerText()).toBe(sent[1]);
    await clean(page);
  });

  it('a table downloads as a workbook through Telegram, with the rows on screen', async () => {
    const page = await open(office);
    await page.locator('[data-tab="coverage"]').click();
    await poll(() => page.locator('table[data-table="coverage"] tbody tr').count()).toBeGreaterThan(2);
    const names = await page.locator('table[data-table="coverage"] tbody tr td:nth-child(1)').allInnerTexts();
    await page.locator('[data-download="coverage"]').click();
    await poll(async () => (await posted(page)).some((e) => e.eventType === 'web_app_request_file_download')).toBe(true);
    const event = (await posted(page)).find((e) => e.eventType === 'web_app_request_file_download')!;
    const url = (event.eventData as { url: string }).url;
    const file = await fetch(url.replace(/^https:\/\/dashboard\.example\.org/, origin));
    expect(file.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await file.arrayBuffer()) as never);
    const cells = book.worksheets[0]!.getColumn(1).values.map((v) => String(v ?? ''));
    for (const name of names) expect(cells).toContain(name);
    await clean(page);
  });

  it('a secretary sees their organisation and its sub-cells only; another organisation is refused', async () => {
    const page = await open(secretary);
    await page.locator('[data-tab="coverage"]').click();
    await poll(() => page.locator('table[data-table="coverage"] tbody tr').count()).toBe(2);
    const names = await page.locator('table[data-table="coverage"] tbody tr td:nth-child(1)').allInnerTexts();
    expect(names.sort()).toEqual([bloc.committee.name, bloc.subcell.name].sort());
    expect(await page.locator('body').innerText()).not.toContain('Chi bộ Công ty Cấp nước');
    // The page's own init data, used against another organisation's history: refused.
    const status = await page.evaluate(
      async ([path]) => {
        const raw = new URLSearchParams(location.hash.slice(1)).get('tgWebAppData');
        return (await fetch(path!, { headers: { authorization: `tma ${raw}` } })).status;
      },
      [`/app/api/indicators/${admissions.id}/organisations/${otherCell.id}`],
    );
    expect(status).toBe(403);
    await clean(page);
  });

  it('a plain member is not shown the organisation tables', async () => {
    const page = await open(member);
    await poll(() => page.locator('[data-tab="notices"]').count()).toBe(1);
    expect(await page.locator('[data-tab="coverage"]').count()).toBe(0);
    expect(await page.locator('[data-tab="indicators"]').count()).toBe(0);
    await page.locator('[data-tab="notices"]').click();
    await poll(() => page.locator(`[data-notice="${noticeId}"]`).count()).toBe(1);
    await clean(page);
  });
});
