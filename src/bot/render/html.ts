/**
 * The one place where text becomes Telegram HTML. Everything interpolated is escaped unless it is
 * already an `Html` value built here; the bot sends every message with parse_mode HTML.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const HTML_SPECIAL = /[&<>"]/;

export function escapeHtml(text: string): string {
  // Most text has nothing to escape: returned as it is, without four passes over it.
  if (!HTML_SPECIAL.test(text)) return text;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Plain text of an Html value (toasts and alerts take no markup). */
export function htmlToPlain(value: Html): string {
  return value.value
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

export type HtmlValue = Html | string | number | null | undefined;

function render(value: HtmlValue | readonly HtmlValue[]): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined) return '';
  return escapeHtml(String(value));
}

/** Tagged template: html`<b>${name}</b>` escapes `name`. */
export function html(strings: TemplateStringsArray, ...values: Array<HtmlValue | readonly HtmlValue[]>): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/** Joins pieces with a separator, escaping the plain ones. */
export function joinHtml(parts: readonly HtmlValue[], separator: string | Html = '\n'): Html {
  return new Html(parts.map(render).join(render(separator)));
}

export const TELEGRAM_TEXT_LIMIT = 4096;
export const TELEGRAM_CAPTION_LIMIT = 1024;

/** How long each part may be: the first can differ (a caption above the texts that follow it). */
export interface PartLimits {
  first: number;
  rest: number;
}

interface Token {
  type: 'text' | 'open' | 'close';
  src: string;
  /** What Telegram counts for it: UTF-16 code units of the text it stands for (tags count 0). */
  size: number;
  /** Tag name, lower case (open and close tags; '' for `</>`). */
  name: string;
}

/** A tag, an entity (named or numeric, ';' optional as Telegram allows), a surrogate pair, or one character. */
const TOKEN = /<\/?[a-zA-Z][\w-]*(?:\s[^>]*)?>|<\/>|&(?:#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);?|[\uD800-\uDBFF][\uDC00-\uDFFF]|[\s\S]/g;
const NAMED_ENTITIES = new Set(['lt', 'gt', 'amp', 'quot']);
/** Elements whose content is one unit for Telegram: a custom emoji, a date. Never cut inside. */
const ATOMIC = new Set(['tg-emoji', 'tg-time']);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const [src] of text.matchAll(TOKEN)) {
    if (src.length > 1 && src.startsWith('<')) {
      const close = src[1] === '/';
      const name = /^<\/?([a-zA-Z][\w-]*)/.exec(src)?.[1]?.toLowerCase() ?? '';
      tokens.push({ type: close ? 'close' : 'open', src, size: 0, name });
    } else {
      tokens.push({ type: 'text', src, size: src.startsWith('&') ? entitySize(src) : src.length, name: '' });
    }
  }
  return tokens;
}

/** Length of the character an entity stands for; one Telegram does not know is counted as written. */
function entitySize(src: string): number {
  if (src.length === 1) return 1;
  const body = src.replace(/^&|;$/g, '');
  if (!body.startsWith('#')) return NAMED_ENTITIES.has(body) ? 1 : src.length;
  const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
  if (!(code > 0 && code < 0x10ffff)) return src.length;
  return code > 0xffff ? 2 : 1;
}

const isBlank = (t: Token | undefined) => t?.type === 'text' && /^\s+$/.test(t.src);

/** Drops elements left empty by a cut (`<b></b>`): they carry nothing and only add noise. */
function dropEmptyElements(part: string): string {
  let out = part;
  for (;;) {
    const next = out.replace(/<([a-zA-Z][\w-]*)(?:\s[^>]*)?><\/(?:\1)?>/g, '');
    if (next === out) return out;
    out = next;
  }
}

/**
 * Splits Telegram HTML into parts that each fit: at most `limit` characters as Telegram counts them
 * (the visible text after entity parsing, in UTF-16 code units), every tag balanced. Tags open at a
 * cut are closed at the end of the part and opened again, with their attributes, at the start of
 * the next. Cuts go at a line break, else at a space, else between two characters, preferring
 * the second half of a part so that parts are not needlessly short; never inside a tag, an entity,
 * a surrogate pair or a custom emoji. The line break or space at a cut is dropped, as is a part
 * with nothing visible. Assumes valid Telegram HTML, as everything built here is.
 */
export function splitMessage(text: string, limits: number | PartLimits = TELEGRAM_TEXT_LIMIT): string[] {
  const { first, rest } = typeof limits === 'number' ? { first: limits, rest: limits } : limits;
  // Telegram counts at most one unit per character written: a text no longer than the limit is one
  // part, and tokenizing it character by character (a millisecond for a 2,000-character answer)
  // would find no cut. What the cutting would still do to it is done here.
  if (text.length <= first) return onePart(text);
  return splitByCuts(text, first, rest);
}

const TAG = /<\/?[a-zA-Z][\w-]*(?:\s[^>]*)?>|<\/>/g;

/** splitMessage's answer for a text that fits in one part: tags left open closed, empty elements dropped, nothing if blank. */
function onePart(text: string): string[] {
  const open: string[] = [];
  for (const [src] of text.matchAll(TAG)) {
    if (src[1] === '/') open.pop();
    else open.push(/^<([a-zA-Z][\w-]*)/.exec(src)![1]!.toLowerCase());
  }
  const part = dropEmptyElements(text + open.reverse().map((name) => `</${name}>`).join(''));
  return htmlToPlain(new Html(part)).trim() !== '' ? [part] : [];
}

/** splitMessage's general case, cut by cut (exported for the test that holds the one-part shortcut to it). */
export function splitByCuts(text: string, first: number, rest: number): string[] {
  const tokens = tokenize(text);
  const parts: string[] = [];
  let open: Token[] = [];
  let start = 0;
  while (start < tokens.length) {
    const limit = parts.length === 0 ? first : rest;
    const { end, next } = findCut(tokens, start, limit, open);
    const stack = [...open];
    let body = '';
    for (let k = start; k < end; k++) {
      const t = tokens[k]!;
      if (t.type === 'open') stack.push(t);
      else if (t.type === 'close') stack.pop();
      body += t.src;
    }
    const closing = [...stack].reverse().map((t) => `</${t.name}>`).join('');
    const part = dropEmptyElements(open.map((t) => t.src).join('') + body + closing);
    if (htmlToPlain(new Html(part)).trim() !== '') parts.push(part);
    open = stack;
    start = next;
    // Telegram trims a message: whitespace at the start of a part is worth nothing.
    if (start > 0) while (isBlank(tokens[start])) start++;
  }
  return parts;
}

/** Where the part starting at `start` ends (`end`), and where the next begins (`next`: past a dropped separator). */
function findCut(tokens: readonly Token[], start: number, limit: number, open: readonly Token[]): { end: number; next: number } {
  let size = 0;
  let atomic = open.filter((t) => ATOMIC.has(t.name)).length;
  const best = { lateBreak: -1, lateSpace: -1, break: -1, space: -1, any: -1 };
  let j = start;
  for (; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (t.type !== 'text') {
      // Before a custom emoji is the last place to cut outside it.
      if (t.type === 'open' && atomic === 0 && j > start) best.any = j;
      if (ATOMIC.has(t.name)) atomic += t.type === 'open' ? 1 : -1;
      continue;
    }
    // A cut just before this character leaves everything before it, which fits.
    if (atomic === 0 && j > start) {
      const late = size >= limit / 2;
      if (t.src === '\n') {
        best.break = j;
        if (late) best.lateBreak = j;
      } else if (isBlank(t)) {
        best.space = j;
        if (late) best.lateSpace = j;
      }
      best.any = j;
    }
    if (size + t.size > limit) break;
    size += t.size;
  }
  if (j >= tokens.length) return { end: tokens.length, next: tokens.length };
  for (const cut of [best.lateBreak, best.lateSpace, best.break, best.space]) {
    if (cut > start) return { end: cut, next: cut + 1 };
  }
  if (best.any > start) return { end: best.any, next: best.any };
  // Nothing fits (a limit below one character): take one token rather than loop forever.
  const end = Math.max(j, start + 1);
  return { end, next: end };
}

/**
 * A text that must stay one message (a message edited in place, a card shared inline): what does
 * not fit is left out, the cut balanced, and marked "…".
 */
export function oneMessage(text: Html): Html {
  const parts = splitMessage(text.value, TELEGRAM_TEXT_LIMIT - 1);
  return parts.length > 1 ? new Html(`${parts[0]}…`) : text;
}
