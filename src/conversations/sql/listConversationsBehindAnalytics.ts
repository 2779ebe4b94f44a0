import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/**
 * Conversations with a seller and messages the analytics job has not taken in yet (their last
 * sequence number past conversation_analytics.last_processed_seq), in id order after `afterId`.
 */
export async function listConversationsBehindAnalytics(db: Db, batch: number, afterId: string | null): Promise<string[]> {
  let q = db
    .selectFrom('conversations as c')
    .leftJoin('conversation_analytics as a', 'a.conversation_id', 'c.id')
    .select('c.id')
    .where(sql<boolean>`c.last_message_seq > coalesce(a.last_processed_seq, 0)`)
    .where((eb) => eb.exists(eb.selectFrom('conversation_participants as p').select('p.user_id').whereRef('p.conversation_id', '=', 'c.id').where('p.role', '=', 'seller')));
  if (afterId) q = q.where('c.id', '>', afterId);
  const rows = await q.orderBy('c.id').limit(batch).execute();
  return rows.map((r) => r.id);
}
