/**
 * Request-body decoding for the fake Bot API: `application/json`, `multipart/form-data`
 * (what grammY sends when a parameter is an InputFile), `application/x-www-form-urlencoded`
 * and query strings, normalized into one `Params` object.
 *
 * Models: grammY's multipart dialect (`content-disposition:form-data;name="x";filename=a b.txt`,
 * i.e. unquoted filenames and no spaces) as well as standard quoted headers; `attach://<id>`
 * references (top level and inside JSON fields such as `media`) are replaced by
 * `{ filename, size }`; the file bytes stay reachable through `uploadedBytes(file)`. String
 * values of well-known object fields are JSON-parsed, numeric id fields become numbers and
 * boolean flags become booleans — the Bot API does the same coercion.
 *
 * Does not model: RFC 5987 `filename*=`, nested multipart, content-transfer-encoding, size
 * limits (Telegram's 50 MB upload limit is not enforced).
 */
import type { Params, RecordedFile } from './protocol.js';

/** Fields whose string values carry JSON (objects/arrays) in form-encoded requests. */
const JSON_FIELDS = new Set([
  'reply_markup', 'entities', 'caption_entities', 'media', 'commands', 'scope', 'allowed_updates',
  'reply_parameters', 'link_preview_options', 'results', 'menu_button', 'message_ids', 'options',
  'permissions', 'button', 'prices', 'rights', 'reaction', 'input_message_content', 'question_entities',
  'explanation_entities', 'suggested_post_parameters', 'sticker', 'stickers', 'mask_position',
]);

/** Fields that are integers in the Bot API (ids, counters, durations). */
const NUMERIC_FIELDS = new Set([
  'chat_id', 'from_chat_id', 'message_id', 'reply_to_message_id', 'message_thread_id', 'user_id',
  'offset', 'limit', 'timeout', 'cache_time', 'duration', 'width', 'height', 'max_connections',
  'until_date', 'direct_messages_topic_id', 'length', 'sender_chat_id', 'live_period', 'open_period',
]);

const BOOLEAN_FIELD = /^(disable_|protect_|allow_|show_|is_|has_|drop_|supports_|can_|only_|revoke_|needs_|send_|should_|supports_)/;

const bytesOf = new WeakMap<RecordedFile, Buffer>();

/** The bytes of a file recorded from a multipart upload. */
export function uploadedBytes(file: RecordedFile): Buffer | undefined {
  return bytesOf.get(file);
}

interface Part {
  name: string;
  filename?: string;
  data: Buffer;
}

export class BodyParseError extends Error {}

/** Parses a request body (by content type) plus query string into normalized params. */
export function parseRequestParams(body: Buffer, contentType: string | undefined, query: URLSearchParams): Params {
  const params: Params = {};
  for (const [k, v] of query) params[k] = v;
  const type = (contentType ?? '').toLowerCase();
  if (body.length === 0) return normalizeParams(params);
  if (type.startsWith('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw new BodyParseError("can't parse JSON encoded request body");
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new BodyParseError('request body must be a JSON object');
    }
    return normalizeParams({ ...params, ...(parsed as Params) });
  }
  if (type.startsWith('multipart/form-data')) {
    const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
    const b = boundary?.[1] ?? boundary?.[2];
    if (!b) throw new BodyParseError('multipart request without boundary');
    return normalizeParams({ ...params, ...partsToParams(splitMultipart(body, b)) });
  }
  for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params[k] = v;
  return normalizeParams(params);
}

/** Splits a multipart body into parts. */
export function splitMultipart(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  // Prepend CRLF so the first delimiter looks like all the others.
  const data = Buffer.concat([Buffer.from('\r\n'), body]);
  const parts: Part[] = [];
  let pos = data.indexOf(delimiter);
  while (pos !== -1) {
    const afterDelimiter = pos + delimiter.length;
    if (data.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') break;
    const next = data.indexOf(delimiter, afterDelimiter);
    if (next === -1) break;
    const raw = data.subarray(afterDelimiter + 2, next); // skip CRLF after the delimiter
    const part = parsePart(raw);
    if (part) parts.push(part);
    pos = next;
  }
  return parts;
}

function parsePart(raw: Buffer): Part | undefined {
  const headerEnd = raw.indexOf('\r\n\r\n');
  if (headerEnd === -1) return undefined;
  const headers = raw.subarray(0, headerEnd).toString('utf8').split('\r\n');
  const disposition = headers.find((h) => /^content-disposition\s*:/i.test(h));
  if (!disposition) return undefined;
  const name = /;\s*name=(?:"([^"]*)"|([^;\s]+))/i.exec(disposition);
  const partName = name?.[1] ?? name?.[2];
  if (partName === undefined) return undefined;
  const filename = /;\s*filename=(?:"([^"]*)"|(.*))$/i.exec(disposition);
  const part: Part = { name: partName, data: raw.subarray(headerEnd + 4) };
  const fname = filename?.[1] ?? filename?.[2]?.trim();
  if (fname !== undefined) part.filename = fname;
  return part;
}

/** Turns parts into params; files become `{ filename, size }` and replace their attach:// references. */
function partsToParams(parts: Part[]): Params {
  const fields: Params = {};
  const files = new Map<string, RecordedFile>();
  for (const part of parts) {
    if (part.filename === undefined) {
      fields[part.name] = part.data.toString('utf8');
    } else {
      const file: RecordedFile = { filename: part.filename, size: part.data.length };
      bytesOf.set(file, Buffer.from(part.data));
      files.set(part.name, file);
    }
  }
  const referenced = new Set<string>();
  const resolved = resolveAttachments(parseJsonFields(fields), files, referenced);
  const params = (isPlainObject(resolved) ? resolved : {}) as Params;
  // A file part sent directly under the parameter name (curl -F document=@x) is the value itself.
  for (const [name, file] of files) if (!referenced.has(name) && !(name in params)) params[name] = file;
  return params;
}

function parseJsonFields(fields: Params): Params {
  const out: Params = {};
  for (const [k, v] of Object.entries(fields)) out[k] = typeof v === 'string' ? coerceJson(k, v) : v;
  return out;
}

function coerceJson(key: string, value: string): unknown {
  if (!JSON_FIELDS.has(key)) return value;
  const t = value.trim();
  if (!(t.startsWith('{') || t.startsWith('['))) return value;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return value;
  }
}

function resolveAttachments(value: unknown, files: Map<string, RecordedFile>, used: Set<string>): unknown {
  if (typeof value === 'string' && value.startsWith('attach://')) {
    const id = value.slice('attach://'.length);
    const file = files.get(id);
    if (file) {
      used.add(id);
      return file;
    }
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => resolveAttachments(v, files, used));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = resolveAttachments(v, files, used);
    return out;
  }
  return value;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);
}

/** Bot-API-style coercion of string values (from forms, query strings, or stringified JSON fields). */
export function normalizeParams(params: Params): Params {
  const out: Params = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined) continue;
    out[key] = typeof value === 'string' ? coerceString(key, value) : value;
  }
  return out;
}

function coerceString(key: string, value: string): unknown {
  if (NUMERIC_FIELDS.has(key) && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  if ((value === 'true' || value === 'false') && BOOLEAN_FIELD.test(key)) return value === 'true';
  return coerceJson(key, value);
}
