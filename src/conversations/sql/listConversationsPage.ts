import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { conversationColumns, type ConversationRow } from './conversationColumns.ts';

/**
 * A page of conversations, most recent activity first (keyset on activity and id), up to
 * `limit + 1`. With `participant`, that user's conversations only, filtered by their own
 * archive and unread state; without, every conversation (what an operator reads).
 */
export async function listConversationsPage(
  db: Db,
  page: {
    participant?: { userId: string; archived: boolean; unread: boolean };
    type?: string;
    orderId?: string;
    after?: { at: Date; id: string };
    limit: number;
  },
): Promise<(ConversationRow & { activity_at: Date })[]> {
  // Milliseconds, as the cursor carries them: the database keeps microseconds, a JS Date does not.
  const activity: RawBuilder<Date> = sql<Date>`date_trunc('milliseconds', coalesce(c.last_message_at, c.created_at))`;
  let q = db.selectFrom('conversations as c').select(conversationColumns).select(activity.as('activity_at'));
  if (page.participant) {
    const { userId, archived, unread } = page.participant;
    q = q.innerJoin('conversation_participants as p', (j) => j.onRef('p.conversation_id', '=', 'c.id').on('p.user_id', '=', userId));
    q = q.where(archived ? sql<boolean>`p.archived_at IS NOT NULL` : sql<boolean>`p.archived_at IS NULL`);
    if (unread) q = q.where(sql<boolean>`p.unread_count > 0`);
  }
  if (page.type) q = q.where('c.conversation_type', '=', page.type);
  if (page.orderId) q = q.where('c.order_id', '=', page.orderId);
  const after = page.after;
  if (after) q = q.where((eb) => eb.or([eb(activity, '<', after.at), eb.and([eb(activity, '=', after.at), eb('c.id', '<', after.id)])]));
  return q.orderBy(activity, 'desc').orderBy('c.id', 'desc').limit(page.limit + 1).execute();
}
