/**
 * Vietnamese text folding: the same key for "Đảng bộ", "dang bo" and "ĐẢNG BỘ". Unicode
 * decomposition strips the tone and vowel marks; đ/Đ is a letter of its own and needs mapping.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Longest button label we send: Telegram shows about this much on a phone before it cuts the text itself. */
export const BUTTON_LABEL_MAX = 60;

/**
 * Shortens a label (a button, an alert, an echoed query) to at most `max` characters, cutting at a
 * word boundary and ending with "…", so a button never reads "…Nghị quy"; a text that fits is left
 * as it is. A single word longer than half the room is cut where it must be. Counts code points on
 * NFC text, so an emoji or a Vietnamese letter is never split.
 */
export function shortenLabel(text: string, max = BUTTON_LABEL_MAX): string {
  // No more UTF-16 units than `max`, so no more code points: fits (most labels; nothing to count).
  if (text.length <= max || codePoints(text, text.length) <= max) return text;
  const clean = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (codePoints(clean, clean.length) <= max) return clean;
  // Cut on the string itself, counting code points (an emoji is two UTF-16 units, one character).
  const roomEnd = unitsOf(clean, max - 1);
  const room = clean.slice(0, roomEnd);
  const space = clean[roomEnd] === ' ' ? room.length : room.lastIndexOf(' ');
  const spaceAt = space === room.length ? max - 1 : space < 0 ? -1 : codePoints(room, space);
  return ellipsis(spaceAt >= max / 2 ? room.slice(0, space) : room);
}

/** The code points among the first `end` UTF-16 units of `text` (a surrogate pair is one, as for Array.from). */
function codePoints(text: string, end: number): number {
  let count = 0;
  for (let i = 0; i < end; i++, count++) if (isPairAt(text, i)) i++;
  return count;
}

/** How many UTF-16 units the first `points` code points of `text` take. */
function unitsOf(text: string, points: number): number {
  let i = 0;
  for (let n = 0; n < points && i < text.length; n++) i += isPairAt(text, i) ? 2 : 1;
  return i;
}

function isPairAt(text: string, i: number): boolean {
  const high = text.charCodeAt(i);
  if (high < 0xd800 || high > 0xdbff) return false;
  const low = text.charCodeAt(i + 1);
  return low >= 0xdc00 && low <= 0xdfff;
}

/** A cut after "·", ":" or "," leaves the separator dangling before the ellipsis. */
function ellipsis(kept: string): string {
  return `${kept.replace(/[\s·:,;.–—-]+$/u, '')}…`;
}

const VIETNAMESE = new Intl.Collator('vi');

/**
 * The order of a Vietnamese list of people: by given name (the last word), then by the whole name,
 * with Vietnamese collation (Đ after D, not after Z): "Trần Văn An" comes before "Lê Thị Bình".
 */
export function compareVietnameseNames(a: string, b: string): number {
  const given = (name: string) => name.trim().split(/\s+/).at(-1) ?? '';
  return VIETNAMESE.compare(given(a), given(b)) || VIETNAMESE.compare(a, b);
}

/** True when every word of `query` is a prefix of some word of `text`, both folded. */
export function matchesWords(text: string, query: string): boolean {
  const words = searchWords(text);
  const wanted = searchWords(query);
  if (wanted.length === 0) return false;
  return wanted.every((w) => words.some((word) => word.startsWith(w)));
}

const WORD_SEPARATORS = /[^\p{L}\p{N}]+/u;

/** The words of a text as the search index sees them: folded, cut at anything but letters and digits. */
export function searchWords(text: string): string[] {
  return foldVietnamese(text).split(WORD_SEPARATORS).filter(Boolean);
}

/** A document to rank: title and body already folded (foldVietnamese). */
export interface RankableDocument {
  title: string;
  body: string;
}

/** bm25's usual constants: how fast repeats of a word stop counting, and how much length matters. */
const K1 = 1.2;
const B = 0.75;

/** What ranking needs of a document for some wanted words: each one's count in the title and in the body, and their lengths. */
export interface WordCounts {
  title: number[];
  body: number[];
  titleLength: number;
  bodyLength: number;
}

/**
 * How often each wanted word (folded, as a prefix: as the search matches) starts a word of the
 * document's title and body. Kept by the search service, so a document is counted once per search
 * words rather than once per search.
 */
export function countWords(doc: RankableDocument, wanted: readonly string[]): WordCounts {
  // A word starts at the beginning of the text or after a character that is not a letter or digit.
  const starts = wanted.map((w) => new RegExp(`(?:^|[^\\p{L}\\p{N}])${w.replace(/[^\p{L}\p{N}]/gu, '')}`, 'gu'));
  const count = (text: string) => starts.map((re) => text.match(re)?.length ?? 0);
  // Lengths in characters: proportional to the number of words, and much cheaper to get.
  return { title: count(doc.title), body: count(doc.body), titleLength: doc.title.length, bodyLength: doc.body.length };
}

/**
 * Orders documents that all contain every wanted word (folded, as a prefix: as the search matches)
 * by relevance, most relevant first, keeping the given order among equals. The score is bm25's
 * without the inverse document frequency: each word's occurrences count with diminishing returns,
 * relative to the document's length against the average of these documents, and a word in the
 * title weighs `titleWeight` times one in the body. The frequencies bm25 would add are the same
 * for every document here (all contain every word), and counting them over the whole index is
 * what makes bm25 slow on common words.
 */
export function rankDocuments<T extends RankableDocument>(docs: readonly T[], wanted: readonly string[], titleWeight = 5): T[] {
  const counts = new Map(docs.map((d) => [d, countWords(d, wanted)]));
  return rankByCounts(docs, (d) => counts.get(d)!, titleWeight);
}

/** rankDocuments, from each document's counts (countWords). */
export function rankByCounts<T>(docs: readonly T[], countsOf: (doc: T) => WordCounts, titleWeight = 5): T[] {
  const counted = docs.map(countsOf);
  const average = (pick: (c: WordCounts) => number) => counted.reduce((sum, c) => sum + pick(c), 0) / Math.max(1, docs.length) || 1;
  const avgTitle = average((c) => c.titleLength);
  const avgBody = average((c) => c.bodyLength);
  const part = (tfs: number[], length: number, avg: number) => {
    const norm = K1 * (1 - B + (B * length) / avg);
    let score = 0;
    for (const tf of tfs) score += (tf * (K1 + 1)) / (tf + norm);
    return score;
  };
  return docs
    .map((doc, i) => {
      const c = counted[i]!;
      return { doc, i, score: titleWeight * part(c.title, c.titleLength, avgTitle) + part(c.body, c.bodyLength, avgBody) };
    })
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map((s) => s.doc);
}
