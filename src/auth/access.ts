import { conversationExists } from '../conversations/sql/conversationExists.ts';
import { findParticipant } from '../conversations/sql/findParticipant.ts';
import type { Db } from '../db/connect.ts';
import { notFound } from '../errors.ts';
import { isUuid } from '../uuid.ts';
import { isOperator, type Principal } from './principal.ts';

export { isUuid };

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

/**
 * @deprecated Use the access policy (src/access/policy.ts): `access.requireAccess(principal,
 * 'conversation.read', { conversationId })` decides the same. Kept only for the callers not yet
 * moved to it; the chat modules no longer use it.
 */
export async function requireConversationAccess(db: Db, principal: Principal, conversationId: string): Promise<ConversationAccess> {
  if (!isUuid(conversationId)) throw notFound('conversation');
  const participant = await findParticipant(db, conversationId, principal.userId);
  if (participant) return { conversationId, participant: { conversation_id: conversationId, ...participant } };
  if (isOperator(principal) && (await conversationExists(db, conversationId))) return { conversationId, participant: null };
  throw notFound('conversation');
}
