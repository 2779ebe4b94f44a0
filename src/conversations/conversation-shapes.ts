import { Type } from '@sinclair/typebox';
import { Shape } from '../http/contract.ts';
import { Message } from '../messages/message-shapes.ts';

const nullableString = (options = {}) => Type.Union([Type.String(options), Type.Null()]);

export const ConversationParticipant = Shape({
  userId: Type.String(),
  name: nullableString({ description: 'From the contact the marketplace gave (PUT /users/:userId/contact).' }),
  role: Type.String(),
  lastReadSeq: Type.Integer({ minimum: 0 }),
  lastDeliveredSeq: Type.Integer({ minimum: 0 }),
});

const conversationFields = {
  conversationId: Type.String({ format: 'uuid' }),
  conversationType: Type.String(),
  orderId: nullableString(),
  productId: nullableString(),
  listingId: nullableString(),
  subject: nullableString(),
  contextMetadata: Type.Record(Type.String(), Type.Unknown()),
  isAutomated: Type.Boolean(),
  participants: Type.Array(ConversationParticipant),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  lastMessageAt: nullableString({ format: 'date-time' }),
  lastMessageSeq: Type.Integer({ minimum: 0 }),
  unreadCount: Type.Integer({ minimum: 0, description: "The caller's own; 0 for an operator who is not a participant." }),
  archived: Type.Boolean({ description: 'Archived by the caller.' }),
};

/** A conversation as its participants see it (ConversationView). */
export const Conversation = Shape(conversationFields);

/** One conversation with who is online, and how long its messages stay editable. */
export const ConversationWithPresence = Shape({
  ...conversationFields,
  participants: Type.Array(Shape({ ...ConversationParticipant.properties, online: Type.Boolean() })),
  messageEditWindowSeconds: Type.Integer({
    minimum: 0,
    description: 'Seconds after sending during which a message\'s sender may edit or delete it (PARLEY_EDIT_WINDOW_SECONDS).',
  }),
});

/** A conversation of the inbox, with its latest message as the caller sees it. */
export const InboxConversation = Shape({ ...conversationFields, lastMessage: Type.Union([Message, Type.Null()]) });
