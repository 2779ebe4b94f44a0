import type { Db } from '../../db/connect.ts';

/** The messages after `afterSeq` that others than the user (and the platform) wrote, not deleted, newest first. */
export async function listUnreadFromOthers(db: Db, conversationId: string, userId: string, afterSeq: number, platformSenderId: string): Promise<{ id: string; seq: number }[]> {
  return db
    .selectFrom('messages')
    .select(['id', 'seq'])
    .where('conversation_id', '=', conversationId)
    .where('seq', '>', afterSeq)
    .where('sender_id', '<>', userId)
    .where('sender_id', '<>', platformSenderId)
    .where('deleted_at', 'is', null)
    .orderBy('seq', 'desc')
    .execute();
}
