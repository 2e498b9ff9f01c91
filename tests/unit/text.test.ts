import { describe, expect, it } from 'vitest';
import { foldVietnamese, matchesWords, rankDocuments, searchWords } from '../../src/domain/text.js';

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
