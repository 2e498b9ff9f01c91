import { describe, expect, it } from 'vitest';
import { foldVietnamese, matchesWords } from '../../src/domain/text.js';

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
