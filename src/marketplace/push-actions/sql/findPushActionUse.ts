import type { Db } from '../../../db/connect.ts';

/** What an action token was spent on; undefined while it is unused. */
export async function findPushActionUse(db: Db, tokenId: string): Promise<{ action: string } | undefined> {
  return db.selectFrom('push_action_uses').select('action').where('token_id', '=', tokenId).executeTakeFirst();
}
