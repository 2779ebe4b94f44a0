import type { Db } from '../../db/connect.ts';

/** The users of a run held back (waiting for the winner). */
export async function listHeldUserIds(db: Db, campaignId: string, runNumber: number): Promise<string[]> {
  const rows = await db
    .selectFrom('campaign_recipients')
    .select('user_id')
    .distinct()
    .where('campaign_id', '=', campaignId)
    .where('run_number', '=', runNumber)
    .where('state', '=', 'held')
    .execute();
  return rows.map((r) => r.user_id);
}
