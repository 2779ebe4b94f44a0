import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/** How many unresolved disputes each of these moderators has (those with none are not listed). */
export async function countUnresolvedByModerator(db: Db, moderators: string[]) {
  const { rows } = await sql<{ moderator_id: string; n: number }>`
      SELECT moderator_id, count(*)::int AS n FROM disputes
       WHERE moderator_id = ANY(${moderators}::text[]) AND status IN ('open', 'awaiting_seller', 'awaiting_buyer', 'under_review')
       GROUP BY moderator_id`.execute(db);
  return rows;
}
