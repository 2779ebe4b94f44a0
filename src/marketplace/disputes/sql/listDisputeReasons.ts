import type { Db } from '../../../db/connect.ts';

/** The reasons a person wrote when they opened disputes (erasure scrubs them wherever they were quoted). */
export async function listDisputeReasons(db: Db, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('disputes').select('reason').where('opened_by', '=', userId).execute();
  return rows.map((r) => r.reason);
}
