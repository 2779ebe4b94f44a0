import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';

/** A conversation flag as the moderators read it: with its conversation's type, order, buyer and seller. */
export interface FlagRow {
  id: string;
  conversation_id: string;
  conversation_type: string;
  order_id: string | null;
  buyer_id: string | null;
  seller_id: string | null;
  reason: string;
  score: number | null;
  detail: unknown;
  flagged_at: Date;
  reviewed_at: Date | null;
  reviewed_by: string | null;
  review_note: string | null;
}

function flagQuery(db: Db) {
  const participant = (role: string) =>
    sql<string | null>`(SELECT p.user_id FROM conversation_participants p WHERE p.conversation_id = f.conversation_id AND p.role = ${role} ORDER BY p.joined_at LIMIT 1)`;
  return db
    .selectFrom('conversation_flags as f')
    .innerJoin('conversations as c', 'c.id', 'f.conversation_id')
    .select(['f.id', 'f.conversation_id', 'f.reason', 'f.score', 'f.detail', 'f.flagged_at', 'f.reviewed_at', 'f.reviewed_by', 'f.review_note', 'c.conversation_type', 'c.order_id'])
    .select([participant('buyer').as('buyer_id'), participant('seller').as('seller_id')]);
}

/** A page of flags, newest first; `reviewed` keeps reviewed (true) or open (false) ones; up to `limit + 1` rows. */
export async function listConversationFlagsPage(db: Db, query: { reviewed?: boolean; before?: [Date, string]; limit: number }): Promise<FlagRow[]> {
  let q = flagQuery(db);
  if (query.reviewed !== undefined) q = q.where('f.reviewed_at', query.reviewed ? 'is not' : 'is', null);
  if (query.before) {
    const [at, id] = query.before;
    q = q.where((eb) => eb.or([eb('f.flagged_at', '<', at), eb.and([eb('f.flagged_at', '=', at), eb('f.id', '<', id)])]));
  }
  return (await q.orderBy('f.flagged_at', 'desc').orderBy('f.id', 'desc').limit(query.limit + 1).execute()) as FlagRow[];
}

/** One flag, as listed, if there is one. */
export async function findConversationFlag(db: Db, flagId: string): Promise<FlagRow | undefined> {
  return (await flagQuery(db).where('f.id', '=', flagId).executeTakeFirst()) as FlagRow | undefined;
}
