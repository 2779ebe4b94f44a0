import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/**
 * Erasure: a seller's own endpoints go (with their delivery logs), and so does every event that
 * names the person (as its seller, or anywhere in its data as a JSON string), sent or not: a
 * receiver never hears of them again. Rows deleted per table.
 */
export async function eraseWebhookData(db: Db, userId: string): Promise<{ endpoints: number; events: number }> {
  const endpoints = await db.deleteFrom('webhook_endpoints').where('seller_id', '=', userId).executeTakeFirst();
  const events = await sql`
    DELETE FROM webhook_events
     WHERE seller_id = ${userId} OR strpos(payload::text, ${JSON.stringify(userId)}) > 0`.execute(db);
  return { endpoints: Number(endpoints.numDeletedRows), events: Number(events.numAffectedRows ?? 0) };
}
