import type { Db } from '../db/connect.ts';
import { listConversationPeers } from './sql/listConversationPeers.ts';
import { listFollowedConversations } from './sql/listFollowedConversations.ts';
import { listParticipantIds } from './sql/listParticipantIds.ts';
import { listReceipts } from './sql/listReceipts.ts';
import { markParticipantRead } from './sql/markParticipantRead.ts';
import { markParticipantsDelivered } from './sql/markParticipantsDelivered.ts';
import { recountUnread } from './sql/recountUnread.ts';

export type Participants = ReturnType<typeof createParticipants>;

/**
 * The participants' state other modules read and move (messages: receipts and unread counts;
 * realtime: who follows what, who sees whose presence), through the conversations module, the
 * owner of conversation_participants. Access is checked by the callers.
 */
export function createParticipants(db: Db) {
  return {
    receipts: (conversationId: string) => listReceipts(db, conversationId),
    ids: (conversationId: string) => listParticipantIds(db, conversationId),
    markRead: (conversationId: string, userId: string, seq: number | null) => markParticipantRead(db, conversationId, userId, seq),
    markDelivered: (marks: { conversationId: string; userId: string; seq: number }[]) => markParticipantsDelivered(db, marks),
    /** After a message is deleted; inside the caller's transaction. */
    recountUnread: (executor: Db, conversationId: string) => recountUnread(executor, conversationId),
    followed: (userId: string, conversationIds: string[]) => listFollowedConversations(db, userId, conversationIds),
    peers: (userId: string, limit: number) => listConversationPeers(db, userId, limit),
  };
}
