import type { Db } from '../../db/connect.ts';

/** Erasure: every reply address of a user stops working. Returns how many were deleted. */
export async function deleteUserReplyAddresses(db: Db, userId: string): Promise<number> {
  const result = await db.deleteFrom('email_reply_addresses').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
