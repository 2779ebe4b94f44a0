import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

export interface SuppressionEntry {
  channel: string;
  address: string;
  reason: string;
  /** Who or what adds it: an operator's user id, provider:<name>, sms:<provider>, job:<name>. */
  actor: string;
  note?: string | null;
  logId?: string | null;
  /** When the provider says the address stopped working (APNs's 410 timestamp). */
  reportedAt?: Date | null;
}

/**
 * Adds addresses to the suppression list and writes an `added` event for each one it changed,
 * in one statement. An address already on the list is kept as it is, unless `replace` is set
 * and its reason differs (a number that hard-bounced, then texted STOP, is held for STOP).
 * Answers the entries it changed.
 */
export async function addSuppressions(db: Db, entries: SuppressionEntry[], replace = false, now = new Date()) {
  const unique = [...new Map(entries.map((e) => [`${e.channel}\n${e.address}`, e])).values()];
  if (!unique.length) return [];
  const conflict = replace
    ? sql`ON CONFLICT (channel, address) DO UPDATE SET reason = excluded.reason, added_by = excluded.added_by, note = excluded.note,
            log_id = excluded.log_id, reported_at = excluded.reported_at, created_at = excluded.created_at
          WHERE address_suppressions.reason <> excluded.reason`
    : sql`ON CONFLICT (channel, address) DO NOTHING`;
  const { rows } = await sql<{ channel: string; address: string; reason: string; created_at: Date }>`
    WITH input AS (
      SELECT * FROM unnest(${unique.map((e) => e.channel)}::text[], ${unique.map((e) => e.address)}::text[], ${unique.map((e) => e.reason)}::text[],
                           ${unique.map((e) => e.actor)}::text[], ${unique.map((e) => e.note ?? null)}::text[], ${unique.map((e) => e.logId ?? null)}::uuid[],
                           ${unique.map((e) => e.reportedAt ?? null)}::timestamptz[])
        AS i(channel, address, reason, actor, note, log_id, reported_at)
    ), added AS (
      INSERT INTO address_suppressions (channel, address, reason, log_id, added_by, note, reported_at, created_at)
      SELECT channel, address, reason, log_id, actor, note, reported_at, ${now}::timestamptz FROM input
      ${conflict}
      RETURNING channel, address, reason, added_by, note, created_at
    )
    INSERT INTO suppression_events (event_id, channel, address, action, reason, actor, note, created_at)
    SELECT gen_random_uuid(), channel, address, 'added', reason, added_by, note, created_at FROM added
    RETURNING channel, address, reason, created_at`.execute(db);
  return rows;
}
