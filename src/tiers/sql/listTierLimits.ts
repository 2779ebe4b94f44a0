import type { Db } from '../../db/connect.ts';

/** The operator's changes to the tiers' limits (PUT /tiers/{tier}), by tier. */
export async function listTierLimits(db: Db): Promise<Array<{ tier: string; limits: unknown; updated_at: Date }>> {
  const rows = await db.selectFrom('tier_limits').selectAll().orderBy('tier').execute();
  return rows.map((r) => ({ ...r, updated_at: new Date(r.updated_at) }));
}
