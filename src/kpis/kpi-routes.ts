import { Type } from '@sinclair/typebox';
import { answers, Shape } from '../http/contract.ts';
import type { App } from '../http/instance.ts';
import { CHANNELS, NOTIFICATION_TYPES } from '../notifications/model.ts';
import { KPI_DEFAULT_DAYS, KPI_MAX_DAYS, type KpiService } from './kpi-service.ts';
import { KPI_CATALOGUE } from './kpi-settings.ts';

const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Number> | ReturnType<typeof Type.Boolean>>(t: T) => Type.Union([t, Type.Null()]);
const Count = (description: string) => Type.Optional(Type.Integer({ minimum: 0, description }));

const KpiShape = Shape({
  name: Type.Union(Object.keys(KPI_CATALOGUE).map((k) => Type.Literal(k))),
  group: Type.Union([Type.Literal('operational'), Type.Literal('engagement')]),
  channel: Nullable(Type.String({ description: 'The channel the KPI covers; null: every channel.' })),
  notificationType: Nullable(Type.String({ description: 'The notification type the KPI covers; null: every type.' })),
  unit: Type.Union([Type.Literal('ratio'), Type.Literal('milliseconds'), Type.Literal('seconds'), Type.Literal('per_second')], {
    description: 'ratio: 0 to 1 (0.995 is 99.5%); per_second: notifications a second.',
  }),
  comparison: Type.Union([Type.Literal('above'), Type.Literal('below'), Type.Literal('at_least')], { description: 'How the actual meets the target: strictly above, strictly below, or at least.' }),
  actual: Nullable(Type.Number({ description: 'null when there is nothing to measure in the window.' })),
  target: Nullable(Type.Number({ description: 'The specification\'s target, or PARLEY_KPI_TARGETS; null: no target.' })),
  met: Nullable(Type.Boolean({ description: 'null when actual or target is null.' })),
  counts: Shape(
    {
      measured: Count('Deliveries with a delivery time (latency).'),
      attempted: Count('Deliveries handed to a provider or the feed at least once, or failed, bounced or dead-lettered.'),
      delivered: Count('Deliveries confirmed delivered (or opened, read or clicked since).'),
      failed: Count('Deliveries that failed or bounced.'),
      deadLettered: Count('Deliveries that ran out of attempts.'),
      opened: Count('Deliveries with an open recorded.'),
      clicked: Count('Deliveries with a click recorded.'),
      questions: Count('Buyer questions asked in the window.'),
      responses: Count('Of them, answered by the vendor.'),
      recipients: Count('People who received a promotional notification.'),
      engagedRecipients: Count('People who opened or clicked a promotional notification.'),
      convertedRecipients: Count('Of them, people who ordered within the attribution window.'),
      orders: Count('Orders placed within the attribution window after an open or click.'),
      promotionalDelivered: Count('Promotional deliveries on the channel.'),
      withdrawn: Count('Promotional consents withdrawn on the channel (unsubscribe, SMS STOP, preferences; erasures do not count).'),
      dispatched: Count('Deliveries handed over (with a delivery time) among those accepted in the window.'),
      busiestSecond: Count('Of them, handed over in the busiest second.'),
      busiestFiveMinutes: Count('Of them, handed over in the busiest five minutes (on the clock: 12:00 to 12:05…).'),
      minutesUp: Count('Minutes in which at least one Parley process was up and could write to its database.'),
      minutesMeasured: Count('Minutes of the window since Parley first ran, up to the current minute.'),
    },
    { description: 'The counts the actual was computed from.' },
  ),
});

const KpiReportShape = Shape({
  window: Shape({ from: Type.String({ format: 'date-time' }), to: Type.String({ format: 'date-time' }) }),
  filters: Shape({ channel: Nullable(Type.String()), notificationType: Nullable(Type.String()), vendorId: Nullable(Type.String()) }),
  attributionHours: Type.Integer(),
  generatedAt: Type.String({ format: 'date-time' }),
  kpis: Type.Array(KpiShape),
});

/** The specification's KPIs (§5) beside their targets: operators everyone's, sellers their own. */
export async function kpiRoutes(app: App, { kpis }: { kpis: KpiService }) {
  app.get(
    '/kpis',
    {
      config: { access: 'kpi.read' },
      schema: {
        operationId: 'getKpis',
        tags: ['kpis'],
        summary: 'Delivery, engagement and business KPIs over a window, each beside its target',
        description:
          `Notifications accepted in [from, to) (default: the last ${KPI_DEFAULT_DAYS} days; at most ${KPI_MAX_DAYS}). ` +
          'A notification counts for a vendor when its metadata.vendorId is theirs (order notifications carry their seller). ' +
          'Sellers see their own KPIs (vendorId is theirs; another vendor is refused with 403); operators name any vendorId, or none for the whole marketplace. ' +
          'Latency runs from acceptance (created_at) to delivery; vendor response time is the average over buyer questions asked in the window, and ignores channel and type. ' +
          'A promotional conversion is an order by the same person (with the vendor, for a vendor) within PARLEY_KPI_ATTRIBUTION_HOURS after they opened or clicked a promotional notification.',
        querystring: Type.Object(
          {
            from: Type.Optional(Type.String({ format: 'date-time' })),
            to: Type.Optional(Type.String({ format: 'date-time' })),
            channel: Type.Optional(Type.Union(CHANNELS.map((c) => Type.Literal(c)))),
            type: Type.Optional(Type.Union(NOTIFICATION_TYPES.map((t) => Type.Literal(t)))),
            vendorId: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
          },
          { additionalProperties: false },
        ),
        response: answers({ 200: KpiReportShape }, [403]),
      },
    },
    async (request) => kpis.report(request.principal, request.query),
  );
}
