import type { Db } from '../../db/connect.ts';

/** Recipients whose message could not be made (a template that failed for them), first by user id. */
export async function listRecipientProblems(db: Db, campaignId: string, limit: number) {
  return db
    .selectFrom('campaign_recipients')
    .select(['user_id', 'channel', 'reason'])
    .where('campaign_id', '=', campaignId)
    .where('state', '=', 'skipped')
    .where('reason', 'like', 'render_failed%')
    .orderBy('user_id')
    .orderBy('channel')
    .limit(limit)
    .execute();
}
