import { describe, expect, it } from 'vitest';
import {
  indicatorKindLabel,
  parseIndicatorKind,
  parseReportPeriod,
  parseTerm,
  parseTypedFigures,
  parseWholeNumber,
} from '../../src/domain/indicator-columns.js';

describe('indicator import values', () => {
  it('reads periods the way the office writes them', () => {
    for (const text of ['2024-Q3', '2024 q3', 'Q3/2024', 'q3-2024', 'Quý 3/2024', 'quý III năm 2024', 'QUY 3 2024'])
      expect(parseReportPeriod(text), text).toBe('2024-Q3');
    expect(parseReportPeriod('Quý IV/2025')).toBe('2025-Q4');
    for (const text of ['Q5/2024', '2024-Q0', '3/2024', '2024', 'quý 3', '24-Q3']) expect(parseReportPeriod(text), text).toBeNull();
  });

  it('reads terms', () => {
    expect(parseTerm('2020-2025')).toEqual({ startYear: 2020, endYear: 2025 });
    expect(parseTerm('Nhiệm kỳ 2025 – 2030')).toEqual({ startYear: 2025, endYear: 2030 });
    expect(parseTerm('2025-2020')).toBeNull();
    expect(parseTerm('2020')).toBeNull();
  });

  it('reads whole numbers with Vietnamese thousands and refuses the rest with a reason', () => {
    expect(parseWholeNumber('1.200')).toEqual({ ok: true, value: 1200 });
    expect(parseWholeNumber('1 200')).toEqual({ ok: true, value: 1200 });
    expect(parseWholeNumber('45')).toEqual({ ok: true, value: 45 });
    expect(parseWholeNumber('45.0')).toEqual({ ok: true, value: 45 });
    expect(parseWholeNumber('90%', { percentSign: true })).toEqual({ ok: true, value: 90 });
    expect(parseWholeNumber('90%')).toEqual({ ok: false, reason: 'not_number' });
    expect(parseWholeNumber('12a')).toEqual({ ok: false, reason: 'not_number' });
    expect(parseWholeNumber('-3')).toEqual({ ok: false, reason: 'negative' });
    expect(parseWholeNumber('12,5')).toEqual({ ok: false, reason: 'fraction' });
    expect(parseWholeNumber(' ')).toEqual({ ok: false, reason: 'empty' });
  });

  it('reads kinds in Vietnamese and English, and a year with "tỷ lệ đến năm"', () => {
    expect(parseIndicatorKind('Tỷ lệ hằng năm')).toEqual({ kind: 'yearly_percent' });
    expect(parseIndicatorKind('so luong ca nhiem ky')).toEqual({ kind: 'term_count' });
    expect(parseIndicatorKind('yearly_count')).toEqual({ kind: 'yearly_count' });
    expect(parseIndicatorKind('tỷ lệ đến năm 2025')).toEqual({ kind: 'percent_by_date', year: 2025 });
    expect(parseIndicatorKind('Không vượt quá')).toEqual({ kind: 'upper_bound' });
    expect(parseIndicatorKind('trung bình')).toBeNull();
    expect(indicatorKindLabel('percent_by_date', 2030)).toBe('tỷ lệ đến năm 2030');
    expect(parseIndicatorKind(indicatorKindLabel('percent_by_date', 2030))).toEqual({ kind: 'percent_by_date', year: 2030 });
  });
});

describe('figures typed in a chat (/baocao)', () => {
  it('takes thousands grouped with dots or spaces, and keeps 45/50 a fraction', () => {
    expect(parseTypedFigures('1.200')).toEqual({ ok: true, numerator: 1200, denominator: null });
    expect(parseTypedFigures('1 200')).toEqual({ ok: true, numerator: 1200, denominator: null });
    expect(parseTypedFigures('1200')).toEqual({ ok: true, numerator: 1200, denominator: null });
    expect(parseTypedFigures('45/50')).toEqual({ ok: true, numerator: 45, denominator: 50 });
    expect(parseTypedFigures(' 45 / 50 ')).toEqual({ ok: true, numerator: 45, denominator: 50 });
    expect(parseTypedFigures('1.200/1.500')).toEqual({ ok: true, numerator: 1200, denominator: 1500 });
    expect(parseTypedFigures('1 200/1 500')).toEqual({ ok: true, numerator: 1200, denominator: 1500 });
  });

  it('says why the rest is refused', () => {
    expect(parseTypedFigures('46/5o')).toEqual({ ok: false, reason: 'not_number' });
    expect(parseTypedFigures('mười hai')).toEqual({ ok: false, reason: 'not_number' });
    expect(parseTypedFigures('45/')).toEqual({ ok: false, reason: 'not_number' });
    expect(parseTypedFigures('1/2/3')).toEqual({ ok: false, reason: 'not_number' });
    expect(parseTypedFigures('-4/50')).toEqual({ ok: false, reason: 'negative' });
    expect(parseTypedFigures('12,5')).toEqual({ ok: false, reason: 'fraction' });
  });
});
