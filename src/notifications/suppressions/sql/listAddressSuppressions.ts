import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/** The suppressions of these (channel, address) pairs, with why and when (a personal-data export shows them). */
export async function listAddressSuppressions(db: Db, pairs: { channel: string; address: string }[]) {
  if (!pairs.length) return [];
  const { rows } = await sql<{
    channel: string;
    address: string;
    reason: string;
    added_by: string | null;
    note: string | null;
    log_id: string | null;
    reported_at: Date | null;
    created_at: Date;
  }>`
            SELECT s.channel, s.address, s.reason, s.added_by, s.note, s.log_id, s.reported_at, s.created_at FROM address_suppressions s
            JOIN unnest(${pairs.map((r) => r.channel)}::text[], ${pairs.map((r) => r.address)}::text[]) AS a(channel, address)
              ON s.channel = a.channel AND s.address = a.address
            ORDER BY s.created_at`.execute(db);
  return rows;
}
