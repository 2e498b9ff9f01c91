/**
 * How the dashboard's API answers: JSON with headers that keep it out of caches and frames, and the
 * contract's four errors, thrown as ApiError anywhere in a handler and answered in one place.
 */
import type { ServerResponse } from 'node:http';
import type { ApiError as ApiErrorBody } from './contract.js';

export type ErrorCode = ApiErrorBody['error'];

const STATUS: Record<ErrorCode, number> = { bad_request: 400, unauthorized: 401, forbidden: 403, not_found: 404 };

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(readonly code: ErrorCode) {
    super(code);
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export const badRequest = () => new ApiError('bad_request');
export const forbidden = () => new ApiError('forbidden');
export const notFound = () => new ApiError('not_found');

/** Headers of every API answer: no caching (each answer is one member's), no sniffing, no framing. */
export const API_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
} as const;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...API_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) }).end(text);
}

export function sendError(res: ServerResponse, code: ErrorCode): void {
  sendJson(res, STATUS[code], { error: code } satisfies ApiErrorBody);
}

/** A positive whole id from a path or query parameter; 400 otherwise. */
export function parseId(value: string | null | undefined): number {
  if (value === null || value === undefined || !/^[1-9]\d{0,8}$/.test(value)) throw badRequest();
  return Number(value);
}
