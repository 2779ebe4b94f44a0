import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { type Scrub, mentions, scrubbedJson, scrubbedText } from '../../db/text-scrub.ts';

/**
 * Erasure: the person's places in conversations pass to their pseudonym (the conversations stay
 * for the others in them), and the conversations they are in, started or asked about lose
 * every mention of them in subject and context. Answers the conversations and the rows changed.
 */
export async function pseudonymiseParticipant(db: Db, userId: string, pseudonym: string, scrub: Scrub): Promise<{ conversationIds: string[]; participants: number; conversations: number }> {
  const moved = await db.updateTable('conversation_participants').set({ user_id: pseudonym }).where('user_id', '=', userId).returning('conversation_id').execute();
  const conversationIds = moved.map((r) => r.conversation_id);
  const ids = conversationIds.length ? conversationIds : ['00000000-0000-0000-0000-000000000000'];
  const result = await sql`
    UPDATE conversations
       SET created_by = CASE WHEN created_by = ${userId} THEN ${pseudonym} ELSE created_by END,
           inquiry_buyer_id = CASE WHEN inquiry_buyer_id = ${userId} THEN ${pseudonym} ELSE inquiry_buyer_id END,
           subject = ${scrubbedText(sql.ref('subject'), scrub)},
           context_metadata = ${scrubbedJson(sql.ref('context_metadata'), scrub)},
           updated_at = now()
     WHERE (id = ANY(${ids}::uuid[]) OR created_by = ${userId} OR inquiry_buyer_id = ${userId})
       AND (created_by = ${userId} OR inquiry_buyer_id = ${userId} OR ${mentions(sql.ref('subject'), scrub)} OR ${mentions(sql.ref('context_metadata'), scrub, true)})`.execute(db);
  return { conversationIds, participants: moved.length, conversations: Number(result.numAffectedRows ?? 0) };
}
