import type { Updateable } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { CampaignsTable } from '../../db/schema-campaigns.ts';
import type { CampaignRow } from './campaignRow.ts';

/** Changes a campaign's state (status, cursors, quota figures, lease), stamping updated_at. */
export async function updateCampaign(db: Db, campaignId: string, patch: Updateable<CampaignsTable>): Promise<CampaignRow | undefined> {
  return db
    .updateTable('campaigns')
    .set({ ...patch, updated_at: sql`now()` })
    .where('campaign_id', '=', campaignId)
    .returningAll()
    .executeTakeFirst();
}
