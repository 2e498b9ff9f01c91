/**
 * Debian's chromium driven by playwright-core (Playwright's own browser download cannot work
 * here), and the page opened the way a Telegram client opens a Mini App: launch parameters in the
 * URL's hash, a TelegramWebviewProxy that records what the page posts, and events delivered
 * through window.Telegram.WebView.receiveEvent as the phone apps do.
 */
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** Theme parameters as Telegram for Android sends them (day and night themes). */
export const THEMES = {
  light: {
    bg_color: '#ffffff',
    section_bg_color: '#ffffff',
    secondary_bg_color: '#f0f0f0',
    text_color: '#222222',
    hint_color: '#a8a8a8',
    link_color: '#2678b6',
    button_color: '#50a8eb',
    button_text_color: '#ffffff',
    header_bg_color: '#527da3',
    accent_text_color: '#1c93e3',
    section_header_text_color: '#3a95d5',
    subtitle_text_color: '#82868a',
    destructive_text_color: '#cc2929',
    section_separator_color: '#d9d9d9',
  },
  dark: {
    bg_color: '#212d3b',
    section_bg_color: '#1d2733',
    secondary_bg_color: '#151e27',
    text_color: '#ffffff',
    hint_color: '#7d8b99',
    link_color: '#5eabe1',
    button_color: '#50a8eb',
    button_text_color: '#ffffff',
    header_bg_color: '#242d39',
    accent_text_color: '#64b5ef',
    section_header_text_color: '#79c4fc',
    subtitle_text_color: '#7b8790',
    destructive_text_color: '#ee686f',
    section_separator_color: '#0d1218',
  },
};

export type ThemeName = keyof typeof THEMES;

/** The hash a Telegram client appends to the Mini App's URL. */
export function launchHash(initData: string | null, theme: ThemeName = 'light', version = '8.0'): string {
  const params = new URLSearchParams();
  if (initData !== null) params.set('tgWebAppData', initData);
  params.set('tgWebAppVersion', version);
  params.set('tgWebAppPlatform', 'android');
  params.set('tgWebAppThemeParams', JSON.stringify(THEMES[theme]));
  return `#${params.toString()}`;
}

export interface PostedEvent {
  eventType: string;
  eventData: unknown;
}

/**
 * A phone-sized page (390×844) with the webview's proxy installed before the page's scripts run;
 * CSP violations and page errors are collected so tests can require none.
 */
export async function openMiniApp(browser: Browser, url: string, options: { width?: number; height?: number } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 390, height: options.height ?? 844 }, deviceScaleFactor: 1, locale: 'vi-VN' });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { __posted: { eventType: string; eventData: unknown }[]; __violations: string[]; TelegramWebviewProxy: unknown };
    w.__posted = [];
    w.__violations = [];
    w.TelegramWebviewProxy = {
      postEvent(eventType: string, eventData: string) {
        w.__posted.push({ eventType, eventData: eventData ? JSON.parse(eventData) : undefined });
      },
    };
    document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto(url);
  return page;
}

export function pageErrors(page: Page): string[] {
  return (page as Page & { errors?: string[] }).errors ?? [];
}

export function posted(page: Page): Promise<PostedEvent[]> {
  return page.evaluate(() => (window as unknown as { __posted: PostedEvent[] }).__posted);
}

export function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
}

/** Delivers an event the way Telegram's mobile and desktop apps do. */
export function telegramEvent(page: Page, eventType: string, eventData?: unknown): Promise<void> {
  return page.evaluate(
    ([type, data]) => (window as unknown as { Telegram: { WebView: { receiveEvent(t: string, d: unknown): void } } }).Telegram.WebView.receiveEvent(type as string, data),
    [eventType, eventData] as const,
  );
}

