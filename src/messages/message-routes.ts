import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { answers, Shape } from '../http/contract.ts';
import { Message } from './message-shapes.ts';
import { messageTypes } from './payloads.ts';
import type { MessagesService } from './messages-service.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const MessageParams = Type.Object({ id: Type.String({ format: 'uuid' }), messageId: Type.String({ format: 'uuid' }) });
const tags = ['messages'];

export const SendMessageBody = Type.Object(
  {
    content: Type.Optional(Type.String({ maxLength: 10_000 })),
    messageType: Type.Optional(Type.Union(messageTypes.map((t) => Type.Literal(t)))),
    attachments: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 10 })),
    clientMessageId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    payload: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    metadata: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { maxProperties: 20 })),
  },
  { additionalProperties: false },
);

export async function messageRoutes(app: FastifyInstance, { messages }: { messages: MessagesService }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/conversations/:id/messages',
    {
      config: { access: 'message.send' },
      schema: {
        operationId: 'sendMessage',
        tags,
        summary: 'Send a message (idempotent on clientMessageId)',
        description: '201 with the new message; 200 with the stored one when its clientMessageId was sent before.',
        params: IdParams,
        body: SendMessageBody,
        response: answers({ 201: Message, 200: Message }, [403, 404, 413, 415, 429]),
      },
    },
    async (request, reply) => {
      const { message, created } = await messages.send(request.principal, request.params.id, request.body);
      return reply.code(created ? 201 : 200).send(message);
    },
  );

  r.get(
    '/conversations/:id/messages',
    {
      config: { access: 'conversation.read' },
      schema: {
        operationId: 'listMessages',
        tags,
        summary: 'Messages in sequence order: the newest page, or before/after a sequence number',
        response: answers({ 200: Shape({ messages: Type.Array(Message), hasMore: Type.Boolean() }) }, [404]),
        params: IdParams,
        querystring: Type.Object(
          {
            before: Type.Optional(Type.Integer({ minimum: 1 })),
            after: Type.Optional(Type.Integer({ minimum: 0 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => messages.list(request.principal, request.params.id, request.query),
  );

  r.patch(
    '/conversations/:id/messages/:messageId',
    {
      config: { access: 'message.edit' },
      schema: {
        operationId: 'editMessage',
        tags,
        summary: 'Edit your own message within the edit window',
        response: answers({ 200: Message }, [403, 404, 409, 413, 415]),
        params: MessageParams,
        body: Type.Object({ content: Type.String({ maxLength: 10_000 }) }, { additionalProperties: false }),
      },
    },
    async (request) => messages.edit(request.principal, request.params.id, request.params.messageId, request.body.content),
  );

  r.delete(
    '/conversations/:id/messages/:messageId',
    {
      config: { access: 'message.edit' },
      schema: {
        operationId: 'deleteMessage',
        tags,
        summary: 'Delete your own message within the edit window; it stays as "deleted" (answered with it)',
        params: MessageParams,
        response: answers({ 200: Message }, [403, 404, 409, 413, 415]),
      },
    },
    async (request) => messages.remove(request.principal, request.params.id, request.params.messageId),
  );

  r.post(
    '/conversations/:id/read',
    {
      config: { access: 'message.receipt' },
      schema: {
        operationId: 'markConversationRead',
        tags,
        summary: 'Mark messages read up to a sequence number (default: all)',
        response: answers({ 200: Shape({ lastReadSeq: Type.Integer({ minimum: 0 }), unreadCount: Type.Integer({ minimum: 0 }) }) }, [403, 404, 413, 415]),
        params: IdParams,
        body: Type.Optional(Type.Object({ seq: Type.Optional(Type.Integer({ minimum: 0 })) }, { additionalProperties: false })),
      },
      // No body at all means "read everything"; the schema alone would reject a missing body. A
      // JSON null is not a body: it is refused like any other value that is not an object.
      preValidation: async (request) => {
        if (request.body === undefined) request.body = {};
      },
    },
    async (request) => messages.markRead(request.principal, request.params.id, request.body?.seq),
  );

  r.get(
    '/messages/search',
    {
      config: { access: 'message.search' },
      schema: {
        operationId: 'searchMessages',
        tags,
        summary: 'Search messages in the conversations you can see (every word must match)',
        response: answers({ 200: Shape({ messages: Type.Array(Message) }) }, [404]),
        querystring: Type.Object(
          {
            q: Type.String({ minLength: 1, maxLength: 200 }),
            conversationId: Type.Optional(Type.String({ format: 'uuid' })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => ({ messages: await messages.search(request.principal, request.query.q, request.query) }),
  );
}
