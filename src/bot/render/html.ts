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

export function escapeHtml(text: string): string {
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

/**
 * Splits HTML at line breaks into chunks of at most `limit` characters. Our renderers never open a
 * tag on one line and close it on another, so a line break is always a safe cut. A single line
 * longer than the limit is cut at the last space before it (tags are kept whole).
 */
export function splitMessage(text: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  const chunks: string[] = [];
  let current = '';
  const push = () => {
    if (current.trim() !== '') chunks.push(current.replace(/\n+$/, ''));
    current = '';
  };
  for (const line of text.split('\n')) {
    for (const piece of cutLongLine(line, limit)) {
      const candidate = current === '' ? piece : `${current}\n${piece}`;
      if (candidate.length > limit) {
        push();
        current = piece;
      } else {
        current = candidate;
      }
    }
  }
  push();
  return chunks;
}

function cutLongLine(line: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = line;
  while (rest.length > limit) {
    let cut = rest.lastIndexOf(' ', limit);
    // Never cut inside a tag or an entity.
    const lastLt = rest.lastIndexOf('<', cut === -1 ? limit : cut);
    const lastGt = rest.lastIndexOf('>', cut === -1 ? limit : cut);
    if (lastLt > lastGt) cut = lastLt;
    const lastAmp = rest.lastIndexOf('&', cut === -1 ? limit : cut);
    if (lastAmp > -1 && rest.indexOf(';', lastAmp) >= (cut === -1 ? limit : cut)) cut = lastAmp;
    if (cut <= 0) cut = limit;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^ /, '');
  }
  pieces.push(rest);
  return pieces;
}
