import { Type } from '@sinclair/typebox';
import { answers, nextCursor, Shape } from '../../http/contract.ts';
import type { App } from '../../http/instance.ts';
import { DateTime, MarketplaceId, messagingBase as base, nullable, NullableDateTime, NullableString, PageCursor } from '../marketplace-schemas.ts';
import { type OrderRatings, RatingBody } from './order-ratings.ts';

const tags = ['customer satisfaction'];
const Reason = nullable(Type.Union([Type.Literal('delivered'), Type.Literal('dispute_resolved')]));

const OrderRatingShape = Shape({
  orderId: Type.String(),
  conversationId: Type.String({ format: 'uuid' }),
  sellerId: Type.String(),
  requestedAt: NullableDateTime,
  requestedBecause: Reason,
  rating: nullable(Type.Integer({ minimum: 1, maximum: 5 })),
  comment: NullableString,
  ratedAt: NullableDateTime,
  canRate: Type.Boolean(),
});

const SellerRatingsShape = Shape({
  ratings: Type.Array(
    Shape({ orderId: Type.String(), conversationId: Type.String({ format: 'uuid' }), sellerId: Type.String(), rating: Type.Integer({ minimum: 1, maximum: 5 }), comment: NullableString, ratedAt: DateTime }),
  ),
  nextCursor,
});

const OrderParams = Type.Object({ orderId: MarketplaceId });

/** Customer satisfaction: the buyer rates the seller's communication about an order; sellers read their ratings. */
export async function ratingRoutes(app: App, { ratings }: { ratings: OrderRatings }) {
  app.post(
    '/marketplace/orders/:orderId/rating',
    {
      config: { access: 'order.rating.write' },
      schema: {
        operationId: 'rateOrder',
        tags,
        summary: "The order's buyer rates the seller's communication (1–5, an optional comment), once per order",
        description:
          'Possible once the order is delivered or a dispute over it is resolved (409 order_not_rateable before). A second rating is refused with 409 order_already_rated: ' +
          "a rating is never changed. Only the order's buyer may rate (403 buyer_only for its seller and operators, 404 for anyone else).",
        params: OrderParams,
        body: RatingBody,
        response: answers({ 201: OrderRatingShape }, [403, 404, 409]),
      },
    },
    async (request, reply) => reply.code(201).send(await ratings.rate(request.principal, request.params.orderId, request.body)),
  );

  app.get(
    '/marketplace/orders/:orderId/rating',
    {
      config: { access: 'order.rating.read' },
      schema: {
        operationId: 'getOrderRating',
        tags,
        summary: "An order's rating: whether its buyer was asked, what they gave, and whether they can rate now (its buyer, its seller, operators)",
        params: OrderParams,
        response: answers({ 200: OrderRatingShape }, [403, 404]),
      },
    },
    async (request) => ratings.get(request.principal, request.params.orderId),
  );

  app.get(
    `${base}/seller/ratings`,
    {
      config: { access: 'rating.seller' },
      schema: {
        operationId: 'listSellerRatings',
        tags,
        summary: "A seller's ratings from buyers, newest first (sellers their own; operators any seller's, or every seller's without sellerId)",
        querystring: Type.Object(
          { sellerId: Type.Optional(MarketplaceId), cursor: Type.Optional(PageCursor), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) },
          { additionalProperties: false },
        ),
        response: answers({ 200: SellerRatingsShape }, [403]),
      },
    },
    async (request) => ratings.listForSeller(request.principal, request.query),
  );
}
