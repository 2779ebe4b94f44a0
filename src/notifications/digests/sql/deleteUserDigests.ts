import type { Db } from '../../../db/connect.ts';

/** Erasure: a user's digest items (sent or not) and the record of their windows. */
export async function deleteUserDigests(db: Db, userId: string): Promise<{ items: number; windows: number }> {
  const items = await db.deleteFrom('digest_items').where('user_id', '=', userId).executeTakeFirst();
  const windows = await db.deleteFrom('digest_windows').where('user_id', '=', userId).executeTakeFirst();
  return { items: Number(items.numDeletedRows), windows: Number(windows.numDeletedRows) };
}
