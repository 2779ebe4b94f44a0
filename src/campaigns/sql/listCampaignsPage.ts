import type { Db } from '../../db/connect.ts';
import type { CampaignRow } from './campaignRow.ts';

/** Campaigns newest first (a vendor's, or all), after the cursor's (created_at, campaign_id); `limit + 1` rows. */
export async function listCampaignsPage(db: Db, options: { vendorId?: string; status?: string; after?: { createdAt: string; campaignId: string }; limit: number }): Promise<CampaignRow[]> {
  let q = db.selectFrom('campaigns').selectAll();
  if (options.vendorId !== undefined) q = q.where('vendor_id', '=', options.vendorId);
  if (options.status !== undefined) q = q.where('status', '=', options.status);
  if (options.after) {
    const { createdAt, campaignId } = options.after;
    q = q.where((eb) => eb.or([eb('created_at', '<', new Date(createdAt)), eb.and([eb('created_at', '=', new Date(createdAt)), eb('campaign_id', '<', campaignId)])]));
  }
  return q.orderBy('created_at', 'desc').orderBy('campaign_id', 'desc').limit(options.limit + 1).execute();
}
