import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ANALYTICS_DEFAULT_HOURS, ANALYTICS_MAX_HOURS, type NotificationAnalyticsService } from './analytics.ts';
import { requireOperator } from './routes.ts';

const description = [
  'Every figure is about the deliveries (one per notification and channel) accepted in the window, in the state they are in now, read from the database: every node answers the same.',
  'The window is the current hour and the hours − 1 whole hours before it (UTC), ending now; series has one point per hour for each channel with deliveries in the window.',
  'Per channel: accepted; pending (queued, a fallback step waiting, or being sent); attempted (sent at least once, or failed, bounced or dead-lettered: skipped, cancelled and pending ones are not); sent (handed to a provider or the in-app feed at least once, delivered ones included);',
  'delivered (confirmed by a provider callback or an in-app socket, or opened, read, clicked since); failed (for good: a permanent refusal, a template error, a bounce or a failure the provider reported); deadLettered (ran out of retries); skipped (preferences, limits, suppressed addresses, an earlier fallback step delivered, no device); cancelled.',
  'sentRate = sent ÷ attempted; deliveryRate = delivered ÷ attempted (null when nothing was attempted). Only in-app sockets and the SendGrid and Twilio callbacks confirm delivery: on other providers deliveries stay sent, so read sentRate there.',
  'latencyMs: from acceptance to the provider call that sent it (sentP50, sentP95; this includes any schedule.sendAt, fallback wait and retries) and to confirmed delivery (deliveredP50, deliveredP95); null when none.',
  'errors: error codes of the failed and dead-lettered deliveries; skipReasons: why deliveries were skipped.',
  "providers: each configured provider in failover order with this process's circuit breaker (state closed, open or half_open; null on a node without the worker role: breakers are per process), and from the window's deliveries the number it sent and its failed calls.",
].join(' ');

/** GET /notifications/analytics: the operator dashboard's delivery figures, from the database. */
export async function notificationAnalyticsRoutes(app: FastifyInstance, { analytics }: { analytics: NotificationAnalyticsService }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/notifications/analytics',
    {
      // The access check comes before the query string's: a non-operator learns nothing, whatever they send.
      preValidation: async (request) => requireOperator(request.principal, 'read notification analytics'),
      schema: {
        tags: ['notifications'],
        summary: 'Delivery analytics per channel, hourly series and provider health (operators); deliveryRate = delivered ÷ attempted, sentRate = sent ÷ attempted',
        description,
        querystring: Type.Object(
          {
            hours: Type.Optional(
              Type.Integer({ minimum: 1, maximum: ANALYTICS_MAX_HOURS, default: ANALYTICS_DEFAULT_HOURS, description: `The window in hours, 1 to ${ANALYTICS_MAX_HOURS} (30 days); ${ANALYTICS_DEFAULT_HOURS} by default` }),
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => analytics.report(request.query.hours ?? ANALYTICS_DEFAULT_HOURS),
  );
}
