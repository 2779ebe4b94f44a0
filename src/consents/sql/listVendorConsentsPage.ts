import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

export interface VendorConsentRow {
  user_id: string;
  channel: string;
  source: string;
  text_shown: string | null;
  recorded_at: Date;
}

/**
 * A page of the people who currently consent to a vendor's promotions (their latest row for the
 * vendor and channel grants it), by user id and channel, after the cursor's pair. `limit + 1`
 * rows are read so the caller knows whether a next page exists.
 */
export async function listVendorConsentsPage(
  db: Db,
  vendorId: string,
  options: { channel?: string; after?: { userId: string; channel: string }; limit: number },
): Promise<VendorConsentRow[]> {
  const result = await sql<VendorConsentRow>`
    SELECT user_id, channel, source, text_shown, recorded_at FROM (
      SELECT DISTINCT ON (user_id, channel) user_id, channel, granted, source, text_shown, recorded_at
        FROM promotional_consents
       WHERE vendor_id = ${vendorId}
         ${options.channel === undefined ? sql`` : sql`AND channel = ${options.channel}`}
         ${options.after === undefined ? sql`` : sql`AND (user_id, channel) > (${options.after.userId}, ${options.after.channel})`}
       ORDER BY user_id, channel, recorded_at DESC, consent_id DESC) AS latest
     WHERE granted
     ORDER BY user_id, channel
     LIMIT ${options.limit + 1}`.execute(db);
  return result.rows;
}
