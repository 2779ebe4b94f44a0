import type { Readable } from 'node:stream';
import type { AccessPolicy } from '../../../access/policy.ts';
import { listSentAttachmentFiles } from '../../../attachments/sql/listSentAttachmentFiles.ts';
import type { AttachmentStore } from '../../../attachments/store.ts';
import type { Principal } from '../../../auth/principal.ts';
import type { Db } from '../../../db/connect.ts';
import { notFound } from '../../../errors.ts';
import type { MessagesService } from '../../../messages/messages-service.ts';
import type { MessageView } from '../../../messages/message-view.ts';
import { partiesOf } from '../../conversation-parties.ts';
import { listOrderEvents } from '../../orders/sql/listOrderEvents.ts';
import { disputeView, type DisputeStatus, type HistoryEntry } from '../disputes.ts';
import { appendDisputeHistory } from '../sql/appendDisputeHistory.ts';
import { findDispute } from '../sql/findDispute.ts';
import { evidenceArchive, type EvidenceFile } from './evidence-archive.ts';
import { evidenceKeys } from './evidence-signing.ts';

const PAGE = 500;

/**
 * Dispute evidence export: everything a dispute rests on, as one signed archive a moderator (the
 * dispute's own) or an operator downloads for audit. Messages are as written, not masked: the
 * archive is for those who judge the dispute. Each export is recorded in the dispute's history
 * (its moderator actions) before the archive is made, so the archive shows its own export.
 */
export function createDisputeEvidence(deps: { db: Db; access: AccessPolicy; messages: MessagesService; store: AttachmentStore; encryptionKey: string }) {
  const { db, access, messages, store } = deps;
  const keys = evidenceKeys(deps.encryptionKey);

  /** The published public keys: the first signs new archives, the others verify older ones. */
  function publicKeys() {
    return { algorithm: 'Ed25519' as const, keys: keys.map((k, i) => ({ keyId: k.keyId, publicKeyPem: k.publicKeyPem, current: i === 0 })) };
  }

  /** All of a conversation's messages as written, oldest first, a page at a time. */
  async function allMessages(conversationId: string): Promise<MessageView[]> {
    const out: MessageView[] = [];
    for (;;) {
      const page = await messages.after(conversationId, out.at(-1)?.seq ?? 0, PAGE);
      out.push(...page);
      if (page.length < PAGE) return out;
    }
  }

  /** `GET .../disputes/:disputeId/evidence`: the archive's file name and its bytes, streamed. */
  async function exportArchive(principal: Principal, disputeId: string): Promise<{ fileName: string; body: Readable }> {
    await access.requireAccess(principal, 'dispute.export', { disputeId });
    const exportedAt = new Date();
    const current = await findDispute(db, disputeId);
    if (!current) throw notFound('dispute');
    const entry: HistoryEntry = { at: exportedAt.toISOString(), by: principal.userId, status: current.status as DisputeStatus, action: 'evidence_exported', note: 'Evidence archive exported.' };
    const row = await appendDisputeHistory(db, disputeId, entry);
    if (!row) throw notFound('dispute');
    const dispute = disputeView(row);
    const [parties, conversationMessages, orderEvents, attachments] = await Promise.all([
      partiesOf(db, row.conversation_id),
      allMessages(row.conversation_id),
      row.order_id ? listOrderEvents(db, row.order_id) : Promise.resolve([]),
      listSentAttachmentFiles(db, row.conversation_id),
    ]);
    const files: EvidenceFile[] = attachments.map((a) => ({
      path: `attachments/${a.id}-${safeName(a.file_name)}`,
      size: Number(a.size_bytes),
      open: () => store.read(a.storage_key),
      about: { attachmentId: a.id, messageId: a.message_id, fileName: a.file_name, mimeType: a.mime_type, uploadedBy: a.uploader_id, uploadedAt: new Date(a.created_at).toISOString() },
    }));
    const body = evidenceArchive({
      head: { disputeId, conversationId: row.conversation_id, orderId: row.order_id, exportedAt: exportedAt.toISOString(), exportedBy: principal.userId },
      documents: [
        { path: 'dispute.json', body: { dispute, participants: parties.everyone } },
        { path: 'messages.json', body: { conversationId: row.conversation_id, messages: conversationMessages } },
        {
          path: 'order-events.json',
          body: {
            orderId: row.order_id,
            events: orderEvents.map((e) => ({
              eventId: e.event_id,
              type: e.event_type,
              occurredAt: new Date(e.occurred_at).toISOString(),
              recordedAt: new Date(e.recorded_at).toISOString(),
              source: e.source,
              messageId: e.message_id,
              payloadSha256: e.payload_hash,
              payload: e.payload,
            })),
          },
        },
        { path: 'moderator-actions.json', body: { disputeId, actions: dispute.history } },
      ],
      files,
      key: keys[0]!,
    });
    return { fileName: `dispute-${disputeId}-evidence.tar`, body };
  }

  return { exportArchive, publicKeys };
}

/** A file name as a tar entry may hold it: ASCII letters, digits, dot, dash and underscore, short. */
function safeName(name: string): string {
  const ascii = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '');
  return (ascii || 'file').slice(-50);
}

export type DisputeEvidence = ReturnType<typeof createDisputeEvidence>;
