import type { Db } from '../../db/connect.ts';
import type { EndpointRow } from './endpointColumns.ts';

/** Endpoints, oldest first: a seller's own (sellerId), or every one (undefined). */
export async function listEndpoints(db: Db, sellerId: string | undefined): Promise<EndpointRow[]> {
  let query = db.selectFrom('webhook_endpoints').selectAll();
  if (sellerId !== undefined) query = query.where('seller_id', '=', sellerId);
  return query.orderBy('created_at').orderBy('endpoint_id').limit(500).execute();
}
