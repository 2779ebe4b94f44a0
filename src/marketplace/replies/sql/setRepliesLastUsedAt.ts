import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/** Sets when each seller last used each of their templates or quick replies. */
export async function setRepliesLastUsedAt(
  db: Db,
  table: 'message_templates' | 'quick_replies',
  uses: readonly { replyId: string; sellerId: string; lastAt: Date }[],
): Promise<void> {
  if (uses.length === 0) return;
  await sql`
    UPDATE ${sql.table(table)} t SET last_used_at = v.last_at
      FROM unnest(${uses.map((u) => u.replyId)}::text[], ${uses.map((u) => u.sellerId)}::text[], ${uses.map((u) => u.lastAt.toISOString())}::timestamptz[])
           AS v(reply_id, seller_id, last_at)
     WHERE t.id::text = v.reply_id AND t.seller_id = v.seller_id`.execute(db);
}
