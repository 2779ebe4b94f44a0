import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { type Scrub, mentions, scrubbedJson } from '../../db/text-scrub.ts';

/**
 * Erasure: every message the person sent becomes a deleted message (no body, payload, metadata,
 * search tokens or masking record) under their pseudonym, so the conversation keeps its
 * sequence for the others. In `conversationIds`: platform messages (sender `system`) that name
 * or quote them (a dispute's reason) in their payload become deleted messages too, since their
 * encrypted text quotes the same; others' messages lose every mention of them in payload and
 * metadata, and `nameTokens` (the search tokens of their name, email and phone) leave every
 * message's search index. Rows changed.
 */
export async function eraseSenderMessages(
  db: Db,
  userId: string,
  pseudonym: string,
  conversationIds: string[],
  scrub: Scrub,
  nameTokens: string[],
): Promise<{ deleted: number; scrubbed: number }> {
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
    const quoting = await sql`
      UPDATE messages
         SET content_encrypted = NULL, key_id = NULL, search_tokens = '{}'::text[], payload = NULL, metadata = '{}'::jsonb,
             masking = NULL, deleted_at = coalesce(deleted_at, now())
       WHERE conversation_id = ANY(${conversationIds}::uuid[]) AND sender_id = 'system'
         AND (${mentions(sql.ref('payload'), scrub, true)} OR ${mentions(sql.ref('metadata'), scrub, true)})`.execute(db);
    scrubbed += Number(quoting.numAffectedRows ?? 0);
    if (nameTokens.length) {
      const unindexed = await sql`
        UPDATE messages
           SET search_tokens = ARRAY(SELECT t FROM unnest(search_tokens) AS t WHERE NOT (t = ANY(${nameTokens}::text[])))
         WHERE conversation_id = ANY(${conversationIds}::uuid[]) AND search_tokens && ${nameTokens}::text[]`.execute(db);
      scrubbed += Number(unindexed.numAffectedRows ?? 0);
    }
    const result = await sql`
      UPDATE messages
         SET payload = ${scrubbedJson(sql.ref('payload'), scrub)},
             metadata = ${scrubbedJson(sql.ref('metadata'), scrub)}
       WHERE conversation_id = ANY(${conversationIds}::uuid[])
         AND (${mentions(sql.ref('payload'), scrub, true)} OR ${mentions(sql.ref('metadata'), scrub, true)})`.execute(db);
    scrubbed += Number(result.numAffectedRows ?? 0);
  }
  return { deleted: Number(deleted.numUpdatedRows), scrubbed };
}
