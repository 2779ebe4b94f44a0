import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/**
 * Erasure: a person's deliveries stay as counted figures under their pseudonym, without where
 * they went (recipient), what they said (content, metadata, error text) or their history; the
 * ones not yet sent are cancelled and leave the queue; their daily promotional counts go.
 * Rows changed per table.
 */
export async function eraseUserDeliveries(db: Db, userId: string, pseudonym: string): Promise<{ deliveries: number; queued: number; dailyCounts: number }> {
  const queued = await sql`
    DELETE FROM notification_queue q USING notification_logs n
     WHERE n.user_id = ${userId} AND q.log_id = n.log_id`.execute(db);
  const deliveries = await sql`
    UPDATE notification_logs
       SET user_id = ${pseudonym},
           status = CASE WHEN status IN ('queued', 'standby', 'sending') THEN 'cancelled' ELSE status END,
           recipient = '{}'::jsonb,
           content = '{}'::jsonb,
           metadata = NULL,
           error_message = NULL,
           history = '[]'::jsonb
     WHERE user_id = ${userId}`.execute(db);
  const dailyCounts = await db.deleteFrom('notification_daily_counts').where('user_id', '=', userId).executeTakeFirst();
  return { deliveries: Number(deliveries.numAffectedRows ?? 0), queued: Number(queued.numAffectedRows ?? 0), dailyCounts: Number(dailyCounts.numDeletedRows) };
}
