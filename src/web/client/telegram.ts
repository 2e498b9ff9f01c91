/**
 * The page's side of Telegram's Mini App bridge, written here rather than loading telegram.org's
 * script (no third-party script may run: the office network may block it, and the CSP forbids it).
 * Launch parameters arrive in the URL's hash; methods go out through whichever channel the client
 * offers; events come back through window.Telegram.WebView.receiveEvent (mobile and desktop apps)
 * or a postMessage from the parent frame (Telegram Web).
 */

export interface LaunchParams {
  /** The raw tgWebAppData: sent untouched as `Authorization: tma <raw>`. */
  initData: string | null;
  version: string | null;
  platform: string | null;
  theme: ThemeParams;
  /** The Telegram user's language code from the init data, until the API says which language to use. */
  languageCode: string | null;
}

export type ThemeParams = Record<string, string>;

type Listener = (data: unknown) => void;

interface WebviewProxy {
  postEvent(eventType: string, eventData: string): void;
}

declare global {
  interface Window {
    TelegramWebviewProxy?: WebviewProxy;
    Telegram?: { WebView?: { receiveEvent?: (eventType: string, eventData: unknown) => void } };
    TelegramGameProxy?: { receiveEvent?: (eventType: string, eventData: unknown) => void };
    TelegramGameProxy_receiveEvent?: (eventType: string, eventData: unknown) => void;
  }
}

const STORAGE_KEY = 'dashboard.launchParams';

/** Reads the launch parameters from the hash, else from this tab's storage (the hash is lost on some reloads). */
export function readLaunchParams(hash: string, storage: Storage | null): LaunchParams {
  let query = hash.startsWith('#') ? hash.slice(1) : hash;
  if (query.includes('tgWebAppData=') || query.includes('tgWebAppVersion=')) {
    try {
      storage?.setItem(STORAGE_KEY, query);
    } catch {
      // Storage can be unavailable (private mode): the hash is enough for this load.
    }
  } else {
    query = storage?.getItem(STORAGE_KEY) ?? query;
  }
  const params = new URLSearchParams(query);
  const initData = params.get('tgWebAppData');
  return {
    initData: initData || null,
    version: params.get('tgWebAppVersion'),
    platform: params.get('tgWebAppPlatform'),
    theme: parseTheme(params.get('tgWebAppThemeParams')),
    languageCode: initData ? userLanguage(initData) : null,
  };
}

function parseTheme(raw: string | null): ThemeParams {
  if (!raw) return {};
  try {
    const value: unknown = JSON.parse(raw);
    if (!value || typeof value !== 'object') return {};
    const theme: ThemeParams = {};
    for (const [key, colour] of Object.entries(value)) {
      if (typeof colour === 'string' && /^#[0-9a-f]{3,8}$/i.test(colour)) theme[key] = colour;
    }
    return theme;
  } catch {
    return {};
  }
}

function userLanguage(initData: string): string | null {
  try {
    const user: unknown = JSON.parse(new URLSearchParams(initData).get('user') ?? 'null');
    if (user && typeof user === 'object' && 'language_code' in user && typeof user.language_code === 'string') return user.language_code;
  } catch {
    // Malformed init data: the server refuses it anyway.
  }
  return null;
}

/** Compares Telegram's "major.minor" versions: true when `version` is at least `wanted`. */
export function versionAtLeast(version: string | null, wanted: string): boolean {
  if (!version) return false;
  const a = version.split('.').map(Number);
  const b = wanted.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

export class TelegramBridge {
  readonly #listeners = new Map<string, Set<Listener>>();

  constructor(readonly launch: LaunchParams) {
    const receive = (eventType: string, eventData: unknown) => this.#emit(eventType, eventData);
    window.Telegram = { ...window.Telegram, WebView: { ...window.Telegram?.WebView, receiveEvent: receive } };
    window.TelegramGameProxy = { receiveEvent: receive };
    window.TelegramGameProxy_receiveEvent = receive;
    window.addEventListener('message', (event) => {
      // Telegram Web posts events from the frame that embeds the page, as a JSON string.
      if (event.source !== window.parent || window.parent === window || typeof event.data !== 'string') return;
      try {
        const message: unknown = JSON.parse(event.data);
        if (message && typeof message === 'object' && 'eventType' in message && typeof message.eventType === 'string') {
          receive(message.eventType, 'eventData' in message ? message.eventData : undefined);
        }
      } catch {
        // Not a Telegram message.
      }
    });
  }

  /** Whether the page runs inside a Telegram client at all. */
  get inTelegram(): boolean {
    return Boolean(window.TelegramWebviewProxy) || window.parent !== window || this.launch.version !== null;
  }

  post(eventType: string, eventData?: unknown): void {
    const proxy = window.TelegramWebviewProxy;
    if (proxy) {
      proxy.postEvent(eventType, JSON.stringify(eventData ?? ''));
      return;
    }
    if (window.parent !== window) {
      window.parent.postMessage(JSON.stringify({ eventType, eventData }), '*');
    }
  }

  on(eventType: string, listener: Listener): () => void {
    let set = this.#listeners.get(eventType);
    if (!set) this.#listeners.set(eventType, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  #emit(eventType: string, eventData: unknown): void {
    for (const listener of this.#listeners.get(eventType) ?? []) listener(eventData);
  }

  supports(version: string): boolean {
    return versionAtLeast(this.launch.version, version);
  }
}

/** Theme parameters → CSS custom properties (--tg-bg-color, …) and a light/dark flag for the charts. */
export function applyTheme(theme: ThemeParams, root: HTMLElement): void {
  for (const [key, colour] of Object.entries(theme)) root.style.setProperty(`--tg-${key.replace(/_/g, '-')}`, colour);
  const bg = theme['bg_color'];
  const dark = bg ? luminance(bg) < 0.4 : window.matchMedia?.('(prefers-color-scheme: dark)').matches === true;
  root.dataset['scheme'] = dark ? 'dark' : 'light';
}

function luminance(hex: string): number {
  let h = hex.slice(1);
  if (h.length === 3) h = [...h].map((c) => c + c).join('');
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16) / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
