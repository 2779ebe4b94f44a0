import { Type } from '@sinclair/typebox';
import { conflict } from '../../errors.ts';
import { Shape, answers } from '../../http/contract.ts';
import type { App } from '../../http/instance.ts';
import type { Acceptor } from '../accept.ts';
import { CHANNELS, ChannelSchema, NotificationRequest, NotificationTypeSchema } from '../model.ts';
import type { DeliveryStatus } from './delivery-status.ts';

const tags = ['notifications'];
const Uuid = Type.String({ format: 'uuid' });
const Instant = Type.String({ format: 'date-time' });
const OrNull = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T, description?: string) => Type.Union([schema, Type.Null()], description ? { description } : {});

const AcceptedDelivery = Shape({ logId: Uuid, channel: ChannelSchema });
const Accepted = Shape({
  requestId: Uuid,
  status: Type.Literal('accepted'),
  acceptedAt: Instant,
  deliveries: Type.Array(AcceptedDelivery, { description: 'One delivery per channel, in the order of the request.' }),
});
const BatchAccepted = Shape({ ...Accepted.properties, replayed: Type.Boolean({ description: 'The same request was accepted before; this is its first answer.' }) });
const BatchConflict = Shape({
  requestId: Uuid,
  status: Type.Literal('conflict'),
  error: Shape({ code: Type.String(), message: Type.String() }),
});

const HistoryEntry = Shape({
  at: Type.String(),
  status: Type.String(),
  attempt: Type.Optional(Type.Integer()),
  provider: Type.Optional(Type.String()),
  code: Type.Optional(Type.String()),
  detail: Type.Optional(Type.String()),
  device: Type.Optional(Type.String()),
  externalId: Type.Optional(Type.String()),
});
const deliveryFields = {
  logId: Uuid,
  channel: ChannelSchema,
  status: Type.String({ description: 'queued, standby (a later fallback step), sending, sent, delivered, opened, read, clicked, failed, bounced, dead, skipped or cancelled' }),
  step: Type.Integer({ description: 'The fallback step (0 for every channel of an "all" notification).' }),
  provider: OrNull(Type.String()),
  attempts: Type.Integer(),
  maxRetries: Type.Integer(),
  sendTime: OrNull(Instant),
  nextAttemptAt: OrNull(Instant),
  deliveryTime: OrNull(Instant),
  externalMessageId: OrNull(Type.String()),
  errorCode: OrNull(Type.String()),
  errorMessage: OrNull(Type.String()),
  openedAt: OrNull(Instant, 'The first open by a person: an email\'s pixel, or an open the app reported (a click counts as one). Machines never set it.'),
  clickedAt: OrNull(Instant, 'The first click by a person. Machines never set it.'),
  history: Type.Array(HistoryEntry),
};
const Click = Shape({
  at: Instant,
  linkIndex: OrNull(Type.Integer({ description: "The link's place in the email (0 is its first link); null for a click the app reported." })),
  url: OrNull(Type.String({ description: 'Where the link led.' })),
  source: Type.String({ description: 'email_link (a tracked link of an email) or app (reported by the app or the SDK).' }),
  machine: Type.Boolean({ description: 'Judged a machine\'s (a security scanner, a link checker), not a person\'s.' }),
  machineReason: OrNull(Type.String({ description: 'head_request, scanner_agent, too_soon or link_sweep.' })),
});
const Engagement = Shape({
  opens: Type.Integer({ description: 'Opens by a person (each fetch of the pixel, or each open the app reported).' }),
  machineOpens: Type.Integer({ description: 'Opens judged a machine\'s: mail privacy proxies, scanners, HEAD requests, a fetch within 2 s of sending.' }),
  clicks: Type.Array(Click, { description: 'Every click recorded, oldest first (at most 100 per delivery).' }),
});
const Delivery = Shape({ ...deliveryFields, engagement: Engagement });
const DeadLetter = Shape({ requestId: Uuid, userId: Type.String(), notificationType: NotificationTypeSchema, createdAt: Instant, ...deliveryFields });
const NotificationStatus = Shape({
  requestId: Uuid,
  notificationType: NotificationTypeSchema,
  userId: Type.String(),
  acceptedAt: Instant,
  priority: Type.String(),
  campaignId: OrNull(Type.String()),
  deliveries: Type.Array(Delivery),
});

/** Accepting notifications, their status, and the dead-letter queue. */
export async function deliveryRoutes(app: App, { acceptor, status, batchBodyLimit }: { acceptor: Acceptor; status: DeliveryStatus; batchBodyLimit: number }) {
  app.post(
    '/notifications',
    {
      config: { access: 'notification.send' },
      schema: {
        operationId: 'sendNotification',
        tags,
        summary: 'Accept a notification (idempotent on requestId; durable before the 202)',
        description: `Content is literal (message.subject/body/htmlBody/smsText/pushNotification/inAppMessage) or message.template {key, locale, data}. Channels: ${CHANNELS.join(', ')}. A repeated request is answered with its first answer and the header Idempotent-Replayed: true; a reused requestId with a different body is 409 request_id_reused.`,
        body: NotificationRequest,
        response: answers({ 202: Accepted }, [403, 409, 413, 415]),
      },
    },
    async (request, reply) => {
      const result = await acceptor.acceptOne(request.body);
      if (result.status === 'conflict') throw conflict(result.error.code, result.error.message);
      const { replayed, ...answer } = result;
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(202).send(answer);
    },
  );

  app.post(
    '/notifications/batch',
    {
      bodyLimit: batchBodyLimit,
      config: { access: 'notification.send', batchOf: 'notifications' },
      // Up to 1,000 results, each one of two shapes: a schema-driven serializer would validate
      // every item against the union to pick its shape. The schema still documents and (in tests)
      // checks the answer; writing it is plain JSON.
      serializerCompiler: () => (data: unknown) => JSON.stringify(data),
      schema: {
        operationId: 'sendNotificationBatch',
        tags,
        summary: 'Accept up to 1,000 notifications in one transaction',
        description: 'Every request is validated first: if any is invalid, none is accepted (400 invalid_batch lists them). A reused requestId with a different body is reported per item as a conflict; the rest are accepted.',
        body: Type.Object({ notifications: Type.Array(NotificationRequest, { minItems: 1, maxItems: 1000 }) }, { additionalProperties: false }),
        response: answers(
          {
            202: Shape({
              accepted: Type.Integer({ description: 'Requests accepted now or before (replays).' }),
              conflicts: Type.Integer({ description: 'Requests refused for a reused requestId.' }),
              results: Type.Array(Type.Union([BatchAccepted, BatchConflict]), { description: 'One per request, in the order sent.' }),
            }),
          },
          [403, 413, 415],
        ),
      },
    },
    async (request, reply) => {
      const results = await acceptor.acceptMany(request.body.notifications);
      return reply.code(202).send({
        accepted: results.filter((x) => x.status === 'accepted').length,
        conflicts: results.filter((x) => x.status === 'conflict').length,
        results,
      });
    },
  );

  app.get(
    '/notifications/dead-letters',
    {
      config: { access: 'notification.operate' },
      schema: {
        operationId: 'listDeadLetters',
        tags,
        summary: 'Deliveries that ran out of attempts, oldest first',
        querystring: Type.Object(
          {
            channel: Type.Optional(ChannelSchema),
            after: Type.Optional(Type.String({ format: 'uuid', description: 'The `next` of the previous page.' })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
          },
          { additionalProperties: false },
        ),
        response: answers({ 200: Shape({ deadLetters: Type.Array(DeadLetter), next: OrNull(Uuid) }) }, [403]),
      },
    },
    async (request) => status.deadLetters(request.query),
  );

  app.post(
    '/notifications/dead-letters/replay',
    {
      config: { access: 'notification.operate' },
      schema: {
        operationId: 'replayDeadLetters',
        tags,
        summary: 'Queue dead-lettered (or failed) deliveries again, with their attempts reset',
        body: Type.Object({ logIds: Type.Array(Uuid, { minItems: 1, maxItems: 1000, uniqueItems: true }) }, { additionalProperties: false }),
        response: answers(
          { 200: Shape({ replayed: Type.Array(Uuid), notReplayed: Type.Array(Uuid, { description: 'Not dead-lettered or failed, or unknown.' }) }) },
          [403, 413, 415],
        ),
      },
    },
    async (request) => status.replay(request.principal, request.body.logIds),
  );

  app.get(
    '/notifications/:requestId',
    {
      config: { access: 'notification.status' },
      schema: {
        operationId: 'getNotificationStatus',
        tags,
        summary: 'Status per channel, with the history of each delivery (operators, or the recipient)',
        params: Type.Object({ requestId: Type.String() }),
        response: answers({ 200: NotificationStatus }, [404]),
      },
    },
    async (request) => status.status(request.principal, request.params.requestId),
  );
}
