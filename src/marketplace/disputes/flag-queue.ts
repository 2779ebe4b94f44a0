import type { AccessPolicy } from '../../access/policy.ts';
import type { Principal } from '../../auth/principal.ts';
import type { Db } from '../../db/connect.ts';
import { conflict, notFound } from '../../errors.ts';
import { decodeCursor, encodeCursor } from '../../cursor.ts';
import { isUuid } from '../../uuid.ts';
import { type MessageSentiment, sentimentList } from '../analytics/sentiment.ts';
import { type FlagRow, findConversationFlag, listConversationFlagsPage } from './sql/listConversationFlags.ts';
import { markFlagReviewed } from './sql/markFlagReviewed.ts';

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

export function createFlagQueue({ db, access }: { db: Db; access: AccessPolicy }) {
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
    const before = query.cursor ? (decodeCursor(query.cursor, ['date', 'uuid']) as [Date, string]) : undefined;
    const rows = await listConversationFlagsPage(db, { reviewed: query.reviewed, before, limit });
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
    const updated = await markFlagReviewed(db, flagId, principal.userId, note ?? null);
    const row = await findConversationFlag(db, flagId);
    if (!row) throw notFound('flag');
    if (!updated) {
      throw conflict('flag_already_reviewed', `This flag was already reviewed by ${row.reviewed_by ?? 'someone'} at ${row.reviewed_at?.toISOString() ?? 'an earlier time'}.`);
    }
    return flagView(row);
  }

  return { flagged, review };
}

export type FlagQueue = ReturnType<typeof createFlagQueue>;
