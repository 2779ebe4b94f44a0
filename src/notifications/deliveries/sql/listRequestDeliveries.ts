import type { Db } from '../../../db/connect.ts';

/** Every delivery of one notification request, in channel (step) order. */
export async function listRequestDeliveries(db: Db, requestId: string) {
  return db.selectFrom('notification_logs').selectAll().where('request_id', '=', requestId).orderBy('step').orderBy('log_id').execute();
}
