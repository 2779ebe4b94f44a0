import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Analytics } from './analytics-job.ts';

const tags = ['marketplace'];
const UserId = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:@-]+$' });

const freshness =
  'Figures are precomputed by a background job (every PARLEY_ANALYTICS_INTERVAL_SECONDS, 60 by default), so they lag new messages by up to that interval. ' +
  'Platform and automated messages never count. A question is the buyer\'s first message after the seller\'s last reply; the seller\'s next message is its response; a response within 24 hours is on time, a later one is late.';

/** Conversation and seller messaging analytics, and the moderators' list of conversations flagged for negative sentiment. */
export async function analyticsRoutes(app: FastifyInstance, { analytics }: { analytics: Analytics }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/marketplace/messaging/conversations/:id/analytics',
    {
      schema: {
        tags,
        summary: "A conversation's response times, message counts, conversion and buyer sentiment (its seller, its moderators, operators)",
        description: `${freshness} updatedAt is when the job last took in this conversation's messages.`,
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
      },
    },
    async (request) => analytics.conversationAnalytics(request.principal, request.params.id),
  );

  r.get(
    '/marketplace/messaging/seller/analytics/messaging',
    {
      schema: {
        tags,
        summary: "A seller's messaging analytics over 7, 30 and 90 days, with the anonymised marketplace comparison",
        description:
          `${freshness} A seller reads their own figures; an operator names any sellerId, or none for the whole marketplace. ` +
          'Each window\'s "marketplace" holds medians of per-seller figures, without seller ids, and is null when fewer than 5 sellers were active in the window.',
        querystring: Type.Object({ sellerId: Type.Optional(UserId) }, { additionalProperties: false }),
      },
    },
    async (request) => analytics.sellerAnalytics(request.principal, request.query),
  );

  r.get(
    '/marketplace/messaging/moderation/flagged',
    {
      schema: {
        tags,
        summary: 'Conversations flagged for a buyer turning negative, newest first (moderators and operators)',
        querystring: Type.Object(
          {
            reviewed: Type.Optional(Type.Boolean({ description: 'true: reviewed flags only; false: open ones only; omitted: both' })),
            cursor: Type.Optional(Type.String({ maxLength: 200 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => analytics.flagged(request.principal, request.query),
  );

  r.post(
    '/marketplace/messaging/moderation/flags/:flagId/review',
    {
      schema: {
        tags,
        summary: 'Mark a flag reviewed, with an optional note (moderators and operators)',
        params: Type.Object({ flagId: Type.String({ maxLength: 64 }) }, { additionalProperties: false }),
        body: Type.Optional(Type.Object({ note: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })) }, { additionalProperties: false })),
      },
      // No body at all means "reviewed, no note"; the schema alone would reject a missing body.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request) => analytics.review(request.principal, request.params.flagId, request.body?.note),
  );
}
