import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/** Marks a flag reviewed by `reviewedBy`, unless it was already; answers whether it did. */
export async function markFlagReviewed(db: Db, flagId: string, reviewedBy: string, note: string | null): Promise<boolean> {
  const updated = await db
    .updateTable('conversation_flags')
    .set({ reviewed_at: sql`now()`, reviewed_by: reviewedBy, review_note: note })
    .where('id', '=', flagId)
    .where('reviewed_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return updated !== undefined;
}
