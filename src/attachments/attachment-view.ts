/** An attachment as a message carries it (and an upload answers it). */
export interface AttachmentView {
  attachmentId: string;
  type: 'image' | 'file';
  url: string;
  fileName: string;
  mimeType: string;
  size: number;
}

export function attachmentView(r: { id: string; file_name: string; mime_type: string; size_bytes: number }): AttachmentView {
  return {
    attachmentId: r.id,
    type: r.mime_type.startsWith('image/') ? 'image' : 'file',
    url: `/attachments/${r.id}`,
    fileName: r.file_name,
    mimeType: r.mime_type,
    size: Number(r.size_bytes),
  };
}
