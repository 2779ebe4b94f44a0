import type { Db } from '../../db/connect.ts';
import type { CampaignRow } from './campaignRow.ts';

/** The vendor's campaign created with this idempotency key, if any. */
export async function findCampaignByKey(db: Db, vendorId: string, idempotencyKey: string): Promise<CampaignRow | undefined> {
  return db.selectFrom('campaigns').selectAll().where('vendor_id', '=', vendorId).where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
}
