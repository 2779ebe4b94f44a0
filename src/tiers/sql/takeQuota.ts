import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { QUOTA_KINDS, type QuotaKind, type TierLimits } from '../tier-settings.ts';

export interface TakeResult {
  /** false: the month's rows do not exist yet (openQuotaMonth, then take again); nothing was taken. */
  opened: boolean;
  granted: number;
  /** Used per kind after the take. */
  used: Record<QuotaKind, number>;
}

/**
 * Takes `count` units of each kind asked from a vendor's month, in one statement: it locks the
 * month's rows (every kind, in a fixed order, so two takes never wait on each other in a circle),
 * reads what they hold as committed (a concurrent take that committed first is seen), decides
 * the grant against the limits, and raises the asked kinds by it. All or nothing; with `upTo`,
 * the largest count that fits every kind asked (maybe 0). A null limit is unlimited.
 */
export async function takeQuota(db: Db, vendorId: string, month: string, kinds: QuotaKind[], count: number, limits: TierLimits, upTo: boolean): Promise<TakeResult> {
  const wanted = sql.join(QUOTA_KINDS.map((kind) => sql`(${kind}::text, CAST(${limits[kind]} AS integer), ${kinds.includes(kind)}::boolean)`));
  const { rows } = await sql<{ kind: QuotaKind; used: number; granted: number; found: number }>`
    WITH wanted (kind, lim, asked) AS (VALUES ${wanted}),
    current AS (
      SELECT u.kind, u.used FROM vendor_quota_usage u
       WHERE u.vendor_id = ${vendorId} AND u.month = ${month}
       ORDER BY u.kind
       FOR UPDATE
    ),
    decision AS (
      SELECT count(*)::int AS found,
             min(w.lim - c.used) FILTER (WHERE w.asked AND w.lim IS NOT NULL) AS room
        FROM current c JOIN wanted w ON w.kind = c.kind
    ),
    grant_ AS (
      SELECT found, CASE
               WHEN found < ${QUOTA_KINDS.length} THEN 0
               WHEN ${upTo}::boolean THEN LEAST(${count}::int, GREATEST(0, COALESCE(room, ${count}::int)))
               WHEN room IS NULL OR room >= ${count}::int THEN ${count}::int
               ELSE 0
             END AS granted
        FROM decision
    ),
    raised AS (
      UPDATE vendor_quota_usage u SET used = u.used + g.granted
        FROM grant_ g, wanted w
       WHERE u.vendor_id = ${vendorId} AND u.month = ${month} AND u.kind = w.kind AND w.asked AND g.granted > 0
      RETURNING u.kind, u.used
    )
    SELECT c.kind, COALESCE(r.used, c.used)::int AS used, g.granted::int AS granted, g.found::int AS found
      FROM grant_ g LEFT JOIN current c ON true LEFT JOIN raised r ON r.kind = c.kind
  `.execute(db);
  const first = rows[0];
  const used = { email: 0, sms: 0, bulk: 0 } as Record<QuotaKind, number>;
  for (const r of rows) if (r.kind) used[r.kind] = Number(r.used);
  return { opened: Number(first?.found ?? 0) >= QUOTA_KINDS.length, granted: Number(first?.granted ?? 0), used };
}
