import { randomUUID } from 'node:crypto';
import { type AccessPolicy, roleMayHold } from '../access/policy.ts';
import { policySql } from '../access/policy-sql.ts';
import type { Principal } from '../auth/principal.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import type { Db } from '../db/connect.ts';
import type { DomainEvent, EventSink } from '../events/event-sink.ts';
import { conflict, forbidden, invalid, notFound } from '../errors.ts';
import { isUniqueViolation } from '../messages/messages-service.ts';
import type { FanOut } from '../realtime/fanout.ts';
import { addParticipant as insertParticipant } from './sql/addParticipant.ts';
import type { ConversationRow } from './sql/conversationColumns.ts';
import { findConversation } from './sql/findConversation.ts';
import { findInquiryConversation } from './sql/findInquiryConversation.ts';
import { findOrderConversation } from './sql/findOrderConversation.ts';
import { insertConversation } from './sql/insertConversation.ts';
import { listConversationsPage } from './sql/listConversationsPage.ts';
import { listParticipants } from './sql/listParticipants.ts';
import { setParticipantArchived } from './sql/setParticipantArchived.ts';

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

const maxParticipants = 50;

/** The conversation.created event of a new conversation (for the event webhooks); its seller is its seller participant. */
export function conversationCreatedEvent(c: { id: string; type: string; orderId: string | null; productId: string | null; createdBy: string; participants: { userId: string; role: string }[] }): DomainEvent {
  return {
    type: 'conversation.created',
    sellerId: c.participants.find((p) => p.role === 'seller')?.userId ?? null,
    data: { conversationId: c.id, conversationType: c.type, orderId: c.orderId, productId: c.productId, createdBy: c.createdBy, participants: c.participants.map((p) => ({ userId: p.userId, role: p.role })) },
  };
}

export function createConversationsService(deps: { db: Db; fanOut: FanOut; access: AccessPolicy; events: EventSink }) {
  const { db, access } = deps;

  async function views(principal: Principal, rows: ConversationRow[]): Promise<ConversationView[]> {
    if (rows.length === 0) return [];
    const participants = await listParticipants(db, rows.map((r) => r.id));
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
    const row = await findConversation(db, id);
    if (!row) throw notFound('conversation');
    return (await views(principal, [row]))[0]!;
  }

  /** The existing conversation a create request maps to: one per order, one per buyer and product. */
  async function findExisting(type: ConversationType, input: CreateConversationInput, buyerId: string | null) {
    if (type === 'order' && input.orderId) return findOrderConversation(db, input.orderId);
    if (type === 'product_inquiry' && input.productId && buyerId) return findInquiryConversation(db, input.productId, buyerId);
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
    // What a user may open; the marketplace (conversation.arrange) opens any of them.
    if (!roleMayHold(principal, 'conversation.arrange')) {
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
      await insertConversation(db, {
        id,
        type,
        orderId: input.orderId ?? null,
        productId: input.productId ?? null,
        listingId: input.listingId ?? null,
        inquiryBuyerId: buyerId,
        subject: input.subject ?? null,
        contextMetadata: input.contextMetadata ?? {},
        isAutomated: input.isAutomated ?? false,
        createdBy: principal.userId,
        participants: input.participants,
      }, (trx) => deps.events.record(trx, [conversationCreatedEvent({ id, type, orderId: input.orderId ?? null, productId: input.productId ?? null, createdBy: principal.userId, participants: input.participants })]));
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
    await access.requireAccess(principal, 'conversation.read', { conversationId: id });
    return load(principal, id);
  }

  async function get(principal: Principal, id: string): Promise<ConversationView> {
    await access.requireAccess(principal, 'conversation.read', { conversationId: id });
    return load(principal, id);
  }

  /** The caller's conversations (an operator without a user: all), most recent activity first. */
  async function list(principal: Principal, query: ListConversationsQuery): Promise<{ conversations: ConversationView[]; nextCursor: string | null }> {
    const limit = Math.min(Math.max(query.limit ?? 20, 1), 100);
    // Users read the conversations they take part in (conversation.read); operators read all.
    const own = policySql.decidedByParticipation(principal);
    if (!own && (query.unread || query.archived)) {
      throw invalid('participant_filter', 'The "unread" and "archived" filters apply to a user; call as a user (or with X-Parley-User).');
    }
    let after: { at: Date; id: string } | undefined;
    if (query.cursor) {
      const [at, id] = decodeCursor(query.cursor, ['date', 'uuid']);
      after = { at: at as Date, id: id as string };
    }
    const rows = await listConversationsPage(db, {
      participant: own ? { userId: principal.userId, archived: Boolean(query.archived), unread: Boolean(query.unread) } : undefined,
      type: query.type,
      orderId: query.orderId,
      after,
      limit,
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      conversations: await views(principal, page),
      nextCursor: rows.length > limit && last ? encodeCursor([new Date(last.activity_at), last.id]) : null,
    };
  }

  async function setArchived(principal: Principal, id: string, archived: boolean): Promise<ConversationView> {
    const grant = await access.requireAccess(principal, 'conversation.archive', { conversationId: id });
    if (!grant.participant) throw forbidden('not_a_participant', 'Archiving is per participant; only participants can archive.');
    await setParticipantArchived(db, id, principal.userId, archived);
    return load(principal, id);
  }

  /** Adds a participant (a moderator joining a dispute, say). Operators only. */
  async function addParticipant(principal: Principal, id: string, participant: ParticipantInput): Promise<ConversationView> {
    await access.requireAccess(principal, 'conversation.participant.add', { conversationId: id });
    if (!(await insertParticipant(db, id, participant))) throw conflict('already_participant', `${participant.userId} already takes part in this conversation.`);
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
