import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/** A conversation's counted messages per day (UTC) from `since` on, oldest first. */
export async function listConversationDailyStats(db: Db, conversationId: string, since: string) {
  const rows = await sql<{ day: string; buyer_messages: number; seller_messages: number }>`
      SELECT to_char(day, 'YYYY-MM-DD') AS day, buyer_messages, seller_messages
        FROM conversation_daily_stats
       WHERE conversation_id = ${conversationId} AND day >= ${since}::date
       ORDER BY day`.execute(db);
  return rows.rows;
}
