/** The page's reading of Telegram's launch parameters (pure functions of src/web/client/telegram.ts). */
import { describe, expect, it } from 'vitest';
import { readLaunchParams, versionAtLeast } from '../../src/web/client/telegram.js';
import { initDataFor } from './fixture-api.js';
import { launchHash, THEMES } from './launch.js';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

describe('launch parameters', () => {
  const raw = initDataFor({ id: 7, first_name: 'Đức', language_code: 'en' });

  it('reads the raw init data untouched, the version, platform, theme and the user\'s language', () => {
    const params = readLaunchParams(launchHash(raw, 'dark', '8.0'), memoryStorage());
    expect(params.initData).toBe(raw);
    expect(params.version).toBe('8.0');
    expect(params.platform).toBe('android');
    expect(params.theme).toEqual(THEMES.dark);
    expect(params.languageCode).toBe('en');
  });

  it('keeps them for a reload that loses the hash, and ignores theme values that are not colours', () => {
    const storage = memoryStorage();
    readLaunchParams(launchHash(raw), storage);
    expect(readLaunchParams('', storage).initData).toBe(raw);
    const theme = encodeURIComponent(JSON.stringify({ bg_color: '#fff', text_color: 'red; background: url(x)', hint_color: 12 }));
    expect(readLaunchParams(`#tgWebAppVersion=7.0&tgWebAppThemeParams=${theme}`, memoryStorage()).theme).toEqual({ bg_color: '#fff' });
    expect(readLaunchParams('#tgWebAppVersion=7.0&tgWebAppThemeParams=%7Bnot', memoryStorage()).theme).toEqual({});
    expect(readLaunchParams('', memoryStorage()).initData).toBeNull();
  });

  it('compares Telegram versions numerically', () => {
    expect(versionAtLeast('8.0', '8.0')).toBe(true);
    expect(versionAtLeast('10.1', '8.0')).toBe(true);
    expect(versionAtLeast('7.10', '8.0')).toBe(false);
    expect(versionAtLeast('8', '8.0')).toBe(true);
    expect(versionAtLeast(null, '6.0')).toBe(false);
  });
});
