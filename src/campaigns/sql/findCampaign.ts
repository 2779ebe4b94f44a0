import type { Db } from '../../db/connect.ts';
import type { CampaignRow } from './campaignRow.ts';

/** A campaign by id; with `lock`, locked for the caller's transaction (FOR UPDATE). */
export async function findCampaign(db: Db, campaignId: string, options: { lock?: boolean } = {}): Promise<CampaignRow | undefined> {
  let q = db.selectFrom('campaigns').selectAll().where('campaign_id', '=', campaignId);
  if (options.lock) q = q.forUpdate();
  return q.executeTakeFirst();
}
