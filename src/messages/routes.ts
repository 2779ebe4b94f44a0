import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { messageTypes } from './payloads.ts';
import type { MessagesService } from './service.ts';

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
    { schema: { tags, summary: 'Send a message (idempotent on clientMessageId)', params: IdParams, body: SendMessageBody } },
    async (request, reply) => {
      const { message, created } = await messages.send(request.principal, request.params.id, request.body);
      return reply.code(created ? 201 : 200).send(message);
    },
  );

  r.get(
    '/conversations/:id/messages',
    {
      schema: {
        tags,
        summary: 'Messages in sequence order: the newest page, or before/after a sequence number',
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
      schema: {
        tags,
        summary: 'Edit your own message within the edit window',
        params: MessageParams,
        body: Type.Object({ content: Type.String({ maxLength: 10_000 }) }, { additionalProperties: false }),
      },
    },
    async (request) => messages.edit(request.principal, request.params.id, request.params.messageId, request.body.content),
  );

  r.delete(
    '/conversations/:id/messages/:messageId',
    { schema: { tags, summary: 'Delete your own message within the edit window; it stays as "deleted"', params: MessageParams } },
    async (request) => messages.remove(request.principal, request.params.id, request.params.messageId),
  );

  r.post(
    '/conversations/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark messages read up to a sequence number (default: all)',
        params: IdParams,
        body: Type.Optional(Type.Object({ seq: Type.Optional(Type.Integer({ minimum: 0 })) }, { additionalProperties: false })),
      },
      // No body at all means "read everything"; the schema alone would reject a missing body.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request) => messages.markRead(request.principal, request.params.id, request.body?.seq),
  );

  r.get(
    '/messages/search',
    {
      schema: {
        tags,
        summary: 'Search messages in the conversations you can see (every word must match)',
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
