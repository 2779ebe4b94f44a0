import { type TSchema, Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { Shape } from '../http/contract.ts';

/**
 * Schemas the marketplace's route files share: ids as the marketplace sends them, cursors, and
 * the shapes of the conversations and messages its answers carry (as the chat API shows them).
 */

export const messagingBase = '/marketplace/messaging';

/** A user, order, product or listing id from the marketplace. */
export const MarketplaceId = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:@-]+$' });
export const ConversationParams = Shape({ id: Type.String({ format: 'uuid' }) });
export const PageCursor = Type.String({ maxLength: 400 });
export const DateTime = Type.String({ format: 'date-time' });
export const NullableDateTime = Type.Union([DateTime, Type.Null()]);
export const NullableString = Type.Union([Type.String(), Type.Null()]);
export const AnyObject = Type.Record(Type.String(), Type.Unknown());

/** A POST without a body means "no options": validated as {}. */
export async function noBodyIsEmpty(request: FastifyRequest): Promise<void> {
  request.body ??= {};
}

export const ConversationShape = Shape({
  conversationId: Type.String({ format: 'uuid' }),
  conversationType: Type.String(),
  orderId: NullableString,
  productId: NullableString,
  listingId: NullableString,
  subject: NullableString,
  contextMetadata: AnyObject,
  isAutomated: Type.Boolean(),
  participants: Type.Array(Shape({ userId: Type.String(), name: NullableString, role: Type.String(), lastReadSeq: Type.Integer(), lastDeliveredSeq: Type.Integer() })),
  createdAt: DateTime,
  updatedAt: DateTime,
  lastMessageAt: NullableDateTime,
  lastMessageSeq: Type.Integer(),
  unreadCount: Type.Integer(),
  archived: Type.Boolean(),
});

export const MessageShape = Shape({
  messageId: Type.String({ format: 'uuid' }),
  conversationId: Type.String({ format: 'uuid' }),
  seq: Type.Integer(),
  senderId: Type.String(),
  messageType: Type.String(),
  content: NullableString,
  payload: Type.Union([AnyObject, Type.Null()]),
  timestamp: DateTime,
  editedAt: NullableDateTime,
  deletedAt: NullableDateTime,
  isSystem: Type.Boolean(),
  isAutomated: Type.Boolean(),
  masked: Type.Boolean(),
  readBy: Type.Array(Type.String()),
  status: Type.Union(['sent', 'delivered', 'read', 'deleted'].map((s) => Type.Literal(s))),
  attachments: Type.Array(
    Shape({
      attachmentId: Type.String(),
      type: Type.Union([Type.Literal('image'), Type.Literal('video'), Type.Literal('voice'), Type.Literal('file')]),
      url: Type.String(),
      fileName: Type.String(),
      mimeType: Type.String(),
      size: Type.Integer(),
      durationMs: Type.Optional(Type.Integer()),
    }),
  ),
  clientMessageId: NullableString,
  metadata: AnyObject,
});

/** The schema, or null. */
export const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** A message's sentiment score (AFINN-165) and the score per word. */
export const SentimentShape = Shape({ score: Type.Number(), comparative: Type.Number() });
