import { type Selectable, sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { MarketplaceOrdersTable } from '../../db/schema.ts';

/**
 * A page of order conversations ("my orders"), most recent activity first, each with its order,
 * its latest dispute, its participants and the caller's own row. `userId` with `everyone` false
 * keeps the caller's conversations (optionally as buyer or seller, or unread only); an
 * operator (`everyone`) sees every order. Answers up to `limit + 1` rows.
 */
export async function listOrderConversationsPage(
  db: Db,
  query: { userId: string; everyone: boolean; as?: 'buyer' | 'seller'; unread?: boolean; status?: string; orderId?: string; after?: [Date, string]; limit: number },
) {
  const activity = sql<Date>`date_trunc('milliseconds', coalesce(c.last_message_at, c.created_at))`;
  let q = db
    .selectFrom('conversations as c')
    .leftJoin('marketplace_orders as o', 'o.order_id', 'c.order_id')
    .select([
      'c.id',
      'c.order_id',
      'c.last_message_at',
      'c.last_message_seq',
      'c.created_at',
      'c.context_metadata',
      activity.as('activity_at'),
      // Timestamps come back as text this way; orderView reads either.
      sql<Selectable<MarketplaceOrdersTable> | null>`to_jsonb(o)`.as('order'),
      sql<{ disputeId: string; status: string } | null>`(SELECT json_build_object('disputeId', d.id, 'status', d.status) FROM disputes d
                WHERE d.conversation_id = c.id ORDER BY d.opened_at DESC LIMIT 1)`.as('dispute'),
      sql<{ userId: string; role: string }[]>`(SELECT json_agg(json_build_object('userId', a.user_id, 'role', a.role) ORDER BY a.joined_at, a.role, a.user_id)
                FROM conversation_participants a WHERE a.conversation_id = c.id AND a.role <> 'system')`.as('participants'),
    ])
    // The caller's own row: required for users; an operator is in none and sees every order.
    .leftJoin('conversation_participants as p', (j) => j.onRef('p.conversation_id', '=', 'c.id').on('p.user_id', '=', query.userId))
    .select(['p.unread_count', 'p.role'])
    .where('c.conversation_type', '=', 'order');
  if (!query.everyone) {
    q = q.where('p.user_id', 'is not', null);
    if (query.as) q = q.where('p.role', '=', query.as);
    if (query.unread) q = q.where('p.unread_count', '>', 0);
  }
  if (query.status) q = q.where('o.status', '=', query.status);
  if (query.orderId) q = q.where('c.order_id', '=', query.orderId);
  if (query.after) {
    const [at, id] = query.after;
    q = q.where((eb) => eb.or([eb(activity, '<', at), eb.and([eb(activity, '=', at), eb('c.id', '<', id)])]));
  }
  return q.orderBy(activity, 'desc').orderBy('c.id', 'desc').limit(query.limit + 1).execute();
}
