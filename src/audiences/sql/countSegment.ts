import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Segment } from '../audience-types.ts';
import { segmentConditions } from './segmentConditions.ts';

/**
 * A segment's size, and how many of it opt in to the vendor's promotions per channel as things
 * stand, counted in one statement (no recipient leaves the database). Channel null: the total.
 */
export async function countSegment(db: Db, vendorId: string, segment: Segment): Promise<{ channel: string | null; n: number }[]> {
  const result = await sql<{ channel: string | null; n: string }>`
    WITH seg AS (SELECT vc.user_id FROM vendor_customers vc WHERE ${segmentConditions(vendorId, segment)}),
    latest AS (
      SELECT DISTINCT ON (pc.user_id, pc.channel) pc.channel, pc.granted
        FROM promotional_consents pc JOIN seg ON seg.user_id = pc.user_id
       WHERE pc.vendor_id = ${vendorId}
       ORDER BY pc.user_id, pc.channel, pc.recorded_at DESC, pc.consent_id DESC)
    SELECT NULL::text AS channel, count(*) AS n FROM seg
    UNION ALL
    SELECT channel::text, count(*) AS n FROM latest WHERE granted GROUP BY channel`.execute(db);
  return result.rows.map((r) => ({ channel: r.channel, n: Number(r.n) }));
}
