/**
 * The Translator keeps what it formatted (the language negotiation of @grammyjs/i18n is most of a
 * translation's cost): asked again, with the same or other arguments, it answers as the first time.
 */
import { describe, expect, it } from 'vitest';
import { Html } from '../../src/bot/render/html.js';
import { Translator } from '../../src/bot/i18n.js';

describe('Translator', () => {
  const translator = new Translator();

  it('answers each language, key and arguments as when first asked, whatever was asked in between', () => {
    const first = translator.t('vi', 'help-header', { bloc: 'Đảng bộ Khối A' }).value;
    const other = translator.t('vi', 'help-header', { bloc: 'Đảng bộ <Khối> B' }).value;
    const english = translator.t('en', 'help-header', { bloc: 'Đảng bộ Khối A' }).value;
    expect(first).toContain('Đảng bộ Khối A');
    expect(other).toContain('Đảng bộ &lt;Khối&gt; B');
    expect(english).not.toBe(first);
    expect(translator.t('vi', 'help-header', { bloc: 'Đảng bộ Khối A' }).value).toBe(first);
    expect(translator.t('vi', 'help-header', { bloc: new Html('Đảng bộ <b>B</b>') }).value).toContain('<b>B</b>');
    expect(translator.for('en')('help-member').value).toBe(translator.t('en', 'help-member').value);
    expect(translator.t('vi', 'help-member').value).not.toBe(translator.t('en', 'help-member').value);
    // A long argument is formatted, not kept, and comes out whole.
    const long = 'x'.repeat(500);
    expect(translator.t('vi', 'help-header', { bloc: long }).value).toContain(long);
  });

  it('tells a number from the same digits as text, and a value holding the key separators from two values', () => {
    const asked: [string, Record<string, string | number>][] = [
      ['search-too-long', { length: 1200, max: 200 }],
      ['search-too-long', { length: '1200', max: '200' }],
      ['search-too-long', { length: 1200, max: '200' }],
      ['help-header', { bloc: 'A\u0000bloc\u0001B' }],
      ['help-header', { bloc: 'A' }],
    ];
    // Each asked of a fresh translator (nothing kept), then all of them of one, twice, in turn.
    const expected = asked.map(([key, args]) => new Translator().t('vi', key, args).value);
    const shared = new Translator();
    for (let round = 0; round < 2; round++) asked.forEach(([key, args], i) => expect(shared.t('vi', key, args).value).toBe(expected[i]));
    expect(expected[0]).not.toBe(expected[1]);
  });
});
