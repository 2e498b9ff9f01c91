/**
 * How fast the dashboard page is ready in headless Chromium, and how many bytes it loads.
 * Time to interactive: from navigation start to the first screen's data on screen (the indicator
 * cards, or a member's meetings), median of several cold loads (a fresh browser context each).
 * Bytes: what crossed the wire compressed, the page's own files apart from the API's JSON.
 *
 *   npm run bench:dashboard-page                         # against the fixture API (tests/browser)
 *   npm run bench:dashboard-page -- --url https://host/app/ --init-data '<raw tgWebAppData>'
 *   options: --loads N (default 9)
 */
import { parseArgs } from 'node:util';
import { buildWeb } from './build-web.js';
import { launchChromium, launchHash } from '../tests/browser/launch.js';
import { FixtureApi, PERSONAS } from '../tests/browser/fixture-api.js';

const GOAL_MS = 1500;
const GOAL_BYTES = 300 * 1024;
const READY = '[data-indicator], table[data-table="my-meetings"]';

const { values } = parseArgs({ options: { url: { type: 'string' }, 'init-data': { type: 'string' }, loads: { type: 'string', default: '9' } } });
const loads = Number(values.loads);

let fixture: FixtureApi | null = null;
let url = values.url;
let initData = values['init-data'];
if (!url) {
  await buildWeb();
  fixture = await FixtureApi.start();
  url = `${fixture.origin}/app/`;
  initData = PERSONAS.office.initData;
}
if (!initData) throw new Error('--init-data is needed with --url');

const browser = await launchChromium();
const times: number[] = [];
let pageBytes = 0;
let apiBytes = 0;
try {
  for (let i = 0; i < loads; i++) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    // This file is type-checked without the DOM (hence globalThis), and tsx wraps named inner
    // functions in a helper the page lacks (hence plain loops). The page's CSP forbids evaluating strings.
    await page.addInitScript(`new MutationObserver((records, observer) => {
      if (window.__ready === undefined && document.querySelector(${JSON.stringify(READY)})) {
        window.__ready = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });`);
    await page.goto(`${url}${launchHash(initData)}`);
    await page.waitForFunction(() => (globalThis as { __ready?: number }).__ready !== undefined, undefined, { timeout: 20_000 });
    const result = await page.evaluate(() => {
      const timing = performance as unknown as { getEntriesByType(type: string): { name: string; encodedBodySize: number }[] };
      const entries = [...timing.getEntriesByType('navigation'), ...timing.getEntriesByType('resource')];
      let own = 0;
      let api = 0;
      for (const entry of entries) {
        if (new URL(entry.name).pathname.includes('/api/')) api += entry.encodedBodySize;
        else own += entry.encodedBodySize;
      }
      return { ready: (globalThis as { __ready?: number }).__ready ?? NaN, page: own, api };
    });
    times.push(result.ready);
    pageBytes = result.page;
    apiBytes = result.api;
    await context.close();
  }
} finally {
  await browser.close();
  await fixture?.close();
}

times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
console.log(`dashboard page, ${loads} cold loads in headless Chromium at 390×844 (${fixture ? 'fixture API' : url})`);
console.log(`  time to interactive (navigation start → first screen's data): median ${median.toFixed(0)} ms, min ${times[0]!.toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms (goal < ${GOAL_MS} ms)`);
console.log(`  page files (html, js, css), compressed: ${(pageBytes / 1024).toFixed(1)} KB (goal < ${GOAL_BYTES / 1024} KB); first screen's API JSON: ${(apiBytes / 1024).toFixed(1)} KB`);
if (median >= GOAL_MS || pageBytes >= GOAL_BYTES) {
  console.log('  GOAL MISSED');
  process.exitCode = 1;
}
