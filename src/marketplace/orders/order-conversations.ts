import { randomUUID } from 'node:crypto';
import { type Static, Type } from '@sinclair/typebox';
import type { Selectable } from 'kysely';
import { type AccessPolicy, roleMayHold } from '../../access/policy.ts';
import type { Principal } from '../../auth/principal.ts';
import { type ConversationsService, type ConversationView, conversationCreatedEvent } from '../../conversations/conversations-service.ts';
import type { Db } from '../../db/connect.ts';
import type { EventSink } from '../../events/event-sink.ts';
import type { MarketplaceOrdersTable } from '../../db/schema.ts';
import { forbidden, invalid } from '../../errors.ts';
import type { MessagesService, MessageView } from '../../messages/messages-service.ts';
import { decodeCursor, encodeCursor } from '../../cursor.ts';
import { findOrder } from './sql/findOrder.ts';
import { ensureOrderConversation } from '../../conversations/sql/ensureOrderConversation.ts';
import { findConversationOrderId } from '../../conversations/sql/findConversationOrderId.ts';
import { listOrderConversationsPage } from '../../conversations/sql/listOrderConversationsPage.ts';
import { listOrderEventsByIds } from './sql/listOrderEventsByIds.ts';
import { listOrderTimelinePage } from './sql/listOrderTimelinePage.ts';

const Id = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:@-]+$' });

/** Questions a buyer can start an inquiry with; `{{product_title}}` is the product's title. */
export const INQUIRY_TEMPLATES: Record<string, string> = {
  availability: 'Hi! Is {{product_title}} still available?',
  shipping: 'Hi! How long does shipping take for {{product_title}}, and what does it cost?',
  sizing: 'Hi! Could you help me choose the right size of {{product_title}}?',
  condition: 'Hi! Could you tell me more about the condition of {{product_title}}?',
  custom_order: 'Hi! Could you make a custom version of {{product_title}}?',
  bulk_price: 'Hi! Is there a better price if I buy several of {{product_title}}?',
};

export const ProductInquiryBody = Type.Object(
  {
    sellerId: Id,
    buyerId: Type.Optional(Id),
    listingId: Type.Optional(Id),
    productTitle: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    productUrl: Type.Optional(Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2000 })),
    price: Type.Optional(Type.Number({ minimum: 0 })),
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
    inquiryTemplate: Type.Optional(Type.Union(Object.keys(INQUIRY_TEMPLATES).map((k) => Type.Literal(k)))),
    question: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
    clientMessageId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  },
  { additionalProperties: false },
);
export type ProductInquiryInput = Static<typeof ProductInquiryBody>;

export const OrderConversationBody = Type.Object(
  {
    buyerId: Type.Optional(Id),
    sellerId: Type.Optional(Id),
    contextMetadata: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { maxProperties: 100 })),
  },
  { additionalProperties: false },
);
export type OrderConversationInput = Static<typeof OrderConversationBody>;

/** An order as Parley follows it. */
export interface OrderView {
  orderId: string;
  status: string;
  buyerId: string;
  sellerId: string;
  total: number | null;
  currency: string | null;
  items: unknown[];
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  placedAt: string;
  paidAt: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
  cancelledAt: string | null;
  refundedAt: string | null;
  /** How the order is fulfilled ('delivery', 'local_pickup'); null when the marketplace did not say. */
  fulfilment: string | null;
}

/** A marketplace_orders row. */
export type OrderRow = Selectable<MarketplaceOrdersTable>;

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function orderView(row: OrderRow): OrderView {
  return {
    orderId: row.order_id,
    status: row.status,
    buyerId: row.buyer_id,
    sellerId: row.seller_id,
    total: row.total === null ? null : Number(row.total),
    currency: row.currency,
    items: (row.items as unknown[]) ?? [],
    carrier: row.carrier,
    trackingNumber: row.tracking_number,
    trackingUrl: row.tracking_url,
    placedAt: iso(row.placed_at)!,
    paidAt: iso(row.paid_at),
    shippedAt: iso(row.shipped_at),
    deliveredAt: iso(row.delivered_at),
    cancelledAt: iso(row.cancelled_at),
    refundedAt: iso(row.refunded_at),
    fulfilment: row.fulfilment ?? null,
  };
}

/** One entry of an order timeline: a message, or an order event (Sharetribe's activity feed merges them the same way). */
export type TimelineItem =
  | { kind: 'message'; at: string; message: MessageView }
  | {
      kind: 'order_event';
      at: string;
      event: { eventId: string; type: string; orderId: string; occurredAt: string; recordedAt: string; data: Record<string, unknown>; messageId: string | null };
    };

export interface MyOrdersQuery {
  status?: string;
  orderId?: string;
  as?: 'buyer' | 'seller';
  unread?: boolean;
  cursor?: string;
  limit?: number;
}

/**
 * Order conversations, product inquiries, "my orders" and the order timeline. The order's
 * conversation itself is written by `ensureOrderConversation`, inside the transaction of
 * whatever creates it (an order event, or the endpoint).
 */
export function createOrderConversations({ db, access, messages, conversations, events }: { db: Db; access: AccessPolicy; messages: MessagesService; conversations: ConversationsService; events: EventSink }) {
  const asBackend = (principal: Principal) => roleMayHold(principal, 'marketplace.backend');
  async function orderRow(orderId: string): Promise<OrderRow | undefined> {
    return findOrder(db, orderId);
  }

  /**
   * `POST .../conversations/order/:orderId`: the order's conversation, created if needed. Its
   * buyer and seller may call it once Parley knows the order; the backend (operator) may
   * open one for any order by naming buyerId and sellerId.
   */
  async function openForOrder(principal: Principal, orderId: string, input: OrderConversationInput): Promise<{ conversation: ConversationView; order: OrderView | null; created: boolean }> {
    await access.requireAccess(principal, 'order.conversation.open', { orderId });
    const order = await orderRow(orderId);
    let buyerId = order?.buyer_id;
    let sellerId = order?.seller_id;
    if (!asBackend(principal)) {
      if (input.buyerId || input.sellerId || input.contextMetadata) {
        throw forbidden('operator_only', 'Only the marketplace may set the buyer, the seller or the context of an order conversation.');
      }
    } else if (!order) {
      if (!input.buyerId || !input.sellerId) {
        throw invalid('parties_required', `Order ${orderId} has no events here yet: name its "buyerId" and "sellerId", or send its "placed" event.`);
      }
      buyerId = input.buyerId;
      sellerId = input.sellerId;
    } else if ((input.buyerId && input.buyerId !== buyerId) || (input.sellerId && input.sellerId !== sellerId)) {
      throw invalid('parties_mismatch', `Order ${orderId} is between ${buyerId} (buyer) and ${sellerId} (seller); leave buyerId and sellerId out or give those.`);
    }
    if (buyerId === sellerId) throw invalid('same_buyer_and_seller', 'The buyer and the seller of an order must be different users.');
    const { conversationId, created } = await db
      .transaction()
      .execute(async (trx) => {
        const ensured = await ensureOrderConversation(trx, orderId, buyerId!, sellerId!, input.contextMetadata ?? {}, principal.userId);
        if (ensured.created) {
          const participants = [{ userId: buyerId!, role: 'buyer' }, { userId: sellerId!, role: 'seller' }];
          await events.record(trx, [conversationCreatedEvent({ id: ensured.conversationId, type: 'order', orderId, productId: null, createdBy: principal.userId, participants })]);
        }
        return ensured;
      });
    const conversation = await conversations.get(principal, conversationId);
    if (created) conversations.announceCreated(conversation);
    return { conversation, order: order ? orderView(order) : null, created };
  }

  /**
   * `POST .../conversations/product/:productId`: a buyer asks a seller about a product. There is
   * one inquiry per buyer and product; asking again adds the new question to it.
   */
  async function startInquiry(principal: Principal, productId: string, input: ProductInquiryInput): Promise<{ conversation: ConversationView; message: MessageView; created: boolean }> {
    await access.requireAccess(principal, 'inquiry.open');
    let buyer = principal;
    if (asBackend(principal)) {
      if (!input.buyerId) throw invalid('buyer_id_required', 'As the marketplace, name the buyer who asks in "buyerId".');
      buyer = { userId: input.buyerId, role: 'buyer', viaApiKey: true };
    } else if (input.buyerId && input.buyerId !== principal.userId) {
      throw forbidden('buyer_only', 'A product inquiry is started by its buyer; leave "buyerId" out.');
    }
    if (input.sellerId === buyer.userId) throw invalid('same_buyer_and_seller', 'You cannot ask yourself about your own product.');
    const question = inquiryQuestion(input);
    const context: Record<string, unknown> = {};
    if (input.productTitle) context.productTitle = input.productTitle;
    if (input.productUrl) context.productUrl = input.productUrl;
    if (input.price !== undefined) context.price = input.price;
    if (input.currency) context.currency = input.currency;
    const { conversation, created } = await conversations.create(buyer, {
      conversationType: 'product_inquiry',
      productId,
      listingId: input.listingId,
      subject: input.productTitle,
      contextMetadata: context,
      participants: [
        { userId: buyer.userId, role: 'buyer' },
        { userId: input.sellerId, role: 'seller' },
      ],
    });
    const { message } = await messages.send(buyer, conversation.conversationId, {
      messageType: 'product_inquiry',
      content: question,
      payload: { productId, ...(input.listingId ? { listingId: input.listingId } : {}), question },
      clientMessageId: input.clientMessageId,
      metadata: input.inquiryTemplate ? { inquiryTemplate: input.inquiryTemplate } : undefined,
    });
    return { conversation: created ? conversation : await conversations.get(buyer, conversation.conversationId), message, created };
  }

  /** The caller's order conversations with the state of each order, most recent activity first. */
  async function myOrders(principal: Principal, query: MyOrdersQuery) {
    await access.requireAccess(principal, 'order.list');
    const limit = Math.min(Math.max(query.limit ?? 20, 1), 100);
    const everyone = asBackend(principal);
    if (everyone && (query.as || query.unread)) {
      throw invalid('participant_filter', 'The "as" and "unread" filters apply to a user; call as a user (or with X-Parley-User).');
    }
    const after = query.cursor ? (decodeCursor(query.cursor, ['date', 'uuid']) as [Date, string]) : undefined;
    const rows = await listOrderConversationsPage(db, { userId: principal.userId, everyone, as: query.as, unread: query.unread, status: query.status, orderId: query.orderId, after, limit });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      conversations: page.map((r) => ({
        conversationId: r.id,
        orderId: r.order_id,
        role: r.role,
        participants: r.participants ?? [],
        contextMetadata: r.context_metadata as Record<string, unknown>,
        order: r.order ? orderView(r.order) : null,
        dispute: r.dispute,
        lastMessageAt: iso(r.last_message_at),
        lastMessageSeq: r.last_message_seq,
        unreadCount: Number(r.unread_count ?? 0),
      })),
      nextCursor: rows.length > limit && last ? encodeCursor([new Date(last.activity_at), last.id]) : null,
    };
  }

  /**
   * The conversation's messages and its order's events in one list, oldest first within a
   * page: the newest page by default, `before` for older pages, `after` for newer ones. The
   * system message an event posted is not listed twice: the event carries its `messageId`.
   */
  async function timeline(principal: Principal, conversationId: string, page: { before?: string; after?: string; limit?: number }) {
    await access.requireAccess(principal, 'conversation.read', { conversationId });
    if (page.before && page.after) throw invalid('one_cursor', 'Give "before" or "after", not both.');
    const limit = Math.min(Math.max(page.limit ?? 50, 1), 200);
    const conv = await findConversationOrderId(db, conversationId);
    const cursor = page.before ?? page.after;
    const bound = cursor ? (decodeCursor(cursor, ['date', 'string', 'string']) as [Date, string, string]) : undefined;
    const rows = await listOrderTimelinePage(db, conversationId, conv.order_id, { cursor: bound, newer: Boolean(page.after), limit });
    const more = rows.length > limit;
    const chosen = rows.slice(0, limit);
    if (!page.after) chosen.reverse();

    const messageIds = chosen.filter((r) => r.kind === 'message').map((r) => r.id);
    const eventIds = chosen.filter((r) => r.kind === 'order_event').map((r) => r.id);
    const [shown, events] = await Promise.all([
      messages.byIds(conversationId, messageIds, principal.userId),
      listOrderEventsByIds(db, eventIds),
    ]);
    const messageById = new Map(shown.map((m) => [m.messageId, m]));
    const eventById = new Map(events.map((e) => [e.event_id, e]));
    const items: TimelineItem[] = chosen.map((r) => {
      if (r.kind === 'message') return { kind: 'message', at: new Date(r.at).toISOString(), message: messageById.get(r.id)! };
      const e = eventById.get(r.id)!;
      return {
        kind: 'order_event',
        at: new Date(r.at).toISOString(),
        event: {
          eventId: e.event_id,
          type: e.event_type,
          orderId: e.order_id,
          occurredAt: new Date(e.occurred_at).toISOString(),
          recordedAt: new Date(e.recorded_at).toISOString(),
          data: eventData(e.payload as Record<string, unknown>),
          messageId: e.message_id,
        },
      };
    });
    const cursorOf = (r: (typeof rows)[number]) => encodeCursor([new Date(r.at), r.kind, r.key]);
    const first = chosen[0];
    const lastItem = chosen.at(-1);
    return {
      conversationId,
      orderId: conv.order_id,
      items,
      // Older items exist before the first one (when paging back, or from the newest page).
      olderCursor: first && (page.after ? true : more) ? cursorOf(first) : null,
      newerCursor: lastItem && (page.after ? more : Boolean(page.before)) ? cursorOf(lastItem) : null,
    };
  }

  return { openForOrder, startInquiry, myOrders, timeline, orderRow, announce: conversations.announceCreatedById };
}

export type OrderConversations = ReturnType<typeof createOrderConversations>;

function inquiryQuestion(input: ProductInquiryInput): string {
  if (input.question) return input.question;
  if (!input.inquiryTemplate) throw invalid('question_required', 'Ask something: give "question", or pick an "inquiryTemplate".');
  return INQUIRY_TEMPLATES[input.inquiryTemplate]!.replace('{{product_title}}', input.productTitle ? `"${input.productTitle}"` : 'this item');
}

/** What an order event says beyond its type: the blocks of its payload that apply. */
function eventData(payload: Record<string, unknown>): Record<string, unknown> {
  const keys = ['order', 'payment', 'shipment', 'refund', 'cancellation', 'dispute', 'note'];
  return Object.fromEntries(keys.filter((k) => payload[k] !== undefined).map((k) => [k, payload[k]]));
}
