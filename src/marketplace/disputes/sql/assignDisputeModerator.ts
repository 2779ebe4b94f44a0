import { type Selectable, sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import type { DisputesTable } from '../../../db/schema.ts';

/** Gives a dispute its moderator, with `entry` added to its history; answers the updated row. */
export async function assignDisputeModerator(trx: Db, disputeId: string, moderatorId: string, entry: unknown): Promise<Selectable<DisputesTable>> {
  return (await sql<Selectable<DisputesTable>>`
        UPDATE disputes SET moderator_id = ${moderatorId}, updated_at = now(), history = history || ${JSON.stringify([entry])}::jsonb
         WHERE id = ${disputeId} RETURNING *`.execute(trx)).rows[0]!;
}
