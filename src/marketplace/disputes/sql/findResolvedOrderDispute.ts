import type { Db } from '../../../db/connect.ts';

/** A dispute over the order that was resolved (with or without a refund), if there is one. */
export async function findResolvedOrderDispute(db: Db, orderId: string) {
  return db.selectFrom('disputes').select(['id', 'resolved_at']).where('order_id', '=', orderId).where('resolved_at', 'is not', null).limit(1).executeTakeFirst();
}
