import { type RawBuilder, sql } from 'kysely';
import type { Segment } from '../audience-types.ts';

/**
 * The WHERE conditions of a segment over `vendor_customers vc`: every filter given must hold,
 * within a list any entry. Channels are the customer's consent to this vendor as it stands
 * (their latest consent-log row per channel grants it); locales are their contact's locale,
 * matched exactly or on its language ('de' takes de-AT).
 */
export function segmentConditions(vendorId: string, s: Segment): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`vc.vendor_id = ${vendorId}`];
  if (s.productIds?.length) parts.push(sql`vc.product_ids && ${s.productIds}::text[]`);
  if (s.categories?.length) parts.push(sql`vc.categories && ${s.categories}::text[]`);
  if (s.lastOrderAfter !== undefined) parts.push(sql`vc.last_order_at >= ${s.lastOrderAfter}::timestamptz`);
  if (s.lastOrderBefore !== undefined) parts.push(sql`vc.last_order_at < ${s.lastOrderBefore}::timestamptz`);
  if (s.minOrders !== undefined) parts.push(sql`vc.order_count >= ${s.minOrders}::integer`);
  if (s.maxOrders !== undefined) parts.push(sql`vc.order_count <= ${s.maxOrders}::integer`);
  if (s.minSpend !== undefined) parts.push(sql`vc.spend >= ${String(s.minSpend)}::numeric`);
  if (s.maxSpend !== undefined) parts.push(sql`vc.spend <= ${String(s.maxSpend)}::numeric`);
  if (s.channels?.length) {
    parts.push(sql`EXISTS (
      SELECT 1 FROM (
        SELECT DISTINCT ON (pc.channel) pc.granted
          FROM promotional_consents pc
         WHERE pc.vendor_id = ${vendorId} AND pc.user_id = vc.user_id AND pc.channel = ANY(${s.channels}::text[])
         ORDER BY pc.channel, pc.recorded_at DESC, pc.consent_id DESC) AS latest
       WHERE latest.granted)`);
  }
  if (s.locales?.length) {
    const wanted = s.locales.map((l) => l.toLowerCase());
    parts.push(sql`EXISTS (
      SELECT 1 FROM user_contacts uc
       WHERE uc.user_id = vc.user_id
         AND (lower(uc.locale) = ANY(${wanted}::text[]) OR lower(split_part(uc.locale, '-', 1)) = ANY(${wanted}::text[])))`);
  }
  return sql.join(parts, sql` AND `);
}
