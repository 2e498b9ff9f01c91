import type { MessageEntity } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { entitiesToHtml, htmlVisibleLength } from '../../src/bot/render/entities.js';
import { htmlToPlain } from '../../src/bot/render/html.js';

const render = (text: string, entities?: MessageEntity[]) => entitiesToHtml(text, entities).value;
const e = (type: MessageEntity.CommonMessageEntity['type'], offset: number, length: number): MessageEntity => ({
  type,
  offset,
  length,
});

/**
 * Reads Telegram HTML back: throws unless the tags nest properly, and returns, for each UTF-16
 * unit of the visible text, the opening tags in force there (sorted).
 */
function tagsPerUnit(html: string): string[][] {
  const stack: Array<{ name: string; open: string }> = [];
  const units: string[][] = [];
  for (const [, tag, text] of html.matchAll(/(<[^>]*>)|([^<]+)/g)) {
    if (text !== undefined) {
      const decoded = text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
      const open = stack.map((s) => s.open).sort();
      for (let i = 0; i < decoded.length; i++) units.push(open);
      continue;
    }
    const closing = /^<\/([\w-]+)>$/.exec(tag!);
    if (closing) {
      const top = stack.pop();
      if (top?.name !== closing[1]) throw new Error(`</${closing[1]}> closes <${top?.name}> in ${html}`);
    } else {
      stack.push({ name: /^<([\w-]+)/.exec(tag!)![1]!, open: tag! });
    }
  }
  if (stack.length > 0) throw new Error(`unclosed tags in ${html}`);
  return units;
}

describe('entitiesToHtml', () => {
  it('escapes plain text', () => {
    const text = 'Chi bộ Công ty TNHH A&B, Đảng bộ Sở <Tài chính> "mới"';
    const escaped = 'Chi bộ Công ty TNHH A&amp;B, Đảng bộ Sở &lt;Tài chính&gt; &quot;mới&quot;';
    expect(render(text)).toBe(escaped);
    expect(render(text, [])).toBe(escaped);
    expect(render('')).toBe('');
  });

  it.each([
    ['bold', '<b>', '</b>'],
    ['italic', '<i>', '</i>'],
    ['underline', '<u>', '</u>'],
    ['strikethrough', '<s>', '</s>'],
    ['spoiler', '<tg-spoiler>', '</tg-spoiler>'],
    ['code', '<code>', '</code>'],
    ['blockquote', '<blockquote>', '</blockquote>'],
    ['expandable_blockquote', '<blockquote expandable>', '</blockquote>'],
  ] as const)('renders %s', (type, open, close) => {
    expect(render('Họp a<b chi bộ', [e(type, 4, 3)])).toBe(`Họp ${open}a&lt;b${close} chi bộ`);
  });

  it('renders pre, with and without a language', () => {
    const text = 'Mã:\nif (a < b) {}';
    expect(render(text, [{ type: 'pre', offset: 4, length: 13 }])).toBe('Mã:\n<pre>if (a &lt; b) {}</pre>');
    expect(render(text, [{ type: 'pre', offset: 4, length: 13, language: 'typescript' }])).toBe(
      'Mã:\n<pre><code class="language-typescript">if (a &lt; b) {}</code></pre>',
    );
    expect(render('x', [{ type: 'pre', offset: 0, length: 1, language: 'a"b' }])).toBe(
      '<pre><code class="language-a&quot;b">x</code></pre>',
    );
  });

  it('renders text links with the address escaped', () => {
    const url = 'https://example.vn/?a=1&b="2"<x>';
    expect(render('Xem tại đây', [{ type: 'text_link', offset: 4, length: 3, url }])).toBe(
      'Xem <a href="https://example.vn/?a=1&amp;b=&quot;2&quot;&lt;x&gt;">tại</a> đây',
    );
  });

  it('renders text mentions as tg://user links', () => {
    const user = { id: 123456789, is_bot: false, first_name: 'Lan' };
    expect(render('Đồng chí Lan', [{ type: 'text_mention', offset: 9, length: 3, user }])).toBe(
      'Đồng chí <a href="tg://user?id=123456789">Lan</a>',
    );
  });

  it('renders custom emoji and date-time entities', () => {
    expect(render('👍 ok', [{ type: 'custom_emoji', offset: 0, length: 2, custom_emoji_id: '5368324170671202286' }])).toBe(
      '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji> ok',
    );
    const unix_time = 1_764_750_600;
    expect(render('lúc 14h30', [{ type: 'date_time', offset: 4, length: 5, unix_time, date_time_format: 'wDT' }])).toBe(
      `lúc <tg-time unix="${unix_time}" format="wDT">14h30</tg-time>`,
    );
    expect(render('lúc 14h30', [{ type: 'date_time', offset: 4, length: 5, unix_time, date_time_format: '' }])).toBe(
      `lúc <tg-time unix="${unix_time}">14h30</tg-time>`,
    );
  });

  it.each(['mention', 'hashtag', 'cashtag', 'bot_command', 'url', 'email', 'phone_number'] as const)(
    'leaves %s as plain text for Telegram to detect again',
    (type) => {
      expect(render('x @a&b y', [e(type, 2, 4)])).toBe('x @a&amp;b y');
    },
  );

  it('nests bold inside italic, whatever order the entities come in', () => {
    const text = 'Họp chi bộ tháng 12';
    const expected = '<i>Họp <b>chi bộ</b> tháng 12</i>';
    expect(render(text, [e('italic', 0, text.length), e('bold', 4, 6)])).toBe(expected);
    expect(render(text, [e('bold', 4, 6), e('italic', 0, text.length)])).toBe(expected);
  });

  it('nests entities that cover the same text in a stable order, code innermost', () => {
    expect(render('x', [e('bold', 0, 1), e('italic', 0, 1)])).toBe('<b><i>x</i></b>');
    expect(render('x', [e('italic', 0, 1), e('bold', 0, 1)])).toBe('<i><b>x</b></i>');
    expect(render('x', [e('code', 0, 1), e('bold', 0, 1)])).toBe('<b><code>x</code></b>');
    expect(render('x', [e('bold', 0, 1), e('blockquote', 0, 1)])).toBe('<blockquote><b>x</b></blockquote>');
    const link: MessageEntity = { type: 'text_link', offset: 0, length: 1, url: 'https://a.vn' };
    expect(render('x', [e('bold', 0, 1), link])).toBe('<a href="https://a.vn"><b>x</b></a>');
  });

  it('handles nesting several levels deep and adjacent entities', () => {
    const text = 'Nghị quyết Đại hội';
    const entities = [e('blockquote', 0, 18), e('bold', 0, 10), e('italic', 5, 5), e('underline', 11, 7)];
    expect(render(text, entities)).toBe('<blockquote><b>Nghị <i>quyết</i></b> <u>Đại hội</u></blockquote>');
    expect(render('abcd', [e('bold', 0, 2), e('italic', 2, 2)])).toBe('<b>ab</b><i>cd</i>');
  });

  it('counts offsets in UTF-16 units, so emoji take two', () => {
    const text = '🎉🇻🇳 Họp <chi bộ>';
    expect('🎉'.length).toBe(2);
    expect('🇻🇳'.length).toBe(4);
    // "Họp" starts after 2 + 4 units of emoji and a space.
    expect(render(text, [e('bold', 7, 3)])).toBe('🎉🇻🇳 <b>Họp</b> &lt;chi bộ&gt;');
    expect(render(text, [e('italic', 0, 2), e('code', 11, 8)])).toBe('<i>🎉</i>🇻🇳 Họp <code>&lt;chi bộ&gt;</code>');
  });

  it('places entities correctly after Vietnamese text and emoji inside the entity', () => {
    const text = 'Đảng bộ Khối: 👏 hoàn thành xuất sắc';
    const offset = text.indexOf('👏');
    expect(render(text, [e('bold', offset, 2 + 1 + 'hoàn thành'.length)])).toBe(
      'Đảng bộ Khối: <b>👏 hoàn thành</b> xuất sắc',
    );
  });

  it('renders an entity at the very end, and clamps one that runs past it', () => {
    expect(render('Xem tại đây', [{ type: 'text_link', offset: 8, length: 3, url: 'https://a.vn' }])).toBe(
      'Xem tại <a href="https://a.vn">đây</a>',
    );
    expect(render('abc', [e('bold', 1, 10)])).toBe('a<b>bc</b>');
    expect(render('abc', [e('bold', 3, 0), e('italic', 5, 2)])).toBe('abc');
  });

  it('splits partially overlapping entities so that the tags nest', () => {
    expect(render('abcdefghi', [e('bold', 0, 6), e('italic', 3, 6)])).toBe('<b>abc<i>def</i></b><i>ghi</i>');
    expect(render('abcdefghi', [e('italic', 3, 6), e('bold', 0, 6)])).toBe('<b>abc<i>def</i></b><i>ghi</i>');
    // Three entities in a staircase: where bold ends, the reopened italic (ending sooner) goes
    // inside the underline that starts there, so only one tag is split.
    const html = render('abcdefgh', [e('bold', 0, 4), e('italic', 2, 4), e('underline', 4, 4)]);
    expect(html).toBe('<b>ab<i>cd</i></b><u><i>ef</i>gh</u>');
    expect(() => tagsPerUnit(html)).not.toThrow();
  });

  it('always nests tags and formats exactly the covered text (random entities)', () => {
    // A small deterministic generator, so a failure can be replayed.
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const tags = { bold: '<b>', italic: '<i>', underline: '<u>', strikethrough: '<s>', spoiler: '<tg-spoiler>', code: '<code>' };
    const types = Object.keys(tags) as Array<keyof typeof tags>;
    const text = 'Họp <chi bộ> & A&B "tháng" 12';
    for (let round = 0; round < 300; round++) {
      const entities: MessageEntity[] = [];
      const count = 1 + random(5);
      for (let i = 0; i < count; i++) {
        const offset = random(text.length);
        entities.push(e(types[random(types.length)]!, offset, 1 + random(text.length - offset)));
      }
      const html = render(text, entities);
      expect(htmlToPlain(entitiesToHtml(text, entities))).toBe(text);
      expect(htmlVisibleLength(html)).toBe(text.length);
      const expected = Array.from({ length: text.length }, (_, unit) =>
        entities
          .filter((x) => x.offset <= unit && unit < x.offset + x.length)
          .map((x) => tags[x.type as keyof typeof tags])
          .sort(),
      );
      expect(tagsPerUnit(html), JSON.stringify(entities)).toEqual(expected);
    }
  });
});

describe('htmlVisibleLength', () => {
  it('ignores tags and counts entities as one character', () => {
    expect(htmlVisibleLength('<b>a&amp;b</b>')).toBe(3);
    expect(htmlVisibleLength('&lt;&gt;&quot;&amp;')).toBe(4);
    expect(htmlVisibleLength('<a href="https://a.vn/?x=1&amp;y=2">link</a>')).toBe(4);
    expect(htmlVisibleLength('<pre><code class="language-ts">x</code></pre>')).toBe(1);
    expect(htmlVisibleLength('<blockquote expandable>ab\ncd</blockquote>')).toBe(5);
  });

  it('decodes numeric entities, counting UTF-16 units', () => {
    expect(htmlVisibleLength('&#65;&#x41;&#X41;')).toBe(3);
    expect(htmlVisibleLength('&#128077;')).toBe(2);
    expect(htmlVisibleLength('&#x1F44D;')).toBe(2);
    expect(htmlVisibleLength('👍')).toBe(2);
  });

  it('decodes once, and leaves what Telegram does not know as it is', () => {
    expect(htmlVisibleLength('&amp;lt;')).toBe(4); // shows "&lt;"
    expect(htmlVisibleLength('&nbsp;')).toBe(6);
    expect(htmlVisibleLength('&LT;')).toBe(4);
    expect(htmlVisibleLength('&#x110000;')).toBe(10);
    expect(htmlVisibleLength('a & b')).toBe(5);
  });

  it('counts Vietnamese letters once each', () => {
    expect(htmlVisibleLength('<b>Đảng bộ Khối</b>')).toBe('Đảng bộ Khối'.length);
    expect('Đảng bộ Khối'.length).toBe(12);
  });

  it('matches the length of the text entitiesToHtml was given', () => {
    const text = '🎉 Đảng bộ Sở <Tài chính> & "A&B"';
    const html = render(text, [e('bold', 3, 7), { type: 'text_link', offset: 14, length: 11, url: 'https://a.vn/?a&b' }]);
    expect(htmlVisibleLength(html)).toBe(text.length);
  });
});
