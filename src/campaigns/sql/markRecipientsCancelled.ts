import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/** Marks the recipients whose notification was withdrawn, and the held-back ones, as cancelled with the reason. */
export async function markRecipientsCancelled(db: Db, campaignId: string, requestIds: string[], reason: string): Promise<void> {
  await db
    .updateTable('campaign_recipients')
    .set({ state: 'cancelled', reason, updated_at: sql`now()` })
    .where('campaign_id', '=', campaignId)
    .where((eb) => eb.or([eb('state', '=', 'held'), ...(requestIds.length ? [eb('request_id', 'in', requestIds)] : [])]))
    .execute();
}
