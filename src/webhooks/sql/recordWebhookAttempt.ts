import type { Db } from '../../db/connect.ts';

/** What one attempt came to: delivered, due again at `nextAttemptAt`, or failed for good. */
export interface AttemptOutcome {
  deliveryId: string;
  status: 'delivered' | 'pending' | 'failed';
  nextAttemptAt: Date | null;
  httpStatus: number | null;
  error: string | null;
  detail: string | null;
}

export async function recordWebhookAttempt(db: Db, o: AttemptOutcome): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({
      status: o.status,
      next_attempt_at: o.nextAttemptAt,
      last_status: o.httpStatus,
      last_error: o.error,
      last_detail: o.detail?.slice(0, 500) ?? null,
      delivered_at: o.status === 'delivered' ? new Date() : null,
    })
    .where('delivery_id', '=', o.deliveryId)
    .execute();
}
