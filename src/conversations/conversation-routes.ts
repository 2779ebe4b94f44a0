import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { answers, nextCursor } from '../http/contract.ts';
import type { MessagesService } from '../messages/messages-service.ts';
import type { Presence } from '../realtime/presence.ts';
import { Conversation, ConversationWithPresence, InboxConversation } from './conversation-shapes.ts';
import { type ConversationsService, conversationTypes, participantRoles } from './conversations-service.ts';
import { Shape } from '../http/contract.ts';

const Id = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:@-]+$' });
const ConversationType = Type.Union(conversationTypes.map((t) => Type.Literal(t)));
const Participant = Type.Object(
  { userId: Id, role: Type.Union(participantRoles.map((r) => Type.Literal(r))) },
  { additionalProperties: false },
);
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const CreateConversationBody = Type.Object(
  {
    conversationType: Type.Optional(ConversationType),
    orderId: Type.Optional(Id),
    productId: Type.Optional(Id),
    listingId: Type.Optional(Id),
    subject: Type.Optional(Type.String({ maxLength: 300 })),
    contextMetadata: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { maxProperties: 100 })),
    isAutomated: Type.Optional(Type.Boolean()),
    participants: Type.Array(Participant, { minItems: 1, maxItems: 50 }),
  },
  { additionalProperties: false },
);

const tags = ['conversations'];

export async function conversationRoutes(
  app: FastifyInstance,
  {
    conversations,
    messages,
    presence,
    editWindowSeconds,
  }: { conversations: ConversationsService; messages: MessagesService; presence: Presence; editWindowSeconds: number },
) {
  const r = app.withTypeProvider<import('@fastify/type-provider-typebox').TypeBoxTypeProvider>();

  r.post(
    '/conversations',
    {
      config: { access: 'conversation.create' },
      schema: {
        operationId: 'createConversation',
        tags,
        summary: 'Create a conversation (idempotent: one per order, one per buyer and product for inquiries)',
        description: '201 with a new conversation; 200 with the one that already exists for the same order or inquiry.',
        body: CreateConversationBody,
        response: answers({ 201: Conversation, 200: Conversation }, [403, 413, 415]),
      },
    },
    async (request, reply) => {
      const { conversation, created } = await conversations.create(request.principal, request.body);
      return reply.code(created ? 201 : 200).send(conversation);
    },
  );

  r.get(
    '/conversations',
    {
      config: { access: 'conversation.list' },
      schema: {
        operationId: 'listConversations',
        tags,
        summary: "The caller's conversations, most recent activity first, each with its latest message as the caller sees it",
        response: answers({ 200: Shape({ conversations: Type.Array(InboxConversation), nextCursor }) }),
        querystring: Type.Object(
          {
            type: Type.Optional(ConversationType),
            orderId: Type.Optional(Id),
            unread: Type.Optional(Type.Boolean()),
            archived: Type.Optional(Type.Boolean()),
            cursor: Type.Optional(Type.String({ maxLength: 200 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const page = await conversations.list(request.principal, request.query);
      const latest = await messages.latest(page.conversations, request.principal.userId);
      return { ...page, conversations: page.conversations.map((c) => ({ ...c, lastMessage: latest.get(c.conversationId) ?? null })) };
    },
  );

  r.get(
    '/conversations/:id',
    {
      config: { access: 'conversation.read' },
      schema: {
        operationId: 'getConversation',
        tags,
        summary: 'One conversation, with who is online',
        params: IdParams,
        response: answers({ 200: ConversationWithPresence }, [404]),
      },
    },
    async (request) => {
    const conversation = await conversations.get(request.principal, request.params.id);
    const online = await presence.isOnline(conversation.participants.map((p) => p.userId));
    return {
      ...conversation,
      participants: conversation.participants.map((p) => ({ ...p, online: online.has(p.userId) })),
      messageEditWindowSeconds: editWindowSeconds,
    };
    },
  );

  r.post(
    '/conversations/:id/archive',
    {
      config: { access: 'conversation.archive' },
      schema: { operationId: 'archiveConversation', tags, summary: 'Archive for the caller (participants only)', params: IdParams, response: answers({ 200: Conversation }, [403, 404, 413, 415]) },
    },
    async (request) => conversations.setArchived(request.principal, request.params.id, true),
  );
  r.post(
    '/conversations/:id/unarchive',
    {
      config: { access: 'conversation.archive' },
      schema: { operationId: 'unarchiveConversation', tags, summary: 'Bring back from the archive (participants only)', params: IdParams, response: answers({ 200: Conversation }, [403, 404, 413, 415]) },
    },
    async (request) => conversations.setArchived(request.principal, request.params.id, false),
  );

  r.post(
    '/conversations/:id/participants',
    {
      config: { access: 'conversation.participant.add' },
      schema: {
        operationId: 'addParticipant',
        tags,
        summary: 'Add a participant (operators: a moderator to a dispute, say)',
        params: IdParams,
        body: Participant,
        response: answers({ 201: Conversation }, [403, 404, 409, 413, 415]),
      },
    },
    async (request, reply) => reply.code(201).send(await conversations.addParticipant(request.principal, request.params.id, request.body)),
  );
}
