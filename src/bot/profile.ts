/**
 * The bot's description (what a person sees in the empty chat before pressing Start, e.g. after
 * opening an invite link) and short description (its profile, and links to it when shared), in
 * Vietnamese, English and, for every other language, Vietnamese. Telegram rate-limits these methods
 * hard: each text is set only when it differs from the one last set from this database (kept in the
 * kv table), so a restart sets nothing and a changed text or bloc name is set once.
 */
import type { Api, StorageAdapter } from 'grammy';
import type { Logger } from '../logger.js';
import type { Locale, Translator } from './i18n.js';
import { htmlToPlain } from './render/html.js';

type ProfileField = 'description' | 'short_description';

export interface ProfileText {
  field: ProfileField;
  /** '' is the default, for clients in a language with no text of its own. */
  languageCode: '' | Locale;
  text: string;
}

/** Telegram's limits (Bot API: setMyDescription 0–512, setMyShortDescription 0–120 characters). */
export const PROFILE_LIMITS: Record<ProfileField, number> = { description: 512, short_description: 120 };

const KEYS: Record<ProfileField, string> = { description: 'bot-description', short_description: 'bot-short-description' };

/** The texts, naming the bloc when its name fits within the limit (else the wording without it). */
export function botProfileTexts(translator: Translator, blocName: string): ProfileText[] {
  const text = (field: ProfileField, locale: Locale): string => {
    const named = htmlToPlain(translator.t(locale, KEYS[field], { bloc: blocName }));
    return named.length <= PROFILE_LIMITS[field] ? named : htmlToPlain(translator.t(locale, `${KEYS[field]}-unnamed`));
  };
  const texts: ProfileText[] = [];
  for (const field of ['description', 'short_description'] as const) {
    texts.push({ field, languageCode: '', text: text(field, 'vi') });
    texts.push({ field, languageCode: 'vi', text: text(field, 'vi') });
    texts.push({ field, languageCode: 'en', text: text(field, 'en') });
  }
  return texts;
}

export interface ProfileOptions {
  /** Where the texts last set are remembered (the kv table). */
  storage: StorageAdapter<string>;
  logger: Logger;
  /** Bounds the whole update: start-up never waits long for it. */
  signal?: AbortSignal;
}

/**
 * Sets the texts that changed since they were last set. Never throws: a refusal (a 429 included) is
 * logged and that text is tried again at the next start.
 */
export async function updateBotProfile(api: Api, texts: ProfileText[], options: ProfileOptions): Promise<number> {
  const { storage, logger, signal } = options;
  let changed = 0;
  for (const { field, languageCode, text } of texts) {
    if (signal?.aborted) {
      logger.warn('setting the bot description took too long; the rest is tried again at the next start');
      break;
    }
    const key = `${field}:${languageCode || 'default'}`;
    try {
      if ((await storage.read(key)) === text) continue;
      const language = languageCode === '' ? {} : { language_code: languageCode };
      // grammY types its signal with the abort-controller shim; a standard AbortSignal is what it gets at run time.
      const grammySignal = signal as Parameters<Api['setMyDescription']>[2];
      if (field === 'description') await api.setMyDescription(text, language, grammySignal);
      else await api.setMyShortDescription(text, language, grammySignal);
      await storage.write(key, text);
      changed++;
    } catch (error) {
      logger.warn({ err: error, field, language: languageCode || 'default' }, 'could not set the bot description; trying again at the next start');
    }
  }
  if (changed > 0) logger.info({ changed }, 'bot description set');
  return changed;
}
