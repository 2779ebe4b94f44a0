import { type Selectable, sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import type { DisputesTable } from '../../../db/schema.ts';

/** Adds `entry` to a dispute's history (a moderator's action); answers the updated row, undefined when the dispute is gone. */
export async function appendDisputeHistory(db: Db, disputeId: string, entry: unknown): Promise<Selectable<DisputesTable> | undefined> {
  return (await sql<Selectable<DisputesTable>>`
        UPDATE disputes SET updated_at = now(), history = history || ${JSON.stringify([entry])}::jsonb
         WHERE id = ${disputeId} RETURNING *`.execute(db)).rows[0];
}
