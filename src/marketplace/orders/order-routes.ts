import { Type } from '@sinclair/typebox';
import { answers } from '../../http/contract.ts';
import type { App } from '../../http/instance.ts';
import { ConversationParams, MarketplaceId, messagingBase as base, noBodyIsEmpty, PageCursor } from '../marketplace-schemas.ts';
import { type AutomatedNotices, AutomatedNoticeBody } from './automated-notices.ts';
import { INQUIRY_TEMPLATES, type OrderConversations, OrderConversationBody, ProductInquiryBody } from './order-conversations.ts';
import { OrderEventBody, type OrderAutomation } from './order-automation.ts';
import {
  AutomatedNoticeShape,
  InquiryShape,
  InquiryTemplatesShape,
  MyOrdersShape,
  OrderConversationShape,
  OrderEventListShape,
  OrderEventResultShape,
  OrderTimelineShape,
} from './order-schemas.ts';
import { ORDER_STATUSES } from './order-state.ts';

const tags = ['marketplace orders'];

/**
 * The marketplace's order events (also consumed from RabbitMQ when configured), the order and
 * inquiry conversations with their timeline, and automated notices.
 */
export async function orderRoutes(app: App, { orders, conversations, notices }: { orders: OrderAutomation; conversations: OrderConversations; notices: AutomatedNotices }) {
  app.post(
    '/marketplace/orders/events',
    {
      config: { access: 'order.event.write' },
      schema: {
        operationId: 'takeOrderEvent',
        tags,
        summary: 'Take an order event (idempotent on eventId): the order conversation, a typed system message and notices follow',
        description:
          'placed needs buyer and seller; paid needs payment; shipped needs shipment; dispute_opened needs dispute. An event that does not fit the order’s state is refused with 409 order_state_conflict and the reason. ' +
          '201 when the event was taken now, 200 (with Idempotent-Replayed: true) when its eventId was taken before.',
        body: OrderEventBody,
        response: answers({ 200: OrderEventResultShape, 201: OrderEventResultShape }, [403, 409]),
      },
    },
    async (request, reply) => {
      const result = await orders.handle(request.body, 'http');
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(result.replayed ? 200 : 201).send(result);
    },
  );

  app.get(
    '/marketplace/orders/:orderId/events',
    {
      config: { access: 'order.event.read' },
      schema: {
        operationId: 'listOrderEvents',
        tags,
        summary: 'The events taken for an order, oldest first (operators)',
        params: Type.Object({ orderId: MarketplaceId }),
        response: answers({ 200: OrderEventListShape }, [403]),
      },
    },
    async (request) => ({ events: await orders.events(request.params.orderId) }),
  );

  app.post(
    `${base}/conversations/order/:orderId`,
    {
      config: { access: 'order.conversation.open' },
      schema: {
        operationId: 'openOrderConversation',
        tags,
        summary: 'The conversation of an order, created if needed (its buyer or seller; the backend for any order)',
        description: '201 when the conversation was created now, 200 when it existed.',
        params: Type.Object({ orderId: MarketplaceId }),
        body: OrderConversationBody,
        response: answers({ 200: OrderConversationShape, 201: OrderConversationShape }, [403, 404]),
      },
      preValidation: noBodyIsEmpty,
    },
    async (request, reply) => {
      const result = await conversations.openForOrder(request.principal, request.params.orderId, request.body);
      return reply.code(result.created ? 201 : 200).send({ ...result.conversation, order: result.order });
    },
  );

  app.post(
    `${base}/conversations/product/:productId`,
    {
      config: { access: 'inquiry.open' },
      schema: {
        operationId: 'askAboutProduct',
        tags,
        summary: 'Ask a seller about a product (one inquiry per buyer and product; asking again adds the question)',
        description: '201 when the inquiry was created now, 200 when the question was added to the existing one.',
        params: Type.Object({ productId: MarketplaceId }),
        body: ProductInquiryBody,
        response: answers({ 200: InquiryShape, 201: InquiryShape }, [403, 404, 409, 429]),
      },
    },
    async (request, reply) => {
      const result = await conversations.startInquiry(request.principal, request.params.productId, request.body);
      return reply.code(result.created ? 201 : 200).send({ ...result.conversation, message: result.message });
    },
  );

  app.get(
    `${base}/inquiry-templates`,
    {
      config: { access: 'inquiry.open' },
      schema: { operationId: 'listInquiryTemplates', tags, summary: 'The questions a product inquiry can start with', response: answers({ 200: InquiryTemplatesShape }, [403]) },
    },
    async () => ({ templates: Object.entries(INQUIRY_TEMPLATES).map(([key, text]) => ({ key, text })) }),
  );

  app.get(
    `${base}/conversations/my-orders`,
    {
      config: { access: 'order.list' },
      schema: {
        operationId: 'listMyOrderConversations',
        tags,
        summary: "The caller's order conversations with each order's state, most recent activity first",
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Union(ORDER_STATUSES.map((s) => Type.Literal(s)))),
            orderId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
            as: Type.Optional(Type.Union([Type.Literal('buyer'), Type.Literal('seller')])),
            unread: Type.Optional(Type.Boolean()),
            cursor: Type.Optional(PageCursor),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
          },
          { additionalProperties: false },
        ),
        response: answers({ 200: MyOrdersShape }, [403]),
      },
    },
    async (request) => conversations.myOrders(request.principal, request.query),
  );

  app.get(
    `${base}/conversations/:id/order-timeline`,
    {
      config: { access: 'conversation.read' },
      schema: {
        operationId: 'getOrderTimeline',
        tags,
        summary: 'Messages and order events in one list, oldest first within a page (newest page by default)',
        params: ConversationParams,
        querystring: Type.Object(
          { before: Type.Optional(PageCursor), after: Type.Optional(PageCursor), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) },
          { additionalProperties: false },
        ),
        response: answers({ 200: OrderTimelineShape }, [403, 404]),
      },
    },
    async (request) => conversations.timeline(request.principal, request.params.id, request.query),
  );

  app.post(
    `${base}/conversations/:id/auto-notify`,
    {
      config: { access: 'notice.post' },
      schema: {
        operationId: 'postAutomatedNotice',
        tags,
        summary: 'Post an automated notice into the conversation (marked automated) and notify the other participants',
        description: '201 when the notice was posted now, 200 when its clientMessageId was posted before.',
        params: ConversationParams,
        body: AutomatedNoticeBody,
        response: answers({ 200: AutomatedNoticeShape, 201: AutomatedNoticeShape }, [403, 404]),
      },
    },
    async (request, reply) => {
      const result = await notices.post(request.principal, request.params.id, request.body);
      return reply.code(result.created ? 201 : 200).send(result);
    },
  );
}
