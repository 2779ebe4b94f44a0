import type { Db } from '../../db/connect.ts';

/** A new conversation and its participants, in one transaction. */
export async function insertConversation(
  db: Db,
  c: {
    id: string;
    type: string;
    orderId: string | null;
    productId: string | null;
    listingId: string | null;
    inquiryBuyerId: string | null;
    subject: string | null;
    contextMetadata: Record<string, unknown>;
    isAutomated: boolean;
    createdBy: string;
    participants: { userId: string; role: string }[];
  },
  /** More writes of the same change, in the same transaction (its conversation.created event). */
  also?: (trx: Db) => Promise<void>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('conversations')
      .values({
        id: c.id,
        conversation_type: c.type,
        order_id: c.orderId,
        product_id: c.productId,
        listing_id: c.listingId,
        inquiry_buyer_id: c.inquiryBuyerId,
        subject: c.subject,
        context_metadata: JSON.stringify(c.contextMetadata),
        is_automated: c.isAutomated,
        created_by: c.createdBy,
      })
      .execute();
    await trx
      .insertInto('conversation_participants')
      .values(c.participants.map((p) => ({ conversation_id: c.id, user_id: p.userId, role: p.role })))
      .execute();
    await also?.(trx);
  });
}
