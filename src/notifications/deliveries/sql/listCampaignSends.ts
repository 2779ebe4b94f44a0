import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

export interface CampaignSendRow {
  user_id: string;
  variant: string | null;
  channel: string;
  sent_at: Date;
}

const WAS_SENT = sql<boolean>`(status IN ('sent', 'delivered', 'opened', 'read', 'clicked') OR history @> '[{"status": "sent"}]'::jsonb)`;

/**
 * When each of these recipients' notifications of a campaign went out, per variant and channel
 * (its conversions are counted from then).
 */
export async function listCampaignSends(db: Db, campaignId: string, userIds: string[]): Promise<CampaignSendRow[]> {
  if (userIds.length === 0) return [];
  const result = await sql<CampaignSendRow>`
    SELECT user_id, metadata->>'variant' AS variant, channel, coalesce(send_time, delivery_time, created_at) AS sent_at
      FROM notification_logs
     WHERE user_id = ANY(${userIds}::varchar[]) AND metadata->>'campaignId' = ${campaignId} AND ${WAS_SENT}`.execute(db);
  return result.rows;
}
