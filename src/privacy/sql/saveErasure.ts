import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { ErasureRow } from './findErasures.ts';

/**
 * Records an erasure run: a new record, or one more run of an existing one (counts added,
 * files still to remove appended). Answers the record as it stands.
 */
export async function saveErasure(
  db: Db,
  run: { erasureId: string; userKey: string; pseudonym: string; requestedByRole: string; requestedBy: string | null; counts: Record<string, number>; files: string[]; at: Date },
): Promise<ErasureRow> {
  return db
    .insertInto('user_erasures')
    .values({
      erasure_id: run.erasureId,
      user_key: run.userKey,
      pseudonym: run.pseudonym,
      requested_by_role: run.requestedByRole,
      requested_by: run.requestedBy,
      requested_at: run.at,
      last_run_at: run.at,
      counts: JSON.stringify(run.counts),
      pending_files: run.files,
    })
    .onConflict((oc) =>
      oc.column('user_key').doUpdateSet({
        runs: sql`user_erasures.runs + 1`,
        last_run_at: run.at,
        counts: sql`(SELECT coalesce(jsonb_object_agg(k, coalesce((user_erasures.counts ->> k)::int, 0) + coalesce((EXCLUDED.counts ->> k)::int, 0)), '{}'::jsonb)
                       FROM (SELECT jsonb_object_keys(user_erasures.counts) UNION SELECT jsonb_object_keys(EXCLUDED.counts)) AS keys(k))`,
        pending_files: sql`user_erasures.pending_files || EXCLUDED.pending_files`,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}
