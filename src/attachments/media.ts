import { parseFile } from 'music-metadata';
import { invalid, ParleyError } from '../errors.ts';
import type { MediaKindLimits, MediaSettings } from './media-settings.ts';

/** What an attachment is, by its type: a picture, a video, a voice recording, or any other file. */
export type AttachmentKind = 'image' | 'video' | 'voice' | 'file';

export function attachmentKind(mimeType: string): AttachmentKind {
  if (mimeType.startsWith('image/')) return 'image';
  if (mimeType.startsWith('video/')) return 'video';
  if (mimeType.startsWith('audio/')) return 'voice';
  return 'file';
}

/** The limits of a video or voice upload, or undefined for images and other files. */
export function mediaLimits(media: MediaSettings, mimeType: string): MediaKindLimits | undefined {
  const kind = attachmentKind(mimeType);
  return kind === 'video' ? media.video : kind === 'voice' ? media.voice : undefined;
}

const kindNoun = { video: 'Videos', voice: 'Voice messages' } as const;

/** The container a media type is stored in, and how its first bytes begin. */
const containers: { family: string; types: string[]; matches(head: Buffer): boolean }[] = [
  { family: 'mp4', types: ['video/mp4', 'audio/mp4', 'audio/x-m4a', 'video/quicktime'], matches: (h) => h.subarray(4, 8).toString('latin1') === 'ftyp' },
  { family: 'webm', types: ['video/webm', 'audio/webm', 'video/x-matroska', 'audio/x-matroska'], matches: (h) => h.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3])) },
  { family: 'ogg', types: ['audio/ogg', 'video/ogg', 'audio/opus'], matches: (h) => h.subarray(0, 4).toString('latin1') === 'OggS' },
  {
    family: 'mpeg',
    types: ['audio/mpeg', 'audio/mp3'],
    matches: (h) => h.subarray(0, 3).toString('latin1') === 'ID3' || (h[0] === 0xff && ((h[1] ?? 0) & 0xe0) === 0xe0),
  },
  { family: 'wav', types: ['audio/wav', 'audio/x-wav', 'audio/wave'], matches: (h) => h.subarray(0, 4).toString('latin1') === 'RIFF' && h.subarray(8, 12).toString('latin1') === 'WAVE' },
  { family: 'flac', types: ['audio/flac', 'audio/x-flac'], matches: (h) => h.subarray(0, 4).toString('latin1') === 'fLaC' },
];

/** Whether a media file's first bytes are those of its declared type's container (types without a known container pass). */
export function mediaContainerMatches(mimeType: string, head: Buffer): boolean {
  const container = containers.find((c) => c.types.includes(mimeType));
  return !container || container.matches(head);
}

/**
 * Reads a stored video or voice upload: that its bytes are the kind it claims (a video track for
 * a video; sound and no picture for a voice message) and that it plays no longer than allowed.
 * Answers the playing time in milliseconds; refuses with a 4xx ParleyError otherwise.
 */
export async function inspectMedia(path: string, mimeType: string, limits: MediaKindLimits): Promise<{ durationMs: number }> {
  const kind = attachmentKind(mimeType) as 'video' | 'voice';
  let format;
  try {
    ({ format } = await parseFile(path, { duration: true, skipCovers: true }));
  } catch {
    throw invalid('attachment_type_mismatch', `The file's content is not readable as ${mimeType}; upload it with its real type.`);
  }
  const looksRight = kind === 'video' ? format.hasVideo === true : format.hasAudio === true && format.hasVideo !== true;
  if (!looksRight) {
    const why =
      kind === 'video'
        ? 'The file has no video track, so it is not a video; send sound alone as a voice message.'
        : format.hasVideo
          ? 'The file has a video track, so it is not a voice message; send it as a video.'
          : 'The file has no sound, so it is not a voice message.';
    throw invalid('attachment_type_mismatch', why);
  }
  const seconds = format.duration;
  if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) {
    throw new ParleyError(
      'unprocessable',
      'media_duration_unknown',
      `The file does not say how long it plays, so its ${limits.maxSeconds}-second limit cannot be checked; save it again with a recorder or converter that writes its duration.`,
    );
  }
  if (seconds > limits.maxSeconds) {
    throw new ParleyError('unprocessable', 'media_too_long', `${kindNoun[kind]} may play at most ${limits.maxSeconds} seconds; this one plays ${Math.round(seconds)} seconds.`, {
      maxSeconds: limits.maxSeconds,
      durationSeconds: Math.round(seconds * 10) / 10,
    });
  }
  return { durationMs: Math.round(seconds * 1000) };
}

export function mediaTooLarge(mimeType: string, limits: MediaKindLimits): ParleyError {
  const kind = attachmentKind(mimeType) as 'video' | 'voice';
  return new ParleyError('payload_too_large', 'attachment_too_large', `${kindNoun[kind]} may be at most ${limits.maxBytes} bytes.`, { maxBytes: limits.maxBytes });
}
