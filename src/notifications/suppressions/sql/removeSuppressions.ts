import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

export interface RemovalFilter {
  channel: string;
  address: string;
  /** Who or what removes it (recorded in the event). */
  actor: string;
  note?: string | null;
  /** Only a suppression with one of these reasons. */
  reasons?: string[];
  /** Only one the provider reported (or, without a report, that was added) before this time. */
  reportedBefore?: Date;
}

/** Takes an address off the suppression list and writes a `removed` event, in one statement; answers what it removed. */
export async function removeSuppressions(db: Db, filter: RemovalFilter, now = new Date()) {
  const reasons = filter.reasons ? sql`AND reason = ANY(${filter.reasons}::text[])` : sql``;
  const before = filter.reportedBefore ? sql`AND coalesce(reported_at, created_at) < ${filter.reportedBefore}::timestamptz` : sql``;
  const { rows } = await sql<{ channel: string; address: string; reason: string }>`
    WITH removed AS (
      DELETE FROM address_suppressions WHERE channel = ${filter.channel} AND address = ${filter.address} ${reasons} ${before}
      RETURNING channel, address, reason
    )
    INSERT INTO suppression_events (event_id, channel, address, action, reason, actor, note, created_at)
    SELECT gen_random_uuid(), channel, address, 'removed', reason, ${filter.actor}, ${filter.note ?? null}, ${now}::timestamptz FROM removed
    RETURNING channel, address, reason`.execute(db);
  return rows;
}
