import type { Db } from '../../../db/connect.ts';

/** A dispute's row, if there is one. */
export async function findDispute(db: Db, disputeId: string) {
  return db.selectFrom('disputes').selectAll().where('id', '=', disputeId).executeTakeFirst();
}
