import type { Updateable } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { WebhookEndpointsTable } from '../../db/schema.ts';
import type { EndpointRow } from './endpointColumns.ts';

/** Changes an endpoint's columns (its settings, its secrets, its health); undefined when it is gone. */
export async function updateEndpoint(db: Db, endpointId: string, patch: Updateable<WebhookEndpointsTable>): Promise<EndpointRow | undefined> {
  return db
    .updateTable('webhook_endpoints')
    .set({ ...patch, updated_at: new Date() })
    .where('endpoint_id', '=', endpointId)
    .returningAll()
    .executeTakeFirst();
}
