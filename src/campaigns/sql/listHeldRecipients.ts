import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/** A page of a run's held-back recipients (waiting for the winner): whole users, by user id after the cursor, with their channels. */
export async function listHeldRecipients(db: Db, campaignId: string, runNumber: number, afterUserId: string | null, limit: number) {
  const result = await sql<{ user_id: string; channel: string }>`
    SELECT user_id, channel FROM campaign_recipients
     WHERE campaign_id = ${campaignId} AND run_number = ${runNumber} AND state = 'held'
       AND user_id IN (
         SELECT DISTINCT user_id FROM campaign_recipients
          WHERE campaign_id = ${campaignId} AND run_number = ${runNumber} AND state = 'held'
            ${afterUserId === null ? sql`` : sql`AND user_id > ${afterUserId}`}
          ORDER BY user_id LIMIT ${limit})
     ORDER BY user_id, channel`.execute(db);
  return result.rows;
}
