import { type AttachmentKind, attachmentKind } from './media.ts';

/** An attachment as a message carries it (and an upload answers it). */
export interface AttachmentView {
  attachmentId: string;
  type: AttachmentKind;
  url: string;
  fileName: string;
  mimeType: string;
  size: number;
  /** Videos and voice messages: how long they play. */
  durationMs?: number;
}

export function attachmentView(r: { id: string; file_name: string; mime_type: string; size_bytes: number; duration_ms?: number | null }): AttachmentView {
  return {
    attachmentId: r.id,
    type: attachmentKind(r.mime_type),
    url: `/attachments/${r.id}`,
    fileName: r.file_name,
    mimeType: r.mime_type,
    size: Number(r.size_bytes),
    ...(r.duration_ms != null ? { durationMs: Number(r.duration_ms) } : {}),
  };
}
