import type { Db } from '../../../db/connect.ts';

/** Windows closed by `at` that hold items not yet sent, oldest first. */
export async function listClosedWindows(db: Db, at: Date, limit: number): Promise<{ user_id: string; digest_key: string; window_end: Date }[]> {
  return db
    .selectFrom('digest_items')
    .select(['user_id', 'digest_key', 'window_end'])
    .where('digest_request_id', 'is', null)
    .where('window_end', '<=', at)
    .groupBy(['user_id', 'digest_key', 'window_end'])
    .orderBy('window_end')
    .limit(limit)
    .execute() as Promise<{ user_id: string; digest_key: string; window_end: Date }[]>;
}
