import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/** Removes deliveries written in this transaction that turned out to belong to a conflicting request (their queue rows too). */
export async function deleteDeliveries(trx: Db, logIds: string[]): Promise<void> {
  if (!logIds.length) return;
  await sql`
    WITH q AS (DELETE FROM notification_queue WHERE log_id = ANY(${logIds}::uuid[]))
    DELETE FROM notification_logs WHERE log_id = ANY(${logIds}::uuid[])`.execute(trx);
}
