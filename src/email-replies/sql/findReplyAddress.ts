import type { Db } from '../../db/connect.ts';

/** The conversation and participant a reply address key stands for. */
export async function findReplyAddress(db: Db, key: string) {
  return db
    .selectFrom('email_reply_addresses')
    .select(['conversation_id', 'user_id', 'expires_at'])
    .where('address_key', '=', key)
    .executeTakeFirst();
}
