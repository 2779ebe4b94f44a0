import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

export interface MaskedMessageCount {
  conversation_id: string;
  sender_id: string;
  messages: number;
  phone: number;
  email: number;
  link: number;
  last_at: Date;
}

/** Messages whose contact details were hidden from recipients in the last `days`, counted per conversation and sender, most first. */
export async function countMaskedMessages(db: Db, days: number, limit: number): Promise<MaskedMessageCount[]> {
  const { rows } = await sql<MaskedMessageCount>`
    SELECT conversation_id, sender_id, count(*)::int AS messages,
           sum((masking->>'phone')::int)::int AS phone, sum((masking->>'email')::int)::int AS email, sum((masking->>'link')::int)::int AS link,
           max(created_at) AS last_at
      FROM messages
     WHERE masking IS NOT NULL AND created_at >= now() - make_interval(days => ${days})
     GROUP BY conversation_id, sender_id
     ORDER BY count(*) DESC, max(created_at) DESC
     LIMIT ${limit}`.execute(db);
  return rows;
}
