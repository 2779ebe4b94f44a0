import { findAttachmentConversation } from '../attachments/sql/findAttachmentConversation.ts';
import { conversationExists } from '../conversations/sql/conversationExists.ts';
import { findParticipant } from '../conversations/sql/findParticipant.ts';
import type { Db } from '../db/connect.ts';
import { findDisputeConversation } from '../marketplace/disputes/sql/findDisputeConversation.ts';
import { findOrderParties } from '../marketplace/orders/sql/findOrderParties.ts';
import { findMessageSender } from '../messages/sql/findMessageSender.ts';
import type { AccessFacts } from './policy.ts';

/** What the policy decides on, read through each table's owner. */
export function createAccessFacts(db: Db): AccessFacts {
  return {
    async participant(conversationId, userId) {
      const row = await findParticipant(db, conversationId, userId);
      return row
        ? { userId: row.user_id, role: row.role, lastReadSeq: row.last_read_seq, lastDeliveredSeq: row.last_delivered_seq, unreadCount: row.unread_count, archivedAt: row.archived_at }
        : undefined;
    },
    conversationExists: (conversationId) => conversationExists(db, conversationId),
    messageSender: (conversationId, messageId) => findMessageSender(db, conversationId, messageId),
    attachmentConversation: (attachmentId) => findAttachmentConversation(db, attachmentId),
    dispute: (disputeId) => findDisputeConversation(db, disputeId),
    orderParties: (orderId) => findOrderParties(db, orderId),
  };
}
