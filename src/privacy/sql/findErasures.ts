import type { Db } from '../../db/connect.ts';

/** The erasure record of a person, by any of the keyed hashes their user id has under the keyring (one per key). */
export async function findErasures(db: Db, userKeys: string[]) {
  return db.selectFrom('user_erasures').selectAll().where('user_key', 'in', userKeys).orderBy('requested_at').limit(1).executeTakeFirst();
}

export type ErasureRow = NonNullable<Awaited<ReturnType<typeof findErasures>>>;
