import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/**
 * The endpoints that take any of these event types: the marketplace's, and the named sellers'.
 * Disabled endpoints are included: their deliveries wait until they are enabled again.
 */
export async function findSubscribedEndpoints(db: Db, types: string[], sellerIds: string[]): Promise<{ endpoint_id: string; seller_id: string | null; event_types: string[] }[]> {
  return db
    .selectFrom('webhook_endpoints')
    .select(['endpoint_id', 'seller_id', 'event_types'])
    .where((eb) => eb.or([eb('seller_id', 'is', null), ...(sellerIds.length ? [eb('seller_id', 'in', sellerIds)] : [])]))
    .where(sql<boolean>`event_types && ${types}::text[]`)
    .execute();
}
