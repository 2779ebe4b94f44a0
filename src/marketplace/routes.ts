import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { isOperator } from '../auth/principal.ts';
import type { Db } from '../db/connect.ts';
import { forbidden } from '../errors.ts';
import { requireOperator } from '../notifications/routes.ts';
import { requireModerator } from './conversation-parties.ts';
import { type AutoNotify, AutoNotifyBody } from './orders/automated-notices.ts';
import { ContactBody, type Contacts } from './contacts/user-contacts.ts';
import { INQUIRY_TEMPLATES, type MarketplaceConversations, OrderConversationBody, ProductInquiryBody } from './orders/order-conversations.ts';
import { DISPUTE_STATUSES, type Disputes } from './disputes/disputes.ts';
import { ORDER_STATUSES } from './orders/order-state.ts';
import { OrderEventBody, type OrderAutomation } from './orders/order-automation.ts';

const tags = ['marketplace'];
const Id = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:@-]+$' });
const ConversationParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Cursor = Type.String({ maxLength: 400 });
const DisputeStatus = Type.Union(DISPUTE_STATUSES.map((s) => Type.Literal(s)));
const base = '/marketplace/messaging';

/** A POST without a body means "no options": validated as {}. */
async function noBodyIsEmpty(request: FastifyRequest): Promise<void> {
  request.body ??= {};
}

/** `POST /marketplace/orders/events`: the marketplace's order events (also consumed from RabbitMQ when configured). */
export async function orderRoutes(app: FastifyInstance, { orders }: { orders: OrderAutomation }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/marketplace/orders/events',
    {
      schema: {
        tags,
        summary: 'Take an order event (idempotent on eventId): the order conversation, a typed system message and notices follow',
        description: 'placed needs buyer and seller; paid needs payment; shipped needs shipment; dispute_opened needs dispute. An event that does not fit the order’s state is refused with 409 order_state_conflict and the reason.',
        body: OrderEventBody,
      },
    },
    async (request, reply) => {
      requireOperator(request.principal, 'send order events');
      const result = await orders.handle(request.body, 'http');
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(result.replayed ? 200 : 201).send(result);
    },
  );

  r.get(
    '/marketplace/orders/:orderId/events',
    { schema: { tags, summary: 'The events taken for an order, oldest first (operators)', params: Type.Object({ orderId: Id }) } },
    async (request) => {
      requireOperator(request.principal, 'read order events');
      return { events: await orders.events(request.params.orderId) };
    },
  );
}

/** How Parley reaches a user by email and SMS: set by the marketplace (also sent with order events). */
export async function contactRoutes(app: FastifyInstance, { contacts }: { contacts: Contacts }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const params = Type.Object({ userId: Id });
  r.put('/users/:userId/contact', { schema: { tags, summary: 'Set how to reach a user (operators)', params, body: ContactBody } }, async (request) => {
    requireOperator(request.principal, 'set contact details');
    await contacts.save(request.params.userId, request.body);
    return (await contacts.find([request.params.userId])).get(request.params.userId);
  });
  r.get('/users/:userId/contact', { schema: { tags, summary: 'How Parley reaches a user (the user themselves, or operators)', params } }, async (request) => {
    if (request.principal.userId !== request.params.userId && !isOperator(request.principal)) {
      throw forbidden('not_your_contact', 'You can only read your own contact details.');
    }
    return (await contacts.find([request.params.userId])).get(request.params.userId) ?? { userId: request.params.userId };
  });
}

/** The seed's order and inquiry conversation endpoints, the timeline, escalation and automated notices. */
export async function conversationRoutes(
  app: FastifyInstance,
  { conversations, disputes, autoNotify }: { conversations: MarketplaceConversations; disputes: Disputes; autoNotify: AutoNotify },
) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    `${base}/conversations/order/:orderId`,
    {
      schema: { tags, summary: 'The conversation of an order, created if needed (its buyer or seller; the backend for any order)', params: Type.Object({ orderId: Id }), body: OrderConversationBody },
      preValidation: noBodyIsEmpty,
    },
    async (request, reply) => {
      const result = await conversations.openForOrder(request.principal, request.params.orderId, request.body);
      return reply.code(result.created ? 201 : 200).send({ ...result.conversation, order: result.order });
    },
  );

  r.post(
    `${base}/conversations/product/:productId`,
    { schema: { tags, summary: 'Ask a seller about a product (one inquiry per buyer and product; asking again adds the question)', params: Type.Object({ productId: Id }), body: ProductInquiryBody } },
    async (request, reply) => {
      const result = await conversations.startInquiry(request.principal, request.params.productId, request.body);
      return reply.code(result.created ? 201 : 200).send({ ...result.conversation, message: result.message });
    },
  );

  r.get(`${base}/inquiry-templates`, { schema: { tags, summary: 'The questions a product inquiry can start with' } }, async () => ({
    templates: Object.entries(INQUIRY_TEMPLATES).map(([key, text]) => ({ key, text })),
  }));

  r.get(
    `${base}/conversations/my-orders`,
    {
      schema: {
        tags,
        summary: "The caller's order conversations with each order's state, most recent activity first",
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Union(ORDER_STATUSES.map((s) => Type.Literal(s)))),
            orderId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
            as: Type.Optional(Type.Union([Type.Literal('buyer'), Type.Literal('seller')])),
            unread: Type.Optional(Type.Boolean()),
            cursor: Type.Optional(Cursor),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => conversations.myOrders(request.principal, request.query),
  );

  r.get(
    `${base}/conversations/:id/order-timeline`,
    {
      schema: {
        tags,
        summary: 'Messages and order events in one list, oldest first within a page (newest page by default)',
        params: ConversationParams,
        querystring: Type.Object(
          { before: Type.Optional(Cursor), after: Type.Optional(Cursor), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => conversations.timeline(request.principal, request.params.id, request.query),
  );

  r.post(
    `${base}/conversations/:id/escalate`,
    {
      schema: {
        tags,
        summary: 'Escalate to a dispute: a moderator joins, the parties are told',
        params: ConversationParams,
        body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }), moderatorId: Type.Optional(Id) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => reply.code(201).send(await disputes.escalate(request.principal, request.params.id, request.body)),
  );

  r.get(`${base}/conversations/:id/disputes`, { schema: { tags, summary: "A conversation's disputes, newest first", params: ConversationParams } }, async (request) => ({
    disputes: await disputes.ofConversation(request.principal, request.params.id),
  }));

  r.post(
    `${base}/conversations/:id/auto-notify`,
    {
      schema: {
        tags,
        summary: 'Post an automated notice into the conversation (marked automated) and notify the other participants',
        params: ConversationParams,
        body: AutoNotifyBody,
      },
    },
    async (request, reply) => {
      const result = await autoNotify(request.principal, request.params.id, request.body);
      return reply.code(result.created ? 201 : 200).send(result);
    },
  );
}

/** The moderation lists: disputes by status and age, masking counts, a dispute's lifecycle. */
export async function moderationRoutes(app: FastifyInstance, { db, disputes }: { db: Db; disputes: Disputes }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const DisputeParams = Type.Object({ disputeId: Type.String({ format: 'uuid' }) });

  r.get(
    `${base}/disputes`,
    {
      schema: {
        tags,
        summary: 'The moderation queue: disputes by status and age, oldest first (moderators)',
        querystring: Type.Object(
          {
            status: Type.Optional(DisputeStatus),
            unresolved: Type.Optional(Type.Boolean()),
            queued: Type.Optional(Type.Boolean()),
            cursor: Type.Optional(Cursor),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => disputes.list(request.principal, request.query),
  );

  r.get(`${base}/disputes/:disputeId`, { schema: { tags, summary: 'One dispute with its history', params: DisputeParams } }, async (request) =>
    disputes.get(request.principal, request.params.disputeId),
  );

  r.patch(
    `${base}/disputes/:disputeId`,
    {
      schema: {
        tags,
        summary: "Move a dispute along its lifecycle (its moderator; the party who opened it may close it)",
        params: DisputeParams,
        body: Type.Object({ status: DisputeStatus, note: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })) }, { additionalProperties: false }),
      },
    },
    async (request) => disputes.changeStatus(request.principal, request.params.disputeId, request.body),
  );

  r.post(
    `${base}/disputes/:disputeId/assign`,
    {
      schema: {
        tags,
        summary: 'Take a dispute (moderators), or assign it to a moderator (operators)',
        params: DisputeParams,
        body: Type.Object({ moderatorId: Type.Optional(Id) }, { additionalProperties: false }),
      },
      preValidation: noBodyIsEmpty,
    },
    async (request) => disputes.assign(request.principal, request.params.disputeId, request.body),
  );

  r.get(
    `${base}/moderation/masking`,
    {
      schema: {
        tags,
        summary: 'Contact details hidden from recipients, counted per conversation and sender (moderators)',
        querystring: Type.Object({ days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }, { additionalProperties: false }),
      },
    },
    async (request) => {
      requireModerator(request.principal, 'see masking counts');
      const days = request.query.days ?? 30;
      const { rows } = await sql<{ conversation_id: string; sender_id: string; messages: number; phone: number; email: number; link: number; last_at: Date }>`
        SELECT conversation_id, sender_id, count(*)::int AS messages,
               sum((masking->>'phone')::int)::int AS phone, sum((masking->>'email')::int)::int AS email, sum((masking->>'link')::int)::int AS link,
               max(created_at) AS last_at
          FROM messages
         WHERE masking IS NOT NULL AND created_at >= now() - make_interval(days => ${days})
         GROUP BY conversation_id, sender_id
         ORDER BY count(*) DESC, max(created_at) DESC
         LIMIT ${request.query.limit ?? 50}`.execute(db);
      return {
        days,
        senders: rows.map((r) => ({
          conversationId: r.conversation_id,
          senderId: r.sender_id,
          messages: r.messages,
          masked: { phone: r.phone, email: r.email, link: r.link },
          lastAt: new Date(r.last_at).toISOString(),
        })),
      };
    },
  );
}
