import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { CampaignRow } from './campaignRow.ts';

/**
 * Claims campaigns with work due (a run to start, a batch to expand, a run to finish) for one
 * worker: FOR UPDATE SKIP LOCKED, so workers on several nodes never take the same campaign, and
 * a lease, so that one whose worker died is taken again once the lease is over.
 */
export async function claimDueCampaigns(db: Db, limit: number, leaseSeconds: number): Promise<CampaignRow[]> {
  const result = await sql<CampaignRow>`
    WITH due AS (
      SELECT campaign_id FROM campaigns
       WHERE status IN ('scheduled', 'running') AND next_run_at <= now() AND (lease_until IS NULL OR lease_until < now())
       ORDER BY next_run_at
       LIMIT ${limit}
       FOR UPDATE SKIP LOCKED)
    UPDATE campaigns c SET lease_until = now() + make_interval(secs => ${leaseSeconds})
      FROM due WHERE c.campaign_id = due.campaign_id
    RETURNING c.*`.execute(db);
  return result.rows;
}
