/**
 * What a plain message in a private chat is about: meetings ("lịch họp", "họp chi bộ tuần này"),
 * targets ("chỉ tiêu kết nạp"), or anything else (a search). Words, not grammar: folded text
 * checked against a few phrases members actually type.
 */
import { findRangePhrase, type RangePhrase } from './date-range.js';
import { searchWords } from './text.js';

/** Meetings: `range` when the text names one ("tuần này", "ngày mai"), else null (the next 30 days). */
export type Intent = { type: 'meetings'; range: RangePhrase | null } | { type: 'indicators'; words: string } | { type: 'search'; words: string } | { type: 'help' };

const MEETING_PHRASES = [/\blich hop\b/, /\bhop chi bo\b/, /\blich sinh hoat\b/, /\bcuoc hop\b/, /\bkhi nao hop\b/, /\bhop (tuan|thang|ngay|hom)\b/, /\bsinh hoat (chi bo|dinh ky|thang)\b/];
const INDICATOR_PHRASES = /\b(chi tieu|muc tieu)\b/;
const GREETINGS = /^(xin chao|chao|hello|hi|alo|cam on|thanks?)( (ban|bot|anh|chi|em|dong chi))?$/;

/** Folded words, punctuation gone: "Lịch họp tuần này?" → "lich hop tuan nay". */
const foldWords = (text: string) => searchWords(text).join(' ');

export function classify(text: string): Intent {
  const folded = foldWords(text);
  if (folded === '' || GREETINGS.test(folded)) return { type: 'help' };
  if (MEETING_PHRASES.some((p) => p.test(folded))) return { type: 'meetings', range: findRangePhrase(folded) };
  const target = INDICATOR_PHRASES.exec(folded);
  if (target) {
    const words = folded.replace(INDICATOR_PHRASES, ' ').replace(/\b(nghi quyet|ve|cua|la|bao nhieu|the nao)\b/g, ' ').replace(/\s+/g, ' ').trim();
    return { type: 'indicators', words };
  }
  return { type: 'search', words: text.trim() };
}

/** How a plain lookup opens: "lịch họp …", "xem lịch họp", "khi nào họp", "chỉ tiêu …". */
const LOOKUP_OPENING = /^((cho )?(toi |minh )?xem |tra cuu )?(lich hop|lich sinh hoat|khi nao hop|bao gio hop|chi tieu|muc tieu)\b/;
const MAX_LOOKUP_WORDS = 8;

/**
 * Whether a text is plainly a lookup even where an answer is expected (a conversation's question):
 * one short line about meetings or targets that opens like a question. Conservative on purpose: a
 * place ("Hội trường tầng 3") or a meeting topic ("Sinh hoạt chi bộ tháng 12") stays an answer.
 */
export function isPlainLookup(text: string): boolean {
  if (text.includes('\n')) return false;
  const folded = foldWords(text);
  if (folded.split(' ').length > MAX_LOOKUP_WORDS || !LOOKUP_OPENING.test(folded)) return false;
  const intent = classify(text);
  return intent.type === 'meetings' || intent.type === 'indicators';
}
