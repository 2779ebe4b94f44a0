import { Type } from '@sinclair/typebox';
import { answers, Shape } from '../../http/contract.ts';
import type { App } from '../../http/instance.ts';
import { ConversationParams, DateTime, MarketplaceId, nullable, NullableDateTime, NullableString, SentimentShape } from '../marketplace-schemas.ts';
import type { AnalyticsReports } from './analytics-reports.ts';

const tags = ['marketplace analytics'];
const Seconds = nullable(Type.Number());
const Rate = nullable(Type.Number());
const DayVolume = { day: Type.String({ format: 'date' }), buyerMessages: Type.Integer(), sellerMessages: Type.Integer() };
const ResponseFigures = {
  firstResponseSeconds: Seconds,
  medianResponseSeconds: Seconds,
  averageResponseSeconds: Seconds,
  responses: Type.Integer(),
  responseRate24h: Rate,
  lateResponseRate: Rate,
};

const ConversationAnalyticsShape = Shape({
  conversationId: Type.String({ format: 'uuid' }),
  sellerId: NullableString,
  buyerId: NullableString,
  conversationType: Type.String(),
  ...ResponseFigures,
  unansweredSince: NullableDateTime,
  buyerMessages: Type.Integer(),
  sellerMessages: Type.Integer(),
  converted: NullableString,
  sentiment: Shape({ recent: Type.Array(SentimentShape), average: nullable(Type.Number()), flagged: Type.Boolean() }),
  perDay: Type.Array(Shape(DayVolume)),
  updatedAt: NullableDateTime,
});

const SellerAnalyticsShape = Shape({
  sellerId: NullableString,
  generatedAt: DateTime,
  windows: Type.Array(
    Shape({
      ...ResponseFigures,
      questions: Type.Integer(),
      days: Type.Integer(),
      since: DateTime,
      inquiries: Type.Integer(),
      convertedInquiries: Type.Integer(),
      conversionRate: Rate,
      messageVolume: Type.Array(Shape({ ...DayVolume, activeConversations: Type.Integer(), engagedConversations: Type.Integer() })),
      engagementRate: Rate,
      satisfaction: Shape({
        ratings: Type.Integer(),
        averageRating: nullable(Type.Number()),
        distribution: Type.Array(Shape({ rating: Type.Integer({ minimum: 1, maximum: 5 }), count: Type.Integer() })),
        weekly: Type.Array(Shape({ week: Type.String({ format: 'date' }), ratings: Type.Integer(), averageRating: Type.Number() })),
      }),
      marketplace: nullable(
        Shape({
          sellers: Type.Integer(),
          firstResponseSeconds: Seconds,
          medianResponseSeconds: Seconds,
          averageResponseSeconds: Seconds,
          responseRate24h: Rate,
          lateResponseRate: Rate,
          conversionRate: Rate,
          engagementRate: Rate,
          averageRating: nullable(Type.Number()),
        }),
      ),
    }),
  ),
});

const freshness =
  'Figures are precomputed by a background job (every PARLEY_ANALYTICS_INTERVAL_SECONDS, 60 by default), so they lag new messages by up to that interval. ' +
  'Platform and automated messages never count. A question is the buyer\'s first message after the seller\'s last reply; the seller\'s next message is its response; a response within 24 hours is on time, a later one is late.';

/** Conversation and seller messaging analytics. */
export async function messagingAnalyticsRoutes(app: App, { reports }: { reports: AnalyticsReports }) {
  app.get(
    '/marketplace/messaging/conversations/:id/analytics',
    {
      config: { access: 'analytics.conversation' },
      schema: {
        operationId: 'getConversationAnalytics',
        tags,
        summary: "A conversation's response times, message counts, conversion and buyer sentiment (its seller, its moderators, operators)",
        description: `${freshness} updatedAt is when the job last took in this conversation's messages.`,
        params: ConversationParams,
        response: answers({ 200: ConversationAnalyticsShape }, [403, 404]),
      },
    },
    async (request) => reports.conversationAnalytics(request.principal, request.params.id),
  );

  app.get(
    '/marketplace/messaging/seller/analytics/messaging',
    {
      config: { access: 'analytics.seller' },
      schema: {
        operationId: 'getSellerMessagingAnalytics',
        tags,
        summary: "A seller's messaging analytics over 7, 30 and 90 days, with the anonymised marketplace comparison",
        description:
          `${freshness} A seller reads their own figures; an operator names any sellerId, or none for the whole marketplace. ` +
          'Each window\'s "marketplace" holds medians of per-seller figures, without seller ids, and is null when fewer than 5 sellers were active in the window. ' +
          '"satisfaction" holds the buyers\' ratings of the seller\'s communication given in the window (read when asked, not precomputed): count, average, distribution over 1–5 and per ISO week.',
        querystring: Type.Object({ sellerId: Type.Optional(MarketplaceId) }, { additionalProperties: false }),
        response: answers({ 200: SellerAnalyticsShape }, [403]),
      },
    },
    async (request) => reports.sellerAnalytics(request.principal, request.query),
  );
}
