/**
 * Media objects (Document, PhotoSize[], Video, …) as they appear in Messages returned by
 * sendDocument/sendPhoto/sendVideo/sendAudio/sendAnimation/sendVoice/sendVideoNote/sendSticker
 * and sendMediaGroup.
 *
 * Models: a string file_id is echoed back, an upload or an HTTP URL gets a newly minted
 * file_id; photos come back as several sizes with the requested/echoed id as the largest;
 * file_name/mime_type/file_size for uploads.
 *
 * Does not model: real media probing (dimensions and durations are placeholders unless passed
 * as width/height/duration), thumbnails, the animation-also-has-document quirk.
 */
import type { Message } from 'grammy/types';
import { badRequest, getNumber, isRecordedFile, type ApiResponse, type Params } from './protocol.js';
import { uploadedBytes } from './multipart.js';
import type { FakeStore, StoredFile } from './store.js';
import { guessMimeType, photoSizes } from './updates.js';

export type MediaKind = 'photo' | 'document' | 'video' | 'audio' | 'animation' | 'voice' | 'video_note' | 'sticker';

export type MediaContent = Pick<Message, MediaKind>;

/** sendX method (lower-cased) → the parameter/Message field carrying the file. */
export const MEDIA_METHODS: Readonly<Record<string, MediaKind>> = {
  sendphoto: 'photo',
  senddocument: 'document',
  sendvideo: 'video',
  sendaudio: 'audio',
  sendanimation: 'animation',
  sendvoice: 'voice',
  sendvideonote: 'video_note',
  sendsticker: 'sticker',
};

export const MEDIA_GROUP_TYPES: ReadonlySet<string> = new Set(['photo', 'video', 'document', 'audio']);

/** Resolves an InputFile parameter (upload, URL or file_id) to a stored file. */
export function resolveInputFile(
  store: FakeStore,
  kind: MediaKind,
  value: unknown,
): { ok: true; file: StoredFile } | { ok: false; error: ApiResponse } {
  if (isRecordedFile(value)) {
    const data = uploadedBytes(value) ?? Buffer.alloc(0);
    return {
      ok: true,
      file: store.addFile(kind, { data, file_name: value.filename, mime_type: guessMimeType(value.filename) }),
    };
  }
  if (typeof value === 'string' && value !== '') {
    if (value.startsWith('attach://')) return { ok: false, error: badRequest('wrong file identifier/HTTP URL specified') };
    if (/^https?:\/\//i.test(value)) {
      const name = decodeURIComponent(new URL(value).pathname.split('/').pop() || `${kind}.dat`);
      return { ok: true, file: store.addFile(kind, { file_name: name, mime_type: guessMimeType(name) }) };
    }
    return { ok: true, file: store.addFile(kind, { fileId: value }) };
  }
  return { ok: false, error: badRequest(`there is no ${kind} in the request`) };
}

/** The Message field for a sent file of `kind`. */
export function mediaContent(kind: MediaKind, file: StoredFile, p: Params): MediaContent {
  const ids = { file_id: file.file_id, file_unique_id: file.file_unique_id };
  const size = file.file_size > 0 ? { file_size: file.file_size } : {};
  const named = {
    ...(file.file_name !== undefined ? { file_name: file.file_name } : {}),
    ...(file.mime_type !== undefined ? { mime_type: file.mime_type } : {}),
  };
  const width = getNumber(p, 'width') ?? 1280;
  const height = getNumber(p, 'height') ?? 720;
  const duration = getNumber(p, 'duration') ?? 0;
  switch (kind) {
    case 'photo':
      return { photo: photoSizes(file.file_id, width, height) };
    case 'document':
      return { document: { ...ids, ...named, ...size } };
    case 'video':
      return { video: { ...ids, width, height, duration, ...named, ...size } };
    case 'animation':
      return { animation: { ...ids, width, height, duration, ...named, ...size } };
    case 'audio':
      return { audio: { ...ids, duration, ...named, ...size } };
    case 'voice':
      return { voice: { ...ids, duration, ...(file.mime_type ? { mime_type: file.mime_type } : {}), ...size } };
    case 'video_note':
      return { video_note: { ...ids, length: getNumber(p, 'length') ?? 240, duration, ...size } };
    case 'sticker':
      return { sticker: { ...ids, type: 'regular', width: 512, height: 512, is_animated: false, is_video: false, ...size } };
  }
}

/** Fields copied by copyMessage / forwardMessage. */
export const CONTENT_FIELDS = [
  'text', 'entities', 'caption', 'caption_entities', 'photo', 'document', 'video', 'audio', 'animation',
  'voice', 'video_note', 'sticker', 'contact', 'location', 'venue', 'poll', 'dice',
] as const satisfies ReadonlyArray<keyof Message>;
