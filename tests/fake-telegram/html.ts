/**
 * Telegram's `parse_mode: 'HTML'` parser, ported from the behaviour of TDLib's `parse_html`
 * (which the Bot API server uses): converts HTML to plain text plus MessageEntity[] with
 * UTF-16 offsets, or returns the error text Telegram puts after
 * "Bad Request: can't parse entities: ".
 *
 * Models: the tag whitelist (b strong i em u ins s strike del a code pre tg-spoiler
 * span.tg-spoiler blockquote[expandable] tg-emoji[emoji-id]), attribute parsing (quoted and
 * bare values), nesting checks, `</>` closing any tag, the entities &lt; &gt; &amp; &quot; and
 * numeric &#N; / &#xH; (trailing ';' optional), byte offsets in error messages.
 *
 * Deliberate deviation (on by default, `strictAmpersand: false` to turn it off): real Telegram
 * keeps a bare '&' that does not start a known entity as a literal character. The fake rejects
 * it so that tests catch user text that was not escaped. A bare '>' is accepted, like Telegram.
 *
 * Does not model: URL validation of href (any non-empty href becomes a text_link), tg://user
 * links becoming text_mention, the `tg-time` tag, dropping entities nested inside code/pre.
 */
import type { MessageEntity } from 'grammy/types';

export type HtmlParseResult =
  | { ok: true; text: string; entities: MessageEntity[] }
  | { ok: false; error: string };

export interface HtmlParseOptions {
  /** Reject a bare '&' (default true). Real Telegram accepts it literally. */
  strictAmpersand?: boolean;
}

const SUPPORTED_TAGS = new Set([
  'a', 'b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del',
  'code', 'pre', 'tg-spoiler', 'span', 'blockquote', 'tg-emoji',
]);

interface OpenTag {
  name: string;
  /** href, code language, span class or emoji-id */
  argument: string;
  expandable: boolean;
  /** UTF-16 offset in the output text where the tag started */
  offset: number;
}

class HtmlError extends Error {}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
}

function isAlnum(c: string | undefined): boolean {
  return c !== undefined && /^[A-Za-z0-9]$/.test(c);
}

function lowerAscii(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** Decodes an HTML entity starting at `pos` (which holds '&'); TDLib's decode_html_entity. */
export function decodeEntityAt(src: string, pos: number): { char: string; end: number } | undefined {
  let end = pos + 1;
  let code = 0;
  if (src[end] === '#') {
    end++;
    const hex = src[end] === 'x';
    if (hex) end++;
    const digits = hex ? /[0-9a-fA-F]/ : /[0-9]/;
    const start = end;
    while (end < src.length && digits.test(src[end] ?? '')) end++;
    if (end === start || end - pos >= 10) return undefined;
    code = parseInt(src.slice(start, end), hex ? 16 : 10);
    if (code === 0 || code >= 0x10ffff) return undefined;
  } else {
    const start = end;
    while (end < src.length && /[A-Za-z]/.test(src[end] ?? '')) end++;
    const named: Record<string, number> = { lt: 60, gt: 62, amp: 38, quot: 34 };
    const value = named[src.slice(start, end)];
    if (value === undefined) return undefined;
    code = value;
  }
  if (src[end] === ';') end++;
  // Lone surrogates are caught later by the UTF-8 validity check, like TDLib's check_utf8.
  const char = code >= 0xd800 && code <= 0xdfff ? String.fromCharCode(code) : String.fromCodePoint(code);
  return { char, end };
}

function hasLoneSurrogate(s: string): boolean {
  return /[\uD800-\uDFFF]/.test(s) && /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

/** Parses Telegram HTML into plain text and entities. */
export function parseTelegramHtml(src: string, options: HtmlParseOptions = {}): HtmlParseResult {
  try {
    return new HtmlParser(src, options.strictAmpersand ?? true).run();
  } catch (e) {
    if (e instanceof HtmlError) return { ok: false, error: e.message };
    throw e;
  }
}

class HtmlParser {
  private out = '';
  private i = 0;
  private readonly stack: OpenTag[] = [];
  private readonly entities: MessageEntity[] = [];

  constructor(
    private readonly src: string,
    private readonly strictAmpersand: boolean,
  ) {}

  run(): HtmlParseResult {
    const { src } = this;
    while (this.i < src.length) {
      const c = src[this.i];
      if (c === '&') this.ampersand();
      else if (c === '<') {
        if (src[this.i + 1] === '/') this.endTag();
        else this.startTag();
      } else {
        // Plain text up to the next '&' or '<', copied at once.
        let j = this.i + 1;
        while (j < src.length) {
          const code = src.charCodeAt(j);
          if (code === 0x26 || code === 0x3c) break;
          j++;
        }
        this.out += src.slice(this.i, j);
        this.i = j;
      }
    }
    const open = this.stack[this.stack.length - 1];
    if (open) throw new HtmlError(`Can't find end tag corresponding to start tag "${open.name}"`);
    if (hasLoneSurrogate(this.out)) {
      throw new HtmlError(
        'Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units',
      );
    }
    this.entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
    return { ok: true, text: this.out, entities: this.entities };
  }

  private byteOffset(pos: number): number {
    return Buffer.byteLength(this.src.slice(0, pos), 'utf8');
  }

  private ampersand(): void {
    const decoded = decodeEntityAt(this.src, this.i);
    if (decoded) {
      this.out += decoded.char;
      this.i = decoded.end;
      return;
    }
    if (this.strictAmpersand) {
      throw new HtmlError(
        `Unescaped "&" at byte offset ${this.byteOffset(this.i)}; write it as "&amp;" (FakeTelegram strict check)`,
      );
    }
    this.out += '&';
    this.i++;
  }

  private startTag(): void {
    const { src } = this;
    const begin = this.i;
    let j = begin + 1;
    while (j < src.length && !isSpace(src[j]) && src[j] !== '>') j++;
    if (j >= src.length) throw new HtmlError(`Unclosed start tag at byte offset ${this.byteOffset(begin)}`);
    const name = lowerAscii(src.slice(begin + 1, j));
    if (!SUPPORTED_TAGS.has(name)) {
      throw new HtmlError(`Unsupported start tag "${name}" at byte offset ${this.byteOffset(begin)}`);
    }
    const tag: OpenTag = { name, argument: '', expandable: false, offset: this.out.length };
    this.i = j;
    this.attributes(tag, begin);
    this.i++; // skip '>'
    this.checkRequiredAttributes(tag, begin);
    this.stack.push(tag);
  }

  /** Parses attributes up to (not past) the closing '>' of a start tag. */
  private attributes(tag: OpenTag, begin: number): void {
    const { src } = this;
    const unclosed = (): HtmlError => new HtmlError(`Unclosed start tag at byte offset ${this.byteOffset(begin)}`);
    for (;;) {
      while (this.i < src.length && isSpace(src[this.i])) this.i++;
      if (this.i >= src.length) throw unclosed();
      if (src[this.i] === '>') return;
      const nameStart = this.i;
      while (this.i < src.length && !isSpace(src[this.i]) && src[this.i] !== '=' && src[this.i] !== '>') this.i++;
      const attr = lowerAscii(src.slice(nameStart, this.i));
      if (attr === '') {
        throw new HtmlError(`Empty attribute name in the tag "${tag.name}" at byte offset ${this.byteOffset(begin)}`);
      }
      while (this.i < src.length && isSpace(src[this.i])) this.i++;
      if (src[this.i] !== '=') {
        if (tag.name === 'blockquote' && attr === 'expandable') {
          tag.expandable = true;
          continue;
        }
        throw new HtmlError(
          `Expected equal sign in declaration of an attribute of the tag "${tag.name}" at byte offset ${this.byteOffset(begin)}`,
        );
      }
      this.i++;
      while (this.i < src.length && isSpace(src[this.i])) this.i++;
      if (this.i >= src.length) throw unclosed();
      const value = this.attributeValue();
      if (this.i >= src.length) throw unclosed();
      this.applyAttribute(tag, attr, value);
    }
  }

  private attributeValue(): string {
    const { src } = this;
    const quote = src[this.i];
    if (quote !== '"' && quote !== "'") {
      const start = this.i;
      while (isAlnum(src[this.i]) || src[this.i] === '.' || src[this.i] === '-') this.i++;
      if (this.i < src.length && !isSpace(src[this.i]) && src[this.i] !== '>') {
        throw new HtmlError(`Unexpected end of name token at byte offset ${this.byteOffset(start)}`);
      }
      return lowerAscii(src.slice(start, this.i));
    }
    this.i++;
    let value = '';
    while (this.i < src.length && src[this.i] !== quote) {
      const decoded = src[this.i] === '&' ? decodeEntityAt(src, this.i) : undefined;
      if (decoded) {
        value += decoded.char;
        this.i = decoded.end;
      } else {
        value += src[this.i];
        this.i++;
      }
    }
    if (src[this.i] === quote) this.i++;
    return value;
  }

  private applyAttribute(tag: OpenTag, attr: string, value: string): void {
    if (tag.name === 'a' && attr === 'href') tag.argument = value;
    else if (tag.name === 'code' && attr === 'class' && value.startsWith('language-')) tag.argument = value.slice(9);
    else if (tag.name === 'span' && attr === 'class' && value.startsWith('tg-')) tag.argument = value.slice(3);
    else if (tag.name === 'tg-emoji' && attr === 'emoji-id') tag.argument = value;
    else if (tag.name === 'blockquote' && attr === 'expandable') tag.expandable = true;
    // Unknown attributes are ignored, like Telegram does.
  }

  private checkRequiredAttributes(tag: OpenTag, begin: number): void {
    if (tag.name === 'span' && tag.argument !== 'spoiler') {
      throw new HtmlError(`Tag "span" must have class "tg-spoiler" at byte offset ${this.byteOffset(begin)}`);
    }
    if (tag.name === 'tg-emoji' && !/^\d+$/.test(tag.argument)) {
      throw new HtmlError(`Tag "tg-emoji" must have attribute "emoji-id" at byte offset ${this.byteOffset(begin)}`);
    }
  }

  private endTag(): void {
    const { src } = this;
    const begin = this.i;
    const open = this.stack.pop();
    if (!open) throw new HtmlError(`Unexpected end tag at byte offset ${this.byteOffset(begin)}`);
    let j = begin + 2;
    while (j < src.length && !isSpace(src[j]) && src[j] !== '>') j++;
    const endName = lowerAscii(src.slice(begin + 2, j));
    while (j < src.length && isSpace(src[j])) j++;
    if (src[j] !== '>') throw new HtmlError(`Unclosed end tag at byte offset ${this.byteOffset(begin)}`);
    if (endName !== '' && endName !== open.name) {
      throw new HtmlError(
        `Unmatched end tag at byte offset ${this.byteOffset(begin)}, expected "</${open.name}>", found "</${endName}>"`,
      );
    }
    this.i = j + 1;
    this.addEntity(open);
  }

  private addEntity(open: OpenTag): void {
    const offset = open.offset;
    const length = this.out.length - offset;
    if (length <= 0) return;
    const entity = entityFor(open, offset, length, this.out.slice(offset));
    if (!entity) return;
    // <pre><code class="language-x">…</code></pre> becomes one pre entity with a language.
    const last = this.entities[this.entities.length - 1];
    if (open.name === 'pre' && last?.type === 'code' && last.offset === offset && last.length === length) {
      const language = codeLanguages.get(last);
      this.entities.pop();
      this.entities.push(language ? { type: 'pre', offset, length, language } : { type: 'pre', offset, length });
      return;
    }
    this.entities.push(entity);
  }
}

/** Languages of `<code class="language-…">` entities, remembered until the enclosing </pre>. */
const codeLanguages = new WeakMap<MessageEntity, string>();

function entityFor(open: OpenTag, offset: number, length: number, inner: string): MessageEntity | undefined {
  switch (open.name) {
    case 'b':
    case 'strong':
      return { type: 'bold', offset, length };
    case 'i':
    case 'em':
      return { type: 'italic', offset, length };
    case 'u':
    case 'ins':
      return { type: 'underline', offset, length };
    case 's':
    case 'strike':
    case 'del':
      return { type: 'strikethrough', offset, length };
    case 'tg-spoiler':
    case 'span':
      return { type: 'spoiler', offset, length };
    case 'pre':
      return { type: 'pre', offset, length };
    case 'blockquote':
      return { type: open.expandable ? 'expandable_blockquote' : 'blockquote', offset, length };
    case 'tg-emoji':
      return { type: 'custom_emoji', offset, length, custom_emoji_id: open.argument };
    case 'code': {
      const entity: MessageEntity = { type: 'code', offset, length };
      if (open.argument) codeLanguages.set(entity, open.argument);
      return entity;
    }
    case 'a': {
      const url = open.argument || inner;
      return /^(https?|tg):\/\//i.test(url) || /^[\w.-]+\.[a-z]{2,}(\/|$)/i.test(url)
        ? { type: 'text_link', offset, length, url }
        : undefined;
    }
    default:
      return undefined;
  }
}
