import { Type } from '@sinclair/typebox';
import { Shape, answers } from '../../http/contract.ts';
import type { App } from '../../http/instance.ts';
import { ANALYTICS_DEFAULT_HOURS, ANALYTICS_MAX_HOURS, type NotificationAnalyticsService } from './delivery-analytics.ts';

const Count = Type.Integer({ minimum: 0 });
const Rate = Type.Union([Type.Number(), Type.Null()]);
const Ms = Type.Union([Type.Integer(), Type.Null()]);
const CodeCounts = Type.Array(Shape({ code: Type.String(), count: Count }));
const Analytics = Shape({
  window: Shape({ from: Type.String({ format: 'date-time' }), to: Type.String({ format: 'date-time' }), hours: Type.Integer() }),
  channels: Type.Array(
    Shape({
      channel: Type.String(),
      accepted: Count,
      pending: Count,
      attempted: Count,
      sent: Count,
      delivered: Count,
      failed: Count,
      deadLettered: Count,
      skipped: Count,
      cancelled: Count,
      sentRate: Rate,
      deliveryRate: Rate,
      latencyMs: Shape({ sentP50: Ms, sentP95: Ms, deliveredP50: Ms, deliveredP95: Ms }),
      errors: CodeCounts,
      skipReasons: CodeCounts,
      engagement: Shape({
        opened: Count,
        clicked: Count,
        openRate: Rate,
        clickRate: Rate,
        machineOnlyOpened: Count,
        machineOnlyClicked: Count,
      }),
    }),
  ),
  series: Type.Array(Shape({ hour: Type.String({ format: 'date-time' }), channel: Type.String(), accepted: Count, sent: Count, delivered: Count, failed: Count, deadLettered: Count })),
  providers: Type.Array(
    Shape({
      name: Type.String(),
      channel: Type.String(),
      configured: Type.Boolean(),
      state: Type.Union([Type.Literal('closed'), Type.Literal('open'), Type.Literal('half_open'), Type.Null()]),
      consecutiveFailures: Type.Union([Type.Integer(), Type.Null()]),
      trialAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      sent: Count,
      failedAttempts: Count,
    }),
  ),
});

const description = [
  'Every figure is about the deliveries (one per notification and channel) accepted in the window, in the state they are in now, read from the database: every node answers the same.',
  'The window is the current hour and the hours − 1 whole hours before it (UTC), ending now; series has one point per hour for each channel with deliveries in the window.',
  'Per channel: accepted; pending (queued, a fallback step waiting, or being sent); attempted (sent at least once, or failed, bounced or dead-lettered: skipped, cancelled and pending ones are not); sent (handed to a provider or the in-app feed at least once, delivered ones included);',
  'delivered (confirmed by a provider callback or an in-app socket, or opened, read, clicked since); failed (for good: a permanent refusal, a template error, a bounce or a failure the provider reported); deadLettered (ran out of retries); skipped (preferences, limits, suppressed addresses, an earlier fallback step delivered, no device); cancelled.',
  'sentRate = sent ÷ attempted; deliveryRate = delivered ÷ attempted (null when nothing was attempted). Only in-app sockets and the SendGrid and Twilio callbacks confirm delivery: on other providers deliveries stay sent, so read sentRate there.',
  'latencyMs: from acceptance to the provider call that sent it (sentP50, sentP95; this includes any schedule.sendAt, fallback wait and retries) and to confirmed delivery (deliveredP50, deliveredP95); null when none.',
  'errors: error codes of the failed and dead-lettered deliveries; skipReasons: why deliveries were skipped.',
  'engagement: opened and clicked count the deliveries a person opened or clicked (an email\'s pixel and tracked links, or the app\'s reports for push and in-app; a click counts as an open); openRate = opened ÷ sent, clickRate = clicked ÷ sent. Opens and clicks judged a machine\'s (mail privacy proxies, security scanners) are in neither: machineOnlyOpened and machineOnlyClicked count the deliveries that only machines opened or clicked.',
  "providers: each configured provider in failover order with this process's circuit breaker (state closed, open or half_open; null on a node without the worker role: breakers are per process), and from the window's deliveries the number it sent and its failed calls.",
].join(' ');

/** GET /notifications/analytics: the operator dashboard's delivery figures, from the database. */
export async function deliveryAnalyticsRoutes(app: App, { analytics }: { analytics: NotificationAnalyticsService }) {
  app.get(
    '/notifications/analytics',
    {
      // The role check (before the query string's) comes first: a non-operator learns nothing, whatever they send.
      config: { access: 'notification.operate' },
      schema: {
        operationId: 'getNotificationAnalytics',
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
        response: answers({ 200: Analytics }, [403]),
      },
    },
    async (request) => analytics.report(request.query.hours ?? ANALYTICS_DEFAULT_HOURS),
  );
}
