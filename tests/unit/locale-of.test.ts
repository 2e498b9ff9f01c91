import { describe, expect, it } from 'vitest';
import { localeOf } from '../../src/domain/locale.js';

describe('localeOf', () => {
  it('gives English only to a member who chose it, Vietnamese to everyone else', () => {
    expect(localeOf('en')).toBe('en');
    expect(localeOf('vi')).toBe('vi');
    expect(localeOf(null)).toBe('vi');
    expect(localeOf('fr')).toBe('vi');
    expect(localeOf('EN')).toBe('vi');
  });
});
