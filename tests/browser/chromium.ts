/**
 * The page opened the way a Telegram client opens a Mini App: launch parameters in the URL's hash,
 * a TelegramWebviewProxy that records what the page posts, and events delivered through
 * window.Telegram.WebView.receiveEvent as the phone and desktop apps do.
 */
import type { Browser, Page } from 'playwright-core';

export { launchChromium, launchHash, THEMES, type ThemeName } from './launch.js';

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

