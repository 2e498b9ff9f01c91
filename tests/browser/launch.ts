/**
 * Debian's chromium driven by playwright-core (Playwright's own browser download cannot work
 * here), and the launch parameters a Telegram client puts in a Mini App's URL. No DOM types here:
 * the benchmark script (type-checked without them) uses this file too.
 */
import { chromium, type Browser } from 'playwright-core';

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

