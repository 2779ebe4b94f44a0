import { type Selectable, sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import type { DisputesTable } from '../../../db/schema.ts';

/**
 * Moves a dispute from `from` to `status`, with `entry` added to its history; `resolved` sets
 * when it was resolved (and its note), `closed` when it closed. Undefined when it was no longer
 * in `from`.
 */
export async function setDisputeStatus(
  trx: Db,
  disputeId: string,
  change: { from: string; status: string; resolved: boolean; closed: boolean; note: string | null; entry: unknown },
): Promise<Selectable<DisputesTable> | undefined> {
  return (await sql<Selectable<DisputesTable>>`
        UPDATE disputes
           SET status = ${change.status}, updated_at = now(), history = history || ${JSON.stringify([change.entry])}::jsonb,
               resolved_at = CASE WHEN ${change.resolved}::boolean THEN coalesce(resolved_at, now()) ELSE resolved_at END,
               closed_at = CASE WHEN ${change.closed}::boolean THEN now() ELSE closed_at END,
               resolution_note = CASE WHEN ${change.resolved}::boolean THEN coalesce(${change.note}::text, resolution_note) ELSE resolution_note END
         WHERE id = ${disputeId} AND status = ${change.from}
     RETURNING *`.execute(trx)).rows[0];
}
