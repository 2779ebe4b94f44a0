import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/**
 * Minutes of [from, to) in which Parley was up, of those it can speak for: from its first
 * heartbeat ever (time before it was installed is not downtime) until the start of the current
 * minute (which is not over). `measured` 0: nothing to measure in the window.
 */
export async function readUptime(db: Db, from: Date, to: Date, now: Date): Promise<{ up: number; measured: number }> {
  const { rows } = await sql<{ up: number; measured: number }>`
    WITH first AS (SELECT min(minute) AS minute FROM service_heartbeats),
    bounds AS (
      SELECT greatest(${from}::timestamptz, first.minute) AS start,
             least(${to}::timestamptz, date_trunc('minute', ${now}::timestamptz)) AS stop
      FROM first WHERE first.minute IS NOT NULL
    )
    SELECT
      (SELECT count(*)::int FROM service_heartbeats, bounds WHERE minute >= date_trunc('minute', bounds.start) AND minute < bounds.stop) AS up,
      coalesce(greatest(0, ceil(extract(epoch FROM (stop - date_trunc('minute', start))) / 60))::int, 0) AS measured
    FROM bounds`.execute(db);
  const row = rows[0];
  return { up: Number(row?.up ?? 0), measured: Number(row?.measured ?? 0) };
}
