import type { AccessPolicy } from '../access/policy.ts';
import type { Principal } from '../auth/principal.ts';
import type { Participants } from '../conversations/participants.ts';
import { forbidden } from '../errors.ts';
import type { FanOut } from '../realtime/fanout.ts';

/** Read and delivery receipts: the participants' marks, and the events that tell the others. */
export function createMessageReceipts(deps: { participants: Participants; fanOut: FanOut; access: AccessPolicy }) {
  const { participants, fanOut, access } = deps;

  /** Marks messages read up to `seq` (default: the latest) and tells the other participants. */
  async function markRead(principal: Principal, conversationId: string, seq?: number): Promise<{ lastReadSeq: number; unreadCount: number }> {
    const grant = await access.requireAccess(principal, 'message.receipt', { conversationId });
    if (!grant.participant) throw forbidden('not_a_participant', 'Only participants have read receipts; join the conversation first.');
    const row = (await participants.markRead(conversationId, principal.userId, seq ?? null))!;
    if (row.last_read_seq !== grant.participant.lastReadSeq) {
      fanOut.publish({
        userIds: await participants.ids(conversationId),
        payload: {
          type: 'receipt',
          conversationId,
          userId: principal.userId,
          lastReadSeq: row.last_read_seq,
          lastDeliveredSeq: row.last_delivered_seq,
        },
      });
    }
    fanOut.publish({ userIds: [principal.userId], payload: { type: 'unread', conversationId, unreadCount: row.unread_count } });
    return { lastReadSeq: row.last_read_seq, unreadCount: row.unread_count };
  }

  /**
   * Records that messages reached a recipient (socket or fetch), and tells the other
   * participants (the recipient knows what reached them; a delivered mark is for the senders).
   */
  async function markDelivered(marks: { conversationId: string; userId: string; seq: number }[]): Promise<void> {
    if (marks.length === 0) return;
    for (const r of await participants.markDelivered(marks)) {
      const others = r.participants.filter((userId) => userId !== r.user_id);
      if (others.length === 0) continue;
      fanOut.publish({
        userIds: others,
        payload: { type: 'receipt', conversationId: r.conversation_id, userId: r.user_id, lastReadSeq: r.last_read_seq, lastDeliveredSeq: r.last_delivered_seq },
      });
    }
  }

  /** Who takes part in a conversation (the audience of its events). Access is checked by the caller. */
  const participantIds = (conversationId: string) => participants.ids(conversationId);

  return { markRead, markDelivered, participantIds };
}
