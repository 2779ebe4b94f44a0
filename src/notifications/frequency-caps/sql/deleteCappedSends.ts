import type { Db } from '../../../db/connect.ts';

/** Erasure: a person's counted sends go (they are counters, not a record anyone else needs). Rows deleted. */
export async function deleteCappedSends(db: Db, userId: string): Promise<number> {
  const result = await db.deleteFrom('notification_capped_sends').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
