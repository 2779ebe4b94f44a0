/** A conversation as the service reads it. */
export interface ConversationRow {
  id: string;
  conversation_type: string;
  order_id: string | null;
  product_id: string | null;
  listing_id: string | null;
  subject: string | null;
  context_metadata: unknown;
  is_automated: boolean;
  created_at: Date;
  updated_at: Date;
  last_message_at: Date | null;
  last_message_seq: number;
}

export const conversationColumns = [
  'c.id',
  'c.conversation_type',
  'c.order_id',
  'c.product_id',
  'c.listing_id',
  'c.subject',
  'c.context_metadata',
  'c.is_automated',
  'c.created_at',
  'c.updated_at',
  'c.last_message_at',
  'c.last_message_seq',
] as const;
