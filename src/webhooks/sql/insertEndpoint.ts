import type { Db } from '../../db/connect.ts';
import type { EndpointRow } from './endpointColumns.ts';

export async function insertEndpoint(
  db: Db,
  e: { endpointId: string; sellerId: string | null; url: string; description: string | null; eventTypes: string[]; secret: string; createdBy: string },
): Promise<EndpointRow> {
  return db
    .insertInto('webhook_endpoints')
    .values({
      endpoint_id: e.endpointId,
      seller_id: e.sellerId,
      url: e.url,
      description: e.description,
      event_types: e.eventTypes,
      secret: e.secret,
      previous_secret: null,
      previous_secret_expires_at: null,
      disabled_reason: null,
      disabled_at: null,
      failing_since: null,
      created_by: e.createdBy,
      created_at: new Date(),
      updated_at: new Date(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
