import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/** Notes attachment files as removed from disk: they leave the erasure's list of files still to remove. */
export async function clearPendingFiles(db: Db, erasureId: string, removed: string[]): Promise<void> {
  if (removed.length === 0) return;
  await sql`
    UPDATE user_erasures
       SET pending_files = ARRAY(SELECT f FROM unnest(pending_files) AS f WHERE NOT (f = ANY(${removed}::text[])))
     WHERE erasure_id = ${erasureId}`.execute(db);
}
