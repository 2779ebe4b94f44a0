import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/**
 * Sets conversations' times from their messages' (demo backdating): created no later than the
 * first message, last message at the last one, updated at the last message or the conversion
 * to an order, whichever is later.
 */
export async function setConversationTimeSpans(db: Db, spans: readonly { conversationId: string; firstAt: Date; lastAt: Date }[]): Promise<void> {
  if (spans.length === 0) return;
  await sql`
    UPDATE conversations c
       SET created_at = least(c.created_at, f.first_at), last_message_at = f.last_at, updated_at = greatest(f.last_at, c.converted_at)
      FROM unnest(${spans.map((s) => s.conversationId)}::uuid[], ${spans.map((s) => s.firstAt.toISOString())}::timestamptz[],
                  ${spans.map((s) => s.lastAt.toISOString())}::timestamptz[]) AS f(conversation_id, first_at, last_at)
     WHERE c.id = f.conversation_id`.execute(db);
}
