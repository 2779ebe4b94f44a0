import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/**
 * The reply address key of a participant: a new row with `key` the first time, otherwise the
 * stored key with its expiry moved to `expiresAt` (never earlier than it was). Returns the key in use.
 */
export async function saveReplyAddress(db: Db, conversationId: string, userId: string, key: string, expiresAt: Date): Promise<string> {
  const row = await sql<{ address_key: string }>`
    INSERT INTO email_reply_addresses (address_key, conversation_id, user_id, expires_at)
    VALUES (${key}, ${conversationId}, ${userId}, ${expiresAt})
    ON CONFLICT (conversation_id, user_id)
    DO UPDATE SET expires_at = greatest(email_reply_addresses.expires_at, excluded.expires_at)
    RETURNING address_key`.execute(db);
  return row.rows[0]!.address_key;
}
