import type { Db } from '../../../db/connect.ts';
import { DELIVERED_STATUSES } from '../delivery-types.ts';

/** The fallback steps of these requests that were delivered, by request id. */
export async function findDeliveredSteps(db: Db, requestIds: string[]): Promise<Map<string, number[]>> {
  const steps = new Map<string, number[]>();
  if (!requestIds.length) return steps;
  const rows = await db.selectFrom('notification_logs').select(['request_id', 'step']).where('request_id', 'in', requestIds).where('status', 'in', DELIVERED_STATUSES).execute();
  for (const r of rows) steps.set(r.request_id, [...(steps.get(r.request_id) ?? []), r.step]);
  return steps;
}
