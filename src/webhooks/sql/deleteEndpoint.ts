import type { Db } from '../../db/connect.ts';

/** Deletes an endpoint and (by cascade) its delivery log; whether it was there. */
export async function deleteEndpoint(db: Db, endpointId: string): Promise<boolean> {
  const result = await db.deleteFrom('webhook_endpoints').where('endpoint_id', '=', endpointId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
