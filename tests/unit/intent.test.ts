import { describe, expect, it } from 'vitest';
import { classify } from '../../src/domain/intent.js';

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
