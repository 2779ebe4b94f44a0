import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/** Deletes events older than `days` that no endpoint still waits to receive (their delivery logs go with them); how many. */
export async function pruneWebhookEvents(db: Db, days: number, limit = 5000): Promise<number> {
  const result = await sql`
    DELETE FROM webhook_events WHERE event_id IN (
      SELECT e.event_id FROM webhook_events e
       WHERE e.occurred_at < now() - make_interval(days => ${days})
         AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.event_id AND d.status = 'pending')
       LIMIT ${limit})`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
