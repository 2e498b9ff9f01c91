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
/** What the cache key puts between and before arguments: a value holding one could pass for another. */
const hasSeparator = (text: string) => text.includes('\u0000') || text.includes('\u0001') || text.includes('\u0002');

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
    let cacheKey = `${locale}\u0000${key}`;
    // A long argument (a rendered list) would make a large key for little gain: formatted each time;
    // so is one with the key's separators in it (it could pass for two arguments).
    let cached = true;
    for (const name in args) {
      const value = args[name]!;
      const text = value instanceof Html ? value.value : typeof value === 'number' ? value : escapeHtml(value);
      vars[name] = text;
      if (!cached) continue;
      // A number (formatted by Fluent) is marked apart from the same digits as a string.
      const part = `\u0000${name}\u0001${typeof text === 'number' ? `\u0002${text}` : text}`;
      if (cacheKey.length + part.length > MAX_CACHED_KEY || (typeof text === 'string' && hasSeparator(text))) cached = false;
      else cacheKey += part;
    }
    if (!cached) return new Html(this.#i18n.t(locale, key, vars));
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
