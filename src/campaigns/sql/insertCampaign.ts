import type { Insertable } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { CampaignsTable } from '../../db/schema-campaigns.ts';
import type { CampaignRow } from './campaignRow.ts';

/** Writes a new campaign; with an idempotency key already used by the vendor, writes nothing and answers undefined. */
export async function insertCampaign(db: Db, row: Insertable<CampaignsTable>): Promise<CampaignRow | undefined> {
  return db
    .insertInto('campaigns')
    .values(row)
    .onConflict((oc) => oc.columns(['vendor_id', 'idempotency_key']).where('idempotency_key', 'is not', null).doNothing())
    .returningAll()
    .executeTakeFirst();
}
