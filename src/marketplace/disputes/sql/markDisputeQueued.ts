import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/** Marks a dispute sent to the moderation queue now, with `entry` added to its history. */
export async function markDisputeQueued(trx: Db, disputeId: string, entry: unknown): Promise<void> {
  await sql`UPDATE disputes SET queued_at = now(), updated_at = now(), history = history || ${JSON.stringify([entry])}::jsonb WHERE id = ${disputeId}`.execute(trx);
}
