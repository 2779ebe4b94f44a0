import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/**
 * The messages these users wrote themselves (not automated, not deleted) since `since`, counted
 * per user and hour (the hour's UTC start). One statement over messages_sender_created.
 */
export async function listMessageHours(db: Db, userIds: readonly string[], since: Date): Promise<{ userId: string; hourStart: Date; events: number }[]> {
  if (userIds.length === 0) return [];
  const { rows } = await sql<{ sender_id: string; hour: number; events: number }>`
    SELECT sender_id, floor(extract(epoch FROM created_at) / 3600)::int AS hour, count(*)::int AS events
      FROM messages
     WHERE sender_id = ANY(${userIds}::text[]) AND created_at >= ${since} AND deleted_at IS NULL AND NOT is_automated
     GROUP BY sender_id, hour`.execute(db);
  return rows.map((r) => ({ userId: r.sender_id, hourStart: new Date(Number(r.hour) * 3_600_000), events: Number(r.events) }));
}
