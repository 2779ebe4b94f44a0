import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/** A run's recipients by channel, variant, state and reason, and how many distinct people it has written. */
export async function countCampaignRecipients(db: Db, campaignId: string, runNumber: number) {
  const [groups, people] = await Promise.all([
    db
      .selectFrom('campaign_recipients')
      .select(['channel', 'variant', 'state', 'reason', sql<number>`count(*)::int`.as('n')])
      .where('campaign_id', '=', campaignId)
      .where('run_number', '=', runNumber)
      .groupBy(['channel', 'variant', 'state', 'reason'])
      .execute(),
    db
      .selectFrom('campaign_recipients')
      .select(sql<number>`count(DISTINCT user_id)::int`.as('n'))
      .where('campaign_id', '=', campaignId)
      .where('run_number', '=', runNumber)
      .executeTakeFirstOrThrow(),
  ]);
  return { groups, people: people.n };
}
