import type { Db } from '../../db/connect.ts';

/**
 * Consents given and withdrawn in [from, to), per channel and source: the opt-out figures
 * (withdrawals by unsubscribe, SMS STOP or the preference page). With `vendorId`, one vendor's.
 */
export async function countConsentChanges(
  db: Db,
  range: { from: Date; to: Date; vendorId?: string; channel?: string },
): Promise<{ channel: string; source: string; granted: boolean; count: number }[]> {
  let query = db
    .selectFrom('promotional_consents')
    .select(['channel', 'source', 'granted', db.fn.countAll<string>().as('count')])
    .where('recorded_at', '>=', range.from)
    .where('recorded_at', '<', range.to);
  if (range.vendorId !== undefined) query = query.where('vendor_id', '=', range.vendorId);
  if (range.channel !== undefined) query = query.where('channel', '=', range.channel);
  const rows = await query.groupBy(['channel', 'source', 'granted']).execute();
  return rows.map((r) => ({ channel: r.channel, source: r.source, granted: r.granted, count: Number(r.count) }));
}
