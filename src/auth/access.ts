import type { Db } from '../db/connect.ts';
import { notFound } from '../errors.ts';
import { isOperator, type Principal } from './principal.ts';

export interface ParticipantRow {
  conversation_id: string;
  user_id: string;
  role: string;
  last_read_seq: number;
  last_delivered_seq: number;
  unread_count: number;
  archived_at: Date | null;
}

export interface ConversationAccess {
  conversationId: string;
  /** The caller's participant row; null for an operator who is not a participant. */
  participant: ParticipantRow | null;
}

import { isUuid } from '../uuid.ts';
export { isUuid };

/**
 * The one access check for conversations and everything inside them (messages, receipts,
 * attachments). Deny by default: participants (moderators included, only where they were
 * added) and operators pass; anyone else gets the same 404 as for a conversation that does
 * not exist, so they learn nothing.
 */
export async function requireConversationAccess(db: Db, principal: Principal, conversationId: string): Promise<ConversationAccess> {
  if (!isUuid(conversationId)) throw notFound('conversation');
  const participant = await db
    .selectFrom('conversation_participants')
    .select(['conversation_id', 'user_id', 'role', 'last_read_seq', 'last_delivered_seq', 'unread_count', 'archived_at'])
    .where('conversation_id', '=', conversationId)
    .where('user_id', '=', principal.userId)
    .executeTakeFirst();
  if (participant) return { conversationId, participant };
  if (isOperator(principal)) {
    const exists = await db.selectFrom('conversations').select('id').where('id', '=', conversationId).executeTakeFirst();
    if (exists) return { conversationId, participant: null };
  }
  throw notFound('conversation');
}
