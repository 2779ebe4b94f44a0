import type { Db } from '../../db/connect.ts';

/** The participants of these conversations who have an unread reminder pending, with how far they read. */
export async function listPendingReminders(db: Db, conversationIds: readonly string[]): Promise<{ conversationId: string; userId: string; lastReadSeq: number }[]> {
  const rows = await db
    .selectFrom('conversation_participants')
    .select(['conversation_id', 'user_id', 'last_read_seq'])
    .where('conversation_id', 'in', conversationIds)
    .where('reminder_due_at', 'is not', null)
    .execute();
  return rows.map((r) => ({ conversationId: r.conversation_id, userId: r.user_id, lastReadSeq: r.last_read_seq }));
}
