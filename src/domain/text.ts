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

/** True when every word of `query` is a prefix of some word of `text`, both folded. */
export function matchesWords(text: string, query: string): boolean {
  const words = foldVietnamese(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const wanted = foldVietnamese(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (wanted.length === 0) return false;
  return wanted.every((w) => words.some((word) => word.startsWith(w)));
}
