/**
 * Long lists in one message, a page at a time: the page maths (pure), the ◀ ▶ row under a page,
 * and the edit that shows another page in the same message. Every paged list uses these: the
 * /lichhop list, search results, branch choices and pickers, the /diemdanh sheet, the notice report.
 */
import { type Context, GrammyError, type InlineKeyboard } from 'grammy';
import { type Html, htmlToPlain } from './html.js';

type T = (key: string, args?: Record<string, string | number | Html>) => Html;

/**
 * Telegram shows at most 100 buttons under a message; a page of a keyboard stays well below, with
 * room for the ◀ ▶ row and a closing button.
 */
export const KEYBOARD_BUTTON_LIMIT = 100;

export interface Page<Item> {
  /** The items of this page. */
  items: Item[];
  /** 0-based, always within the list (a page asked for beyond the end is the last one). */
  page: number;
  pages: number;
  /** The position of the page's first item in the whole list (0-based). */
  offset: number;
  total: number;
}

/** How many pages `total` items make; an empty list is one (empty) page. */
export const pageCount = (total: number, perPage: number): number => Math.max(1, Math.ceil(Math.max(0, total) / perPage));

/** A requested page brought within 0 … pages − 1 (callback data is input: anything may come). */
export const clampPage = (page: number, pages: number): number =>
  Number.isFinite(page) ? Math.min(Math.max(0, Math.trunc(page)), Math.max(1, pages) - 1) : 0;

/** The page `requested` of `items`, `perPage` at a time. */
export function pageOf<Item>(items: readonly Item[], requested: number, perPage: number): Page<Item> {
  if (!Number.isInteger(perPage) || perPage < 1) throw new Error(`perPage must be a positive integer (${perPage})`);
  const pages = pageCount(items.length, perPage);
  const page = clampPage(requested, pages);
  const offset = page * perPage;
  return { items: items.slice(offset, offset + perPage), page, pages, offset, total: items.length };
}

/** The page on which the item at `index` (0-based) falls. */
export const pageOfIndex = (index: number, perPage: number): number => Math.max(0, Math.floor(index / perPage));

/** "trang 2/5": for the message text above a paged list; empty when there is one page. */
export function pageLabel(t: T, page: Pick<Page<unknown>, 'page' | 'pages'>): Html | null {
  return page.pages > 1 ? t('paging-page', { page: page.page + 1, pages: page.pages }) : null;
}

/** Adds the ◀ / ▶ row (only the buttons that lead somewhere) when there is more than one page. */
export function pagerRow(keyboard: InlineKeyboard, t: T, page: Pick<Page<unknown>, 'page' | 'pages'>, data: (page: number) => string): InlineKeyboard {
  if (page.pages <= 1) return keyboard;
  if (page.page > 0) keyboard.text(htmlToPlain(t('paging-prev')), data(page.page - 1));
  if (page.page < page.pages - 1) keyboard.text(htmlToPlain(t('paging-next')), data(page.page + 1));
  return keyboard.row();
}

/**
 * Answers the button and shows `text` and `keyboard` in the message the button is under. A
 * second press of the same button finds the message already showing this page: nothing to do.
 */
export async function showInPlace(ctx: Context, text: Html, keyboard: InlineKeyboard, toast?: string): Promise<void> {
  await ctx.answerCallbackQuery(toast === undefined ? undefined : { text: toast });
  try {
    await ctx.editMessageText(text.value, { parse_mode: 'HTML', reply_markup: keyboard, link_preview_options: { is_disabled: true } });
  } catch (error) {
    if (!(error instanceof GrammyError && /message is not modified/.test(error.description))) throw error;
  }
}
