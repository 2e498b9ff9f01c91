import { describe, expect, it } from 'vitest';
import { classify, isPlainLookup } from '../../src/domain/intent.js';

describe('classify', () => {
  it.each(['lịch họp', 'Lich hop tuan nay?', 'họp chi bộ tuần này', 'khi nào họp', 'cuộc họp tới', 'sinh hoạt chi bộ tháng này'])('"%s" is about meetings', (text) => {
    expect(classify(text)).toMatchObject({ type: 'meetings' });
  });

  it('meetings keep the range a text names', () => {
    expect(classify('lịch họp tuần này')).toEqual({ type: 'meetings', range: 'this-week' });
    expect(classify('Lịch họp tháng sau')).toEqual({ type: 'meetings', range: 'next-month' });
    expect(classify('họp chi bộ ngày mai')).toEqual({ type: 'meetings', range: 'tomorrow' });
    expect(classify('lịch họp')).toEqual({ type: 'meetings', range: null });
  });

  it('targets keep the words that name one', () => {
    expect(classify('chỉ tiêu kết nạp')).toEqual({ type: 'indicators', words: 'ket nap' });
    expect(classify('Chi tieu nghi quyet')).toEqual({ type: 'indicators', words: '' });
  });

  it('anything else is a search, greetings get help', () => {
    expect(classify('sinh hoat chuyen de')).toEqual({ type: 'search', words: 'sinh hoat chuyen de' });
    expect(classify('Xin chào')).toEqual({ type: 'help' });
    expect(classify('😀😀')).toEqual({ type: 'help' });
  });
});

describe('isPlainLookup', () => {
  it.each(['lịch họp tuần này', 'Lịch họp?', 'xem lịch họp tháng sau', 'khi nào họp chi bộ', 'chỉ tiêu kết nạp', 'Chi tieu nghi quyet'])(
    '"%s" is plainly a lookup',
    (text) => expect(isPlainLookup(text)).toBe(true),
  );

  it.each([
    'Hội trường tầng 3',
    'Sinh hoạt chi bộ tháng 12',
    'Họp chi bộ tuần này',
    'Kiểm điểm chỉ tiêu quý IV',
    'Lịch họp tuần này: thứ Hai 8h tại hội trường, thứ Tư 14h tại phòng họp số 2 của cơ quan',
    'Lịch họp tuần này\nThứ Hai: hội nghị',
    '14h30 3/12',
    '-',
  ])('"%s" stays an answer', (text) => expect(isPlainLookup(text)).toBe(false));
});
