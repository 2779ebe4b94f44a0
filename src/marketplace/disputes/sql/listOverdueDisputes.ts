import type { Db } from '../../../db/connect.ts';

/** Up to 100 disputes in one of the unresolved `statuses`, not yet queued, opened before `openedBefore`; oldest first. */
export async function listOverdueDisputes(db: Db, statuses: readonly string[], openedBefore: Date) {
  return db
    .selectFrom('disputes')
    .select(['id', 'conversation_id', 'order_id', 'moderator_id'])
    .where('status', 'in', statuses)
    .where('queued_at', 'is', null)
    .where('opened_at', '<=', openedBefore)
    .orderBy('opened_at')
    .limit(100)
    .execute();
}
