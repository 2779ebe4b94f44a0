import type { Db } from '../../../db/connect.ts';

/** Erasure: forgets how a person is reached (name, email, phone, locale). Rows removed. */
export async function deleteContact(db: Db, userId: string): Promise<number> {
  const result = await db.deleteFrom('user_contacts').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
