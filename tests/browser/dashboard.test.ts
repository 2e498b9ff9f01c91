/**
 * The dashboard page in headless Chromium against the fixture API: every screen shows the API's
 * numbers, tables sort, drill-downs follow Telegram's back button, downloads go through Telegram,
 * a refused session says how to get back in, and both of Telegram's themes are applied.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, launchHash, openMiniApp, pageErrors, posted, telegramEvent, THEMES, violations, type ThemeName } from './chromium.js';
import { FixtureApi, PERSONAS } from './fixture-api.js';
import * as data from './fixture-data.js';

const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), 'screenshots');

// Pages render in a few hundred milliseconds, but the whole suite shares two cores: wait up to 10 s.
const poll = ((actual: () => unknown, options?: string | { message?: string }) =>
  expect.poll(actual, { timeout: 10_000, ...(typeof options === 'string' ? { message: options } : options) })) as typeof expect.poll;

let browser: Browser;
let api: FixtureApi;

beforeAll(async () => {
  [browser, api] = await Promise.all([launchChromium(), FixtureApi.start()]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

async function open(persona: keyof typeof PERSONAS | null, theme: ThemeName = 'light', initData?: string): Promise<Page> {
  const raw = initData ?? (persona ? PERSONAS[persona].initData : null);
  return openMiniApp(browser, `${api.origin}/app/${launchHash(raw, theme)}`);
}

/** Text of every cell of a column of a table, in the order shown. */
function column(page: Page, table: string, index: number): Promise<string[]> {
  return page.locator(`table[data-table="${table}"] tbody tr td:nth-child(${index})`).allInnerTexts();
}

async function clean(page: Page): Promise<void> {
  expect(pageErrors(page)).toEqual([]);
  expect(await violations(page)).toEqual([]);
  await page.context().close();
}

describe('dashboard page', () => {
  it('opens on the indicators with the fixture figures, sending the init data on every call', async () => {
    const page = await open('office');
    const cards = data.indicatorCards(null, 2);
    await poll(() => page.locator('[data-indicator]').count()).toBe(11);
    for (const card of cards) {
      const text = await page.locator(`[data-indicator="${card.id}"]`).innerText();
      expect(text).toContain(card.title);
      expect(text).toContain(card.valueLabel);
      expect(text).toContain(card.statusLabel);
      expect(text).toContain(`${card.reported}/${card.expected}`);
    }
    const calls = api.requests.filter((r) => r.path.startsWith('/app/api/'));
    expect(calls.map((c) => c.path)).toEqual(expect.arrayContaining(['/app/api/me', '/app/api/indicators']));
    for (const call of calls) expect(call.authorization).toBe(`tma ${PERSONAS.office.initData}`);
    const events = (await posted(page)).map((e) => e.eventType);
    expect(events).toContain('web_app_ready');
    expect(events).toContain('web_app_expand');
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await clean(page);
  });

  it('drills into an indicator (chart, sortable table, history) and back with Telegram\'s back button', async () => {
    const page = await open('office');
    const detail = data.indicatorDetail(201, null)!;
    await page.locator('[data-indicator="201"]').click();
    await poll(() => page.locator('table[data-table="indicator-rows"] tbody tr').count()).toBe(data.ORGANISATIONS.length);
    expect(await page.locator('.chart canvas').count()).toBe(1);
    expect(await page.locator('.chart figcaption').innerText()).toContain('Quý hiện tại chưa kết thúc');
    const backs = async () => (await posted(page)).filter((e) => e.eventType === 'web_app_setup_back_button').map((e) => e.eventData);
    expect((await backs()).at(-1)).toEqual({ is_visible: true });

    // Sort by figure: highest first, organisations that never reported last.
    await page.locator('table[data-table="indicator-rows"] [data-sort="value"]').click();
    const byValue = [...detail.rows].sort((a, b) => (a.value === null ? 1 : b.value === null ? -1 : b.value - a.value));
    expect((await column(page, 'indicator-rows', 2))[0]).toBe(byValue[0]!.valueLabel);
    expect((await column(page, 'indicator-rows', 2)).at(-1)).toBe('—');
    await page.locator('table[data-table="indicator-rows"] [data-sort="value"]').click();
    const ascending = (await column(page, 'indicator-rows', 2)).filter((v) => v !== '—').map((v) => Number(v.replace(/\./g, '')));
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    await page.locator('table[data-table="indicator-rows"] [data-sort="org"]').click();
    const names = await column(page, 'indicator-rows', 1);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'vi')));

    // Tap an organisation: its history.
    const org = detail.rows.find((r) => r.value !== null)!;
    await page.locator(`table[data-table="indicator-rows"] tr[data-row="${org.orgId}"]`).click();
    const history = data.organisationHistory(201, org.orgId)!;
    await poll(() => page.locator('table[data-table="history"] tbody tr').count()).toBe(history.rows.length);
    expect(await page.locator('.screen-title').innerText()).toBe(org.orgName);
    expect(await column(page, 'history', 2)).toEqual(history.rows.map((r) => r.valueLabel).reverse());

    await telegramEvent(page, 'back_button_pressed');
    await poll(() => page.locator('table[data-table="indicator-rows"]').count()).toBe(1);
    await telegramEvent(page, 'back_button_pressed');
    await poll(() => page.locator('[data-indicator]').count()).toBe(11);
    expect((await backs()).at(-1)).toEqual({ is_visible: false });
    await clean(page);
  });

  it('shows a closed term\'s indicators read-only when its resolution is chosen', async () => {
    const page = await open('office');
    await poll(() => page.locator('[data-indicator]').count()).toBe(11);
    expect(await page.locator('.badge.muted').count()).toBe(0);
    await page.locator('.toolbar select').selectOption('1');
    await poll(() => page.locator('.badge.muted').count()).toBe(1);
    expect(await page.locator('.badge.muted').innerText()).toBe('Nhiệm kỳ đã kết thúc: chỉ xem');
    expect(api.apiCalls('/app/api/indicators?resolution=1')).toHaveLength(1);
    expect(await page.locator('[data-indicator="101"]').count()).toBe(1);
    await clean(page);
  });

  it('filters by cluster for the office', async () => {
    const page = await open('office');
    await page.locator('[data-tab="coverage"]').click();
    await poll(() => page.locator('table[data-table="coverage"] tbody tr').count()).toBe(data.ORGANISATIONS.length);
    await page.locator('select[data-cluster]').selectOption('4');
    const enterprises = data.coverage(4);
    await poll(() => page.locator('table[data-table="coverage"] tbody tr').count()).toBe(enterprises.rows.length);
    expect(api.apiCalls('/app/api/coverage?cluster=4')).toHaveLength(1);
    expect(await page.locator('tr[data-totals]').innerText()).toContain(String(enterprises.totals.members));
    await clean(page);
  });

  it('shows the reports grid and sends reminders to the selected organisations after a confirm step', async () => {
    const page = await open('office');
    await page.locator('[data-tab="reports"]').click();
    const reports = data.reports(null, true);
    await poll(() => page.locator('table[data-table="reports"] tbody tr').count()).toBe(reports.rows.length);
    expect(await page.locator('[data-deadline]').innerText()).toBe('15/12/2026');
    // Sorted by missing count: the first row is the organisation missing the most.
    const most = Math.max(...reports.rows.map((r) => r.missing));
    expect((await column(page, 'reports', 3))[0]).toBe(String(most));
    const first = reports.rows.find((r) => r.missing === most)!;
    const row = page.locator(`table[data-table="reports"] tr[data-row="${first.orgId}"]`);
    expect(await row.locator('.mark.bad').count()).toBe(first.missing);
    expect(await row.locator('.mark.ok').count()).toBe(Object.values(first.reported).filter((v) => v === true).length);

    await page.locator('[data-select="108"]').check();
    await page.locator(`[data-select="${first.orgId}"]`).check();
    await page.locator('[data-remind]').click();
    expect(api.apiCalls('/app/api/reports/remind')).toHaveLength(0);
    expect(await page.locator('.confirm').innerText()).toContain('2 tổ chức');
    await page.locator('[data-confirm]').click();
    await poll(() => page.locator('[data-remind-answer]').count()).toBe(1);
    const [remind] = api.apiCalls('/app/api/reports/remind');
    expect(remind!.body).toEqual({ period: reports.period, orgIds: [108, first.orgId] });
    const answer = await page.locator('[data-remind-answer]').innerText();
    expect(answer).toContain('Đã xếp 1 lời nhắc');
    expect(answer).toContain(`${data.ORGANISATIONS.find((o) => o.id === 108)!.name}: đã được nhắc hôm nay`);
    await clean(page);
  });

  it('shows the twelve-month meetings grid and the absentees to the office', async () => {
    const page = await open('office');
    await page.locator('[data-tab="meetings"]').click();
    const meetings = data.meetings(null, PERSONAS.office.me);
    await poll(() => page.locator('table[data-table="meetings"] tbody tr').count()).toBe(meetings.rows.length);
    const row = meetings.rows[0]!;
    const cells = page.locator(`table[data-table="meetings"] tr[data-row="${row.orgId}"] .meet`);
    expect(await cells.count()).toBe(12 + 4);
    expect(await cells.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toEqual([
      ...row.months.map((m) => ({ held: 'Đã họp', missed: 'Không họp', planned: 'Đã lên lịch', none: 'Chưa có' })[m.regular]),
      ...row.quarters.map((q) => ({ held: 'Đã họp', missed: 'Không họp', planned: 'Đã lên lịch', none: 'Chưa có' })[q.thematic]),
    ]);
    expect(await page.locator(`table[data-table="meetings"] tr[data-row="${row.orgId}"] .docs-early`).count()).toBe(row.months.filter((m) => m.docsEarly).length);
    expect(await column(page, 'absentees', 1)).toEqual(['Lê Quang Vĩnh', 'Nguyễn Văn Đức', 'Trần Thị Hương']);
    await clean(page);
  });

  it('shows a plain member only their own meetings and notices', async () => {
    const page = await open('member');
    await poll(() => page.locator('table[data-table="my-meetings"] tbody tr').count()).toBe(3);
    expect(await page.locator('[role="tab"]').allInnerTexts()).toEqual(['Sinh hoạt', 'Thông báo']);
    expect(await column(page, 'my-meetings', 4)).toEqual(['Sắp tới', 'Có mặt', 'Vắng']);
    await page.locator('[data-tab="notices"]').click();
    await poll(() => page.locator('[data-notice]').count()).toBe(3);
    expect(await page.locator('[data-notice="70"]').innerText()).toContain('Đồng chí đã xác nhận');
    expect(await page.locator('[data-notice="71"]').innerText()).toContain('Đồng chí chưa xác nhận');
    // No drill-down for a member: the cards are not buttons.
    expect(await page.locator('button[data-notice]').count()).toBe(0);
    expect(api.requests.filter((r) => r.authorization === `tma ${PERSONAS.member.initData}` && /indicators|coverage|reports/.test(r.path))).toEqual([]);
    await clean(page);
  });

  it('drills from a notice to its organisations and to the people who have not acknowledged', async () => {
    const page = await open('office');
    await page.locator('[data-tab="notices"]').click();
    const notice = data.notices(null, PERSONAS.office.me)[0]!;
    await poll(() => page.locator('[data-notice]').count()).toBe(3);
    const card = await page.locator(`[data-notice="${notice.id}"]`).innerText();
    expect(card).toContain(`${notice.delivered}/${notice.recipients}`);
    expect(card).toContain(`${notice.acknowledged}/${notice.recipients}`);
    await page.locator(`[data-notice="${notice.id}"]`).click();
    const detail = data.noticeDetail(notice.id, null, PERSONAS.office.me)!;
    await poll(() => page.locator('table[data-table="notice-organisations"] tbody tr').count()).toBe(detail.organisations.length);
    expect(await page.locator('.reasons').innerText()).toContain('Đã chặn bot');
    const org = detail.organisations[3]!;
    expect(await page.locator(`tr[data-row="${org.orgId}"]`).innerText()).toContain(String(org.delivered));
    await page.locator(`tr[data-row="${org.orgId}"]`).click();
    const people = data.noticeOrganisation(notice.id, org.orgId)!;
    await poll(() => page.locator('table[data-table="notice-people"] tbody tr').count()).toBe(people.people.length);
    // Those who have not acknowledged come first.
    const notAcknowledged = people.people.filter((p) => !p.acknowledgedAt).length;
    const acks = await column(page, 'notice-people', 3);
    expect(acks.slice(0, notAcknowledged).every((a) => a === 'Chưa xác nhận')).toBe(true);
    expect(acks.slice(notAcknowledged).every((a) => a === '✓')).toBe(true);
    await page.locator('[data-back]').click();
    await poll(() => page.locator('table[data-table="notice-organisations"]').count()).toBe(1);
    await clean(page);
  });

  it('asks for a download link and hands it to Telegram, with a fallback link', async () => {
    const page = await open('office');
    await page.locator('[data-tab="coverage"]').click();
    await page.locator('select[data-cluster]').selectOption('2');
    await page.locator('[data-download="coverage"]').click();
    await poll(() => page.locator('.download a').count()).toBe(1);
    const request = api.apiCalls('/app/api/downloads').at(-1)!;
    expect(request.body).toEqual({ path: '/app/api/coverage?cluster=2' });
    expect(request.authorization).toBe(`tma ${PERSONAS.office.initData}`);
    const download = (await posted(page)).find((e) => e.eventType === 'web_app_request_file_download');
    const href = await page.locator('.download a').getAttribute('href');
    expect(download?.eventData).toEqual({ url: href, file_name: 'bang-dieu-khien.xlsx' });
    expect(href).toMatch(new RegExp(`^${api.origin}/app/api/download\\?token=tok-\\d+$`));
    const file = await fetch(href!);
    expect(file.status).toBe(200);
    await clean(page);
  });

  it('shows the link alone to a Telegram client too old to download (before Bot API 8.0)', async () => {
    const page = await openMiniApp(browser, `${api.origin}/app/${launchHash(PERSONAS.office.initData, 'light', '7.10')}`);
    await page.locator('[data-tab="notices"]').click();
    await page.locator('[data-download="notices"]').click();
    await poll(() => page.locator('.download a').count()).toBe(1);
    expect((await posted(page)).some((e) => e.eventType === 'web_app_request_file_download')).toBe(false);
    expect(await page.locator('.download a').innerText()).toBe('bang-dieu-khien.xlsx');
    await clean(page);
  });

  it('tells a refused session to open the dashboard again from the bot', async () => {
    const forged = await open(null, 'light', PERSONAS.office.initData.replace('hash=ff', 'hash=00'));
    await poll(() => forged.locator('[data-state="unauthorized"]').count()).toBe(1);
    expect(await forged.locator('[role="alert"]').innerText()).toContain('Đồng chí vui lòng mở lại bảng điều khiển từ bot');
    await forged.context().close();

    const before = api.requests.length;
    const none = await open(null);
    await poll(() => none.locator('[data-state="unauthorized"]').count()).toBe(1);
    expect(api.requests.length).toBe(before);
    await none.context().close();
  });

  it('shows an empty state on every screen of an organisation with nothing yet', async () => {
    const page = await open('newcomer');
    const expected = {
      indicators: 'Chưa có nghị quyết nào được nhập chỉ tiêu.',
      reports: 'Quý này không có chỉ tiêu nào đến hạn báo cáo.',
      meetings: 'Chưa có dữ liệu sinh hoạt.',
      notices: 'Chưa có thông báo nào.',
      coverage: 'Chưa có tổ chức nào.',
    };
    for (const [tab, text] of Object.entries(expected)) {
      await page.locator(`[data-tab="${tab}"]`).click();
      await poll(() => page.locator('.state.empty').first().textContent(), { message: tab }).toBe(text);
    }
    expect(await page.locator('select[data-cluster]').count()).toBe(0);
    await clean(page);
  });

  it('shows loading, then an error with a retry, and a refusal (403) in words', async () => {
    api.delayMs = 700;
    api.failures.set('/app/api/coverage', 500);
    api.failures.set('/app/api/meetings', 403);
    try {
      const page = await open('office');
      await poll(() => page.locator('[data-state="loading"]').innerText()).toContain('Đang tải dữ liệu…');
      await page.locator('[data-tab="coverage"]').click();
      await poll(() => page.locator('.state.loading').count()).toBe(1);
      await poll(() => page.locator('[role="alert"]').innerText()).toContain('Không tải được dữ liệu. Đồng chí vui lòng kiểm tra kết nối và thử lại.');
      api.failures.delete('/app/api/coverage');
      await page.locator('[role="alert"] button').click();
      await poll(() => page.locator('table[data-table="coverage"] tbody tr').count()).toBe(data.ORGANISATIONS.length);
      await page.locator('[data-tab="meetings"]').click();
      await poll(() => page.locator('[role="alert"]').innerText()).toBe('Đồng chí không có quyền xem mục này.');
      expect(await page.locator('[role="alert"] button').count()).toBe(0);
      await clean(page);
    } finally {
      api.delayMs = 0;
      api.failures.clear();
    }
  });

  it('offers a retry when the first call (/me) fails', async () => {
    api.failures.set('/app/api/me', 502);
    try {
      const page = await open('office');
      await poll(() => page.locator('[data-state="failed"] [role="alert"]').count()).toBe(1);
      expect(await page.locator('[role="tab"]').count()).toBe(0);
      api.failures.clear();
      await page.locator('[data-state="failed"] button').click();
      await poll(() => page.locator('[data-indicator]').count()).toBe(11);
      await clean(page);
    } finally {
      api.failures.clear();
    }
  });

  it('speaks English to an English-speaking member', async () => {
    const page = await open('officeEnglish');
    await poll(() => page.locator('[role="tab"]').allInnerTexts()).toEqual(['Indicators', 'Reports', 'Meetings', 'Notices', 'Coverage']);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await clean(page);
  });

  it('applies Telegram\'s light and dark themes and follows theme_changed', async () => {
    const page = await open('office', 'light');
    await poll(() => page.locator('[data-indicator]').count()).toBe(11);
    const colours = () => page.evaluate(() => ({ body: getComputedStyle(document.body).backgroundColor, text: getComputedStyle(document.body).color, scheme: document.documentElement.dataset['scheme'] }));
    expect(await colours()).toEqual({ body: 'rgb(240, 240, 240)', text: 'rgb(34, 34, 34)', scheme: 'light' });
    await telegramEvent(page, 'theme_changed', { theme_params: THEMES.dark });
    expect(await colours()).toEqual({ body: 'rgb(21, 30, 39)', text: 'rgb(255, 255, 255)', scheme: 'dark' });
    await clean(page);
  });
});

describe('screenshots at phone size', () => {
  const screens: { name: string; persona: keyof typeof PERSONAS; go: (page: Page) => Promise<void>; ready: string }[] = [
    { name: 'indicators', persona: 'office', go: async () => {}, ready: '[data-indicator]' },
    { name: 'indicator', persona: 'office', go: (p) => p.locator('[data-indicator="201"]').click(), ready: '.chart canvas' },
    { name: 'indicator-percent', persona: 'office', go: (p) => p.locator('[data-indicator="206"]').click(), ready: '.chart canvas' },
    { name: 'history', persona: 'office', go: async (p) => (await p.locator('[data-indicator="201"]').click(), await p.locator('tr[data-row="102"]').click()), ready: 'table[data-table="history"]' },
    { name: 'reports', persona: 'office', go: (p) => p.locator('[data-tab="reports"]').click(), ready: 'table[data-table="reports"]' },
    { name: 'meetings', persona: 'office', go: (p) => p.locator('[data-tab="meetings"]').click(), ready: 'table[data-table="meetings"]' },
    { name: 'notices', persona: 'office', go: (p) => p.locator('[data-tab="notices"]').click(), ready: '[data-notice]' },
    { name: 'notice', persona: 'office', go: async (p) => (await p.locator('[data-tab="notices"]').click(), await p.locator('[data-notice="71"]').click()), ready: 'table[data-table="notice-organisations"]' },
    { name: 'coverage', persona: 'office', go: (p) => p.locator('[data-tab="coverage"]').click(), ready: 'table[data-table="coverage"]' },
    { name: 'member-meetings', persona: 'member', go: async () => {}, ready: 'table[data-table="my-meetings"]' },
    { name: 'member-notices', persona: 'member', go: (p) => p.locator('[data-tab="notices"]').click(), ready: '[data-notice]' },
    { name: 'empty-meetings', persona: 'newcomer', go: (p) => p.locator('[data-tab="meetings"]').click(), ready: '.state.empty' },
    { name: 'english-reports', persona: 'officeEnglish', go: (p) => p.locator('[data-tab="reports"]').click(), ready: 'table[data-table="reports"]' },
  ];
  it('saves the desktop layout (Telegram Desktop, 1280×800)', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const screen of screens.filter((s) => ['indicators', 'indicator', 'reports'].includes(s.name))) {
      const page = await openMiniApp(browser, `${api.origin}/app/${launchHash(PERSONAS[screen.persona].initData, 'light')}`, { width: 1280, height: 800 });
      await page.locator('[role="tab"]').first().waitFor();
      await screen.go(page);
      await page.locator(screen.ready).first().waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, `desktop-${screen.name}.png`) });
      await clean(page);
    }
  }, 120_000);

  for (const theme of ['light', 'dark'] as const) {
    it(`saves every screen in the ${theme} theme`, async () => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      for (const screen of screens) {
        const page = await open(screen.persona, theme);
        await page.locator('[role="tab"]').first().waitFor();
        await screen.go(page);
        await page.locator(screen.ready).first().waitFor();
        await page.screenshot({ path: join(SCREENSHOTS, `${screen.name}-${theme}.png`) });
        await clean(page);
      }
    }, 180_000);
  }
});

describe('inside Telegram Web (an iframe of web.telegram.org)', () => {
  /** A stand-in for Telegram Web: its page at https://web.telegram.org (answered by the test) frames the Mini App. */
  async function framed(parentOrigin: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    // The Mini App on an https origin too, proxied to the fixture (a public page may not frame a loopback address).
    const miniApp = 'https://dashboard.test';
    await context.route(`${miniApp}/**`, async (route) => {
      const response = await route.fetch({ url: route.request().url().replace(miniApp, api.origin), headers: { ...route.request().headers(), 'accept-encoding': 'identity' } });
      await route.fulfill({ response });
    });
    const src = `${miniApp}/app/${launchHash(PERSONAS.office.initData)}`;
    await page.route(`${parentOrigin}/**`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><body style="margin:0"><iframe id="app" src="${src}" style="width:390px;height:800px;border:0"></iframe>
<script>
  window.received = [];
  window.addEventListener('message', (e) => window.received.push(JSON.parse(e.data)));
  window.sendToApp = (eventType, eventData) => document.getElementById('app').contentWindow.postMessage(JSON.stringify({ eventType, eventData }), '*');
</script></body>`,
      }),
    );
    await page.goto(`${parentOrigin}/k/`);
    return page;
  }

  it('posts to the parent frame and follows the events it posts back', async () => {
    const page = await framed('https://web.telegram.org');
    const app = page.frameLocator('#app');
    await poll(() => app.locator('[data-indicator]').count()).toBe(11);
    const received = () => page.evaluate(() => (window as unknown as { received: { eventType: string; eventData: unknown }[] }).received);
    expect((await received()).map((e) => e.eventType)).toEqual(expect.arrayContaining(['web_app_ready', 'web_app_expand']));
    await app.locator('[data-indicator="201"]').click();
    await poll(() => app.locator('table[data-table="indicator-rows"]').count()).toBe(1);
    expect((await received()).filter((e) => e.eventType === 'web_app_setup_back_button').at(-1)?.eventData).toEqual({ is_visible: true });
    await page.evaluate(() => (window as unknown as { sendToApp(type: string): void }).sendToApp('back_button_pressed'));
    await poll(() => app.locator('[data-indicator]').count()).toBe(11);
    await page.context().close();
  });

  it('cannot be framed by another site', async () => {
    const page = await framed('https://example.org');
    // The CSP's frame-ancestors blocks the page: the frame never shows the dashboard.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await page.frameLocator('#app').locator('[role="tab"]').count()).toBe(0);
    await page.context().close();
  });
});
