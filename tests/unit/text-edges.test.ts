/**
 * Small text rules at their edges: labels cut at exactly their limit, names ordered by their given
 * name, equal search results kept in order, calendar lines folded at exactly 75 octets, weekdays,
 * one-day ranges and what counts as a plain lookup.
 */
import { describe, expect, it } from 'vitest';
import { formatDayRange } from '../../src/domain/date-range.js';
import { foldLine, refoldIcal } from '../../src/domain/ical-fold.js';
import { classify, isPlainLookup } from '../../src/domain/intent.js';
import { inputLength } from '../../src/domain/limits.js';
import { compareVietnameseNames, rankDocuments, shortenLabel } from '../../src/domain/text.js';
import { localParts } from '../../src/domain/time.js';

describe('shortenLabel at its limit', () => {
  it('a text of exactly the limit is left exactly as it is, spaces and all', () => {
    const text = `a  b${'x'.repeat(56)}`;
    expect(shortenLabel(text, 60)).toBe(text);
  });

  it('a text too long only for its extra spaces is tidied, not cut', () => {
    expect(shortenLabel(`a${' '.repeat(70)}b`, 60)).toBe('a b');
    expect(shortenLabel(`  ${'x'.repeat(59)}  `, 60)).toBe('x'.repeat(59));
    const fits = `a  ${'b'.repeat(58)}`;
    expect(shortenLabel(fits, 60)).toBe(`a ${'b'.repeat(58)}`);
  });

  it('cuts at the last space when it is at least half way; dangling separators go', () => {
    expect(shortenLabel('abcde fghijklmno', 10)).toBe('abcde…');
    expect(shortenLabel('abcd efghijklmno', 10)).toBe('abcd efgh…');
    expect(shortenLabel('abcdef:, ghijklmnop', 12)).toBe('abcdef…');
  });
});

describe('names and ranks', () => {
  it('the given name is the last word, whatever spaces trail', () => {
    expect(compareVietnameseNames('Nguyễn Thị Cúc ', 'Lê Văn Bình')).toBeGreaterThan(0);
    expect(compareVietnameseNames('Lê Văn Bình', ' Nguyễn Thị Cúc')).toBeLessThan(0);
    expect(compareVietnameseNames('Lê Văn An', 'Trần Văn An')).toBeLessThan(0);
  });

  it('equally relevant documents keep the order they came in', () => {
    const docs = [1, 2, 3, 4, 5].map((id) => ({ id, title: 'hop chi bo', body: 'thang 12' }));
    expect(rankDocuments(docs, ['hop']).map((d) => d.id)).toEqual([1, 2, 3, 4, 5]);
  });

  it('a shorter title with the word ranks above a longer one', () => {
    const docs = [
      { id: 'long', title: 'hop chi bo dinh ky thang muoi hai nam hai nghin', body: '' },
      { id: 'short', title: 'hop chi bo', body: '' },
    ];
    expect(rankDocuments(docs, ['hop']).map((d) => d.id)).toEqual(['short', 'long']);
  });
});

describe('calendar lines', () => {
  it('75 octets fit on the first line, 74 on each next one (its leading space counts)', () => {
    expect(foldLine('a'.repeat(75))).toEqual(['a'.repeat(75)]);
    expect(foldLine('a'.repeat(76))).toEqual(['a'.repeat(75), 'a']);
    expect(foldLine('a'.repeat(75 + 74 + 1))).toEqual(['a'.repeat(75), 'a'.repeat(74), 'a']);
  });

  it('a letter is never split: 1, 2, 3 and 4 octets at their boundaries', () => {
    // U+007F is one octet, U+0080 two, U+07FF two, U+0800 three, U+FFFF three, U+10000 four.
    expect(foldLine(`${'a'.repeat(74)}\u007f`, 75)).toHaveLength(1);
    expect(foldLine(`${'a'.repeat(74)}\u0080`, 75)).toEqual(['a'.repeat(74), '\u0080']);
    expect(foldLine(`${'a'.repeat(73)}\u07ff`, 75)).toHaveLength(1);
    expect(foldLine(`${'a'.repeat(73)}\u0800`, 75)).toEqual(['a'.repeat(73), '\u0800']);
    expect(foldLine(`${'a'.repeat(72)}\uffff`, 75)).toHaveLength(1);
    expect(foldLine(`${'a'.repeat(72)}😀`, 75)).toEqual(['a'.repeat(72), '😀']);
    expect(foldLine(`${'a'.repeat(71)}😀`, 75)).toHaveLength(1);
  });

  it('refolding unfolds CRLF or LF continuations, and keeps a final line break only when there was one', () => {
    const long = `SUMMARY:${'ă'.repeat(40)}`;
    const folded = refoldIcal(`BEGIN:VEVENT\r\n${long}\r\nEND:VEVENT\r\n`);
    expect(folded).toBe(`BEGIN:VEVENT\r\n${foldLine(long).join('\r\n ')}\r\nEND:VEVENT\r\n`);
    expect(refoldIcal(folded)).toBe(folded);
    expect(refoldIcal('A:1\n B\nC:2')).toBe('A:1B\r\nC:2');
    expect(refoldIcal('A:1\r\n\tB\r\nC:2\r\n')).toBe('A:1B\r\nC:2\r\n');
  });
});

describe('small things', () => {
  it('weekdays run from Sunday (0) to Saturday (6) in the bloc\'s zone', () => {
    // Sunday 06/12/2026 and Saturday 12/12/2026, at 01:00 in Hà Nội (still the day before in UTC).
    expect(localParts(new Date('2026-12-05T18:00:00Z'), 'Asia/Ho_Chi_Minh').weekday).toBe(0);
    expect(localParts(new Date('2026-12-11T18:00:00Z'), 'Asia/Ho_Chi_Minh').weekday).toBe(6);
  });

  it('a one-day range is one date; the same day of another month or year is not the same day', () => {
    const d = (year: number, month: number, day: number) => ({ year, month, day });
    expect(formatDayRange({ firstDay: d(2026, 12, 7), lastDay: d(2026, 12, 7) })).toBe('07/12/2026');
    expect(formatDayRange({ firstDay: d(2026, 11, 7), lastDay: d(2026, 12, 7) })).toBe('07/11–07/12/2026');
    expect(formatDayRange({ firstDay: d(2025, 12, 7), lastDay: d(2026, 12, 7) })).toBe('07/12/2025–07/12/2026');
    expect(formatDayRange({ firstDay: d(2026, 12, 6), lastDay: d(2026, 12, 7) })).toBe('06/12–07/12/2026');
  });

  it('what members type is counted as Telegram counts it', () => {
    expect(inputLength('Hội trường')).toBe(10);
    expect(inputLength('😀')).toBe(2);
  });

  it('a targets lookup keeps only the words that name the target', () => {
    expect(classify('Chỉ tiêu về kết nạp đảng viên là bao nhiêu?')).toEqual({ type: 'indicators', words: 'ket nap dang vien' });
    expect(classify('  tìm Nguyễn Văn An  ')).toEqual({ type: 'search', words: 'tìm Nguyễn Văn An' });
  });

  it('a plain lookup is eight words at most', () => {
    expect(isPlainLookup('lịch họp chi bộ tuần này của tôi')).toBe(true);
    expect(isPlainLookup('lịch họp chi bộ tuần này của chúng tôi')).toBe(false);
    expect(isPlainLookup('lịch sinh hoạt thế nào')).toBe(true);
    expect(isPlainLookup('chỉ tiêu kết nạp')).toBe(true);
  });
});

describe('shortenLabel: the string path agrees with cutting an array of code points', () => {
  /** The algorithm on code points, as it was before the string path: the reference. */
  const reference = (text: string, max: number): string => {
    if (Array.from(text).length <= max) return text;
    const chars = Array.from(text.normalize('NFC').replace(/\s+/g, ' ').trim());
    if (chars.length <= max) return chars.join('');
    const room = chars.slice(0, max - 1);
    const space = chars[max - 1] === ' ' ? room.length : room.lastIndexOf(' ');
    const kept = space >= max / 2 ? room.slice(0, space) : room;
    return `${kept.join('').replace(/[\s·:,;.–—-]+$/u, '')}…`;
  };
  const words = ['Sinh', 'hoạt', 'chuyên', 'đề', 'Nghị', 'quyết', 'Đảng', 'bộ', '·', ':', 'Hội', 'nghị', 'tổng', 'kết', 'Phòng', 'Ngân', 'sách', 'NFD', 'Đ'.normalize('NFD') + 'ảng'.normalize('NFD'), '📅', '🇻🇳', 'x\uD83D', '\uDCC5y', 'Q4/2026', 'dàiiiiiiiiiiiiiiiiiiiiiiiiiiiii'];

  it('gives the same label for 3,000 titles of words, spaces, marks decomposed or not, and emoji', () => {
    let seed = 15;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 3000; n++) {
      const count = 1 + (next() % 24);
      const parts: string[] = [];
      for (let i = 0; i < count; i++) parts.push(words[next() % words.length]!, next() % 7 === 0 ? '  ' : ' ');
      const text = parts.join('');
      for (const max of [20, 60, 100]) expect(shortenLabel(text, max)).toBe(reference(text, max));
    }
  });
});
