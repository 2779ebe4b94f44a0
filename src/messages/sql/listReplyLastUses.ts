import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/**
 * For the seller replies (templates or quick replies, by the metadata key that names them) that
 * these messages used: when each sender last used each of them, over all their messages.
 */
export async function listReplyLastUses(
  db: Db,
  messageIds: readonly string[],
  key: 'templateId' | 'quickReplyId',
): Promise<{ replyId: string; senderId: string; lastAt: Date }[]> {
  if (messageIds.length === 0) return [];
  const { rows } = await sql<{ reply_id: string; sender_id: string; last_at: Date }>`
    SELECT m.metadata->>${key} AS reply_id, m.sender_id, max(m.created_at) AS last_at
      FROM messages m
     WHERE m.metadata->>${key} IN (SELECT u.metadata->>${key} FROM messages u WHERE u.id = ANY(${messageIds}::uuid[]) AND u.metadata->>${key} IS NOT NULL)
     GROUP BY 1, 2`.execute(db);
  return rows.map((r) => ({ replyId: r.reply_id, senderId: r.sender_id, lastAt: new Date(r.last_at) }));
}
