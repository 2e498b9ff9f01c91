/**
 * The page maths every paged list shares, and the ◀ ▶ row: pages of a list, a page asked for out
 * of range (callback data is input), the page an item falls on, and what the row offers.
 */
import { InlineKeyboard } from 'grammy';
import { describe, expect, it } from 'vitest';
import { type TranslationArgs, Translator } from '../../src/bot/i18n.js';
import { clampPage, pageCount, pageLabel, pageOf, pageOfIndex, pagerRow } from '../../src/bot/render/paging.js';

const translator = new Translator();
const t = (key: string, args?: TranslationArgs) => translator.t('vi', key, args);
const items = Array.from({ length: 23 }, (_, i) => i + 1);

describe('page maths', () => {
  it('counts pages: an empty list is one page, a full last page adds none', () => {
    expect(pageCount(0, 10)).toBe(1);
    expect(pageCount(1, 10)).toBe(1);
    expect(pageCount(10, 10)).toBe(1);
    expect(pageCount(11, 10)).toBe(2);
    expect(pageCount(23, 10)).toBe(3);
  });

  it('cuts a list into pages with the offset of each', () => {
    expect(pageOf(items, 0, 10)).toEqual({ items: items.slice(0, 10), page: 0, pages: 3, offset: 0, total: 23 });
    expect(pageOf(items, 1, 10)).toMatchObject({ items: items.slice(10, 20), page: 1, offset: 10 });
    expect(pageOf(items, 2, 10)).toMatchObject({ items: [21, 22, 23], page: 2, offset: 20 });
    expect(pageOf([], 0, 10)).toEqual({ items: [], page: 0, pages: 1, offset: 0, total: 0 });
  });

  it('brings any page asked for within the list: beyond the end is the last page, below zero the first', () => {
    expect(pageOf(items, 99, 10)).toMatchObject({ page: 2, items: [21, 22, 23] });
    expect(pageOf(items, -5, 10)).toMatchObject({ page: 0, items: items.slice(0, 10) });
    expect(clampPage(Number.NaN, 3)).toBe(0);
    expect(clampPage(1.7, 3)).toBe(1);
    expect(clampPage(Number.MAX_SAFE_INTEGER, 3)).toBe(2);
    expect(clampPage(4, 0)).toBe(0);
    // A list that shrank since the button was made: page 3 of what is now two pages.
    expect(pageOf(items.slice(0, 15), 2, 10)).toMatchObject({ page: 1, items: items.slice(10, 15) });
  });

  it('refuses a page size that is not a positive integer', () => {
    expect(() => pageOf(items, 0, 0)).toThrow();
    expect(() => pageOf(items, 0, 2.5)).toThrow();
  });

  it('finds the page an item falls on', () => {
    expect(pageOfIndex(0, 50)).toBe(0);
    expect(pageOfIndex(49, 50)).toBe(0);
    expect(pageOfIndex(50, 50)).toBe(1);
    expect(pageOfIndex(119, 50)).toBe(2);
  });
});

describe('the ◀ ▶ row', () => {
  const row = (page: number, pages: number) =>
    pagerRow(new InlineKeyboard(), t, { page, pages }, (p) => `x:${p}`).inline_keyboard.filter((r) => r.length > 0).map((r) => r.map((b) => [b.text, (b as { callback_data: string }).callback_data]));

  it('offers only the buttons that lead somewhere, and nothing for one page', () => {
    expect(row(0, 1)).toEqual([]);
    expect(row(0, 3)).toEqual([[['Trang sau ▶', 'x:1']]]);
    expect(row(1, 3)).toEqual([[['◀ Trang trước', 'x:0'], ['Trang sau ▶', 'x:2']]]);
    expect(row(2, 3)).toEqual([[['◀ Trang trước', 'x:1']]]);
  });

  it('says "trang 2/5" only when there are pages', () => {
    expect(pageLabel(t, { page: 1, pages: 5 })?.value).toBe('(trang 2/5)');
    expect(pageLabel(t, { page: 0, pages: 1 })).toBeNull();
  });
});
