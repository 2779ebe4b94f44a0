import { Type } from '@sinclair/typebox';
import { Shape } from '../../http/contract.ts';
import { AnyObject, ConversationShape, DateTime, MessageShape, nullable, NullableDateTime, NullableString } from '../marketplace-schemas.ts';

/** The response bodies of the order routes. */

export const OrderShape = Shape({
  orderId: Type.String(),
  status: Type.String(),
  buyerId: Type.String(),
  sellerId: Type.String(),
  total: Type.Union([Type.Number(), Type.Null()]),
  currency: NullableString,
  items: Type.Array(Type.Unknown()),
  carrier: NullableString,
  trackingNumber: NullableString,
  trackingUrl: NullableString,
  placedAt: DateTime,
  paidAt: NullableDateTime,
  shippedAt: NullableDateTime,
  deliveredAt: NullableDateTime,
  cancelledAt: NullableDateTime,
  refundedAt: NullableDateTime,
  fulfilment: Type.Union([Type.String(), Type.Null()], { description: 'How the order is fulfilled (delivery, local_pickup), as its "placed" event said; null when it did not.' }),
});

export const OrderEventResultShape = Shape({
  eventId: Type.String(),
  orderId: Type.String(),
  type: Type.String(),
  replayed: Type.Boolean({ description: 'True when this event id was taken before: nothing changed this time.' }),
  conversationId: Type.String({ format: 'uuid' }),
  messageId: NullableString,
  order: OrderShape,
  notifications: Type.Array(Type.String(), { description: 'The notification requests the event made (see GET /notifications/:requestId).' }),
  convertedInquiries: Type.Array(Type.String(), { description: 'Product inquiries this order converted.' }),
});

export const OrderEventListShape = Shape({
  events: Type.Array(Shape({ eventId: Type.String(), type: Type.String(), occurredAt: DateTime, recordedAt: DateTime, source: Type.String(), messageId: NullableString })),
});

export const OrderConversationShape = Shape({ ...ConversationShape.properties, order: nullable(OrderShape) });
export const InquiryShape = Shape({ ...ConversationShape.properties, message: MessageShape });
export const InquiryTemplatesShape = Shape({ templates: Type.Array(Shape({ key: Type.String(), text: Type.String() })) });

export const MyOrdersShape = Shape({
  conversations: Type.Array(
    Shape({
      conversationId: Type.String({ format: 'uuid' }),
      orderId: NullableString,
      role: Type.Union([Type.String(), Type.Null()], { description: "The caller's role in it; null for an operator who is not a participant." }),
      participants: Type.Array(Shape({ userId: Type.String(), role: Type.String() })),
      contextMetadata: nullable(AnyObject),
      order: nullable(OrderShape),
      dispute: nullable(Shape({ disputeId: Type.String(), status: Type.String() })),
      lastMessageAt: NullableDateTime,
      lastMessageSeq: Type.Integer(),
      unreadCount: Type.Integer(),
    }),
  ),
  nextCursor: NullableString,
});

export const OrderTimelineShape = Shape({
  conversationId: Type.String({ format: 'uuid' }),
  orderId: NullableString,
  items: Type.Array(
    Type.Union([
      Shape({ kind: Type.Literal('message'), at: DateTime, message: MessageShape }),
      Shape({
        kind: Type.Literal('order_event'),
        at: DateTime,
        event: Shape({ eventId: Type.String(), type: Type.String(), orderId: Type.String(), occurredAt: DateTime, recordedAt: DateTime, data: AnyObject, messageId: NullableString }),
      }),
    ]),
  ),
  olderCursor: NullableString,
  newerCursor: NullableString,
});

export const AutomatedNoticeShape = Shape({ message: MessageShape, notifications: Type.Array(Type.String()), created: Type.Boolean() });
