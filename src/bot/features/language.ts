/**
 * /ngonngu (/language): the member's language for everything the bot sends them, replies and
 * pushes alike (notices, reminders, nudges read it from the member's record). /ngonngu alone shows
 * it with a button per language; /ngonngu en, /ngonngu tiếng việt set it; /trogiup carries a button
 * for the other language. An explicit choice stays until changed; /start only fills in the
 * client's language when there is none.
 */
import { InlineKeyboard } from 'grammy';
import { Composer } from '../composer.js';
import { LOCALES, type Locale } from '../../domain/locale.js';
import { foldVietnamese } from '../../domain/text.js';
import { callbackData } from '../callback-data.js';
import type { BotContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import type { Translator } from '../i18n.js';
import { htmlToPlain } from '../render/html.js';
import { actorOf } from './chat-tracking.js';

const CHOOSE = 'lg';
const CHOICE = /^lg:(vi|en)$/;

/** "en", "English", "tiếng Anh" → en; "vi", "tiếng Việt", "Vietnamese" → vi; anything else → null. */
export function parseLanguage(text: string): Locale | null {
  const folded = foldVietnamese(text).trim();
  if (/^(en|eng|english|tieng anh|anh)$/.test(folded)) return 'en';
  if (/^(vi|vn|viet|tieng viet|vietnamese)$/.test(folded)) return 'vi';
  return null;
}

/** A button that switches to the language this member is not using, labelled in that language. */
export function otherLanguageButton(translator: Translator, current: Locale): InlineKeyboard {
  const other: Locale = current === 'en' ? 'vi' : 'en';
  return new InlineKeyboard().text(htmlToPlain(translator.t(other, 'language-switch-button')), callbackData(CHOOSE, other));
}

export function languageFeature({ services, translator }: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const privateChat = composer.chatType('private');

  /** Stores the choice and answers in the new language (the rest of this update speaks it too). */
  async function choose(ctx: BotContext, language: Locale): Promise<void> {
    const member = ctx.member!;
    services.members.setLanguage(member.id, language, actorOf(ctx));
    // The command menu (set after this update, see command-menu.ts) follows the member's record.
    member.language = language;
    ctx.locale = language;
    ctx.t = translator.for(language);
    await ctx.replyHtml(ctx.t('language-set'));
  }

  privateChat.command(['ngonngu', 'language'], async (ctx) => {
    const arg = ctx.match.trim();
    if (arg === '') {
      const keyboard = new InlineKeyboard();
      for (const l of LOCALES) keyboard.text(htmlToPlain(translator.t(l, 'language-name')), callbackData(CHOOSE, l));
      return ctx.replyHtml(ctx.t('language-current', { language: ctx.t('language-name') }), { reply_markup: keyboard });
    }
    const language = parseLanguage(arg);
    if (!language) return ctx.replyHtml(ctx.t('language-usage', { text: arg }));
    await choose(ctx, language);
  });
  composer.chatType(['group', 'supergroup']).command(['ngonngu', 'language'], (ctx) => ctx.replyHtml(ctx.t('private-only')));

  privateChat.callbackQuery(CHOICE, async (ctx) => {
    await ctx.answerCallbackQuery();
    await choose(ctx, ctx.match[1] as Locale);
  });

  return composer;
}
