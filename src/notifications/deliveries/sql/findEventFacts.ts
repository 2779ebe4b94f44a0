import type { Db } from '../../../db/connect.ts';

/** What a notification event tells about its delivery, read inside the transaction that changed it. */
export interface DeliveryEventFacts {
  log_id: string;
  request_id: string;
  user_id: string;
  channel: string;
  notification_type: string;
  status: string;
  error_code: string | null;
  error_message: string | null;
  vendor_id: string | null;
}

export async function findEventFacts(db: Db, logIds: string[]): Promise<DeliveryEventFacts[]> {
  if (logIds.length === 0) return [];
  return db
    .selectFrom('notification_logs')
    .select(['log_id', 'request_id', 'user_id', 'channel', 'notification_type', 'status', 'error_code', 'error_message'])
    .select((eb) => eb.ref('metadata', '->>').key('vendorId' as never).as('vendor_id'))
    .where('log_id', 'in', logIds)
    .execute() as Promise<DeliveryEventFacts[]>;
}
