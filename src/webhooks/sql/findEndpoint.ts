import type { Db } from '../../db/connect.ts';
import type { EndpointRow } from './endpointColumns.ts';

export async function findEndpoint(db: Db, endpointId: string): Promise<EndpointRow | undefined> {
  return db.selectFrom('webhook_endpoints').selectAll().where('endpoint_id', '=', endpointId).executeTakeFirst();
}
