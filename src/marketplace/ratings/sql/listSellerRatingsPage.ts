import type { Db } from '../../../db/connect.ts';

/** A page of a seller's ratings (every seller's when sellerId is null), newest first, after the cursor's (rated_at, order_id). */
export async function listSellerRatingsPage(db: Db, q: { sellerId: string | null; after?: [Date, string]; limit: number }) {
  let query = db
    .selectFrom('order_ratings')
    .select(['order_id', 'conversation_id', 'seller_id', 'rating', 'comment', 'rated_at', 'requested_because'])
    .where('rated_at', 'is not', null);
  if (q.sellerId !== null) query = query.where('seller_id', '=', q.sellerId);
  if (q.after) {
    const [at, orderId] = q.after;
    query = query.where((eb) => eb.or([eb('rated_at', '<', at), eb.and([eb('rated_at', '=', at), eb('order_id', '<', orderId)])]));
  }
  return query.orderBy('rated_at', 'desc').orderBy('order_id', 'desc').limit(q.limit + 1).execute();
}
