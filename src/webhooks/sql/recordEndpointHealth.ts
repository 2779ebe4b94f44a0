import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/** A delivered attempt: the endpoint is not failing (any more). */
export async function recordEndpointSuccess(db: Db, endpointId: string): Promise<void> {
  await db.updateTable('webhook_endpoints').set({ failing_since: null }).where('endpoint_id', '=', endpointId).where('failing_since', 'is not', null).execute();
}

/**
 * A failed attempt: the endpoint is failing since its first failure after the last success;
 * failing for `disableAfterSeconds` disables it, in the same statement. Answers the endpoint
 * when this very call disabled it (so that its owner is told once), otherwise undefined.
 */
export async function recordEndpointFailure(db: Db, endpointId: string, disableAfterSeconds: number): Promise<{ endpoint_id: string; seller_id: string | null; created_by: string; url: string; failing_since: Date } | undefined> {
  const result = await sql<{ endpoint_id: string; seller_id: string | null; created_by: string; url: string; failing_since: Date; disabled_now: boolean }>`
    WITH old AS (
      SELECT endpoint_id, enabled, COALESCE(failing_since, now()) AS since FROM webhook_endpoints WHERE endpoint_id = ${endpointId} FOR UPDATE
    ), verdict AS (
      SELECT endpoint_id, since, enabled AND since <= now() - make_interval(secs => ${disableAfterSeconds}) AS disable FROM old
    )
    UPDATE webhook_endpoints e
    SET failing_since = verdict.since,
        enabled = CASE WHEN verdict.disable THEN false ELSE e.enabled END,
        disabled_reason = CASE WHEN verdict.disable THEN 'failing' ELSE e.disabled_reason END,
        disabled_at = CASE WHEN verdict.disable THEN now() ELSE e.disabled_at END,
        updated_at = CASE WHEN verdict.disable THEN now() ELSE e.updated_at END
    FROM verdict
    WHERE e.endpoint_id = verdict.endpoint_id
    RETURNING e.endpoint_id, e.seller_id, e.created_by, e.url, e.failing_since, verdict.disable AS disabled_now
  `.execute(db);
  const row = result.rows[0];
  return row?.disabled_now ? row : undefined;
}
