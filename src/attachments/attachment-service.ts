import type { Readable } from 'node:stream';
import { type AccessPolicy, roleMayHold } from '../access/policy.ts';
import type { Principal } from '../auth/principal.ts';
import type { Db } from '../db/connect.ts';
import { notFound } from '../errors.ts';
import { attachmentView, type AttachmentView } from './attachment-view.ts';
import { findAttachmentForDownload } from './sql/findAttachmentForDownload.ts';
import { insertAttachment } from './sql/insertAttachment.ts';
import type { AttachmentStore } from './store.ts';

/**
 * Attachments: files uploaded into a conversation (attachment.upload), sent with a message,
 * and downloaded by its participants (attachment.read). One not yet sent is a draft, its
 * uploader's own (and the operators', attachment.read.drafts).
 */
export function createAttachmentsService(deps: { db: Db; store: AttachmentStore; access: AccessPolicy }) {
  const { db, store, access } = deps;

  /** Refuses an upload into a conversation the caller may not upload to, before its body is read. */
  async function checkUpload(principal: Principal, conversationId: string): Promise<void> {
    await access.requireAccess(principal, 'attachment.upload', { conversationId });
  }

  /** Records a file written to the store (committing it), as a draft of its uploader. */
  async function record(
    principal: Principal,
    conversationId: string,
    file: { id: string; fileName: string; mimeType: string; size: number; sha256: string; key: string; durationMs: number | null },
  ): Promise<AttachmentView & { sha256: string }> {
    await insertAttachment(db, {
      id: file.id,
      conversationId,
      uploaderId: principal.userId,
      fileName: file.fileName,
      mimeType: file.mimeType,
      size: file.size,
      sha256: file.sha256,
      storageKey: file.key,
      durationMs: file.durationMs,
    });
    const view = attachmentView({ id: file.id, file_name: file.fileName, mime_type: file.mimeType, size_bytes: file.size, duration_ms: file.durationMs });
    return { ...view, sha256: file.sha256 };
  }

  /** An attachment the caller may download, with its bytes. */
  async function open(principal: Principal, attachmentId: string): Promise<{ fileName: string; mimeType: string; size: number; body: Readable }> {
    await access.requireAccess(principal, 'attachment.read', { attachmentId });
    const row = await findAttachmentForDownload(db, attachmentId);
    if (!row) throw notFound('attachment');
    const draft = !row.message_id && row.uploader_id !== principal.userId && !roleMayHold(principal, 'attachment.read.drafts');
    if (row.deleted_at || draft) throw notFound('attachment');
    return { fileName: row.file_name, mimeType: row.mime_type, size: Number(row.size_bytes), body: store.read(row.storage_key) };
  }

  return { checkUpload, record, open };
}

export type AttachmentsService = ReturnType<typeof createAttachmentsService>;
