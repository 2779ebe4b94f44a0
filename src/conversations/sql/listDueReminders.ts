import type { Db } from '../../db/connect.ts';

/** Participants whose unread reminder is due, oldest due first, with what names their conversation. */
export async function listDueReminders(db: Db, limit: number) {
  return db
    .selectFrom('conversation_participants as p')
    .innerJoin('conversations as c', 'c.id', 'p.conversation_id')
    .select(['p.conversation_id', 'p.user_id', 'p.last_read_seq', 'c.conversation_type', 'c.order_id', 'c.subject'])
    .where('p.reminder_due_at', '<=', new Date())
    .orderBy('p.reminder_due_at')
    .limit(limit)
    .execute();
}
