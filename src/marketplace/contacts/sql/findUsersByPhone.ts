import type { Db } from '../../../db/connect.ts';

/** The users whose contact has this phone number (E.164): usually one, possibly several sharing a phone. */
export async function findUsersByPhone(db: Db, phoneNumber: string): Promise<string[]> {
  const rows = await db.selectFrom('user_contacts').select('user_id').where('phone_number', '=', phoneNumber).orderBy('user_id').limit(100).execute();
  return rows.map((r) => r.user_id);
}
