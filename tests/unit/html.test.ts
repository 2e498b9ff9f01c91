import { describe, expect, it } from 'vitest';
import { escapeHtml, html, htmlToPlain, joinHtml, splitMessage, TELEGRAM_TEXT_LIMIT } from '../../src/bot/render/html.js';

describe('html', () => {
  it('escapes interpolated values', () => {
    const name = 'Chi bộ Công ty TNHH A&B <Hà Nội>';
    expect(html`<b>${name}</b>`.value).toBe('<b>Chi bộ Công ty TNHH A&amp;B &lt;Hà Nội&gt;</b>');
  });

  it('does not escape values that are already Html', () => {
    const inner = html`<i>${'x<y'}</i>`;
    expect(html`<b>${inner}</b>`.value).toBe('<b><i>x&lt;y</i></b>');
  });

  it('joins with escaping', () => {
    expect(joinHtml(['a&b', html`<b>c</b>`], ', ').value).toBe('a&amp;b, <b>c</b>');
  });

  it('escapes quotes for attributes', () => {
    expect(escapeHtml('"x"')).toBe('&quot;x&quot;');
  });

  it('turns Html back into plain text', () => {
    expect(htmlToPlain(html`<b>${'A&B <x>'}</b>`)).toBe('A&B <x>');
  });
});

describe('splitMessage', () => {
  it('keeps short messages whole', () => {
    expect(splitMessage('one\ntwo')).toEqual(['one\ntwo']);
  });

  it('splits at line breaks under the limit', () => {
    const line = 'x'.repeat(100);
    const text = Array.from({ length: 100 }, () => line).join('\n');
    const parts = splitMessage(text);
    expect(parts.length).toBe(3);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    expect(parts.join('\n')).toBe(text);
  });

  it('cuts a single over-long line at a space, never inside a tag or entity', () => {
    const words = Array.from({ length: 1500 }, (_, i) => (i % 7 === 0 ? '<b>A&amp;B</b>' : 'chữ')).join(' ');
    const parts = splitMessage(words, 1000);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(1000);
      expect(p).not.toMatch(/<[^>]*$/);
      expect(p).not.toMatch(/&[a-z]*$/);
    }
  });

  it('drops empty chunks', () => {
    expect(splitMessage('\n\n')).toEqual([]);
  });
});
