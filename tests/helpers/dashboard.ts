/**
 * For tests of the dashboard's API: Telegram's init data signed the way Telegram signs it (the
 * library's own signing function, with the bot token), and a client that calls the API over HTTP
 * as a given Telegram user.
 */
import { sign } from '@tma.js/init-data-node';
import type { User } from 'grammy/types';

export const WEBAPP_URL = 'https://dashboard.example.org/app/';

/** The init data a Mini App opened by `user` receives, signed at `authDate` with `token`. */
export function initData(user: Pick<User, 'id' | 'first_name'> & { language_code?: string }, token: string, authDate: Date): string {
  return sign({ user: { id: user.id, first_name: user.first_name, language_code: user.language_code }, query_id: 'AAH' } as never, token, authDate);
}

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export class DashboardClient {
  constructor(
    readonly base: string,
    private readonly token: string,
    private readonly now: () => Date,
  ) {}

  /** Calls the API as `user` (init data signed now), or with the given Authorization header (null: none). */
  async call<T = unknown>(method: 'GET' | 'POST', path: string, as: User | { authorization: string | null }, body?: unknown): Promise<ApiAnswer<T>> {
    const authorization = 'authorization' in as ? as.authorization : `tma ${initData(as, this.token, this.now())}`;
    const headers: Record<string, string> = {};
    if (authorization !== null) headers.authorization = authorization;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
    return { status: res.status, body: parsed as T, text, headers: res.headers };
  }

  get<T = unknown>(path: string, as: User | { authorization: string | null }): Promise<ApiAnswer<T>> {
    return this.call<T>('GET', path, as);
  }

  post<T = unknown>(path: string, as: User | { authorization: string | null }, body: unknown): Promise<ApiAnswer<T>> {
    return this.call<T>('POST', path, as, body);
  }
}
