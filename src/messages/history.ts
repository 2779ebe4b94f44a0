import { sql } from 'kysely';
import type { AccessPolicy } from '../access/policy.ts';
import { policySql } from '../access/policy-sql.ts';
import type { Principal } from '../auth/principal.ts';
import type { MessageCrypto } from '../crypto/message-crypto.ts';
import type { Db } from '../db/connect.ts';
import { invalid } from '../errors.ts';
import type { MessageView, MessageViews } from './message-view.ts';
import { findLatestMessages } from './sql/findLatestMessages.ts';
import { findMessagesByIds } from './sql/findMessagesByIds.ts';
import { listMessagesAfter } from './sql/listMessagesAfter.ts';
import { listMessagesPage } from './sql/listMessagesPage.ts';
import type { MessageRow } from './sql/messageColumns.ts';
import { searchMessages } from './sql/searchMessages.ts';

/** A conversation of a listed page, with the receipts of its participants (as GET /conversations shows them). */
export interface LatestOf {
  conversationId: string;
  lastMessageSeq: number;
  participants: { userId: string; role: string; lastReadSeq: number; lastDeliveredSeq: number }[];
}

type Marks = { conversationId: string; userId: string; seq: number }[];

/**
 * Reading messages: pages of a conversation, what a socket missed, messages by id, each
 * conversation's latest for the inbox, and search. Each shows messages as the viewer sees them.
 */
export function createMessageHistory(deps: { db: Db; crypto: MessageCrypto; access: AccessPolicy; views: MessageViews; markDelivered: (marks: Marks) => Promise<void> }) {
  const { db, crypto, access, views } = deps;

  async function list(
    principal: Principal,
    conversationId: string,
    page: { before?: number; after?: number; limit?: number },
  ): Promise<{ messages: MessageView[]; hasMore: boolean }> {
    const grant = await access.requireAccess(principal, 'conversation.read', { conversationId });
    const limit = Math.min(Math.max(page.limit ?? 50, 1), 200);
    const rows = await listMessagesPage(db, conversationId, { ...page, limit });
    const hasMore = rows.length > limit;
    const pageRows = rows.slice(0, limit);
    if (page.after === undefined) pageRows.reverse();
    const messages = await views.views(pageRows, conversationId, principal.userId);
    const newest = pageRows.at(-1)?.seq;
    if (grant.participant && newest !== undefined && newest > grant.participant.lastDeliveredSeq) {
      await deps.markDelivered([{ conversationId, userId: principal.userId, seq: newest }]);
    }
    return { messages, hasMore };
  }

  /**
   * Messages after a sequence number as `viewerId` sees them, for sockets that resume or fill a
   * gap (no viewer: as written, for exports and audit). Access is checked by the caller.
   */
  async function after(conversationId: string, afterSeq: number, limit: number, viewerId?: string): Promise<MessageView[]> {
    return views.views(await listMessagesAfter(db, conversationId, afterSeq, limit), conversationId, viewerId);
  }

  /** Messages by id, in sequence order, as `viewerId` sees them. Access is checked by the caller. */
  async function byIds(conversationId: string, ids: string[], viewerId?: string): Promise<MessageView[]> {
    return views.views(await findMessagesByIds(db, conversationId, ids), conversationId, viewerId);
  }

  /**
   * The latest message of each conversation (by its last sequence number) as `viewerId` sees
   * it, for a page of the inbox. The conversations come with their participants as the caller
   * just read them, so this is two queries whatever the page size. Access is checked by the caller.
   */
  async function latest(conversations: LatestOf[], viewerId: string): Promise<Map<string, MessageView>> {
    const out = new Map<string, MessageView>();
    const wanted = conversations.filter((c) => c.lastMessageSeq > 0);
    if (wanted.length === 0) return out;
    const rows = await findLatestMessages(db, wanted.map((c) => ({ conversationId: c.conversationId, seq: c.lastMessageSeq })));
    const [attachments, revealed] = await Promise.all([views.attachmentsOf(rows.map((r) => r.id)), views.revealedAmong(rows)]);
    const byId = new Map(wanted.map((c) => [c.conversationId, c]));
    for (const row of rows) {
      const receipts = byId.get(row.conversation_id)!.participants.map((p) => ({
        user_id: p.userId,
        role: p.role,
        last_read_seq: p.lastReadSeq,
        last_delivered_seq: p.lastDeliveredSeq,
      }));
      out.set(row.conversation_id, views.view(row, receipts, attachments.get(row.id) ?? [], viewerId, undefined, revealed.has(row.conversation_id)));
    }
    return out;
  }

  /**
   * Full-text search over the conversations the caller can read. Bodies are encrypted, so the
   * search runs on the keyed blind index: every word of the query must be in the message.
   */
  async function search(principal: Principal, query: string, options: { conversationId?: string; limit?: number }): Promise<MessageView[]> {
    const byKey = crypto.queryTokens(query);
    if ([...byKey.values()][0]!.length === 0) {
      throw invalid('invalid_query', 'The search needs at least one word of two or more letters or digits.');
    }
    if (options.conversationId) await access.requireAccess(principal, 'conversation.read', { conversationId: options.conversationId });
    const rows = await searchMessages(db, {
      tokensByKey: byKey,
      conversationId: options.conversationId,
      limit: Math.min(Math.max(options.limit ?? 20, 1), 100),
      readable: policySql.readable(principal, sql.ref('messages.conversation_id')),
    });
    const byConversationRows = new Map<string, MessageRow[]>();
    for (const r of rows) byConversationRows.set(r.conversation_id, [...(byConversationRows.get(r.conversation_id) ?? []), r]);
    const viewed = new Map<string, MessageView>();
    for (const [conversationId, convRows] of byConversationRows) {
      for (const v of await views.views(convRows, conversationId, principal.userId)) viewed.set(v.messageId, v);
    }
    // A match on words the viewer sees masked (a phone number, say) would confirm them: drop it.
    const wanted = crypto.searchTokens(query);
    const out: MessageView[] = [];
    for (const r of rows) {
      const v = viewed.get(r.id)!;
      if (v.masked && !hasAll(crypto.searchTokens(v.content ?? ''), wanted)) continue;
      out.push(v);
    }
    return out;
  }

  return { list, after, byIds, latest, search };
}

function hasAll(tokens: string[], wanted: string[]): boolean {
  const set = new Set(tokens);
  return wanted.every((t) => set.has(t));
}
