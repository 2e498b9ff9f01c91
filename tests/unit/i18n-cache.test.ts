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
});
