import type { Db } from '../../../db/connect.ts';

/** Spends an action token, inside the transaction of the action's effect; false when it was spent before. */
export async function recordPushActionUse(trx: Db, tokenId: string, action: string): Promise<boolean> {
  const row = await trx.insertInto('push_action_uses').values({ token_id: tokenId, action }).onConflict((c) => c.column('token_id').doNothing()).returning('token_id').executeTakeFirst();
  return row !== undefined;
}
