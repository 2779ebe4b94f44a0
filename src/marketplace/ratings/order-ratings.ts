import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { type Static, Type } from '@sinclair/typebox';
import type { AccessPolicy } from '../../access/policy.ts';
import type { Principal } from '../../auth/principal.ts';
import { decodeCursor, encodeCursor } from '../../cursor.ts';
import type { Db } from '../../db/connect.ts';
import type { OrderRatingsTable } from '../../db/schema.ts';
import { conflict, notFound } from '../../errors.ts';
import type { MessagesService } from '../../messages/messages-service.ts';
import { findResolvedOrderDispute } from '../disputes/sql/findResolvedOrderDispute.ts';
import { translate, type Locale } from '../../i18n/i18n.ts';
import type { Notice, Notifier } from '../marketplace-notifier.ts';
import type { NoticeText } from '../notice-texts.ts';
import { findOrder } from '../orders/sql/findOrder.ts';
import { askForOrderRating } from './sql/askForOrderRating.ts';
import { findOrderRating } from './sql/findOrderRating.ts';
import { listSellerRatingsPage } from './sql/listSellerRatingsPage.ts';
import { rateOrder } from './sql/rateOrder.ts';

export const RATING_COMMENT_MAX = 2000;

export const RatingBody = Type.Object(
  {
    rating: Type.Integer({ minimum: 1, maximum: 5, description: "How the seller communicated: 1 (poorly) to 5 (very well)" }),
    comment: Type.Optional(Type.String({ maxLength: RATING_COMMENT_MAX, description: 'What went well or not, in the buyer’s words' })),
  },
  { additionalProperties: false },
);
export type RatingInput = Static<typeof RatingBody>;

export type RatingReason = 'delivered' | 'dispute_resolved';

export interface OrderRatingView {
  orderId: string;
  conversationId: string;
  sellerId: string;
  /** When the buyer was asked, and why; null when they were not (yet). */
  requestedAt: string | null;
  requestedBecause: RatingReason | null;
  /** 1–5 once the buyer rated; null before. */
  rating: number | null;
  comment: string | null;
  ratedAt: string | null;
  /** Whether the buyer may rate now: the order was delivered or a dispute over it resolved, and it is not rated yet. */
  canRate: boolean;
}

export interface SellerRatingView {
  orderId: string;
  conversationId: string;
  sellerId: string;
  rating: number;
  comment: string | null;
  ratedAt: string;
}

type RatingRow = Selectable<OrderRatingsTable>;
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** The card in the conversation (in the marketplace's language) and the buyer's notice (in theirs): what the buyer is asked. */
export function ratingRequestText(orderId: string, because: RatingReason, locale: Locale = 'en'): { content: string; notice: NoticeText } {
  const why = because === 'delivered' ? 'delivered' : 'disputeResolved';
  return {
    content: translate(locale, `system:rating.request.${why}`, { orderId }),
    notice: { template: 'order.rating', title: 'rating.title', body: `rating.body.${why}`, values: { orderId } },
  };
}

/**
 * Customer satisfaction: once an order is delivered or a dispute over it resolved, its buyer is
 * asked, once per order, to rate the seller's communication (1–5, an optional comment). The ask
 * is a system message in the order's conversation and a notice through the buyer's notification
 * preferences; the rating is given once and never changed. Sellers read theirs in their
 * analytics (see analytics-reports.ts), operators every seller's.
 */
export function createOrderRatings({ db, access, messages, notifier, systemLocale = 'en' }: {
  db: Db;
  access: AccessPolicy;
  messages: MessagesService;
  notifier: Notifier;
  /** The language of the card posted into the conversation (stored once, for everyone). */
  systemLocale?: Locale;
}) {
  /**
   * Prepares the ask for an order (outside the transaction, as notices are), or null for an
   * order Parley does not know. `write` inside the transaction that delivered the order or
   * resolved its dispute: it asks once per order, whichever happens first, and again never.
   */
  async function prepareAsk(orderId: string, because: RatingReason, known?: { buyerId: string; sellerId: string; conversationId: string }) {
    const order = known ?? (await orderParties(orderId));
    if (!order) return null;
    const text = ratingRequestText(orderId, because, systemLocale);
    const notice: Notice = {
      userId: order.buyerId,
      key: `rating-request:${orderId}`,
      text: text.notice,
      action: { type: 'viewOrder' },
      about: { conversationId: order.conversationId },
      vendorId: order.sellerId,
    };
    const prepared = await notifier.prepare([notice]);
    return {
      /** Asks, unless the order was asked (or rated) before; returns what to call after commit. */
      async write(trx: Db): Promise<() => void> {
        const messageId = randomUUID();
        const asked = await askForOrderRating(trx, { orderId, conversationId: order.conversationId, buyerId: order.buyerId, sellerId: order.sellerId, because, messageId });
        if (!asked) return () => {};
        const posted = await messages.postAsPlatform(trx, order.conversationId, {
          messageType: 'rating_request',
          content: text.content,
          payload: { orderId, reason: because },
          automated: true,
          messageId,
        });
        await prepared.write(trx);
        return () => {
          posted.publish();
          prepared.committed();
        };
      },
    };
  }

  async function orderParties(orderId: string) {
    const order = await findOrder(db, orderId);
    return order ? { buyerId: order.buyer_id, sellerId: order.seller_id, conversationId: order.conversation_id } : undefined;
  }

  /** Whether the order may be rated: delivered, or a dispute over it resolved. */
  async function rateable(order: { delivered_at: Date | string | null; order_id: string }): Promise<boolean> {
    if (order.delivered_at) return true;
    return (await findResolvedOrderDispute(db, order.order_id)) !== undefined;
  }

  /** `POST /marketplace/orders/:orderId/rating`: the order's buyer rates the seller's communication, once. */
  async function rate(principal: Principal, orderId: string, input: RatingInput): Promise<OrderRatingView> {
    await access.requireAccess(principal, 'order.rating.write', { orderId });
    const order = await findOrder(db, orderId);
    if (!order) throw notFound('order');
    const existing = await findOrderRating(db, orderId);
    if (existing?.rating != null) throw alreadyRated(orderId);
    if (!(await rateable(order))) {
      throw conflict('order_not_rateable', `Order ${orderId} is ${order.status}: you can rate the seller once it is delivered, or once a dispute over it is resolved.`, { orderId, status: order.status });
    }
    const comment = input.comment?.trim() || null;
    const row = await rateOrder(db, { orderId, conversationId: order.conversation_id, buyerId: order.buyer_id, sellerId: order.seller_id, rating: input.rating, comment });
    if (!row) throw alreadyRated(orderId);
    return view(row, false);
  }

  /** `GET /marketplace/orders/:orderId/rating`: the order's rating, for its buyer, its seller and operators. */
  async function get(principal: Principal, orderId: string): Promise<OrderRatingView> {
    await access.requireAccess(principal, 'order.rating.read', { orderId });
    const order = await findOrder(db, orderId);
    if (!order) throw notFound('order');
    const row = await findOrderRating(db, orderId);
    const canRate = row?.rating == null && principal.userId === order.buyer_id && (await rateable(order));
    if (row) return view(row, canRate);
    return { orderId, conversationId: order.conversation_id, sellerId: order.seller_id, requestedAt: null, requestedBecause: null, rating: null, comment: null, ratedAt: null, canRate };
  }

  /** `GET /marketplace/messaging/seller/ratings`: a seller's ratings, newest first (operators: any seller's, or all). */
  async function listForSeller(principal: Principal, query: { sellerId?: string; cursor?: string; limit?: number }): Promise<{ ratings: SellerRatingView[]; nextCursor: string | null }> {
    await access.requireAccess(principal, 'rating.seller', { sellerId: query.sellerId });
    const sellerId = principal.role === 'seller' ? principal.userId : (query.sellerId ?? null);
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
    const after = query.cursor ? (decodeCursor(query.cursor, ['date', 'string']) as [Date, string]) : undefined;
    const rows = await listSellerRatingsPage(db, { sellerId, after, limit });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      ratings: page.map((r) => ({ orderId: r.order_id, conversationId: r.conversation_id, sellerId: r.seller_id, rating: r.rating!, comment: r.comment, ratedAt: iso(r.rated_at)! })),
      nextCursor: rows.length > limit && last ? encodeCursor([new Date(last.rated_at!), last.order_id]) : null,
    };
  }

  return { prepareAsk, rate, get, listForSeller };
}

function alreadyRated(orderId: string) {
  return conflict('order_already_rated', `Order ${orderId} was rated already; a rating is given once per order and cannot be changed.`, { orderId });
}

function view(row: RatingRow, canRate: boolean): OrderRatingView {
  return {
    orderId: row.order_id,
    conversationId: row.conversation_id,
    sellerId: row.seller_id,
    requestedAt: iso(row.requested_at),
    requestedBecause: row.requested_because as RatingReason | null,
    rating: row.rating,
    comment: row.comment,
    ratedAt: iso(row.rated_at),
    canRate,
  };
}

export type OrderRatings = ReturnType<typeof createOrderRatings>;
