import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { requireConversationAccess } from '../auth/access.ts';
import { isOperator, type Principal } from '../auth/principal.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import type { Db } from '../db/connect.ts';
import { conflict, forbidden, invalid, notFound } from '../errors.ts';
import { isUniqueViolation } from '../messages/service.ts';
import type { FanOut } from '../realtime/fanout.ts';

export const conversationTypes = ['general', 'order', 'product_inquiry', 'dispute'] as const;
export type ConversationType = (typeof conversationTypes)[number];
export const participantRoles = ['buyer', 'seller', 'moderator', 'system'] as const;
export type ParticipantRole = (typeof participantRoles)[number];

export interface ParticipantInput {
  userId: string;
  role: ParticipantRole;
}

export interface CreateConversationInput {
  conversationType?: ConversationType;
  orderId?: string;
  productId?: string;
  listingId?: string;
  subject?: string;
  contextMetadata?: Record<string, unknown>;
  isAutomated?: boolean;
  participants: ParticipantInput[];
}

export interface ConversationView {
  conversationId: string;
  conversationType: string;
  orderId: string | null;
  productId: string | null;
  listingId: string | null;
  subject: string | null;
  contextMetadata: Record<string, unknown>;
  isAutomated: boolean;
  participants: { userId: string; name: string | null; role: string; lastReadSeq: number; lastDeliveredSeq: number }[];
  createdAt: string;
  updatedAt: string;
  lastMessageAt: string | null;
  lastMessageSeq: number;
  /** The caller's own state; 0 and false for an operator who is not a participant. */
  unreadCount: number;
  archived: boolean;
}

export interface ListConversationsQuery {
  type?: ConversationType;
  orderId?: string;
  unread?: boolean;
  archived?: boolean;
  cursor?: string;
  limit?: number;
}

interface ConversationRow {
  id: string;
  conversation_type: string;
  order_id: string | null;
  product_id: string | null;
  listing_id: string | null;
  subject: string | null;
  context_metadata: unknown;
  is_automated: boolean;
  created_at: Date;
  updated_at: Date;
  last_message_at: Date | null;
  last_message_seq: number;
}

const conversationColumns = [
  'c.id',
  'c.conversation_type',
  'c.order_id',
  'c.product_id',
  'c.listing_id',
  'c.subject',
  'c.context_metadata',
  'c.is_automated',
  'c.created_at',
  'c.updated_at',
  'c.last_message_at',
  'c.last_message_seq',
] as const;

const maxParticipants = 50;

export function createConversationsService(deps: { db: Db; fanOut: FanOut }) {
  const { db } = deps;

  async function views(principal: Principal, rows: ConversationRow[]): Promise<ConversationView[]> {
    if (rows.length === 0) return [];
    // Names come from the contacts the marketplace gave Parley (PUT /users/:userId/contact).
    const participants = await db
      .selectFrom('conversation_participants as p')
      .leftJoin('user_contacts as uc', 'uc.user_id', 'p.user_id')
      .select(['p.conversation_id', 'p.user_id', 'p.role', 'p.last_read_seq', 'p.last_delivered_seq', 'p.unread_count', 'p.archived_at', 'uc.name'])
      .where(
        'p.conversation_id',
        'in',
        rows.map((r) => r.id),
      )
      // Participants added together share joined_at: role and id make the order stable.
      .orderBy('p.joined_at')
      .orderBy('p.role')
      .orderBy('p.user_id')
      .execute();
    return rows.map((row) => {
      const mine = participants.filter((p) => p.conversation_id === row.id);
      const self = mine.find((p) => p.user_id === principal.userId);
      return {
        conversationId: row.id,
        conversationType: row.conversation_type,
        orderId: row.order_id,
        productId: row.product_id,
        listingId: row.listing_id,
        subject: row.subject,
        contextMetadata: (row.context_metadata as Record<string, unknown>) ?? {},
        isAutomated: row.is_automated,
        participants: mine.map((p) => ({
          userId: p.user_id,
          name: p.name ?? null,
          role: p.role,
          lastReadSeq: p.last_read_seq,
          lastDeliveredSeq: p.last_delivered_seq,
        })),
        createdAt: row.created_at.toISOString(),
        updatedAt: row.updated_at.toISOString(),
        lastMessageAt: row.last_message_at?.toISOString() ?? null,
        lastMessageSeq: row.last_message_seq,
        unreadCount: self?.unread_count ?? 0,
        archived: Boolean(self?.archived_at),
      };
    });
  }

  async function load(principal: Principal, id: string): Promise<ConversationView> {
    const row = await db.selectFrom('conversations as c').select(conversationColumns).where('c.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('conversation');
    return (await views(principal, [row]))[0]!;
  }

  /** The existing conversation a create request maps to: one per order, one per buyer and product. */
  async function findExisting(type: ConversationType, input: CreateConversationInput, buyerId: string | null) {
    if (type === 'order' && input.orderId) {
      return db.selectFrom('conversations as c').select(conversationColumns).where('c.conversation_type', '=', 'order').where('c.order_id', '=', input.orderId).executeTakeFirst();
    }
    if (type === 'product_inquiry' && input.productId && buyerId) {
      return db
        .selectFrom('conversations as c')
        .select(conversationColumns)
        .where('c.conversation_type', '=', 'product_inquiry')
        .where('c.product_id', '=', input.productId)
        .where('c.inquiry_buyer_id', '=', buyerId)
        .executeTakeFirst();
    }
    return undefined;
  }

  function validate(principal: Principal, input: CreateConversationInput): { type: ConversationType; buyerId: string | null } {
    const type = input.conversationType ?? 'general';
    const ids = input.participants.map((p) => p.userId);
    if (new Set(ids).size !== ids.length) throw invalid('duplicate_participant', 'Each user may appear once in "participants".');
    if (ids.length > maxParticipants) throw invalid('too_many_participants', `A conversation has at most ${maxParticipants} participants.`);
    const buyers = input.participants.filter((p) => p.role === 'buyer');
    if (type === 'order' && !input.orderId) throw invalid('order_id_required', 'An "order" conversation needs "orderId".');
    if (type === 'product_inquiry') {
      if (!input.productId) throw invalid('product_id_required', 'A "product_inquiry" conversation needs "productId".');
      if (buyers.length !== 1) throw invalid('one_buyer_required', 'A product inquiry has exactly one participant with role "buyer".');
    }
    if (!isOperator(principal)) {
      if (!ids.includes(principal.userId)) {
        throw forbidden('creator_not_participant', 'You can only start conversations you take part in; add yourself to "participants".');
      }
      if (type === 'order' || type === 'dispute') {
        throw forbidden('operator_only', `"${type}" conversations are opened by the marketplace, not by users.`);
      }
      if (input.participants.some((p) => p.role === 'moderator' || p.role === 'system')) {
        throw forbidden('operator_only', 'Only the marketplace may add moderators or system participants.');
      }
      if (input.isAutomated) throw forbidden('operator_only', 'Only the marketplace may create automated conversations.');
      if (type === 'product_inquiry' && buyers[0]!.userId !== principal.userId) {
        throw forbidden('buyer_only', 'A product inquiry is started by its buyer; list yourself as the participant with role "buyer".');
      }
    }
    return { type, buyerId: type === 'product_inquiry' ? buyers[0]!.userId : null };
  }

  /** Creates a conversation, or returns the one that already exists for the same order or inquiry. */
  async function create(principal: Principal, input: CreateConversationInput): Promise<{ conversation: ConversationView; created: boolean }> {
    const { type, buyerId } = validate(principal, input);
    const existing = await findExisting(type, input, buyerId);
    if (existing) return { conversation: await existingFor(principal, existing.id), created: false };
    const id = randomUUID();
    try {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('conversations')
          .values({
            id,
            conversation_type: type,
            order_id: input.orderId ?? null,
            product_id: input.productId ?? null,
            listing_id: input.listingId ?? null,
            inquiry_buyer_id: buyerId,
            subject: input.subject ?? null,
            context_metadata: JSON.stringify(input.contextMetadata ?? {}),
            is_automated: input.isAutomated ?? false,
            created_by: principal.userId,
          })
          .execute();
        await trx
          .insertInto('conversation_participants')
          .values(input.participants.map((p) => ({ conversation_id: id, user_id: p.userId, role: p.role })))
          .execute();
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const raced = await findExisting(type, input, buyerId);
      if (!raced) throw error;
      return { conversation: await existingFor(principal, raced.id), created: false };
    }
    const conversation = await load(principal, id);
    announceCreated(conversation);
    return { conversation, created: true };
  }

  /** Tells the participants' sockets about a new conversation. */
  function announceCreated(conversation: ConversationView): void {
    deps.fanOut.publish({
      userIds: conversation.participants.map((p) => p.userId),
      payload: { type: 'conversation.created', conversation: { ...conversation, unreadCount: 0, archived: false } },
    });
  }

  async function existingFor(principal: Principal, id: string): Promise<ConversationView> {
    await requireConversationAccess(db, principal, id);
    return load(principal, id);
  }

  async function get(principal: Principal, id: string): Promise<ConversationView> {
    await requireConversationAccess(db, principal, id);
    return load(principal, id);
  }

  /** The caller's conversations (an operator without a user: all), most recent activity first. */
  async function list(principal: Principal, query: ListConversationsQuery): Promise<{ conversations: ConversationView[]; nextCursor: string | null }> {
    const limit = Math.min(Math.max(query.limit ?? 20, 1), 100);
    // Milliseconds, as the cursor carries them: the database keeps microseconds, a JS Date does not.
    const activity = sql<Date>`date_trunc('milliseconds', coalesce(c.last_message_at, c.created_at))`;
    let q = db.selectFrom('conversations as c').select(conversationColumns).select(activity.as('activity_at'));
    if (!isOperator(principal)) {
      q = q.innerJoin('conversation_participants as p', (j) => j.onRef('p.conversation_id', '=', 'c.id').on('p.user_id', '=', principal.userId));
      q = q.where(query.archived ? sql<boolean>`p.archived_at IS NOT NULL` : sql<boolean>`p.archived_at IS NULL`);
      if (query.unread) q = q.where(sql<boolean>`p.unread_count > 0`);
    } else if (query.unread || query.archived) {
      throw invalid('participant_filter', 'The "unread" and "archived" filters apply to a user; call as a user (or with X-Parley-User).');
    }
    if (query.type) q = q.where('c.conversation_type', '=', query.type);
    if (query.orderId) q = q.where('c.order_id', '=', query.orderId);
    if (query.cursor) {
      const [at, id] = decodeCursor(query.cursor, ['date', 'uuid']);
      q = q.where((eb) => eb.or([eb(activity, '<', at), eb.and([eb(activity, '=', at), eb('c.id', '<', id)])]));
    }
    const rows = await q.orderBy(activity, 'desc').orderBy('c.id', 'desc').limit(limit + 1).execute();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      conversations: await views(principal, page),
      nextCursor: rows.length > limit && last ? encodeCursor([new Date(last.activity_at), last.id]) : null,
    };
  }

  async function setArchived(principal: Principal, id: string, archived: boolean): Promise<ConversationView> {
    const access = await requireConversationAccess(db, principal, id);
    if (!access.participant) throw forbidden('not_a_participant', 'Archiving is per participant; only participants can archive.');
    await db
      .updateTable('conversation_participants')
      .set({ archived_at: archived ? new Date() : null })
      .where('conversation_id', '=', id)
      .where('user_id', '=', principal.userId)
      .execute();
    return load(principal, id);
  }

  /** Adds a participant (a moderator joining a dispute, say). Operators only. */
  async function addParticipant(principal: Principal, id: string, participant: ParticipantInput): Promise<ConversationView> {
    await requireConversationAccess(db, principal, id);
    if (!isOperator(principal)) throw forbidden('operator_only', 'Only the marketplace may add participants.');
    const added = await db
      .insertInto('conversation_participants')
      .values({ conversation_id: id, user_id: participant.userId, role: participant.role })
      .onConflict((oc) => oc.columns(['conversation_id', 'user_id']).doNothing())
      .returning('user_id')
      .executeTakeFirst();
    if (!added) throw conflict('already_participant', `${participant.userId} already takes part in this conversation.`);
    const conversation = await load(principal, id);
    deps.fanOut.publish({
      userIds: conversation.participants.map((p) => p.userId),
      payload: { type: 'participant.added', conversationId: id, participant },
    });
    return conversation;
  }

  /** Tells the participants' sockets about a conversation created elsewhere (by an order event). */
  async function announceCreatedById(id: string): Promise<void> {
    announceCreated(await load({ userId: 'system', role: 'operator', viaApiKey: true }, id));
  }

  return { create, get, list, setArchived, addParticipant, announceCreated, announceCreatedById };
}

export type ConversationsService = ReturnType<typeof createConversationsService>;
