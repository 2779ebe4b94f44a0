import { createHash, randomUUID } from 'node:crypto';
import { type Static, Type } from '@sinclair/typebox';
import { convertProductInquiries } from '../../conversations/sql/convertProductInquiries.ts';
import { listConvertedInquiries } from '../../conversations/sql/listConvertedInquiries.ts';
import type { Db } from '../../db/connect.ts';
import type { DomainEvent, EventSink } from '../../events/event-sink.ts';
import { conversationCreatedEvent } from '../../conversations/conversations-service.ts';
import { conflict, invalid } from '../../errors.ts';
import { ensureOrderConversation } from '../../conversations/sql/ensureOrderConversation.ts';
import { findOrderEvent } from './sql/findOrderEvent.ts';
import { listOrderEvents } from './sql/listOrderEvents.ts';
import type { RecordOrderCustomer } from '../../audiences/audience-types.ts';
import { advanceOrder } from './sql/advanceOrder.ts';
import { findOrderAndEventTaken } from './sql/findOrderAndEventTaken.ts';
import { insertOrder } from './sql/insertOrder.ts';
import { lockOrder } from './sql/lockOrder.ts';
import { recordOrderEvent } from './sql/recordOrderEvent.ts';
import { canonical } from '../../notifications/accept.ts';
import type { Contact, Contacts } from '../contacts/user-contacts.ts';
import { ContactBody } from '../contacts/user-contacts.ts';
import { type OrderConversations, type OrderRow, type OrderView, orderView } from './order-conversations.ts';
import type { Disputes } from '../disputes/disputes.ts';
import type { MessagesService } from '../../messages/messages-service.ts';
import { type OrderEventFacts, noticesFor, reviewRequestNotice, systemMessageFor } from './order-messages.ts';
import { applyEvent, FULFILMENTS, milestonesOf, ORDER_EVENT_TYPES, type Refusal, refusal, statusOf } from './order-state.ts';
import { type Notice, type Notifier } from '../marketplace-notifier.ts';
import type { MarketplaceSettings } from '../marketplace-settings.ts';
import type { Locale } from '../../i18n/i18n.ts';
import type { OrderRatings } from '../ratings/order-ratings.ts';

const Id = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:@-]+$' });
const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217, e.g. EUR' });
const Party = Type.Composite([Type.Object({ userId: Id }), ContactBody], { additionalProperties: false });

/** An order event from the marketplace: what happened to which order, with the facts of that step. */
export const OrderEventBody = Type.Object(
  {
    eventId: Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:@-]+$', description: 'The marketplace’s id for this event; sending it again changes nothing' }),
    type: Type.Union(ORDER_EVENT_TYPES.map((t) => Type.Literal(t))),
    orderId: Id,
    occurredAt: Type.Optional(Type.String({ format: 'date-time' })),
    buyer: Type.Optional(Party),
    seller: Type.Optional(Party),
    order: Type.Optional(
      Type.Object(
        {
          total: Type.Optional(Type.Number({ minimum: 0 })),
          currency: Type.Optional(Currency),
          fulfilment: Type.Optional(Type.Union(FULFILMENTS.map((f) => Type.Literal(f)), { description: 'How the order is fulfilled; a contact-reveal rule may require one (local pickup, say)' })),
          items: Type.Optional(
            Type.Array(
              Type.Object(
                {
                  productId: Type.Optional(Id),
                  listingId: Type.Optional(Id),
                  title: Type.Optional(Type.String({ maxLength: 300 })),
                  quantity: Type.Optional(Type.Integer({ minimum: 1 })),
                  unitPrice: Type.Optional(Type.Number({ minimum: 0 })),
                  category: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "The product's category in the marketplace (vendors' segments filter on it)" })),
                },
                { additionalProperties: false },
              ),
              { maxItems: 100 },
            ),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    payment: Type.Optional(Type.Object({ amount: Type.Number({ minimum: 0 }), currency: Currency, paymentId: Type.Optional(Id) }, { additionalProperties: false })),
    shipment: Type.Optional(
      Type.Object(
        {
          carrier: Type.String({ minLength: 1, maxLength: 100 }),
          trackingNumber: Type.String({ minLength: 1, maxLength: 100 }),
          trackingUrl: Type.Optional(Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2000 })),
        },
        { additionalProperties: false },
      ),
    ),
    refund: Type.Optional(
      Type.Object({ amount: Type.Optional(Type.Number({ minimum: 0 })), currency: Type.Optional(Currency), reason: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
    ),
    cancellation: Type.Optional(Type.Object({ reason: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false })),
    dispute: Type.Optional(Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false })),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type OrderEvent = Static<typeof OrderEventBody>;

export interface OrderEventResult {
  eventId: string;
  orderId: string;
  type: string;
  /** True when this event id was taken before: nothing changed this time. */
  replayed: boolean;
  conversationId: string;
  messageId: string | null;
  order: OrderView;
  /** The notification requests the event made (see GET /notifications/:requestId). */
  notifications: string[];
  /** Product inquiries this order converted. */
  convertedInquiries: string[];
}

/** Thrown inside the transaction when another delivery of the same event won the race. */
class AlreadyRecorded extends Error {}

/**
 * OrderMessagingAutomation: takes the marketplace's order events (over HTTP or RabbitMQ),
 * follows each order's state, and turns every step into a typed system message in the order's
 * conversation and notices to its buyer and seller. All of an event's effects (the event
 * record, the order, the conversation and its message, the notifications, a dispute) commit
 * in one transaction, so an event is applied once and whole, or not at all.
 */
export function createOrderAutomation(deps: {
  db: Db;
  messages: MessagesService;
  notifier: Notifier;
  contacts: Contacts;
  disputes: Disputes;
  settings: MarketplaceSettings;
  /** The language of the system messages posted into order conversations (stored once, for everyone). */
  systemLocale?: Locale;
  conversations: OrderConversations;
  /** order.* (and conversation.created) events for the event webhooks, recorded in the event's transaction. */
  events: EventSink;
  ratings: OrderRatings;
  /** Records the buyer as the seller's customer (audiences), in the event's transaction. */
  customers?: RecordOrderCustomer;
}) {
  const { db, messages, notifier, contacts, disputes, settings, conversations, systemLocale, ratings } = deps;

  /**
   * Applies one event. `alongside` writes something more in the event's transaction (a push
   * action spending its token), so that both commit or neither does.
   */
  async function handle(event: OrderEvent, source: 'http' | 'amqp' | 'push-action', options: { alongside?: (trx: Db) => Promise<void> } = {}): Promise<OrderEventResult> {
    checkShape(event);
    const hash = createHash('sha256').update(canonical(event)).digest('hex');
    const { order: before, taken } = await orderAndEvent(event);
    if (taken) return (await replay(event, hash))!;

    const at = event.occurredAt ? new Date(event.occurredAt) : new Date();
    if (event.type !== 'placed') checkParties(event, before);
    const refused = refusal(event.orderId, event.type, before && milestonesOf(before));
    if (refused) throw stateConflict(event, refused, before);

    const buyerId = before?.buyer_id ?? event.buyer!.userId;
    const sellerId = before?.seller_id ?? event.seller!.userId;
    const known = new Map<string, Contact>();
    if (event.buyer) known.set(event.buyer.userId, event.buyer);
    if (event.seller) known.set(event.seller.userId, event.seller);
    const stored = await contacts.find([buyerId, sellerId]);
    const disputeId = event.type === 'dispute_opened' ? randomUUID() : undefined;
    const facts: OrderEventFacts = {
      eventId: event.eventId,
      type: event.type,
      orderId: event.orderId,
      buyerId,
      sellerId,
      buyerName: known.get(buyerId)?.name ?? stored.get(buyerId)?.name,
      sellerName: known.get(sellerId)?.name ?? stored.get(sellerId)?.name,
      total: event.order?.total ?? (before?.total != null ? Number(before.total) : undefined),
      currency: event.order?.currency ?? before?.currency ?? undefined,
      itemCount: event.order?.items?.reduce((n, i) => n + (i.quantity ?? 1), 0),
      payment: event.payment,
      shipment: event.shipment,
      refund: event.refund,
      cancellation: event.cancellation,
      dispute: event.dispute,
      disputeId,
      note: event.note,
    };
    const notices: Notice[] = noticesFor(facts);
    if (event.type === 'delivered') notices.push(reviewRequestNotice(event.orderId, buyerId, reviewRequestTime(at)));
    // Each order notice counts towards its seller's KPIs (metadata.vendorId).
    for (const notice of notices) notice.vendorId ??= sellerId;
    const moderatorId = disputeId ? await disputes.pickModerator() : null;
    const prepared = await notifier.prepare(notices, known, stored);
    // Delivered, or a refund that settles an unresolved dispute: the buyer is asked to rate the seller (once per order).
    const rateBecause = event.type === 'delivered' ? 'delivered' : event.type === 'refunded' && before?.disputed_at ? 'dispute_resolved' : null;
    const ask = rateBecause && before ? await ratings.prepareAsk(event.orderId, rateBecause, { buyerId, sellerId, conversationId: before.conversation_id }) : null;

    let outcome: Awaited<ReturnType<typeof apply>> & { asked?: () => void };
    try {
      outcome = await db.transaction().execute(async (trx) => {
        const applied = await apply(trx, event, { hash, at, source, facts, disputeId, moderatorId, writeNotices: prepared.write, alongside: options.alongside });
        return { ...applied, asked: ask ? await ask.write(trx) : undefined };
      });
    } catch (error) {
      if (error instanceof AlreadyRecorded) return (await replay(event, hash))!;
      throw error;
    }
    outcome.publish();
    prepared.committed();
    outcome.asked?.();
    if (outcome.createdConversation) await conversations.announce(outcome.order.conversation_id);
    return {
      eventId: event.eventId,
      orderId: event.orderId,
      type: event.type,
      replayed: false,
      conversationId: outcome.order.conversation_id,
      messageId: outcome.messageId,
      order: orderView(outcome.order),
      notifications: prepared.requestIds,
      convertedInquiries: outcome.converted,
    };
  }

  /** Everything an event changes, inside one transaction. */
  async function apply(
    trx: Db,
    event: OrderEvent,
    ctx: {
      hash: string;
      at: Date;
      source: string;
      facts: OrderEventFacts;
      disputeId?: string;
      moderatorId: string | null;
      writeNotices: (trx: Db) => Promise<void>;
      alongside?: (trx: Db) => Promise<void>;
    },
  ) {
    const messageId = randomUUID();
    const recorded = await recordOrderEvent(trx, { eventId: event.eventId, orderId: event.orderId, type: event.type, at: ctx.at, event, hash: ctx.hash, source: ctx.source, messageId });
    if (!recorded) throw new AlreadyRecorded();
    await ctx.alongside?.(trx);

    let order: OrderRow;
    let createdConversation = false;
    let converted: string[] = [];
    if (event.type === 'placed') {
      ({ order, createdConversation, converted } = await place(trx, event, ctx.at));
      const o = event.order;
      await deps.customers?.(trx, { kind: 'placed', vendorId: order.seller_id, userId: order.buyer_id, at: ctx.at, total: o?.total ?? null, currency: o?.currency ?? null, items: o?.items ?? [] });
    } else {
      const locked = await lockOrder(trx, event.orderId);
      const refused = refusal(event.orderId, event.type, locked && milestonesOf(locked));
      if (refused || !locked) throw stateConflict(event, refused ?? { reason: `Order ${event.orderId} is unknown here.`, early: true }, locked);
      order = await advance(trx, locked, event, ctx.at);
      // Cancelled or refunded (whichever comes first): the order stops counting for the customer.
      if ((event.type === 'cancelled' || event.type === 'refunded') && !locked.cancelled_at && !locked.refunded_at) {
        await deps.customers?.(trx, { kind: 'voided', vendorId: order.seller_id, userId: order.buyer_id, at: ctx.at, total: locked.total === null ? null : Number(locked.total), currency: locked.currency, items: [] });
      }
    }
    await contacts.saveMany([event.buyer, event.seller].filter((p) => p !== undefined), trx);

    const publishers: (() => void)[] = [];
    if (event.type === 'dispute_opened') {
      const opened = await disputes.openWithin(trx, {
        disputeId: ctx.disputeId!,
        conversationId: order.conversation_id,
        orderId: order.order_id,
        openedBy: 'system',
        reason: event.dispute!.reason,
        moderatorId: ctx.moderatorId,
      });
      publishers.push(opened.publish);
    }
    if (event.type === 'refunded') await disputes.settleByRefund(trx, order.conversation_id);
    if ((event.type === 'refunded' || event.type === 'dispute_opened') && order.review_request_id) {
      await notifier.cancelScheduled(trx, order.review_request_id, `Cancelled: order ${order.order_id} was ${event.type === 'refunded' ? 'refunded' : 'disputed'}.`);
    }

    const happened: DomainEvent[] = [];
    if (createdConversation) {
      happened.push(conversationCreatedEvent({ id: order.conversation_id, type: 'order', orderId: order.order_id, productId: null, createdBy: 'system', participants: [{ userId: order.buyer_id, role: 'buyer' }, { userId: order.seller_id, role: 'seller' }] }));
    }
    if (event.type !== 'dispute_opened') {
      happened.push({ type: `order.${event.type}`, sellerId: order.seller_id, occurredAt: ctx.at, data: { orderEventId: event.eventId, conversationId: order.conversation_id, order: orderView(order) } });
    }
    await deps.events.record(trx, happened);

    const content = systemMessageFor(ctx.facts, systemLocale);
    const posted = await messages.postAsPlatform(trx, order.conversation_id, { ...content, metadata: { orderEventId: event.eventId }, automated: true, messageId });
    await ctx.writeNotices(trx);
    return {
      order,
      createdConversation,
      converted,
      messageId,
      publish: () => {
        posted.publish();
        for (const p of publishers) p();
      },
    };
  }

  /** A new order: its conversation (created, or the one opened ahead of the event), its row, and the inquiries it converts. */
  async function place(trx: Db, event: OrderEvent, at: Date) {
    const buyer = event.buyer!;
    const seller = event.seller!;
    const context: Record<string, unknown> = { buyerName: buyer.name, sellerName: seller.name, orderTotal: event.order?.total, currency: event.order?.currency, items: event.order?.items };
    for (const k of Object.keys(context)) if (context[k] === undefined) delete context[k];
    const { conversationId, created } = await ensureOrderConversation(trx, event.orderId, buyer.userId, seller.userId, context, 'system');
    const inserted = await insertOrder(trx, {
      orderId: event.orderId,
      buyerId: buyer.userId,
      sellerId: seller.userId,
      conversationId,
      currency: event.order?.currency ?? null,
      total: event.order?.total ?? null,
      items: event.order?.items ?? [],
      fulfilment: event.order?.fulfilment ?? null,
      placedAt: at,
    });
    if (!inserted) throw stateConflict(event, { reason: `Order ${event.orderId} was already placed.`, early: false }, undefined);
    const converted = await convertInquiries(trx, inserted, event);
    return { order: inserted, createdConversation: created, converted };
  }

  /** An existing order moves one step; `refusal` allowed it. */
  async function advance(trx: Db, order: OrderRow, event: OrderEvent, at: Date): Promise<OrderRow> {
    const m = applyEvent(event.type, milestonesOf(order), at);
    let reviewRequestId = order.review_request_id;
    if (event.type === 'delivered') reviewRequestId = notifier.requestId(`review-request:${order.order_id}`);
    return advanceOrder(trx, order.order_id, { status: statusOf(m), ...m, reviewRequestId, shipment: event.shipment });
  }

  /**
   * An order by the buyer of an inquiry, from its seller, for the inquired product or listing,
   * within the configured window after the inquiry began, converts it.
   */
  async function convertInquiries(trx: Db, order: OrderRow, event: OrderEvent): Promise<string[]> {
    const items = event.order?.items ?? [];
    const productIds = items.flatMap((i) => (i.productId ? [i.productId] : []));
    const listingIds = items.flatMap((i) => (i.listingId ? [i.listingId] : []));
    if (productIds.length === 0 && listingIds.length === 0) return [];
    return convertProductInquiries(trx, {
      orderId: order.order_id,
      buyerId: order.buyer_id,
      sellerId: order.seller_id,
      placedAt: new Date(order.placed_at),
      productIds,
      listingIds,
      windowDays: settings.inquiryConversionDays,
    });
  }

  /** The answer for an event id taken before, or null if it is new; a different body under a used id is a conflict. */
  async function replay(event: OrderEvent, hash: string): Promise<OrderEventResult | null> {
    const stored = await findOrderEvent(db, event.eventId);
    if (!stored) return null;
    if (stored.payload_hash !== hash) {
      throw conflict('event_id_reused', `Event ${event.eventId} was already taken with different content; give a new event a new eventId.`, { eventId: event.eventId });
    }
    const order = (await conversations.orderRow(stored.order_id))!;
    const converted = stored.event_type === 'placed' ? await listConvertedInquiries(db, stored.order_id) : [];
    const keys = [`order-event:${stored.event_id}:buyer`, `order-event:${stored.event_id}:seller`];
    if (stored.event_type === 'delivered') keys.push(`review-request:${stored.order_id}`);
    const made = new Set(await notifier.existingRequestIds(keys.map(notifier.requestId)));
    return {
      eventId: stored.event_id,
      orderId: stored.order_id,
      type: stored.event_type,
      replayed: true,
      conversationId: order.conversation_id,
      messageId: stored.message_id,
      order: orderView(order),
      notifications: keys.map(notifier.requestId).filter((id) => made.has(id)),
      convertedInquiries: converted,
    };
  }

  /** The order as it stands, and whether this event id was taken before: one round trip. */
  async function orderAndEvent(event: OrderEvent): Promise<{ order: OrderRow | undefined; taken: boolean }> {
    return findOrderAndEventTaken(db, event.orderId, event.eventId);
  }

  /** Delivered → the review request, N days later (at once when N is 0, or when the event arrives late). */
  function reviewRequestTime(deliveredAt: Date): Date | undefined {
    if (settings.reviewRequestDays === 0) return undefined;
    const due = new Date(deliveredAt.getTime() + settings.reviewRequestDays * 86_400_000);
    return due.getTime() > Date.now() + 1000 ? due : undefined;
  }

  /** The events of an order, oldest first. */
  async function events(orderId: string) {
    const rows = await listOrderEvents(db, orderId);
    return rows.map((e) => ({
      eventId: e.event_id,
      type: e.event_type,
      occurredAt: new Date(e.occurred_at).toISOString(),
      recordedAt: new Date(e.recorded_at).toISOString(),
      source: e.source,
      messageId: e.message_id,
    }));
  }

  return { handle, events };
}

export type OrderAutomation = ReturnType<typeof createOrderAutomation>;

/** The per-type facts an event must carry; the schema cannot say "shipped needs a shipment". */
function checkShape(event: OrderEvent): void {
  const need = (ok: unknown, field: string, why: string) => {
    if (!ok) throw invalid('missing_field', `A "${event.type}" event needs ${field}: ${why}.`, { field });
  };
  switch (event.type) {
    case 'placed':
      need(event.buyer, '"buyer"', 'the user who ordered');
      need(event.seller, '"seller"', 'the user who sells');
      if (event.buyer!.userId === event.seller!.userId) throw invalid('same_buyer_and_seller', 'The buyer and the seller of an order must be different users.');
      if (event.order?.total !== undefined) need(event.order.currency, '"order.currency"', 'the currency of order.total');
      break;
    case 'paid':
      need(event.payment, '"payment" with amount and currency', 'what was paid');
      break;
    case 'shipped':
      need(event.shipment, '"shipment" with carrier and trackingNumber', 'how the order travels');
      break;
    case 'dispute_opened':
      need(event.dispute, '"dispute" with a reason', 'what the buyer disputes');
      break;
  }
  if (event.refund?.amount !== undefined && !event.refund.currency) throw invalid('missing_field', 'refund.amount needs refund.currency.', { field: 'refund.currency' });
}

/** Later events may repeat the buyer and seller (to update their contacts), but not change them. */
function checkParties(event: OrderEvent, order: OrderRow | undefined): void {
  if (!order) return;
  for (const [party, expected] of [['buyer', order.buyer_id], ['seller', order.seller_id]] as const) {
    const given = event[party]?.userId;
    if (given !== undefined && given !== expected) {
      throw invalid('parties_mismatch', `Order ${order.order_id} has ${expected} as its ${party}; send that userId in "${party}", or leave "${party}" out.`, { field: party });
    }
  }
}

/**
 * 409 order_state_conflict with the reason. `early` says the event may fit later (it arrived
 * before one it depends on), so a queue consumer retries it instead of setting it aside.
 */
function stateConflict(event: OrderEvent, refused: Refusal, order: OrderRow | undefined) {
  return conflict('order_state_conflict', refused.reason, { orderId: event.orderId, status: order?.status ?? null, early: refused.early });
}
