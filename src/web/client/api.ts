/**
 * The page's one way to the dashboard API: relative to the page (so any base path works), with the
 * raw init data on every call, and the API's error bodies turned into one typed error.
 */
import type { ApiError } from '../contract.js';

export type FailureKind = ApiError['error'] | 'network';

export class ApiFailure extends Error {
  override name = 'ApiFailure';
  constructor(readonly kind: FailureKind) {
    super(kind);
  }
}

export class Api {
  constructor(
    private readonly initData: string | null,
    private readonly onUnauthorized: () => void,
  ) {}

  /** The path of an API resource as the server sees it, e.g. "/app/api/reports?cluster=2" (what a download names). */
  static pathOf(resource: string): string {
    const url = new URL(`api/${resource}`, window.location.href);
    return url.pathname + url.search;
  }

  get<T>(resource: string): Promise<T> {
    return this.#call<T>('GET', resource);
  }

  post<T>(resource: string, body: unknown): Promise<T> {
    return this.#call<T>('POST', resource, body);
  }

  async #call<T>(method: string, resource: string, body?: unknown): Promise<T> {
    if (!this.initData) {
      this.onUnauthorized();
      throw new ApiFailure('unauthorized');
    }
    let response: Response;
    try {
      response = await fetch(new URL(`api/${resource}`, window.location.href), {
        method,
        headers: { authorization: `tma ${this.initData}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
      });
    } catch {
      throw new ApiFailure('network');
    }
    if (response.ok) return (await response.json()) as T;
    const kind: FailureKind =
      response.status === 401 ? 'unauthorized' : response.status === 403 ? 'forbidden' : response.status === 404 ? 'not_found' : response.status === 400 ? 'bad_request' : 'network';
    if (kind === 'unauthorized') this.onUnauthorized();
    throw new ApiFailure(kind);
  }
}

/** Appends the office's cluster filter to a resource path. */
export function withCluster(resource: string, clusterId: number | null): string {
  if (clusterId === null) return resource;
  return `${resource}${resource.includes('?') ? '&' : '?'}cluster=${clusterId}`;
}
