import type { Db } from '../../../db/connect.ts';

/** The delivery a provider event is about: by our delivery id, else by the provider's message id. */
export async function findTrackedDelivery(db: Db, channel: 'email' | 'sms' | 'whatsapp', ids: { deliveryId?: string; externalId?: string }) {
  const columns = ['log_id', 'status', 'user_id', 'recipient', 'provider', 'created_at', 'external_message_id'] as const;
  let row;
  if (ids.deliveryId) row = await db.selectFrom('notification_logs').select(columns).where('log_id', '=', ids.deliveryId).where('channel', '=', channel).executeTakeFirst();
  if (!row && ids.externalId) row = await db.selectFrom('notification_logs').select(columns).where('external_message_id', '=', ids.externalId).where('channel', '=', channel).executeTakeFirst();
  return row;
}
