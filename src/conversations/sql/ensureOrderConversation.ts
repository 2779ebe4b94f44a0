import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/**
 * The conversation of an order, created with its buyer and seller if there is none yet;
 * `context` is merged into its context_metadata. Run inside the caller's transaction. Answers
 * its id and whether it was new.
 */
export async function ensureOrderConversation(
  trx: Db,
  orderId: string,
  buyerId: string,
  sellerId: string,
  context: Record<string, unknown>,
  createdBy: string,
): Promise<{ conversationId: string; created: boolean }> {
  const inserted = await sql<{ id: string }>`
    INSERT INTO conversations (id, conversation_type, order_id, context_metadata, is_automated, created_by)
    VALUES (${randomUUID()}, 'order', ${orderId}, ${JSON.stringify(context)}::jsonb, true, ${createdBy})
    ON CONFLICT (order_id) WHERE conversation_type = 'order' AND order_id IS NOT NULL DO NOTHING
    RETURNING id`.execute(trx);
  let conversationId = inserted.rows[0]?.id;
  const created = conversationId !== undefined;
  if (!conversationId) {
    const existing = await sql<{ id: string }>`
      UPDATE conversations SET context_metadata = context_metadata || ${JSON.stringify(context)}::jsonb, updated_at = now()
       WHERE conversation_type = 'order' AND order_id = ${orderId}
   RETURNING id`.execute(trx);
    conversationId = existing.rows[0]!.id;
  }
  await trx
    .insertInto('conversation_participants')
    .values([
      { conversation_id: conversationId, user_id: buyerId, role: 'buyer' },
      { conversation_id: conversationId, user_id: sellerId, role: 'seller' },
    ])
    .onConflict((oc) => oc.columns(['conversation_id', 'user_id']).doNothing())
    .execute();
  return { conversationId, created };
}
