import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { type Scrub, mentions, scrubbedJson } from '../../db/text-scrub.ts';

/**
 * Erasure: every message the person sent becomes a deleted message (no body, payload, metadata,
 * search tokens or masking record) under their pseudonym, so the conversation keeps its
 * sequence for the others; messages of others in `conversationIds` (order notices, system
 * messages) lose every mention of them in their payload and metadata. Rows changed.
 */
export async function eraseSenderMessages(db: Db, userId: string, pseudonym: string, conversationIds: string[], scrub: Scrub): Promise<{ deleted: number; scrubbed: number }> {
  const deleted = await db
    .updateTable('messages')
    .set({
      sender_id: pseudonym,
      content_encrypted: null,
      key_id: null,
      search_tokens: sql`'{}'::text[]`,
      payload: null,
      metadata: '{}',
      masking: null,
      client_message_id: null,
      deleted_at: sql`coalesce(deleted_at, now())`,
    })
    .where('sender_id', '=', userId)
    .executeTakeFirst();
  let scrubbed = 0;
  if (conversationIds.length) {
    const result = await sql`
      UPDATE messages
         SET payload = ${scrubbedJson(sql.ref('payload'), scrub)},
             metadata = ${scrubbedJson(sql.ref('metadata'), scrub)}
       WHERE conversation_id = ANY(${conversationIds}::uuid[])
         AND (${mentions(sql.ref('payload'), scrub, true)} OR ${mentions(sql.ref('metadata'), scrub, true)})`.execute(db);
    scrubbed = Number(result.numAffectedRows ?? 0);
  }
  return { deleted: Number(deleted.numUpdatedRows), scrubbed };
}
