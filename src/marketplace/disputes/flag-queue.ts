import { sql } from 'kysely';
import type { AccessPolicy } from '../../access/policy.ts';
import type { Principal } from '../../auth/principal.ts';
import type { Db } from '../../db/connect.ts';
import { conflict, notFound } from '../../errors.ts';
import { decodeCursor, encodeCursor } from '../../cursor.ts';
import { isUuid } from '../../uuid.ts';
import { type MessageSentiment, sentimentList } from '../analytics/sentiment.ts';

/**
 * The moderators' flag queue: conversations the analytics job flagged for a buyer turning
 * negative, listed newest first and reviewed once each.
 */

export interface FlagView {
  flagId: string;
  conversationId: string;
  conversationType: string;
  orderId: string | null;
  buyerId: string | null;
  sellerId: string | null;
  reason: string;
  score: number | null;
  recent: MessageSentiment[];
  /** The sequence number of the message that raised it. */
  messageSeq: number | null;
  flaggedAt: string;
  reviewedAt: string | null;
  reviewedBy: string | null;
  reviewNote: string | null;
}


interface FlagRow {
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

export function createFlagQueue({ db, access }: { db: Db; access: AccessPolicy }) {

  function flagQuery() {
    const participant = (role: string) =>
      sql<string | null>`(SELECT p.user_id FROM conversation_participants p WHERE p.conversation_id = f.conversation_id AND p.role = ${role} ORDER BY p.joined_at LIMIT 1)`;
    return db
      .selectFrom('conversation_flags as f')
      .innerJoin('conversations as c', 'c.id', 'f.conversation_id')
      .select(['f.id', 'f.conversation_id', 'f.reason', 'f.score', 'f.detail', 'f.flagged_at', 'f.reviewed_at', 'f.reviewed_by', 'f.review_note', 'c.conversation_type', 'c.order_id'])
      .select([participant('buyer').as('buyer_id'), participant('seller').as('seller_id')]);
  }

  function flagView(row: FlagRow): FlagView {
    const detail = (row.detail ?? {}) as { recent?: unknown; messageSeq?: unknown };
    return {
      flagId: row.id,
      conversationId: row.conversation_id,
      conversationType: row.conversation_type,
      orderId: row.order_id,
      buyerId: row.buyer_id,
      sellerId: row.seller_id,
      reason: row.reason,
      score: row.score,
      recent: sentimentList(detail.recent),
      messageSeq: typeof detail.messageSeq === 'number' ? detail.messageSeq : null,
      flaggedAt: row.flagged_at.toISOString(),
      reviewedAt: row.reviewed_at?.toISOString() ?? null,
      reviewedBy: row.reviewed_by,
      reviewNote: row.review_note,
    };
  }

  /** Flagged conversations, newest first; `reviewed` keeps reviewed (true) or open (false) flags. Moderators and operators only. */
  async function flagged(principal: Principal, query: { reviewed?: boolean; cursor?: string; limit?: number }): Promise<{ flags: FlagView[]; nextCursor: string | null }> {
    await access.requireAccess(principal, 'moderation.read');
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
    let q = flagQuery();
    if (query.reviewed !== undefined) q = q.where('f.reviewed_at', query.reviewed ? 'is not' : 'is', null);
    if (query.cursor) {
      const [at, id] = decodeCursor(query.cursor, ['date', 'uuid']);
      q = q.where((eb) => eb.or([eb('f.flagged_at', '<', at), eb.and([eb('f.flagged_at', '=', at), eb('f.id', '<', id)])]));
    }
    const rows = (await q.orderBy('f.flagged_at', 'desc').orderBy('f.id', 'desc').limit(limit + 1).execute()) as FlagRow[];
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      flags: page.map(flagView),
      nextCursor: rows.length > limit && last ? encodeCursor([last.flagged_at, last.id]) : null,
    };
  }

  /** Marks a flag reviewed, once, by the calling moderator or operator. */
  async function review(principal: Principal, flagId: string, note?: string): Promise<FlagView> {
    await access.requireAccess(principal, 'moderation.review');
    if (!isUuid(flagId)) throw notFound('flag');
    const updated = await db
      .updateTable('conversation_flags')
      .set({ reviewed_at: sql`now()`, reviewed_by: principal.userId, review_note: note ?? null })
      .where('id', '=', flagId)
      .where('reviewed_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    const row = (await flagQuery().where('f.id', '=', flagId).executeTakeFirst()) as FlagRow | undefined;
    if (!row) throw notFound('flag');
    if (!updated) {
      throw conflict('flag_already_reviewed', `This flag was already reviewed by ${row.reviewed_by ?? 'someone'} at ${row.reviewed_at?.toISOString() ?? 'an earlier time'}.`);
    }
    return flagView(row);
  }

  return { flagged, review };
}

export type FlagQueue = ReturnType<typeof createFlagQueue>;
