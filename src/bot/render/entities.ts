/**
 * Turning a received message (text + entities) back into Telegram HTML, so the bot can re-send
 * what a user typed — a notice, a meeting agenda — with parse_mode HTML and have it look the same.
 */
import type { MessageEntity } from 'grammy/types';
import { escapeHtml, Html } from './html.js';

interface Span {
  start: number;
  end: number;
  open: string;
  close: string;
  /** Breaks ties between spans with the same end: lower is outer. */
  rank: number;
  index: number;
}

/**
 * Opening and closing tags for the entities that carry formatting. Mentions, hashtags, URLs,
 * commands, e-mails, phone numbers and cashtags are left as plain text: Telegram detects them again.
 * Ranks put blockquotes outermost and code innermost when two entities cover the same text, since
 * formatting may contain code but not the other way round.
 */
function tagsFor(e: MessageEntity): Pick<Span, 'open' | 'close' | 'rank'> | null {
  switch (e.type) {
    case 'blockquote':
      return { open: '<blockquote>', close: '</blockquote>', rank: 0 };
    case 'expandable_blockquote':
      return { open: '<blockquote expandable>', close: '</blockquote>', rank: 0 };
    case 'text_link':
      return { open: `<a href="${escapeHtml(e.url)}">`, close: '</a>', rank: 1 };
    case 'text_mention':
      return { open: `<a href="tg://user?id=${e.user.id}">`, close: '</a>', rank: 1 };
    case 'bold':
      return { open: '<b>', close: '</b>', rank: 2 };
    case 'italic':
      return { open: '<i>', close: '</i>', rank: 2 };
    case 'underline':
      return { open: '<u>', close: '</u>', rank: 2 };
    case 'strikethrough':
      return { open: '<s>', close: '</s>', rank: 2 };
    case 'spoiler':
      return { open: '<tg-spoiler>', close: '</tg-spoiler>', rank: 2 };
    case 'custom_emoji':
      return { open: `<tg-emoji emoji-id="${escapeHtml(e.custom_emoji_id)}">`, close: '</tg-emoji>', rank: 3 };
    case 'date_time': {
      const format = e.date_time_format ? ` format="${escapeHtml(e.date_time_format)}"` : '';
      return { open: `<tg-time unix="${e.unix_time}"${format}>`, close: '</tg-time>', rank: 3 };
    }
    case 'code':
      return { open: '<code>', close: '</code>', rank: 4 };
    case 'pre':
      return e.language
        ? { open: `<pre><code class="language-${escapeHtml(e.language)}">`, close: '</code></pre>', rank: 4 }
        : { open: '<pre>', close: '</pre>', rank: 4 };
    default:
      return null;
  }
}

/** Outer first: a span that ends later must enclose one that ends sooner. */
const outerFirst = (a: Span, b: Span) => b.end - a.end || a.rank - b.rank || a.start - b.start || a.index - b.index;

/**
 * Text + entities as Telegram HTML. Offsets and lengths are UTF-16 code units, which is what JS
 * string indices are, so slicing needs no conversion. Telegram only sends properly nested entities,
 * but if two overlap partially the inner one is closed where the outer ends and reopened after it,
 * so the tags always nest.
 */
export function entitiesToHtml(text: string, entities: readonly MessageEntity[] | undefined): Html {
  const spans: Span[] = [];
  (entities ?? []).forEach((e, index) => {
    const tags = tagsFor(e);
    const start = Math.max(0, e.offset);
    const end = Math.min(text.length, e.offset + e.length);
    if (tags && end > start) spans.push({ ...tags, start, end, index });
  });
  if (spans.length === 0) return new Html(escapeHtml(text));

  const cuts = [...new Set([0, text.length, ...spans.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  const stack: Span[] = [];
  let out = '';
  let last = 0;
  for (const at of cuts) {
    out += escapeHtml(text.slice(last, at));
    last = at;

    // Close everything from the deepest span that ends here upwards; spans above it that go on
    // are reopened below, together with the spans that start here.
    const reopen: Span[] = [];
    const lowest = stack.findIndex((s) => s.end <= at);
    const closing = lowest === -1 ? [] : stack.splice(lowest).reverse();
    for (const s of closing) {
      out += s.close;
      if (s.end > at) reopen.push(s);
    }
    const opening = [...reopen, ...spans.filter((s) => s.start === at)].sort(outerFirst);
    for (const s of opening) {
      out += s.open;
      stack.push(s);
    }
  }
  return new Html(out);
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

/**
 * Length of the text Telegram shows for this HTML: tags removed, the entities Telegram knows
 * (&lt; &gt; &amp; &quot; and numeric ones) decoded. Counted in UTF-16 code units, never less than
 * Telegram's own count, so checking it against the 4096 (text) and 1024 (caption) limits is safe.
 */
export function htmlVisibleLength(html: string): number {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(?:(lt|gt|amp|quot)|#(\d+)|#[xX]([0-9a-fA-F]+));/g, (whole, name?: string, dec?: string, hex?: string) => {
      if (name) return NAMED[name] ?? whole;
      const code = dec !== undefined ? Number(dec) : Number.parseInt(hex ?? '', 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }).length;
}
