import type { Db } from '../../db/connect.ts';

/** Records that a reply arrived through this address. */
export async function markReplyAddressUsed(db: Db, key: string): Promise<void> {
  await db.updateTable('email_reply_addresses').set({ last_used_at: new Date() }).where('address_key', '=', key).execute();
}
