import { describe, expect, it } from 'vitest';
import { parseTelegramHtml } from './html.js';

function parsed(src: string) {
  const r = parseTelegramHtml(src);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(src)} to parse, got: ${r.error}`);
  return r;
}

function error(src: string, opts?: { strictAmpersand?: boolean }): string {
  const r = parseTelegramHtml(src, opts);
  if (r.ok) throw new Error(`expected ${JSON.stringify(src)} to be rejected, got text ${JSON.stringify(r.text)}`);
  return r.error;
}

describe('parseTelegramHtml', () => {
  it('accepts escaped text inside bold and decodes the entities', () => {
    const r = parsed('<b>A&amp;B &lt;x&gt;</b>');
    expect(r.text).toBe('A&B <x>');
    expect(r.entities).toEqual([{ type: 'bold', offset: 0, length: 7 }]);
  });

  it('rejects a bare ampersand (strict mode, the default)', () => {
    expect(error('<b>A&B</b>')).toMatch(/Unescaped "&" at byte offset 4/);
  });

  it('keeps a bare ampersand literally when strictAmpersand is off, like Telegram', () => {
    const r = parseTelegramHtml('<b>A&B</b>', { strictAmpersand: false });
    expect(r).toMatchObject({ ok: true, text: 'A&B' });
  });

  it('rejects unescaped user text that looks like a tag, with a UTF-8 byte offset', () => {
    // "Chi bộ " is 9 bytes in UTF-8 ("ộ" takes 3).
    expect(error('Chi bộ <Tài chính>')).toBe('Unsupported start tag "tài" at byte offset 9');
  });

  it('accepts a bare ">" like Telegram', () => {
    expect(parsed('a > b').text).toBe('a > b');
  });

  it('accepts numeric entities and &quot;, with optional semicolon', () => {
    expect(parsed('&#72;&#x69; &quot;q&quot; &amp').text).toBe('Hi "q" &');
  });

  it('rejects unknown named entities in strict mode', () => {
    expect(error('a&nbsp;b')).toMatch(/Unescaped "&"/);
  });

  it('computes UTF-16 offsets for entities after emoji and Vietnamese text', () => {
    const r = parsed('😀 Đảng <i>ủy</i>');
    expect(r.text).toBe('😀 Đảng ủy');
    expect(r.entities).toEqual([{ type: 'italic', offset: 8, length: 2 }]);
  });

  it('supports every Telegram tag', () => {
    const r = parsed(
      '<strong>b</strong><em>i</em><ins>u</ins><del>s</del><strike>s</strike><tg-spoiler>x</tg-spoiler>' +
        '<span class="tg-spoiler">y</span><a href="https://example.com/?a=1&amp;b=2">l</a>' +
        '<code>c</code><pre><code class="language-ts">p</code></pre><blockquote expandable>q</blockquote>' +
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
    );
    expect(r.entities.map((e) => e.type)).toEqual([
      'bold', 'italic', 'underline', 'strikethrough', 'strikethrough', 'spoiler', 'spoiler', 'text_link',
      'code', 'pre', 'expandable_blockquote', 'custom_emoji',
    ]);
    expect(r.entities.find((e) => e.type === 'text_link')).toMatchObject({ url: 'https://example.com/?a=1&b=2' });
    expect(r.entities.find((e) => e.type === 'pre')).toMatchObject({ language: 'ts' });
  });

  it('requires proper nesting and closing', () => {
    expect(error('<b><i>x</b></i>')).toBe('Unmatched end tag at byte offset 7, expected "</i>", found "</b>"');
    expect(error('<b>x')).toBe('Can\'t find end tag corresponding to start tag "b"');
    expect(error('x</b>')).toBe('Unexpected end tag at byte offset 1');
    expect(error('<b')).toBe('Unclosed start tag at byte offset 0');
  });

  it('lets </> close any open tag, like Telegram', () => {
    expect(parsed('<b>x</>').entities).toEqual([{ type: 'bold', offset: 0, length: 1 }]);
  });

  it('rejects unsupported tags and malformed attributes', () => {
    expect(error('<div>x</div>')).toBe('Unsupported start tag "div" at byte offset 0');
    expect(error('<br/>')).toMatch(/Unsupported start tag "br\/"/);
    expect(error('<span>x</span>')).toMatch(/Tag "span" must have class "tg-spoiler"/);
    expect(error('<a href>x</a>')).toMatch(/Expected equal sign/);
    expect(error('<tg-emoji>x</tg-emoji>')).toMatch(/must have attribute "emoji-id"/);
  });

  it('ignores unknown attributes and accepts bare attribute values', () => {
    expect(parsed('<b class=x data-y="1">t</b>').entities).toEqual([{ type: 'bold', offset: 0, length: 1 }]);
  });

  it('drops empty entities', () => {
    expect(parsed('<b></b>x').entities).toEqual([]);
  });
});
