import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

export interface CampaignFigureRow {
  variant: string | null;
  channel: string;
  status: string;
  error_code: string | null;
  n: number;
  sent: number;
  delivered: number;
  opened: number;
  clicked: number;
}

const WAS_SENT = sql<boolean>`(status IN ('sent', 'delivered', 'opened', 'read', 'clicked') OR history @> '[{"status": "sent"}]'::jsonb)`;
const WAS_DELIVERED = sql<boolean>`(status IN ('delivered', 'opened', 'read', 'clicked') OR delivery_time IS NOT NULL)`;

/**
 * A campaign's notifications (metadata.campaignId) counted by variant, channel, status and error
 * code: how many, how many went out, reached the recipient, were opened and clicked by a person.
 */
export async function readCampaignFigures(db: Db, campaignId: string): Promise<{ rows: CampaignFigureRow[]; recipients: { variant: string | null; channel: string; n: number }[] }> {
  const byCampaign = sql`metadata->>'campaignId' = ${campaignId}`;
  const [rows, recipients] = await Promise.all([
    sql<CampaignFigureRow>`
      SELECT metadata->>'variant' AS variant, channel, status, error_code, count(*)::int AS n,
             count(*) FILTER (WHERE ${WAS_SENT})::int AS sent,
             count(*) FILTER (WHERE ${WAS_DELIVERED})::int AS delivered,
             count(*) FILTER (WHERE opened_at IS NOT NULL)::int AS opened,
             count(*) FILTER (WHERE clicked_at IS NOT NULL)::int AS clicked
        FROM notification_logs WHERE ${byCampaign}
       GROUP BY 1, 2, 3, 4`.execute(db),
    sql<{ variant: string | null; channel: string; n: number }>`
      SELECT metadata->>'variant' AS variant, channel, count(DISTINCT user_id)::int AS n
        FROM notification_logs WHERE ${byCampaign}
       GROUP BY 1, 2`.execute(db),
  ]);
  return { rows: rows.rows, recipients: recipients.rows };
}
