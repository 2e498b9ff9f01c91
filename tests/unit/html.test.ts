import { describe, expect, it } from 'vitest';
import type { MessageEntity } from 'grammy/types';
import { escapeHtml, html, htmlToPlain, joinHtml, type PartLimits, splitByCuts, splitMessage, TELEGRAM_TEXT_LIMIT } from '../../src/bot/render/html.js';
import { parseTelegramHtml } from '../fake-telegram/html.js';

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

/** Telegram's view of a message: its visible text and entities (the fake's port of Telegram's parser). */
function parsed(part: string) {
  const r = parseTelegramHtml(part);
  if (!r.ok) throw new Error(`Telegram would refuse ${JSON.stringify(part)}: ${r.error}`);
  return r;
}

/** For each visible character, the formatting that covers it (as a sorted list, so nesting counts). */
function formatting(text: string, entities: MessageEntity[]): string[] {
  const at: string[][] = Array.from({ length: text.length }, () => []);
  for (const e of entities) {
    const extra = 'url' in e ? e.url : 'language' in e ? e.language : 'custom_emoji_id' in e ? e.custom_emoji_id : '';
    for (let k = e.offset; k < e.offset + e.length; k++) at[k]!.push(`${e.type}:${extra ?? ''}`);
  }
  return at.map((l) => l.sort().join(','));
}

/**
 * What every split must guarantee, checked with Telegram's parser: each part is valid (balanced)
 * HTML that fits its limit and is not blank; the parts' visible texts are the original's, in
 * order, with only whitespace missing between them; every character keeps its formatting.
 */
function expectSound(original: string, parts: string[], limits: number | PartLimits): void {
  const { first, rest } = typeof limits === 'number' ? { first: limits, rest: limits } : limits;
  const whole = parsed(original);
  const wholeFormat = formatting(whole.text, whole.entities);
  let cursor = 0;
  parts.forEach((part, i) => {
    const p = parsed(part);
    expect(p.text.length, `part ${i} of ${JSON.stringify(original)}`).toBeLessThanOrEqual(i === 0 ? first : rest);
    expect(p.text.trim()).not.toBe('');
    const at = whole.text.indexOf(p.text, cursor);
    expect(at, `part ${i} ${JSON.stringify(p.text)} in order`).toBeGreaterThanOrEqual(cursor);
    expect(whole.text.slice(cursor, at).trim(), 'only whitespace between parts').toBe('');
    expect(formatting(p.text, p.entities)).toEqual(wholeFormat.slice(at, at + p.text.length));
    cursor = at + p.text.length;
  });
  expect(whole.text.slice(cursor).trim(), 'nothing left out at the end').toBe('');
}

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;
  return { next, int, pick };
}

const WORDS = ['Đảng', 'bộ', 'chi', 'sinh hoạt', 'A&amp;B', '&lt;Tài chính&gt;', '&quot;x&quot;', '😀', '🇻🇳', 'nghị-quyết', 'x'.repeat(37), '&#128512;', '&#x1F600;'];
const SEPARATORS = [' ', ' ', ' ', '\n', '\n\n', '', '  '];
const WRAPPERS: readonly [string, string][] = [
  ['<b>', '</b>'],
  ['<strong>', '</strong>'],
  ['<i>', '</i>'],
  ['<em>', '</em>'],
  ['<u>', '</u>'],
  ['<ins>', '</ins>'],
  ['<s>', '</s>'],
  ['<strike>', '</strike>'],
  ['<del>', '</del>'],
  ['<a href="https://example.org/?a=1&amp;b=2">', '</a>'],
  ['<span class="tg-spoiler">', '</span>'],
  ['<tg-spoiler>', '</tg-spoiler>'],
  ['<blockquote>', '</blockquote>'],
  ['<blockquote expandable>', '</blockquote>'],
];
/** Elements that hold plain text only, as in Telegram. */
const LEAVES: readonly [string, string][] = [
  ['<code>', '</code>'],
  ['<pre>', '</pre>'],
  ['<pre><code class="language-typescript">', '</code></pre>'],
];

function randomText(r: ReturnType<typeof random>, words: number): string {
  let out = '';
  for (let k = 0; k < words; k++) out += r.pick(WORDS) + r.pick(SEPARATORS);
  return out;
}

function randomHtml(r: ReturnType<typeof random>, depth = 0): string {
  let out = '';
  const nodes = r.int(1, depth === 0 ? 8 : 4);
  for (let n = 0; n < nodes; n++) {
    const roll = r.next();
    if (roll < 0.4 || depth >= 4) out += randomText(r, r.int(1, 40));
    else if (roll < 0.5) out += '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>';
    else if (roll < 0.62) {
      const [open, close] = r.pick(LEAVES);
      out += open + randomText(r, r.int(1, 30)) + close;
    } else {
      const [open, close] = r.pick(WRAPPERS);
      out += open + randomHtml(r, depth + 1) + close;
    }
  }
  return out;
}

describe('splitMessage', () => {
  // A text no longer than the limit takes a shortcut (no tokenizing): it must answer exactly as the cutting does.
  describe('one part: the shortcut answers as the cutting does', () => {
    const PIECES = [
      'Chỉ tiêu', ' ', '\n', '\n\n', '  ', 'a', '<', '>', '&', '&lt;', '&amp;', '&#128512;', '&#x1F600', '&bogus;', '&quot',
      '😀', '<b>', '</b>', '<i>', '</i>', '<B>', '</B>', '<a href="https://x.vn/?a=1&amp;b=2">', '</a>', '</>', '<code>', '</code>',
      '<pre><code class="language-ts">', '</code></pre>', '<tg-emoji emoji-id="5368324170671202286">', '</tg-emoji>',
      '<b></b>', '<i> </i>', '<blockquote expandable>', '</blockquote>', '< b>', '<1>', '<b',
    ];
    let seed = 0x9e3779b9;
    const next = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 0x1_0000_0000;
    };
    const texts = Array.from({ length: 3000 }, () => Array.from({ length: Math.floor(next() * 24) }, () => PIECES[Math.floor(next() * PIECES.length)]).join(''));

    it('3,000 texts of tags (balanced or not), entities, emoji and blanks, at their own length and above', () => {
      const differ = texts.flatMap((text) =>
        [text.length, text.length + 7, TELEGRAM_TEXT_LIMIT].flatMap((limit) => {
          const fast = splitMessage(text, limit);
          const cut = splitByCuts(text, limit, limit);
          return JSON.stringify(fast) === JSON.stringify(cut) ? [] : [`${JSON.stringify(text)} @${limit}: ${JSON.stringify(fast)} ≠ ${JSON.stringify(cut)}`];
        }),
      );
      expect(differ).toEqual([]);
    });

    it('closes what is left open, drops empty elements, and gives nothing for a blank text', () => {
      expect(splitMessage('<b>Kết quả <i>quý IV')).toEqual(['<b>Kết quả <i>quý IV</i></b>']);
      expect(splitMessage('x<b></b><i><u></u></i>')).toEqual(['x']);
      expect(splitMessage(' \n <b> </b>')).toEqual([]);
      expect(splitMessage('<B>a</B>')).toEqual(['<B>a</B>']);
    });
  });

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
      expect(p).not.toMatch(/<[^>]*$/);
      expect(p).not.toMatch(/&[a-z]*$/);
      expect(p).not.toMatch(/^[^<]*>/);
    }
    expectSound(words, parts, 1000);
  });

  it('drops empty chunks', () => {
    expect(splitMessage('\n\n')).toEqual([]);
  });

  it('a short text is handled as a long one: tags left open are closed, empty elements and empty texts dropped', () => {
    expect(splitMessage('<b>Họp <I>chi bộ</I> <a href="x">tháng')).toEqual(['<b>Họp <I>chi bộ</I> <a href="x">tháng</a></b>']);
    expect(splitMessage('<b>A</b><i></i> &amp; <u>B</>')).toEqual(['<b>A</b> &amp; <u>B</>']);
    expect(splitMessage('<b></b> <i> </i>')).toEqual([]);
    // The same texts past the limit give the same first part.
    expect(splitMessage(`<b>Họp <I>chi bộ</I> <a href="x">tháng ${'x'.repeat(5000)}`)[0]).toMatch(/^<b>Họp <I>chi bộ<\/I> <a href="x">tháng<\/a><\/b>$/);
  });

  it('a title in bold longer than a message is closed at the cut and reopened in the next part', () => {
    const title = 'Hội nghị quán triệt nghị quyết '.repeat(140).trim();
    const card = `📅 <b>${title}</b> · #12\nSinh hoạt định kỳ · Chi bộ A&amp;B`;
    const parts = splitMessage(card);
    expect(parts.length).toBe(2);
    expect(parts[0]).toMatch(/^📅 <b>Hội nghị.*<\/b>$/s);
    expect(parts[1]).toMatch(/^<b>.*<\/b> · #12\nSinh hoạt định kỳ · Chi bộ A&amp;B$/s);
    expectSound(card, parts, TELEGRAM_TEXT_LIMIT);
  });

  it('reopens nested tags with their attributes, in order', () => {
    const text = `<blockquote expandable><a href="https://x.org/?a=1&amp;b=2"><i>${'một hai ba '.repeat(10)}</i></a></blockquote>`;
    const parts = splitMessage(text, 40);
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts.slice(1)) expect(p.startsWith('<blockquote expandable><a href="https://x.org/?a=1&amp;b=2"><i>')).toBe(true);
    for (const p of parts) expect(p.endsWith('</i></a></blockquote>')).toBe(true);
    expectSound(text, parts, 40);
  });

  it('counts what Telegram counts: entities as one character, tags as nothing, an emoji as two', () => {
    const escaped = '&lt;&amp;&gt;'.repeat(1000); // 3,000 visible characters, 13,000 of HTML
    expect(splitMessage(`<b>${escaped}</b>`)).toEqual([`<b>${escaped}</b>`]);
    const emoji = '😀'.repeat(2049); // 4,098 UTF-16 code units
    const parts = splitMessage(emoji);
    expect(parts.map((p) => p.length)).toEqual([4096, 2]);
  });

  it('prefers a line break, then a space, and cuts a word only when it must', () => {
    expect(splitMessage('aaaa bbbb\ncccc dddd', 16)).toEqual(['aaaa bbbb', 'cccc dddd']);
    expect(splitMessage('aaaa bbbb cccc dddd', 16)).toEqual(['aaaa bbbb cccc', 'dddd']);
    expect(splitMessage('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('never cuts a custom emoji away from its tag', () => {
    const text = `ab<tg-emoji emoji-id="1">👍</tg-emoji>`;
    const parts = splitMessage(text, 3);
    expect(parts).toEqual(['ab', '<tg-emoji emoji-id="1">👍</tg-emoji>']);
  });

  it('a first part of another size (a caption above the texts that follow)', () => {
    const text = `<b>${'chữ '.repeat(600)}</b>`;
    const parts = splitMessage(text, { first: 1024, rest: 4096 });
    expect(parts.length).toBe(2);
    expectSound(text, parts, { first: 1024, rest: 4096 });
  });

  it('property: random nesting and lengths always give sound parts', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const r = random(seed);
      const text = randomHtml(r);
      const limits: number | PartLimits = r.next() < 0.2 ? { first: r.int(8, 60), rest: r.int(8, 300) } : r.int(8, 400);
      const parts = splitMessage(text, limits);
      try {
        expectSound(text, parts, limits);
      } catch (error) {
        throw new Error(`seed ${seed}, limits ${JSON.stringify(limits)}: ${(error as Error).message}`);
      }
    }
  });
});
