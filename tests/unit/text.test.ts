import { describe, expect, it } from 'vitest';
import { compareVietnameseNames, foldVietnamese, matchesWords, rankDocuments, searchWords, shortenLabel } from '../../src/domain/text.js';

describe('foldVietnamese', () => {
  it('removes tone and vowel marks', () => {
    expect(foldVietnamese('Sinh hoạt chuyên đề')).toBe('sinh hoat chuyen de');
    expect(foldVietnamese('Kết nạp đảng viên')).toBe('ket nap dang vien');
  });

  it('folds đ and Đ, which Unicode decomposition leaves alone', () => {
    expect(foldVietnamese('ĐẢNG BỘ Đoàn')).toBe('dang bo doan');
  });

  it('treats precomposed and decomposed input alike', () => {
    expect(foldVietnamese('Nguye\u0302\u0303n')).toBe(foldVietnamese('Nguyễn'));
  });

  it('collapses white space', () => {
    expect(foldVietnamese('  Chi   bộ\tA ')).toBe('chi bo a');
  });
});

describe('matchesWords', () => {
  it('matches word prefixes without diacritics', () => {
    expect(matchesWords('Chi bộ Ban Tuyên giáo Tỉnh ủy', 'tuyen giao')).toBe(true);
    expect(matchesWords('Chi bộ Ban Tuyên giáo Tỉnh ủy', 'tuy gi')).toBe(true);
  });

  it('needs every word', () => {
    expect(matchesWords('Đảng bộ Sở Tài chính', 'so tai nguyen')).toBe(false);
  });

  it('does not match inside a word', () => {
    expect(matchesWords('Đảng bộ Sở Tài chính', 'inh')).toBe(false);
  });

  it('an empty query matches nothing', () => {
    expect(matchesWords('anything', '  ')).toBe(false);
  });
});

describe('rankDocuments', () => {
  const doc = (name: string, title: string, body = '') => ({ name, title: foldVietnamese(title), body: foldVietnamese(body) });
  const order = (docs: ReturnType<typeof doc>[], query: string) => rankDocuments(docs, searchWords(query)).map((d) => d.name);

  it('puts a match in the title above one in the body', () => {
    const inBody = doc('body', 'Họp chi bộ tháng 12', 'Xét kết nạp đảng viên mới');
    const inTitle = doc('title', 'Kết nạp đảng viên mới', 'Thẩm định hồ sơ');
    expect(order([inBody, inTitle], 'ket nap')).toEqual(['title', 'body']);
  });

  it('counts repeats with diminishing returns, and weighs a long body down', () => {
    const once = doc('once', 'Thông báo', 'đảng phí quý IV');
    const twice = doc('twice', 'Thông báo', 'đảng phí quý IV; mức đảng phí mới');
    expect(order([once, twice], 'dang phi')).toEqual(['twice', 'once']);
    const short = doc('short', 'Thông báo', 'thu đảng phí');
    const long = doc('long', 'Thông báo', `thu đảng phí ${'và các nội dung khác '.repeat(30)}`);
    expect(order([long, short], 'dang phi')).toEqual(['short', 'long']);
  });

  it('matches words by prefix, as the search does', () => {
    const full = doc('full', 'Sinh hoạt chuyên đề');
    const other = doc('other', 'Sinh hoạt chi bộ', 'chuyên môn');
    expect(order([other, full], 'sinh hoat chuyen')).toEqual(['full', 'other']);
  });

  it('keeps the given order among equals, and copes with nothing', () => {
    expect(order([doc('a', 'Chi bộ A'), doc('b', 'Chi bộ B')], 'chi bo')).toEqual(['a', 'b']);
    expect(order([], 'chi bo')).toEqual([]);
  });
});

describe('shortenLabel', () => {
  const title = '📅 23/11/2026 14:00 · Hội nghị quán triệt, triển khai Nghị quyết Đại hội Đảng bộ Khối';

  it('leaves a label that fits as it is', () => {
    expect(shortenLabel('Chi bộ Công ty A&B')).toBe('Chi bộ Công ty A&B');
    expect(shortenLabel('x'.repeat(60))).toBe('x'.repeat(60));
    expect(shortenLabel('Dòng một\nDòng hai', 200)).toBe('Dòng một\nDòng hai');
  });

  it('cuts at a word boundary and ends with an ellipsis, never mid-word', () => {
    const label = shortenLabel(title);
    expect(label).toBe('📅 23/11/2026 14:00 · Hội nghị quán triệt, triển khai Nghị…');
    expect(Array.from(label).length).toBeLessThanOrEqual(60);
    expect(label).not.toMatch(/Nghị quy/);
    // Every word kept is a whole word of the original.
    const words = title.split(' ');
    for (const word of label.slice(0, -1).split(' ')) expect(words).toContain(word);
  });

  it('does not leave a separator before the ellipsis', () => {
    expect(shortenLabel('Hủy #12: Thông báo về việc tổ chức sinh hoạt chi bộ định kỳ tháng 12', 30)).toBe('Hủy #12: Thông báo về việc tổ…');
    expect(shortenLabel('Đảng bộ Sở Tài chính · Chi bộ Phòng Ngân sách nhà nước', 22)).toBe('Đảng bộ Sở Tài chính…');
  });

  it('cuts a single overlong word where it must, without splitting a letter or an emoji', () => {
    expect(shortenLabel('Nghịquyết'.repeat(10), 12)).toBe('NghịquyếtNg…');
    expect(shortenLabel(`📊 ${'A'.repeat(80)}`, 10)).toBe('📊 AAAAAAA…');
    // Decomposed input (combining marks) is composed first, so no mark is left without its letter.
    expect(shortenLabel('Nguye\u0302\u0303n Văn An Nguyễn Văn Bình', 14)).toBe('Nguyễn Văn An…');
  });
});

describe('compareVietnameseNames', () => {
  it('orders by given name, then the whole name, with Vietnamese collation (Đ after D, Ư after U)', () => {
    const names = ['Lê Thị Bình', 'Vũ Minh Đức', 'Trần Văn An', 'Phạm Thị Dung', 'Nguyễn Văn An', 'Hoàng Minh Em', 'Đặng Văn Ưng', 'Bùi Thị Uyên', 'Ngô Văn Zũng'];
    expect([...names].sort(compareVietnameseNames)).toEqual([
      'Nguyễn Văn An',
      'Trần Văn An',
      'Lê Thị Bình',
      'Phạm Thị Dung',
      'Vũ Minh Đức',
      'Hoàng Minh Em',
      'Bùi Thị Uyên',
      'Đặng Văn Ưng',
      'Ngô Văn Zũng',
    ]);
  });
});
