/**
 * Fluent translations (@grammyjs/i18n loads and formats them). `Translator.t` escapes every string
 * variable and returns Html, so nothing unescaped reaches a message by way of a translation.
 */
import { join } from 'node:path';
import { I18n } from '@grammyjs/i18n';
import { PROJECT_ROOT } from '../paths.js';
import { RecentMap } from '../recent-map.js';
import { escapeHtml, Html } from './render/html.js';

import { DEFAULT_LOCALE, type Locale } from '../domain/locale.js';

export { DEFAULT_LOCALE, LOCALES, type Locale } from '../domain/locale.js';

export const LOCALES_DIR = join(PROJECT_ROOT, 'locales');

export type TranslationValue = string | number | Html;
export type TranslationArgs = Record<string, TranslationValue>;
export type Translate = (key: string, args?: TranslationArgs) => Html;

/** Formatted translations kept, with short arguments only: well under a megabyte. */
const TRANSLATION_CACHE_SIZE = 1_000;
const MAX_CACHED_KEY = 200;

export class Translator {
  readonly #i18n: I18n;
  /**
   * Translations once formatted, the most recent last: the bundles never change after start-up, and
   * @grammyjs/i18n negotiates the language again on every call (most of a translation's cost, far
   * more than writing the arguments out as the key).
   */
  readonly #formatted = new RecentMap<string, Html>(TRANSLATION_CACHE_SIZE);
  readonly #bound = new Map<Locale, Translate>();

  constructor(directory = LOCALES_DIR) {
    this.#i18n = new I18n({ defaultLocale: DEFAULT_LOCALE, fluentBundleOptions: { useIsolating: false } });
    this.#i18n.loadLocalesDirSync(directory);
  }

  t(locale: Locale, key: string, args?: TranslationArgs): Html {
    const vars: Record<string, string | number> = {};
    if (args !== undefined) {
      for (const [name, value] of Object.entries(args)) {
        vars[name] = value instanceof Html ? value.value : typeof value === 'number' ? value : escapeHtml(value);
      }
    }
    const cacheKey = args === undefined ? `${locale}\u0000${key}` : `${locale}\u0000${key}\u0000${JSON.stringify(vars)}`;
    // A long argument (a rendered list) would make a large key for little gain: formatted each time.
    if (cacheKey.length > MAX_CACHED_KEY) return new Html(this.#i18n.t(locale, key, vars));
    let value = this.#formatted.get(cacheKey);
    if (value === undefined) {
      value = new Html(this.#i18n.t(locale, key, vars));
      this.#formatted.set(cacheKey, value);
    }
    return value;
  }

  /** A translate function bound to one locale. */
  for(locale: Locale): Translate {
    let bound = this.#bound.get(locale);
    if (bound === undefined) {
      bound = (key, args) => this.t(locale, key, args);
      this.#bound.set(locale, bound);
    }
    return bound;
  }
}

/** The language a Telegram client reports, as one of ours: English clients get English, everyone else Vietnamese. */
export function clientLocale(clientLanguage: string | undefined): Locale {
  return clientLanguage?.toLowerCase().startsWith('en') ? 'en' : DEFAULT_LOCALE;
}

/** The member's chosen language, else the Telegram client's, else Vietnamese. */
export function negotiateLocale(memberLanguage: string | null | undefined, clientLanguage: string | undefined): Locale {
  if (memberLanguage === 'vi' || memberLanguage === 'en') return memberLanguage;
  return clientLocale(clientLanguage);
}
