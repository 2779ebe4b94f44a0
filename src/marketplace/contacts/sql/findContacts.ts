import type { Db } from '../../../db/connect.ts';

/** The stored contacts of these users (those who have one). */
export async function findContacts(db: Db, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db.selectFrom('user_contacts').selectAll().where('user_id', 'in', [...new Set(userIds)]).execute();
}
