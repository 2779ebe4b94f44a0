import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { isUuid } from '../auth/access.ts';
import { isOperator, type Principal } from '../auth/principal.ts';
import type { Db } from '../db/connect.ts';
import { conflict, forbidden, notFound } from '../errors.ts';
import type { Acceptor } from './accept.ts';
import type { Feed } from './feed.ts';
import { ChannelSchema, NotificationRequest } from './model.ts';

export function requireOperator(principal: Principal, what: string): void {
  if (!isOperator(principal)) throw forbidden('operator_only', `Only the marketplace backend (an API key) or an operator may ${what}.`);
}

const tags = ['notifications'];
const Uuid = Type.String({ format: 'uuid' });

function deliveryView(row: Record<string, unknown>) {
  const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
  const waiting = ['queued', 'standby', 'sending'].includes(row.status as string);
  return {
    logId: row.log_id,
    channel: row.channel,
    status: row.status,
    step: row.step,
    provider: row.provider,
    attempts: row.attempts,
    maxRetries: row.max_retries,
    sendTime: iso(row.send_time),
    nextAttemptAt: waiting ? iso(row.due_at) : null,
    deliveryTime: iso(row.delivery_time),
    externalMessageId: row.external_message_id,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    history: row.history,
  };
}

export async function notificationRoutes(
  app: FastifyInstance,
  { db, acceptor, feed, wake, batchBodyLimit }: { db: Db; acceptor: Acceptor; feed: Feed; wake: () => void; batchBodyLimit: number },
) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/notifications',
    {
      schema: {
        tags,
        summary: 'Accept a notification (idempotent on requestId; durable before the 202)',
        description: 'Content is literal (message.subject/body/htmlBody/smsText/pushNotification/inAppMessage) or message.template {key, locale, data}.',
        body: NotificationRequest,
      },
    },
    async (request, reply) => {
      requireOperator(request.principal, 'send notifications');
      const result = await acceptor.acceptOne(request.body);
      if (result.status === 'conflict') throw conflict(result.error.code, result.error.message);
      const { replayed, ...answer } = result;
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(202).send(answer);
    },
  );

  r.post(
    '/notifications/batch',
    {
      bodyLimit: batchBodyLimit,
      config: { batchOf: 'notifications' },
      schema: {
        tags,
        summary: 'Accept up to 1,000 notifications in one transaction',
        description: 'Every request is validated first: if any is invalid, none is accepted (400 invalid_batch lists them). A reused requestId with a different body is reported per item as a conflict; the rest are accepted.',
        body: Type.Object({ notifications: Type.Array(NotificationRequest, { minItems: 1, maxItems: 1000 }) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      requireOperator(request.principal, 'send notifications');
      const results = await acceptor.acceptMany(request.body.notifications);
      return reply.code(202).send({
        accepted: results.filter((x) => x.status === 'accepted').length,
        conflicts: results.filter((x) => x.status === 'conflict').length,
        results,
      });
    },
  );

  r.get(
    '/notifications/dead-letters',
    {
      schema: {
        tags,
        summary: 'Deliveries that ran out of attempts, oldest first',
        querystring: Type.Object(
          { channel: Type.Optional(ChannelSchema), after: Type.Optional(Uuid), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      requireOperator(request.principal, 'read the dead-letter queue');
      const limit = request.query.limit ?? 100;
      let q = db.selectFrom('notification_logs').selectAll().where('status', '=', 'dead').orderBy('created_at').orderBy('log_id').limit(limit);
      if (request.query.channel) q = q.where('channel', '=', request.query.channel);
      if (request.query.after) {
        const after = request.query.after;
        q = q.where(sql<boolean>`(created_at, log_id) > (SELECT created_at, log_id FROM notification_logs WHERE log_id = ${after})`);
      }
      const rows = await q.execute();
      return {
        deadLetters: rows.map((row) => ({ requestId: row.request_id, userId: row.user_id, notificationType: row.notification_type, createdAt: new Date(row.created_at as Date).toISOString(), ...deliveryView(row) })),
        next: rows.length === limit ? rows[rows.length - 1]!.log_id : null,
      };
    },
  );

  r.post(
    '/notifications/dead-letters/replay',
    {
      schema: {
        tags,
        summary: 'Queue dead-lettered (or failed) deliveries again, with their attempts reset',
        body: Type.Object({ logIds: Type.Array(Uuid, { minItems: 1, maxItems: 1000, uniqueItems: true }) }, { additionalProperties: false }),
      },
    },
    async (request) => {
      requireOperator(request.principal, 'replay deliveries');
      const entry = JSON.stringify([{ at: new Date().toISOString(), status: 'replayed', detail: `Replayed by ${request.principal.userId}.` }]);
      const result = await db
        .updateTable('notification_logs')
        .set({ status: 'queued', due_at: sql`now()`, attempts: 0, error_code: null, error_message: null, history: sql`history || ${entry}::jsonb` })
        .where('log_id', 'in', request.body.logIds)
        .where('status', 'in', ['dead', 'failed'])
        .returning('log_id')
        .execute();
      const replayed = new Set(result.map((x) => x.log_id));
      if (replayed.size) wake();
      return { replayed: [...replayed], notReplayed: request.body.logIds.filter((id) => !replayed.has(id)) };
    },
  );

  r.get(
    '/notifications/:requestId',
    { schema: { tags, summary: 'Status per channel, with the history of each delivery', params: Type.Object({ requestId: Type.String() }) } },
    async (request) => {
      const { requestId } = request.params;
      if (!isUuid(requestId)) throw notFound('notification');
      const rows = await db.selectFrom('notification_logs').selectAll().where('request_id', '=', requestId).orderBy('step').orderBy('log_id').execute();
      // The recipient may read their own; anyone else who is not an operator learns nothing.
      if (!rows.length || (!isOperator(request.principal) && rows[0]!.user_id !== request.principal.userId)) throw notFound('notification');
      const first = rows[0]!;
      const meta = (first.metadata ?? {}) as Record<string, unknown>;
      return {
        requestId,
        notificationType: first.notification_type,
        userId: first.user_id,
        acceptedAt: new Date(first.created_at as Date).toISOString(),
        priority: meta.priority,
        campaignId: meta.campaignId ?? null,
        deliveries: rows.map(deliveryView),
      };
    },
  );

  // The in-app feed of the caller.
  const feedTags = ['in-app feed'];
  const Mark = Type.Object({ logIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 500 })), all: Type.Optional(Type.Boolean()) }, { additionalProperties: false });

  r.get(
    '/me/notifications',
    {
      schema: {
        tags: feedTags,
        summary: "The caller's in-app notifications, newest first",
        querystring: Type.Object(
          { unread: Type.Optional(Type.Boolean()), cursor: Type.Optional(Type.String({ maxLength: 200 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => feed.list(request.principal.userId, request.query),
  );
  r.get('/me/notifications/unread-count', { schema: { tags: feedTags, summary: 'How many in-app notifications are unread' } }, async (request) => ({
    unread: await feed.unreadCount(request.principal.userId),
  }));
  r.post('/me/notifications/read', { schema: { tags: feedTags, summary: 'Mark notifications read (logIds, or all)', body: Mark } }, async (request) =>
    feed.mark(request.principal.userId, 'read', request.body),
  );
  r.post('/me/notifications/seen', { schema: { tags: feedTags, summary: 'Mark notifications seen (the list was shown)', body: Mark } }, async (request) =>
    feed.mark(request.principal.userId, 'seen', request.body),
  );
  r.post(
    '/me/notifications/:logId/click',
    { schema: { tags: feedTags, summary: "Record that the user followed a notification's action", params: Type.Object({ logId: Type.String() }) } },
    async (request) => {
      if (!isUuid(request.params.logId)) throw notFound('notification');
      return feed.clicked(request.principal.userId, request.params.logId);
    },
  );
}

