/** The interface languages: Vietnamese first, English second. */
export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'vi';

/** The language a member's stored choice (null: none, or anything unknown) gives the bot's texts. */
export function localeOf(language: string | null): Locale {
  return language === 'en' ? 'en' : DEFAULT_LOCALE;
}
