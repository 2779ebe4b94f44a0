import type { Db } from '../../db/connect.ts';
import { conversationColumns, type ConversationRow } from './conversationColumns.ts';

/** A user's own participant row in a conversation, as their personal-data export shows it. */
export interface Participation {
  role: string;
  joined_at: Date;
  last_read_seq: number;
  last_delivered_seq: number;
  unread_count: number;
  archived_at: Date | null;
}

/**
 * The conversations a user takes part in (archived ones too), with their own participant row,
 * by conversation id after `afterId`, up to `limit`: a personal-data export pages through them.
 */
export async function listUserParticipations(db: Db, userId: string, afterId: string | undefined, limit: number): Promise<(ConversationRow & Participation)[]> {
  let q = db
    .selectFrom('conversations as c')
    .innerJoin('conversation_participants as p', (j) => j.onRef('p.conversation_id', '=', 'c.id').on('p.user_id', '=', userId))
    .select(conversationColumns)
    .select(['p.role', 'p.joined_at', 'p.last_read_seq', 'p.last_delivered_seq', 'p.unread_count', 'p.archived_at']);
  if (afterId !== undefined) q = q.where('c.id', '>', afterId);
  return q.orderBy('c.id', 'asc').limit(limit).execute();
}
