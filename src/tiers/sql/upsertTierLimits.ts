import type { Db } from '../../db/connect.ts';

/** Stores a tier's limits as the operator set them (by kind; null: unlimited). */
export async function upsertTierLimits(db: Db, tier: string, limits: Record<string, number | null>, now = new Date()): Promise<void> {
  await db
    .insertInto('tier_limits')
    .values({ tier, limits: JSON.stringify(limits), updated_at: now })
    .onConflict((oc) => oc.column('tier').doUpdateSet({ limits: JSON.stringify(limits), updated_at: now }))
    .execute();
}
