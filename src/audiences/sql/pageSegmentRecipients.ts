import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Segment } from '../audience-types.ts';
import { segmentConditions } from './segmentConditions.ts';

export interface RecipientRow {
  user_id: string;
  locale: string | null;
  email: string | null;
  phone_number: string | null;
  opted_in: string[];
}

/**
 * A page of a segment's customers by user id, after `afterUserId`: how each is reached (their
 * contact) and the channels they opt in to for this vendor as things stand, in one read.
 */
export async function pageSegmentRecipients(db: Db, vendorId: string, segment: Segment, page: { afterUserId?: string; limit: number }): Promise<RecipientRow[]> {
  const result = await sql<RecipientRow>`
    SELECT vc.user_id, uc.locale, uc.email, uc.phone_number,
           coalesce((SELECT array_agg(l.channel ORDER BY l.channel)::text[] FROM (
                       SELECT DISTINCT ON (pc.channel) pc.channel, pc.granted
                         FROM promotional_consents pc
                        WHERE pc.vendor_id = ${vendorId} AND pc.user_id = vc.user_id
                        ORDER BY pc.channel, pc.recorded_at DESC, pc.consent_id DESC) AS l
                      WHERE l.granted), '{}'::text[]) AS opted_in
      FROM vendor_customers vc
      LEFT JOIN user_contacts uc ON uc.user_id = vc.user_id
     WHERE ${segmentConditions(vendorId, segment)}
       ${page.afterUserId === undefined ? sql`` : sql`AND vc.user_id > ${page.afterUserId}`}
     ORDER BY vc.user_id
     LIMIT ${page.limit}`.execute(db);
  return result.rows;
}
