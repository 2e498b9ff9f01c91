/**
 * What a plain message in a private chat is about: meetings ("lịch họp", "họp chi bộ tuần này"),
 * targets ("chỉ tiêu kết nạp"), or anything else (a search). Words, not grammar: folded text
 * checked against a few phrases members actually type.
 */
import { findRangePhrase, type RangePhrase } from './date-range.js';
import { foldVietnamese } from './text.js';

/** Meetings: `range` when the text names one ("tuần này", "ngày mai"), else null (the next 30 days). */
export type Intent = { type: 'meetings'; range: RangePhrase | null } | { type: 'indicators'; words: string } | { type: 'search'; words: string } | { type: 'help' };

const MEETING_PHRASES = [/\blich hop\b/, /\bhop chi bo\b/, /\blich sinh hoat\b/, /\bcuoc hop\b/, /\bkhi nao hop\b/, /\bhop (tuan|thang|ngay|hom)\b/, /\bsinh hoat (chi bo|dinh ky|thang)\b/];
const INDICATOR_PHRASES = /\b(chi tieu|muc tieu)\b/;
const GREETINGS = /^(xin chao|chao|hello|hi|alo|cam on|thanks?)( (ban|bot|anh|chi|em|dong chi))?$/;

export function classify(text: string): Intent {
  const folded = foldVietnamese(text).replace(/[^\p{L}\p{N} ]+/gu, ' ').replace(/\s+/g, ' ').trim();
  if (folded === '' || GREETINGS.test(folded)) return { type: 'help' };
  if (MEETING_PHRASES.some((p) => p.test(folded))) return { type: 'meetings', range: findRangePhrase(folded) };
  const target = INDICATOR_PHRASES.exec(folded);
  if (target) {
    const words = folded.replace(INDICATOR_PHRASES, ' ').replace(/\b(nghi quyet|ve|cua|la|bao nhieu|the nao)\b/g, ' ').replace(/\s+/g, ' ').trim();
    return { type: 'indicators', words };
  }
  return { type: 'search', words: text.trim() };
}
