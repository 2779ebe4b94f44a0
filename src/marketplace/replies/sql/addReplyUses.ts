import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/**
 * Adds uses to templates or quick replies and moves their last use forward, only where the
 * sender is the row's seller; resolves with how many rows changed.
 */
export async function addReplyUses(
  db: Db,
  table: 'message_templates' | 'quick_replies',
  uses: readonly { id: string; senderId: string; uses: number; lastAt: string }[],
): Promise<number> {
  const result = await sql`
      UPDATE ${sql.table(table)} AS t
         SET usage_count = t.usage_count + u.uses,
             last_used_at = GREATEST(t.last_used_at, u.last_at)
        FROM unnest(${uses.map((u) => u.id)}::uuid[], ${uses.map((u) => u.senderId)}::text[],
                    ${uses.map((u) => u.uses)}::int[], ${uses.map((u) => u.lastAt)}::timestamptz[]) AS u(id, sender_id, uses, last_at)
       WHERE t.id = u.id AND t.seller_id = u.sender_id`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
