import type { Db } from '../../db/connect.ts';

export interface DeliveryLogRow {
  delivery_id: string;
  event_id: string;
  event_type: string;
  status: string;
  attempts: number;
  next_attempt_at: Date | null;
  last_attempt_at: Date | null;
  last_status: number | null;
  last_error: string | null;
  last_detail: string | null;
  created_at: Date;
  delivered_at: Date | null;
}

/** An endpoint's delivery log, newest first, keyset-paged by (created_at, delivery_id). */
export async function listEndpointDeliveries(
  db: Db,
  endpointId: string,
  q: { status?: string; before?: { createdAt: Date; deliveryId: string }; limit: number },
): Promise<DeliveryLogRow[]> {
  let query = db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_events as ev', 'ev.event_id', 'd.event_id')
    .select(['d.delivery_id', 'd.event_id', 'ev.event_type', 'd.status', 'd.attempts', 'd.next_attempt_at', 'd.last_attempt_at', 'd.last_status', 'd.last_error', 'd.last_detail', 'd.created_at', 'd.delivered_at'])
    .where('d.endpoint_id', '=', endpointId);
  if (q.status) query = query.where('d.status', '=', q.status);
  if (q.before) {
    const { createdAt, deliveryId } = q.before;
    query = query.where((eb) => eb.or([eb('d.created_at', '<', createdAt), eb.and([eb('d.created_at', '=', createdAt), eb('d.delivery_id', '<', deliveryId)])]));
  }
  return query.orderBy('d.created_at', 'desc').orderBy('d.delivery_id', 'desc').limit(q.limit).execute() as Promise<DeliveryLogRow[]>;
}
