import type { Db } from '../../db/connect.ts';
import { v7 } from '../../uuid.ts';
import type { ConsentChange, ConsentRecord } from '../consent-shapes.ts';

/** Appends consent changes to the log, in one statement; answers them as recorded. */
export async function insertConsents(db: Db, changes: ConsentChange[], now = new Date()): Promise<ConsentRecord[]> {
  if (changes.length === 0) return [];
  const rows = await db
    .insertInto('promotional_consents')
    .values(
      // Ids ordered as the changes were given (a v7 id's time part, a millisecond apart), so the
      // log reads back in that order when several are recorded at once.
      changes.map((c, i) => ({
        consent_id: v7(now.getTime() + i),
        user_id: c.userId,
        vendor_id: c.vendorId ?? null,
        channel: c.channel,
        granted: c.granted,
        source: c.source,
        text_shown: c.textShown ?? null,
        ip_address: c.ipAddress ?? null,
        user_agent: c.userAgent ?? null,
        recorded_at: now,
      })),
    )
    .returningAll()
    .execute();
  return rows.map(toRecord);
}

export function toRecord(r: {
  consent_id: string;
  user_id: string;
  vendor_id: string | null;
  channel: string;
  granted: boolean;
  source: string;
  text_shown: string | null;
  ip_address: string | null;
  user_agent: string | null;
  recorded_at: Date | string;
}): ConsentRecord {
  return {
    consentId: r.consent_id,
    userId: r.user_id,
    vendorId: r.vendor_id,
    channel: r.channel,
    granted: r.granted,
    source: r.source,
    textShown: r.text_shown,
    ipAddress: r.ip_address,
    userAgent: r.user_agent,
    recordedAt: new Date(r.recorded_at).toISOString(),
  };
}
