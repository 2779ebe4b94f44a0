import type { Db } from '../../db/connect.ts';

/** The request ids and recipients of a campaign's accepted notifications (all runs), for cancelling those not yet sent. */
export async function listAcceptedRequests(db: Db, campaignId: string) {
  return db
    .selectFrom('campaign_recipients')
    .select(['request_id', 'user_id', 'run_number'])
    .where('campaign_id', '=', campaignId)
    .where('state', '=', 'accepted')
    .where('request_id', 'is not', null)
    .execute();
}
