import { describe, expect, it } from 'vitest';
import { RecentMap } from '../../src/recent-map.js';

describe('RecentMap', () => {
  it('forgets the least recently used entry beyond its capacity; a read or a write makes an entry recent', () => {
    const m = new RecentMap<string, number | null>(2);
    m.set('a', 1);
    m.set('b', null);
    expect(m.get('a')).toBe(1); // a is now the most recent
    m.set('c', 3); // forgets b
    expect(m.get('b')).toBeUndefined();
    expect(m.size).toBe(2);
    m.set('a', 10); // a again the most recent
    m.set('d', 4); // forgets c
    expect(m.get('c')).toBeUndefined();
    expect(m.get('a')).toBe(10);
    expect(m.get('d')).toBe(4);
  });

  it('keeps null as a value, apart from a missing key', () => {
    const m = new RecentMap<string, string | null>(3);
    m.set('gone', null);
    expect(m.get('gone')).toBeNull();
    expect(m.get('never')).toBeUndefined();
  });
});
