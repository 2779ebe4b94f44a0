import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/** Sets when each participant's unread reminder falls due. */
export async function setReminderDueAt(db: Db, dues: readonly { conversationId: string; userId: string; dueAt: Date }[]): Promise<void> {
  if (dues.length === 0) return;
  await sql`
    UPDATE conversation_participants p SET reminder_due_at = v.due_at
      FROM unnest(${dues.map((d) => d.conversationId)}::uuid[], ${dues.map((d) => d.userId)}::text[], ${dues.map((d) => d.dueAt.toISOString())}::timestamptz[])
           AS v(conversation_id, user_id, due_at)
     WHERE p.conversation_id = v.conversation_id AND p.user_id = v.user_id`.execute(db);
}
